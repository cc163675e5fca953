/**
 * A deadline on the requests a worker must answer. A worker that never answers (its code never
 * loaded, a message lost, a promise that never settles) used to leave the page waiting forever with
 * no alert; with this, silence while a request is open becomes a hang the client reports.
 *
 * Any message from the worker proves it alive and restarts the clock, so long work that reports
 * (training streams progress) is never mistaken for a hang; the deadline only has to cover the
 * longest silent stretch, such as a software WebGL shader compile (tens of seconds).
 */

/** An open request: a key to close it by, and what it asked, in words for the alert. */
export interface OpenRequest {
  key: string;
  what: string;
}

export interface Watchdog {
  /** A request was sent that must be answered; `ms` is how long silence may last while it is open. */
  expect(key: string, what: string, ms?: number): void;
  /** Its answer came. */
  answered(...keys: string[]): void;
  /** Some message came: the worker is alive, so the clock restarts. */
  alive(): void;
  /** The worker is gone (crashed, replaced): forget every open request. Returns them. */
  clear(): OpenRequest[];
}

/**
 * `onHang` gets every open request (oldest first) once no message came for the shortest deadline
 * among them; they are closed before it is called.
 */
export function createWatchdog(defaultMs: number, onHang: (open: OpenRequest[]) => void): Watchdog {
  const open = new Map<string, { what: string; ms: number }>();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const arm = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (open.size === 0) return;
    const ms = Math.min(...[...open.values()].map((r) => r.ms));
    timer = setTimeout(() => {
      timer = null;
      onHang(clear());
    }, ms);
  };

  const clear = (): OpenRequest[] => {
    const all = [...open].map(([key, { what }]) => ({ key, what }));
    open.clear();
    arm();
    return all;
  };

  return {
    expect(key, what, ms = defaultMs) {
      const idle = open.size === 0;
      open.delete(key); // re-asked: it goes to the end, with the new wording
      open.set(key, { what, ms });
      // Silence is counted from the last message, or from this request when none was open.
      if (idle || ms < defaultMs) arm();
    },
    answered(...keys) {
      let changed = false;
      for (const k of keys) changed = open.delete(k) || changed;
      // Answers come with a message (the clock restarts anyway); the shortest deadline may change.
      if (changed) arm();
    },
    alive() {
      if (open.size > 0) arm();
    },
    clear,
  };
}
