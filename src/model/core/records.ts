/**
 * Records keyed by a file's column names. A column may be called `__proto__`, `constructor` or
 * `toString`: on a plain `{}` the first would replace the prototype and the others would find
 * Object's methods, so every such record has no prototype at all.
 */

/** An empty record with no prototype: any string is a safe key, and unset keys read undefined. */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * A prototype-free copy of `obj`'s own enumerable entries. For records that crossed a worker
 * boundary: structured clone rebuilds them as plain objects.
 */
export function toRecord<T>(obj: Record<string, T>): Record<string, T> {
  const out = emptyRecord<T>();
  for (const [k, v] of Object.entries(obj)) out[k] = v;
  return out;
}
