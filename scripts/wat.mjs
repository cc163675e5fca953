/** WAT text → WebAssembly bytes with wabt (SIMD on), for scripts/build-wasm.mjs and its test. */
import wabtInit from 'wabt';

/** @param {string} source @returns {Promise<Uint8Array>} */
export async function compileWat(source) {
  const wabt = await wabtInit();
  const mod = wabt.parseWat('simd.wat', source, { simd: true, multi_value: true });
  try {
    mod.validate();
    return mod.toBinary({ log: false, write_debug_names: false }).buffer;
  } finally {
    mod.destroy();
  }
}
