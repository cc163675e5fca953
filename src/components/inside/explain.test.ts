import { describe, expect, it } from 'vitest';
import { gradientFade, lookBack } from './explain';

describe('lookBack', () => {
  it('counts the fewest recent inputs holding 90 % of the absolute influence', () => {
    expect(lookBack([0.5, -0.3, 0.1, 0.1]).steps).toBe(3);
    expect(lookBack([1, 0, 0]).steps).toBe(1);
    expect(lookBack([1, 0, 0]).text).toMatch(/one step back/);
    expect(lookBack([0.1, 0.1, 0.1, 0.1]).steps).toBe(4);
  });
  it('says so when nothing matters yet', () => {
    expect(lookBack([0, 0]).steps).toBe(0);
    expect(lookBack([NaN]).text).toMatch(/does not depend/);
  });
});

describe('gradientFade', () => {
  it('is the first step over the last', () => {
    const f = gradientFade([1e-6, 1e-3, 1], 1);
    expect(f.ratio).toBeCloseTo(1e-6);
    expect(f.text).toBe(
      "In layer 1, the gradient 2 steps back is 1.0e-6 of the last step's: the earliest inputs barely teach the weights (a vanishing gradient).",
    );
  });
  it('names growth and survival', () => {
    expect(gradientFade([20, 1], 2).text).toMatch(/exploding/);
    expect(gradientFade([0.5, 1], 2).text).toMatch(/is 0.5 of the last step's: it still reaches/);
    expect(gradientFade([1], 1).ratio).toBe(1);
    expect(gradientFade([1, 0], 1).text).toMatch(/no gradient/);
  });
});
