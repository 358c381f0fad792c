import { DAY, HOUR, MINUTE, WEEK } from '../kernel/index.js';
import type { RandomStream, SimTime } from '../kernel/index.js';

/**
 * How calls of one kind arrive: a Poisson process at a constant rate, or one whose rate follows
 * an hour-of-week profile (busy mornings, quiet weekends) read on a local clock.
 */
export type ArrivalProcess =
  | { kind: 'poisson'; ratePerHour: number }
  | {
      kind: 'profile';
      /** The rate when the multiplier is 1. */
      ratePerHour: number;
      /** 168 multipliers, index 0 = Monday 00:00-01:00, 24 = Tuesday 00:00, ..., 167 = Sunday 23:00 (local). */
      hourOfWeek: readonly number[];
      /** Where simulated time 0 falls in the local week: ms since Monday 00:00 (see `weekOffset`). */
      weekOffset: SimTime;
      /**
       * The local clock the multipliers are read on. Absent, local time runs in step with
       * simulated time (a fixed offset from UTC). Present, local time also moves with every
       * change of the zone's UTC offset (daylight saving) after simulated time 0.
       */
      clock?: LocalClock;
    };

/**
 * A local clock: simulated time 0 is the UTC instant `epochMs`, and local time follows the UTC
 * offset of the IANA zone `timeZone` (daylight saving included). Only the offset's *changes*
 * after time 0 are taken from the zone; where time 0 falls in the week is the process's
 * `weekOffset`, so a clock whose zone never changes offset gives exactly the fixed-offset process.
 */
export interface LocalClock {
  timeZone: string;
  epochMs: number;
}

/** Draws arrival times of one process. */
export interface Arrivals {
  /**
   * The time of the next arrival after *after*, exact (not rounded to the millisecond), or
   * Infinity if the rate is zero everywhere. Feed the exact time back as the next *after* and
   * round only to schedule, so rounding does not accumulate. Draws exactly one number.
   */
  next(after: number, stream: RandomStream): number;
}

