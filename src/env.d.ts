/// <reference types="vite-plugin-pwa/react" />
/** True only in the browser tests' build (vite.config.ts): enables src/workers/trainer/testHooks.ts. */
declare const __TEST_HOOKS__: boolean;
