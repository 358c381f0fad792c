import { describe, expect, it } from 'vitest';
import { TimeSeries } from '../../engine/metrics/index.js';

describe('TimeSeries', () => {
  it('keeps the min, max and last level of each bucket', () => {
    const series = new TimeSeries({ horizon: 100, points: 4 });
    series.record(5, 3);
    series.record(10, 1);
    series.record(20, 2);
    expect(series.points(24)).toEqual([{ time: 0, min: 0, max: 3, last: 2 }]);
  });

  it('carries the level through buckets with no change', () => {
    const series = new TimeSeries({ horizon: 100, points: 4 });
    series.record(10, 5);
    series.record(80, 1);
    expect(series.points(99).map((p) => [p.time, p.min, p.max, p.last])).toEqual([
      [0, 0, 5, 5],
      [25, 5, 5, 5],
      [50, 5, 5, 5],
      [75, 1, 5, 1],
    ]);
  });

  it('never holds more than the asked number of points', () => {
    const series = new TimeSeries({ horizon: 1_000_000, points: 10 });
    for (let t = 0; t < 1_000_000; t += 7) series.record(t, t % 13);
    expect(series.points(2_000_000)).toHaveLength(10);
  });
});
