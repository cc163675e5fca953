/// <reference types="vite-plugin-pwa/react" />
/** True only in the browser tests' build (vite.config.ts): enables src/workers/trainer/testHooks.ts. */
declare const __TEST_HOOKS__: boolean;
/** package.json's version (vite.config.ts); read through model/core/modelMetadata.ts APP_VERSION. */
declare const __APP_VERSION__: string;
