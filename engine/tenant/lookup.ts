/**
 * Read-only questions about a tenant that operations, validate() and the simulation all ask:
 * who is this identity, which number does it hold, which policy is in effect.
 */
import type {
  E164,
  EmergencyCallRoutingPolicy,
  EmergencyLocation,
  PhoneNumber,
  PolicyType,
  ResourceAccount,
  SharedCallingPolicy,
  Tenant,
  User,
  VoiceRoutingPolicy,
} from './model.js';
import { hasExtension } from './phone-number.js';

/** Cmdlets accept an ObjectId, a UPN or a SIP address (`sip:` + UPN), in any case. */
function identityKey(identity: string): string {
  const lower = identity.trim().toLowerCase();
  return lower.startsWith('sip:') ? lower.slice(4) : lower;
}

/** Case-insensitive equality with an already lower-cased key. */
function sameKey(value: string, key: string): boolean {
  // NOTE: the length test first: building a tenant of thousands of users looks each one up
  // against all the others, and lower-casing every candidate made that the slowest step.
  return value.length === key.length && value.toLowerCase() === key;
}

/**
 * Users by lower-cased ObjectId and UPN, per tenant. Operations only ever append users and never
 * change an identity, so the index follows the array by indexing what was appended since; a new
 * array (a cloned tenant) starts a new index. Without it, building a tenant of thousands of users
 * looked every new user up against all the others.
 */
interface UserIndex {
  users: readonly User[];
  indexed: number;
  byKey: Map<string, User>;
}

const userIndexes = new WeakMap<Tenant, UserIndex>();

function userIndex(tenant: Tenant): UserIndex {
  let index = userIndexes.get(tenant);
  if (index === undefined || index.users !== tenant.users || index.indexed > tenant.users.length) {
    index = { users: tenant.users, indexed: 0, byKey: new Map() };
    userIndexes.set(tenant, index);
  }
  for (; index.indexed < tenant.users.length; index.indexed++) {
    const user = tenant.users[index.indexed] as User;
    // The first user with a key wins, as a scan in array order would find it.
    for (const key of [user.objectId.toLowerCase(), user.userPrincipalName.toLowerCase()]) {
      if (!index.byKey.has(key)) index.byKey.set(key, user);
    }
  }
  return index;
}

export function findUser(tenant: Tenant, identity: string): User | undefined {
  return userIndex(tenant).byKey.get(identityKey(identity));
}

export function findResourceAccount(tenant: Tenant, identity: string): ResourceAccount | undefined {
  const key = identityKey(identity);
  return tenant.resourceAccounts.find((r) => sameKey(r.objectId, key) || sameKey(r.userPrincipalName, key));
}

/** Policy names compare case-insensitively and may carry the `Tag:` prefix. */
export function policyKey(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.startsWith('tag:') ? lower.slice(4) : lower;
}

export function findSharedCallingPolicy(tenant: Tenant, name: string): SharedCallingPolicy | undefined {
  const key = policyKey(name);
  return tenant.sharedCallingPolicies.find((p) => p.identity.toLowerCase() === key);
}

export function findVoiceRoutingPolicy(tenant: Tenant, name: string): VoiceRoutingPolicy | undefined {
  const key = policyKey(name);
  return tenant.voiceRoutingPolicies.find((p) => p.identity.toLowerCase() === key);
}

export function findEmergencyCallRoutingPolicy(
  tenant: Tenant,
  name: string,
): EmergencyCallRoutingPolicy | undefined {
  const key = policyKey(name);
  return tenant.emergencyCallRoutingPolicies.find((p) => p.identity.toLowerCase() === key);
}

export function findLocation(tenant: Tenant, locationId: string): EmergencyLocation | undefined {
  const key = locationId.trim().toLowerCase();
  return tenant.locations.find((l) => l.locationId.toLowerCase() === key);
}

/** The inventory entry for a number already in canonical E.164 form. */
export function findNumber(tenant: Tenant, telephoneNumber: E164): PhoneNumber | undefined {
  return tenant.numbers.find((n) => n.telephoneNumber === telephoneNumber);
}

/** The number assigned to a user or resource account (by ObjectId), if any. */
export function numberAssignedTo(tenant: Tenant, objectId: string): PhoneNumber | undefined {
  return tenant.numbers.find((n) => n.assignedPstnTargetId === objectId);
}

/** The Shared Calling policy that holds this number as an emergency number, if any (NUM001, SC007). */
export function policyHoldingEmergencyNumber(
  tenant: Tenant,
  telephoneNumber: E164,
): SharedCallingPolicy | undefined {
  return tenant.sharedCallingPolicies.find((p) => p.emergencyNumbers.includes(telephoneNumber));
}

