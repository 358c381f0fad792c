import { HOUR, MINUTE, WEEK } from '../kernel/index.js';
import type { RandomStream, SimTime } from '../kernel/index.js';

/**
 * How calls of one kind arrive: a Poisson process at a constant rate, or one whose rate follows
 * an hour-of-week profile (busy mornings, quiet weekends).
 */
export type ArrivalProcess =
  | { kind: 'poisson'; ratePerHour: number }
  | {
      kind: 'profile';
      /** The rate when the multiplier is 1. */
      ratePerHour: number;
      /** 168 multipliers, index 0 = Monday 00:00-01:00, 24 = Tuesday 00:00, ..., 167 = Sunday 23:00. */
      hourOfWeek: readonly number[];
      /** Where simulated time 0 falls in the week: ms since Monday 00:00 (see `weekOffset`). */
      weekOffset: SimTime;
    };

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
 * finite, or a profile does not have 168 multipliers.
 */
export function createArrivals(process: ArrivalProcess): Arrivals {
  if (!(Number.isFinite(process.ratePerHour) && process.ratePerHour >= 0)) {
    throw new RangeError(`ratePerHour must be a finite number >= 0, got ${process.ratePerHour}.`);
  }
  return process.kind === 'poisson' ? poisson(process.ratePerHour) : profiled(process.ratePerHour, process.hourOfWeek, process.weekOffset);
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

/**
 * A non-homogeneous Poisson process with a piecewise-constant rate, drawn exactly by inverting
 * its integrated rate: a unit-rate exponential amount of "rate mass" is spent hour by hour until
 * it runs out. Unlike thinning, this draws one number per arrival and wastes none on quiet hours.
 */
function profiled(ratePerHour: number, hourOfWeek: readonly number[], offset: SimTime): Arrivals {
  if (hourOfWeek.length !== 168) throw new RangeError(`an hour-of-week profile needs 168 multipliers, got ${hourOfWeek.length}.`);
  if (hourOfWeek.some((m) => !(Number.isFinite(m) && m >= 0))) throw new RangeError('hour-of-week multipliers must be finite numbers >= 0.');
  // Arrivals per ms in each hour of the week, and the expected arrivals in one whole week.
  const rate = hourOfWeek.map((m) => (ratePerHour * m) / HOUR);
  const weekMass = hourOfWeek.reduce((sum, m) => sum + ratePerHour * m, 0);
  const start = ((offset % WEEK) + WEEK) % WEEK;
  return {
    next(after, stream) {
      let mass = -Math.log(1 - stream.next());
      if (weekMass === 0) return Infinity;
      let t = after;
      const weeks = Math.floor(mass / weekMass);
      mass -= weeks * weekMass;
      t += weeks * WEEK;
      let inWeek = (((t + start) % WEEK) + WEEK) % WEEK;
      for (;;) {
        const hour = Math.min(167, Math.floor(inWeek / HOUR));
        const r = rate[hour] as number;
        const left = (hour + 1) * HOUR - inWeek;
        const available = r * left;
        if (mass < available) return t + mass / r;
        mass -= available;
        t += left;
        inWeek = hour === 167 ? 0 : (hour + 1) * HOUR;
      }
    },
  };
}
