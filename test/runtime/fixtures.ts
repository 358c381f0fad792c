/** Small tenant pieces for runtime tests; each test states only what it is about. */
import type { AutoAttendant, CallFlow, User } from '../../engine/tenant/model.js';

export function makeUser(objectId: string, fields: Partial<User> = {}): User {
  return {
    objectId,
    userPrincipalName: `${objectId}@contoso.com`,
    displayName: objectId,
    givenName: objectId,
    surname: '',
    licences: ['TeamsPhone'],
    enterpriseVoiceEnabled: true,
    groups: [],
    extension: null,
    hiddenFromAddressLists: false,
    clientLocation: { networkSiteId: null, dynamicLocationId: null },
    policies: { sharedCalling: null, voiceRouting: null, emergencyCallRouting: null },
    ...fields,
  };
}

export function flow(name: string): CallFlow {
  return { name, greeting: '', action: { kind: 'disconnect' } };
}

const WEEKDAYS_9_TO_5 = { start: '09:00', end: '17:00' };

/** Mon-Fri 09:00-17:00 in *timeZone*, with an after-hours flow and no holidays. */
export function makeAttendant(id: string, timeZone: string, fields: Partial<AutoAttendant> = {}): AutoAttendant {
  return {
    id,
    name: id,
    timeZone,
    languageId: 'en-US',
    businessHours: {
      Monday: [WEEKDAYS_9_TO_5],
      Tuesday: [WEEKDAYS_9_TO_5],
      Wednesday: [WEEKDAYS_9_TO_5],
      Thursday: [WEEKDAYS_9_TO_5],
      Friday: [WEEKDAYS_9_TO_5],
    },
    defaultCallFlow: flow('business'),
    afterHoursCallFlow: flow('after'),
    holidays: [],
    operator: null,
    dialScope: { includeGroups: null, excludeGroups: [] },
    ...fields,
  };
}

/** A random stream that returns the given draws in turn (and fails the test when they run out). */
export function scriptedStream(draws: number[]): { next(): number; drawn: number } {
  let i = 0;
  return {
    next(): number {
      const d = draws[i++];
      if (d === undefined) throw new Error('scripted stream ran out of draws');
      return d;
    },
    get drawn(): number {
      return i;
    },
  };
}
