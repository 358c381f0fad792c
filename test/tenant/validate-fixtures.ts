/**
 * Tenants for the validate() tests, built as plain data (not through the cmdlets) so these tests
 * do not depend on the operations. The compliant Seattle tenant follows Microsoft's "Configure
 * Shared Calling" steps and has no findings at all; each test breaks one thing in a fresh copy.
 */
import { emptyTenant } from '../../engine/tenant/empty-tenant.js';
import type { Finding } from '../../engine/tenant/validate.js';
import type { AutoAttendant, PhoneNumber, Tenant, User } from '../../engine/tenant/model.js';

export const RESOURCE_ACCOUNT_ID = 'ra-main';
export const RESOURCE_ACCOUNT_UPN = 'main-aa@contoso.com';
export const ATTENDANT_ID = 'aa-main';
export const SHARED_NUMBER = '+14255550100';
export const EMERGENCY_NUMBERS = ['+14255556789', '+14255554321'];
export const SEATTLE_GROUP = 'g-seattle';
export const USER_UPNS = ['alice@contoso.com', 'bob@contoso.com', 'carol@contoso.com'];

/** A Shared Calling user as the setup doc wants one: licensed, EV enabled, no number of their own. */
export function sharedCallingUser(name: string): User {
  return {
    objectId: `u-${name}`,
    userPrincipalName: `${name}@contoso.com`,
    displayName: name[0]?.toUpperCase() + name.slice(1),
    givenName: name,
    surname: 'Contoso',
    licences: ['TeamsPhone'],
    enterpriseVoiceEnabled: true,
    groups: [SEATTLE_GROUP],
    extension: null,
    hiddenFromAddressLists: false,
    clientLocation: { networkSiteId: null, dynamicLocationId: null },
    policies: { sharedCalling: 'Seattle', voiceRouting: 'NoPSTN', emergencyCallRouting: 'SeattleEmergency' },
  };
}

function callingPlanNumber(telephoneNumber: string, usage: 'Subscriber' | 'Service'): PhoneNumber {
  return {
    telephoneNumber,
    numberType: 'CallingPlan',
    callingPlanUsage: usage,
    isoCountryCode: 'US',
    locationId: usage === 'Service' ? 'seattle' : null,
    operator: null,
    assignedPstnTargetId: usage === 'Service' ? RESOURCE_ACCOUNT_ID : null,
    sharedCallingUnsupported: false,
  };
}

function mainAttendant(): AutoAttendant {
  return {
    id: ATTENDANT_ID,
    name: 'Contoso main line',
    timeZone: 'America/Los_Angeles',
    languageId: 'en-US',
    businessHours: {
      Monday: [{ start: '08:00', end: '17:00' }],
      Tuesday: [{ start: '08:00', end: '17:00' }],
      Wednesday: [{ start: '08:00', end: '17:00' }],
      Thursday: [{ start: '08:00', end: '17:00' }],
      Friday: [{ start: '08:00', end: '12:15' }, { start: '13:00', end: '17:00' }],
    },
    defaultCallFlow: {
      name: 'Business hours',
      greeting: 'Thank you for calling Contoso.',
      action: {
        kind: 'menu',
        menu: {
          prompt: 'Press 1 for Alice, or say the name of the person you want.',
          directorySearch: 'ByName',
          options: [
            { key: '0', action: 'TransferCallToOperator', target: null, prompt: null },
            { key: '1', action: 'TransferCallToTarget', target: { type: 'User', id: 'alice@contoso.com' }, prompt: null },
            { key: '9', action: 'Announcement', target: null, prompt: 'We are at 1 Main Street, Seattle.' },
          ],
        },
      },
    },
    afterHoursCallFlow: { name: 'After hours', greeting: 'We are closed.', action: { kind: 'disconnect' } },
    holidays: [
      {
        name: 'New Year',
        ranges: [{ start: '2027-01-01T00:00', end: '2027-01-02T00:00' }],
        callFlow: { name: 'New Year', greeting: 'Happy new year; we are closed.', action: { kind: 'disconnect' } },
      },
      {
        name: 'Independence Day',
        ranges: [{ start: '2026-07-04T00:00', end: '2026-07-05T00:00' }],
        callFlow: { name: 'Independence Day', greeting: 'We are closed today.', action: { kind: 'disconnect' } },
      },
    ],
    operator: { type: 'User', id: 'alice@contoso.com' },
    dialScope: { includeGroups: null, excludeGroups: [] },
  };
}

