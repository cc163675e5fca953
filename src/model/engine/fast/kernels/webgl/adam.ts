/**
 * The Adam rule of ../../adam.ts as three elementwise shaders (m, v, then w) instead of ~13 tfjs
 * kernels, on the flat parameter vector of the tensor store (../../paramStore.ts). Same operation
 * order as the tfjs-ops version; the learning rate and ε are baked into the shaders, the bias
 * corrections are uniforms, so the programs compile once per vector size.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { BETA1, BETA2, biasCorrections, type AdamDeviceStepFactory } from '../../adam';
import { run, type Program } from './program';

/** Elementwise program over flat [n] inputs (unpacked) with float uniforms. */
const elementwise = (n: number, names: string[], uniforms: string[], expr: string): Program => ({
  variableNames: names,
  outputShape: [n],
  customUniforms: uniforms.map((name) => ({ name, type: 'float' })),
  userCode: `void main() {
    int i = getOutputCoords();
    ${names.map((x) => `float ${x.toLowerCase()} = get${x}(i);`).join(' ')}
    setOutput(${expr});
  }`,
});

/** See {@link AdamDeviceStepFactory}; webgl backend only. */
export const webglAdam: AdamDeviceStepFactory = (n, { learningRate, epsilon }) => {
  const f = (x: number): string => x.toExponential(9);
  const mProg = elementwise(n, ['M', 'G'], [], `m * ${f(BETA1)} + g * ${f(1 - BETA1)}`);
  const vProg = elementwise(n, ['V', 'G'], [], `v * ${f(BETA2)} + g * g * ${f(1 - BETA2)}`);
  const wProg = elementwise(
    n,
    ['M', 'V', 'W'],
    ['c1', 'c2'],
    `m / c1 / (sqrt(v / c2) + ${f(epsilon)}) * ${f(-learningRate)} + w`,
  );
  return (m, v, w, g, t) => {
    const newM = run(mProg, [m, g]) as tf.Tensor as tf.Tensor1D;
    const newV = run(vProg, [v, g]) as tf.Tensor as tf.Tensor1D;
    const [c1, c2] = biasCorrections(t);
    const newW = run(wProg, [newM, newV, w], [[c1], [c2]]) as tf.Tensor as tf.Tensor1D;
    return { m: newM, v: newV, w: newW };
  };
};
