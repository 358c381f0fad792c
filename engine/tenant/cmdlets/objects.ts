/**
 * The objects Get-/New- cmdlets write to the pipeline, with property names as the Microsoft
 * cmdlet reference spells them, so scripts can read `.Identity`, `.TelephoneNumber`, ...
 */
import type { CmdletObject, CmdletValue } from '../cmdlet.js';
import { effectivePolicyName, findLocation, findResourceAccount } from '../lookup.js';
import type {
  EmergencyCallRoutingPolicy,
  EmergencyLocation,
  EmergencyNumber,
  PhoneNumber,
  ResourceAccount,
  SharedCallingPolicy,
  Tenant,
  User,
  VoiceRoutingPolicy,
} from '../model.js';

function object(typeName: string, properties: Record<string, CmdletValue>, text: string): CmdletObject {
  return { kind: 'object', typeName, properties, text };
}

/** `Global` stays as is; every other instance shows as `Tag:<name>` (as Teams lists them). */
export function policyIdentity(identity: string): string {
  return identity.toLowerCase() === 'global' ? 'Global' : `Tag:${identity}`;
}

function lineUri(t: Tenant, objectId: string): string | null {
  const n = t.numbers.find((x) => x.assignedPstnTargetId === objectId);
  return n === undefined ? null : `tel:${n.telephoneNumber}`;
}

export function userObject(t: Tenant, u: User): CmdletObject {
  return object(
    'OnlineUser',
    {
      Identity: u.objectId,
      ObjectId: u.objectId,
      UserPrincipalName: u.userPrincipalName,
      SipAddress: `sip:${u.userPrincipalName}`,
      DisplayName: u.displayName,
      GivenName: u.givenName,
      Surname: u.surname,
      AccountType: 'User',
      EnterpriseVoiceEnabled: u.enterpriseVoiceEnabled,
      LineUri: lineUri(t, u.objectId),
      AssignedPlan: [...u.licences],
      TeamsSharedCallingRoutingPolicy: u.policies.sharedCalling,
      OnlineVoiceRoutingPolicy: u.policies.voiceRouting,
      TeamsEmergencyCallRoutingPolicy: u.policies.emergencyCallRouting,
      EffectiveTeamsSharedCallingRoutingPolicy: effectivePolicyName(t, u, 'SharedCalling').name,
    },
    u.objectId,
  );
}

export function resourceAccountObject(t: Tenant, r: ResourceAccount): CmdletObject {
  return object(
    'OnlineUser',
    {
      Identity: r.objectId,
      ObjectId: r.objectId,
      UserPrincipalName: r.userPrincipalName,
      SipAddress: `sip:${r.userPrincipalName}`,
      DisplayName: r.displayName,
      AccountType: 'ResourceAccount',
      ApplicationType: r.applicationType,
      EnterpriseVoiceEnabled: true,
      LineUri: lineUri(t, r.objectId),
      AssignedPlan: [...r.licences],
      OnlineVoiceRoutingPolicy: r.voiceRoutingPolicy,
      AutoAttendantId: r.autoAttendantId,
    },
    r.objectId,
  );
}

export function sharedCallingPolicyObject(p: SharedCallingPolicy): CmdletObject {
  const identity = policyIdentity(p.identity);
  return object(
    'TeamsSharedCallingRoutingPolicy',
    { Identity: identity, ResourceAccount: p.resourceAccount, EmergencyNumbers: [...p.emergencyNumbers], Description: p.description },
    identity,
  );
}

export function voiceRoutingPolicyObject(p: VoiceRoutingPolicy): CmdletObject {
  const identity = policyIdentity(p.identity);
  return object('OnlineVoiceRoutingPolicy', { Identity: identity, OnlinePstnUsages: [...p.onlinePstnUsages] }, identity);
}

export function emergencyNumberObject(e: EmergencyNumber): CmdletObject {
  return object(
    'TeamsEmergencyNumber',
    {
      EmergencyDialString: e.emergencyDialString,
      EmergencyDialMask: e.emergencyDialMask.join(';'),
      OnlinePSTNUsage: e.onlinePstnUsage,
    },
    `EmergencyDialString=${e.emergencyDialString};EmergencyDialMask=${e.emergencyDialMask.join(';')};OnlinePSTNUsage=${e.onlinePstnUsage ?? ''}`,
  );
}

