import { describe, expect, it } from 'vitest';
import { CHART_TEXT, COLORS, contrast, INPUT_COLORS, LAYER_COLORS, LINE } from './palette';

describe('chart palette', () => {
  it('computes WCAG contrast (known pairs)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    expect(contrast('#56B4E9', '#ffffff')).toBeCloseTo(2.31, 2);
  });

  it.each(Object.entries(COLORS))('%s (%s) reaches 3:1 against white', (_, hex) => {
    expect(contrast(hex, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it.each([...INPUT_COLORS])('input colour %s reaches 3:1 against white', (hex) => {
    expect(contrast(hex, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it.each([...LAYER_COLORS])('layer colour %s reaches 3:1 against white', (hex) => {
    expect(contrast(hex, '#ffffff')).toBeGreaterThanOrEqual(3);
  });

  it('gives every meaning its own colour', () => {
    const hexes = [...Object.values(COLORS), ...LAYER_COLORS, ...INPUT_COLORS].map((c) =>
      c.toLowerCase(),
    );
    expect(new Set(hexes).size).toBe(hexes.length);
  });

  it('keeps chart text at 4.5:1 and every line at least 2 px', () => {
    expect(contrast(CHART_TEXT, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    for (const w of Object.values(LINE)) expect(w).toBeGreaterThanOrEqual(2);
  });
});
