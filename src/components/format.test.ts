import { describe, expect, it } from 'vitest';
import { formatDuration, formatLoss, formatMetric, formatStat } from './format';

describe('formatting', () => {
  it('shows statistics to 6 significant digits, large ones grouped', () => {
    expect(formatStat(23.237900077244504)).toBe('23.2379');
    expect(formatStat(40.5)).toBe('40.5');
    expect(formatStat(1858)).toBe('1858');
    expect(formatStat(3618008950.4)).toBe('3,618,008,950');
    expect(formatStat(NaN)).toBe('NaN');
  });

  it('writes losses as plain decimals (never exponent notation)', () => {
    expect(formatLoss(0.0123456)).toBe('0.0123');
    expect(formatLoss(0.000187123)).toBe('0.000187');
    expect(formatLoss(2.5e-9)).toBe('0.00000000250');
    expect(formatLoss(0)).toBe('0.0000');
    expect(formatLoss(null)).toBe('–');
  });

  it('formats metrics and durations', () => {
    expect(formatMetric(34.98123)).toBe('34.98');
    expect(formatMetric(0.82834, true)).toBe('0.8283 %');
    expect(formatMetric(12345.6)).toBe('12,346');
    expect(formatDuration(65)).toBe('1 min 05 s');
    expect(formatDuration(12.4)).toBe('12 s');
  });
});
