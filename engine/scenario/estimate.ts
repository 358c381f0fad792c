/**
 * What a run of a scenario will cost, worked out before any of it runs: the expected number of
 * calls, the memory it holds at its peak, and the time it takes. `validate` and `run` warn about a
 * large run and `run` refuses one that cannot fit in memory (unless --force); the progress bar
 * shows for a run expected to take more than a moment.
 *
 * The constants below were measured with the compiled call executor on a 2-core machine
 * (2026-11-29, Node 20); see each for how. They are estimates: the warnings and the refusal are
 * about orders of magnitude, not the last 10%.
 */
import { mean as distributionMean } from '../workload/index.js';
import { sampledDistribution } from './limits.js';
import { kindRates } from './rates.js';
import type { Scenario } from './scenario.js';
import type { Workload } from './schema.js';

export const COST = {
  /**
   * Seconds of one thread per simulated call: `run test/fixtures/statistics/seattle-500.yaml
   * --horizon 365d` simulates 724,000 calls in 3.1 s beyond start-up (4.3 µs a call); 200,000
   * outbound calls an hour for 2 hours, 5.2 µs. Rounded up to 5 µs. The XState reference executor
   * (`run --engine xstate`) takes about 30 µs.
   */
  secondsPerCall: 5e-6,
  secondsPerCallXState: 30e-6,
  /**
   * Seconds per replication besides its calls (the tenant copied, the figures summed): 60,000
   * replications of a 40-user tenant with no workload take 0.23 ms each; 100,000 users add 0.6 s
   * to each replication, 6 µs a user.
   */
  secondsPerReplication: 2.3e-4,
  secondsPerUserReplication: 6e-6,
  /** Node.js, the program and a small tenant: a run of a 40-user scenario peaks at 90-115 MB. */
  baseBytes: 120e6,
  /**
   * One user in one copy of the tenant. A run holds the loaded tenant and the copy a replication
   * changes (one per thread): 300,000 users peak at 1.43 GB in a run of 3 replications, 4.5 KB a
   * user for the two copies and the garbage of building them.
   */
  bytesPerUser: 2_500,
  /**
   * One call in progress: 200,000 outbound calls an hour held for an hour (200,000 at once) peak at
   * 575 MB against 114 MB for the same calls held 1 s, 2.3 KB a call. Rounded up.
   */
  bytesPerConcurrentCall: 2_500,
  /**
   * One figure of one replication, kept until the run ends to compute its interval: 60,000
   * replications of 77 figures take 190 MB more than 20,000, 62 bytes a figure.
   */
  bytesPerFigure: 64,
  /** How long a call holds on besides its conversation: ringing, prompts, the caller's keys (engine/calls/timing.ts). */
  callOverheadMs: 60_000,
} as const;

/** Warn above this many calls in a run ... */
export const WARN_CALLS = 50e6;
/** ... or this much memory. */
export const WARN_BYTES = 4 * 2 ** 30;
/** `run` refuses a run estimated above this without --force: the machine callsim is measured on has 24 GB. */
export const REFUSE_BYTES = 16 * 2 ** 30;

export interface CostOptions {
  /** Replications (default: the scenario's). */
  replications?: number;
  /** Simulated time per replication, ms (default: the scenario's horizon). */
  horizonMs?: number;
  /** Threads running replications side by side (default 1). */
  jobs?: number;
  /** Figures a replication reports (engine/run's metricNames; default 100). */
  figures?: number;
  /** The call executor: `xstate` is the slower reference (default: compiled). */
  engine?: string;
}

export interface CostEstimate {
  replications: number;
  horizonMs: number;
  users: number;
  /** Threads replications run on at once. */
  threads: number;
  /** Expected calls in one replication, warm-up included: arrivals of each kind, and emergency callbacks. */
  callsPerReplication: number;
  /** Expected calls of the whole run. */
  calls: number;
  /**
   * Calls in progress at once in one replication at the busiest hour: Little's law (rate times how
   * long a call holds on; no more than arrive in the horizon), plus four standard deviations.
   */
  concurrentCalls: number;
  /** Peak memory, bytes. */
  memoryBytes: number;
  /** Time on one thread, seconds. */
  seconds: number;
  /** Wall time with `threads` threads, seconds. */
  wallSeconds: number;
}

/** Mean of a duration distribution in ms, or 0 for a kind the workload leaves out. */
function meanMs(d: Parameters<typeof sampledDistribution>[0] | undefined): number {
  return d === undefined ? 0 : distributionMean(sampledDistribution(d));
}

/** How long one call of each kind holds on, ms: conversation plus ringing and prompts. */
function holdMs(workload: Workload): Record<'outbound' | 'inbound' | 'emergency', number> {
  const overhead = COST.callOverheadMs;
  const emergency = workload.emergency;
  return {
    outbound: meanMs(workload.outbound?.duration) + overhead,
    inbound: meanMs(workload.inbound?.duration) + overhead,
    // An emergency call, then (sometimes) a callback waiting for its delay and then ringing.
    emergency:
      meanMs(emergency?.duration) +
      overhead +
      (emergency === undefined ? 0 : emergency.callback.probability * (meanMs(emergency.callback.delay) + meanMs(emergency.duration) + overhead)),
  };
}

