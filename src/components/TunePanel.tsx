import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  CONFIG_FIELDS,
  CONFIG_KEYS,
  type ChoiceKey,
  type FieldGroup,
  type NumericKey,
  type TrainConfig,
} from '../model/core/config';
import { PRESETS } from '../model/core/presets';
import { applyPreset, setConfigValue } from '../store/configActions';
import { useDataProblem } from '../store/hooks';
import { isBusy } from '../store/runState';
import { resolvedTarget, useStore } from '../store/store';
import { ChoiceField } from './ChoiceField';
import { InputColumnsField } from './InputColumnsField';
import { NumberField } from './NumberField';
import { SHOWN_COLUMNS, shownNote } from './shownColumns';

/** The fieldsets of the panel, in order; each shows its knobs in config-table order. */
const GROUPS: { id: Exclude<FieldGroup, 'target'>; legend: string }[] = [
  { id: 'data', legend: 'Data windows' },
  { id: 'network', legend: 'Network' },
  { id: 'training', legend: 'Training' },
];
const isChoice = (k: keyof TrainConfig): k is ChoiceKey => CONFIG_FIELDS[k].kind === 'choice';
const isNumeric = (k: keyof TrainConfig): k is NumericKey => CONFIG_FIELDS[k].kind === 'number';

/** The first SHOWN_COLUMNS numeric columns, plus the current target when it is further on. */
function shownTargets(columns: string[], target: string): string[] {
  const shown = columns.slice(0, SHOWN_COLUMNS);
  return target && !shown.includes(target) && columns.includes(target) ? [...shown, target] : shown;
}

/** Presets, the target column and every knob of the network and its training. */
export function TunePanel() {
  const { dataset, busy, target } = useStore(
    useShallow((s) => ({ dataset: s.dataset, busy: isBusy(s.status), target: resolvedTarget(s) })),
  );
  const dataProblem = useDataProblem();
  const numericColumns = useMemo(
    // The time axis (a year column) labels the rows; it is not a series to predict.
    () =>
      dataset
        ? dataset.columns
            .filter((c) => c.kind === 'numeric' && c.name !== dataset.dateColumn)
            .map((c) => c.name)
        : [],
    [dataset],
  );
  return (
    <section className="panel" aria-labelledby="tune-heading">
      <h2 id="tune-heading">Tune</h2>
      <p className="explain">
        The knobs of the network and of its training. Start with a preset, change one setting at a
        time and train again to see what it does.
      </p>
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
        <label htmlFor="cfg-targetColumn">{CONFIG_FIELDS.targetColumn.label}</label>
        <select
          id="cfg-targetColumn"
          value={target}
          disabled={busy || numericColumns.length === 0}
          onChange={(e) => setConfigValue('targetColumn', e.target.value)}
        >
          {shownTargets(numericColumns, target).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        {shownNote(numericColumns.length, 'numeric columns') && (
          <p className="hint">
            {shownNote(numericColumns.length, 'numeric columns')} Pick another with{' '}
            <code>?target=</code> in the URL.
          </p>
        )}
      </div>
      {numericColumns.length > 1 && (
        <InputColumnsField columns={numericColumns} target={target} disabled={busy} />
      )}
      {GROUPS.map((g) => (
        <fieldset key={g.id}>
          <legend>{g.legend}</legend>
          <div className="grid2">
            {CONFIG_KEYS.filter((k) => CONFIG_FIELDS[k].group === g.id).map((k) =>
              isChoice(k) ? (
                <ChoiceField key={k} field={k} disabled={busy} />
              ) : isNumeric(k) ? (
                <NumberField
                  key={k}
                  field={k}
                  disabled={busy}
                  extraError={k === 'timesteps' ? dataProblem : undefined}
                />
              ) : null,
            )}
          </div>
        </fieldset>
      ))}
    </section>
  );
}
