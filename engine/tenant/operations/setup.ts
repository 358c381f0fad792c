/**
 * What administrators do outside Teams PowerShell (Entra ID, number ordering, the admin center):
 * the scenario loader builds a tenant with these, and the simulator-only cmdlets expose the few
 * that timelines need (release, port out, credits).
 */
import { findLocation, findNumber, findResourceAccount, findUser, policyHoldingEmergencyNumber } from '../lookup.js';
import type {
  AutoAttendant,
  CallingPlanUsage,
  CommunicationsCredits,
  EmergencyLocation,
  Group,
  NetworkSite,
  NumberType,
  Operator,
  PhoneNumber,
  ResourceAccount,
  Tenant,
  User,
} from '../model.js';
import { sameData } from '../changes.js';
import { normalizeTelephoneNumber } from '../phone-number.js';
import { describeNumber, holderName } from './checks.js';
import { refuse, succeed, succeedEmpty, type OpResult } from './result.js';
import { psQuote } from '../ps-quote.js';

export function addLocation(t: Tenant, location: EmergencyLocation): OpResult<EmergencyLocation> {
  if (findLocation(t, location.locationId) !== undefined) {
    return refuse('NUM004', `an emergency location with LocationId ${location.locationId} already exists; LocationIds are unique.`);
  }
  const stored = structuredClone(location);
  t.locations.push(stored);
  return succeed(
    stored,
    [`Emergency location ${location.locationId} added: ${location.description || location.city}, ${location.city} ${location.countryOrRegion}`],
    [{ type: 'locationAdded', locationId: stored.locationId, civicAddressId: stored.civicAddressId }],
  );
}

export interface AcquireNumberParams {
  telephoneNumber: string;
  numberType: NumberType;
  callingPlanUsage?: CallingPlanUsage | null;
  isoCountryCode: string;
  locationId?: string | null;
  operator?: Operator | null;
  sharedCallingUnsupported?: boolean;
}

/** Adds a number to the tenant's inventory, unassigned (ordering, porting in, DR upload). */
export function acquireNumber(t: Tenant, n: AcquireNumberParams): OpResult<PhoneNumber> {
  const normalized = normalizeTelephoneNumber(n.telephoneNumber, n.numberType);
  if (!normalized.ok) return normalized;
  const number = normalized.number;
  if (findNumber(t, number) !== undefined) {
    return refuse('NUM003', `${number} is already in the tenant's number inventory.`);
  }
  const usage = n.callingPlanUsage ?? null;
  if (n.numberType === 'CallingPlan' && usage === null) {
    return refuse('NUM003', `${number} is a Calling Plan number; say whether it is a Subscriber, Service or TollFreeService number (callingPlanUsage).`);
  }
  if (n.numberType !== 'CallingPlan' && usage !== null) {
    return refuse('NUM003', `${number} is ${n.numberType}; only Calling Plan numbers have a callingPlanUsage.`);
  }
  if (!/^[A-Za-z]{2}$/.test(n.isoCountryCode)) {
    return refuse('NUM003', `${number} has isoCountryCode ${JSON.stringify(n.isoCountryCode)}; give an ISO 3166 two-letter code such as US.`);
  }
  const locationId = n.locationId ?? null;
  if (locationId !== null && findLocation(t, locationId) === undefined) {
    return refuse('NUM004', `LocationId ${locationId} for ${number} names no emergency location; add the location first.`);
  }
  const stored: PhoneNumber = {
    telephoneNumber: number,
    numberType: n.numberType,
    callingPlanUsage: usage,
    isoCountryCode: n.isoCountryCode.toUpperCase(),
    locationId: locationId === null ? null : (findLocation(t, locationId)?.locationId ?? locationId),
    operator: n.numberType === 'OperatorConnect' ? (n.operator ?? null) : null,
    assignedPstnTargetId: null,
    sharedCallingUnsupported: n.sharedCallingUnsupported ?? false,
  };
  t.numbers.push(stored);
  return succeed(stored, [`Number ${describeNumber(stored)} acquired`], [{ type: 'numberAcquired', telephoneNumber: number, numberType: stored.numberType }]);
}

/**
 * Removes a number from the inventory. Whoever held it loses it; a user holder keeps
 * EnterpriseVoiceEnabled as it was [choice: releasing is not Remove-CsPhoneNumberAssignment, and
 * the user's EV flag is a separate attribute]. A resource account's own number may leave (the
 * policy stays, OUT004); a policy's emergency number may not (NUM001).
 */
