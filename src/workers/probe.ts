/**
 * WebGL diagnostics: runs TensorFlow.js's WebGL backend in a throwaway Web Worker and reports
 * what it found (backend, GPU renderer, a checked matMul). Nothing here loads tfjs on the page:
 * the worker is a separate build entry (see vite.config.ts), fetched only when `probeWebgl()` runs.
 */

/** What the probe worker posts back once, then it is terminated. */
export interface WebglProbeResult {
  /** `tf.getBackend()` after `setBackend('webgl')`; anything but 'webgl' means no GPU path. */
  backend: string;
  /** 1 or 2 (tfjs's WEBGL_VERSION flag), 0 when WebGL is unavailable. */
  webglVersion: number;
  /** The unmasked GPU renderer string, e.g. 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader …))'. */
  renderer: string;
  /** The 2×2 product [[1,2],[3,4]]·[[5,6],[7,8]], row-major: expected [19, 22, 43, 50]. */
  result: number[];
  /** Sum of all entries of A·B for the 64×64 matrices of `probeMatrices(64)`. */
  bigSum: number;
  /** True when the WebGL context lives on an OffscreenCanvas (the only kind a worker has). */
  isOffscreen: boolean;
  /** True when the code ran in a worker global scope (no `document`). */
  inWorker: boolean;
  /** Milliseconds from worker start to the result, shader compiles included. */
  ms: number;
  /** Set when something failed; the other fields are then best effort. */
  error?: string;
}

/** Where the built probe worker lives: a fixed name in production, the source file in dev. */
export const WEBGL_PROBE_URL = import.meta.env.DEV
  ? `${import.meta.env.BASE_URL}src/workers/probe.worker.ts`
  : `${import.meta.env.BASE_URL}assets/webgl-probe.js`;

/**
 * The deterministic test matrices of the probe: A[i][k] = (i % 7) − 3, B[k][j] = (k % 5) − 2,
 * both n×n, row-major. Shared so a test can recompute the expected `bigSum` independently.
 */
export function probeMatrices(n: number): { a: Float32Array; b: Float32Array } {
  const a = new Float32Array(n * n);
  const b = new Float32Array(n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      a[r * n + c] = (r % 7) - 3;
      b[r * n + c] = (r % 5) - 2;
    }
  }
  return { a, b };
}

/**
 * Starts the probe worker, waits for its single report and terminates it.
 * Rejects on a worker load error or after `timeoutMs` (first shader compiles can take seconds).
 */
export function probeWebgl(timeoutMs = 120_000): Promise<WebglProbeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WEBGL_PROBE_URL, { type: 'module', name: 'webgl-probe' });
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new Error(`WebGL probe gave no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    worker.onmessage = (e: MessageEvent<WebglProbeResult>) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = (e) => {
      clearTimeout(timer);
      worker.terminate();
      reject(new Error(`WebGL probe worker failed to load: ${e.message || 'unknown error'}`));
    };
  });
}
