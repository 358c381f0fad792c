// Times are simulated milliseconds (the kernel's SimTime), typed as number: metrics import nothing.

/** One bucket of a down-sampled level: the range it covered and where it ended. */
export interface SeriesPoint {
  /** Start of the bucket (ms). */
  time: number;
  min: number;
  max: number;
  /** The level at the end of the bucket. */
  last: number;
}

/**
 * Records a level's changes for charts, down-sampled to at most *points* buckets over
 * [0, *horizon*), so memory does not grow with the number of changes. Each bucket keeps the
 * lowest, highest and last level, which draws the same envelope as the full record.
 */
export class TimeSeries {
  private readonly width: number;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly last: Float64Array;
  private lastBucket = 0;

  /** Raise RangeError unless *horizon* and *points* are positive integers. */
  constructor(options: { horizon: number; points: number; level?: number }) {
    const { horizon, points } = options;
    if (!Number.isSafeInteger(horizon) || horizon <= 0) throw new RangeError(`horizon must be a positive integer, got ${horizon}.`);
    if (!Number.isSafeInteger(points) || points <= 0) throw new RangeError(`points must be a positive integer, got ${points}.`);
    this.width = Math.ceil(horizon / points);
    const buckets = Math.ceil(horizon / this.width);
    this.min = new Float64Array(buckets);
    this.max = new Float64Array(buckets);
    this.last = new Float64Array(buckets);
    const level = options.level ?? 0;
    this.min[0] = level;
    this.max[0] = level;
    this.last[0] = level;
  }

  /**
   * The level becomes *level* at *time*. Changes at or after the horizon are ignored. Raise
   * RangeError if *time* is in an earlier bucket than the last change.
   */
  record(time: number, level: number): void {
    const bucket = Math.floor(time / this.width);
    if (bucket >= this.last.length) return;
    if (bucket < this.lastBucket) throw new RangeError(`time ${time} is before the last recorded change.`);
    if (bucket > this.lastBucket) {
      // The level held through the buckets in between.
      const held = this.last[this.lastBucket] as number;
      for (let b = this.lastBucket + 1; b <= bucket; b++) {
        this.min[b] = held;
        this.max[b] = held;
        this.last[b] = held;
      }
      this.lastBucket = bucket;
    }
    if (level < (this.min[bucket] as number)) this.min[bucket] = level;
    if (level > (this.max[bucket] as number)) this.max[bucket] = level;
    this.last[bucket] = level;
  }

  /** The buckets up to the one containing *to*, the last level holding until then. */
  points(to: number): SeriesPoint[] {
    const end = Math.min(Math.floor(to / this.width), this.last.length - 1);
    const out: SeriesPoint[] = [];
    for (let b = 0; b <= end; b++) {
      if (b <= this.lastBucket) {
        out.push({ time: b * this.width, min: this.min[b] as number, max: this.max[b] as number, last: this.last[b] as number });
      } else {
        const held = this.last[this.lastBucket] as number;
        out.push({ time: b * this.width, min: held, max: held, last: held });
      }
    }
    return out;
  }
}
