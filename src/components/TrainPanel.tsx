import { useShallow } from 'zustand/react/shallow';
import { valueLabel } from '../model/core/config';
import { useDataProblem } from '../store/hooks';
import { isBusy } from '../store/runState';
import { setConfigValue } from '../store/configActions';
import { useStore } from '../store/store';
import { pause, resetRun, resume, step, stop, train } from '../store/trainActions';
import { formatDuration, formatInt, formatLoss } from './format';
import { statusText } from './statusText';
import { useFocusFallback } from './useFocusFallback';

/** WebGL drawn by the CPU (no usable GPU): WebAssembly is several times faster there. */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software/i;

/** Train / Pause·Resume / Stop, the progress bar and the live status line. */
export function TrainPanel() {
  const s = useStore(
    useShallow((st) => ({
      status: st.status,
      progress: st.progress,
      epochLoss: st.epochLoss,
      backend: st.backend,
      backendNote: st.backendNote,
      engine: st.engine,
      config: st.config,
      dataset: st.dataset,
      loading: st.loading,
      smoothedLoss: st.smoothedLoss,
      params: st.params,
      invalid: Object.keys(st.fieldErrors).length > 0,
    })),
  );
  const dataProblem = useDataProblem();
  const runBarRef = useFocusFallback();
  const blocked = s.invalid || dataProblem !== null;
  const busy = isBusy(s.status);
  const canStart = !busy && !blocked && s.dataset !== null && s.loading === null;
  const running = s.status === 'training';
  const paused = s.status === 'paused';
  const p = s.progress;
  const n = p?.commands ? Math.round(p.commands.perBatch) : 0;
  const commands = !p?.commands
    ? null
    : p.commands.kind === 'dispatches'
      ? `${n} GPU dispatches per batch`
      : `${n} WebGL draws per batch`;
  const epochs = p?.epochs ?? s.config.epochs;
  // Progress reports are throttled; a finished epoch may be newer than the last one (short epochs).
  const lastEnd = s.epochLoss.at(-1)?.epoch ?? 0;
  const stale = p !== null && lastEnd >= p.epoch;
  const doneEpochs =
    s.status === 'done'
      ? epochs
      : Math.max(lastEnd, p ? p.epoch - 1 + (p.batches > 0 ? p.batch / p.batches : 0) : 0);
  return (
    <section className="panel train-panel" aria-labelledby="train-heading">
      <h2 id="train-heading">Train</h2>
      <p className="explain">
        Train runs the data through the network again and again (each pass is an epoch). Watch the
        status line and the charts below; Pause to look closer, Stop to keep the model as it is.
      </p>
      {/* The run bar: sticky, so the controls and the status stay in view on a phone. */}
      <div className="run-bar" ref={runBarRef}>
        <div className="buttons">
          <button
            type="button"
            className="primary"
            onClick={() => train()}
            disabled={!canStart}
            aria-describedby={blocked ? 'train-blocked' : undefined}
          >
            Train
          </button>
          {/* Pause works while the model is prepared too (it starts paused), so focus leaving
              Train lands here, not on Stop. */}
          <button
            type="button"
            onClick={paused ? resume : pause}
            disabled={!running && !paused && s.status !== 'compiling'}
          >
            {paused ? 'Resume' : 'Pause'}
          </button>
          <button
            type="button"
            onClick={step}
            disabled={!paused && !canStart}
            aria-keyshortcuts="S"
            title="Train exactly one batch, then pause (S)"
          >
            Step
          </button>
          <button type="button" onClick={stop} disabled={!busy}>
            Stop
          </button>
          <button
            type="button"
            className="secondary"
            onClick={resetRun}
            disabled={s.status === 'idle'}
          >
            Reset
          </button>
        </div>
        {blocked && !busy && (
          <p id="train-blocked" className="hint warn">
            Fix the settings marked in Tune to train.
          </p>
        )}
        <div className="progress-row">
          <progress
            aria-label="Training progress"
            max={epochs}
            value={Math.min(epochs, Math.max(0, doneEpochs))}
          />
          <p className="progress-text">
            Epoch {s.status === 'done' ? epochs : Math.max(p?.epoch ?? 0, lastEnd)} / {epochs}
            {p && busy && (
              <>
                {' '}
                · batch {stale ? p.batches : p.batch} / {p.batches} · ETA {formatDuration(p.etaSec)}{' '}
                · {formatInt(p.samplesPerSec)} samples/s · batch loss {formatLoss(s.smoothedLoss)}
              </>
            )}
          </p>
        </div>
        <p role="status" aria-live="polite" aria-atomic="true" className="status-line">
          {statusText(s)}
        </p>
      </div>
      <p className="hint backend-line">
        Backend: <strong>{s.backend?.name ?? s.config.backend}</strong>
        {s.backend?.details ? ` (${s.backend.details})` : ''} · Engine:{' '}
        <strong>{valueLabel('engine', s.engine ?? s.config.engine)}</strong>
        {s.params !== null ? ` · ${formatInt(s.params)} params` : ''}
        {commands && ` · ${commands}`}
        {s.backend?.chosen && <span className="backend-choice"> · {s.backend.chosen}</span>}
      </p>
      {s.config.backend === 'webgl' &&
        s.backend?.name === 'webgl' &&
        SOFTWARE_GL.test(s.backend.details) && (
          <p className="hint software-gl">
            WebGL runs in software on this computer (no usable GPU), so WebAssembly trains faster
            here.{' '}
            <button
              type="button"
              className="link"
              onClick={() => setConfigValue('backend', 'wasm')}
              disabled={busy}
            >
              Use WebAssembly
            </button>
          </p>
        )}
      {s.backendNote && <p className="hint warn">{s.backendNote}</p>}
    </section>
  );
}
