/**
 * The Poisson upper tail, used to bound how often an emergency call finds every callback number
 * of a pool reserved (RA010).
 */

/**
 * P(N >= *count*) for N ~ Poisson(*mean*).
 *
 * A small tail is summed upwards from *count* rather than taken as 1 minus the lower sum, so it
 * keeps its digits instead of cancelling to 0. Terms are built in logs so a large mean does not
 * underflow e^-mean. Raise RangeError if *mean* is negative or not finite, or *count* is not an
 * integer.
 */
export function poissonTailAtLeast(count: number, mean: number): number {
  if (!Number.isFinite(mean) || mean < 0) throw new RangeError(`mean must be a finite number >= 0, got ${mean}.`);
  if (!Number.isInteger(count)) throw new RangeError(`count must be an integer, got ${count}.`);
  if (count <= 0) return 1;
  if (mean === 0) return 0;
  const logMean = Math.log(mean);
  let logTerm = -mean; // log P(N = 0)
  if (count - 1 < mean) {
    // The tail is large: 1 - P(N <= count - 1) loses nothing worth keeping.
    let lower = 0;
    for (let k = 0; k < count; k++) {
      if (k > 0) logTerm += logMean - Math.log(k);
      lower += Math.exp(logTerm);
    }
    return Math.max(0, 1 - lower);
  }
  for (let k = 1; k <= count; k++) logTerm += logMean - Math.log(k);
  let term = Math.exp(logTerm);
  let tail = 0;
  // Past the mode the terms fall at least geometrically (ratio mean / k < 1), so this ends.
  for (let k = count; term > 0 && term >= tail * Number.EPSILON; ) {
    tail += term;
    k++;
    term *= mean / k;
  }
  return Math.min(1, tail);
}
