import { Component, type ErrorInfo, type ReactNode } from 'react';
import { loadSample } from '../store/dataActions';
import { useStore } from '../store/store';

/**
 * In a test build opened with `?testHooks`, `globalThis.__breakRegions` (a Set of region names)
 * makes those regions throw on their next render, so browser tests can check the fallback.
 */
const TEST_HOOKS =
  __TEST_HOOKS__ &&
  typeof location !== 'undefined' &&
  new URLSearchParams(location.search).has('testHooks');
const breakRegions = new Set<string>();
if (TEST_HOOKS) (globalThis as { __breakRegions?: Set<string> }).__breakRegions = breakRegions;

/** Throws during render when a test asked this region to break; re-renders on any store change. */
function TestBreak({ region }: { region: string }) {
  useStore((s) => s.config);
  if (breakRegions.has(region)) throw new Error(`Test hook broke ${region}.`);
  return null;
}

interface Props {
  /** What this region is called in the message ("The charts", "Explore the data"). */
  region: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/**
 * Catches a render error in one region of the page, so an odd file never leaves a blank page:
 * the region shows what went wrong and a way back (the bundled sample, or trying again).
 */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for whoever debugs it; React has already stopped the error from going further.
    console.warn(`${this.props.region} could not be shown:`, error, info.componentStack);
  }

  private retry = (): void => this.setState({ error: null });

  private reloadSample = (): void => {
    this.setState({ error: null });
    void loadSample(useStore.getState().sample ?? 'sp500');
  };

  render(): ReactNode {
    const { error } = this.state;
    if (!error)
      return TEST_HOOKS ? (
        <>
          <TestBreak region={this.props.region} />
          {this.props.children}
        </>
      ) : (
        this.props.children
      );
    return (
      <section className="panel region-error" role="alert">
        <h2>{this.props.region} could not be shown</h2>
        <p>
          Something in the current data or settings broke this part of the page:{' '}
          <code>{error.message}</code>. The rest of the page still works.
        </p>
        <p>
          <button type="button" onClick={this.reloadSample}>
            Load the sample data
          </button>{' '}
          <button type="button" onClick={this.retry}>
            Try again
          </button>
        </p>
      </section>
    );
  }
}
