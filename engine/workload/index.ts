/** What other parts may import from engine/workload: arrival processes and distributions. */
export { createArrivals, utcOffsetMs, weekOffset } from './arrivals.js';
export type { ArrivalProcess, Arrivals, LocalClock } from './arrivals.js';
export {
  bernoulli,
  distributionProblem,
  exponential,
  lognormal,
  MAX_SAMPLE,
  mean,
  normalQuantile,
  sample,
  TAIL_PROBABILITY,
  uniform,
  upperQuantile,
  variance,
  weightedChoice,
} from './distributions.js';
export type { Distribution, WeightedValue } from './distributions.js';
export { oldestReuseMisroutedShare, oldestReuseNoFreeShare, oldestReuseSizeFor } from './pool-closed-form.js';
