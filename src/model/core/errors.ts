/** Errors a person can act on: the message is shown as-is in the UI alert region. */

/**
 * A problem with the user's data or data settings (bad file, too few rows, missing target…).
 * `message` is one specific, actionable sentence; anything else thrown by the pipeline is a bug.
 */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

/**
 * Largest file accepted, in bytes (100 MB). Parsing happens in memory in the browser; at about
 * 60 bytes a row this is well over a million rows, far more than an RNN in the browser can train on.
 */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** Formats a byte count for messages ("1.5 MB"). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Refuses a file larger than MAX_FILE_BYTES before it is read.
 * @throws DataError stating the file's size and the limit.
 */
export function checkFileSize(bytes: number, name: string): void {
  if (bytes > MAX_FILE_BYTES) {
    throw new DataError(
      `"${name}" is ${formatBytes(bytes)}; the largest file this app accepts is ${formatBytes(MAX_FILE_BYTES)}. Trim it to fewer rows or columns and try again.`,
    );
  }
}

/**
 * Most columns a file may have. Beyond this the page's tables and the per-column statistics cost
 * seconds and the network can use one column anyway; the header is counted before any parsing.
 */
export const MAX_COLUMNS = 2000;

/**
 * Refuses a file whose header has more than MAX_COLUMNS columns.
 * @throws DataError stating the count and the limit.
 */
export function checkColumnCount(count: number, name: string): void {
  if (count > MAX_COLUMNS) {
    throw new DataError(
      `"${name}" has ${count.toLocaleString('en-US')} columns; the playground reads at most ${MAX_COLUMNS.toLocaleString('en-US')}. Keep the date column and the columns you want to predict, and load that.`,
    );
  }
}
