import { useShallow } from 'zustand/react/shallow';
import { dismissError, dismissNotice, useStore } from '../store/store';

/** Errors (role="alert": the user must act) and notices (polite, informational), as plain text. */
export function Messages() {
  const { errors, notices } = useStore(
    useShallow((s) => ({ errors: s.errors, notices: s.notices })),
  );
  return (
    <div className="messages">
      {errors.length > 0 && (
        <div role="alert" className="alert">
          {errors.map((e) => (
            <p key={e}>
              <span className="msg-icon" aria-hidden="true">
                ⚠
              </span>
              <span className="msg-text">{e}</span>
              <button type="button" className="link" onClick={() => dismissError(e)}>
                Dismiss
              </button>
            </p>
          ))}
        </div>
      )}
      <div aria-live="polite" className="notices">
        {notices.map((n) => (
          <p key={n} className="notice">
            <span className="msg-icon" aria-hidden="true">
              ℹ
            </span>
            <span className="msg-text">{n}</span>
            <button type="button" className="link" onClick={() => dismissNotice(n)}>
              Dismiss
            </button>
          </p>
        ))}
      </div>
    </div>
  );
}
