/**
 * The Auto backend's choice, as a pure function of what the browser reports: WebGPU on a hardware
 * adapter, else WebGL on a hardware renderer, else WebAssembly. Software renderers (SwiftShader,
 * llvmpipe, softpipe, a fallback adapter) are never chosen automatically: on a CPU they train slower
 * than WebAssembly. The sentence says what was chosen and why, for the status line.
 */

/** The backends the trainer runs on (tfjs backends, plus our own WebGPU engine). */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** The Backend setting: Auto, or one backend by name. */
export type BackendSetting = 'auto' | BackendName;

/** The Backend knob of config.ts's table (kept here, beside the choice it offers). */
export const BACKEND_FIELD = {
  kind: 'choice',
  label: 'Backend',
  url: 'backend',
  group: 'training',
  options: [
    { value: 'auto', label: 'Auto' },
    { value: 'webgpu', label: 'WebGPU' },
    { value: 'webgl', label: 'WebGL' },
    { value: 'wasm', label: 'WebAssembly' },
    { value: 'cpu', label: 'CPU' },
  ],
  help:
    'Where the maths runs. Auto picks WebGPU or WebGL on a hardware GPU, else WebAssembly ' +
    '(never a software GPU); any choice falls back if unavailable.',
} as const;

/** What a WebGPU adapter says about itself (GPUAdapterInfo plus isFallbackAdapter). */
export interface AdapterFacts {
  vendor: string;
  architecture: string;
  description: string;
  /** A fallback adapter is a software implementation. */
  fallback: boolean;
}

/** Renderer names of software rasterisers (WebGL) and software adapters (WebGPU). */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic/i;

/** True when `renderer` (WebGL's unmasked renderer string) is a software rasteriser. */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE.test(renderer);
}

/** True when the adapter is a software one (a fallback adapter, or SwiftShader and its kin by name). */
export function isSoftwareAdapter(a: AdapterFacts): boolean {
  return a.fallback || SOFTWARE.test(`${a.vendor} ${a.architecture} ${a.description}`);
}

/** The adapter's name: "google swiftshader". */
export function adapterName(a: AdapterFacts): string {
  return [a.vendor, a.architecture, a.description].filter(Boolean).join(' ') || 'unknown';
}

/** The adapter in words: "google swiftshader (software)". */
export function describeAdapter(a: AdapterFacts): string {
  return `${adapterName(a)}${isSoftwareAdapter(a) ? ' (software)' : ''}`;
}

/** Auto's pick and the sentence that explains it. */
export interface BackendChoice {
  backend: BackendName;
  reason: string;
}

/**
 * Auto's choice from the WebGPU adapter (null: none) and the WebGL renderer string (null: no WebGL).
 * Pure, so it is tested without a browser.
 */
export function chooseBackend(
  adapter: AdapterFacts | null,
  renderer: string | null,
): BackendChoice {
  if (adapter && !isSoftwareAdapter(adapter)) {
    return {
      backend: 'webgpu',
      reason: `Auto chose WebGPU: a hardware adapter (${adapterName(adapter)}).`,
    };
  }
  const gpu = adapter
    ? `WebGPU's adapter is software (${adapterName(adapter)})`
    : 'WebGPU is not available';
  if (renderer !== null && !isSoftwareRenderer(renderer)) {
    return {
      backend: 'webgl',
      reason: `Auto chose WebGL: ${gpu}; WebGL renders on hardware (${renderer}).`,
    };
  }
  const gl =
    renderer === null ? 'WebGL is not available' : `WebGL renders in software (${renderer})`;
  return {
    backend: 'wasm',
    reason: `Auto chose WebAssembly: ${gpu} and ${gl}; software GPUs train slower than WebAssembly.`,
  };
}
