/// <reference lib="webworker" />
/**
 * The training worker's entry: TensorFlow.js lives only here. All logic is in handler.ts; this file
 * wires it to the worker's message port, once.
 */
import { debugLoseContext } from '../../model/engine/backend';
import { TrainerHandler } from './handler';
import type { FromWorker, ToWorker } from './protocol';
import type { TestHookMessage } from './testHooks';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handler = new TrainerHandler((msg: FromWorker, transfer?: Transferable[]) =>
  scope.postMessage(msg, transfer ?? []),
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
  void handler.handle(msg);
};
