/**
 * The tenant the seed article ("Configure Shared Calling") assumes before its Step 9: the
 * resource account main-aa@contoso.com with a located Calling Plan service number, the two
 * emergency callback numbers in the inventory, and the user user@contoso.com ready for voice.
 * Built as plain data so a replay test depends only on the cmdlets it replays.
 */
import { emptyTenant } from '../../engine/tenant/index.js';
import type { EmergencyLocation, PhoneNumber, Tenant } from '../../engine/tenant/index.js';

export const SEATTLE_LOCATION_ID = 'loc-seattle';
export const SHARED_NUMBER = '+14255550100';
export const RESOURCE_ACCOUNT_ID = 'ra-main-aa';
export const USER_ID = 'u-user';

const seattle: EmergencyLocation = {
  locationId: SEATTLE_LOCATION_ID,
  civicAddressId: 'civic-seattle',
  description: 'Seattle office',
  companyName: 'Contoso',
  houseNumber: '1',
  streetName: 'Main Street',
  city: 'Seattle',
  stateOrProvince: 'WA',
  postalCode: '98101',
  countryOrRegion: 'US',
};

function callingPlanNumber(telephoneNumber: string, usage: 'Subscriber' | 'Service', assignedTo: string | null): PhoneNumber {
  return {
    telephoneNumber,
    numberType: 'CallingPlan',
    callingPlanUsage: usage,
    isoCountryCode: 'US',
    locationId: usage === 'Service' ? SEATTLE_LOCATION_ID : null,
    operator: null,
    assignedPstnTargetId: assignedTo,
    sharedCallingUnsupported: false,
  };
}

export function articleTenant(): Tenant {
  const tenant = emptyTenant();
  tenant.locations.push(seattle);
  tenant.numbers.push(
    callingPlanNumber(SHARED_NUMBER, 'Service', RESOURCE_ACCOUNT_ID),
    callingPlanNumber('+14255556789', 'Subscriber', null),
    callingPlanNumber('+14255554321', 'Subscriber', null),
  );
  tenant.resourceAccounts.push({
    objectId: RESOURCE_ACCOUNT_ID,
    userPrincipalName: 'main-aa@contoso.com',
    displayName: 'Contoso main line',
    applicationType: 'AutoAttendant',
    licences: ['TeamsPhoneResourceAccount', 'PayAsYouGoCallingPlan', 'CommunicationsCredits'],
    voiceRoutingPolicy: null,
    autoAttendantId: null,
  });
  tenant.users.push({
    objectId: USER_ID,
    userPrincipalName: 'user@contoso.com',
    displayName: 'User',
    givenName: 'User',
    surname: 'Contoso',
    licences: ['TeamsPhone'],
    enterpriseVoiceEnabled: true,
    groups: [],
    extension: null,
    hiddenFromAddressLists: false,
    clientLocation: { networkSiteId: null, dynamicLocationId: null },
    policies: { sharedCalling: null, voiceRouting: null, emergencyCallRouting: null },
  });
  return tenant;
}
