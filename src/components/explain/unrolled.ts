/**
 * Geometry of the "unrolled network" picture: a configuration in, plain boxes, arrows and labels out
 * (SVG user units, y down). No DOM, so the layout is tested in Node; WhatIsRnn.tsx only draws it.
 *
 * Layout, bottom to top: step labels, the inputs x, one row of cells per layer, the Dense box above
 * the last column of the top layer, and the prediction. Layer names sit in a gutter on the left.
 * The width is fixed so the text keeps its size (the SVG scales by its viewBox), and narrow enough
 * that 15-unit text still renders at about 14 px in a 375 px wide window.
 */
import { valueLabel, type CellType } from '../../model/core/config';

/** The part of the configuration the picture shows. */
export interface UnrolledConfig {
  timesteps: number;
  layers: number;
  units: number;
  cell: CellType;
}

/** One column of the picture: a time step `offset` steps before t (0 = t), or the ellipsis (null). */
export interface Column {
  x: number;
  offset: number | null;
}
export interface Box {
  kind: 'input' | 'cell' | 'dense';
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
}
/** `feed`: input or layer below → cell; `state`: h_{t−1} → h_t; `cellState`: the LSTM's c; `output`. */
export interface Arrow {
  kind: 'feed' | 'state' | 'cellState' | 'output';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Across the ellipsis: the steps not drawn. */
  dashed: boolean;
}
export interface Label {
  kind: 'step' | 'ellipsis' | 'layer' | 'stateName' | 'cellStateName' | 'note' | 'prediction';
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
}
export interface Unrolled {
  width: number;
  height: number;
  columns: Column[];
  boxes: Box[];
  arrows: Arrow[];
  labels: Label[];
  /** One sentence for screen readers (the SVG's aria-label). */
  description: string;
}

/** Font size of every label, in user units (the stylesheet uses the same). */
export const FONT = 15;
export const WIDTH = 336;
const MARGIN = 6;
const GUTTER = 68;
const COL_W = 46;
const ELLIPSIS_W = 26;
const BOX_W = 26;
const BOX_H = 32;
const INPUT_H = 28;
const GAP_V = 26;
const DENSE_W = 64;
const DENSE_H = 30;
/** Up to this many steps every step is drawn; beyond it the first 2, "…", and the last 3 (the same width). */
const ALL_STEPS_UP_TO = 5;

const MINUS = '\u2212';
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** "t", "t−1", … for a step `offset` steps before t. */
export function stepLabel(offset: number): string {
  return offset === 0 ? 't' : `t${MINUS}${offset}`;
}

const superscript = (n: number) =>
  String(n)
    .split('')
    .map((d) => SUPERSCRIPT[Number(d)])
    .join('');

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Offsets (steps before t) of the columns, oldest first; null marks the ellipsis. */
export function shownOffsets(timesteps: number): (number | null)[] {
  const t = Math.max(1, Math.floor(timesteps));
  const offsets = (from: number, n: number) => Array.from({ length: n }, (_, i) => from - i);
  if (t <= ALL_STEPS_UP_TO) return offsets(t - 1, t);
  return [...offsets(t - 1, 2), null, ...offsets(2, 3)];
}

/** What the picture says in words: the SVG's accessible description. */
export function describeUnrolled({ timesteps, layers, units, cell }: UnrolledConfig): string {
  const steps = `${plural(timesteps, 'input step')} ${timesteps === 1 ? 'feeds' : 'feed'}`;
  const top = layers === 1 ? 'the layer' : 'the top layer';
  return (
    `${steps} ${plural(layers, 'layer')} of ${plural(units, `${valueLabel('cell', cell)} unit`)}; ` +
    `the last state of ${top} feeds a Dense layer that predicts the next value.`
  );
}

