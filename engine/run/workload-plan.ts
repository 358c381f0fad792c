/**
 * The scenario's workload in the sampling terms of engine/workload: distributions with a `kind`,
 * arrival processes with an hourly rate, weight tables. Done once per run, off the hot path.
 */
import { DAY, HOUR, MINUTE } from '../kernel/index.js';
import {
  sampledDistribution,
  type Distribution as ScenarioDistribution,
  type Profile,
  type Scenario,
  type Workload,
} from '../scenario/index.js';
import {
  utcOffsetMs,
  type ArrivalProcess,
  type Distribution,
  type WeightedValue,
} from '../workload/index.js';

/** A scenario distribution in engine/workload's terms: the loader's own translation, which bounds it. */
export function toDistribution(d: ScenarioDistribution): Distribution {
  return sampledDistribution(d);
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

/**
 * Where the scenario's start falls in its local week (ms since Monday 00:00): local to the
 * scenario's time zone, or with none, to the offset `start` is written in.
 */
export function startWeekOffset(scenario: Scenario): number {
  const offsetMs =
    scenario.timeZone === null ? scenario.startOffsetMinutes * MINUTE : utcOffsetMs(scenario.timeZone, scenario.startEpochMs);
  const local = new Date(scenario.startEpochMs + offsetMs);
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
 *
 * A profile's hours are local hours of the scenario's time zone (Scenario.timeZone), so that
 * they stay in step with the auto attendants' business hours across daylight saving changes.
 * The process gets the zone itself rather than a list of offset changes: engine/workload finds
 * the changes lazily, as far as its draws reach, because the run's horizon may be overridden
 * (ReplicationOptions.horizonMs) and the last draw looks past it.
 */
export function arrivalProcess(w: RatedWorkload, userCount: number, scenario: Scenario): ArrivalProcess {
  const ratePerHour = 'perHour' in w.rate ? w.rate.perHour : w.rate.perUserPerHour * userCount;
  if (w.profile === undefined) return { kind: 'poisson', ratePerHour };
  const process: ArrivalProcess = { kind: 'profile', ratePerHour, hourOfWeek: hourOfWeek(w.profile), weekOffset: startWeekOffset(scenario) };
  return scenario.timeZone === null ? process : { ...process, clock: { timeZone: scenario.timeZone, epochMs: scenario.startEpochMs } };
}
