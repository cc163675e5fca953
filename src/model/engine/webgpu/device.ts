/**
 * The WebGPU device the WebGPU engine runs on: requested once per backend start (../backend.ts), in
 * the worker, with the adapter's facts for the status line and for the Auto choice
 * (core/backendChoice.ts: a fallback adapter, e.g. SwiftShader, is software). tfjs itself stays on
 * its cpu backend for the host side (batches, predictions); the engine owns its GPU buffers.
 */
import type { AdapterFacts } from '../../core/backendChoice';

/** The started device and what its adapter says about itself. */
export interface GpuContext {
  device: GPUDevice;
  adapter: AdapterFacts;
}

let active: GpuContext | null = null;

/** The adapter's own description (vendor, architecture, software or not). */
export function adapterFacts(adapter: GPUAdapter): AdapterFacts {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const legacy = (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    description: info?.description ?? '',
    fallback: Boolean(info?.isFallbackAdapter ?? legacy),
  };
}

/** WebGPU's adapter, or null with the reason (no API, no adapter). */
export async function requestAdapter(): Promise<GPUAdapter | string> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return 'WebGPU is not available in this browser';
  const adapter = await gpu.requestAdapter();
  return adapter ?? 'WebGPU found no adapter';
}

/**
 * Starts the device (once; later calls return the same one while it lives).
 * @throws Error with a sentence for people when WebGPU cannot start.
 */
export async function startWebgpu(): Promise<GpuContext> {
  if (active) return active;
  const adapter = await requestAdapter();
  if (typeof adapter === 'string') throw new Error(adapter);
  const device = await adapter.requestDevice();
  const ctx: GpuContext = { device, adapter: adapterFacts(adapter) };
  active = ctx;
  void device.lost.then(() => {
    if (active === ctx) active = null;
  });
  return ctx;
}

/** The started device, or null (WebGPU is not the active backend, or its device was lost). */
export function webgpuContext(): GpuContext | null {
  return active;
}

/** Forgets the device (another backend takes over); its buffers go with the engines that own them. */
export function stopWebgpu(): void {
  active?.device.destroy();
  active = null;
}
