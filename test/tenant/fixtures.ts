/**
 * The seed article's Seattle tenant, built through the tenant's own operations and cmdlets:
 * resource account main-aa@contoso.com with the Calling Plan service number +14255550100 at a
 * Seattle location, subscriber numbers +14255556789 and +14255554321 for the emergency pool,
 * and user@contoso.com with Teams Phone and Calling Plan licences.
 */
import { expect } from 'vitest';
import type { CmdletInvocation, CmdletResult, CmdletValue } from '../../engine/tenant/cmdlet.js';
import {
  acquireNumber,
  addGroup,
  addLocation,
  addResourceAccount,
  addUser,
  emptyTenant,
  invokeCmdlet,
  type AcquireNumberParams,
  type OpResult,
  type Tenant,
  type User,
} from '../../engine/tenant/index.js';

export const RA_ID = '11111111-1111-4111-8111-111111111111';
export const USER_ID = '22222222-2222-4222-8222-222222222222';
export const RA_NUMBER = '+14255550100';
export const EMERGENCY_1 = '+14255556789';
export const EMERGENCY_2 = '+14255554321';
/** A spare subscriber number for users. */
export const USER_NUMBER = '+14255550123';
export const SEATTLE = 'seattle-hq';

export function ok<T>(result: OpResult<T>): T {
  if (!result.ok) throw new Error(`unexpected refusal: ${result.refusal.message}`);
  return result.value;
}

export function cmd(t: Tenant, name: string, named: Record<string, CmdletValue> = {}, positional: CmdletValue[] = []): CmdletResult {
  return invokeCmdlet(t, { name, named, positional });
}

/** Runs a cmdlet that must succeed. */
export function must(t: Tenant, name: string, named: Record<string, CmdletValue> = {}, positional: CmdletValue[] = []): Extract<CmdletResult, { ok: true }> {
  const r = cmd(t, name, named, positional);
  if (!r.ok) throw new Error(`unexpected refusal of ${name}: ${r.refusal.message}`);
  return r;
}

/** Asserts the invocation is refused with *code* and leaves the tenant deep-equal to before. */
export function expectRefused(t: Tenant, inv: CmdletInvocation, code: string): string {
  const before = structuredClone(t);
  const r = invokeCmdlet(t, inv);
  expect(r.ok).toBe(false);
  if (r.ok) return '';
  expect(r.refusal.code).toBe(code);
  expect(r.refusal.message.startsWith(`${code}: `)).toBe(true);
  expect(t).toEqual(before);
  return r.refusal.message;
}

/** The same for a typed operation. */
export function expectOpRefused<T>(t: Tenant, op: (t: Tenant) => OpResult<T>, code: string): string {
  const before = structuredClone(t);
  const r = op(t);
  expect(r.ok).toBe(false);
  if (r.ok) return '';
  expect(r.refusal.code).toBe(code);
  expect(r.refusal.message.startsWith(`${code}: `)).toBe(true);
  expect(t).toEqual(before);
  return r.refusal.message;
}

export function hashtable(entries: Record<string, CmdletValue>): CmdletValue {
  return { kind: 'hashtable', entries };
}

export function newUser(objectId: string, upn: string, extra: Partial<User> = {}): User {
  return {
    objectId,
    userPrincipalName: upn,
    displayName: upn.split('@')[0] ?? upn,
    givenName: '',
    surname: '',
    licences: ['TeamsPhone'],
    enterpriseVoiceEnabled: false,
    groups: [],
    extension: null,
    hiddenFromAddressLists: false,
    clientLocation: { networkSiteId: null, dynamicLocationId: null },
    policies: { sharedCalling: null, voiceRouting: null, emergencyCallRouting: null },
    ...extra,
  };
}

export function number(telephoneNumber: string, extra: Partial<AcquireNumberParams> = {}): AcquireNumberParams {
  return { telephoneNumber, numberType: 'CallingPlan', callingPlanUsage: 'Subscriber', isoCountryCode: 'US', ...extra };
}

/** The Seattle tenant before any Shared Calling policy exists. */
export function seattleTenant(): Tenant {
  const t = emptyTenant();
  ok(
    addLocation(t, {
      locationId: SEATTLE,
      civicAddressId: 'civic-seattle',
      description: 'Seattle HQ',
      companyName: 'Contoso',
      houseNumber: '1',
      streetName: 'Microsoft Way',
      city: 'Seattle',
      stateOrProvince: 'WA',
      postalCode: '98052',
      countryOrRegion: 'US',
    }),
  );
  ok(acquireNumber(t, number(RA_NUMBER, { callingPlanUsage: 'Service' })));
  ok(acquireNumber(t, number(EMERGENCY_1)));
  ok(acquireNumber(t, number(EMERGENCY_2)));
  ok(acquireNumber(t, number(USER_NUMBER)));
  ok(addGroup(t, { id: 'sales', displayName: 'Sales' }));
  ok(addGroup(t, { id: 'support', displayName: 'Support' }));
  ok(
    addResourceAccount(t, {
      objectId: RA_ID,
      userPrincipalName: 'main-aa@contoso.com',
      displayName: 'Main auto attendant',
      applicationType: 'AutoAttendant',
      licences: ['TeamsPhoneResourceAccount', 'PayAsYouGoCallingPlan', 'CommunicationsCredits'],
      voiceRoutingPolicy: null,
      autoAttendantId: null,
    }),
  );
  // A Calling Plan licence too, so the tests can give the user a Calling Plan number (NUM006).
  ok(addUser(t, newUser(USER_ID, 'user@contoso.com', { groups: ['sales'], licences: ['TeamsPhone', 'CallingPlan'] })));
  must(t, 'Set-CsPhoneNumberAssignment', { Identity: 'main-aa@contoso.com', PhoneNumber: RA_NUMBER, PhoneNumberType: 'CallingPlan', LocationId: SEATTLE });
  return t;
}

/** The article's end state: policy Seattle with two emergency numbers, granted to the user. */
export function seattleWithPolicy(): Tenant {
  const t = seattleTenant();
  must(t, 'New-CsTeamsSharedCallingRoutingPolicy', {
    Identity: 'Seattle',
    ResourceAccount: RA_ID,
    EmergencyNumbers: hashtable({ add: [EMERGENCY_1, EMERGENCY_2] }),
  });
  must(t, 'Grant-CsTeamsSharedCallingRoutingPolicy', { Identity: 'user@contoso.com', PolicyName: 'Seattle' });
  return t;
}
