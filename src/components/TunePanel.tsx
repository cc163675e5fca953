import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PRESETS } from '../model/core/config';
import { applyPreset, setConfigValue } from '../store/configActions';
import { useDataProblem } from '../store/hooks';
import { isBusy } from '../store/runState';
import { resolvedTarget, useStore } from '../store/store';
import { ChoiceField } from './ChoiceField';
import { NumberField } from './NumberField';

/** Presets, the target column and every knob of the network and its training. */
export function TunePanel() {
  const { dataset, busy, target } = useStore(
    useShallow((s) => ({ dataset: s.dataset, busy: isBusy(s.status), target: resolvedTarget(s) })),
  );
  const dataProblem = useDataProblem();
  const numericColumns = useMemo(
    () => (dataset ? dataset.columns.filter((c) => c.kind === 'numeric').map((c) => c.name) : []),
    [dataset],
  );
  return (
    <section className="panel" aria-labelledby="tune-heading">
      <h2 id="tune-heading">Tune</h2>
      <div className="presets" role="group" aria-label="Presets">
        {PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => applyPreset(p.id)}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div className="field">
        <label htmlFor="cfg-targetColumn">Target column</label>
        <select
          id="cfg-targetColumn"
          value={target}
          disabled={busy || numericColumns.length === 0}
          onChange={(e) => setConfigValue('targetColumn', e.target.value)}
        >
          {numericColumns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>Data windows</legend>
        <div className="grid2">
          <NumberField field="trainSplit" disabled={busy} />
          <NumberField field="timesteps" disabled={busy} extraError={dataProblem} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Network</legend>
        <div className="grid2">
          <ChoiceField field="cell" disabled={busy} />
          <ChoiceField field="activation" disabled={busy} />
          <NumberField field="layers" disabled={busy} />
          <NumberField field="units" disabled={busy} />
          <NumberField field="dropout" disabled={busy} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Training</legend>
        <div className="grid2">
          <NumberField field="epochs" disabled={busy} />
          <NumberField field="batchSize" disabled={busy} />
          <NumberField field="learningRate" disabled={busy} />
          <ChoiceField field="loss" disabled={busy} />
          <NumberField field="seed" disabled={busy} />
          <ChoiceField field="backend" disabled={busy} />
          <ChoiceField field="engine" disabled={busy} />
        </div>
      </fieldset>
    </section>
  );
}
