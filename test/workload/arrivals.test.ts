import { describe, expect, it } from 'vitest';
import { createStreams, HOUR, MINUTE, WEEK } from '../../engine/kernel/index.js';
import { createArrivals, weekOffset } from '../../engine/workload/arrivals.js';
import type { ArrivalProcess } from '../../engine/workload/arrivals.js';
import { chiSquare999, meanBound, sampleMoments, varianceBound } from './statistics.js';

/** Every arrival time of *process* in [0, horizon). */
function arrivalTimes(process: ArrivalProcess, horizon: number, name: string): number[] {
  const arrivals = createArrivals(process);
  const stream = createStreams(2026, 0).stream(`test/${name}`);
  const times: number[] = [];
  for (let t = arrivals.next(0, stream); t < horizon; t = arrivals.next(t, stream)) times.push(t);
  return times;
}

/** A profile of quiet nights, busy office hours and closed weekends. */
function officeProfile(): number[] {
  return Array.from({ length: 168 }, (_, i) => {
    const day = Math.floor(i / 24);
    const hour = i % 24;
    if (day >= 5) return 0;
    if (hour >= 9 && hour < 17) return 1 + (hour % 3);
    return hour >= 7 && hour < 20 ? 0.5 : 0.1;
  });
}

describe('Poisson arrivals', () => {
  // 30 calls an hour: 5 expected per 10-minute window; 20,000 windows.
  const windows = 20_000;
  const window = 10 * MINUTE;
  const expected = 5;

  function countsPerWindow(): number[] {
    const counts = new Array<number>(windows).fill(0);
    for (const t of arrivalTimes({ kind: 'poisson', ratePerHour: 30 }, windows * window, 'poisson')) {
      const w = Math.floor(t / window);
      counts[w] = (counts[w] as number) + 1;
    }
    return counts;
  }

  it('gives a mean count per window within the 99.9% bound of rate x window', () => {
    const { mean } = sampleMoments(countsPerWindow());
    // A Poisson count's variance equals its mean.
    expect(Math.abs(mean - expected)).toBeLessThan(meanBound(expected, windows));
  });

  it('gives a count variance per window within the 99.9% bound of the Poisson variance', () => {
    const m = sampleMoments(countsPerWindow());
    expect(Math.abs(m.variance - expected)).toBeLessThan(varianceBound(m.m4, m.variance, windows));
  });

  it('never arrives at a zero rate', () => {
    const arrivals = createArrivals({ kind: 'poisson', ratePerHour: 0 });
    expect(arrivals.next(0, createStreams(1, 0).stream('x'))).toBe(Infinity);
  });
});

describe('hour-of-week profile arrivals', () => {
  const weeks = 20;
  const profile = officeProfile();

  function countsPerHourOfWeek(): number[] {
    const counts = new Array<number>(168).fill(0);
    const process: ArrivalProcess = { kind: 'profile', ratePerHour: 20, hourOfWeek: profile, weekOffset: 0 };
    for (const t of arrivalTimes(process, weeks * WEEK, 'profile')) {
      const h = Math.floor((t % WEEK) / HOUR);
      counts[h] = (counts[h] as number) + 1;
    }
    return counts;
  }

  it('shares arrivals among hours as the multipliers do, within the 99.9% chi-square bound', () => {
    const counts = countsPerHourOfWeek();
    const total = counts.reduce((s, c) => s + c, 0);
    const weightSum = profile.reduce((s, m) => s + m, 0);
    let chi2 = 0;
    let cells = 0;
    profile.forEach((m, h) => {
      if (m === 0) return;
      const expected = (total * m) / weightSum;
      chi2 += ((counts[h] as number) - expected) ** 2 / expected;
      cells++;
    });
    expect(chi2).toBeLessThan(chiSquare999(cells - 1));
  });

  it('gives no arrivals in hours whose multiplier is 0', () => {
    const counts = countsPerHourOfWeek();
    expect(profile.flatMap((m, h) => (m === 0 ? [counts[h]] : [])).every((c) => c === 0)).toBe(true);
  });

  it('gives a total count within the 99.9% bound of the integrated rate', () => {
    const total = countsPerHourOfWeek().reduce((s, c) => s + c, 0);
    const expected = weeks * 20 * profile.reduce((s, m) => s + m, 0);
    expect(Math.abs(total - expected)).toBeLessThan(meanBound(expected, 1));
  });

  it('places time 0 at the week offset', () => {
    // Only Wednesday 09:00-10:00 is open; time 0 is Wednesday 09:00, so every arrival falls in
    // the first hour of some simulated week.
    const only = Array.from({ length: 168 }, (_, i) => (i === 2 * 24 + 9 ? 1 : 0));
    const times = arrivalTimes({ kind: 'profile', ratePerHour: 50, hourOfWeek: only, weekOffset: weekOffset(3, 9) }, 4 * WEEK, 'offset');
    expect(times.length).toBeGreaterThan(0);
    expect(times.every((t) => t % WEEK < HOUR)).toBe(true);
  });

  it('never arrives when every multiplier is 0', () => {
    const arrivals = createArrivals({ kind: 'profile', ratePerHour: 10, hourOfWeek: new Array<number>(168).fill(0), weekOffset: 0 });
    expect(arrivals.next(0, createStreams(1, 0).stream('x'))).toBe(Infinity);
  });

  it('refuses a profile without 168 multipliers', () => {
    expect(() => createArrivals({ kind: 'profile', ratePerHour: 1, hourOfWeek: [1, 2], weekOffset: 0 })).toThrow(RangeError);
  });
});

describe('weekOffset', () => {
  it('counts from Monday 00:00', () => {
    expect([weekOffset(1, 0), weekOffset(3, 9, 30), weekOffset(7, 23)]).toEqual([0, 2 * 24 * HOUR + 9 * HOUR + 30 * MINUTE, WEEK - HOUR]);
  });
});

describe('a profiled rate too small for any clock', () => {
  it('has no next arrival (Infinity) instead of walking forever', () => {
    const process = createArrivals({ kind: 'profile', ratePerHour: 1e-300, hourOfWeek: Array.from({ length: 168 }, (_, h) => (h % 24 >= 9 && h % 24 < 17 ? 1 : 0.1)), weekOffset: 0 });
    const stream = { next: () => 0.5 };
    expect(process.next(0, stream)).toBe(Infinity);
  });
});
