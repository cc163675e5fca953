/// <reference lib="webworker" />
/**
 * The training worker's entry: TensorFlow.js lives only here. All logic is in handler.ts; this file
 * wires it to the worker's message port, once.
 */
import { debugLoseContext } from '../../model/engine/backend';
import { TrainerHandler } from './handler';
import type { ToWorker, WorkerReport } from './protocol';
import { createDatasetStamp } from './stamp';
import type { TestHookMessage } from './testHooks';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const datasets = createDatasetStamp();
const handler = new TrainerHandler((msg: WorkerReport, transfer?: Transferable[]) =>
  scope.postMessage(datasets.stamp(msg), transfer ?? []),
);

scope.onmessage = (e: MessageEvent<ToWorker | TestHookMessage>) => {
  const msg = e.data;
  if (msg.type === 'testHook') {
    // A constant false outside the browser tests' build: the bundler drops this block.
    if (__TEST_HOOKS__) {
      if (msg.hook === 'crash') throw new Error('Simulated worker crash (test hook).');
      if (!debugLoseContext())
        console.warn('Test hook loseContext: not on WebGL, nothing to lose.');
    }
    return;
  }
  datasets.note(msg);
  void handler.handle(msg);
};

// The module loaded: the client's watchdog now knows the worker runs (see client.ts).
scope.postMessage(datasets.stamp({ type: 'alive', runId: 0 }));
