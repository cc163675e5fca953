/**
 * The whole configuration in the URL, named by the config table's `url` names (as TensorFlow
 * Playground's `PROPS`).
 * Reading never trusts the URL: numbers are parsed strictly and clamped, choices must be listed,
 * and every correction comes back as a notice the page shows (as React text, never as markup).
 */
import { CONFIG_FIELDS, CONFIG_KEYS, type TrainConfig } from '../model/core/config';
import { DEFAULT_CONFIG } from '../model/core/presets';
import { SAMPLES, type SampleId } from './samples';

const SAMPLE_PARAM = 'sample';
/** `classroom=1`: the projector layout (a view setting, not part of the model's config). */
const CLASSROOM_PARAM = 'classroom';
/** `file=prices.csv`: the user's file a link was made with (its name only; data never travels). */
const FILE_PARAM = 'file';
/** Longest value read from the URL; anything longer is refused unread (and never written). */
export const MAX_VALUE_CHARS = 100;
/** `series=AAPL`: the series of a long-format file (Dataset.series) to show once such a file loads. */
const SERIES_PARAM = 'series';
/** A column list (a JSON array of names) may be longer: this many names of MAX_VALUE_CHARS at most. */
const MAX_COLUMNS = 32;
const MAX_LIST_CHARS = 2000;

export interface UrlState {
  config: TrainConfig;
  sample: SampleId;
  classroom: boolean;
  /** The file the link was made with, when it was made with the user's own file. */
  file: string | null;
  /** The wanted series of a long-format file; only ever compared with the file's series names. */
  series: string | null;
  notices: string[];
}

/** Shortens a value for a notice (it is shown as text; this only keeps the notice readable). */
/** A decimal number as people write it: `12`, `-0.5`, `.5`, `1e-3`. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function quote(raw: string): string {
  return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
}

/**
 * Checks one raw value against its field. Returns the value to use (possibly clamped),
 * or null when refused, plus an optional notice.
 */
export function readField(
  key: keyof TrainConfig,
  raw: string,
): { value: TrainConfig[keyof TrainConfig] | null; notice: string | null } {
  const spec = CONFIG_FIELDS[key];
  const label = spec.label;
  if (spec.kind === 'columns') return readColumns(label, raw);
  if (raw.length > MAX_VALUE_CHARS)
    return { value: null, notice: `${label}: the value in the link is too long; ignored.` };
  if (spec.kind === 'text') return { value: raw, notice: null };
  if (spec.kind === 'choice') {
    const ok = spec.options.some((o) => o.value === raw);
    return ok
      ? { value: raw, notice: null }
      : {
          value: null,
          notice: `${label}: ${quote(raw)} is not one of ${spec.options.map((o) => o.value).join(', ')}; ignored.`,
        };
  }
  const trimmed = raw.trim();
  // Plain decimals only (1e-3 allowed): Number() would also take hex `0x10` or binary `0b1`.
  const n = DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isFinite(n))
    return { value: null, notice: `${label}: ${quote(raw)} is not a number; ignored.` };
  let v = spec.integer ? Math.round(n) : n;
  let notice: string | null = null;
  if (v < spec.min) {
    v = spec.min;
    notice = `${label}: ${quote(raw)} is below the minimum ${spec.min}; using ${spec.min}.`;
  } else if (v > spec.max) {
    v = spec.max;
    notice = `${label}: ${quote(raw)} is above the maximum ${spec.max}; using ${spec.max}.`;
  } else if (spec.integer && v !== n) {
    notice = `${label}: ${quote(raw)} must be a whole number; using ${v}.`;
  }
  return { value: v, notice };
}

/**
 * A list of column names written as a JSON array (names are user data: any character, so no
 * separator is safe). Refused whole when it is not an array of strings or too long; names that
 * are not in the file are refused later, with the file at hand (data/prep checkDataConfig).
 */
