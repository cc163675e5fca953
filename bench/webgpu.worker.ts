/// <reference lib="webworker" />
/**
 * The WebGPU checks' worker (webgpuCheck.ts): tfjs on its cpu backend for the host side and the
 * references, WebGPU's device as the app's trainer starts it. Runs the cases of the cells the page names
 * (all when none), then posts the report or an error.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describeAdapter } from '../src/model/core/backendChoice';
import { startWebgpu } from '../src/model/engine/webgpu/device';
import { webgpuChecks } from './webgpuCheck';

onmessage = async (e: MessageEvent<string | null>) => {
  try {
    await tf.setBackend('cpu');
    const ctx = await startWebgpu();
    const cases = await webgpuChecks(ctx, e.data ? e.data.split(',') : null);
    postMessage({ adapter: describeAdapter(ctx.adapter), cases });
  } catch (e) {
    postMessage({ error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
  }
};