/** The name of the cell type as the picture's note says it. */
export function cellNote(cell: CellType): string {
  if (cell === 'lstm') return 'LSTM cells: state h and cell state c';
  return `${valueLabel('cell', cell)} cells: state h`;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** A generous estimate of a label's width (the layout only uses it to keep text inside). */
const textWidth = (text: string) => text.length * FONT * 0.56;

/** Lays out the unrolled picture of `config`: every coordinate finite, everything inside the width. */
export function layoutUnrolled(config: UnrolledConfig): Unrolled {
  const layers = Math.max(1, Math.floor(config.layers));
  const lstm = config.cell === 'lstm';
  let x = MARGIN + GUTTER;
  const columns: Column[] = shownOffsets(config.timesteps).map((offset) => {
    const w = offset === null ? ELLIPSIS_W : COL_W;
    const col = { x: x + w / 2, offset };
    x += w;
    return col;
  });
  const steps = columns.filter((c) => c.offset !== null);
  const last = steps[steps.length - 1];

  const boxes: Box[] = [];
  const arrows: Arrow[] = [];
  const labels: Label[] = [];
  const arrow = (
    kind: Arrow['kind'],
    x1: number,
    y1: number,
    x2: number,
    y2: number,
    dashed = false,
  ) => arrows.push({ kind, x1, y1, x2, y2, dashed });
  const label = (
    kind: Label['kind'],
    lx: number,
    y: number,
    text: string,
    anchor: Label['anchor'] = 'middle',
  ) => labels.push({ kind, x: lx, y, text, anchor });

  // Top: the prediction, the Dense box, then the layers from the top one down.
  const prediction = 'prediction of day t+1';
  const denseX = clamp(last.x, MARGIN + GUTTER + DENSE_W / 2, WIDTH - MARGIN - DENSE_W / 2);
  const predX = clamp(
    denseX,
    MARGIN + textWidth(prediction) / 2,
    WIDTH - MARGIN - textWidth(prediction) / 2,
  );
  label('prediction', predX, MARGIN + FONT, prediction);
  const denseTop = MARGIN + FONT + 26;
  boxes.push({
    kind: 'dense',
    x: denseX - DENSE_W / 2,
    y: denseTop,
    w: DENSE_W,
    h: DENSE_H,
    text: 'Dense',
  });
  arrow('output', denseX, denseTop, denseX, MARGIN + FONT + 6);
  const rowTop = (layer: number) => denseTop + DENSE_H + GAP_V + (layers - layer) * (BOX_H + GAP_V);
  arrow('output', last.x, rowTop(layers), last.x, denseTop + DENSE_H);

  for (let layer = layers; layer >= 1; layer--) {
    const top = rowTop(layer);
    const mid = top + BOX_H / 2;
    label('layer', MARGIN, mid - 3, `layer ${layer}:`, 'start');
    label('layer', MARGIN, mid + FONT - 1, plural(config.units, 'unit'), 'start');
    for (const c of steps) {
      boxes.push({
        kind: 'cell',
        x: c.x - BOX_W / 2,
        y: top,
        w: BOX_W,
        h: BOX_H,
        text: `h${superscript(layer)}`,
      });
      // From the layer below (or the inputs) into this cell.
      const below = layer === 1 ? rowTop(1) + BOX_H + GAP_V : rowTop(layer - 1);
      arrow('feed', c.x, below, c.x, top + BOX_H);
    }
    // The recurrence: each cell hands its state to the next step's cell in the same layer.
    for (let i = 1; i < steps.length; i++) {
      const from = steps[i - 1].x + BOX_W / 2;
      const to = steps[i].x - BOX_W / 2;
      const dashed = columns.indexOf(steps[i]) - columns.indexOf(steps[i - 1]) > 1;
      if (lstm) {
        arrow('cellState', from, top + 8, to, top + 8, dashed);
        arrow('state', from, top + BOX_H - 8, to, top + BOX_H - 8, dashed);
      } else arrow('state', from, mid, to, mid, dashed);
    }
    // Name the states once per row: h (LSTM: c) above the row in the first gap; the LSTM's h below
    // it in the second gap, clear of the next row's c.
    if (steps.length > 1) {
      const gap = (k: number) => (steps[k].x + steps[k + 1].x) / 2;
      label(lstm ? 'cellStateName' : 'stateName', gap(0), top - 4, lstm ? 'c' : 'h');
      if (lstm) label('stateName', gap(steps.length > 2 ? 1 : 0), top + BOX_H + FONT - 2, 'h');
    }
  }

  // Bottom: the inputs, their step labels and the notes.
  const inputTop = rowTop(1) + BOX_H + GAP_V;
  const stepY = inputTop + INPUT_H + FONT + 4;
  label('layer', MARGIN, inputTop + INPUT_H / 2 + 5, 'input', 'start');
  label('layer', MARGIN, stepY, 'step', 'start');
  // Long labels (t−499, t−498) side by side would touch: the second one drops a line.
  const staggered = steps.length > 1 && stepLabel(steps[1].offset ?? 0).length > 4;
  for (const c of columns) {
    if (c.offset === null) {
      label('ellipsis', c.x, inputTop + INPUT_H / 2 + 5, '…');
      label('ellipsis', c.x, stepY, '…');
      continue;
    }
    boxes.push({ kind: 'input', x: c.x - BOX_W / 2, y: inputTop, w: BOX_W, h: INPUT_H, text: 'x' });
    const down = staggered && c === steps[1] ? FONT + 3 : 0;
    label('step', c.x, stepY + down, stepLabel(c.offset));
  }
  const noteY = stepY + FONT + 12 + (staggered ? FONT + 3 : 0);
  const t = Math.floor(config.timesteps);
  label(
    'note',
    MARGIN,
    noteY,
    `T = ${plural(t, 'step')}${t > 1 ? ', oldest on the left' : ''}`,
    'start',
  );
  label('note', MARGIN, noteY + FONT + 5, cellNote(config.cell), 'start');

  return {
    width: WIDTH,
    height: noteY + FONT + 5 + MARGIN + 4,
    columns,
    boxes,
    arrows,
    labels,
    description: describeUnrolled(config),
  };
}

/** Arrowhead length in user units. */
export const HEAD = 8;

/** Where the line of `a` stops: inside its head, so the line's end never pokes past the tip. */
export function shaftEnd(a: Arrow, size = HEAD): { x: number; y: number } {
  const len = Math.hypot(a.x2 - a.x1, a.y2 - a.y1) || 1;
  return {
    x: a.x2 - ((a.x2 - a.x1) / len) * size * 0.7,
    y: a.y2 - ((a.y2 - a.y1) / len) * size * 0.7,
  };
}

/** The arrowhead of `a` as SVG polygon points: a triangle `size` long ending at (x2, y2). */
export function arrowHead(a: Arrow, size = HEAD): string {
  const len = Math.hypot(a.x2 - a.x1, a.y2 - a.y1) || 1;
  const ux = (a.x2 - a.x1) / len;
  const uy = (a.y2 - a.y1) / len;
  const bx = a.x2 - ux * size;
  const by = a.y2 - uy * size;
  const half = size * 0.55;
  const pts = [
    [a.x2, a.y2],
    [bx - uy * half, by + ux * half],
    [bx + uy * half, by - ux * half],
  ];
  return pts.map(([px, py]) => `${round(px)},${round(py)}`).join(' ');
}

const round = (v: number) => Math.round(v * 100) / 100;
