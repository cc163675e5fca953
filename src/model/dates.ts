/**
 * Date recognition for the date column: ISO, month names, M/D/Y (or D/M/Y when a day > 12 proves it),
 * D.M.Y; 2-digit years as strptime's %y.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const ISO =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const NAMED_MDY = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
const NAMED_DMY = /^(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s,-]+(\d{4})$/i;
const SLASH = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Order of the two leading numbers in `1/31/2020`-style dates. */
export type SlashOrder = 'mdy' | 'dmy';

function month(name: string): number {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? -1 : i + 1;
}

function utc(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0, ms = 0): number {
  if (m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60) return NaN;
  const t = Date.UTC(y, m - 1, d, hh, mm, ss, ms);
  // Rejects 2021-02-30 and the like (Date.UTC would roll over into March).
  return new Date(t).getUTCDate() === d ? t : NaN;
}

/**
 * Parses one cell to UTC epoch milliseconds, or NaN when it is not a date we recognise.
 * Times are taken as written (UTC) unless an explicit offset is given.
 */
export function parseDate(cell: string, order: SlashOrder = 'mdy'): number {
  const s = cell.trim();
  let m = ISO.exec(s);
  if (m) {
    const ms = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
    let t = utc(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), Math.round(ms));
    const tz = m[8];
    if (tz && tz.toUpperCase() !== 'Z') {
      const sign = tz[0] === '-' ? -1 : 1;
      const digits = tz.slice(1).replace(':', '');
      t -= sign * (+digits.slice(0, 2) * 60 + +digits.slice(2)) * 60_000;
    }
    return t;
  }
  m = NAMED_MDY.exec(s);
  if (m) return month(m[1]) > 0 ? utc(+m[3], month(m[1]), +m[2]) : NaN;
  m = NAMED_DMY.exec(s);
  if (m) return month(m[2]) > 0 ? utc(+m[3], month(m[2]), +m[1]) : NaN;
  m = SLASH.exec(s);
  if (m) {
    const [a, b] = [+m[1], +m[3]];
    // A dot (31.01.2020) is the European day-first notation.
    const dayFirst = m[2] === '.' || order === 'dmy';
    const [mo, d] = dayFirst ? [b, a] : [a, b];
    // Two-digit years as POSIX strptime %y: 69–99 → 19xx, 00–68 → 20xx.
    const y = m[4].length === 2 ? +m[4] + (+m[4] >= 69 ? 1900 : 2000) : +m[4];
    return utc(y, mo, d, +(m[5] ?? 0), +(m[6] ?? 0), +(m[7] ?? 0));
  }
  return NaN;
}

/** Picks M/D/Y unless some `a/b/yyyy` cell has a > 12 (then it can only be D/M/Y). */
export function slashOrder(cells: readonly string[]): SlashOrder {
  let dmy = false;
  for (const c of cells) {
    const m = SLASH.exec(c.trim());
    if (m && m[2] === '/') {
      if (+m[3] > 12) return 'mdy';
      if (+m[1] > 12) dmy = true;
    }
  }
  return dmy ? 'dmy' : 'mdy';
}

/** ISO text for epoch ms: `YYYY-MM-DD` when `dateOnly`, else full ISO 8601 (UTC). '' for NaN. */
export function isoDate(t: number, dateOnly: boolean): string {
  if (Number.isNaN(t)) return '';
  const iso = new Date(t).toISOString();
  return dateOnly ? iso.slice(0, 10) : iso;
}
