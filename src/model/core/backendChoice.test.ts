import { describe, expect, it } from 'vitest';
import { chooseBackend, isSoftwareRenderer, type AdapterFacts } from './backendChoice';

const adapter = (over: Partial<AdapterFacts> = {}): AdapterFacts => ({
  vendor: 'nvidia',
  architecture: 'ada-lovelace',
  description: '',
  fallback: false,
  ...over,
});
const SWIFTSHADER_GL =
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const HARDWARE_GL = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)';

describe('chooseBackend (Auto)', () => {
  it('picks WebGPU on a hardware adapter, whatever WebGL is', () => {
    for (const gl of [HARDWARE_GL, SWIFTSHADER_GL, null]) {
      const c = chooseBackend(adapter(), gl);
      expect(c.backend).toBe('webgpu');
      expect(c.reason).toMatch(/^Auto chose WebGPU: a hardware adapter \(nvidia ada-lovelace\)/);
    }
  });

  it('never picks a software adapter: a fallback one, or SwiftShader by name', () => {
    const software = [
      adapter({ fallback: true, vendor: 'google', architecture: 'swiftshader' }),
      adapter({ vendor: 'google', architecture: 'swiftshader' }),
      adapter({
        vendor: 'mesa',
        architecture: '',
        description: 'llvmpipe (LLVM 15.0.7, 256 bits)',
      }),
    ];
    for (const a of software) {
      expect(chooseBackend(a, HARDWARE_GL).backend).toBe('webgl');
      expect(chooseBackend(a, SWIFTSHADER_GL).backend).toBe('wasm');
    }
  });

  it('picks WebGL on a hardware renderer when WebGPU is missing, and says why', () => {
    const c = chooseBackend(null, HARDWARE_GL);
    expect(c.backend).toBe('webgl');
    expect(c.reason).toBe(
      `Auto chose WebGL: WebGPU is not available; WebGL renders on hardware (${HARDWARE_GL}).`,
    );
  });

  it('falls to WebAssembly when every GPU path is software or absent, never to a software GPU', () => {
    for (const gl of [SWIFTSHADER_GL, 'llvmpipe (LLVM 12.0.0, 256 bits)', 'Mesa softpipe', null]) {
      for (const a of [null, adapter({ fallback: true })]) {
        expect(chooseBackend(a, gl).backend).toBe('wasm');
      }
    }
    const c = chooseBackend(
      adapter({ fallback: true, vendor: 'google', architecture: 'swiftshader' }),
      SWIFTSHADER_GL,
    );
    expect(c.reason).toBe(
      "Auto chose WebAssembly: WebGPU's adapter is software (google swiftshader) and " +
        `WebGL renders in software (${SWIFTSHADER_GL}); software GPUs train slower than WebAssembly.`,
    );
  });

  it('tells software renderers from hardware ones', () => {
    expect(isSoftwareRenderer(SWIFTSHADER_GL)).toBe(true);
    expect(isSoftwareRenderer('Microsoft Basic Render Driver')).toBe(true);
    expect(isSoftwareRenderer(HARDWARE_GL)).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
  });
});
