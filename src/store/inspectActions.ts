/**
 * "Inside the network": asking the worker to look at one test window, at each epoch end, after a
 * Step or a Pause, when the view opens and when the date or layer changes; never while collapsed.
 * One request is in flight at a time; asks made meanwhile collapse into one more request.
 */
import type { RunState } from '../model/core/run';
import { useStore, type InsideSlice } from './store';
import { existingClient, onTrainerMessage } from './trainer';

let nextId = 0;
let inFlight: number | null = null;
let askAgain = false;
/** The run's state as the worker last reported it (the store's copy lags by a flush). */
let workerState: RunState = 'idle';

/** Asks for a fresh inspection when the view is open and a run is loaded. */
export function requestInspect(): void {
  const s = useStore.getState();
  const client = existingClient();
  if (!s.insideOpen || s.runId === null || !client) return;
  if (inFlight !== null) {
    askAgain = true;
    return;
  }
  inFlight = ++nextId;
  const last = s.test ? s.test.actual.length - 1 : 0;
  client.inspect(inFlight, Math.min(s.inspectIndex ?? last, last), s.inspectLayer);
}

/** Forgets the shown inspection and any pending answer (a new run, Reset). */
export function clearInspection(): void {
  inFlight = null;
  askAgain = false;
  workerState = 'idle';
  useStore.setState({ inspection: null, inspectError: null });
}

/** Changes what is looked at and asks again. */
export function setInside(patch: Partial<Omit<InsideSlice, 'inspection' | 'inspectError'>>): void {
  useStore.setState(patch);
  requestInspect();
}

function answered(): void {
  inFlight = null;
  if (askAgain) {
    askAgain = false;
    requestInspect();
  }
}

onTrainerMessage((msg) => {
  if (msg.runId !== useStore.getState().runId) return;
  switch (msg.type) {
    case 'inspection': {
      if (msg.requestId !== inFlight) return;
      const { type: _t, runId: _r, datasetId: _d, ...report } = msg;
      useStore.setState({ inspection: report, inspectError: null });
      answered();
      return;
    }
    case 'inspectFailed':
      if (msg.requestId !== inFlight) return;
      useStore.setState({ inspectError: msg.message });
      answered();
      return;
    case 'state':
      workerState = msg.state;
      return;
    case 'error':
      inFlight = null;
      return;
    case 'loaded':
    case 'epochEnd':
      requestInspect();
      return;
    case 'progress':
      // A batch reported while paused is a Step (or the batch a Pause let finish): show it.
      if (workerState === 'paused') requestInspect();
      return;
    default:
      return;
  }
});