const DIRECT_GRANT: Record<PolicyType, 'sharedCalling' | 'voiceRouting' | 'emergencyCallRouting'> = {
  SharedCalling: 'sharedCalling',
  VoiceRouting: 'voiceRouting',
  EmergencyCallRouting: 'emergencyCallRouting',
};

/** Where an effective policy came from, so messages can name the cause (e.g. the Global VRP). */
export type GrantSource = 'direct' | 'group' | 'tenant' | 'global';

export interface EffectivePolicyName {
  name: string;
  source: GrantSource;
}

/**
 * The policy in effect for a user (GRT001): a direct grant, else the group grant with the lowest
 * rank among the user's groups, else the tenant-wide grant, else the Global instance. A granted
 * policy that no longer exists falls back to Global (removing a policy users hold is allowed).
 */
export function effectivePolicyName(tenant: Tenant, user: User, type: PolicyType): EffectivePolicyName {
  const exists = (name: string): boolean => {
    switch (type) {
      case 'SharedCalling':
        return findSharedCallingPolicy(tenant, name) !== undefined;
      case 'VoiceRouting':
        return findVoiceRoutingPolicy(tenant, name) !== undefined;
      case 'EmergencyCallRouting':
        return findEmergencyCallRoutingPolicy(tenant, name) !== undefined;
    }
  };
  const direct = user.policies[DIRECT_GRANT[type]];
  if (direct !== null && exists(direct)) return { name: direct, source: 'direct' };
  let best: { name: string; rank: number } | undefined;
  for (const a of tenant.groupPolicyAssignments) {
    if (a.policyType !== type || !user.groups.includes(a.groupId) || !exists(a.policyName)) continue;
    if (best === undefined || a.rank < best.rank) best = { name: a.policyName, rank: a.rank };
  }
  if (best !== undefined) return { name: best.name, source: 'group' };
  const tenantWide = tenant.tenantGrants[type];
  if (tenantWide !== null && exists(tenantWide)) return { name: tenantWide, source: 'tenant' };
  return { name: 'Global', source: 'global' };
}

export function effectiveSharedCallingPolicy(tenant: Tenant, user: User): SharedCallingPolicy | undefined {
  return findSharedCallingPolicy(tenant, effectivePolicyName(tenant, user, 'SharedCalling').name);
}

export function effectiveVoiceRoutingPolicy(tenant: Tenant, user: User): VoiceRoutingPolicy | undefined {
  return findVoiceRoutingPolicy(tenant, effectivePolicyName(tenant, user, 'VoiceRouting').name);
}

/**
 * The user's own emergency call routing policy, or undefined when only an empty Global applies.
 * Network-site overrides (EMG006) are the simulation's business, not the tenant's.
 */
export function effectiveEmergencyCallRoutingPolicy(
  tenant: Tenant,
  user: User,
): EmergencyCallRoutingPolicy | undefined {
  return findEmergencyCallRoutingPolicy(tenant, effectivePolicyName(tenant, user, 'EmergencyCallRouting').name);
}

/** Whether an emergency call routing policy routes by PSTN usages (Direct Routing, EMG006). */
export function hasPstnUsages(policy: EmergencyCallRoutingPolicy): boolean {
  return policy.emergencyNumbers.some((n) => n.onlinePstnUsage !== null);
}

/**
 * Extension dialing with Shared Calling ("Configure Shared Calling", step 10): a Direct Routing
 * number with an extension (`;ext=`) on a user whose effective voice routing policy has no PSTN
 * usages gives the user an extension for internal calls, and the user still calls the PSTN
 * through Shared Calling. With usages, the article says, the user "won't use Shared Calling" and
 * calls with the number like any user with one (USR003, USR004).
 */
export function isExtensionDialingNumber(tenant: Tenant, user: User, number: PhoneNumber): boolean {
  if (number.numberType !== 'DirectRouting' || !hasExtension(number.telephoneNumber)) return false;
  const routing = effectiveVoiceRoutingPolicy(tenant, user);
  return routing === undefined || routing.onlinePstnUsages.length === 0;
}

/**
 * The number a user calls the PSTN with: the number assigned to them, unless it is an
 * extension-dialing number (isExtensionDialingNumber), which leaves them calling through Shared
 * Calling; undefined when they have none.
 */
export function ownCallingNumber(tenant: Tenant, user: User): PhoneNumber | undefined {
  const number = numberAssignedTo(tenant, user.objectId);
  return number === undefined || isExtensionDialingNumber(tenant, user, number) ? undefined : number;
}
