import { useShallow } from 'zustand/react/shallow';
import type { Metrics } from '../model/core/types';
import { useStore } from '../store/store';
import { downloadModel, downloadPredictions } from '../store/trainActions';
import { formatMetric } from './format';
import { PreviousRunNote } from './PreviousRunNote';

const ROWS: { key: keyof Metrics; label: string; percent?: boolean; higherIsBetter?: boolean }[] = [
  { key: 'rmse', label: 'RMSE' },
  { key: 'mae', label: 'MAE' },
  { key: 'mape', label: 'MAPE', percent: true },
  { key: 'r2', label: 'R²', higherIsBetter: true },
];

/**
 * Test metrics of the model beside the persistence baseline, the comparison with the previous
 * run, how to read them, and the downloads.
 */
export function MetricsPanel() {
  // Both computed once, in the worker: the model's live with each epoch's predictions.
  const { model, baseline, predictions, status, epochs, target } = useStore(
    useShallow((s) => ({
      model: s.modelMetrics,
      baseline: s.persistence,
      predictions: s.predictions,
      status: s.status,
      epochs: s.epochLoss.length,
      target: s.test?.target ?? null,
    })),
  );
  const finished = status === 'done' || status === 'stopped';
  return (
    <section className="panel" aria-labelledby="metrics-heading">
      <h2 id="metrics-heading">Results</h2>
      <p className="explain">
        How far off the predictions are on the test rows, in the data&apos;s own units. Lower errors
        (and a higher R²) than the baseline mean the model has learned something useful.
      </p>
      <table className="data-table metrics">
        <caption>Test metrics</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              Model
            </th>
            <th scope="col" className="num">
              Persistence baseline
            </th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => {
            const m = model?.[r.key];
            const b = baseline?.[r.key];
            const better = m !== undefined && b !== undefined && (r.higherIsBetter ? m > b : m < b);
            return (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td className={`num${better ? ' better' : ''}`}>
                  {m !== undefined ? formatMetric(m, r.percent) : '–'}
                  {better && <span className="visually-hidden"> (better than the baseline)</span>}
                </td>
                <td className="num">{b !== undefined ? formatMetric(b, r.percent) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {model && baseline && Number.isFinite(model.rmse) && (
        <p className="verdict">
          {model.rmse < baseline.rmse
            ? `The model beats “tomorrow = today”: its RMSE is ${formatMetric(model.rmse)} against ${formatMetric(baseline.rmse)}.`
            : `Not better than “tomorrow = today” yet: RMSE ${formatMetric(model.rmse)} against the baseline’s ${formatMetric(baseline.rmse)}.`}
        </p>
      )}
      <PreviousRunNote currentRmse={model?.rmse ?? null} finished={finished} />
      <p className="hint how-to-read">
        <strong>How to read this:</strong> the persistence baseline simply predicts that tomorrow’s
        value equals today’s; a model is only worth something where its errors are lower (and R²
        higher) than the baseline’s.{target ? ` Units: ${target}, on the test rows only.` : ''}
        {status === 'stopped' && model
          ? ' The run was stopped early; metrics are for the weights at that point.'
          : ''}
      </p>
      <div className="buttons">
        <button type="button" onClick={downloadPredictions} disabled={!predictions}>
          Download predictions
        </button>
        <button
          type="button"
          onClick={() => void downloadModel()}
          disabled={!finished || epochs === 0}
        >
          Download model
        </button>
      </div>
    </section>
  );
}