export function emergencyCallRoutingPolicyObject(p: EmergencyCallRoutingPolicy): CmdletObject {
  const identity = policyIdentity(p.identity);
  return object(
    'TeamsEmergencyCallRoutingPolicy',
    {
      Identity: identity,
      EmergencyNumbers: p.emergencyNumbers.map(emergencyNumberObject),
      AllowEnhancedEmergencyServices: p.allowEnhancedEmergencyServices,
      Description: p.description,
    },
    identity,
  );
}

export function locationObject(l: EmergencyLocation): CmdletObject {
  return object(
    'LisLocation',
    {
      LocationId: l.locationId,
      CivicAddressId: l.civicAddressId,
      Location: l.description,
      Description: l.description,
      CompanyName: l.companyName,
      HouseNumber: l.houseNumber,
      StreetName: l.streetName,
      City: l.city,
      StateOrProvince: l.stateOrProvince,
      PostalCode: l.postalCode,
      CountryOrRegion: l.countryOrRegion,
    },
    l.locationId,
  );
}

/** A civic address is the locations sharing its CivicAddressId; the first is its default. */
export function civicAddressObject(t: Tenant, civicAddressId: string): CmdletObject | undefined {
  const first = t.locations.find((l) => l.civicAddressId === civicAddressId);
  if (first === undefined) return undefined;
  return object(
    'LisCivicAddress',
    {
      CivicAddressId: first.civicAddressId,
      DefaultLocationId: first.locationId,
      CompanyName: first.companyName,
      HouseNumber: first.houseNumber,
      StreetName: first.streetName,
      City: first.city,
      StateOrProvince: first.stateOrProvince,
      PostalCode: first.postalCode,
      CountryOrRegion: first.countryOrRegion,
      Description: first.description,
    },
    first.civicAddressId,
  );
}

export type PstnAssignmentStatus = 'Unassigned' | 'UserAssigned' | 'VoiceApplicationAssigned' | 'PolicyAssigned';

/** Capabilities by kind of number (service numbers' are inferred, see facts.md §2). */
export function capabilities(n: PhoneNumber): string[] {
  if (n.numberType === 'CallingPlan') {
    if (n.callingPlanUsage === 'Subscriber') return ['UserAssignment'];
    if (n.callingPlanUsage === 'TollFreeService') return ['VoiceApplicationAssignment'];
    return ['VoiceApplicationAssignment', 'ConferenceAssignment'];
  }
  if (n.numberType === 'OperatorConnect') return ['UserAssignment', 'VoiceApplicationAssignment'];
  return ['UserAssignment', 'VoiceApplicationAssignment', 'ConferenceAssignment'];
}

export function assignmentOf(t: Tenant, n: PhoneNumber): { target: string | null; status: PstnAssignmentStatus } {
  if (n.assignedPstnTargetId !== null) {
    const ra = findResourceAccount(t, n.assignedPstnTargetId);
    return { target: n.assignedPstnTargetId, status: ra === undefined ? 'UserAssigned' : 'VoiceApplicationAssigned' };
  }
  const policy = t.sharedCallingPolicies.find((p) => p.emergencyNumbers.includes(n.telephoneNumber));
  if (policy !== undefined) {
    return { target: `TeamsSharedCallingRoutingPolicy|${policyIdentity(policy.identity)}`, status: 'PolicyAssigned' };
  }
  return { target: null, status: 'Unassigned' };
}

export function phoneNumberObject(t: Tenant, n: PhoneNumber): CmdletObject {
  const { target, status } = assignmentOf(t, n);
  const location = n.locationId === null ? undefined : findLocation(t, n.locationId);
  return object(
    'PhoneNumberAssignment',
    {
      TelephoneNumber: n.telephoneNumber,
      NumberType: n.numberType,
      AssignedPstnTargetId: target,
      PstnAssignmentStatus: status,
      AssignmentCategory: target === null || status === 'PolicyAssigned' ? null : 'Primary',
      IsoCountryCode: n.isoCountryCode,
      LocationId: n.locationId,
      CivicAddressId: location?.civicAddressId ?? null,
      City: location?.city ?? null,
      Capability: capabilities(n),
      OperatorId: n.operator?.name ?? null,
      PstnPartnerName: n.numberType === 'CallingPlan' ? 'Microsoft' : (n.operator?.name ?? null),
      CallingPlanUsage: n.callingPlanUsage,
      NumberSource: 'Online',
      ActivationState: 'Activated',
    },
    n.telephoneNumber,
  );
}