/**
 * The cost of running *scenario* with a tenant of *users* users. Expected calls are closed form:
 * for each kind, calls an hour (per-user rates times the users) times the profile's mean
 * multiplier times the horizon in hours, plus an emergency call's chance of a callback; times the
 * replications.
 */
export function estimateCost(scenario: Pick<Scenario, 'workload' | 'horizon' | 'replications'>, users: number, options: CostOptions = {}): CostEstimate {
  const replications = options.replications ?? scenario.replications;
  const horizonMs = options.horizonMs ?? scenario.horizon;
  const threads = Math.max(1, Math.min(options.jobs ?? 1, replications));
  const hours = horizonMs / 3_600_000;
  const hold = holdMs(scenario.workload);
  let callsPerReplication = 0;
  let concurrent = 0;
  for (const r of kindRates(scenario.workload, users)) {
    const callbacks = r.kind === 'emergency' ? (scenario.workload.emergency?.callback.probability ?? 0) : 0;
    callsPerReplication += r.mean * hours * (1 + callbacks);
    // No more at once than arrive in the whole horizon, however long each holds on.
    concurrent += Math.min((r.peak * hold[r.kind]) / 3_600_000, r.peak * hours * (1 + callbacks));
  }
  const concurrentCalls = concurrent + 4 * Math.sqrt(concurrent);
  const calls = callsPerReplication * replications;
  const memoryBytes =
    COST.baseBytes +
    users * COST.bytesPerUser * (1 + threads) +
    concurrentCalls * COST.bytesPerConcurrentCall * threads +
    replications * (options.figures ?? 100) * COST.bytesPerFigure;
  const perCall = options.engine === 'xstate' ? COST.secondsPerCallXState : COST.secondsPerCall;
  const seconds = calls * perCall + replications * (COST.secondsPerReplication + users * COST.secondsPerUserReplication);
  return { replications, horizonMs, users, threads, callsPerReplication, calls, concurrentCalls, memoryBytes, seconds, wallSeconds: seconds / threads };
}

/** Two significant digits, without an exponent: 3.4, 46, 530, 12,000. */
function twoDigits(x: number): string {
  return Number(x.toPrecision(2)).toLocaleString('en-US');
}

/** A count in words: "950", "12,400", "3.4 million", "530 million", "1.2 billion". */
export function countText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n >= 1e12) return `${twoDigits(n / 1e12)} trillion`;
  if (n >= 1e9) return `${twoDigits(n / 1e9)} billion`;
  if (n >= 1e6) return `${twoDigits(n / 1e6)} million`;
  return Math.round(n).toLocaleString('en-US');
}

/** Bytes in words: "310 MB", "4 GB", "5.2 GB" (powers of 1024). */
export function bytesText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n >= 2 ** 40) return `${twoDigits(n / 2 ** 40)} TB`;
  if (n >= 2 ** 30) return `${twoDigits(n / 2 ** 30)} GB`;
  return `${Math.max(1, Math.round(n / 2 ** 20))} MB`;
}

/** Seconds in words: "40 s", "12 min", "3.5 hours", "9 days". */
export function secondsText(s: number): string {
  if (!Number.isFinite(s)) return String(s);
  if (s < 90) return `${Math.max(1, Math.round(s))} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) return `${twoDigits(s / 3600)} hours`;
  if (s < 1000 * 86400) return `${Math.round(s / 86400)} days`;
  return `${twoDigits(s / (365.25 * 86400))} years`;
}

/** The estimate in one sentence: "about 3.4 million calls (5 replications), 310 MB, 17 s". */
export function describeEstimate(e: CostEstimate): string {
  const reps = `${countText(e.replications)} replication${e.replications === 1 ? '' : 's'}`;
  const threads = e.threads > 1 ? ` on ${e.threads} threads` : '';
  return (
    `about ${countText(e.calls)} calls (${countText(e.callsPerReplication)} in each of ${reps}), ` +
    `${bytesText(e.memoryBytes)} of memory at the peak (${countText(e.users)} users, ${countText(e.concurrentCalls)} calls at once), ` +
    `and ${secondsText(e.wallSeconds)}${threads}`
  );
}

/** Whether a run this size deserves a warning: over WARN_CALLS calls or WARN_BYTES of memory. */
export function isLarge(e: CostEstimate): boolean {
  return e.calls > WARN_CALLS || e.memoryBytes > WARN_BYTES;
}

/** Whether `run` refuses it without --force: more memory than REFUSE_BYTES. */
export function cannotFit(e: CostEstimate): boolean {
  return e.memoryBytes > REFUSE_BYTES;
}

/** The warning `validate` and `run` print for a large run, or undefined for one that is not. */
export function costWarning(e: CostEstimate): string | undefined {
  if (!isLarge(e)) return undefined;
  const why = [
    ...(e.calls > WARN_CALLS ? [`more than ${countText(WARN_CALLS)} calls`] : []),
    ...(e.memoryBytes > WARN_BYTES ? [`more than ${bytesText(WARN_BYTES)} of memory`] : []),
  ].join(' and ');
  const refused = cannotFit(e) ? `; callsim run refuses more than ${bytesText(REFUSE_BYTES)} of memory unless given --force` : '';
  return `a large run (${why}): ${describeEstimate(e)}. Fewer replications, a shorter horizon or lower rates make it smaller${refused}.`;
}
