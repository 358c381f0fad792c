/**
 * Profiled arrivals on a local clock (ArrivalProcess.clock): the hour-of-week multipliers apply to
 * local wall-clock hours of an IANA zone, across daylight saving changes. Local times of arrivals
 * are read back here with Intl directly, not with the code under test.
 *
 * US daylight saving 2026: clocks go forward on Sunday 8 March at 02:00 PST (10:00 UTC) and back
 * on Sunday 1 November at 02:00 PDT (09:00 UTC).
 */
import { describe, expect, it } from 'vitest';
import { createStreams, DAY, HOUR, WEEK, type RandomStream } from '../../engine/kernel/index.js';
import { createArrivals, utcOffsetMs, weekOffset, type ArrivalProcess, type LocalClock } from '../../engine/workload/index.js';
import { chiSquare999, meanBound } from './statistics.js';

const LA = 'America/Los_Angeles';
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** Local date ("2026-03-09"), ISO weekday (1 = Monday) and hour of *epochMs* in *zone*, from Intl. */
function local(zone: string, epochMs: number): { date: string; isoWeekday: number; hour: number; minute: number } {
  let f = partsFormatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    partsFormatters.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(epochMs)) p[part.type] = part.value;
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    isoWeekday: WEEKDAYS.indexOf(p.weekday ?? '') + 1,
    hour: Number(p.hour) % 24,
    minute: Number(p.minute),
  };
}

/** A profile with rate only in one local hour of the week. */
function onlyHour(isoWeekday: number, hour: number): number[] {
  const only = weekOffset(isoWeekday, hour) / HOUR;
  return Array.from({ length: 168 }, (_, i) => (i === only ? 1 : 0));
}

/** Counts the draws made from *stream*. */
function counting(stream: RandomStream): { stream: RandomStream; draws: () => number } {
  let n = 0;
  return {
    stream: {
      next: () => {
        n++;
        return stream.next();
      },
    },
    draws: () => n,
  };
}

/** Every arrival of *process* in [0, horizon) as simulated ms, and the draws it took. */
function arrivalTimes(process: ArrivalProcess, horizon: number, name: string): { times: number[]; draws: number } {
  const arrivals = createArrivals(process);
  const { stream, draws } = counting(createStreams(2026, 0).stream(`test/${name}`));
  const times: number[] = [];
  for (let t = arrivals.next(0, stream); t < horizon; t = arrivals.next(t, stream)) times.push(t);
  return { times, draws: draws() };
}

/** A profiled process whose time 0 is *startIso*, on *zone*'s clock (or on its fixed offset at the start). */
function processFrom(startIso: string, zone: string, hourOfWeek: readonly number[], ratePerHour: number, withClock = true): ArrivalProcess {
  const epochMs = Date.parse(startIso);
  const at = local(zone, epochMs);
  const clock: LocalClock = { timeZone: zone, epochMs };
  const base = { kind: 'profile' as const, ratePerHour, hourOfWeek, weekOffset: weekOffset(at.isoWeekday, at.hour, at.minute) };
  return withClock ? { ...base, clock } : base;
}

/** Arrivals grouped by local date. */
function byLocalDate(zone: string, epochMs: number, times: readonly number[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const t of times) {
    const d = local(zone, epochMs + t).date;
    out.set(d, [...(out.get(d) ?? []), t]);
  }
  return out;
}

describe('utcOffsetMs', () => {
  it('reads the offset of an IANA zone at an instant, daylight saving included', () => {
    const springForward = Date.parse('2026-03-08T10:00:00Z');
    const fallBack = Date.parse('2026-11-01T09:00:00Z');
    expect([
      utcOffsetMs(LA, springForward - 1),
      utcOffsetMs(LA, springForward),
      utcOffsetMs(LA, fallBack - 1),
      utcOffsetMs(LA, fallBack),
      utcOffsetMs('Asia/Tokyo', springForward),
      utcOffsetMs('Australia/Lord_Howe', Date.parse('2026-01-15T00:00:00Z')),
      utcOffsetMs('Australia/Lord_Howe', Date.parse('2026-06-15T00:00:00Z')),
    ]).toEqual([-8 * HOUR, -7 * HOUR, -7 * HOUR, -8 * HOUR, 9 * HOUR, 11 * HOUR, 10.5 * HOUR]);
  });

  it('refuses an unknown zone, and so does a process on its clock', () => {
    expect(() => utcOffsetMs('Mars/Olympus_Mons', 0)).toThrow(RangeError);
    expect(() => createArrivals({ kind: 'profile', ratePerHour: 1, hourOfWeek: onlyHour(1, 9), weekOffset: 0, clock: { timeZone: 'Mars/Olympus_Mons', epochMs: 0 } })).toThrow(
      RangeError,
    );
  });
});

