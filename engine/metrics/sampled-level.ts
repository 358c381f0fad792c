// Times are simulated milliseconds (the kernel's SimTime), typed as number: metrics import nothing.

/**
 * One interval of a sampled level: `[atMs, last, min, max]`, covering [atMs, atMs + step): the
 * level at the interval's end, and the lowest and highest it held within it.
 */
export type SampledPoint = [atMs: number, last: number, min: number, max: number];

/** Interval lengths a series may use, in minutes: readable ticks on a chart. */
const NICE_STEPS_MINUTES = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

/** The most intervals a series over a horizon has (one more when the horizon is not a whole number of intervals). */
export const MAX_SAMPLED_POINTS = 1000;

/**
 * The interval for a series over *horizonMs*: the shortest readable one (a minute, 5, 15, 30
 * minutes, an hour, ... a week, then whole weeks) that keeps the series within MAX_SAMPLED_POINTS.
 */
export function samplingStep(horizonMs: number): number {
  const minutes = horizonMs / 60_000;
  for (const step of NICE_STEPS_MINUTES) if (minutes / step <= MAX_SAMPLED_POINTS) return step * 60_000;
  return Math.ceil(minutes / MAX_SAMPLED_POINTS / 10080) * 10080 * 60_000;
}

/**
 * A level over simulated time (a balance, numbers reserved) kept as fixed intervals rather than
 * every change, so that a chart of it costs the same whatever the number of calls: each change is
 * a comparison and a few assignments. Changes must come in time order; one that comes late
 * counts in the current interval (the level cannot be taken back).
 */
export class SampledLevel {
  private readonly points: SampledPoint[] = [];
  /** Start of the current interval's successor: a change at or after it closes the current one. */
  private nextAt: number;
  private atMs = 0;
  private level: number;
  private min: number;
  private max: number;

  constructor(
    readonly stepMs: number,
    level: number,
  ) {
    if (!(Number.isFinite(stepMs) && stepMs > 0)) throw new RangeError('"stepMs" must be a finite number > 0.');
    this.level = this.min = this.max = level;
    this.nextAt = stepMs;
  }

  update(now: number, level: number): void {
    if (now >= this.nextAt) this.closeUntil(now);
    this.level = level;
    if (level < this.min) this.min = level;
    if (level > this.max) this.max = level;
  }

  /** The intervals from 0 up to *horizonMs* (the last one cut short by it); the series stays usable. */
  pointsUntil(horizonMs: number): SampledPoint[] {
    const closed = [...this.points];
    let at = this.atMs;
    let [min, max] = [this.min, this.max];
    while (at < horizonMs) {
      closed.push([at, this.level, min, max]);
      at += this.stepMs;
      min = max = this.level;
    }
    return closed;
  }

  /** Closes the current interval and the empty ones after it, up to the one holding *now*. */
  private closeUntil(now: number): void {
    this.points.push([this.atMs, this.level, this.min, this.max]);
    const current = Math.floor(now / this.stepMs) * this.stepMs;
    for (let at = this.atMs + this.stepMs; at < current; at += this.stepMs) this.points.push([at, this.level, this.level, this.level]);
    this.atMs = current;
    this.nextAt = current + this.stepMs;
    this.min = this.max = this.level;
  }
}