function removeFromInventory(t: Tenant, telephoneNumber: string, verb: 'released' | 'ported out'): OpResult<PhoneNumber> {
  const normalized = normalizeTelephoneNumber(telephoneNumber);
  if (!normalized.ok) return normalized;
  const number = findNumber(t, normalized.number);
  if (number === undefined) {
    return refuse('NUM003', `${normalized.number} is not in the tenant's number inventory (Get-CsPhoneNumberAssignment lists it).`);
  }
  const holdingPolicy = policyHoldingEmergencyNumber(t, number.telephoneNumber);
  if (holdingPolicy !== undefined) {
    return refuse('NUM001', `${number.telephoneNumber} is an emergency number of Shared Calling policy ${holdingPolicy.identity} and cannot be ${verb}; remove it first with Set-CsTeamsSharedCallingRoutingPolicy -Identity ${psQuote(holdingPolicy.identity)} -EmergencyNumbers @{remove='${number.telephoneNumber}'}.`);
  }
  const warnings: string[] = [];
  if (number.assignedPstnTargetId !== null) {
    const holder = holderName(t, number.assignedPstnTargetId);
    const ra = findResourceAccount(t, number.assignedPstnTargetId);
    const policies = ra === undefined ? [] : t.sharedCallingPolicies.filter((p) => p.resourceAccount === ra.objectId);
    if (policies.length > 0) {
      warnings.push(`${number.telephoneNumber} was the number of ${holder}, used by Shared Calling policy ${policies.map((p) => p.identity).join(', ')}: outbound calls of its users now fail (OUT004).`);
    }
  }
  t.numbers.splice(t.numbers.indexOf(number), 1);
  const from = number.assignedPstnTargetId === null ? '' : ` (was assigned to ${holderName(t, number.assignedPstnTargetId)})`;
  const event = { telephoneNumber: number.telephoneNumber, previousAssignee: number.assignedPstnTargetId };
  return succeed(
    number,
    [`Number ${number.telephoneNumber} ${verb}${from}`],
    [verb === 'released' ? { type: 'numberReleased', ...event } : { type: 'numberPortedOut', ...event }],
    warnings,
  );
}

export function releaseNumber(t: Tenant, telephoneNumber: string): OpResult<PhoneNumber> {
  return removeFromInventory(t, telephoneNumber, 'released');
}

export function portOutNumber(t: Tenant, telephoneNumber: string): OpResult<PhoneNumber> {
  return removeFromInventory(t, telephoneNumber, 'ported out');
}

function identityTaken(t: Tenant, objectId: string, upn: string): string | undefined {
  if (findUser(t, objectId) !== undefined || findResourceAccount(t, objectId) !== undefined) return objectId;
  if (findUser(t, upn) !== undefined || findResourceAccount(t, upn) !== undefined) return upn;
  return undefined;
}

export function addGroup(t: Tenant, g: Group): OpResult<Group> {
  if (t.groups.some((x) => x.id.toLowerCase() === g.id.toLowerCase())) {
    return refuse('InvalidParameterValue', `a group with id ${g.id} already exists.`);
  }
  const stored = structuredClone(g);
  t.groups.push(stored);
  return succeed(stored, [`Group ${g.displayName} (${g.id}) added`], [{ type: 'groupAdded', groupId: stored.id }]);
}

export function addUser(t: Tenant, u: User): OpResult<User> {
  const taken = identityTaken(t, u.objectId, u.userPrincipalName);
  if (taken !== undefined) return refuse('InvalidParameterValue', `a user or resource account ${taken} already exists.`);
  const missingGroup = u.groups.find((g) => !t.groups.some((x) => x.id.toLowerCase() === g.toLowerCase()));
  if (missingGroup !== undefined) {
    return refuse('InvalidParameterValue', `user ${u.userPrincipalName} is a member of group ${missingGroup}, which does not exist; add the group first.`);
  }
  const stored = structuredClone(u);
  t.users.push(stored);
  return succeed(stored, [`User ${u.userPrincipalName} added`], [{ type: 'userAdded', objectId: stored.objectId }]);
}

export function addResourceAccount(t: Tenant, ra: ResourceAccount): OpResult<ResourceAccount> {
  const taken = identityTaken(t, ra.objectId, ra.userPrincipalName);
  if (taken !== undefined) return refuse('InvalidParameterValue', `a user or resource account ${taken} already exists.`);
  const stored = structuredClone(ra);
  t.resourceAccounts.push(stored);
  return succeed(
    stored,
    [`Resource account ${ra.userPrincipalName} (${ra.applicationType}) added`],
    [{ type: 'resourceAccountAdded', objectId: stored.objectId, applicationType: stored.applicationType }],
  );
}

/** Structure is validate()'s business (AA001-AA005); only a duplicate id is refused. */
export function addAutoAttendant(t: Tenant, aa: AutoAttendant): OpResult<AutoAttendant> {
  if (t.autoAttendants.some((x) => x.id.toLowerCase() === aa.id.toLowerCase())) {
    return refuse('InvalidParameterValue', `an auto attendant with id ${aa.id} already exists.`);
  }
  const stored = structuredClone(aa);
  t.autoAttendants.push(stored);
  return succeed(stored, [`Auto attendant ${aa.name} (${aa.id}) added`], [{ type: 'autoAttendantAdded', autoAttendantId: stored.id }]);
}

/**
 * Replaces an auto attendant's definition (what the Teams admin center's edit does: schedule,
 * call flows, operator, dial scope). Like addAutoAttendant, structure is validate()'s business;
 * the id must name an existing auto attendant and cannot change.
 */
