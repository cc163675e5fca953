/// <reference lib="webworker" />
/**
 * WebGL probe (see probe.ts): sets tfjs's WebGL backend inside this worker, runs two checked
 * matMuls on the GPU path and posts one WebglProbeResult. Built as its own entry
 * (assets/webgl-probe.js) so it never weighs on the page.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { probeMatrices, type WebglProbeResult } from './probe';

const BIG_N = 64;

/** The unmasked renderer string, or the masked one when the debug extension is missing. */
function rendererOf(gl: WebGLRenderingContext | WebGL2RenderingContext): string {
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

async function probe(): Promise<WebglProbeResult> {
  const t0 = performance.now();
  const out: WebglProbeResult = {
    backend: 'none',
    webglVersion: 0,
    renderer: '',
    result: [],
    bigSum: Number.NaN,
    isOffscreen: false,
    inWorker:
      typeof WorkerGlobalScope !== 'undefined' &&
      self instanceof WorkerGlobalScope &&
      typeof document === 'undefined',
    ms: 0,
  };
  try {
    // Small inputs would otherwise be computed on the CPU, which proves nothing about the GPU.
    tf.env().set('WEBGL_CPU_FORWARD', false);
    if (!(await tf.setBackend('webgl'))) throw new Error('tf.setBackend("webgl") returned false');
    await tf.ready();
    out.backend = tf.getBackend();
    out.webglVersion = tf.env().getNumber('WEBGL_VERSION');
    const gl = (tf.backend() as MathBackendWebGL).gpgpu.gl;
    out.renderer = rendererOf(gl);
    out.isOffscreen =
      typeof OffscreenCanvas !== 'undefined' && gl.canvas instanceof OffscreenCanvas;

    const small = tf.tidy(() =>
      tf.matMul(
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
        tf.tensor2d([
          [5, 6],
          [7, 8],
        ]),
      ),
    );
    out.result = Array.from(await small.data());
    small.dispose();

    const { a, b } = probeMatrices(BIG_N);
    const sum = tf.tidy(() =>
      tf.sum(tf.matMul(tf.tensor2d(a, [BIG_N, BIG_N]), tf.tensor2d(b, [BIG_N, BIG_N]))),
    );
    out.bigSum = (await sum.data())[0] ?? Number.NaN;
    sum.dispose();
  } catch (err) {
    out.error = err instanceof Error ? err.message : String(err);
  }
  out.ms = Math.round(performance.now() - t0);
  return out;
}

void probe().then((r) => self.postMessage(r));
