// Regenerates the bundled samples in public/samples/. Run: node scripts/make-samples.mjs
// sp500.csv: the last 1,858 trading days of vega-datasets' sp500-2000.csv (BSD-3-Clause),
// laid out like the reference Kaggle file (Date,Open,High,Low,Close,Volume,OpenInt).
// sine.csv: a noisy sine with trend, seeded, for quick demos.
import { readFileSync, writeFileSync } from 'node:fs';

const src = readFileSync('node_modules/vega-datasets/data/sp500-2000.csv', 'utf8');
const rows = src.trim().split(/\r?\n/).slice(1).slice(-1858);
let sp = 'Date,Open,High,Low,Close,Volume,OpenInt\n';
const f = (x) => Number(x).toFixed(2);
for (const r of rows) {
  const [d, o, h, l, c, , v] = r.split(',');
  sp += [d, f(o), f(h), f(l), f(c), v, 0].join(',') + '\n';
}
writeFileSync('public/samples/sp500.csv', sp);

// mulberry32: tiny seeded PRNG so the file is reproducible.
let s = 20240607;
const rand = () => {
  s |= 0;
  s = (s + 0x6d2b79f5) | 0;
  let t = Math.imul(s ^ (s >>> 15), 1 | s);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
let sine = 'Date,Value\n';
const start = Date.UTC(2022, 0, 1);
for (let t = 0; t < 600; t++) {
  const d = new Date(start + t * 86400000).toISOString().slice(0, 10);
  const v = 50 + 0.04 * t + 10 * Math.sin((2 * Math.PI * t) / 50) + 1.2 * gauss();
  sine += `${d},${v.toFixed(3)}\n`;
}
writeFileSync('public/samples/sine.csv', sine);
console.log('wrote public/samples/sp500.csv and public/samples/sine.csv');
