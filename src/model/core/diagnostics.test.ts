import { describe, expect, it } from 'vitest';
import {
  countExtrapolation,
  detectOverfitting,
  divergence,
  spread,
  spreadRatio,
} from './diagnostics';

describe('diagnostics', () => {
  it('counts test values above and below the train range', () => {
    expect(countExtrapolation(1, 5, [0, 1, 3, 5, 6, 7])).toEqual({
      above: 2,
      below: 1,
      total: 6,
      trainMin: 1,
      trainMax: 5,
    });
  });
  it('measures spread as a population std and its ratio to the actual spread', () => {
    expect(spread([1, 3])).toBe(1);
    expect(spreadRatio([0, 10], [4, 6])).toBeCloseTo(0.2, 12);
    expect(spreadRatio([2, 2], [1, 3])).toBeNaN();
  });
  it('finds overfitting only when held-out loss stalls 3+ epochs while training loss falls', () => {
    const rows = (val: number[], train: number[]) =>
      val.map((v, i) => ({ epoch: i + 1, train: train[i], val: v }));
    expect(detectOverfitting(rows([4, 3, 2, 3, 4, 5], [6, 5, 4, 3, 2, 1]))).toEqual({
      bestEpoch: 3,
      since: 3,
    });
    // Only 2 epochs since the best.
    expect(detectOverfitting(rows([4, 3, 2, 3, 4], [5, 4, 3, 2, 1]))).toBeNull();
    // Training loss did not fall either: not overfitting (maybe a too-high learning rate).
    expect(detectOverfitting(rows([4, 3, 2, 3, 4, 5], [6, 5, 4, 5, 6, 7]))).toBeNull();
  });
  it('calls a non-finite or million-fold loss divergence and suggests a lower learning rate', () => {
    expect(divergence(0.5, 0.1, 3, 0.01)).toBeNull();
    expect(divergence(NaN, 0.1, 3, 0.01)).toBe(
      'Training stopped in epoch 3: the loss became NaN or infinite, so the weights diverged. Try a lower learning rate (e.g. 0.001 instead of 0.01).',
    );
    expect(divergence(2e5, 0.1, 1, 1)).toMatch(/exploded to 2\.0e\+5.*e\.g\. 0\.1 instead of 1/);
    // The reference has a floor: a near-perfect start does not make 1e-6 look like divergence.
    expect(divergence(1e-6, 1e-14, 1, 0.01)).toBeNull();
  });
});
