/**
 * The bounds a scenario's values are held to when the file loads, so that what `validate` accepts
 * `run` can run: every value finite, times within a millisecond clock, and nothing that makes one
 * call or one tenant unbounded in memory. Each bound says why it is where it is; the loader's
 * messages quote the reason, and docs/scenario-format.md ("Limits") lists them.
 */
import { normalQuantile, TAIL_PROBABILITY, upperQuantile, type Distribution as SampledDistribution } from '../workload/index.js';

/**
 * A duration distribution as the file gives it, durations in ms: schema.ts's `Distribution`,
 * written out here because the schema imports these limits.
 */
export type FileDistribution =
  | { exponential: { mean: number } }
  | { fixed: number }
  | { uniform: { min: number; max: number } }
  | { lognormal: { median: number; sigma: number } }
  | { empirical: readonly { value: number; weight: number }[] };

const DAY_MS = 86_400_000;

/**
 * Any duration, the horizon included: 100 years of 365.25 days. Simulated time is integer
 * milliseconds; a century keeps every event time (and a draw added to it) far below 2^53, and the
 * time-zone rules arrival profiles follow are looked up that far (engine/workload/arrivals.ts).
 */
export const MAX_DURATION_MS = 36_525 * DAY_MS;
export const MAX_DURATION_TEXT = '100 years (36525d)';

/** A duration distribution draws more than MAX_DURATION_MS at most this often. */
export const DRAW_TAIL = TAIL_PROBABILITY;

/**
 * Calls of one kind an hour, at the profile's busiest hour (per-user rates times the users): one a
 * millisecond on average, the clock's resolution. Beyond it arrivals pile up on the same instant
 * and the run would go on drawing them without simulated time moving.
 */
export const MAX_CALLS_PER_HOUR = 3_600_000;

/**
 * The smallest positive rate (calls an hour, on average over the profile's week): fewer calls than
 * one in 100,000 years is 0 in all but name, and the arrival walk of a profile that nearly never
 * fires could step past the end of time. Write 0 for no calls.
 */
export const MIN_CALLS_PER_HOUR = 1e-9;

/**
 * `settings.attendant.maxMenuAttempts`. A caller who gives no valid input 100 times in a row (eight
 * minutes of 5-second timeouts at the least) has hung up long before; each attempt is a step the call
 * keeps while it lasts, so a billion of them filled the heap.
 */
export const MAX_MENU_ATTEMPTS = 100;

/**
 * Users in the tenant, declared and generated together. Each is about 2.5 KB in every copy of the
 * tenant (the loaded one, and the one each replication changes: estimate.ts), and building a
 * million through the cmdlets takes about half a minute (25 s for `validate`, measured).
 */
export const MAX_USERS = 1_000_000;

/**
 * Money (a balance, a recharge threshold or amount): at most a billion in the tenant's currency.
 * Money is kept to 6 decimal places in binary floating point, which is exact below about 9e9.
 */
export const MAX_MONEY = 1e9;

/**
 * A per-minute rate, in the tenant's currency: no tariff comes near 10,000 a minute, and below it
 * the charge of the longest call (100 years of minutes) stays a finite number.
 */
export const MAX_RATE_PER_MINUTE = 10_000;

/** A weight (weights are relative): their sum must stay a finite number. */
export const MAX_WEIGHT = 1e12;

/** A duration in words for messages: "3m", "1h30m", "2643d 19h" ... as a scenario writes it. */
export function durationText(ms: number): string {
  if (!Number.isFinite(ms)) return 'more than 10^300 years';
  if (ms > MAX_DURATION_MS * 10) return `${(ms / (365.25 * DAY_MS)).toPrecision(3)} years`;
  const units: [string, number][] = [
    ['d', DAY_MS],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1_000],
  ];
  let rest = Math.floor(ms / 1000) * 1000;
  let text = '';
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) text += `${n}${unit}`;
    rest -= n * size;
  }
  return text === '' ? '0s' : text;
}

/** A scenario distribution in engine/workload's terms (as engine/run's workload plan makes it). */
export function sampledDistribution(d: FileDistribution): SampledDistribution {
  if ('exponential' in d) return { kind: 'exponential', mean: d.exponential.mean };
  if ('fixed' in d) return { kind: 'fixed', value: d.fixed };
  if ('uniform' in d) return { kind: 'uniform', min: d.uniform.min, max: d.uniform.max };
  if ('lognormal' in d) return { kind: 'lognormal', median: d.lognormal.median, sigma: d.lognormal.sigma };
  return { kind: 'empirical', table: d.empirical.map((row) => ({ value: row.value, weight: row.weight })) };
}

export interface DistributionProblem {
  /** Where in the distribution, below its own path: ['lognormal', 'sigma'], ['uniform', 'max'], []. */
  path: (string | number)[];
  code: 'too_big' | 'too_small' | 'custom';
  message: string;
}

/**
 * What keeps a duration distribution from being simulated, or undefined: a uniform whose min is
 * above its max, an empirical table with no positive weight, or a 1-in-a-million draw beyond
 * MAX_DURATION_MS (each value written is already within it; only the exponential's and the
 * lognormal's tails reach further).
 */
export function distributionLimitProblem(d: FileDistribution): DistributionProblem | undefined {
  if ('uniform' in d && d.uniform.min > d.uniform.max) {
    return { path: ['uniform', 'max'], code: 'too_small', message: `expected max >= min (${durationText(d.uniform.min)}); a uniform draw lies between them` };
  }
  if ('empirical' in d && !d.empirical.some((row) => row.weight > 0)) {
    return { path: ['empirical'], code: 'custom', message: 'expected at least one value with a weight above 0; with none there is nothing to draw' };
  }
  const tail = upperQuantile(sampledDistribution(d), DRAW_TAIL);
  if (tail <= MAX_DURATION_MS) return undefined;
  const z = -Math.log(DRAW_TAIL);
  if ('exponential' in d) {
    return {
      path: ['exponential', 'mean'],
      code: 'too_big',
      message: `expected a mean of at most ${durationText(MAX_DURATION_MS / z)}, so that a draw exceeds ${MAX_DURATION_TEXT} less than once in a million; with this mean the 1-in-a-million draw is ${durationText(tail)}`,
    };
  }
  if ('lognormal' in d) {
    const { median } = d.lognormal;
    const sigmaMax = Math.log(MAX_DURATION_MS / median) / normalQuantile(1 - DRAW_TAIL);
    return {
      path: ['lognormal', 'sigma'],
      code: 'too_big',
      message:
        `expected a distribution whose 1-in-a-million draw is at most ${MAX_DURATION_TEXT}; with median ${durationText(median)} and sigma ${d.lognormal.sigma} ` +
        `it is ${durationText(tail)}, beyond what a millisecond clock can simulate: with this median, sigma can be at most ${Math.floor(sigmaMax * 100) / 100}`,
    };
  }
  return undefined;
}
