import { describe, expect, it } from 'vitest';
import {
  AttendantSchedule,
  activeCallFlow,
  businessHoursShare,
  callFlowTimes,
  localMs,
} from '../../engine/runtime/attendant-schedule.js';
import type { AutoAttendant } from '../../engine/tenant/model.js';
import { flow, makeAttendant } from './fixtures.js';

const HOUR = 3_600_000;
const utc = (iso: string): number => Date.parse(iso);
const kindAt = (aa: AutoAttendant, iso: string): string => activeCallFlow(aa, utc(iso)).kind;

/** Kinds at each minute of [from, to), summed as times: a slow check of callFlowTimes. */
function sampledTimes(aa: AutoAttendant, from: number, to: number): Record<string, number> {
  const times: Record<string, number> = { holiday: 0, afterHours: 0, businessHours: 0 };
  for (let t = from; t < to; t += 60_000) {
    const kind = activeCallFlow(aa, t).kind;
    times[kind] = (times[kind] ?? 0) + 60_000;
  }
  return times;
}

describe('business hours and after hours', () => {
  const seattle = makeAttendant('seattle', 'America/Los_Angeles');

  it('runs the business-hours flow from 09:00 local', () => {
    expect(kindAt(seattle, '2026-06-15T16:00:00Z')).toBe('businessHours'); // Monday 09:00 PDT
  });

  it('runs the after-hours flow at 17:00 exactly when the range ends at 17:00', () => {
    expect(kindAt(seattle, '2026-06-16T00:00:00Z')).toBe('afterHours'); // Monday 17:00 PDT
  });

  it('runs the business-hours flow one millisecond before 17:00', () => {
    expect(activeCallFlow(seattle, utc('2026-06-16T00:00:00Z') - 1).kind).toBe('businessHours');
  });

  it('runs the after-hours flow on a day without ranges', () => {
    expect(kindAt(seattle, '2026-06-14T19:00:00Z')).toBe('afterHours'); // Sunday 12:00 PDT
  });

  it('accepts a Date as the instant', () => {
    expect(activeCallFlow(seattle, new Date('2026-06-15T16:00:00Z')).flow.name).toBe('business');
  });

  it('treats "24:00" as the end of the day', () => {
    const aa = makeAttendant('weekend', 'UTC', { businessHours: { Saturday: [{ start: '00:00', end: '24:00' }] } });
    expect([kindAt(aa, '2026-06-13T23:59:59Z'), kindAt(aa, '2026-06-14T00:00:00Z')]).toEqual([
      'businessHours',
      'afterHours',
    ]);
  });

  it('never runs the after-hours flow with the 24/7 default business hours', () => {
    const aa = makeAttendant('always', 'America/Los_Angeles', { businessHours: null });
    expect(kindAt(aa, '2026-06-14T10:00:00Z')).toBe('businessHours'); // Sunday 03:00 PDT
  });

  it('runs the default flow around the clock without an after-hours flow', () => {
    const aa = makeAttendant('no-after', 'America/Los_Angeles', { afterHoursCallFlow: null });
    expect(kindAt(aa, '2026-06-14T10:00:00Z')).toBe('businessHours');
  });

  it('refuses an unknown time zone with a sentence', () => {
    const aa = makeAttendant('mars', 'Mars/Olympus_Mons');
    expect(() => activeCallFlow(aa, 0)).toThrow(
      'Unknown time zone "Mars/Olympus_Mons": an IANA name such as America/Los_Angeles is expected.',
    );
  });
});

describe('daylight saving time in America/Los_Angeles', () => {
  const seattle = makeAttendant('seattle', 'America/Los_Angeles');

  it('opens at 17:00 UTC before the spring change and at 16:00 UTC after it', () => {
    // Friday 2026-03-06 is PST (UTC-8), Monday 2026-03-09 is PDT (UTC-7).
    expect([kindAt(seattle, '2026-03-06T16:30:00Z'), kindAt(seattle, '2026-03-09T16:30:00Z')]).toEqual([
      'afterHours',
      'businessHours',
    ]);
  });

  it('skips the missing hour on 2026-03-08', () => {
    const aa = makeAttendant('early', 'America/Los_Angeles', { businessHours: { Sunday: [{ start: '00:00', end: '03:00' }] } });
    // 09:59:59Z is 01:59:59 PST; one second later it is 03:00:00 PDT.
    expect([kindAt(aa, '2026-03-08T09:59:59Z'), kindAt(aa, '2026-03-08T10:00:00Z')]).toEqual([
      'businessHours',
      'afterHours',
    ]);
  });

  it('counts 2 business hours in the 23-hour day of 2026-03-08 for 00:00-03:00', () => {
    const aa = makeAttendant('early', 'America/Los_Angeles', { businessHours: { Sunday: [{ start: '00:00', end: '03:00' }] } });
    const from = utc('2026-03-08T08:00:00Z'); // 00:00 PST
    const to = utc('2026-03-09T07:00:00Z'); // 00:00 PDT
    expect(callFlowTimes(aa, from, to)).toEqual({ holiday: 0, businessHours: 2 * HOUR, afterHours: 21 * HOUR });
  });

  it('runs the business-hours flow in both 01:30s of 2026-11-01', () => {
    const aa = makeAttendant('night', 'America/Los_Angeles', { businessHours: { Sunday: [{ start: '01:00', end: '02:00' }] } });
    // 08:30Z is 01:30 PDT, 09:30Z is 01:30 PST.
    expect([kindAt(aa, '2026-11-01T08:30:00Z'), kindAt(aa, '2026-11-01T09:30:00Z')]).toEqual([
      'businessHours',
      'businessHours',
    ]);
  });

  it('counts 2 business hours in the 25-hour day of 2026-11-01 for 01:00-02:00', () => {
    const aa = makeAttendant('night', 'America/Los_Angeles', { businessHours: { Sunday: [{ start: '01:00', end: '02:00' }] } });
    const from = utc('2026-11-01T07:00:00Z'); // 00:00 PDT
    const to = utc('2026-11-02T08:00:00Z'); // 00:00 PST
    expect(businessHoursShare(aa, from, to)).toBe(2 / 25);
  });

  it('agrees with minute-by-minute sampling over two weeks across the spring change', () => {
    const aa = makeAttendant('seattle', 'America/Los_Angeles', {
      holidays: [{ name: 'Staff day', ranges: [{ start: '2026-03-10T12:00', end: '2026-03-11T00:00' }], callFlow: flow('holiday') }],
    });
    const from = utc('2026-03-02T08:00:00Z');
    const to = utc('2026-03-16T07:00:00Z');
    expect(callFlowTimes(aa, from, to)).toEqual(sampledTimes(aa, from, to));
  });
});

