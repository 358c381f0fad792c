/**
 * One implementation of each refusal rule of docs/rules.md §1 that can be judged from a tenant
 * state. Operations call these on the state they are about to create; `tenantInvariantViolations`
 * calls them on a whole tenant (validate's POL001).
 */
import type { Refusal } from '../cmdlet.js';
import { findLocation, findNumber, findResourceAccount, findUser } from '../lookup.js';
import type { CountryCode, PhoneNumber, SharedCallingPolicy, Tenant } from '../model.js';
import { normalizeTelephoneNumber } from '../phone-number.js';
import { psQuote } from '../ps-quote.js';
import { refusal } from './result.js';

/** SC006: Calling Plan service numbers of these countries cannot be a Shared Calling number. */
export const SHARED_CALLING_UNSUPPORTED_SERVICE_COUNTRIES: readonly CountryCode[] = [
  'RO',
  'CZ',
  'HU',
  'SG',
  'NZ',
  'AU',
  'JP',
];

export function isCallingPlanService(n: PhoneNumber): boolean {
  return n.numberType === 'CallingPlan' && (n.callingPlanUsage === 'Service' || n.callingPlanUsage === 'TollFreeService');
}

export function describeNumber(n: PhoneNumber): string {
  const usage = n.callingPlanUsage === null ? '' : ` ${n.callingPlanUsage}`;
  return `${n.telephoneNumber} (${n.numberType}${usage}, ${n.isoCountryCode})`;
}

/**
 * Every SC001-SC012 violation of one Shared Calling policy in *tenant* (the policy need not be
 * in the tenant yet: New/Set check the policy they would store). Order: resource account rules,
 * then each emergency number in list order, then SC010.
 */
