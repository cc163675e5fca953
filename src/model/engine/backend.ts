/**
 * Backend selection for the training worker: the preferred backend first (Auto: autoBackend.ts's
 * choice), then webgl → wasm → cpu, with details for people (GPU renderer or adapter, wasm
 * SIMD/threads) and WebGL context-loss detection. WebGPU is our own engine's (webgpu/): tfjs runs on
 * its cpu backend beside it for the host side.
 * The wasm binaries are bundled by Vite (`?url`), so the app fetches nothing outside its origin.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { describeAdapter } from '../core/backendChoice';
import type { BackendName, BackendSetting } from '../core/config';
import type { BackendInfo } from '../core/run';
import { autoBackend } from './autoBackend';
import { kernelsSummary } from './fast/kernels/index';
import { countWebglCommands } from './glCounts';
import { startWebgpu, webgpuContext } from './webgpu/device';

/**
 * Absolute URLs: the workers start from blob: scripts (workers/spawn.ts), against whose URL a
 * root-relative path such as `/assets/x.wasm` cannot be resolved; this module's own URL can.
 */
const absolute = (path: string) => new URL(path, import.meta.url).href;

setWasmPaths({
  'tfjs-backend-wasm.wasm': absolute(wasmPlain),
  'tfjs-backend-wasm-simd.wasm': absolute(wasmSimd),
  'tfjs-backend-wasm-threaded-simd.wasm': absolute(wasmThreaded),
});

const ORDER: BackendName[] = ['webgl', 'wasm', 'cpu'];

let active: BackendName | null = null;

/** The backend initBackend last started (webgpu: our engine's, with tfjs on cpu), or null. */
export function activeBackend(): BackendName | null {
  return active;
}

/** The WebGL context of the active webgl backend, or null on another backend. */
export function webglContext(): WebGL2RenderingContext | WebGLRenderingContext | null {
  if (tf.getBackend() !== 'webgl') return null;
  return (tf.backend() as MathBackendWebGL).gpgpu.gl;
}

/** The backend for people, then which cells run on its hand-written fast kernels. */
async function describeBackend(name: BackendName): Promise<string> {
  if (name === 'webgpu') {
    // Its own engine (engine/webgpu/), not the fast path's kernel sets.
    const ctx = webgpuContext();
    return `WebGPU, ${ctx ? describeAdapter(ctx.adapter) : 'no adapter'}; WGSL engine: SimpleRNN, LSTM, GRU`;
  }
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
  if (name === 'webgpu') return `WebGPU did not start${detail}`;
  if (name === 'webgl') return `WebGL is not available in this browser${detail}`;
  if (name === 'wasm') return `WebAssembly backend failed to start${detail}`;
  return `CPU backend failed to start${detail}`;
}

/** Starts one backend; webgpu is the device plus tfjs's cpu backend for the host side. */
async function start(name: BackendName): Promise<boolean> {
  if (name === 'webgpu') {
    await startWebgpu();
    return tf.setBackend('cpu');
  }
  return tf.setBackend(name);
}

/**
 * Starts the preferred backend (Auto: the one autoBackend.ts chooses, its sentence in
 * `info.chosen`), else the others in the order webgl → wasm → cpu. `fellBackFrom` names the
 * preferred backend and why it did not start when another one runs.
 * @throws Error when no backend starts at all.
 */
export async function initBackend(
  setting: BackendSetting,
  skip: readonly BackendName[] = [],
): Promise<{ info: BackendInfo; fellBackFrom?: { backend: BackendName; reason: string } }> {
  const auto = setting === 'auto' ? await autoBackend() : null;
  const preferred = auto ? auto.backend : (setting as BackendName);
  const order = [preferred, ...ORDER.filter((b) => b !== preferred)].filter(
    (b) => !skip.includes(b),
  );
  let first: { backend: BackendName; reason: string } | undefined;
  for (const name of order) {
    let reason: string | null = null;
    try {
      const ok = await start(name);
      await tf.ready();
      const host = name === 'webgpu' ? 'cpu' : name;
      if (!ok || tf.getBackend() !== host) reason = failure(name);
    } catch (e) {
      reason = failure(name, e);
    }
    if (reason === null) {
      active = name;
      if (name === 'webgl') countWebglCommands(webglContext());
      const info: BackendInfo = { name, details: await describeBackend(name) };
      if (auto) info.chosen = auto.reason;
      return first && first.backend !== name ? { info, fellBackFrom: first } : { info };
    }
    first ??= { backend: name, reason };
  }
  throw new Error('No TensorFlow.js backend could start (WebGL, WebAssembly and CPU all failed).');
}

/** Watches a WebGPU device as {@link watchContextLoss} watches a WebGL context. */
function watchDevice(device: GPUDevice) {
  let reason: string | null = null;
  const lost = device.lost.then((info) => {
    reason = `The WebGPU device was lost${info.message ? ` (${info.message})` : ''}`;
    return reason;
  });
  return { lost, check: () => reason, stop: () => {} };
}

/**
 * Watches the active WebGL context (on webgpu: the device). `lost` settles with a sentence when the context is lost (event or
 * `isContextLost()`); `check()` polls it (for between batches). On other backends nothing is lost.
 * Call `stop()` to remove the listener.
 */
export function watchContextLoss(): {
  lost: Promise<string>;
  check: () => string | null;
  stop: () => void;
} {
  const gpu = active === 'webgpu' ? webgpuContext() : null;
  if (gpu) return watchDevice(gpu.device);
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

/**
 * Test-only: loses the WebGL context on purpose (`WEBGL_lose_context`; on webgpu: destroys the
 * device). False when not on a GPU backend.
 */
export function debugLoseContext(): boolean {
  const gpu = active === 'webgpu' ? webgpuContext() : null;
  if (gpu) {
    gpu.device.destroy();
    return true;
  }
  const ext = webglContext()?.getExtension('WEBGL_lose_context');
  if (!ext) return false;
  ext.loseContext();
  return true;
}
