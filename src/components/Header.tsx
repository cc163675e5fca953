import { copyLink, setClassroom } from '../store/configActions';
import { useStore } from '../store/store';
import { showShortcuts } from './Shortcuts';

/** Title, one-line explanation, the projector layout, the shortcuts and the share button. */
export function Header() {
  const classroom = useStore((s) => s.classroom);
  return (
    <header className="app-header">
      <div>
        <h1>RNN Playground</h1>
        <p className="tagline">
          Train a recurrent neural network on a time series, live in your browser, and check it
          against the “tomorrow = today” baseline. Nothing is uploaded.
        </p>
      </div>
      <div className="header-buttons">
        <button
          type="button"
          className="secondary"
          aria-pressed={classroom}
          onClick={() => setClassroom(!classroom)}
        >
          Classroom mode
        </button>
        <button type="button" className="secondary" aria-keyshortcuts="?" onClick={showShortcuts}>
          Shortcuts
        </button>
        <button type="button" className="secondary" onClick={() => void copyLink()}>
          Copy link
        </button>
      </div>
    </header>
  );
}