export function sharedCallingPolicyViolations(tenant: Tenant, policy: SharedCallingPolicy): Refusal[] {
  const found: Refusal[] = [];
  const name = policy.identity;
  let raNumber: PhoneNumber | undefined;
  let raLabel = '';
  if (policy.resourceAccount === null) {
    if (policy.identity.toLowerCase() !== 'global') {
      found.push(refusal('SC001', `Shared Calling policy ${name} has no resource account; give one with -ResourceAccount (Get-CsOnlineUser <upn>).Identity.`));
    }
  } else {
    const ra = findResourceAccount(tenant, policy.resourceAccount);
    if (ra === undefined) {
      found.push(refusal('SC001', `Shared Calling policy ${name} names resource account ${policy.resourceAccount}, which does not exist; create it with New-CsOnlineApplicationInstance.`));
    } else {
      raLabel = ra.userPrincipalName;
      raNumber = tenant.numbers.find((n) => n.assignedPstnTargetId === ra.objectId);
      if (raNumber === undefined) {
        found.push(refusal('SC002', `resource account ${ra.userPrincipalName} of Shared Calling policy ${name} has no phone number; assign a service number with Set-CsPhoneNumberAssignment -Identity ${psQuote(ra.userPrincipalName)} -PhoneNumber <number> -PhoneNumberType <type>.`));
      } else {
        const n = raNumber.telephoneNumber;
        if (raNumber.locationId === null) {
          found.push(refusal('SC003', `the number ${n} of resource account ${ra.userPrincipalName} has no emergency location; set one with Set-CsPhoneNumberAssignment -PhoneNumber ${psQuote(n)} -LocationId <id> (in some Calling Plan markets only the TNS service desk can).`));
        }
        if (isCallingPlanService(raNumber) && SHARED_CALLING_UNSUPPORTED_SERVICE_COUNTRIES.includes(raNumber.isoCountryCode)) {
          found.push(refusal('SC006', `the Calling Plan service number ${n} of resource account ${ra.userPrincipalName} is in ${raNumber.isoCountryCode}, where Shared Calling is not supported for Calling Plan service numbers (RO, CZ, HU, SG, NZ, AU, JP); use an Operator Connect or Direct Routing number.`));
        } else if (raNumber.sharedCallingUnsupported) {
          found.push(refusal('SC006', `the number ${n} of resource account ${ra.userPrincipalName} is one of the Calling Plan service numbers that cannot be used for Shared Calling; contact the TNS service desk or use another number.`));
        }
      }
    }
  }
  const seen = new Set<string>();
  for (const e of policy.emergencyNumbers) {
    if (seen.has(e)) {
      found.push(refusal('SC012', `the emergency number ${e} appears twice in Shared Calling policy ${name}; each number may be listed once.`));
      continue;
    }
    seen.add(e);
    const inv = findNumber(tenant, e);
    if (inv === undefined) {
      found.push(refusal('SC011', `the emergency number ${e} of Shared Calling policy ${name} is not in the tenant's number inventory; acquire it first (callsim also needs Direct Routing numbers in the inventory, to know their type and country).`));
      continue;
    }
    // SC008 first: an assigned number cannot be a callback number whatever its type, so the
    // other rules (SC009's "use subscriber numbers" above all) would send the administrator the
    // wrong way, most of all for the resource account's own number.
    if (inv === raNumber) {
      found.push(refusal('SC008', `the emergency number ${e} is the number of resource account ${raLabel} itself, the caller ID of Shared Calling policy ${name}; an emergency number may not be assigned to any user or resource account, so add numbers that are in the inventory and assigned to nobody (an empty list uses ${e} as the callback number, EMG005).`));
    } else if (inv.assignedPstnTargetId !== null) {
      found.push(refusal('SC008', `the emergency number ${e} is assigned to ${holderName(tenant, inv.assignedPstnTargetId)}; an emergency number may not be assigned to a user or resource account (Remove-CsPhoneNumberAssignment first).`));
    }
    if (raNumber !== undefined && inv !== raNumber) {
      if (inv.numberType !== raNumber.numberType) {
        found.push(refusal('SC004', `the emergency number ${e} is ${inv.numberType} but the number ${raNumber.telephoneNumber} of resource account ${raLabel} is ${raNumber.numberType}; all numbers of Shared Calling policy ${name} must be of one number type.`));
      } else if (isCallingPlanService(raNumber) && inv.callingPlanUsage !== 'Subscriber') {
        found.push(refusal('SC009', `the emergency number ${e} is a Calling Plan ${inv.callingPlanUsage ?? ''} number, but resource account ${raLabel} has a Calling Plan service number, so the emergency numbers of Shared Calling policy ${name} must be Calling Plan subscriber numbers.`));
      }
      if (inv.isoCountryCode !== raNumber.isoCountryCode) {
        found.push(refusal('SC005', `the emergency number ${e} is in ${inv.isoCountryCode} but the number ${raNumber.telephoneNumber} of resource account ${raLabel} is in ${raNumber.isoCountryCode}; all numbers of Shared Calling policy ${name} must be of one country.`));
      }
    }
    const other = tenant.sharedCallingPolicies.find(
      (p) => p.identity.toLowerCase() !== policy.identity.toLowerCase() && p.emergencyNumbers.includes(e),
    );
    if (other !== undefined) {
      found.push(refusal('SC007', `the emergency number ${e} already belongs to Shared Calling policy ${other.identity}; remove it there first with Set-CsTeamsSharedCallingRoutingPolicy -Identity ${psQuote(other.identity)} -EmergencyNumbers @{remove='${e}'}.`));
    }
  }
  if (raNumber !== undefined && raNumber.numberType === 'CallingPlan' && raNumber.callingPlanUsage === 'TollFreeService' && policy.emergencyNumbers.length === 0) {
    found.push(refusal('SC010', `Shared Calling policy ${name} has no emergency numbers and its resource account ${raLabel} has the toll-free number ${raNumber.telephoneNumber}, which cannot be an emergency callback number; add Calling Plan subscriber numbers with -EmergencyNumbers @{add=...}.`));
  }
  return found;
}

