/**
 * "Download Keras script": the trained model's files (model.json's metadata, the weights) turned
 * into one Python file in the page (core/kerasScript.ts), nothing fetched.
 */
import { kerasScript } from '../model/core/kerasScript';
import type { ModelMetadata, RowSource } from '../model/core/modelMetadata';
import { showError, useStore } from './store';
import { existingClient } from './trainer';

/** Saves `blob` as a download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Where the trained rows came from: the time axis and, for a long-format file, the series. */
export function rowSource(): RowSource {
  const { dataset, source, seriesName } = useStore.getState();
  const split = source?.series;
  return {
    dateColumn: dataset?.dateColumn ?? null,
    series: split && seriesName !== null ? { column: split.column, name: seriesName } : null,
  };
}

/** A file name from a column name: letters, digits and `_` only. */
export function scriptName(target: string): string {
  const stem = target.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return `rnn_playground_${stem || 'model'}.py`;
}

/** Saves `rnn_playground_<target>.py`, the run as a Keras 3 script with the trained weights. */
export async function downloadKerasScript(): Promise<void> {
  const client = existingClient();
  if (!client) return;
  try {
    const { modelJson, weights } = await client.exportModel(rowSource());
    const meta = (JSON.parse(modelJson) as { userDefinedMetadata: ModelMetadata })
      .userDefinedMetadata;
    const script = kerasScript(meta, weights);
    saveBlob(new Blob([script], { type: 'text/x-python' }), scriptName(meta.targetColumn));
  } catch (e) {
    showError(`Could not write the Keras script: ${e instanceof Error ? e.message : String(e)}`);
  }
}
