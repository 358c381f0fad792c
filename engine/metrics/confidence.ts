import { studentTQuantile } from './student-t.js';

/** A confidence interval for a mean: mean ± halfWidth at *level*. */
export interface ConfidenceInterval {
  n: number;
  mean: number;
  /** NaN when n = 1: one sample says nothing about its spread. */
  halfWidth: number;
  lower: number;
  upper: number;
  level: number;
}

/**
 * The Student t confidence interval at *level* (default 0.95) for the mean of *samples* (e.g. one
 * value per replication): mean ± t(1 - (1 - level) / 2, n - 1) · s / √n. With one sample the
 * half-width, lower and upper are NaN. Raise RangeError if there are no samples or *level* is not
 * in (0, 1).
 */
export function confidenceInterval(samples: readonly number[], level = 0.95): ConfidenceInterval {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}.`);
  // Welford's one-pass mean and sum of squared deviations: no cancellation for large values.
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const x of samples) {
    n++;
    const delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  if (n < 1) throw new RangeError('a confidence interval needs at least one sample.');
  const halfWidth = n < 2 ? NaN : studentTQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(m2 / (n - 1) / n);
  return { n, mean, halfWidth, lower: mean - halfWidth, upper: mean + halfWidth, level };
}
