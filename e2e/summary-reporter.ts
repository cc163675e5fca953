import type { FullResult, Reporter, Suite } from '@playwright/test/reporter';

/**
 * Prints one last line that always states every count, e.g.
 * `Browser tests: 11 passed, 1 failed, 0 flaky, 0 skipped (status: failed)`, after the list
 * reporter's own summary (which omits zero counts and puts failures above the passes).
 */
export default class SummaryReporter implements Reporter {
  private root: Suite | null = null;

  onBegin(_config: unknown, suite: Suite): void {
    this.root = suite;
  }

  onEnd(result: FullResult): void {
    const counts = { expected: 0, unexpected: 0, flaky: 0, skipped: 0 };
    for (const t of this.root?.allTests() ?? []) counts[t.outcome()] += 1;
    console.log(
      `\nBrowser tests: ${counts.expected} passed, ${counts.unexpected} failed, ` +
        `${counts.flaky} flaky, ${counts.skipped} skipped (status: ${result.status})`,
    );
  }

  printsToStdio(): boolean {
    return false;
  }
}
