/**
 * Text encodings of dropped files. Files are read as UTF-8; one that is not valid UTF-8 is almost
 * always an old Excel or Windows export in Windows-1252 (a superset of Latin-1), so it is read that
 * way, with a note, instead of showing names like "Temp�rature".
 */

/** The note shown when a file was read as Windows-1252. */
export const LEGACY_ENCODING_NOTE =
  'Read as Windows-1252 (not UTF-8): the file is not valid UTF-8, so it was read as an older Windows/Excel file. If names look wrong, save it as "CSV UTF-8" and load that.';

/** A streaming decoder: strict UTF-8 (throws TypeError on invalid bytes) or Windows-1252. */
export function textDecoder(legacy: boolean): TextDecoder {
  return legacy ? new TextDecoder('windows-1252') : new TextDecoder('utf-8', { fatal: true });
}

/** Windows-1252's bytes 0x80–0x9F (€, quotes, dashes…); the five unassigned ones stay as they are. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Text from a Windows-1252 decoder with 0x80–0x9F mapped as Windows-1252 does. Browsers already do
 * this; Node's decoder (used by the tests) reads the label as Latin-1 and leaves C1 controls.
 */
export function fixCp1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/** Decodes a whole file's bytes: UTF-8 when valid, else Windows-1252 with `legacy: true`. */
export function decodeBytes(bytes: Uint8Array): { text: string; legacy: boolean } {
  try {
    return { text: textDecoder(false).decode(bytes), legacy: false };
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    return { text: fixCp1252(textDecoder(true).decode(bytes)), legacy: true };
  }
}