describe('profiled arrivals on a local clock across daylight saving changes', () => {
  for (const [change, startIso] of [
    ['clocks going forward (8 March 2026)', '2026-02-23T00:00:00-08:00'],
    ['clocks going back (1 November 2026)', '2026-10-19T00:00:00-07:00'],
  ] as const) {
    it(`keeps arrivals of a Monday 09:00-10:00 profile in 09:00-10:00 local on both sides of ${change}`, () => {
      // Four Mondays, two before the change and two after; about 200 arrivals each.
      const process = processFrom(startIso, LA, onlyHour(1, 9), 200);
      const epochMs = Date.parse(startIso);
      const { times, draws } = arrivalTimes(process, 4 * WEEK, 'monday-9');
      const locals = times.map((t) => local(LA, epochMs + t));
      expect(locals.every((l) => l.isoWeekday === 1 && l.hour === 9)).toBe(true);
      const perMonday = [...byLocalDate(LA, epochMs, times).values()].map((ts) => ts.length);
      expect(perMonday).toHaveLength(4);
      for (const n of perMonday) expect(Math.abs(n - 200)).toBeLessThan(meanBound(200, 1));
      // One draw per arrival, and one more for the arrival past the horizon.
      expect(draws).toBe(times.length + 1);

      // The fixed offset of the start (the old behaviour) puts the two Mondays on the other side
      // of the change an hour off: this test tells the two apart.
      const fixed = arrivalTimes(processFrom(startIso, LA, onlyHour(1, 9), 200, false), 4 * WEEK, 'monday-9').times;
      expect(fixed.every((t) => local(LA, epochMs + t).hour === 9)).toBe(false);
    });
  }

  it('gives the local hour skipped when clocks go forward zero length (no arrivals on 8 March 02:00-03:00)', () => {
    // Only Sunday 02:00-03:00 local has a rate: 8 March has no such hour, 15 and 22 March do.
    const startIso = '2026-03-02T00:00:00-08:00';
    const epochMs = Date.parse(startIso);
    const { times } = arrivalTimes(processFrom(startIso, LA, onlyHour(7, 2), 400), 3 * WEEK, 'sunday-2');
    const perDate = byLocalDate(LA, epochMs, times);
    expect([...perDate.keys()]).toEqual(['2026-03-15', '2026-03-22']);
    for (const ts of perDate.values()) expect(Math.abs(ts.length - 400)).toBeLessThan(meanBound(400, 1));
    expect(times.every((t) => local(LA, epochMs + t).hour === 2)).toBe(true);
  });

  it('runs the local hour repeated when clocks go back twice, at its multiplier each time', () => {
    // Only Sunday 01:00-02:00 local has a rate: on 1 November it is lived twice (PDT, then PST).
    const startIso = '2026-10-26T00:00:00-07:00';
    const epochMs = Date.parse(startIso);
    const { times } = arrivalTimes(processFrom(startIso, LA, onlyHour(7, 1), 400), 2 * WEEK, 'sunday-1');
    const perDate = byLocalDate(LA, epochMs, times);
    const first = perDate.get('2026-11-01') ?? [];
    const second = perDate.get('2026-11-08') ?? [];
    expect(times.every((t) => local(LA, epochMs + t).hour === 1)).toBe(true);
    expect(Math.abs(first.length - 800)).toBeLessThan(meanBound(800, 1));
    expect(Math.abs(second.length - 400)).toBeLessThan(meanBound(400, 1));
    // Both runs of the hour get their share: 08:00-09:00 UTC (PDT) and 09:00-10:00 UTC (PST).
    const pst = first.filter((t) => epochMs + t >= Date.parse('2026-11-01T09:00:00Z')).length;
    for (const n of [first.length - pst, pst]) expect(Math.abs(n - 400)).toBeLessThan(meanBound(400, 1));
  });

  it('handles a change of half an hour that is not on the hour (Lord Howe Island, 5 April 2026)', () => {
    // Clocks go back from 02:00 (+11:00) to 01:30 (+10:30): local 01:00-02:00 lasts 90 minutes.
    const zone = 'Australia/Lord_Howe';
    const startIso = '2026-03-30T00:00:00+11:00';
    const epochMs = Date.parse(startIso);
    const { times } = arrivalTimes(processFrom(startIso, zone, onlyHour(7, 1), 400), 2 * WEEK, 'lord-howe');
    const perDate = byLocalDate(zone, epochMs, times);
    expect(times.every((t) => local(zone, epochMs + t).hour === 1)).toBe(true);
    expect(Math.abs((perDate.get('2026-04-05')?.length ?? 0) - 600)).toBeLessThan(meanBound(600, 1));
    expect(Math.abs((perDate.get('2026-04-12')?.length ?? 0) - 400)).toBeLessThan(meanBound(400, 1));
  });

  it('shares a year of arrivals among local hours of the week as the multipliers and the hours lived do (99.9% chi-square)', () => {
    // Office hours, quiet nights and weekends; 2026 in Los Angeles, both changes included. The
    // exposure of each local hour of the week is counted from Intl, UTC hour by UTC hour
    // (Los Angeles changes on the hour): 52 or 53 of each, one fewer Sunday 02:00 (8 March)
    // and one more Sunday 01:00 (1 November).
    const profile = Array.from({ length: 168 }, (_, i) => {
      const day = Math.floor(i / 24);
      const hour = i % 24;
      if (day >= 5) return hour >= 1 && hour < 3 ? 2 : 0.2;
      return hour >= 9 && hour < 17 ? 3 : 0.5;
    });
    const startIso = '2026-01-05T00:00:00-08:00';
    const epochMs = Date.parse(startIso);
    const horizon = 52 * WEEK;
    const exposure = new Array<number>(168).fill(0);
    for (let t = 0; t < horizon; t += HOUR) {
      const l = local(LA, epochMs + t);
      const i = weekOffset(l.isoWeekday, l.hour) / HOUR;
      exposure[i] = (exposure[i] as number) + 1;
    }
    expect([exposure[weekOffset(7, 2) / HOUR], exposure[weekOffset(7, 1) / HOUR], exposure[weekOffset(1, 9) / HOUR]]).toEqual([51, 53, 52]);
    const rate = 4;
    const { times, draws } = arrivalTimes(processFrom(startIso, LA, profile, rate), horizon, 'year');
    expect(draws).toBe(times.length + 1);
    const counts = new Array<number>(168).fill(0);
    for (const t of times) {
      const l = local(LA, epochMs + t);
      const i = weekOffset(l.isoWeekday, l.hour) / HOUR;
      counts[i] = (counts[i] as number) + 1;
    }
    let chi2 = 0;
    profile.forEach((m, i) => {
      const expected = rate * m * (exposure[i] as number);
      chi2 += ((counts[i] as number) - expected) ** 2 / expected;
    });
    // Poisson counts with known means: chi-square with 168 degrees of freedom.
    expect(chi2).toBeLessThan(chiSquare999(168));
  });
});

