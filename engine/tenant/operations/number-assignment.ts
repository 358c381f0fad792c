/**
 * Set-/Remove-CsPhoneNumberAssignment as typed operations: assigning a number to a user or
 * resource account, its emergency location, and a user's EnterpriseVoiceEnabled flag.
 */
import { findLocation, findNumber, findResourceAccount, findUser, policyHoldingEmergencyNumber } from '../lookup.js';
import type { NumberType, PhoneNumber, Tenant } from '../model.js';
import type { TenantChange } from '../changes.js';
import { normalizeTelephoneNumber } from '../phone-number.js';
import {
  enterpriseVoiceOffViolation,
  holderName,
  licenceViolation,
  numberKindViolation,
  policyViolationAfterNumberChange,
  type AssignmentTarget,
} from './checks.js';
import { refuse, succeed, succeedEmpty, type OpResult, type Refused } from './result.js';
import { psQuote } from '../ps-quote.js';

export type AssignmentCategory = 'Primary' | 'Private' | 'Alternate';

export interface AssignNumberParams {
  identity: string;
  telephoneNumber: string;
  numberType: NumberType;
  locationId?: string | null;
  assignmentCategory?: AssignmentCategory;
}

function resolveTarget(t: Tenant, identity: string): AssignmentTarget | undefined {
  const user = findUser(t, identity);
  if (user !== undefined) return { kind: 'user', objectId: user.objectId, userPrincipalName: user.userPrincipalName };
  const ra = findResourceAccount(t, identity);
  if (ra !== undefined) return { kind: 'resourceAccount', objectId: ra.objectId, userPrincipalName: ra.userPrincipalName };
  return undefined;
}

function noSuchIdentity(identity: string): Refused {
  return refuse('InvalidParameterValue', `there is no user or resource account ${identity} (Get-CsOnlineUser lists them).`);
}

function inventoryNumber(t: Tenant, telephoneNumber: string, numberType?: NumberType): { ok: true; number: PhoneNumber } | Refused {
  const normalized = normalizeTelephoneNumber(telephoneNumber, numberType);
  if (!normalized.ok) return normalized;
  const number = findNumber(t, normalized.number);
  if (number === undefined) {
    return refuse('NUM003', `${normalized.number} is not in the tenant's number inventory; acquire or upload it first.`);
  }
  return { ok: true, number };
}

