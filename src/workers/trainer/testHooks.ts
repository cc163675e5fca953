/**
 * Fault injection for the browser tests, compiled only into a test build: `__TEST_HOOKS__` is a
 * build-time constant (vite.config.ts) that only the browser tests' build sets, so the production
 * bundle has neither the hooks nor the event log.
 */

/** What a test can make the worker do. */
export type TestHookName = 'loseContext' | 'crash';

/** Page → worker, test builds only; not part of the production protocol. */
export interface TestHookMessage {
  type: 'testHook';
  hook: TestHookName;
}
