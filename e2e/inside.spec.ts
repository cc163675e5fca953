import { expect, test, type Page } from '@playwright/test';
import type { FromWorker } from '../src/workers/trainer/protocol';
import { openApp, statusLine, TINY } from './helpers';

/**
 * "Inside the network" as a class uses it: Step, each figure found by its accessible name, its
 * data table read back and compared with the numbers the engine sent (the trainer's `inspection`),
 * and with other parts of the page where they must agree.
 */

// Overrides come first: the app reads the first value of a repeated parameter.
const QUERY = `?sample=sine&testHooks&layers=2&epochs=2&${TINY}`;
const FIGURES = [
  'Input window',
  'Input influence',
  'Hidden state',
  'Gradient flow',
  'Weights',
  'Equations',
];

type Inspection = Extract<FromWorker, { type: 'inspection' }>;
/** The inspection as plain arrays (typed arrays do not cross page.evaluate). */
interface Plain {
  index: number;
  batches: number;
  prediction: number;
  influence: number[];
  hidden: number[][];
  cellState: number[][] | null;
  flow: number[][];
  recurrent: number[];
  units: number;
  T: number;
}

/** The newest inspection the page received (via the test build's hooks). */
async function lastInspection(page: Page): Promise<Plain> {
  return page.evaluate(() => {
    const { events } = (globalThis as unknown as { __trainerTestHooks: { events: unknown[] } })
      .__trainerTestHooks;
    const all = events.filter((e) => (e as { type: string }).type === 'inspection');
    const r = all[all.length - 1] as Inspection;
    const n = r.network;
    return {
      index: r.index,
      batches: r.batches,
      prediction: r.prediction,
      influence: Array.from(n.influence),
      hidden: n.hidden.map((h) => Array.from(h)),
      cellState: n.cellState ? n.cellState.map((c) => Array.from(c)) : null,
      flow: n.gradientFlow.map((f) => Array.from(f)),
      recurrent: Array.from(n.weights.recurrent),
      units: n.units,
      T: n.timesteps,
    };
  });
}

