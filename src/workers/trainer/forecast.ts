/**
 * The trainer's side of a `forecast` request: the last window of the run's scaled target, the
 * engine's recursive forecast (engine/forecast.ts) and the answer in original units. Kept out of
 * handler.ts.
 */
import { bandOf, MC_SAMPLES, type ForecastValues } from '../../model/core/forecast';
import { inverseTransform } from '../../model/data/prep';
import { forecastScaled } from '../../model/engine/forecast';
import type { WorkerReport } from './protocol';
import type { RunModel } from './model';

/** Most steps a request may ask for (the control's maximum). */
export const MAX_FORECAST_STEPS = 365;

/**
 * Forecasts `steps` (clamped to 0…365) past the run's last row with its current weights.
 * @throws for people when there is no model or the network reads other columns than the target.
 */
export async function forecastRun(model: RunModel | null, steps: number): Promise<ForecastValues> {
  if (!model?.engine) throw new Error('There is no trained model to forecast with yet.');
  const { data, config } = model;
  if (model.inputs > 1)
    throw new Error(
      'Forecasting needs the future of every input column; train on the target alone.',
    );
  const n = Math.max(0, Math.min(MAX_FORECAST_STEPS, Math.round(steps)));
  const T = data.timesteps;
  const window = data.scaled.slice(data.scaled.length - T);
  const { paths, b } = await forecastScaled(model.engine, config, window, {
    steps: n,
    samples: MC_SAMPLES,
    seed: config.seed,
  });
  const scaled = bandOf(paths, n, b);
  const back = (a: Float32Array) => Float32Array.from(inverseTransform(data.scaler, a));
  return {
    forecast: back(scaled.forecast),
    low: back(scaled.low),
    high: back(scaled.high),
    samples: b,
  };
}

/**
 * Answers one `forecast` request through `post`: `forecasted` (arrays transferred) or
 * `forecastFailed` with a sentence. `run` is the handler's current run: another runId, or a
 * training loop running on its engine, refuses the request.
 */
export async function answerForecast(
  post: (msg: WorkerReport, transfer?: Transferable[]) => void,
  { runId, requestId, steps }: { runId: number; requestId: number; steps: number },
  run: { runId: number; model: RunModel | null; busy: boolean },
): Promise<void> {
  try {
    if (run.busy) throw new Error('Training is running; the forecast comes when it ends.');
    const v = await forecastRun(run.runId === runId ? run.model : null, steps);
    const buffers = [v.forecast.buffer, v.low.buffer, v.high.buffer] as ArrayBuffer[];
    post({ type: 'forecasted', runId, requestId, ...v }, buffers);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    post({ type: 'forecastFailed', runId, requestId, message });
  }
}
