/**
 * The typed messages between the page and the CSV parse worker; the only module both threads
 * import. Each message carries the `id` of its parse job.
 */
import type { Dataset, DescribeStats } from '../../model/core/types';

/** Page → parse worker: a File (read in the worker, with progress) or text already in memory. */
export interface ToParse {
  type: 'parse';
  id: number;
  name: string;
  file?: File;
  text?: string;
}

/**
 * Parse worker → page. The dataset's numeric columns and date times are typed arrays in the
 * transfer list; its `cells` hold only the first rows (the preview table): nothing on the page
 * reads further rows.
 */
export type FromParse =
  | { type: 'progress'; id: number; phase: 'reading' | 'parsing'; loaded: number; total: number }
  | { type: 'result'; id: number; dataset: Dataset; stats: Record<string, DescribeStats> }
  | { type: 'error'; id: number; message: string; dataError: boolean };
