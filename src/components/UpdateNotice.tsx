import { useRegisterSW } from 'virtual:pwa-register/react';

/**
 * Registers the service worker (vite.config.ts, prompt mode) and, when a new version has been
 * deployed and its worker is waiting, offers Reload: the new worker takes over and the page
 * reloads. Until then the page keeps running the version it opened with, offline included.
 */
export function UpdateNotice() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  // The live region stays mounted so that screen readers announce the notice when it appears.
  return (
    <div aria-live="polite">
      {needRefresh && (
        <div className="notice update-notice">
          <span className="msg-icon" aria-hidden="true">
            ℹ
          </span>
          <span className="msg-text" id="update-text">
            A new version of RNN Playground is available. Reloading stops a run in progress.
          </span>
          <button
            type="button"
            className="primary"
            aria-describedby="update-text"
            onClick={() => void updateServiceWorker(true)}
          >
            Reload
          </button>
          <button type="button" className="link" onClick={() => setNeedRefresh(false)}>
            Later
          </button>
        </div>
      )}
    </div>
  );
}
