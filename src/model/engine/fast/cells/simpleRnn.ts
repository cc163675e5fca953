/**
 * SimpleRNN behind the {@link Cell} contract: h_t = act(P_t + h_{t−1}·U). The recurrence is entirely
 * the backend's (FastKernels.rnn: loops on cpu and wasm, shaders on webgl, tfjs ops elsewhere), and on
 * webgl all layers run at once along the wavefront when the shapes allow it.
 */
import type { ActivationFn } from '../activations';
import { nextStepHiddenGrad, type Cell } from './cell';

/** A SimpleRNN cell with `activation`; it keeps nothing beyond its states for the backward pass. */
export function simpleRnnCell(activation: ActivationFn): Cell<null> {
  return {
    gates: 1,
    forward: (proj, recurrent, steps, k) => ({
      stacked: k.rnn.forward(proj, recurrent, steps, activation),
      state: null,
    }),
    backward: (run, recurrent, dOut, dLast, steps, k) =>
      k.rnn.backward(run.stacked, recurrent, dOut, dLast, steps, activation),
    hiddenGrad: (_run, recurrent, dZ, dOut, dLast, steps, k) =>
      nextStepHiddenGrad(recurrent, dZ, dOut, dLast, steps, k),
    stack(k, b, units) {
      const wave = k.rnn.wave;
      if (!wave || !wave.applies(b, units)) return null;
      return {
        forward: (proj0, layers, masks, steps) =>
          wave
            .forward(proj0, layers, masks, steps, activation)
            .map((stacked) => ({ stacked, state: null })),
        backward: (runs, layers, masks, dLast, steps) =>
          wave.backward(
            runs.map((r) => r.stacked),
            layers,
            masks,
            dLast,
            steps,
            activation,
          ),
      };
    },
  };
}