function readColumns(
  label: string,
  raw: string,
): { value: string[] | null; notice: string | null } {
  const refuse = (why: string) => ({ value: null, notice: `${label}: ${why}; ignored.` });
  if (raw.length > MAX_LIST_CHARS) return refuse('the value in the link is too long');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return refuse(`${quote(raw)} is not a list of column names`);
  }
  if (!Array.isArray(parsed) || !parsed.every((v): v is string => typeof v === 'string'))
    return refuse(`${quote(raw)} is not a list of column names`);
  if (parsed.length > MAX_COLUMNS || parsed.some((v) => v.length > MAX_VALUE_CHARS))
    return refuse(`more than ${MAX_COLUMNS} names or a name over ${MAX_VALUE_CHARS} characters`);
  return { value: [...new Set(parsed)], notice: null };
}

/** Reads a configuration from a query string (`location.search`), starting from `base`. */
export function readUrlState(search: string, base: TrainConfig = DEFAULT_CONFIG): UrlState {
  const params = new URLSearchParams(search);
  const config: TrainConfig = { ...base };
  const notices: string[] = [];
  const set = <K extends keyof TrainConfig>(key: K, raw: string) => {
    const { value, notice } = readField(key, raw);
    if (notice) notices.push(notice);
    if (value !== null) config[key] = value as TrainConfig[K];
  };
  for (const key of CONFIG_KEYS) {
    const raw = params.get(CONFIG_FIELDS[key].url);
    if (raw !== null) set(key, raw);
  }
  let sample: SampleId = SAMPLES[0].id;
  const rawSample = params.get(SAMPLE_PARAM);
  if (rawSample !== null) {
    const found = SAMPLES.find((s) => s.id === rawSample);
    if (found) sample = found.id;
    else
      notices.push(
        `Sample: ${quote(rawSample)} is not a bundled sample; showing ${SAMPLES[0].label}.`,
      );
  }
  const classroom = params.get(CLASSROOM_PARAM) === '1';
  const rawFile = params.get(FILE_PARAM);
  const file = rawFile && rawFile.length <= MAX_VALUE_CHARS ? rawFile : null;
  if (file && rawSample === null) {
    notices.push(
      `This link was made with ${file}: drop that file here to use the same data. The link holds only the settings, never the data; until then you see the bundled sample ${SAMPLES[0].label}.`,
    );
  }
  let series = params.get(SERIES_PARAM);
  if (series !== null && series.length > MAX_VALUE_CHARS) {
    notices.push('Series: the value in the link is too long; ignored.');
    series = null;
  }
  return { config, sample, classroom, file, series, notices };
}

/** A file name cut to MAX_VALUE_CHARS (with an ellipsis), so the link that names it reopens. */
export function capFileName(name: string): string {
  return name.length > MAX_VALUE_CHARS ? `${name.slice(0, MAX_VALUE_CHARS - 1)}…` : name;
}

/**
 * The query string for a configuration (every field, so a link is complete and explicit), and for
 * a user's file its name (`file=`, capped), and the series of a long-format file when one is shown. Whatever is written reads back: a target column name
 * longer than MAX_VALUE_CHARS is left out (the link then uses the file's default column).
 */
export function writeUrlState(
  config: TrainConfig,
  sample: SampleId | null,
  classroom = false,
  file: string | null = null,
  series: string | null = null,
): string {
  const params = new URLSearchParams();
  if (sample) params.set(SAMPLE_PARAM, sample);
  else if (file) params.set(FILE_PARAM, capFileName(file));
  if (classroom) params.set(CLASSROOM_PARAM, '1');
  if (series !== null) params.set(SERIES_PARAM, series);
  for (const key of CONFIG_KEYS) {
    const value = config[key];
    // An empty target means "the file's default column", no input columns the target alone: both
    // are left out, so the link stays short. Whatever is written reads back: longer values are
    // left out rather than written unreadable.
    if (Array.isArray(value)) {
      const list = JSON.stringify(value);
      if (value.length && list.length <= MAX_LIST_CHARS) params.set(CONFIG_FIELDS[key].url, list);
    } else {
      const text = String(value);
      if (text.length > MAX_VALUE_CHARS || (key === 'targetColumn' && !text)) continue;
      params.set(CONFIG_FIELDS[key].url, text);
    }
  }
  return `?${params.toString()}`;
}
