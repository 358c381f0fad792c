/**
 * A loaded scenario: frozen plain data, everything but the tenant (which the loader returns beside
 * it, built by the cmdlets, for each run to copy). Durations are milliseconds from `start`.
 */
import type { Expectation, Settings, Workload } from './schema.js';
import type { TimelineEntry } from './timeline.js';

export interface Scenario {
  /** The file it came from, as given to the loader. */
  file: string;
  version: 1;
  name: string;
  /** What the scenario shows. */
  description: string;
  seed: number;
  /** ISO date-time with offset, as written. */
  start: string;
  /** `start` as epoch milliseconds. */
  startEpochMs: number;
  /** Offset of `start` from UTC in minutes, as written (profiles use it when `timeZone` is null). */
  startOffsetMinutes: number;
  /**
   * The IANA time zone whose local time workload profiles follow, daylight saving included: the
   * file's `timeZone`, else the first auto attendant's (tenant.autoAttendants in file order).
   * null when there is neither: profiles then keep the fixed offset `startOffsetMinutes`.
   */
  timeZone: string | null;
  horizon: number;
  warmup: number;
  replications: number;
  workload: Workload;
  settings: Settings;
  /** In time order (ties in file order). */
  timeline: TimelineEntry[];
  expect: Expectation[];
}

export function deepFreeze<T>(value: T): Readonly<T> {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Offset in minutes of an ISO date-time ending in Z or ±HH:MM. */
export function offsetMinutes(iso: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (m === null) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}