/** The UPN of the user or resource account with this ObjectId, or the id itself. */
export function holderName(tenant: Tenant, objectId: string): string {
  const u = findUser(tenant, objectId);
  if (u !== undefined) return `user ${u.userPrincipalName}`;
  const r = findResourceAccount(tenant, objectId);
  if (r !== undefined) return `resource account ${r.userPrincipalName}`;
  return objectId;
}

export type AssignmentTarget =
  | { kind: 'user'; objectId: string; userPrincipalName: string }
  | { kind: 'resourceAccount'; objectId: string; userPrincipalName: string };

/** NUM002: which kind of holder a Calling Plan number may have. */
export function numberKindViolation(number: PhoneNumber, target: AssignmentTarget): Refusal | undefined {
  if (number.numberType !== 'CallingPlan') return undefined;
  if (target.kind === 'resourceAccount' && number.callingPlanUsage === 'Subscriber') {
    return refusal('NUM002', `${number.telephoneNumber} is a Calling Plan subscriber number and cannot be assigned to resource account ${target.userPrincipalName}; resource accounts take Calling Plan service (toll or toll-free) numbers.`);
  }
  if (target.kind === 'user' && isCallingPlanService(number)) {
    return refusal('NUM002', `${number.telephoneNumber} is a Calling Plan ${number.callingPlanUsage ?? 'service'} number and cannot be assigned to user ${target.userPrincipalName}; users take Calling Plan subscriber numbers.`);
  }
  return undefined;
}

/**
 * NUM006 and NUM007: the licence the holder needs before Teams assigns it a number. A Calling
 * Plan number needs a Calling Plan licence on the user (Teams answers "User ... lacks appropriate
 * licenses to assign a 'CallingPlan' number"); any number needs a Teams Phone Resource Account
 * licence on the resource account.
 */
export function licenceViolation(tenant: Tenant, number: PhoneNumber, target: AssignmentTarget): Refusal | undefined {
  const n = number.telephoneNumber;
  if (target.kind === 'user') {
    const user = findUser(tenant, target.objectId);
    if (number.numberType === 'CallingPlan' && user !== undefined && !user.licences.includes('CallingPlan')) {
      return refusal('NUM006', `user ${target.userPrincipalName} lacks appropriate licenses to assign a 'CallingPlan' number (${n}): a Calling Plan number needs a Calling Plan licence on the user. Assign one first (Microsoft 365 admin center, or Set-MgUserLicense), or use an Operator Connect or Direct Routing number.`);
    }
    return undefined;
  }
  const ra = findResourceAccount(tenant, target.objectId);
  if (ra !== undefined && !ra.licences.includes('TeamsPhoneResourceAccount')) {
    return refusal('NUM007', `resource account ${target.userPrincipalName} has no Microsoft Teams Phone Resource Account licence, so it cannot be assigned ${n}; assign the licence first (Microsoft 365 admin center, or Set-MgUserLicense), then the number.`);
  }
  return undefined;
}

/**
 * NUM005: EnterpriseVoiceEnabled cannot be turned off while the user holds a number: assigning a
 * number turns it on and Remove-CsPhoneNumberAssignment turns it off, so a number holder is
 * always Enterprise Voice enabled.
 */
export function enterpriseVoiceOffViolation(tenant: Tenant, userObjectId: string): Refusal | undefined {
  const user = findUser(tenant, userObjectId);
  const held = user === undefined ? undefined : tenant.numbers.find((x) => x.assignedPstnTargetId === user.objectId);
  if (user === undefined || held === undefined) return undefined;
  const upn = psQuote(user.userPrincipalName);
  return refusal('NUM005', `user ${user.userPrincipalName} holds ${held.telephoneNumber}, so EnterpriseVoiceEnabled cannot be turned off: a user with a number is Enterprise Voice enabled. Remove the number instead, which turns it off: Remove-CsPhoneNumberAssignment -Identity ${upn} -PhoneNumber ${psQuote(held.telephoneNumber)} -PhoneNumberType ${held.numberType}`);
}

