// Draws the installable app's PNG icons into public/icons/ from the favicon's design (a rising
// line on a dark square). Run: node scripts/make-icons.mjs   (uses the tests' system Chromium)
// icon-192.png and icon-512.png: rounded square ("any"); maskable-512.png: full bleed with the line
// inside the central 80% safe zone; apple-touch-icon.png (180): full bleed, iOS rounds it itself.
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, ensureChromium } from './ensure-chromium.mjs';

const LINE = 'M4 22 L10 14 L15 18 L21 8 L28 12';

/** The favicon's drawing on a 32×32 grid, `pad` grid units of background around it. */
function svg(size, { rounded, pad }) {
  const view = 32 + 2 * pad;
  const rx = rounded ? 6 : 0;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="${-pad} ${-pad} ${view} ${view}">
    <rect x="${-pad}" y="${-pad}" width="${view}" height="${view}" rx="${rx}" fill="#0b3c5d"/>
    <path d="${LINE}" stroke="#f2a900" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
  </svg>`;
}

const ICONS = [
  ['icon-192.png', 192, { rounded: true, pad: 0 }],
  ['icon-512.png', 512, { rounded: true, pad: 0 }],
  ['maskable-512.png', 512, { rounded: false, pad: 4 }],
  ['apple-touch-icon.png', 180, { rounded: false, pad: 2 }],
];

mkdirSync('public/icons', { recursive: true });
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
const page = await browser.newPage();
for (const [name, size, opts] of ICONS) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg(size, opts)}`,
  );
  await page.locator('svg').screenshot({ path: `public/icons/${name}`, omitBackground: true });
  console.log(`public/icons/${name}`);
}
await browser.close();
