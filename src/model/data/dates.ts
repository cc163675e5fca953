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

const MS_PER_DAY = 86_400_000;
/** 0000-01-01 and 10000-01-01 in epoch ms: toISOString writes 4-digit years in between. */
const FIRST_4_DIGIT = -62_167_219_200_000;
const AFTER_4_DIGIT = 253_402_300_800_000;
const PAD2 = Array.from({ length: 100 }, (_, k) => String(k).padStart(2, '0'));

/** `YYYY-MM-DD` of a day number since 1970-01-01 (Hinnant's civil_from_days), year 0–9999. */
function dayText(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${PAD2[Math.floor(y / 100)]}${PAD2[y % 100]}-${PAD2[m]}-${PAD2[d]}`;
}

/** `THH:MM:SS.000Z` for a second of the day. */
function clockText(sec: number): string {
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec - h * 3600) / 60);
  return `T${PAD2[h]}:${PAD2[m]}:${PAD2[sec - h * 3600 - m * 60]}.000Z`;
}

/**
 * isoDate of every value, as one array ('' for NaN). Same strings as isoDate, built without a
 * Date object per row: a million-row series formats in tens of milliseconds.
 */
export function isoDates(times: Float64Array, dateOnly: boolean): string[] {
  const out = new Array<string>(times.length);
  const clock: string[] = [];
  let lastDay = NaN;
  let lastText = '';
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (!(t >= FIRST_4_DIGIT && t < AFTER_4_DIGIT) || !Number.isInteger(t)) {
      out[i] = isoDate(t, dateOnly);
      continue;
    }
    const day = Math.floor(t / MS_PER_DAY);
    if (day !== lastDay) {
      lastDay = day;
      lastText = dayText(day);
    }
    if (dateOnly) {
      out[i] = lastText;
      continue;
    }
    let ms = t - day * MS_PER_DAY;
    // Whole seconds (the usual case) reuse one "THH:MM:SS.000Z" string per second of the day.
    if (ms % 1000 === 0) {
      const sec = ms / 1000;
      out[i] = lastText + (clock[sec] ??= clockText(sec));
      continue;
    }
    const h = Math.floor(ms / 3_600_000);
    ms -= h * 3_600_000;
    const min = Math.floor(ms / 60_000);
    ms -= min * 60_000;
    const s = Math.floor(ms / 1000);
    ms -= s * 1000;
    const frac = ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : `${ms}`;
    out[i] = `${lastText}T${PAD2[h]}:${PAD2[min]}:${PAD2[s]}.${frac}Z`;
  }
  return out;
}
