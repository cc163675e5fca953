/** Pause/resume/stop flags shared by the training loop and whoever drives it, and a fast event-loop yield. */

/** Flags checked by the training loop between batches. */
export interface TrainControl {
  readonly paused: boolean;
  readonly stopped: boolean;
  pause(): void;
  /** Lets a paused loop continue. */
  resume(): void;
  /** While paused: lets exactly one more batch run, then the loop is paused again. */
  step(): void;
  /** Ends the loop after the current batch (also releases a paused loop). */
  stop(): void;
  /** Resolves at once when running, else when resumed or stopped. */
  waitWhilePaused(): Promise<void>;
}

/** A fresh control: running, not stopped. */
export function createTrainControl(): TrainControl {
  let paused = false;
  let stopped = false;
  let release: (() => void) | null = null;
  let gate: Promise<void> | null = null;
  const open = () => {
    release?.();
    release = null;
    gate = null;
  };
  return {
    get paused() {
      return paused;
    },
    get stopped() {
      return stopped;
    },
    pause() {
      if (stopped || paused) return;
      paused = true;
      gate = new Promise<void>((r) => (release = r));
    },
    resume() {
      paused = false;
      open();
    },
    step() {
      if (!paused) return;
      // The waiting loop is released; the next wait meets a fresh gate, so one batch runs.
      const released = release;
      gate = new Promise<void>((r) => (release = r));
      released?.();
    },
    stop() {
      stopped = true;
      paused = false;
      open();
    },
    waitWhilePaused() {
      return gate ?? Promise.resolve();
    },
  };
}

type Resolve = () => void;
const queue: Resolve[] = [];
let channel: MessageChannel | null = null;

/**
 * Resolves on a fresh macrotask, so queued messages (pause, stop) are handled first. Uses
 * `setImmediate` in Node and a MessageChannel elsewhere (setTimeout(0) is clamped to 4 ms when nested).
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => unknown };
  if (typeof g.setImmediate === 'function') {
    const si = g.setImmediate;
    return new Promise((r) => si(r));
  }
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => queue.shift()?.();
  }
  const port = channel.port2;
  return new Promise((r) => {
    queue.push(r);
    port.postMessage(null);
  });
}
