/**
 * The forecast past the data's last row: asked of the worker when a run ends (done or stopped,
 * never while it trains) and when Forecast steps changes; the steps are a view setting, so the
 * trained model stays. One request is in flight at a time; asks made meanwhile collapse into one.
 */
import { forecastCsv, forecastLabels } from '../model/core/forecast';
import type { Dataset } from '../model/core/types';
import { saveBlob } from './exportActions';
import { useStore, type State } from './store';
import { existingClient, onTrainerMessage } from './trainer';

let nextId = 0;
let inFlight: number | null = null;
let askAgain = false;

/** Whether the run on screen can forecast: ended after an epoch, on the target alone. */
export function canForecast(s: Pick<State, 'status' | 'runConfig' | 'epochLoss'>): boolean {
  const ended = s.status === 'done' || s.status === 'stopped';
  return ended && s.epochLoss.length > 0 && s.runConfig?.inputColumns.length === 0;
}

function ask(): void {
  const client = existingClient();
  const steps = useStore.getState().config.forecastSteps;
  if (!client) return;
  if (inFlight !== null) {
    askAgain = true;
    return;
  }
  inFlight = ++nextId;
  client.forecast(inFlight, steps);
}

/** Asks for the forecast when the run on screen has ended; 0 steps clears it. */
export function requestForecast(): void {
  const s = useStore.getState();
  if (!canForecast(s)) return;
  if (s.config.forecastSteps <= 0) useStore.setState({ forecast: null, forecastError: null });
  else ask();
}

function answered(): void {
  inFlight = null;
  if (askAgain) {
    askAgain = false;
    requestForecast();
  }
}

onTrainerMessage((msg) => {
  if (msg.runId !== useStore.getState().runId) return;
  switch (msg.type) {
    case 'loaded':
      inFlight = null;
      askAgain = false;
      return;
    case 'done': {
      // The store's status lags by a flush: the run config says whether a forecast can be made.
      const { runConfig, config } = useStore.getState();
      if (runConfig?.inputColumns.length === 0 && config.forecastSteps > 0) ask();
      return;
    }
    case 'forecasted': {
      if (msg.requestId !== inFlight) return;
      const { type: _t, runId: _r, datasetId: _d, requestId: _q, ...values } = msg;
      useStore.setState({
        forecast: { ...values, steps: values.forecast.length },
        forecastError: null,
      });
      answered();
      return;
    }
    case 'forecastFailed':
      if (msg.requestId !== inFlight) return;
      useStore.setState({ forecastError: msg.message });
      answered();
      return;
    default:
      return;
  }
});

// A new number of steps: forecast again with the same trained model.
useStore.subscribe((s, prev) => {
  if (s.config.forecastSteps !== prev.config.forecastSteps) requestForecast();
});

/** The forecast rows' labels: dates in the series' cadence, years, or row numbers. */
export function forecastDates(dataset: Dataset | null, rows: number, steps: number): string[] {
  return forecastLabels(dataset?.times ?? null, rows, steps, {
    yearly: dataset?.yearly,
    dateOnly: dataset?.dateOnly,
  });
}

/** Saves `forecast.csv`: Date,Forecast,Low,High (Low and High empty without dropout). */
export function downloadForecast(): void {
  const { forecast, dataset, test } = useStore.getState();
  if (!forecast || !dataset || !test) return;
  const rows = dataset.numeric[test.target]?.length ?? 0;
  saveBlob(
    new Blob([forecastCsv(forecastDates(dataset, rows, forecast.steps), forecast)], {
      type: 'text/csv',
    }),
    'forecast.csv',
  );
}
