/** First open: load the sample named in the URL (or the default) and keep the URL in step. */
import { syncUrl } from './configActions';
import { loadSample } from './dataActions';
import { useStore } from './store';
import { getClient } from './trainer';

let started = false;

/** Idempotent (React StrictMode runs effects twice); returns the cleanup of the URL sync. */
export function startApp(): () => void {
  const unsync = syncUrl();
  if (!started) {
    started = true;
    const { sample, dataset } = useStore.getState();
    if (!dataset) void loadSample(sample ?? 'sp500');
    // Auto chooses before the first Train, so the backend line says what and why from the start.
    if (useStore.getState().config.backend === 'auto') getClient().init('auto');
  }
  return unsync;
}