describe('holidays', () => {
  const newYear = makeAttendant('seattle', 'America/Los_Angeles', {
    holidays: [
      { name: 'New Year', ranges: [{ start: '2026-12-31T18:00', end: '2027-01-01T06:00' }], callFlow: flow('holiday') },
      { name: 'Offsite', ranges: [{ start: '2026-06-15T10:00', end: '2026-06-15T12:00' }], callFlow: flow('offsite') },
    ],
  });

  it('runs the holiday flow across midnight', () => {
    const found = activeCallFlow(newYear, utc('2027-01-01T13:59:00Z')); // 2027-01-01 05:59 PST
    expect([found.kind, found.holidayName, found.flow.name]).toEqual(['holiday', 'New Year', 'holiday']);
  });

  it('ends the holiday at its end time (exclusive)', () => {
    expect(kindAt(newYear, '2027-01-01T14:00:00Z')).toBe('afterHours'); // Friday 06:00 PST
  });

  it('runs the holiday flow over business hours', () => {
    expect(kindAt(newYear, '2026-06-15T17:30:00Z')).toBe('holiday'); // Monday 10:30 PDT
  });
});

describe('attendants in different time zones', () => {
  it('gives each attendant its own local time at the same instant', () => {
    const seattle = makeAttendant('seattle', 'America/Los_Angeles');
    const london = makeAttendant('london', 'Europe/London');
    // Monday 2026-06-15 16:30Z: 09:30 PDT in Seattle, 17:30 BST in London.
    expect([kindAt(seattle, '2026-06-15T16:30:00Z'), kindAt(london, '2026-06-15T16:30:00Z')]).toEqual([
      'businessHours',
      'afterHours',
    ]);
  });
});

describe('business hours share', () => {
  it('is 40 of 168 hours for Mon-Fri 09:00-17:00 in a week without a change of offset', () => {
    const aa = makeAttendant('seattle', 'America/Los_Angeles');
    const from = utc('2026-06-15T07:00:00Z');
    expect(businessHoursShare(aa, from, from + 168 * HOUR)).toBeCloseTo(40 / 168, 12);
  });

  it('counts part of a business day at the edges of the interval', () => {
    const aa = makeAttendant('utc', 'UTC');
    // Monday 16:00 to 18:00 UTC: one business hour, one after-hours hour.
    expect(businessHoursShare(aa, utc('2026-06-15T16:00:00Z'), utc('2026-06-15T18:00:00Z'))).toBe(0.5);
  });

  it('refuses an empty interval', () => {
    const aa = makeAttendant('utc', 'UTC');
    expect(() => businessHoursShare(aa, 10, 10)).toThrow('"toMs" must be > "fromMs".');
  });
});

describe('local wall time', () => {
  /** Local ms read independently of localMs, from the Swedish format "YYYY-MM-DD HH:MM:SS". */
  function reference(timeZone: string, t: number): number {
    const text = new Date(t).toLocaleString('sv-SE', { timeZone });
    return Date.parse(`${text.replace(' ', 'T')}Z`) + (t % 1000);
  }

  it('matches the platform every 7 minutes around both changes of 2026 in Los Angeles', () => {
    const instants: number[] = [];
    for (const day of ['2026-03-07T00:00:00Z', '2026-10-31T00:00:00Z']) {
      for (let t = utc(day); t < utc(day) + 3 * 24 * HOUR; t += 7 * 60_000 + 123) instants.push(t);
    }
    const mismatches = instants.filter((t) => localMs('America/Los_Angeles', t) !== reference('America/Los_Angeles', t));
    expect(mismatches).toEqual([]);
  });

  it('gives the same answers from a prepared schedule as from the attendant', () => {
    const aa = makeAttendant('seattle', 'America/Los_Angeles');
    const schedule = new AttendantSchedule(aa);
    const instants = [0, 1, 2, 3, 4, 5, 6].map((d) => utc('2026-06-15T16:30:00Z') + d * 11 * HOUR);
    expect(instants.map((t) => schedule.activeCallFlow(t).kind)).toEqual(instants.map((t) => activeCallFlow(aa, t).kind));
  });

  it('refuses a malformed time of day when the schedule is prepared', () => {
    const aa = makeAttendant('bad', 'UTC', { businessHours: { Monday: [{ start: '9am', end: '17:00' }] } });
    expect(() => new AttendantSchedule(aa)).toThrow('"9am" is not a time of day: "HH:MM" from 00:00 to 24:00 is expected.');
  });
});
