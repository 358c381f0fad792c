import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { Welford } from '../../engine/metrics/index.js';

function of(xs: number[]): Welford {
  const w = new Welford();
  for (const x of xs) w.add(x);
  return w;
}

describe('Welford', () => {
  it('gives the mean, sample variance, min and max of its observations', () => {
    const w = of([2, 4, 4, 4, 5, 5, 7, 9]);
    expect([w.count, w.mean, w.variance, w.min, w.max]).toEqual([8, 5, 32 / 7, 2, 9]);
  });

  it('has a NaN variance with fewer than two observations', () => {
    expect(of([3]).variance).toBeNaN();
  });

  it('merges two accumulators into the moments of all their observations', () => {
    const rng = seedrandom.alea('welford-merge');
    const xs = Array.from({ length: 1_001 }, () => 1e6 + rng() * 100);
    const whole = of(xs);
    const merged = of(xs.slice(0, 337)).merge(of(xs.slice(337)));
    expect(merged.count).toBe(whole.count);
    // Equal up to rounding: relative, since the values sit near 1e6.
    expect(merged.mean / whole.mean).toBeCloseTo(1, 14);
    expect(merged.variance / whole.variance).toBeCloseTo(1, 12);
    expect([merged.min, merged.max]).toEqual([whole.min, whole.max]);
  });

  it('merges with an empty accumulator on either side unchanged', () => {
    const w = of([1, 2, 3]);
    expect(new Welford().merge(w).moments()).toEqual(w.moments());
    expect(of([1, 2, 3]).merge(new Welford()).moments()).toEqual(w.moments());
  });

  it('round-trips its moments as plain data', () => {
    const w = of([1, 5, 6]);
    expect(Welford.from(JSON.parse(JSON.stringify(w.moments()))).variance).toBe(w.variance);
  });
});
