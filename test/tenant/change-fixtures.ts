/**
 * A tenant with one of everything the cmdlets can change, for the change-event tests: two Shared
 * Calling policies on two resource accounts, spare numbers of every type, users in groups, a
 * group grant, PSTN usages with a voice routing policy, an emergency call routing policy, an auto
 * attendant, a network site and Communications Credits with auto-recharge.
 */
import {
  acquireNumber,
  addAutoAttendant,
  addLocation,
  addNetworkSite,
  addResourceAccount,
  addUser,
  associateAutoAttendant,
  associateCallQueue,
  defaultCallQueue,
  newCallQueue,
  setCommunicationsCredits,
  type AutoAttendant,
  type Tenant,
} from '../../engine/tenant/index.js';
import { RA_ID, SEATTLE, hashtable, must, newUser, number, ok, seattleWithPolicy } from './fixtures.js';

export { EMERGENCY_1, EMERGENCY_2, RA_ID, RA_NUMBER, SEATTLE, USER_ID, USER_NUMBER } from './fixtures.js';

export const RA2_ID = '33333333-3333-4333-8333-333333333333';
export const RA2_NUMBER = '+14255550200';
/** Tacoma's emergency number. */
export const EMERGENCY_3 = '+14255550300';
/** Spare numbers: Calling Plan subscriber, Direct Routing (no location), Operator Connect. */
export const SPARE_NUMBER = '+14255550400';
export const DR_NUMBER = '+12065550100';
export const OC_NUMBER = '+12065550200';
export const USER2_ID = '44444444-4444-4444-8444-444444444444';
export const USER3_ID = '55555555-5555-4555-8555-555555555555';
export const AA_ID = 'aa-main';
export const CQ_RA_ID = '66666666-6666-4666-8666-666666666666';
export const CQ_ID = 'cq-sales';
export const SECOND_LOCATION = 'tacoma-office';

export function attendant(id: string, fields: Partial<AutoAttendant> = {}): AutoAttendant {
  const flow = { name: 'default', greeting: 'Welcome', action: { kind: 'disconnect' as const } };
  return {
    id,
    name: id,
    timeZone: 'America/Los_Angeles',
    languageId: 'en-US',
    businessHours: null,
    defaultCallFlow: flow,
    afterHoursCallFlow: null,
    holidays: [],
    operator: null,
    dialScope: { includeGroups: null, excludeGroups: [] },
    ...fields,
  };
}

export function richTenant(): Tenant {
  const t = seattleWithPolicy();
  ok(
    addLocation(t, {
      locationId: SECOND_LOCATION,
      civicAddressId: 'civic-tacoma',
      description: 'Tacoma office',
      companyName: 'Contoso',
      houseNumber: '2',
      streetName: 'Pacific Avenue',
      city: 'Tacoma',
      stateOrProvince: 'WA',
      postalCode: '98402',
      countryOrRegion: 'US',
    }),
  );
  ok(acquireNumber(t, number(RA2_NUMBER, { callingPlanUsage: 'Service', locationId: SEATTLE })));
  ok(acquireNumber(t, number(EMERGENCY_3)));
  ok(acquireNumber(t, number(SPARE_NUMBER)));
  ok(acquireNumber(t, number(DR_NUMBER, { numberType: 'DirectRouting', callingPlanUsage: null })));
  ok(acquireNumber(t, number(OC_NUMBER, { numberType: 'OperatorConnect', callingPlanUsage: null, locationId: SEATTLE, operator: { name: 'Op', supportsSharedCalling: true } })));
  ok(
    addResourceAccount(t, {
      objectId: RA2_ID,
      userPrincipalName: 'tacoma-aa@contoso.com',
      displayName: 'Tacoma auto attendant',
      applicationType: 'AutoAttendant',
      licences: ['TeamsPhoneResourceAccount', 'PayAsYouGoCallingPlan', 'CommunicationsCredits'],
      voiceRoutingPolicy: null,
      autoAttendantId: null,
    }),
  );
  must(t, 'Set-CsPhoneNumberAssignment', { Identity: RA2_ID, PhoneNumber: RA2_NUMBER, PhoneNumberType: 'CallingPlan' });
  must(t, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Tacoma', ResourceAccount: RA2_ID, EmergencyNumbers: hashtable({ add: [EMERGENCY_3] }) });
  ok(addUser(t, newUser(USER2_ID, 'user2@contoso.com', { groups: ['support'], givenName: 'Ada', surname: 'Lovelace', extension: '1002', licences: ['TeamsPhone', 'CallingPlan'] })));
  ok(addUser(t, newUser(USER3_ID, 'user3@contoso.com', { groups: ['sales', 'support'], enterpriseVoiceEnabled: true, givenName: 'Alan', surname: 'Turing' })));
  must(t, 'Grant-CsTeamsSharedCallingRoutingPolicy', { Group: 'support', Rank: 1, PolicyName: 'Tacoma' });
  must(t, 'Set-CsOnlinePstnUsage', { Identity: 'Global', Usage: hashtable({ add: ['US and Canada', 'International'] }) });
  must(t, 'New-CsOnlineVoiceRoutingPolicy', { Identity: 'DR', OnlinePstnUsages: hashtable({ add: ['US and Canada'] }) });
  const en = must(t, 'New-CsTeamsEmergencyNumber', { EmergencyDialString: '911', EmergencyDialMask: '112' }).output;
  must(t, 'New-CsTeamsEmergencyCallRoutingPolicy', { Identity: 'ECRP1', EmergencyNumbers: hashtable({ add: en }) });
  ok(addAutoAttendant(t, attendant(AA_ID)));
  ok(associateAutoAttendant(t, RA_ID, AA_ID));
  ok(
    addResourceAccount(t, {
      objectId: CQ_RA_ID,
      userPrincipalName: 'sales-cq@contoso.com',
      displayName: 'Sales queue',
      applicationType: 'CallQueue',
      licences: ['TeamsPhoneResourceAccount'],
      voiceRoutingPolicy: null,
      autoAttendantId: null,
    }),
  );
  ok(newCallQueue(t, { ...defaultCallQueue(CQ_ID, 'Sales'), agents: [{ objectId: USER3_ID, optIn: true }] }));
  ok(associateCallQueue(t, CQ_RA_ID, CQ_ID));
  ok(newCallQueue(t, defaultCallQueue('cq-support', 'Support')));
  ok(addNetworkSite(t, { id: 'site-1', description: 'HQ', emergencyCallRoutingPolicy: null }));
  ok(
    setCommunicationsCredits(t, {
      balance: 100,
      autoRecharge: { threshold: 10, amount: 50, failureProbability: 0 },
      ratesPerMinute: { default: 0.02 },
    }),
  );
  return t;
}
