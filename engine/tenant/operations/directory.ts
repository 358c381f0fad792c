/**
 * Objects the cmdlets create with ids Teams would generate (resource accounts, civic addresses,
 * locations). Ids are derived from the tenant's content, never from a clock or RNG, so the same
 * script gives the same ids on every run.
 */
import { findLocation } from '../lookup.js';
import type { ApplicationType, EmergencyLocation, ResourceAccount, Tenant } from '../model.js';
import { addLocation, addResourceAccount } from './setup.js';
import { refuse, type OpResult } from './result.js';

/** ApplicationId of New-CsOnlineApplicationInstance for each kind of resource account. */
export const APPLICATION_IDS: Record<ApplicationType, string> = {
  AutoAttendant: 'ce933385-9390-45d1-9512-c8d228074e07',
  CallQueue: '11cd3e2e-fccb-42ad-ad00-878b93575e07',
};

/** FNV-1a over *seed*, spread into GUID form; the caller bumps the salt on a collision. */
export function deterministicGuid(seed: string): string {
  const parts: string[] = [];
  for (let round = 0; round < 4; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) {
      h ^= seed.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    parts.push(h.toString(16).padStart(8, '0'));
  }
  const hex = parts.join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function freshId(seed: string, taken: (id: string) => boolean): string {
  for (let salt = 0; ; salt++) {
    const id = deterministicGuid(`${seed}#${salt}`);
    if (!taken(id)) return id;
  }
}

export function newApplicationInstance(
  t: Tenant,
  p: { userPrincipalName: string; applicationId: string; displayName: string },
): OpResult<ResourceAccount> {
  const applicationType = (Object.keys(APPLICATION_IDS) as ApplicationType[]).find(
    (k) => APPLICATION_IDS[k] === p.applicationId.trim().toLowerCase(),
  );
  if (applicationType === undefined) {
    return refuse('InvalidParameterValue', `-ApplicationId ${p.applicationId} is neither the auto attendant (${APPLICATION_IDS.AutoAttendant}) nor the call queue (${APPLICATION_IDS.CallQueue}) application.`);
  }
  if (!/^[^@\s]+@[^@\s]+$/.test(p.userPrincipalName)) {
    return refuse('InvalidParameterValue', `-UserPrincipalName ${p.userPrincipalName} is not a user principal name (name@domain).`);
  }
  const ids = new Set([...t.users.map((u) => u.objectId.toLowerCase()), ...t.resourceAccounts.map((r) => r.objectId.toLowerCase())]);
  const objectId = freshId(`ra:${p.userPrincipalName.toLowerCase()}`, (id) => ids.has(id));
  return addResourceAccount(t, {
    objectId,
    userPrincipalName: p.userPrincipalName,
    displayName: p.displayName,
    applicationType,
    licences: [],
    voiceRoutingPolicy: null,
    autoAttendantId: null,
  });
}

export interface CivicAddressParams {
  companyName?: string;
  houseNumber?: string;
  streetName?: string;
  city?: string;
  stateOrProvince?: string;
  postalCode?: string;
  countryOrRegion: string;
  description?: string;
}

/**
 * New-CsOnlineLisCivicAddress: a civic address with its default location. The model keeps a
 * civic address as the locations that share its CivicAddressId; the first is the default.
 */
export function newCivicAddress(t: Tenant, p: CivicAddressParams): OpResult<EmergencyLocation> {
  if (!/^[A-Za-z]{2}$/.test(p.countryOrRegion)) {
    return refuse('InvalidParameterValue', `-CountryOrRegion ${p.countryOrRegion} is not an ISO 3166 two-letter code such as US.`);
  }
  const seed = `civic:${[p.companyName, p.houseNumber, p.streetName, p.city, p.stateOrProvince, p.postalCode, p.countryOrRegion].join('|')}`;
  const civicAddressId = freshId(seed, (id) => t.locations.some((l) => l.civicAddressId === id));
  const locationId = freshId(`${civicAddressId}:default`, (id) => findLocation(t, id) !== undefined);
  return addLocation(t, {
    locationId,
    civicAddressId,
    description: p.description ?? '',
    companyName: p.companyName ?? '',
    houseNumber: p.houseNumber ?? '',
    streetName: p.streetName ?? '',
    city: p.city ?? '',
    stateOrProvince: p.stateOrProvince ?? '',
    postalCode: p.postalCode ?? '',
    countryOrRegion: p.countryOrRegion.toUpperCase(),
  });
}

/** New-CsOnlineLisLocation: a further location (e.g. "3rd floor") at an existing civic address. */
export function newLocationAtCivicAddress(t: Tenant, p: { civicAddressId: string; location: string }): OpResult<EmergencyLocation> {
  const civic = t.locations.find((l) => l.civicAddressId.toLowerCase() === p.civicAddressId.trim().toLowerCase());
  if (civic === undefined) {
    return refuse('NUM004', `there is no civic address ${p.civicAddressId} (Get-CsOnlineLisCivicAddress lists them).`);
  }
  const locationId = freshId(`${civic.civicAddressId}:${p.location}`, (id) => findLocation(t, id) !== undefined);
  return addLocation(t, { ...civic, locationId, description: p.location });
}
