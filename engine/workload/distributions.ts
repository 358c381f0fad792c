import type { RandomStream } from '../kernel/index.js';

/**
 * A distribution of durations (or any positive quantity), as the scenario describes it. Values
 * are in the unit of its parameters (milliseconds for durations).
 */
export type Distribution =
  | { kind: 'exponential'; mean: number }
  | { kind: 'fixed'; value: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'lognormal'; median: number; sigma: number }
  | { kind: 'empirical'; table: readonly WeightedValue<number>[] };

/** One row of a weighted table: *value* is chosen with probability weight / total weight. */
export interface WeightedValue<T> {
  value: T;
  weight: number;
}

// Every sampler draws exactly one number from its stream, so streams stay aligned across what-if
// variants that change a distribution's kind or parameters (common random numbers).

/** An exponential draw with mean *mean*, by inversion. */
export function exponential(mean: number, stream: RandomStream): number {
  // 1 - u is in (0, 1], so the logarithm is finite.
  return -mean * Math.log(1 - stream.next());
}

/** A uniform draw in [*min*, *max*). */
export function uniform(min: number, max: number, stream: RandomStream): number {
  return min + (max - min) * stream.next();
}

/** A lognormal draw with median *median* and log-scale standard deviation *sigma*, by inversion. */
export function lognormal(median: number, sigma: number, stream: RandomStream): number {
  return median * Math.exp(sigma * normalQuantile(stream.next()));
}

/** True with probability *p*. */
export function bernoulli(p: number, stream: RandomStream): boolean {
  return stream.next() < p;
}

/**
 * A value of *table* chosen with probability proportional to its weight. Rows of weight 0 are
 * never chosen. Raise RangeError if the table has no positive weight.
 */
export function weightedChoice<T>(table: readonly WeightedValue<T>[], stream: RandomStream): T {
  let total = 0;
  for (const row of table) total += row.weight;
  if (!(total > 0)) throw new RangeError('a weighted table needs at least one positive weight.');
  let u = stream.next() * total;
  let chosen: T | undefined;
  for (const row of table) {
    if (row.weight <= 0) continue;
    chosen = row.value;
    if (u < row.weight) break;
    u -= row.weight;
  }
  // Rounding may carry u past the last row: the last positive row is then the right answer.
  return chosen as T;
}

/**
 * The largest value `sample` returns: 2^50, about 35,700 years in milliseconds. A draw added to a
 * simulated time (100 years at most, engine/scenario's limit) so stays an integer number of
 * milliseconds (below 2^53). Only a lognormal's farthest tail reaches it: the loader refuses a
 * distribution whose 1-in-a-million draw (`upperQuantile(d, TAIL_PROBABILITY)`) is over 100 years,
 * but a lognormal with a small median and a large sigma can still draw, once in billions, a value
 * past the clock's range; it gets this value, which is past any horizon all the same.
 */
export const MAX_SAMPLE = 2 ** 50;

/** A draw from *distribution*, at most MAX_SAMPLE. */
export function sample(distribution: Distribution, stream: RandomStream): number {
  switch (distribution.kind) {
    case 'exponential':
      return Math.min(exponential(distribution.mean, stream), MAX_SAMPLE);
    case 'fixed':
      // Drawn and discarded, so that streams stay aligned whatever the kind.
      stream.next();
      return Math.min(distribution.value, MAX_SAMPLE);
    case 'uniform':
      return Math.min(uniform(distribution.min, distribution.max, stream), MAX_SAMPLE);
    case 'lognormal':
      return Math.min(lognormal(distribution.median, distribution.sigma, stream), MAX_SAMPLE);
    case 'empirical':
      return Math.min(weightedChoice(distribution.table, stream), MAX_SAMPLE);
  }
}

/** The tail probability the loader bounds distributions by: one draw in a million. */
export const TAIL_PROBABILITY = 1e-6;

/**
 * The value a draw of *distribution* exceeds with probability *p* (0 < p < 1): its upper
 * p-quantile, in closed form. For an empirical table, the smallest value with at most *p* of the
 * weight above it. Used to bound what a distribution can draw before a run (TAIL_PROBABILITY).
 */
