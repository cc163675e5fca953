/**
 * Backend selection for the training worker: the preferred backend first, then webgl → wasm → cpu,
 * with details for people (GPU renderer, wasm SIMD/threads) and WebGL context-loss detection.
 * The wasm binaries are bundled by Vite (`?url`), so the app fetches nothing outside its origin.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName } from '../core/config';
import type { BackendInfo } from '../core/run';
import { kernelsSummary } from './fast/kernels/index';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

const ORDER: BackendName[] = ['webgl', 'wasm', 'cpu'];

/** The WebGL context of the active webgl backend, or null on another backend. */
export function webglContext(): WebGL2RenderingContext | WebGLRenderingContext | null {
  if (tf.getBackend() !== 'webgl') return null;
  return (tf.backend() as MathBackendWebGL).gpgpu.gl;
}

/** The backend for people, then which cells run on its hand-written fast kernels. */
async function describeBackend(name: BackendName): Promise<string> {
  return `${await describeDevice(name)}; ${kernelsSummary(name)}`;
}

async function describeDevice(name: BackendName): Promise<string> {
  if (name === 'webgl') {
    const gl = webglContext();
    if (!gl) return 'WebGL';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(
      ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    );
    const offscreen =
      typeof OffscreenCanvas !== 'undefined' && gl.canvas instanceof OffscreenCanvas;
    return `WebGL ${tf.env().getNumber('WEBGL_VERSION')}${offscreen ? ' (OffscreenCanvas)' : ''}, ${renderer}`;
  }
  if (name === 'wasm') {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    return `WebAssembly, ${simd ? 'SIMD' : 'no SIMD'}, ${threads ? 'multi-threaded' : '1 thread'}`;
  }
  return 'plain JavaScript';
}

/** Why a backend could not start, for people. */
function failure(name: BackendName, e?: unknown): string {
  const detail = e instanceof Error ? `: ${e.message}` : '';
  if (name === 'webgl') return `WebGL is not available in this browser${detail}`;
  if (name === 'wasm') return `WebAssembly backend failed to start${detail}`;
  return `CPU backend failed to start${detail}`;
}

/**
 * Starts the preferred backend, else the others in the order webgl → wasm → cpu. `fellBackFrom` names
 * the preferred backend and why it did not start when another one runs.
 * @throws Error when no backend starts at all.
 */
export async function initBackend(
  preferred: BackendName,
  skip: readonly BackendName[] = [],
): Promise<{ info: BackendInfo; fellBackFrom?: { backend: BackendName; reason: string } }> {
  const order = [preferred, ...ORDER.filter((b) => b !== preferred)].filter(
    (b) => !skip.includes(b),
  );
  let first: { backend: BackendName; reason: string } | undefined;
  for (const name of order) {
    let reason: string | null = null;
    try {
      const ok = await tf.setBackend(name);
      await tf.ready();
      if (!ok || tf.getBackend() !== name) reason = failure(name);
    } catch (e) {
      reason = failure(name, e);
    }
    if (reason === null) {
      const info = { name, details: await describeBackend(name) };
      return first && first.backend !== name ? { info, fellBackFrom: first } : { info };
    }
    first ??= { backend: name, reason };
  }
  throw new Error('No TensorFlow.js backend could start (WebGL, WebAssembly and CPU all failed).');
}

/**
 * Watches the active WebGL context. `lost` settles with a sentence when the context is lost (event or
 * `isContextLost()`); `check()` polls it (for between batches). On other backends nothing is lost.
 * Call `stop()` to remove the listener.
 */
export function watchContextLoss(): {
  lost: Promise<string>;
  check: () => string | null;
  stop: () => void;
} {
  const gl = webglContext();
  const reason = 'The WebGL context was lost (GPU reset or too much GPU memory in use)';
  if (!gl) return { lost: new Promise<string>(() => undefined), check: () => null, stop: () => {} };
  let settle: (r: string) => void = () => {};
  const lost = new Promise<string>((r) => (settle = r));
  const onLost = () => settle(reason);
  const canvas = gl.canvas as EventTarget;
  canvas.addEventListener('webglcontextlost', onLost);
  return {
    lost,
    check: () => {
      if (!gl.isContextLost()) return null;
      settle(reason);
      return reason;
    },
    stop: () => canvas.removeEventListener('webglcontextlost', onLost),
  };
}

/**
 * Drops the (dead) webgl backend and registers a fresh factory, so a later `initBackend('webgl')`
 * creates a new context instead of reusing the lost one. Tensors on it must be disposed first.
 */
export function discardWebgl(): void {
  try {
    tf.removeBackend('webgl');
  } catch {
    // Disposing a lost context can throw half-way: drop the entries by hand so a fresh one can register.
    const engine = tf.engine() as unknown as {
      registry: Record<string, unknown>;
      registryFactory: Record<string, unknown>;
    };
    delete engine.registry.webgl;
    delete engine.registryFactory.webgl;
  }
  tf.registerBackend('webgl', () => new MathBackendWebGL(), 2);
}

/** Test-only: loses the WebGL context on purpose (`WEBGL_lose_context`). False when not on webgl. */
export function debugLoseContext(): boolean {
  const ext = webglContext()?.getExtension('WEBGL_lose_context');
  if (!ext) return false;
  ext.loseContext();
  return true;
}