/** Set-CsPhoneNumberAssignment, parameter set Assignment. */
export function assignNumber(t: Tenant, p: AssignNumberParams): OpResult<PhoneNumber> {
  const target = resolveTarget(t, p.identity);
  if (target === undefined) return noSuchIdentity(p.identity);
  const found = inventoryNumber(t, p.telephoneNumber, p.numberType);
  if (!found.ok) return found;
  const number = found.number;
  const n = number.telephoneNumber;
  if (number.numberType !== p.numberType) {
    return refuse('NUM003', `${n} is a ${number.numberType} number, not ${p.numberType}; use -NumberType ${number.numberType}.`);
  }
  const holdingPolicy = policyHoldingEmergencyNumber(t, n);
  if (holdingPolicy !== undefined) {
    return refuse('NUM001', `${n} is an emergency number of Shared Calling policy ${holdingPolicy.identity} and cannot be assigned to ${target.userPrincipalName}; remove it first with Set-CsTeamsSharedCallingRoutingPolicy -Identity ${psQuote(holdingPolicy.identity)} -EmergencyNumbers @{remove='${n}'}.`);
  }
  if (number.assignedPstnTargetId !== null && number.assignedPstnTargetId !== target.objectId) {
    return refuse('NUM004', `${n} is already assigned to ${holderName(t, number.assignedPstnTargetId)}; remove it there first with Remove-CsPhoneNumberAssignment.`);
  }
  const kind = numberKindViolation(number, target);
  if (kind !== undefined) return { ok: false, refusal: kind };
  const licence = licenceViolation(t, number, target);
  if (licence !== undefined) return { ok: false, refusal: licence };
  const other = t.numbers.find((x) => x.assignedPstnTargetId === target.objectId && x !== number);
  if (other !== undefined) {
    return refuse('NUM004', `${target.userPrincipalName} already holds ${other.telephoneNumber}; callsim models one number per user or resource account, so remove that one first with Remove-CsPhoneNumberAssignment -Identity ${psQuote(target.userPrincipalName)} -RemoveAll.`);
  }
  let locationId = number.locationId;
  if (p.locationId !== undefined && p.locationId !== null) {
    const location = findLocation(t, p.locationId);
    if (location === undefined) {
      return refuse('NUM004', `LocationId ${p.locationId} names no emergency location (Get-CsOnlineLisLocation lists them).`);
    }
    locationId = location.locationId;
  }
  const broken = policyViolationAfterNumberChange(t, number, { assignedPstnTargetId: target.objectId, locationId });
  if (broken !== undefined) return { ok: false, refusal: broken };
  const changes: string[] = [];
  const events: TenantChange[] = [];
  const previousLocationId = number.locationId;
  const locationEvent: TenantChange = { type: 'numberLocationChanged', telephoneNumber: n, locationId, previousLocationId };
  if (number.assignedPstnTargetId === target.objectId) {
    if (locationId !== number.locationId) {
      number.locationId = locationId;
      changes.push(`${n}: emergency location set to ${locationId ?? 'none'}`);
      events.push(locationEvent);
    }
    return succeed(number, changes, events);
  }
  number.assignedPstnTargetId = target.objectId;
  number.locationId = locationId;
  changes.push(`${n} assigned to ${target.kind === 'user' ? 'user' : 'resource account'} ${target.userPrincipalName}${locationId === null ? '' : ` with emergency location ${locationId}`}`);
  events.push({ type: 'numberAssigned', telephoneNumber: n, assignee: target.objectId, assigneeKind: target.kind });
  if (locationId !== previousLocationId) events.push(locationEvent);
  if (target.kind === 'user') {
    const user = findUser(t, target.objectId);
    if (user !== undefined && !user.enterpriseVoiceEnabled) {
      user.enterpriseVoiceEnabled = true;
      changes.push(`${user.userPrincipalName}: EnterpriseVoiceEnabled set to True (NUM005)`);
      events.push({ type: 'enterpriseVoiceChanged', objectId: user.objectId, enabled: true });
    }
  }
  return succeed(number, changes, events);
}

/**
 * Set-CsPhoneNumberAssignment, parameter set LocationUpdate. null clears the location, which
 * only Direct Routing and Operator Connect numbers allow (NUM004).
 */
export function setNumberLocation(t: Tenant, p: { telephoneNumber: string; locationId: string | null }): OpResult<PhoneNumber> {
  const found = inventoryNumber(t, p.telephoneNumber);
  if (!found.ok) return found;
  const number = found.number;
  const n = number.telephoneNumber;
  if (p.locationId === null) {
    if (number.numberType === 'CallingPlan') {
      return refuse('NUM004', `the emergency location of Calling Plan number ${n} cannot be removed; only Direct Routing and Operator Connect numbers may have none. Set another location with -LocationId instead.`);
    }
    const broken = policyViolationAfterNumberChange(t, number, { locationId: null });
    if (broken !== undefined) return { ok: false, refusal: broken };
    const previousLocationId = number.locationId;
    number.locationId = null;
    return succeed(
      number,
      [`${n}: emergency location removed`],
      previousLocationId === null ? [] : [{ type: 'numberLocationChanged', telephoneNumber: n, locationId: null, previousLocationId }],
    );
  }
  const location = findLocation(t, p.locationId);
  if (location === undefined) {
    return refuse('NUM004', `LocationId ${p.locationId} names no emergency location (Get-CsOnlineLisLocation lists them).`);
  }
  const previousLocationId = number.locationId;
  number.locationId = location.locationId;
  return succeed(
    number,
    [`${n}: emergency location set to ${location.locationId} (${location.description || location.city})`],
    previousLocationId === location.locationId ? [] : [{ type: 'numberLocationChanged', telephoneNumber: n, locationId: location.locationId, previousLocationId }],
  );
}

/**
 * Set-CsPhoneNumberAssignment, parameter set Attribute. Turning EnterpriseVoiceEnabled off for a
 * user who holds a number is refused (NUM005): Remove-CsPhoneNumberAssignment does that.
 */
