import { describe, expect, it } from 'vitest';
import type { CellType } from '../../model/core/config';
import {
  arrowHead,
  describeUnrolled,
  FONT,
  layoutUnrolled,
  shownOffsets,
  stepLabel,
  type Unrolled,
} from './unrolled';

const config = (timesteps: number, layers = 4, cell: CellType = 'simpleRNN', units = 50) => ({
  timesteps,
  layers,
  units,
  cell,
});
const texts = (p: Unrolled, kind: string) =>
  p.labels.filter((l) => l.kind === kind).map((l) => l.text);
const numbers = (p: Unrolled) => [
  p.width,
  p.height,
  ...p.columns.map((c) => c.x),
  ...p.boxes.flatMap((b) => [b.x, b.y, b.w, b.h]),
  ...p.arrows.flatMap((a) => [a.x1, a.y1, a.x2, a.y2]),
  ...p.labels.flatMap((l) => [l.x, l.y]),
];

describe('shownOffsets', () => {
  it('draws every step up to 5, else the first 2, an ellipsis and the last 3', () => {
    expect(shownOffsets(1)).toEqual([0]);
    expect(shownOffsets(2)).toEqual([1, 0]);
    expect(shownOffsets(5)).toEqual([4, 3, 2, 1, 0]);
    expect(shownOffsets(6)).toEqual([5, 4, null, 2, 1, 0]);
    expect(shownOffsets(7)).toEqual([6, 5, null, 2, 1, 0]);
    expect(shownOffsets(40)).toEqual([39, 38, null, 2, 1, 0]);
  });
});

