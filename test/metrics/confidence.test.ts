import { describe, expect, it } from 'vitest';
import { confidenceInterval, confidenceIntervalOfMoments, studentTQuantile, Welford } from '../../engine/metrics/index.js';

describe('studentTQuantile', () => {
  // Values from any t table (two-sided 95%, i.e. the 0.975 quantile).
  it.each([
    [1, 12.706],
    [4, 2.776],
    [9, 2.262],
    [29, 2.045],
    [1_000_000, 1.96],
  ])('gives t(0.975, %i) = %f to three decimals', (df, t) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 3);
  });

  it('tends to the normal quantile for huge degrees of freedom', () => {
    expect(studentTQuantile(0.975, 1e12)).toBeCloseTo(1.959964, 5);
  });

  it('gives the 99.5% quantile for 120 degrees of freedom', () => {
    expect(studentTQuantile(0.995, 120)).toBeCloseTo(2.617, 3);
  });

  it('is symmetric about 0', () => {
    expect(studentTQuantile(0.1, 7)).toBeCloseTo(-studentTQuantile(0.9, 7), 10);
  });
});

describe('confidenceInterval', () => {
  it('gives mean ± t · s / √n', () => {
    // mean 3, s = sqrt(2.5), t(0.975, 4) = 2.7764451
    const ci = confidenceInterval([1, 2, 3, 4, 5]);
    expect(ci.mean).toBe(3);
    expect(ci.halfWidth).toBeCloseTo((2.7764451 * Math.sqrt(2.5)) / Math.sqrt(5), 6);
    expect(ci.upper - ci.lower).toBeCloseTo(2 * ci.halfWidth, 12);
  });

  it('has a NaN half-width for one sample', () => {
    const ci = confidenceInterval([7]);
    expect([ci.mean, ci.halfWidth, ci.lower, ci.upper]).toEqual([7, NaN, NaN, NaN]);
  });

  it('refuses an empty sample', () => {
    expect(() => confidenceInterval([])).toThrow(RangeError);
  });

  it('gives the same interval from merged Welford moments as from the samples', () => {
    const a = new Welford();
    const b = new Welford();
    [3, 8, 1].forEach((x) => a.add(x));
    [4, 4, 9, 2].forEach((x) => b.add(x));
    const fromMoments = confidenceIntervalOfMoments(a.merge(b), 0.99);
    const fromSamples = confidenceInterval([3, 8, 1, 4, 4, 9, 2], 0.99);
    expect(fromMoments.halfWidth).toBeCloseTo(fromSamples.halfWidth, 12);
  });
});