/**
 * Seattle shares main-aa@contoso.com's Calling Plan service number +14255550100 (funded by
 * Pay-As-You-Go and Communications Credits), answered by an auto attendant, with two Calling Plan
 * subscriber numbers as its emergency callback pool, granted to alice, bob and carol.
 */
export function compliantSeattleTenant(): Tenant {
  const tenant = emptyTenant();
  tenant.locations.push({
    locationId: 'seattle',
    civicAddressId: 'civic-seattle',
    description: 'Head office',
    companyName: 'Contoso',
    houseNumber: '1',
    streetName: 'Main Street',
    city: 'Seattle',
    stateOrProvince: 'WA',
    postalCode: '98101',
    countryOrRegion: 'US',
  });
  tenant.numbers.push(
    callingPlanNumber(SHARED_NUMBER, 'Service'),
    ...EMERGENCY_NUMBERS.map((n) => callingPlanNumber(n, 'Subscriber')),
  );
  tenant.resourceAccounts.push({
    objectId: RESOURCE_ACCOUNT_ID,
    userPrincipalName: RESOURCE_ACCOUNT_UPN,
    displayName: 'Contoso main line',
    applicationType: 'AutoAttendant',
    licences: ['TeamsPhoneResourceAccount', 'PayAsYouGoCallingPlan', 'CommunicationsCredits'],
    voiceRoutingPolicy: null,
    autoAttendantId: ATTENDANT_ID,
  });
  tenant.autoAttendants.push(mainAttendant());
  tenant.groups.push({ id: SEATTLE_GROUP, displayName: 'Seattle staff' });
  tenant.users.push(...['alice', 'bob', 'carol'].map(sharedCallingUser));
  tenant.voiceRoutingPolicies.push({ identity: 'NoPSTN', onlinePstnUsages: [] });
  tenant.emergencyCallRoutingPolicies.push({
    identity: 'SeattleEmergency',
    emergencyNumbers: [
      { emergencyDialString: '911', emergencyDialMask: ['911'], onlinePstnUsage: null },
      { emergencyDialString: '933', emergencyDialMask: [], onlinePstnUsage: null },
    ],
    allowEnhancedEmergencyServices: true,
    description: 'Calling Plan emergency calling for Shared Calling users',
  });
  tenant.sharedCallingPolicies.push({
    identity: 'Seattle',
    resourceAccount: RESOURCE_ACCOUNT_ID,
    emergencyNumbers: [...EMERGENCY_NUMBERS],
    description: 'Seattle office shares the main number',
  });
  tenant.credits.balance = 100;
  tenant.credits.autoRecharge = { threshold: 20, amount: 100, failureProbability: 0 };
  tenant.credits.ratesPerMinute = { US: 0.02, default: 0.1 };
  return tenant;
}

/** Adds Shared Calling users granted Seattle until the tenant has *count* users. */
export function withUsers(tenant: Tenant, count: number): Tenant {
  for (let i = tenant.users.length; i < count; i++) tenant.users.push(sharedCallingUser(`user${i}`));
  return tenant;
}

export function userOf(tenant: Tenant, upn: string): User {
  const user = tenant.users.find((u) => u.userPrincipalName === upn);
  if (user === undefined) throw new Error(`fixture has no user ${upn}`);
  return user;
}

export function attendantOf(tenant: Tenant): AutoAttendant {
  const attendant = tenant.autoAttendants[0];
  if (attendant === undefined) throw new Error('fixture has no auto attendant');
  return attendant;
}

export function numberOf(tenant: Tenant, telephoneNumber: string): PhoneNumber {
  const number = tenant.numbers.find((n) => n.telephoneNumber === telephoneNumber);
  if (number === undefined) throw new Error(`fixture has no number ${telephoneNumber}`);
  return number;
}

/** "severity rule kind:id" per finding: what the tests compare whole. */
export function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.rule} ${f.object.kind}:${f.object.id}`);
}
