/**
 * The gated cells' wavefronts on webgl, the kernel set's `gatedWave`: LSTM (gatedWaveLstm.ts) and GRU
 * (gatedWaveGru.ts) with every layer advancing along the diagonals of the (layer, time) grid, as
 * SimpleRNN's (wave.ts); the shared GLSL is in gatedWaveShared.ts.
 */
import type { GatedWavefronts } from '../types';
import { gruWavefront } from './gatedWaveGru';
import { lstmWavefront } from './gatedWaveLstm';

/** The webgl gated wavefronts: packed shaders, so b and u even (else the per-step path runs). */
export const webglGatedWavefronts: GatedWavefronts = {
  applies: (b, u) => b % 2 === 0 && u % 2 === 0,
  lstm: lstmWavefront,
  gru: gruWavefront,
};
