import { describe, expect, it } from 'vitest';
import { MAX_SAMPLED_POINTS, SampledLevel, samplingStep } from '../../engine/metrics/index.js';

describe('SampledLevel', () => {
  it('keeps, per interval, the level at its end and the lowest and highest within it; quiet intervals keep the level', () => {
    const s = new SampledLevel(10, 5);
    s.update(3, 2);
    s.update(7, 9);
    s.update(8, 4);
    s.update(35, 1);
    expect(s.pointsUntil(45)).toEqual([
      [0, 4, 2, 9],
      [10, 4, 4, 4],
      [20, 4, 4, 4],
      [30, 1, 1, 4],
      [40, 1, 1, 1],
    ]);
  });

  it('counts a late change in the current interval', () => {
    const s = new SampledLevel(10, 0);
    s.update(25, 3);
    s.update(12, 7);
    expect(s.pointsUntil(30)).toEqual([
      [0, 0, 0, 0],
      [10, 0, 0, 0],
      [20, 7, 0, 7],
    ]);
  });

  it('picks a readable interval that keeps any horizon within the bound', () => {
    expect(samplingStep(86_400_000)).toBe(5 * 60_000);
    expect(samplingStep(14 * 86_400_000)).toBe(30 * 60_000);
    for (const days of [0.01, 1, 7, 14, 30, 365, 36525]) {
      const horizon = days * 86_400_000;
      expect(Math.ceil(horizon / samplingStep(horizon))).toBeLessThanOrEqual(MAX_SAMPLED_POINTS);
    }
  });
});
