/**
 * Running our own shaders on tfjs's webgl backend: the program description, `run` (through the
 * backend's `compileAndRun`, duck-typed so src/model needs no webgl import), and two layout helpers
 * the recurrence shaders share. Programs compile once per distinct source and are cached by tfjs.
 */
import * as tf from '@tensorflow/tfjs-core';

/** A tfjs GPGPU program: inputs by name (read with getX(…)), output shape, the shader's main. */
export interface Program {
  variableNames: string[];
  outputShape: number[];
  userCode: string;
  customUniforms?: { name: string; type: 'int' | 'float' }[];
  packedInputs?: boolean;
  packedOutput?: boolean;
}

interface WebglBackend {
  compileAndRun(
    program: Program,
    inputs: tf.TensorInfo[],
    dtype?: 'float32',
    uniforms?: number[][],
  ): tf.TensorInfo;
  texData?: { get(id: object): { isPacked?: boolean } | undefined };
}

/** Cap on inputs per gather shader (WebGL 2 guarantees 16 texture units). */
export const MAX_INPUTS = 15;

/**
 * `program` with its layout written into its source. tfjs caches compiled shaders by the program's
 * class name (`Object` for all of ours), its userCode and the inputs' and output's shapes, not by
 * packedInputs/packedOutput: a packed and an unpacked program with the same source (laidOut's copy,
 * say, of a [50, 50] kernel for the wavefront and for the per-step shaders) would share whichever
 * binary compiled first, and the other would read and write the wrong layout.
 */
export function keyedByLayout(program: Program): Program {
  const layout = `// packedInputs: ${program.packedInputs === true}, packedOutput: ${program.packedOutput === true}`;
  return { ...program, userCode: `${layout}\n${program.userCode}` };
}

/**
 * Runs `program` on the active (webgl) backend with one value per custom uniform, in order.
 * Returns a new float32 tensor of `program.outputShape`; the caller disposes it (or runs in tf.tidy).
 */
export function run(program: Program, inputs: tf.Tensor[], uniforms?: number[][]): tf.Tensor2D {
  const backend = tf.backend() as unknown as WebglBackend;
  const info = backend.compileAndRun(keyedByLayout(program), inputs, 'float32', uniforms);
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor2D;
}

/**
 * Re-lays x out as the programs expect (packed or not): a copy, skipped when it already is, so the
 * runtime does not convert the big stacks again on every step.
 */
export function laidOut(x: tf.Tensor2D, packed: boolean): tf.Tensor2D {
  const backend = tf.backend() as unknown as WebglBackend;
  const isPacked = backend.texData?.get(x.dataId)?.isPacked;
  if (isPacked !== undefined && isPacked === packed) return x;
  return run(
    {
      variableNames: ['X'],
      outputShape: x.shape,
      packedInputs: packed,
      packedOutput: packed,
      userCode: `void main() { ivec2 c = getOutputCoords(); setOutput(getX(c.x, c.y)); }`,
    },
    [x],
  );
}

/** Stacks [r_i, u] blocks into [Σ r_i, u] with one shader per ≤ 15 blocks (r_i even when packed). */
export function gather(blocks: tf.Tensor2D[], packed: boolean): tf.Tensor2D {
  if (blocks.length === 1) return blocks[0];
  if (blocks.length > MAX_INPUTS) {
    const groups: tf.Tensor2D[] = [];
    for (let i = 0; i < blocks.length; i += MAX_INPUTS) {
      groups.push(gather(blocks.slice(i, i + MAX_INPUTS), packed));
    }
    return gather(groups, packed);
  }
  const cols = blocks[0].shape[1];
  let end = 0;
  const branches = blocks.map((blk, i) => {
    const start = end;
    end += blk.shape[0];
    return `${i ? 'else ' : ''}if (c.x < ${end}) v = getX${i}(c.x - ${start}, c.y);`;
  });
  const type = packed ? 'vec4' : 'float';
  return run(
    {
      variableNames: blocks.map((_, i) => `X${i}`),
      outputShape: [end, cols],
      packedInputs: packed,
      packedOutput: packed,
      userCode: `void main() { ivec2 c = getOutputCoords(); ${type} v = ${type}(0.0); ${branches.join(' ')} setOutput(v); }`,
    },
    blocks,
  );
}
