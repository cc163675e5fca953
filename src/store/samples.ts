/** The sample series bundled in `public/samples/` (credits in public/samples/CREDITS.md). */
export const SAMPLES = [
  {
    id: 'sp500',
    label: 'S&P 500 daily (2012–2020)',
    file: 'sp500.csv',
    credit: 'S&P 500 prices from vega-datasets, BSD-3-Clause',
  },
  {
    id: 'sine',
    label: 'Noisy sine wave (synthetic)',
    file: 'sine.csv',
    credit: 'Synthetic noisy sine with a trend, generated for this app',
  },
] as const;

export type SampleId = (typeof SAMPLES)[number]['id'];

/** Same-origin URL of a sample file (respects Vite's base path). */
export function sampleUrl(id: SampleId): string {
  const s = SAMPLES.find((x) => x.id === id) ?? SAMPLES[0];
  return `${import.meta.env.BASE_URL}samples/${s.file}`;
}
