import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { setInside } from '../../store/inspectActions';
import { sampleIndices } from '../../store/series';
import { useStore } from '../../store/store';
import { dateTick } from '../charts/axis';
import { EquationsFigure } from './EquationsFigure';
import { GradientFlowFigure } from './GradientFlowFigure';
import { HiddenStateFigure } from './HiddenStateFigure';
import { InfluenceFigure } from './InfluenceFigure';
import { InputWindowFigure } from './InputWindowFigure';
import { WeightsFigure } from './WeightsFigure';

/** Most dates the picker lists (evenly spread, the last always among them). */
const MAX_DATES = 2000;

/**
 * "Inside the network": one test window as the network sees it (inputs, hidden states, input
 * influence, gradient flow, weights, the cell's equations with live numbers), computed by the
 * trainer worker at each epoch end, Step and change of date. Collapsed, it asks for nothing.
 */
export function InsidePanel() {
  const s = useStore(
    useShallow((st) => ({
      open: st.insideOpen,
      index: st.inspectIndex,
      layer: st.inspectLayer,
      inspection: st.inspection,
      error: st.inspectError,
      runId: st.runId,
      test: st.test,
      times: st.dataset?.times ?? null,
      yearly: st.dataset?.yearly ?? false,
      layers: st.runConfig?.layers ?? st.config.layers,
    })),
  );
  const rowLabel = useMemo(() => dateTick(s.times, s.yearly), [s.times, s.yearly]);
  const nTest = s.test?.actual.length ?? 0;
  const offset = s.test?.offset ?? 0;
  const options = useMemo(() => sampleIndices(nTest, MAX_DATES), [nTest]);
  const r = s.runId !== null ? s.inspection : null;
  const chosen = Math.min(s.index ?? nTest - 1, nTest - 1);
  return (
    <section className="panel inside" aria-labelledby="inside-heading">
      <h2 id="inside-heading">
        <button
          type="button"
          className="disclosure"
          aria-expanded={s.open}
          onClick={() => setInside({ insideOpen: !s.open })}
        >
          Inside the network
        </button>
      </h2>
      <p className="explain">
        Open the network on one day of the test part: what it reads, what it remembers, which past
        days it leans on and how its weights learn. It updates after every epoch and every Step.
      </p>
      {s.open && (
        <>
          <div className="inside-controls">
            <label>
              Inspect date{' '}
              <select
                value={chosen}
                disabled={nTest === 0}
                onChange={(e) => setInside({ inspectIndex: Number(e.target.value) })}
              >
                {options.map((i) => (
                  <option key={i} value={i}>
                    {rowLabel(offset + i)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Layer{' '}
              <select
                value={Math.min(s.layer, s.layers - 1)}
                onChange={(e) => setInside({ inspectLayer: Number(e.target.value) })}
              >
                {Array.from({ length: s.layers }, (_, l) => (
                  <option key={l} value={l}>
                    {l + 1}
                  </option>
                ))}
              </select>
            </label>
            <p className="hint inside-status">
              {r
                ? `After epoch ${r.epochs}, ${r.batches} batches trained · predicting ${rowLabel(offset + r.index)}`
                : (s.error ?? 'Press Train or Step: the network appears here once it is built.')}
            </p>
          </div>
          {r && (
            <div className="inside-grid">
              <InputWindowFigure r={r} targetRow={offset + r.index} rowLabel={rowLabel} />
              <InfluenceFigure n={r.network} />
              <HiddenStateFigure n={r.network} />
              <GradientFlowFigure flow={r.network.gradientFlow} batch={r.network.gradientBatch} />
              <WeightsFigure n={r.network} />
              <EquationsFigure r={r} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
