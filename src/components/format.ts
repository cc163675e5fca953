/** Number formatting shared by the tables and charts (one place, so tests can rely on it). */

/** A statistic as pandas would show it, to 6 significant digits; large values grouped. */
export function formatStat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Math.abs(v) >= 1e6) return v.toLocaleString('en-US', { maximumFractionDigits: 0 });
  return String(Number(v.toPrecision(6)));
}

/** A loss value as a plain decimal: 4 places, or 3 significant digits when smaller (0.000187). */
export function formatLoss(v: number | null | undefined): string {
  if (v == null || Number.isNaN(v)) return '–';
  if (!Number.isFinite(v)) return String(v);
  if (v === 0 || Math.abs(v) >= 0.001) return v.toFixed(4);
  return v.toFixed(Math.min(20, 2 - Math.floor(Math.log10(Math.abs(v)))));
}

/** Whole number with thousands separators. */
export function formatInt(v: number): string {
  return Math.round(v).toLocaleString('en-US');
}

/** Seconds as "1 min 05 s" / "12 s". */
export function formatDuration(sec: number): string {
  if (!Number.isFinite(sec) || sec < 0) return '–';
  const s = Math.round(sec);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${String(s % 60).padStart(2, '0')} s`;
}

/** A metric for the table: 4 significant digits, MAPE with a percent sign. */
export function formatMetric(v: number, percent = false): string {
  if (!Number.isFinite(v)) return '–';
  const text = Math.abs(v) >= 1000 ? formatInt(v) : String(Number(v.toPrecision(4)));
  return percent ? `${text} %` : text;
}
