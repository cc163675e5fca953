/**
 * How many columns the tables and the target list show. A file may have up to MAX_COLUMNS
 * (2,000); rendering every one costs seconds on the main thread and nobody reads 2,000 columns.
 */
export const SHOWN_COLUMNS = 50;

/** "Showing the first 50 of 2,000 columns." when some are left out, else null. */
export function shownNote(total: number, what = 'columns'): string | null {
  return total > SHOWN_COLUMNS
    ? `Showing the first ${SHOWN_COLUMNS} of ${total.toLocaleString('en-US')} ${what}.`
    : null;
}
