// Placeholder replaced by the engine branch (wt-engine).
import type { TrainConfig } from '../core/config';
import type { NetworkInspection } from '../core/inspect';
import type { TrainingEngine } from './contract';

export interface InspectInput {
  window: Float32Array;
  batchX: Float32Array;
  batchY: Float32Array;
  layer: number;
}

export function inspectNetwork(
  _engine: TrainingEngine,
  _config: TrainConfig,
  _timesteps: number,
  _input: InspectInput,
): Promise<NetworkInspection> {
  return Promise.reject(new Error('not built yet'));
}
