/**
 * Where a run's rows came from in the file (plain types, shared by the trainer protocol and the
 * model metadata): the time axis and, for a long-format file, the series.
 */

/** Which series of a long-format file the run used. */
export interface SeriesChoice {
  column: string;
  name: string;
}

/** Where the rows came from in the file: its time axis and, for a long-format file, the series. */
export interface RowSource {
  dateColumn: string | null;
  series?: SeriesChoice | null;
}