export function setEnterpriseVoice(t: Tenant, p: { identity: string; enabled: boolean }): OpResult {
  const user = findUser(t, p.identity);
  if (user === undefined) {
    if (findResourceAccount(t, p.identity) !== undefined) {
      return refuse('InvalidParameterValue', `${p.identity} is a resource account; -EnterpriseVoiceEnabled applies to users.`);
    }
    return noSuchIdentity(p.identity);
  }
  if (!p.enabled) {
    const holdsNumber = enterpriseVoiceOffViolation(t, user.objectId);
    if (holdsNumber !== undefined) return { ok: false, refusal: holdsNumber };
  }
  const changed = user.enterpriseVoiceEnabled !== p.enabled;
  user.enterpriseVoiceEnabled = p.enabled;
  return succeedEmpty(
    [`${user.userPrincipalName}: EnterpriseVoiceEnabled set to ${p.enabled ? 'True' : 'False'}`],
    changed ? [{ type: 'enterpriseVoiceChanged', objectId: user.objectId, enabled: p.enabled }] : [],
  );
}

export interface UnassignNumberParams {
  identity: string;
  /** Omit with removeAll. */
  telephoneNumber?: string;
  numberType?: NumberType;
  removeAll?: boolean;
}

/** Remove-CsPhoneNumberAssignment. A user loses EnterpriseVoiceEnabled (NUM005). */
export function unassignNumber(t: Tenant, p: UnassignNumberParams): OpResult<PhoneNumber[]> {
  const target = resolveTarget(t, p.identity);
  if (target === undefined) return noSuchIdentity(p.identity);
  let numbers: PhoneNumber[];
  if (p.removeAll === true) {
    numbers = t.numbers.filter((x) => x.assignedPstnTargetId === target.objectId);
  } else {
    if (p.telephoneNumber === undefined) {
      return refuse('MissingParameter', 'Remove-CsPhoneNumberAssignment needs -TelephoneNumber and -NumberType, or -RemoveAll.');
    }
    const found = inventoryNumber(t, p.telephoneNumber, p.numberType);
    if (!found.ok) return found;
    const number = found.number;
    const holdingPolicy = policyHoldingEmergencyNumber(t, number.telephoneNumber);
    if (holdingPolicy !== undefined) {
      return refuse('NUM001', `${number.telephoneNumber} is an emergency number of Shared Calling policy ${holdingPolicy.identity}; it is held by the policy, not assigned, and can only be removed with Set-CsTeamsSharedCallingRoutingPolicy -Identity ${psQuote(holdingPolicy.identity)} -EmergencyNumbers @{remove='${number.telephoneNumber}'}.`);
    }
    if (number.assignedPstnTargetId !== target.objectId) {
      return refuse('NUM004', `${number.telephoneNumber} is not assigned to ${target.userPrincipalName}${number.assignedPstnTargetId === null ? '' : ` but to ${holderName(t, number.assignedPstnTargetId)}`}.`);
    }
    if (p.numberType !== undefined && p.numberType !== number.numberType) {
      return refuse('NUM003', `${number.telephoneNumber} is a ${number.numberType} number, not ${p.numberType}; use -NumberType ${number.numberType}.`);
    }
    numbers = [number];
  }
  const changes: string[] = [];
  const events: TenantChange[] = [];
  const warnings: string[] = [];
  for (const number of numbers) {
    number.assignedPstnTargetId = null;
    changes.push(`${number.telephoneNumber} removed from ${target.userPrincipalName}`);
    events.push({ type: 'numberUnassigned', telephoneNumber: number.telephoneNumber, previousAssignee: target.objectId });
  }
  if (target.kind === 'user') {
    const user = findUser(t, target.objectId);
    if (user !== undefined && user.enterpriseVoiceEnabled) {
      user.enterpriseVoiceEnabled = false;
      changes.push(`${user.userPrincipalName}: EnterpriseVoiceEnabled set to False (NUM005)`);
      events.push({ type: 'enterpriseVoiceChanged', objectId: user.objectId, enabled: false });
    }
  } else if (numbers.length > 0) {
    const policies = t.sharedCallingPolicies.filter((x) => x.resourceAccount === target.objectId).map((x) => x.identity);
    if (policies.length > 0) {
      warnings.push(`${target.userPrincipalName} has no number now; Shared Calling policy ${policies.join(', ')} stays but its users' outbound calls fail (OUT004).`);
    }
  }
  return succeed(numbers, changes, events, warnings);
}
