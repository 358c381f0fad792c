/**
 * Which call flow of an auto attendant is in effect at an instant (INB002, INB003, INB004):
 * holiday beats after hours beats business hours, all in the attendant's own time zone.
 *
 * Local wall time comes from the platform's `Intl.DateTimeFormat`, so daylight saving follows
 * the IANA database Node ships with. Wall times are handled as "local milliseconds": the local
 * date and time read as if it were UTC, so that local ranges compare as plain numbers.
 */
import { WEEKDAYS, type AutoAttendant, type CallFlow, type TimeRange, type Weekday } from '../tenant/index.js';
import { utcOffsetMs } from '../workload/index.js';

export type CallFlowKind = 'holiday' | 'afterHours' | 'businessHours';

export interface ActiveCallFlow {
  kind: CallFlowKind;
  flow: CallFlow;
  /** Name of the holiday, when `kind` is `holiday`. */
  holidayName?: string;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** `Date.getUTCDay()` order: 0 is Sunday. */
const WEEKDAY_BY_UTC_DAY: readonly Weekday[] = [WEEKDAYS[6] as Weekday, ...WEEKDAYS.slice(0, 6)];

/** The wall-clock time in *timeZone* at *utcMs*, read from Intl (the slow, exact way). */
function wallClock(timeZone: string, utcMs: number): number {
  return utcMs + utcOffsetMs(timeZone, utcMs);
}

const MS_PER_HOUR = 3_600_000;
/** Bound on remembered hours per zone (about half a year); the memo is cleared when full. */
const MAX_REMEMBERED_HOURS = 4096;
/** Per zone: UTC hour number -> offset (local minus UTC) that holds through that whole hour. */
const hourOffsets = new Map<string, Map<number, number>>();

/**
 * The wall-clock time in *timeZone* at UTC instant *utcMs*, as local milliseconds.
 *
 * NOTE: formatToParts costs microseconds, so the offset of each UTC hour is remembered when it
 * is the same at the hour's first and last millisecond (zones never change offset twice within
 * an hour). An hour that contains a change is computed exactly every time.
 */
export function localMs(timeZone: string, utcMs: number): number {
  const hour = Math.floor(utcMs / MS_PER_HOUR);
  let offsets = hourOffsets.get(timeZone);
  if (offsets === undefined) {
    utcOffsetMs(timeZone, 0); // refuse an unknown zone before remembering anything for it
    offsets = new Map();
    hourOffsets.set(timeZone, offsets);
  }
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const first = hour * MS_PER_HOUR;
    const last = first + MS_PER_HOUR - 1;
    const atFirst = wallClock(timeZone, first) - first;
    if (wallClock(timeZone, last) - last !== atFirst) return wallClock(timeZone, utcMs);
    if (offsets.size >= MAX_REMEMBERED_HOURS) offsets.clear();
    offsets.set(hour, atFirst);
    offset = atFirst;
  }
  return utcMs + offset;
}

/** "HH:MM" as minutes after midnight; "24:00" is the end of the day. */
function parseTimeOfDay(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (match === null || minutes > 59 || hours * 60 + minutes > 1440) {
    throw new RangeError(`"${text}" is not a time of day: "HH:MM" from 00:00 to 24:00 is expected.`);
  }
  return hours * 60 + minutes;
}

/** "YYYY-MM-DDTHH:MM" local as local milliseconds. */
function parseLocalDateTime(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text.trim());
  if (match === null) {
    throw new RangeError(`"${text}" is not a local date and time: "YYYY-MM-DDTHH:MM" is expected.`);
  }
  const [, y, mo, d, h, mi] = match.map(Number);
  return Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0);
}

interface LocalRange {
  start: number;
  end: number;
}

/** An attendant's schedule with every text parsed once, in local milliseconds. */
interface CompiledSchedule {
  /** Business-hour ranges per weekday (minutes after midnight); null is 24/7. */
  weekly: Map<Weekday, LocalRange[]> | null;
  holidays: { name: string; flow: CallFlow; ranges: LocalRange[] }[];
  timeZone: string;
  defaultFlow: CallFlow;
  afterHoursFlow: CallFlow | null;
}

function compile(aa: AutoAttendant): CompiledSchedule {
  let weekly: Map<Weekday, LocalRange[]> | null = null;
  if (aa.businessHours !== null) {
    weekly = new Map();
    for (const [day, ranges] of Object.entries(aa.businessHours) as [Weekday, TimeRange[] | undefined][]) {
      weekly.set(
        day,
        (ranges ?? []).map((r) => ({ start: parseTimeOfDay(r.start), end: parseTimeOfDay(r.end) })),
      );
    }
  }
  const holidays = aa.holidays.map((h) => ({
    name: h.name,
    flow: h.callFlow,
    ranges: h.ranges.map((r) => ({ start: parseLocalDateTime(r.start), end: parseLocalDateTime(r.end) })),
  }));
  return {
    weekly,
    holidays,
    timeZone: aa.timeZone,
    defaultFlow: aa.defaultCallFlow,
    afterHoursFlow: aa.afterHoursCallFlow,
  };
}

/** The call flow in effect at local time *local* (holiday > after hours > business hours). */
function flowAtLocal(schedule: CompiledSchedule, local: number): ActiveCallFlow {
  for (const holiday of schedule.holidays) {
    if (holiday.ranges.some((r) => local >= r.start && local < r.end)) {
      return { kind: 'holiday', flow: holiday.flow, holidayName: holiday.name };
    }
  }
  // With no after-hours flow, the default flow runs around the clock; with the 24/7 default
  // business hours, an after-hours flow never runs (AA004).
  if (schedule.afterHoursFlow !== null && schedule.weekly !== null) {
    const dayStart = Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
    const minute = (local - dayStart) / MS_PER_MINUTE;
    const day = WEEKDAY_BY_UTC_DAY[new Date(dayStart).getUTCDay()] ?? 'Sunday';
    const ranges = schedule.weekly.get(day) ?? [];
    if (!ranges.some((r) => minute >= r.start && minute < r.end)) {
      return { kind: 'afterHours', flow: schedule.afterHoursFlow };
    }
  }
  return { kind: 'businessHours', flow: schedule.defaultFlow };
}

