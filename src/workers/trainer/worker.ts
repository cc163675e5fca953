/// <reference lib="webworker" />
/**
 * The training worker's entry: TensorFlow.js lives only here. All logic is in handlers.ts; this file
 * wires it to the worker's message port, once.
 */
import { TrainerHandler } from './handler';
import type { FromWorker, ToWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handler = new TrainerHandler((msg: FromWorker, transfer?: Transferable[]) =>
  scope.postMessage(msg, transfer ?? []),
);

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  if (e.data.type === 'debugCrash') throw new Error('Simulated worker crash (test-only message).');
  void handler.handle(e.data);
};