/** A figure's data table (opened with its Show data toggle) as header and rows of cell text. */
async function dataTable(
  page: Page,
  figure: string,
): Promise<{ head: string[]; rows: string[][] }> {
  const fig = page.getByRole('figure', { name: figure, exact: true });
  const toggle = fig.getByRole('button', { name: 'Show data', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const table = page.getByRole('table', { name: `${figure} data`, exact: true });
  await expect(table).toBeVisible();
  return table.evaluate((t) => ({
    head: Array.from(t.querySelectorAll('thead th')).map((e) => e.textContent!.trim()),
    rows: Array.from(t.querySelectorAll('tbody tr')).map((r) =>
      Array.from(r.children).map((c) => c.textContent!.trim()),
    ),
  }));
}

/** A number as the tables print it (4 significant digits) equals `v`. */
function expectShown(text: string, v: number): void {
  const shown = Number(text.replace(/,/g, '').replace('−', '-'));
  expect(Number.isFinite(shown), text).toBe(true);
  expect(Math.abs(shown - v), `${text} vs ${v}`).toBeLessThanOrEqual(Math.abs(v) * 1e-3 + 1e-9);
}

async function openInside(page: Page) {
  const toggle = page
    .getByRole('region', { name: 'Inside the network' })
    .getByRole('button', { name: 'Inside the network' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

test('Step trains one batch at a time and every figure shows the engine’s numbers', async ({
  page,
}) => {
  await openApp(page, QUERY);
  await openInside(page);
  const inside = page.getByRole('region', { name: 'Inside the network' });
  await expect(inside).toContainText('Press Train or Step');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.locator('.progress-text')).toContainText(/Epoch 1 \/ 2 · batch 1 \/ \d+/);
  await expect(statusLine(page)).toContainText('paused');
  await expect(inside).toContainText('1 batches trained');
  for (const name of FIGURES) await expect(inside.getByRole('figure', { name })).toBeVisible();

  const r = await lastInspection(page);
  const { T, units: u } = r;
  expect(T).toBe(5);
  // Input influence: one row per step back, 1 … T.
  const infl = await dataTable(page, 'Input influence');
  expect(infl.head).toEqual(['Step back', 'Influence']);
  expect(infl.rows.map((row) => row[0])).toEqual(['1', '2', '3', '4', '5']);
  infl.rows.forEach((row, k) => expectShown(row[1], r.influence[k]));
  // Hidden state: Layer, Step, then a column per unit.
  const hid = await dataTable(page, 'Hidden state');
  expect(hid.head).toEqual(['Layer', 'Step', 'Unit 1', 'Unit 2', 'Unit 3', 'Unit 4']);
  expect(hid.rows).toHaveLength(2 * T);
  hid.rows.forEach((row, i) => {
    const l = Math.floor(i / T);
    const t = i % T;
    expect(row.slice(0, 2)).toEqual([String(l + 1), String(t + 1)]);
    row.slice(2).forEach((text, j) => expectShown(text, r.hidden[l][t * u + j]));
  });
  // Gradient flow: steps back 0 … T−1, a column per layer.
  const flow = await dataTable(page, 'Gradient flow');
  expect(flow.head).toEqual(['Steps back', 'Layer 1', 'Layer 2']);
  flow.rows.forEach((row, i) => {
    expect(row[0]).toBe(String(i));
    row.slice(1).forEach((text, l) => expectShown(text, r.flow[l][T - 1 - i]));
  });
  // Weights: layer 1's recurrent kernel, row by row.
  const w = await dataTable(page, 'Weights');
  expect(w.head[0]).toBe('From unit');
  expect(w.rows).toHaveLength(u);
  w.rows.forEach((row, i) =>
    row.slice(1).forEach((text, j) => expectShown(text, r.recurrent[i * u + j])),
  );
  // Input window: T inputs, then the actual value and the prediction of the inspected day.
  const win = await dataTable(page, 'Input window');
  expect(win.head).toEqual(['Date', 'Value', 'Role']);
  expect(win.rows.map((row) => row[2])).toEqual([
    ...Array(T).fill('Input'),
    'Actual',
    'Prediction',
  ]);
  expectShown(win.rows[T + 1][1], r.prediction);
  // Equations: the cell's result equals the engine's h of that unit and step (layer 1, unit 1, step T).
  const eq = await dataTable(page, 'Equations');
  const h = eq.rows.find((row) => row[0] === 'h (hidden state)')!;
  expectShown(h[1], r.hidden[0][(T - 1) * u]);

  // S is Step too; the view follows the new batch.
  await page.locator('body').press('s');
  await expect(page.locator('.progress-text')).toContainText('batch 2 /');
  await expect(inside).toContainText('2 batches trained');
  // Another date: the first test day.
  const picker = inside.getByLabel('Inspect date');
  const first = await picker.locator('option').first().textContent();
  await picker.selectOption({ index: 0 });
  await expect(inside).toContainText(`predicting ${first}`);
  expect((await lastInspection(page)).index).toBe(0);
  const win0 = await dataTable(page, 'Input window');
  expect(win0.rows[T][0]).toBe(first);
  // A click on the predictions chart picks that day.
  const plot = page
    .getByRole('figure', { name: 'Predictions vs actual' })
    .locator('.recharts-wrapper > svg')
    .first();
  const box = (await plot.boundingBox())!;
  const middle = { x: box.width / 2, y: box.height / 2 };
  // As a user does: point (the tooltip shows the day), then click.
  await plot.hover({ position: middle });
  await expect(
    page
      .getByRole('figure', { name: 'Predictions vs actual' })
      .locator('.recharts-tooltip-wrapper'),
  ).toBeVisible();
  await plot.click({ position: middle });
  await expect(picker).not.toHaveValue('0');
  const picked = await picker.locator('option:checked').textContent();
  await expect(inside).toContainText(`predicting ${picked}`);
  expect((await lastInspection(page)).index).toBe(Number(await picker.inputValue()));
});

for (const cell of ['lstm', 'gru'] as const) {
  test(`the inside view of ${cell}: states, gates and the cell's own equations`, async ({
    page,
  }) => {
    await openApp(page, `${QUERY}&cell=${cell}`);
    await openInside(page);
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    const inside = page.getByRole('region', { name: 'Inside the network' });
    await expect(inside).toContainText('1 batches trained');
    const r = await lastInspection(page);
    const hid = await dataTable(page, 'Hidden state');
    const u = r.units;
    const T = r.T;
    if (cell === 'lstm') {
      expect(hid.rows).toHaveLength(4 * T);
      expect(hid.rows[2 * T][0]).toBe('1 (cell state c)');
      hid.rows[2 * T].slice(2).forEach((text, j) => expectShown(text, r.cellState![0][j]));
    } else {
      expect(hid.rows).toHaveLength(2 * T);
      expect(r.cellState).toBeNull();
    }
    const w = await dataTable(page, 'Weights');
    expect(w.head.slice(1, 3)).toEqual(cell === 'lstm' ? ['i 1', 'i 2'] : ['z 1', 'z 2']);
    expect(w.head).toHaveLength(1 + (cell === 'lstm' ? 4 : 3) * u);
    const eq = await dataTable(page, 'Equations');
    const names = eq.rows.map((row) => row[0]);
    expect(names).toContain(cell === 'lstm' ? 'f (forget gate)' : 'z (update gate)');
    const h = eq.rows.find((row) => row[0] === 'h (hidden state)')!;
    expectShown(h[1], r.hidden[0][(T - 1) * u]);
  });
}

test('keyboard: Space trains, pauses and resumes; ? lists the shortcuts; R resets', async ({
  page,
}) => {
  await openApp(page, `?sample=sine&epochs=5000&batch=4&${TINY}`);
  const body = page.locator('body');
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  await body.press(' ');
  await expect(pause).toBeEnabled();
  await body.press(' ');
  await expect(statusLine(page)).toContainText('paused');
  await body.press(' ');
  await expect(pause).toBeEnabled();
  await expect(statusLine(page)).not.toContainText('paused');
  await body.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('table')).toContainText('Step: train exactly one batch');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await body.press('r');
  await expect(statusLine(page)).toContainText('Ready to train');
  // Typing in a field is typing, not a shortcut.
  const units = page.getByLabel('Units', { exact: true });
  await units.focus();
  await units.press('s');
  await expect(statusLine(page)).toContainText('Ready to train');
});
