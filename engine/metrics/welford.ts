/** The moments of a Welford accumulator as plain data, to pass between workers or store. */
export interface Moments {
  count: number;
  mean: number;
  /** Sum of squared deviations from the mean. */
  m2: number;
  min: number;
  max: number;
}

/**
 * Running count, mean, variance, min and max of a stream of numbers, in one pass and constant
 * memory (Welford's update), with an exact merge of two accumulators (Chan et al.'s pairwise
 * formula): merging the accumulators of two halves gives the moments of the whole, up to
 * floating-point rounding.
 */
export class Welford {
  count = 0;
  mean = 0;
  /** Sum of squared deviations from the mean. */
  m2 = 0;
  min = Infinity;
  max = -Infinity;

  /** An accumulator holding *moments*. */
  static from(moments: Moments): Welford {
    const w = new Welford();
    w.count = moments.count;
    w.mean = moments.mean;
    w.m2 = moments.m2;
    w.min = moments.min;
    w.max = moments.max;
    return w;
  }

  /** Add one observation *x*. */
  add(x: number): void {
    this.count++;
    const delta = x - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (x - this.mean);
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** The sample variance (n - 1 denominator); NaN with fewer than two observations. */
  get variance(): number {
    return this.count < 2 ? NaN : this.m2 / (this.count - 1);
  }

  /** The sample standard deviation; NaN with fewer than two observations. */
  get standardDeviation(): number {
    return Math.sqrt(this.variance);
  }

  /** Fold *other*'s observations into this accumulator. */
  merge(other: Welford | Moments): this {
    if (other.count === 0) return this;
    if (this.count === 0) {
      Object.assign(this, { count: other.count, mean: other.mean, m2: other.m2, min: other.min, max: other.max });
      return this;
    }
    const count = this.count + other.count;
    const delta = other.mean - this.mean;
    this.mean += (delta * other.count) / count;
    this.m2 += other.m2 + (delta * delta * this.count * other.count) / count;
    this.count = count;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
    return this;
  }

  /** The moments as plain data. */
  moments(): Moments {
    return { count: this.count, mean: this.mean, m2: this.m2, min: this.min, max: this.max };
  }
}