export function upperQuantile(distribution: Distribution, p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}.`);
  switch (distribution.kind) {
    case 'exponential':
      return -distribution.mean * Math.log(p);
    case 'fixed':
      return distribution.value;
    case 'uniform':
      return distribution.max - (distribution.max - distribution.min) * p;
    case 'lognormal':
      return distribution.median * Math.exp(distribution.sigma * normalQuantile(1 - p));
    case 'empirical': {
      const rows = distribution.table.filter((row) => row.weight > 0).sort((a, b) => b.value - a.value);
      let total = 0;
      for (const row of rows) total += row.weight;
      let above = 0;
      for (const row of rows) {
        above += row.weight;
        if (above / total > p) return row.value;
      }
      return rows[rows.length - 1]?.value ?? 0;
    }
  }
}

/** The mean of *distribution*, in closed form. */
export function mean(distribution: Distribution): number {
  switch (distribution.kind) {
    case 'exponential':
      return distribution.mean;
    case 'fixed':
      return distribution.value;
    case 'uniform':
      return (distribution.min + distribution.max) / 2;
    case 'lognormal':
      return distribution.median * Math.exp((distribution.sigma * distribution.sigma) / 2);
    case 'empirical': {
      const { total, sum } = tableMoments(distribution.table);
      return sum / total;
    }
  }
}

/** The variance of *distribution*, in closed form. */
export function variance(distribution: Distribution): number {
  switch (distribution.kind) {
    case 'exponential':
      return distribution.mean * distribution.mean;
    case 'fixed':
      return 0;
    case 'uniform':
      return (distribution.max - distribution.min) ** 2 / 12;
    case 'lognormal': {
      const s2 = distribution.sigma * distribution.sigma;
      return (Math.exp(s2) - 1) * distribution.median ** 2 * Math.exp(s2);
    }
    case 'empirical': {
      const { total, sum, sumOfSquares } = tableMoments(distribution.table);
      const m = sum / total;
      return sumOfSquares / total - m * m;
    }
  }
}

function tableMoments(table: readonly WeightedValue<number>[]): { total: number; sum: number; sumOfSquares: number } {
  let total = 0;
  let sum = 0;
  let sumOfSquares = 0;
  for (const { value, weight } of table) {
    total += weight;
    sum += weight * value;
    sumOfSquares += weight * value * value;
  }
  return { total, sum, sumOfSquares };
}

/**
 * What is wrong with *distribution*'s parameters, or undefined if nothing: for a validator, since
 * `sample` does not check (it is on the hot path).
 */
export function distributionProblem(distribution: Distribution): string | undefined {
  const finite = (x: number): boolean => Number.isFinite(x);
  switch (distribution.kind) {
    case 'exponential':
      return finite(distribution.mean) && distribution.mean > 0 ? undefined : 'exponential mean must be a finite number > 0';
    case 'fixed':
      return finite(distribution.value) && distribution.value >= 0 ? undefined : 'fixed value must be a finite number >= 0';
    case 'uniform':
      return finite(distribution.min) && finite(distribution.max) && distribution.min >= 0 && distribution.min <= distribution.max
        ? undefined
        : 'uniform needs finite 0 <= min <= max';
    case 'lognormal':
      return finite(distribution.median) && distribution.median > 0 && finite(distribution.sigma) && distribution.sigma >= 0
        ? undefined
        : 'lognormal needs a finite median > 0 and a finite sigma >= 0';
    case 'empirical': {
      if (distribution.table.some((row) => !finite(row.value) || !finite(row.weight) || row.weight < 0)) {
        return 'empirical values and weights must be finite, weights >= 0';
      }
      return distribution.table.some((row) => row.weight > 0) ? undefined : 'empirical table needs at least one positive weight';
    }
  }
}

// Acklam's rational approximation of the normal quantile (relative error < 1.2e-9): one uniform
// draw per normal, unlike Box-Muller's two.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function poly(coefficients: readonly number[], x: number): number {
  let result = 0;
  for (const c of coefficients) result = result * x + c;
  return result;
}

/**
 * The standard normal quantile: z with P(Z <= z) = *p*. Returns -Infinity at 0 and Infinity at 1.
 * Raise RangeError if *p* is outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}.`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(C, q) / (poly(D, q) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(C, q) / (poly(D, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(A, r) * q) / (poly(B, r) * r + 1);
}
