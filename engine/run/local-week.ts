/**
 * Where a simulated time falls in the scenario's local week, for the report's inbound calls by
 * hour of week: the scenario's time zone (daylight saving included), or with none the fixed
 * offset its `start` is written in, as workload profiles read their hours (workload-plan.ts).
 */
import { DAY, HOUR, MINUTE } from '../kernel/index.js';
import { localMs } from '../runtime/index.js';
import type { Scenario } from '../scenario/index.js';

/** 1970-01-01, day 0 of epoch days, was a Thursday: 3 days after a Monday. */
const EPOCH_WEEKDAY_FROM_MONDAY = 3;

/** simulated ms -> local hour of the week, 0 (Monday 00:00-01:00) to 167 (Sunday 23:00-24:00). */
export function hourOfWeekClock(scenario: Pick<Scenario, 'startEpochMs' | 'startOffsetMinutes' | 'timeZone'>): (simMs: number) => number {
  const { startEpochMs, timeZone } = scenario;
  const fixedOffset = scenario.startOffsetMinutes * MINUTE;
  return (simMs) => {
    const utc = startEpochMs + simMs;
    const local = timeZone === null ? utc + fixedOffset : localMs(timeZone, utc);
    const day = Math.floor(local / DAY);
    const weekday = (((day + EPOCH_WEEKDAY_FROM_MONDAY) % 7) + 7) % 7;
    return weekday * 24 + Math.floor((local - day * DAY) / HOUR);
  };
}
