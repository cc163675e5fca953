/**
 * Which of several overlapping loads (a sample still loading when a file is dropped, two files in
 * quick succession) reaches the screen: the newest one that succeeds. An older load that finishes
 * first is held, not dropped, until every newer one has failed, so a bad file dropped while the
 * first sample still loads does not lose both; and it never lands once a newer one has.
 */
export class LoadOrder<T> {
  private last = 0;
  private landed = 0;
  private readonly pending = new Set<number>();
  private held: { seq: number; value: T } | null = null;

  /** A load starts; returns its number. */
  begin(): number {
    this.pending.add(++this.last);
    return this.last;
  }

  /** Whether `seq` is the newest load started (its progress is the one shown). */
  isNewest(seq: number): boolean {
    return seq === this.last;
  }

  /** No load is in flight. */
  get idle(): boolean {
    return this.pending.size === 0;
  }

  /** Load `seq` succeeded: returns the value to show now, or null (held, or superseded). */
  succeed(seq: number, value: T): T | null {
    this.pending.delete(seq);
    if (seq <= this.landed) return null;
    if (this.newerPending(seq)) {
      if (!this.held || this.held.seq < seq) this.held = { seq, value };
      return null;
    }
    return this.land(seq, value);
  }

  /**
   * Load `seq` failed. Returns whether its failure concerns the user (no newer load landed), and a
   * held older result that may land now that nothing newer is pending.
   */
  fail(seq: number): { report: boolean; show: T | null } {
    this.pending.delete(seq);
    const report = seq > this.landed;
    const h = this.held;
    if (!h || h.seq <= this.landed || this.newerPending(h.seq)) return { report, show: null };
    return { report, show: this.land(h.seq, h.value) };
  }

  private land(seq: number, value: T): T {
    this.landed = seq;
    this.held = null;
    return value;
  }

  private newerPending(seq: number): boolean {
    for (const p of this.pending) if (p > seq) return true;
    return false;
  }
}
