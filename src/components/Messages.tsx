import { useShallow } from 'zustand/react/shallow';
import { dismissError, dismissNotice, useStore } from '../store/store';

/**
 * Errors (role="alert": the user must act) and notices (polite, informational), as plain text.
 * Each Dismiss button is described by its message, so a screen reader says which one it closes.
 */
export function Messages() {
  const { errors, notices } = useStore(
    useShallow((s) => ({ errors: s.errors, notices: s.notices })),
  );
  return (
    <div className="messages">
      {errors.length > 0 && (
        <div role="alert" className="alert">
          {errors.map((e, i) => (
            <p key={e}>
              <span className="msg-icon" aria-hidden="true">
                ⚠
              </span>
              <span className="msg-text" id={`error-${i}`}>
                {e}
              </span>
              <button
                type="button"
                className="link"
                aria-describedby={`error-${i}`}
                onClick={() => dismissError(e)}
              >
                Dismiss
              </button>
            </p>
          ))}
        </div>
      )}
      <div aria-live="polite" className="notices">
        {notices.map((n, i) => (
          <p key={n} className="notice">
            <span className="msg-icon" aria-hidden="true">
              ℹ
            </span>
            <span className="msg-text" id={`notice-${i}`}>
              {n}
            </span>
            <button
              type="button"
              className="link"
              aria-describedby={`notice-${i}`}
              onClick={() => dismissNotice(n)}
            >
              Dismiss
            </button>
          </p>
        ))}
      </div>
    </div>
  );
}
