import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { summarizeModel } from '../model/core/summary';
import { inputCount, useStore } from '../store/store';
import { formatInt } from './format';

/** Keras-style `model.summary()` of the configured network; updates as the controls change. */
export function ModelSummary() {
  const { cell, layers, units, dropout, timesteps, inputs } = useStore(
    useShallow((s) => ({
      inputs: inputCount(s),
      cell: s.config.cell,
      layers: s.config.layers,
      units: s.config.units,
      dropout: s.config.dropout,
      timesteps: s.config.timesteps,
    })),
  );
  const summary = useMemo(
    () => summarizeModel({ cell, layers, units, dropout, timesteps }, inputs),
    [cell, layers, units, dropout, timesteps, inputs],
  );
  return (
    <section className="panel" aria-labelledby="summary-heading">
      <h2 id="summary-heading" className="visually-hidden">
        Model
      </h2>
      <table className="data-table compact">
        <caption>Model summary</caption>
        <thead>
          <tr>
            <th scope="col">Layer (type)</th>
            <th scope="col">Output shape</th>
            <th scope="col" className="num">
              Params
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>input (InputLayer)</td>
            <td className="mono">{summary.inputShape}</td>
            <td className="num">0</td>
          </tr>
          {summary.rows.map((r) => (
            <tr key={r.layer}>
              <td>{r.layer}</td>
              <td className="mono">{r.outputShape}</td>
              <td className="num">{formatInt(r.params)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total params
            </th>
            <td className="num">
              <strong>{formatInt(summary.total)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
