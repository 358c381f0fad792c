import { describe, expect, it } from 'vitest';
import { TimeWeighted, gaugeMean, mergeGaugeSummaries } from '../../engine/metrics/index.js';

describe('TimeWeighted', () => {
  it('weights each level by how long it held', () => {
    const gauge = new TimeWeighted();
    gauge.update(10, 4); // 0 for 10 ms
    gauge.update(20, 1); // 4 for 10 ms, then 1 for 20 ms until 40
    expect(gauge.mean(40)).toBe((0 * 10 + 4 * 10 + 1 * 20) / 40);
  });

  it('measures nothing before the warm-up', () => {
    const gauge = new TimeWeighted({ warmup: 15 });
    gauge.update(10, 4);
    gauge.update(20, 1);
    expect(gauge.mean(40)).toBe((4 * 5 + 1 * 20) / 25);
  });

  it('gives the highest level held within the window', () => {
    const gauge = new TimeWeighted({ warmup: 15 });
    gauge.update(5, 9); // over before the warm-up ends: not counted
    gauge.update(10, 3);
    gauge.update(30, 7);
    gauge.update(30, 2); // held for no time: not counted
    expect(gauge.max(50)).toBe(3);
  });

  it('gives the fraction of time at or above a threshold', () => {
    const gauge = new TimeWeighted({ thresholds: [5] });
    gauge.update(10, 5);
    gauge.update(30, 6);
    gauge.update(40, 4);
    expect(gauge.fractionAtLeast(5, 100)).toBe(30 / 100);
  });

  it('refuses a threshold it was not asked to track', () => {
    expect(() => new TimeWeighted({ thresholds: [5] }).fractionAtLeast(6, 10)).toThrow(RangeError);
  });

  it('refuses an update earlier than the last one', () => {
    const gauge = new TimeWeighted();
    gauge.update(10, 1);
    expect(() => gauge.update(9, 2)).toThrow(RangeError);
  });

  it('has a NaN mean over an empty window', () => {
    expect(new TimeWeighted({ warmup: 10 }).mean(10)).toBeNaN();
  });

  it('merges the summaries of two runs into their pooled mean', () => {
    const a = new TimeWeighted({ thresholds: [2] });
    a.update(50, 2);
    const b = new TimeWeighted({ level: 3, thresholds: [2] });
    const merged = mergeGaugeSummaries(a.summary(100), b.summary(100));
    expect([gaugeMean(merged), merged.max, merged.timeAtLeast]).toEqual([(2 * 50 + 3 * 100) / 200, 3, [150]]);
  });
});
