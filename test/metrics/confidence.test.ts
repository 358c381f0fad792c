import { describe, expect, it } from 'vitest';
import { confidenceInterval, studentTQuantile } from '../../engine/metrics/index.js';

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

  it('refuses a level outside (0, 1)', () => {
    expect(() => confidenceInterval([1, 2], 1)).toThrow(RangeError);
  });

  it('keeps its precision for large values with a small spread', () => {
    // The sum-of-squares formula (sum of x² - n·mean²) loses the spread of 1e9 + {1, 2, 3} to rounding.
    const ci = confidenceInterval([1e9 + 1, 1e9 + 2, 1e9 + 3]);
    expect(ci.mean).toBe(1e9 + 2);
    expect(ci.halfWidth).toBeCloseTo(studentTQuantile(0.975, 2) / Math.sqrt(3), 6);
  });
});