describe('layoutUnrolled', () => {
  it('labels the steps shown, oldest on the left, with a minus sign', () => {
    expect(texts(layoutUnrolled(config(1)), 'step')).toEqual(['t']);
    expect(texts(layoutUnrolled(config(2)), 'step')).toEqual(['t\u22121', 't']);
    expect(texts(layoutUnrolled(config(5)), 'step')).toEqual(['t−4', 't−3', 't−2', 't−1', 't']);
    const p = layoutUnrolled(config(40));
    expect(texts(p, 'step')).toEqual(['t−39', 't−38', 't−2', 't−1', 't']);
    expect(texts(p, 'ellipsis')).toEqual(['…', '…']);
    expect(texts(p, 'note')[0]).toBe('T = 40 steps, oldest on the left');
    expect(texts(layoutUnrolled(config(1)), 'note')[0]).toBe('T = 1 step');
  });

  it.each([1, 2, 5, 40])('T = %i: one input per step shown, one cell per step and layer', (t) => {
    for (const layers of [1, 2, 3, 4]) {
      const p = layoutUnrolled(config(t, layers));
      const shown = Math.min(t, 5);
      const count = (kind: string) => p.boxes.filter((b) => b.kind === kind).length;
      expect(count('input')).toBe(shown);
      expect(count('cell')).toBe(shown * layers);
      expect(count('dense')).toBe(1);
      // One arrow into each cell, one state arrow between neighbours per layer, two to the output.
      const arrows = (kind: string) => p.arrows.filter((a) => a.kind === kind).length;
      expect(arrows('feed')).toBe(shown * layers);
      expect(arrows('state')).toBe((shown - 1) * layers);
      expect(arrows('cellState')).toBe(0);
      expect(arrows('output')).toBe(2);
      expect(p.arrows.filter((a) => a.dashed)).toHaveLength(t > 5 ? layers : 0);
      expect(texts(p, 'layer')).toEqual([
        ...Array.from({ length: layers }, (_, i) => [`layer ${layers - i}:`, '50 units']).flat(),
        'input',
        'step',
      ]);
    }
  });

  it('names each cell h with its layer as a superscript', () => {
    const cells = layoutUnrolled(config(3, 4)).boxes.filter((b) => b.kind === 'cell');
    expect(new Set(cells.map((b) => b.text))).toEqual(new Set(['h¹', 'h²', 'h³', 'h⁴']));
  });

  it('keeps every coordinate finite and everything inside the picture', () => {
    for (const t of [1, 2, 5, 6, 7, 40, 99, 100, 500])
      for (const layers of [1, 4, 8])
        for (const cell of ['simpleRNN', 'lstm', 'gru'] as const) {
          const p = layoutUnrolled(config(t, layers, cell, 512));
          for (const v of numbers(p)) expect(Number.isFinite(v)).toBe(true);
          for (const b of p.boxes) {
            expect(b.x).toBeGreaterThanOrEqual(0);
            expect(b.x + b.w).toBeLessThanOrEqual(p.width);
            expect(b.y + b.h).toBeLessThanOrEqual(p.height);
          }
          for (const l of p.labels) {
            expect(l.x).toBeGreaterThanOrEqual(0);
            expect(l.x).toBeLessThanOrEqual(p.width);
            expect(l.y).toBeLessThanOrEqual(p.height);
          }
        }
  });

  it('stacks the layers bottom up and puts the Dense box above the last step of the top layer', () => {
    const p = layoutUnrolled(config(40, 3));
    const cells = p.boxes.filter((b) => b.kind === 'cell');
    const rowOf = (text: string) => cells.find((b) => b.text === text)!.y;
    expect(rowOf('h¹')).toBeGreaterThan(rowOf('h²'));
    expect(rowOf('h²')).toBeGreaterThan(rowOf('h³'));
    const dense = p.boxes.find((b) => b.kind === 'dense')!;
    const last = p.columns[p.columns.length - 1];
    expect(last.offset).toBe(0);
    expect(dense.y + dense.h).toBeLessThan(rowOf('h³'));
    expect(dense.x).toBeLessThan(last.x);
    expect(dense.x + dense.w).toBeGreaterThan(last.x);
    expect(texts(p, 'prediction')).toEqual(['prediction of day t+1']);
  });

  it('gives the LSTM a second, cell-state arrow beside every state arrow', () => {
    const p = layoutUnrolled(config(40, 2, 'lstm'));
    const kind = (k: string) => p.arrows.filter((a) => a.kind === k).length;
    expect(kind('cellState')).toBe(kind('state'));
    expect(kind('state')).toBe(4 * 2);
    expect(texts(p, 'cellStateName')).toEqual(['c', 'c']);
    // Between two rows, the upper row's h and the lower row's c sit in different gaps.
    const names = p.labels.filter((l) => l.kind === 'stateName' || l.kind === 'cellStateName');
    for (const a of names)
      for (const b of names)
        if (a !== b) expect(Math.abs(a.x - b.x) > FONT || Math.abs(a.y - b.y) > FONT).toBe(true);
    expect(texts(p, 'note')[1]).toBe('LSTM cells: state h and cell state c');
    expect(texts(layoutUnrolled(config(40, 2, 'gru')), 'note')[1]).toBe('GRU cells: state h');
  });

  it('drops the second of two long step labels a line, so they do not touch', () => {
    const step = (t: number) => layoutUnrolled(config(t)).labels.filter((l) => l.kind === 'step');
    const [a, b] = step(500);
    expect([a.text, b.text]).toEqual(['t−499', 't−498']);
    expect(b.y).toBeGreaterThan(a.y);
    const [c, d] = step(40);
    expect(d.y).toBe(c.y);
  });
});

describe('describeUnrolled', () => {
  it('says the reference network in one sentence', () => {
    expect(describeUnrolled(config(40))).toBe(
      '40 input steps feed 4 layers of 50 SimpleRNN units; the last state of the top layer ' +
        'feeds a Dense layer that predicts the next value.',
    );
    expect(describeUnrolled(config(1, 1, 'gru', 1))).toBe(
      '1 input step feeds 1 layer of 1 GRU unit; the last state of the layer feeds a Dense ' +
        'layer that predicts the next value.',
    );
  });
});

describe('arrowHead and stepLabel', () => {
  it('points the head at the end of the arrow', () => {
    const head = arrowHead({ kind: 'feed', x1: 0, y1: 100, x2: 0, y2: 50, dashed: false }, 8);
    expect(head).toBe('0,50 4.4,58 -4.4,58');
    expect(stepLabel(0)).toBe('t');
    expect(stepLabel(12)).toBe('t−12');
  });
});
