/**
 * The Auto backend's look at the machine, in the training worker before anything trains: WebGPU's
 * adapter (requested, no device) and WebGL's unmasked renderer string (a throwaway 1×1 context,
 * released at once); core/backendChoice.ts decides from them.
 */
import { chooseBackend, type AdapterFacts, type BackendChoice } from '../core/backendChoice';
import { adapterFacts, requestAdapter } from './webgpu/device';

/** WebGL's renderer string, or null without WebGL. */
export function webglRenderer(): string | null {
  try {
    const canvas =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(1, 1)
        : (globalThis.document?.createElement('canvas') ?? null);
    if (!canvas) return null;
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as
      WebGL2RenderingContext | WebGLRenderingContext | null;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(
      ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    );
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

/** WebGPU's adapter facts, or null without WebGPU. */
async function webgpuAdapter(): Promise<AdapterFacts | null> {
  try {
    const adapter = await requestAdapter();
    return typeof adapter === 'string' ? null : adapterFacts(adapter);
  } catch {
    return null;
  }
}

/** What Auto picks on this machine, and why. */
export async function autoBackend(): Promise<BackendChoice> {
  return chooseBackend(await webgpuAdapter(), webglRenderer());
}