/** Ms from Monday 00:00 to ISO weekday *isoWeekday* (1 = Monday ... 7 = Sunday) at *hour*:*minute*. */
export function weekOffset(isoWeekday: number, hour: number, minute = 0): SimTime {
  if (!Number.isInteger(isoWeekday) || isoWeekday < 1 || isoWeekday > 7) throw new RangeError(`isoWeekday must be 1 (Monday) to 7 (Sunday), got ${isoWeekday}.`);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour must be an integer 0 to 23, got ${hour}.`);
  if (!(minute >= 0 && minute < 60)) throw new RangeError(`minute must be in [0, 60), got ${minute}.`);
  return (isoWeekday - 1) * 24 * HOUR + hour * HOUR + minute * MINUTE;
}

/**
 * Prepare *process* for drawing. Raise RangeError if a rate or multiplier is negative or not
 * finite, a profile does not have 168 multipliers, or a clock's time zone is unknown.
 */
export function createArrivals(process: ArrivalProcess): Arrivals {
  if (!(Number.isFinite(process.ratePerHour) && process.ratePerHour >= 0)) {
    throw new RangeError(`ratePerHour must be a finite number >= 0, got ${process.ratePerHour}.`);
  }
  return process.kind === 'poisson'
    ? poisson(process.ratePerHour)
    : profiled(process.ratePerHour, process.hourOfWeek, process.weekOffset, process.clock);
}

function poisson(ratePerHour: number): Arrivals {
  const meanGap = HOUR / ratePerHour;
  return {
    next(after, stream) {
      const u = stream.next();
      return ratePerHour === 0 ? Infinity : after - meanGap * Math.log(1 - u);
    },
  };
}

// ---------------------------------------------------------------- local clocks
//
// NOTE: the zone's offsets are computed here, with Intl.DateTimeFormat, rather than handed over
// as a list by engine/run: a run's horizon can be overridden after the process is made
// (ReplicationOptions.horizonMs), and the last draw of a run looks past the horizon, so a list
// made for one span would end somewhere the walk can still reach. Instead each process finds the
// changes lazily, as far ahead as its walk needs: one Intl call per simulated day scanned (and a
// bisection per change), never one per arrival. A time zone is a calendar matter, not a Teams one,
// so this stays within engine/workload's remit.

/** Scan step: offsets are sampled once a simulated day and each change bisected to the ms. */
const SCAN_STEP = DAY;
/** Scan ahead at least this far at a time, so short walks do not rescan a day at a time. */
const SCAN_CHUNK = 28 * DAY;
/**
 * Changes are looked for in the first 100 years of simulated time; after that the offset then
 * in force holds. Only a process expecting less than an arrival a century walks that far.
 */
const SCAN_LIMIT = 36_525 * DAY;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`Unknown time zone "${timeZone}": an IANA name such as America/Los_Angeles is expected.`);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The UTC offset of *timeZone* at UTC instant *epochMs* (local minus UTC, in ms), from the IANA
 * database Node ships with. Raise RangeError for an unknown zone.
 */
export function utcOffsetMs(timeZone: string, epochMs: number): number {
  const second = Math.floor(epochMs / 1000) * 1000;
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(second)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = new Date(0);
  wall.setUTCFullYear(fields.year ?? 1970, (fields.month ?? 1) - 1, fields.day ?? 1);
  wall.setUTCHours((fields.hour ?? 0) % 24, fields.minute ?? 0, fields.second ?? 0, 0);
  return wall.getTime() - second;
}

/** Where a walk stands: the offset shift in force and how far it holds. */
interface Segment {
  /** Where it begins: the offset change at or before the instant asked about (-Infinity: none). */
  start: number;
  /** Offset in force minus the offset at time 0 (ms): local time is simulated time + weekOffset + shift. */
  shift: number;
  /** The first offset change after the instant asked about; Infinity if none up to `known`. */
  end: number;
  /** Changes are known up to here (Infinity: all of them). */
  known: number;
}

/** A clock with no changes: the fixed-offset process. */
const FIXED: Readonly<Segment> = { start: -Infinity, shift: 0, end: Infinity, known: Infinity };

/** The offset changes of one clock after time 0, found lazily and kept (simulated times). */
class OffsetChanges {
  private readonly at: number[] = [];
  private readonly shifts: number[] = [];
  private readonly offset0: number;
  /** Changes in (0, scanned] are in `at`. */
  private scanned = 0;
  private lastOffset: number;
  /** Index in `at` of the last change at or before the instant last asked about, or -1. */
  private cursor = -1;

  constructor(private readonly clock: LocalClock) {
    this.offset0 = this.offsetAt(0);
    this.lastOffset = this.offset0;
  }

  private offsetAt(t: number): number {
    return utcOffsetMs(this.clock.timeZone, this.clock.epochMs + t);
  }

  /** The segment holding instant *t*, with the changes known at least up to *lookAhead*. */
  segment(t: number, lookAhead: number): Segment {
    this.scanTo(lookAhead);
    const at = this.at;
    let i = this.cursor;
    while (i >= 0 && (at[i] as number) > t) i--;
    while (i + 1 < at.length && (at[i + 1] as number) <= t) i++;
    this.cursor = i;
    return {
      start: i < 0 ? -Infinity : (at[i] as number),
      shift: i < 0 ? 0 : (this.shifts[i] as number),
      end: at[i + 1] ?? Infinity,
      known: this.scanned,
    };
  }

  private scanTo(lookAhead: number): void {
    if (!(lookAhead > this.scanned)) return;
    const target = Math.min(Math.ceil(Math.max(lookAhead, this.scanned + SCAN_CHUNK)), SCAN_LIMIT);
    let a = this.scanned;
    let offsetA = this.lastOffset;
    while (a < target) {
      const b = Math.min(a + SCAN_STEP, target);
      const offsetB = this.offsetAt(b);
      if (offsetB !== offsetA) {
        // Zones change offset months apart, so (a, b] holds one change: bisect it to the ms.
        let lo = a;
        let hi = b;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (this.offsetAt(mid) === offsetA) lo = mid;
          else hi = mid;
        }
        this.at.push(hi);
        this.shifts.push(offsetB - this.offset0);
      }
      a = b;
      offsetA = offsetB;
    }
    this.lastOffset = offsetA;
    this.scanned = target >= SCAN_LIMIT ? Infinity : target;
  }
}

// ---------------------------------------------------------------- profiled arrivals

/**
 * A non-homogeneous Poisson process with a piecewise-constant rate, drawn exactly by inverting
 * its integrated rate: a unit-rate exponential amount of "rate mass" is spent hour by hour until
 * it runs out. Unlike thinning, this draws one number per arrival and wastes none on quiet hours.
 *
 * With a clock, simulated time is cut into segments of constant UTC offset. Within one, local
 * time runs in step with simulated time and the walk is the fixed-offset one (whole weeks of mass
 * skipped, then hour by hour); at a change the walk stops and resumes at the new local time. A
 * local hour skipped when clocks go forward so has zero length, and the hour repeated when they
 * go back is walked twice, at its multiplier each time (docs/choices.md). Without changes in
 * reach the arithmetic is exactly the fixed-offset process's, so its arrival times do not move.
 */
function profiled(ratePerHour: number, hourOfWeek: readonly number[], offset: SimTime, clock: LocalClock | undefined): Arrivals {
  if (hourOfWeek.length !== 168) throw new RangeError(`an hour-of-week profile needs 168 multipliers, got ${hourOfWeek.length}.`);
  if (hourOfWeek.some((m) => !(Number.isFinite(m) && m >= 0))) throw new RangeError('hour-of-week multipliers must be finite numbers >= 0.');
  // Arrivals per ms in each hour of the week, and the expected arrivals in one whole week.
  const rate = hourOfWeek.map((m) => (ratePerHour * m) / HOUR);
  const weekMass = hourOfWeek.reduce((sum, m) => sum + ratePerHour * m, 0);
  const start = ((offset % WEEK) + WEEK) % WEEK;
  const changes = clock === undefined ? undefined : new OffsetChanges(clock);
  // The segment of the last draw: most draws start in it, and then need no look-up. (None yet.)
  let last: Segment = { start: Infinity, shift: 0, end: -Infinity, known: -Infinity };
  const segmentAt = (t: number, weeks: number): Segment => {
    if (changes === undefined) return FIXED;
    // The walk below stays within a week of where its whole weeks end; look a little further.
    const lookAhead = t + (weeks + 2) * WEEK;
    if (!(t >= last.start && t < last.end && (last.end !== Infinity || lookAhead <= last.known))) last = changes.segment(t, lookAhead);
    return last;
  };
  return {
    next(after, stream) {
      let mass = -Math.log(1 - stream.next());
      if (weekMass === 0) return Infinity;
      let t = after;
      for (;;) {
        let weeks = Math.floor(mass / weekMass);
        // A rate so small that the next arrival lies past any clock (2^53 ms, 285,000 years):
        // there is none, and walking there would overflow to a time that never ends the walk.
        if (!(t + weeks * WEEK < Number.MAX_SAFE_INTEGER)) return Infinity;
        let segment = segmentAt(t, weeks);
        // Every whole week within one segment holds exactly weekMass.
        if (segment.end !== Infinity) weeks = Math.min(weeks, Math.floor((segment.end - t) / WEEK));
        mass -= weeks * weekMass;
        t += weeks * WEEK;
        let inWeek = (((t + start + segment.shift) % WEEK) + WEEK) % WEEK;
        for (;;) {
          const hour = Math.min(167, Math.floor(inWeek / HOUR));
          const r = rate[hour] as number;
          let left = (hour + 1) * HOUR - inWeek;
          // Rounding can carry the walk past the changes looked for: look further (t is unchanged).
          if (t + left > segment.known) segment = segmentAt(t, 0);
          const cut = segment.end - t < left;
          if (cut) left = segment.end - t;
          const available = r * left;
          if (mass < available) return t + mass / r;
          mass -= available;
          if (cut) {
            t = segment.end;
            break;
          }
          t += left;
          inWeek = hour === 167 ? 0 : (hour + 1) * HOUR;
        }
      }
    },
  };
}