/**
 * Every NUM0xx violation of one inventory entry: its format (NUM003), its location and holder
 * (NUM004), its kind against its holder (NUM002), EnterpriseVoiceEnabled of a user holder
 * (NUM005), the holder's licence (NUM006, NUM007) and a policy's emergency number that is
 * assigned (NUM001, reported as SC008 by the policy check, so not repeated here).
 */
export function numberViolations(tenant: Tenant, number: PhoneNumber): Refusal[] {
  const found: Refusal[] = [];
  const format = normalizeTelephoneNumber(number.telephoneNumber, number.numberType);
  if (!format.ok) found.push(format.refusal);
  else if (format.number !== number.telephoneNumber) {
    found.push(refusal('NUM003', `${number.telephoneNumber} is not stored in canonical E.164 form (${format.number}).`));
  }
  if ((number.numberType === 'CallingPlan') !== (number.callingPlanUsage !== null)) {
    found.push(refusal('NUM003', `${number.telephoneNumber} is ${number.numberType}; a callingPlanUsage is required for Calling Plan numbers and allowed only for them.`));
  }
  if (number.locationId !== null && findLocation(tenant, number.locationId) === undefined) {
    found.push(refusal('NUM004', `the number ${number.telephoneNumber} has LocationId ${number.locationId}, which names no emergency location (Get-CsOnlineLisLocation lists them).`));
  }
  if (number.assignedPstnTargetId !== null) {
    const user = findUser(tenant, number.assignedPstnTargetId);
    const ra = user === undefined ? findResourceAccount(tenant, number.assignedPstnTargetId) : undefined;
    if (user === undefined && ra === undefined) {
      found.push(refusal('NUM004', `the number ${number.telephoneNumber} is assigned to ${number.assignedPstnTargetId}, which is no user or resource account.`));
    } else {
      const target: AssignmentTarget =
        user !== undefined
          ? { kind: 'user', objectId: user.objectId, userPrincipalName: user.userPrincipalName }
          : { kind: 'resourceAccount', objectId: ra?.objectId ?? '', userPrincipalName: ra?.userPrincipalName ?? '' };
      const kind = numberKindViolation(number, target);
      if (kind !== undefined) found.push(kind);
      const licence = licenceViolation(tenant, number, target);
      if (licence !== undefined) found.push(licence);
      if (user !== undefined && !user.enterpriseVoiceEnabled) {
        found.push(refusal('NUM005', `user ${user.userPrincipalName} holds ${number.telephoneNumber} but is not Enterprise Voice enabled; assigning a number turns it on.`));
      }
    }
  }
  return found;
}

/**
 * The first SC rule that a change to one inventory number would break for the Shared Calling
 * policies of the resource account that holds it after the change (a new number on a policy's
 * resource account, or its location cleared). SC002 cannot get worse by a change that keeps or
 * gives a number, so only the other rules are asked.
 */
export function policyViolationAfterNumberChange(
  tenant: Tenant,
  number: PhoneNumber,
  patch: Partial<Pick<PhoneNumber, 'assignedPstnTargetId' | 'locationId'>>,
): Refusal | undefined {
  const changed: PhoneNumber = { ...number, ...patch };
  const holder = changed.assignedPstnTargetId;
  if (holder === null) return undefined;
  const policies = tenant.sharedCallingPolicies.filter((p) => p.resourceAccount !== null && p.resourceAccount.toLowerCase() === holder.toLowerCase());
  if (policies.length === 0) return undefined;
  const view: Tenant = { ...tenant, numbers: tenant.numbers.map((n) => (n === number ? changed : n)) };
  for (const policy of policies) {
    const broken = sharedCallingPolicyViolations(view, policy).find((r) => r.code !== 'SC002');
    if (broken !== undefined) return broken;
  }
  return undefined;
}