describe('profiled arrivals on a clock without changes', () => {
  const profile = Array.from({ length: 168 }, (_, i) => (Math.floor(i / 24) < 5 && i % 24 >= 9 && i % 24 < 17 ? 1 : 0.1));

  it('gives exactly the arrival times of the fixed-offset process in a zone without daylight saving (Asia/Tokyo)', () => {
    const startIso = '2026-03-02T00:00:00+09:00';
    const withClock = arrivalTimes(processFrom(startIso, 'Asia/Tokyo', profile, 30), 52 * WEEK, 'tokyo');
    const fixed = arrivalTimes(processFrom(startIso, 'Asia/Tokyo', profile, 30, false), 52 * WEEK, 'tokyo');
    expect(withClock.times.length).toBeGreaterThan(10_000);
    expect(withClock.times).toEqual(fixed.times);
    expect(withClock.draws).toBe(fixed.draws);
  });

  it('gives exactly the fixed-offset arrival times before the first change, and a rare process too', () => {
    // 2 March to 8 March 10:00 UTC is before Los Angeles changes; the rare process (about one
    // arrival in 40 weeks) skips whole weeks across both changes of several years.
    const startIso = '2026-03-02T00:00:00-08:00';
    const change = Date.parse('2026-03-08T10:00:00Z') - Date.parse(startIso);
    const before = (withClock: boolean): number[] => arrivalTimes(processFrom(startIso, LA, profile, 30, withClock), change, 'la').times;
    expect(before(true)).toEqual(before(false));
    const rare = arrivalTimes(processFrom(startIso, LA, profile, 0.0005), 20 * 52 * WEEK, 'rare');
    expect(rare.draws).toBe(rare.times.length + 1);
    expect(rare.times.every((t, i) => i === 0 || t > (rare.times[i - 1] as number))).toBe(true);
  });

  it('never arrives when every multiplier is 0, clock or not', () => {
    const arrivals = createArrivals({ kind: 'profile', ratePerHour: 5, hourOfWeek: new Array<number>(168).fill(0), weekOffset: 0, clock: { timeZone: LA, epochMs: 0 } });
    expect(arrivals.next(0, createStreams(1, 0).stream('x'))).toBe(Infinity);
  });

  it('continues from any instant, including one exactly at a change', () => {
    const startIso = '2026-03-02T00:00:00-08:00';
    const epochMs = Date.parse(startIso);
    const change = Date.parse('2026-03-08T10:00:00Z') - epochMs;
    const arrivals = createArrivals(processFrom(startIso, LA, onlyHour(7, 3), 100000));
    const stream = createStreams(3, 0).stream('at-change');
    // Sunday 8 March 03:00 PDT is the change itself: the next arrival falls within minutes.
    const t = arrivals.next(change, stream);
    expect(t - change).toBeLessThan(5 * 60_000);
    expect(local(LA, epochMs + t).hour).toBe(3);
    // From 01:30 PST the walk crosses the change: 01:30-02:00 has no rate, 02:00-03:00 is skipped.
    const u = arrivals.next(change - 30 * 60_000, stream);
    expect(u).toBeGreaterThanOrEqual(change);
    expect(u - change).toBeLessThan(DAY);
  });
});
