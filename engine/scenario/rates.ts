/**
 * The workload's rates as calls an hour, per kind of call: on average over the profile's week
 * (what a run's length and cost follow) and at its busiest hour (what the clock and the callback
 * pool must keep up with). For the loader's bounds, `validate`'s RA010 and the cost estimate.
 */
import { MAX_CALLS_PER_HOUR, MIN_CALLS_PER_HOUR } from './limits.js';
import type { Profile, Workload } from './schema.js';
import type { Path } from './source.js';
import type { PendingIssue } from './zod-issues.js';

export type RatedKind = 'outbound' | 'inbound' | 'emergency';

/**
 * The mean and the largest multiplier of a profile over the 168 hours of a week. `businessHours` is
 * Monday to Friday 09:00-17:00 at 1 and 0.1 otherwise (engine/run/workload-plan.ts draws by it).
 */
export function profileMultipliers(profile: Profile | undefined): { mean: number; peak: number } {
  if (profile === undefined) return { mean: 1, peak: 1 };
  if (profile === 'businessHours') return { mean: (5 * 8 * 1 + (168 - 5 * 8) * 0.1) / 168, peak: 1 };
  const hours = 'hourOfWeek' in profile ? profile.hourOfWeek : [0, 1, 2, 3, 4, 5, 6].flatMap((d) => (d < 5 ? profile.weekday : profile.weekend));
  let sum = 0;
  let peak = 0;
  for (const m of hours) {
    sum += m;
    peak = Math.max(peak, m);
  }
  return { mean: sum / 168, peak };
}

export interface KindRate {
  kind: RatedKind;
  /** The rate's place in the file: ['workload', kind, 'rate']. */
  path: Path;
  /** Calls an hour at multiplier 1: `perHour`, or `perUserPerHour` times the users. */
  perHour: number;
  /** Calls an hour on average over the profile's week. */
  mean: number;
  /** Calls an hour at the profile's busiest hour. */
  peak: number;
  /** How the figures were reached, for messages: "perUserPerHour 0.5 × 40 users". */
  written: string;
  meanMultiplier: number;
  peakMultiplier: number;
}

/** The rate of each kind of call the workload has, for a tenant of *users* users. */
export function kindRates(workload: Workload, users: number): KindRate[] {
  const out: KindRate[] = [];
  for (const kind of ['outbound', 'inbound', 'emergency'] as const) {
    const w = workload[kind];
    if (w === undefined) continue;
    const perUser = 'perUserPerHour' in w.rate;
    const perHour = 'perUserPerHour' in w.rate ? w.rate.perUserPerHour * users : w.rate.perHour;
    const written = 'perUserPerHour' in w.rate ? `perUserPerHour ${w.rate.perUserPerHour} × ${users} user${users === 1 ? '' : 's'}` : `perHour ${w.rate.perHour}`;
    const { mean, peak } = profileMultipliers(w.profile);
    out.push({
      kind,
      path: ['workload', kind, 'rate', perUser ? 'perUserPerHour' : 'perHour'],
      perHour,
      // No calls whatever the profile says (0 × a huge multiplier is 0, 0 × an overflowed sum NaN).
      mean: perHour === 0 ? 0 : perHour * mean,
      peak: perHour === 0 ? 0 : perHour * peak,
      written,
      meanMultiplier: mean,
      peakMultiplier: peak,
    });
  }
  return out;
}

function plain(n: number): string {
  return Number.isFinite(n) && Math.abs(n) < 1e15 && Math.abs(n) >= 1e-3 ? String(Math.round(n * 1000) / 1000) : n.toPrecision(3);
}

/**
 * Rates the simulation cannot run: more calls at the busiest hour than the clock can keep apart,
 * or so few (but not none) that the arrivals would be walked past the end of time.
 */
export function rateLimitIssues(workload: Workload, users: number): PendingIssue[] {
  const issues: PendingIssue[] = [];
  for (const r of kindRates(workload, users)) {
    if (r.peak > MAX_CALLS_PER_HOUR) {
      const profile = r.peakMultiplier === 1 ? '' : ` × the profile's largest multiplier ${plain(r.peakMultiplier)}`;
      issues.push({
        code: 'too_big',
        path: r.path,
        expected: `at most ${MAX_CALLS_PER_HOUR.toLocaleString('en-US')} calls an hour at the busiest hour`,
        message:
          `workload.${r.kind}.rate: expected at most ${MAX_CALLS_PER_HOUR.toLocaleString('en-US')} calls an hour at the busiest hour (one a millisecond, the clock's resolution); ` +
          `${r.written}${profile} is ${plain(r.peak)}`,
      });
    } else if (r.mean > 0 && r.mean < MIN_CALLS_PER_HOUR) {
      const profile = r.meanMultiplier === 1 ? '' : ` × the profile's mean multiplier ${plain(r.meanMultiplier)}`;
      issues.push({
        code: 'too_small',
        path: r.path,
        expected: `0, or at least ${MIN_CALLS_PER_HOUR} calls an hour on average`,
        message:
          `workload.${r.kind}.rate: expected 0, or at least ${MIN_CALLS_PER_HOUR} calls an hour on average (about one call in 100,000 years); ` +
          `${r.written}${profile} is ${plain(r.mean)}: write 0 for no calls`,
      });
    }
  }
  return issues;
}
