import { copyLink } from '../store/configActions';

/** Title, one-line explanation and the share button. */
export function Header() {
  return (
    <header className="app-header">
      <div>
        <h1>RNN Playground</h1>
        <p className="tagline">
          Train a recurrent neural network on a time series, live in your browser, and check it
          against the “tomorrow = today” baseline. Nothing is uploaded.
        </p>
      </div>
      <button type="button" className="secondary" onClick={() => void copyLink()}>
        Copy link
      </button>
    </header>
  );
}
