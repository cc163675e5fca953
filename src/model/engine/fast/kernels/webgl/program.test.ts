import { describe, expect, it } from 'vitest';
import { keyedByLayout, type Program } from './program';

const COPY: Program = {
  variableNames: ['X'],
  outputShape: [50, 50],
  userCode: 'void main() { ivec2 c = getOutputCoords(); setOutput(getX(c.x, c.y)); }',
};

describe('keyedByLayout', () => {
  it('gives a packed and an unpacked program of the same source different sources (tfjs cache keys)', () => {
    const packed = keyedByLayout({ ...COPY, packedInputs: true, packedOutput: true });
    const unpacked = keyedByLayout({ ...COPY, packedInputs: false, packedOutput: false });
    const mixed = keyedByLayout({ ...COPY, packedInputs: true, packedOutput: false });
    expect(new Set([packed.userCode, unpacked.userCode, mixed.userCode]).size).toBe(3);
  });

  it('treats an absent flag as unpacked, as tfjs does, and keeps the rest of the program', () => {
    const keyed = keyedByLayout(COPY);
    expect(keyed.userCode).toBe(
      keyedByLayout({ ...COPY, packedInputs: false, packedOutput: false }).userCode,
    );
    expect(keyed.userCode.endsWith(COPY.userCode)).toBe(true);
    expect({ ...keyed, userCode: COPY.userCode }).toEqual(COPY);
  });
});
