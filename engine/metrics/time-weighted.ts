// Times are simulated milliseconds (the kernel's SimTime), typed as number: metrics import nothing.

export interface TimeWeightedOptions {
  /** The time of the first level (default 0). */
  start?: number;
  /** The level at *start* (default 0). */
  level?: number;
  /** Time before which nothing is measured: the end of the warm-up (default *start*). */
  warmup?: number;
  /**
   * Levels whose share of time at or above them is tracked, e.g. the pool size for "every
   * callback number reserved". Only these may be asked of `fractionAtLeast`.
   */
  thresholds?: readonly number[];
}

/** What a gauge measured over its window, as plain sums that merge exactly across replications. */
export interface GaugeSummary {
  /** Length of the window measured (ms). */
  duration: number;
  /** Integral of the level over the window (level x ms). */
  area: number;
  /** Highest level held for any time within the window; -Infinity for an empty window. */
  max: number;
  thresholds: number[];
  /** Time (ms) the level was >= each threshold, in the order of `thresholds`. */
  timeAtLeast: number[];
}

/**
 * A level over simulated time (calls in progress, callback numbers reserved, credit balance),
 * integrated as it changes so that its time-weighted mean, maximum and time above thresholds
 * after the warm-up need no history.
 */
export class TimeWeighted {
  private lastTime: number;
  private lastLevel: number;
  private readonly warmup: number;
  private readonly thresholds: readonly number[];
  private readonly timeAtLeast: number[];
  private area = 0;
  private maxHeld = -Infinity;

  /** Raise RangeError if *warmup* is before *start*. */
  constructor(options: TimeWeightedOptions = {}) {
    const start = options.start ?? 0;
    this.warmup = options.warmup ?? start;
    if (this.warmup < start) throw new RangeError(`warmup (${this.warmup}) must not be before start (${start}).`);
    this.lastTime = start;
    this.lastLevel = options.level ?? 0;
    this.thresholds = [...(options.thresholds ?? [])];
    this.timeAtLeast = this.thresholds.map(() => 0);
  }

  /** The current level. */
  get level(): number {
    return this.lastLevel;
  }

  /** The level becomes *level* at *time*. Raise RangeError if *time* is before the last update. */
  update(time: number, level: number): void {
    if (time < this.lastTime) throw new RangeError(`update at ${time} is before the last update (${this.lastTime}).`);
    const from = Math.max(this.lastTime, this.warmup);
    if (time > from) {
      const held = time - from;
      this.area += held * this.lastLevel;
      if (this.lastLevel > this.maxHeld) this.maxHeld = this.lastLevel;
      for (let i = 0; i < this.thresholds.length; i++) {
        if (this.lastLevel >= (this.thresholds[i] as number)) this.timeAtLeast[i] = (this.timeAtLeast[i] as number) + held;
      }
    }
    this.lastTime = time;
    this.lastLevel = level;
  }

  /**
   * The summary over [warmup, *to*], the current level holding until *to*. Raise RangeError if
   * *to* is before the last update.
   */
  summary(to: number): GaugeSummary {
    if (to < this.lastTime) throw new RangeError(`to (${to}) is before the last update (${this.lastTime}).`);
    const from = Math.max(this.lastTime, this.warmup);
    const tail = Math.max(0, to - from);
    const level = this.lastLevel;
    return {
      duration: Math.max(0, to - this.warmup),
      area: this.area + tail * level,
      max: tail > 0 && level > this.maxHeld ? level : this.maxHeld,
      thresholds: [...this.thresholds],
      timeAtLeast: this.thresholds.map((threshold, i) => (this.timeAtLeast[i] as number) + (level >= threshold ? tail : 0)),
    };
  }

  /** The time-weighted mean level over [warmup, *to*]; NaN if *to* is not after the warm-up. */
  mean(to: number): number {
    return gaugeMean(this.summary(to));
  }

  /** The highest level held over [warmup, *to*]. */
  max(to: number): number {
    return this.summary(to).max;
  }

  /**
   * The fraction of [warmup, *to*] the level was >= *threshold*; NaN for an empty window. Raise
   * RangeError if *threshold* was not given to the constructor.
   */
  fractionAtLeast(threshold: number, to: number): number {
    return gaugeFractionAtLeast(this.summary(to), threshold);
  }
}

/** The time-weighted mean of *summary*; NaN for an empty window. */
export function gaugeMean(summary: GaugeSummary): number {
  return summary.duration > 0 ? summary.area / summary.duration : NaN;
}

/** The fraction of *summary*'s window at or above *threshold*. Raise RangeError if it is not tracked. */
export function gaugeFractionAtLeast(summary: GaugeSummary, threshold: number): number {
  const i = summary.thresholds.indexOf(threshold);
  if (i < 0) throw new RangeError(`threshold ${threshold} is not tracked (tracked: ${summary.thresholds.join(', ') || 'none'}).`);
  return summary.duration > 0 ? (summary.timeAtLeast[i] as number) / summary.duration : NaN;
}

/**
 * The summary of two windows together (two replications, or two shards of one run). Raise
 * RangeError if they track different thresholds.
 */
export function mergeGaugeSummaries(a: GaugeSummary, b: GaugeSummary): GaugeSummary {
  if (a.thresholds.length !== b.thresholds.length || a.thresholds.some((t, i) => t !== b.thresholds[i])) {
    throw new RangeError(`cannot merge gauges with different thresholds (${a.thresholds.join(', ')} and ${b.thresholds.join(', ')}).`);
  }
  return {
    duration: a.duration + b.duration,
    area: a.area + b.area,
    max: Math.max(a.max, b.max),
    thresholds: [...a.thresholds],
    timeAtLeast: a.timeAtLeast.map((t, i) => t + (b.timeAtLeast[i] as number)),
  };
}
