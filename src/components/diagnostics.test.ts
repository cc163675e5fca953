import { describe, expect, it } from 'vitest';
import { baselineList, bestBaseline, diagnosticSentences, verdictText } from './diagnostics';

const m = (rmse: number) => ({ rmse, mae: rmse, mape: 1, r2: 0.5 });
const none = {
  extrapolation: null,
  actual: null,
  predictions: null,
  epochLoss: [],
  stopReason: null,
  restoredEpoch: null,
  patience: 0,
};

describe('the verdict', () => {
  const list = baselineList(m(35), { linear: m(30), seasonal: { period: 7, metrics: m(40) } });
  it('names the best baseline by test RMSE', () => {
    expect(list.map((b) => b.column)).toEqual(['Persistence baseline', 'Linear', 'Seasonal naive']);
    expect(bestBaseline(list)?.column).toBe('Linear');
    expect(verdictText(m(20), bestBaseline(list)!, true)).toBe(
      'The model beats the best baseline, Linear (a ridge regression on the same window): its RMSE is 20 against 30.',
    );
  });
  it('says "yet" only while the run can still improve', () => {
    const best = bestBaseline(baselineList(m(35), { linear: null, seasonal: null }))!;
    expect(verdictText(m(50), best, false)).toMatch(
      /^Not better than the best baseline yet, “tomorrow = today”/,
    );
    expect(verdictText(m(50), best, true)).not.toMatch(/yet/);
  });
});

describe('diagnosticSentences', () => {
  it('says nothing when nothing stands out', () => {
    expect(diagnosticSentences(none)).toEqual([]);
  });
  it('counts test values beyond the training range', () => {
    const [s] = diagnosticSentences({
      ...none,
      extrapolation: { above: 152, below: 0, total: 372, trainMin: 1, trainMax: 2130.5 },
    });
    expect(s).toMatch(/^152 of 372 test values lie above anything seen in training/);
    expect(s).toContain('scaled to the training range');
  });
  it('calls out a flat prediction (spread under 2 % of the actual spread)', () => {
    const actual = [1, 2, 3, 4, 5];
    expect(diagnosticSentences({ ...none, actual, predictions: [3, 3, 3.01, 3, 3] })[0]).toMatch(
      /nearly flat: its spread is 0\.3 %/,
    );
    expect(diagnosticSentences({ ...none, actual, predictions: [2, 2.5, 3, 3.5, 4] })).toEqual([]);
  });
  it('points out overfitting with the best epoch, and the restored epoch', () => {
    const epochLoss = [0.5, 0.3, 0.2, 0.25, 0.3, 0.35].map((val, i) => ({
      epoch: i + 1,
      train: 1 / (i + 1),
      val,
    }));
    const [over, restored] = diagnosticSentences({
      ...none,
      epochLoss,
      restoredEpoch: 3,
      patience: 3,
    });
    expect(over).toMatch(/lowest at epoch 3 and has not improved for 3 epochs/);
    expect(restored).toMatch(/restored the weights of epoch 3/);
  });
  it('puts the divergence message first', () => {
    expect(diagnosticSentences({ ...none, stopReason: 'Training stopped in epoch 2: …' })).toEqual([
      'Training stopped in epoch 2: …',
    ]);
  });
});