/**
 * One attendant's schedule with its texts parsed once, for the hot path of a run. Build a new
 * one when a timeline cmdlet changes the attendant. Raise RangeError (on construction) if a
 * time or date text is malformed.
 */
export class AttendantSchedule {
  readonly autoAttendant: AutoAttendant;
  private readonly compiled: CompiledSchedule;

  constructor(aa: AutoAttendant) {
    this.autoAttendant = aa;
    this.compiled = compile(aa);
  }

  /** The call flow in effect at *instant* (a Date or UTC epoch milliseconds). */
  activeCallFlow(instant: Date | number): ActiveCallFlow {
    const utc = typeof instant === 'number' ? instant : instant.getTime();
    return flowAtLocal(this.compiled, localMs(this.compiled.timeZone, utc));
  }

  /** See `callFlowTimes`. */
  callFlowTimes(fromMs: number, toMs: number): CallFlowTimes {
    return flowTimes(this.compiled, fromMs, toMs);
  }
}

/** The call flow of *aa* in effect at *instant* (a Date or UTC epoch milliseconds). */
export function activeCallFlow(aa: AutoAttendant, instant: Date | number): ActiveCallFlow {
  return new AttendantSchedule(aa).activeCallFlow(instant);
}

/** Time spent in each kind of call flow, in milliseconds. */
export type CallFlowTimes = Record<CallFlowKind, number>;

/**
 * Offset (local minus UTC) changes of *timeZone* in [fromMs, toMs), found by sampling every
 * 6 hours and bisecting to the millisecond. Zones change offset at most twice a year, far
 * more than 6 hours apart, so no change is missed.
 */
function offsetChanges(timeZone: string, fromMs: number, toMs: number): number[] {
  const STEP = 6 * 3_600_000;
  const offset = (t: number): number => localMs(timeZone, t) - t;
  const changes: number[] = [];
  let a = fromMs;
  let offsetA = offset(a);
  while (a < toMs) {
    const b = Math.min(a + STEP, toMs);
    const offsetB = offset(b);
    if (offsetB !== offsetA) {
      let lo = a;
      let hi = b;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offset(mid) === offsetA) lo = mid;
        else hi = mid;
      }
      changes.push(hi);
    }
    a = b;
    offsetA = offsetB;
  }
  return changes;
}

/**
 * Exact time *aa* spends in each call flow over [fromMs, toMs) (UTC epoch milliseconds), found
 * by walking the transitions: daylight-saving changes, local midnights, business-hour range
 * ends and holiday range ends. Between two transitions the flow cannot change, so each piece
 * is classified once. Raise RangeError if *toMs* < *fromMs*.
 */
export function callFlowTimes(aa: AutoAttendant, fromMs: number, toMs: number): CallFlowTimes {
  return flowTimes(compile(aa), fromMs, toMs);
}

function flowTimes(schedule: CompiledSchedule, fromMs: number, toMs: number): CallFlowTimes {
  if (!(toMs >= fromMs)) throw new RangeError('"toMs" must be >= "fromMs".');
  const times: CallFlowTimes = { holiday: 0, afterHours: 0, businessHours: 0 };
  const cuts = [fromMs, ...offsetChanges(schedule.timeZone, fromMs, toMs), toMs];
  for (let s = 0; s + 1 < cuts.length; s++) {
    const utcStart = cuts[s] ?? 0;
    const utcEnd = cuts[s + 1] ?? 0;
    if (utcEnd <= utcStart) continue;
    // Within one offset segment local time runs in step with UTC.
    const offset = localMs(schedule.timeZone, utcStart) - utcStart;
    const localStart = utcStart + offset;
    const localEnd = utcEnd + offset;
    const points = new Set<number>([localStart, localEnd]);
    const firstDay = Math.floor(localStart / MS_PER_DAY) * MS_PER_DAY;
    for (let day = firstDay; day < localEnd; day += MS_PER_DAY) {
      points.add(day);
      const weekday = WEEKDAY_BY_UTC_DAY[new Date(day).getUTCDay()] ?? 'Sunday';
      for (const r of schedule.weekly?.get(weekday) ?? []) {
        points.add(day + r.start * MS_PER_MINUTE);
        points.add(day + r.end * MS_PER_MINUTE);
      }
    }
    for (const h of schedule.holidays) {
      for (const r of h.ranges) {
        points.add(r.start);
        points.add(r.end);
      }
    }
    const sorted = [...points].filter((p) => p >= localStart && p <= localEnd).sort((x, y) => x - y);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const left = sorted[i] ?? 0;
      const right = sorted[i + 1] ?? 0;
      times[flowAtLocal(schedule, left).kind] += right - left;
    }
  }
  return times;
}

/**
 * The exact share of [fromMs, toMs) in which *aa*'s business-hours flow is in effect: what a
 * share of simulated inbound calls with INB004 should approach under uniform arrivals.
 * Raise RangeError if the interval is empty or reversed.
 */
export function businessHoursShare(aa: AutoAttendant, fromMs: number, toMs: number): number {
  if (!(toMs > fromMs)) throw new RangeError('"toMs" must be > "fromMs".');
  return callFlowTimes(aa, fromMs, toMs).businessHours / (toMs - fromMs);
}