export function setAutoAttendant(t: Tenant, aa: AutoAttendant): OpResult<AutoAttendant> {
  const index = t.autoAttendants.findIndex((x) => x.id.toLowerCase() === aa.id.toLowerCase());
  const existing = t.autoAttendants[index];
  if (existing === undefined) return refuse('InvalidParameterValue', `auto attendant ${aa.id} does not exist.`);
  const stored: AutoAttendant = { ...structuredClone(aa), id: existing.id };
  if (sameData(existing, stored)) return succeed(existing, [], []);
  t.autoAttendants[index] = stored;
  return succeed(stored, [`Auto attendant ${stored.name} (${stored.id}) changed`], [{ type: 'autoAttendantChanged', autoAttendantId: stored.id }]);
}

export function associateAutoAttendant(t: Tenant, resourceAccount: string, autoAttendantId: string): OpResult {
  const ra = findResourceAccount(t, resourceAccount);
  if (ra === undefined) return refuse('InvalidParameterValue', `resource account ${resourceAccount} does not exist.`);
  const aa = t.autoAttendants.find((x) => x.id.toLowerCase() === autoAttendantId.toLowerCase());
  if (aa === undefined) return refuse('InvalidParameterValue', `auto attendant ${autoAttendantId} does not exist.`);
  const previous = ra.autoAttendantId;
  ra.autoAttendantId = aa.id;
  return succeedEmpty(
    [`Resource account ${ra.userPrincipalName} associated with auto attendant ${aa.name}`],
    previous === aa.id ? [] : [{ type: 'autoAttendantAssociated', resourceAccount: ra.objectId, autoAttendantId: aa.id, previousAutoAttendantId: previous }],
  );
}

export function setCommunicationsCredits(t: Tenant, patch: Partial<CommunicationsCredits>): OpResult<CommunicationsCredits> {
  const next = { ...t.credits, ...structuredClone(patch) };
  if (!Number.isFinite(next.balance)) return refuse('InvalidParameterValue', 'the Communications Credits balance must be a number.');
  const r = next.autoRecharge;
  if (r !== null && (!(r.threshold >= 0) || !(r.amount > 0) || !(r.failureProbability >= 0 && r.failureProbability <= 1))) {
    return refuse('InvalidParameterValue', 'auto-recharge needs a threshold of 0 or more, an amount above 0 and a failure probability between 0 and 1.');
  }
  const before = t.credits;
  t.credits = next;
  const { balance: _before, ...settingsBefore } = before;
  const { balance: _after, ...settingsAfter } = next;
  const settingsChanged = !sameData(settingsBefore, settingsAfter);
  const balanceChanged = !Object.is(before.balance, next.balance);
  return succeed(
    next,
    [`Communications Credits: balance ${next.balance} ${next.currency}, auto-recharge ${r === null ? 'off' : `below ${r.threshold} add ${r.amount}`}`],
    settingsChanged || balanceChanged ? [{ type: 'creditsChanged', balanceDelta: next.balance - before.balance, balance: next.balance, settingsChanged }] : [],
  );
}

export function addCommunicationsCredits(t: Tenant, amount: number): OpResult<number> {
  if (!Number.isFinite(amount) || amount <= 0) {
    return refuse('InvalidParameterValue', `the amount of Communications Credits to add must be above 0 (got ${amount}).`);
  }
  const before = t.credits.balance;
  t.credits.balance += amount;
  const after = t.credits.balance;
  return succeed(
    after,
    [`Communications Credits: added ${amount} ${t.credits.currency}, balance ${after}`],
    // after - before, not amount: the ledger is moved by exactly what the balance moved.
    after === before ? [] : [{ type: 'creditsChanged', balanceDelta: after - before, balance: after, settingsChanged: false }],
  );
}

export function addNetworkSite(t: Tenant, site: NetworkSite): OpResult<NetworkSite> {
  if (site.id.trim() === '') return refuse('NET001', 'a network site needs a -NetworkSiteID.');
  if (t.networkSites.some((s) => s.id.toLowerCase() === site.id.toLowerCase())) {
    return refuse('NET001', `a network site ${site.id} already exists.`);
  }
  const region = site.networkRegionId ?? null;
  if (region !== null && !(t.network?.regions ?? []).some((r) => r.id.toLowerCase() === region.toLowerCase())) {
    return refuse('NET002', `network region ${region} does not exist; create it first with New-CsTenantNetworkRegion -NetworkRegionID ${region}.`);
  }
  if (site.emergencyCallRoutingPolicy !== null && site.emergencyCallRoutingPolicy.toLowerCase() === 'global') {
    return refuse('NET003', `network site ${site.id} cannot take the Global emergency call routing policy: sites take custom policies only (users get Global already).`);
  }
  if (site.emergencyCallRoutingPolicy !== null && !t.emergencyCallRoutingPolicies.some((p) => p.identity.toLowerCase() === site.emergencyCallRoutingPolicy?.toLowerCase())) {
    return refuse('NET003', `network site ${site.id} names emergency call routing policy ${site.emergencyCallRoutingPolicy}, which does not exist.`);
  }
  const stored = structuredClone(site);
  t.networkSites.push(stored);
  return succeed(stored, [`Network site ${site.id} added`], [{ type: 'networkSiteAdded', siteId: stored.id }]);
}
