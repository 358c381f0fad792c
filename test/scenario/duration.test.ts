import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../engine/scenario/duration.js';

describe('parseDuration', () => {
  it('reads each unit in milliseconds', () => {
    expect(['90s', '5m', '1h', '14d', '2w'].map(parseDuration)).toEqual([90_000, 300_000, 3_600_000, 1_209_600_000, 1_209_600_000]);
  });

  it('adds the parts of a compound duration', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
  });

  it('reads a bare 0 as zero', () => {
    expect(parseDuration('0')).toBe(0);
  });

  it('rejects a number without a unit, units out of order, an unknown unit and the empty string', () => {
    expect(['5', '30m1h', '3y', '', '1.5h', ' 5m'].map(parseDuration)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});
