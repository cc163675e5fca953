import { useShallow } from 'zustand/react/shallow';
import { ForecastChart } from './charts/ForecastChart';
import type { Metrics } from '../model/core/types';
import { useStore } from '../store/store';
import { downloadKerasScript } from '../store/exportActions';
import { downloadModel, downloadPredictions } from '../store/trainActions';
import { baselineList, bestBaseline, verdictText } from './diagnostics';
import { DiagnosticsList } from './DiagnosticsList';
import { formatMetric } from './format';
import { PreviousRunNote } from './PreviousRunNote';

const ROWS: { key: keyof Metrics; label: string; percent?: boolean; higherIsBetter?: boolean }[] = [
  { key: 'rmse', label: 'RMSE' },
  { key: 'mae', label: 'MAE' },
  { key: 'mape', label: 'MAPE', percent: true },
  { key: 'r2', label: 'R²', higherIsBetter: true },
];

/**
 * Test metrics of the model beside the baselines (persistence, Linear, Seasonal naive), the verdict
 * against the best of them, the diagnostics, the comparison with the previous run, how to read
 * them, and the downloads.
 */
export function MetricsPanel() {
  // All computed once, in the worker: the model's live with each epoch's predictions.
  const { model, persistence, others, predictions, status, epochs, target, diverged } = useStore(
    useShallow((s) => ({
      model: s.modelMetrics,
      persistence: s.persistence,
      others: s.baselines,
      predictions: s.predictions,
      status: s.status,
      epochs: s.epochLoss.length,
      target: s.test?.target ?? null,
      diverged: s.stopReason !== null,
    })),
  );
  const finished = status === 'done' || status === 'stopped';
  const baselines = baselineList(persistence, others);
  const best = bestBaseline(baselines);
  return (
    <section className="panel" aria-labelledby="metrics-heading">
      <h2 id="metrics-heading">Results</h2>
      <p className="explain">
        How far off the predictions are on the test rows, in the data&apos;s own units. Lower errors
        (and a higher R²) than the baseline mean the model has learned something useful.
      </p>
      {/* Five columns can be wider than a phone: the table scrolls, not the page. */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Test metrics">
        <table className="data-table metrics">
          <caption>Test metrics</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col" className="num">
                Model
              </th>
              {baselines.map((b) => (
                <th key={b.column} scope="col" className="num">
                  {b.column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((r) => {
              const m = model?.[r.key];
              const scores = baselines.flatMap((b) => (b.metrics ? [b.metrics[r.key]] : []));
              const better =
                m !== undefined &&
                scores.length > 0 &&
                scores.every((b) => (r.higherIsBetter ? m > b : m < b));
              return (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  <td className={`num${better ? ' better' : ''}`}>
                    {m !== undefined ? formatMetric(m, r.percent) : '–'}
                    {better && (
                      <span className="visually-hidden"> (better than every baseline)</span>
                    )}
                  </td>
                  {baselines.map((b) => (
                    <td key={b.column} className="num">
                      {b.metrics ? formatMetric(b.metrics[r.key], r.percent) : '–'}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {model && best && Number.isFinite(model.rmse) && (
        <p className="verdict">{verdictText(model, best, finished)}</p>
      )}
      <DiagnosticsList />
      <PreviousRunNote currentRmse={model?.rmse ?? null} finished={finished} />
      <p className="hint how-to-read">
        <strong>How to read this:</strong> the persistence baseline simply predicts that tomorrow’s
        value equals today’s; Linear is a ridge regression on the same window the network sees;
        Seasonal naive (when the series has a clear period) repeats the value one period back. A
        model is only worth something where its errors are lower (and R² higher) than the best
        baseline’s.{target ? ` Units: ${target}, on the test rows only.` : ''}
        {status === 'stopped' && model
          ? diverged
            ? ' The loss diverged; metrics are for the last epoch before it did.'
            : ' The run was stopped early; metrics are for the weights at that point.'
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
        <button
          type="button"
          onClick={() => void downloadKerasScript()}
          disabled={!finished || epochs === 0}
        >
          Download Keras script
        </button>
      </div>
      <ForecastChart />
    </section>
  );
}
