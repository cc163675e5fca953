/** Checking a typed control value against its CONFIG_FIELDS range (the message shown inline). */
import { CONFIG_FIELDS, type NumericKey } from '../model/core/config';

/** The number to store, or the sentence explaining why the typed text is refused. */
export function checkNumber(key: NumericKey, raw: string): { value: number } | { error: string } {
  const spec = CONFIG_FIELDS[key];
  const range = `between ${spec.min} and ${spec.max}`;
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(n)) return { error: `${spec.label} needs a number ${range}.` };
  if (n < spec.min || n > spec.max)
    return { error: `${spec.label} must be ${range}; ${raw} is refused.` };
  if (spec.integer && !Number.isInteger(n))
    return { error: `${spec.label} must be a whole number ${range}.` };
  return { value: n };
}
