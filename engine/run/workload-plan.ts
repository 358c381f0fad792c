/**
 * The scenario's workload in the sampling terms of engine/workload: distributions with a `kind`,
 * arrival processes with an hourly rate, weight tables. Done once per run, off the hot path.
 */
import { DAY, HOUR, MINUTE } from '../kernel/index.js';
import type {
  Distribution as ScenarioDistribution,
  Profile,
  Scenario,
  Workload,
} from '../scenario/index.js';
import type {
  ArrivalProcess,
  Distribution,
  WeightedValue,
} from '../workload/index.js';

export function toDistribution(d: ScenarioDistribution): Distribution {
  if ('exponential' in d) return { kind: 'exponential', mean: d.exponential.mean };
  if ('fixed' in d) return { kind: 'fixed', value: d.fixed };
  if ('uniform' in d) return { kind: 'uniform', min: d.uniform.min, max: d.uniform.max };
  if ('lognormal' in d) return { kind: 'lognormal', median: d.lognormal.median, sigma: d.lognormal.sigma };
  return { kind: 'empirical', table: d.empirical.map((row) => ({ value: row.value, weight: row.weight })) };
}

/** Weights in the file's key order, which is what makes a weighted choice reproducible. */
export function toTable(weights: Readonly<Record<string, number>>): WeightedValue<string>[] {
  return Object.entries(weights)
    .filter(([, weight]) => weight > 0)
    .map(([value, weight]) => ({ value, weight }));
}

/** The `businessHours` profile: Monday to Friday 09:00-17:00 at full rate, a tenth of it otherwise. */
const BUSINESS_HOURS: readonly number[] = Array.from({ length: 168 }, (_, h) => {
  const day = Math.floor(h / 24);
  const hour = h % 24;
  return day < 5 && hour >= 9 && hour < 17 ? 1 : 0.1;
});

export function hourOfWeek(profile: Profile): readonly number[] {
  if (profile === 'businessHours') return BUSINESS_HOURS;
  if ('hourOfWeek' in profile) return profile.hourOfWeek;
  return Array.from({ length: 168 }, (_, h) => {
    const day = Math.floor(h / 24);
    const hour = h % 24;
    return (day < 5 ? profile.weekday[hour] : profile.weekend[hour]) ?? 0;
  });
}

/** Where the scenario's start falls in its own week (ms since Monday 00:00, local to its offset). */
export function startWeekOffset(scenario: Scenario): number {
  const local = new Date(scenario.startEpochMs + scenario.startOffsetMinutes * MINUTE);
  const isoWeekday = ((local.getUTCDay() + 6) % 7) + 1;
  return (
    (isoWeekday - 1) * DAY +
    local.getUTCHours() * HOUR +
    local.getUTCMinutes() * MINUTE +
    local.getUTCSeconds() * 1000 +
    local.getUTCMilliseconds()
  );
}

type RatedWorkload = NonNullable<Workload['outbound'] | Workload['inbound'] | Workload['emergency']>;

/**
 * The arrival process of one call kind. A rate per user is multiplied by the number of users in
 * the tenant when the run starts (the population does not change during a run).
 */
export function arrivalProcess(w: RatedWorkload, userCount: number, scenario: Scenario): ArrivalProcess {
  const ratePerHour = 'perHour' in w.rate ? w.rate.perHour : w.rate.perUserPerHour * userCount;
  if (w.profile === undefined) return { kind: 'poisson', ratePerHour };
  return { kind: 'profile', ratePerHour, hourOfWeek: hourOfWeek(w.profile), weekOffset: startWeekOffset(scenario) };
}
