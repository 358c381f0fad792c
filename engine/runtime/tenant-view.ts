/**
 * A cache over a tenant for the hot path of a run: per user, the resolved facts a call needs,
 * built on first use and dropped by `invalidate()` whenever a timeline cmdlet changes the
 * tenant. Precedence (GRT001) is `engine/tenant/lookup.ts`'s; this file only remembers answers.
 */
import {
  type E164,
  effectiveEmergencyCallRoutingPolicy,
  effectivePolicyName,
  effectiveSharedCallingPolicy,
  effectiveVoiceRoutingPolicy,
  type EmergencyCallRoutingPolicy,
  findResourceAccount,
  type GrantSource,
  type PhoneNumber,
  policyHoldingEmergencyNumber,
  type ResourceAccount,
  type SharedCallingPolicy,
  type Tenant,
  type User,
  type VoiceRoutingPolicy,
} from '../tenant/index.js';

/** What a call by or to one user needs to know about the tenant. */
export interface UserFacts {
  user: User;
  /** Effective Shared Calling policy (GRT001); undefined only if even Global is missing. */
  sharedCallingPolicy: SharedCallingPolicy | undefined;
  sharedCallingPolicySource: GrantSource;
  /** The policy's resource account, or undefined (an empty Global, or a dangling ObjectId). */
  resourceAccount: ResourceAccount | undefined;
  /** The resource account's number, or undefined when it has none (OUT004, RA007). */
  resourceAccountNumber: PhoneNumber | undefined;
  voiceRoutingPolicy: VoiceRoutingPolicy | undefined;
  voiceRoutingPolicySource: GrantSource;
  /** PSTN usages of the effective voice routing policy; above 0 the user bypasses Shared Calling (USR004). */
  voiceRoutingUsageCount: number;
  /** The user's own emergency call routing policy (network-site overrides are applied by the call). */
  emergencyCallRoutingPolicy: EmergencyCallRoutingPolicy | undefined;
  /** The user's own number, if any (USR003, OUT003). */
  ownNumber: PhoneNumber | undefined;
  hasTeamsPhoneLicence: boolean;
  hasCallingPlanLicence: boolean;
  enterpriseVoiceEnabled: boolean;
}

/** What an inbound call to a number reaches. */
export interface NumberFacts {
  number: PhoneNumber | undefined;
  /** The resource account the number is assigned to, if any. */
  resourceAccount: ResourceAccount | undefined;
  /** The user the number is assigned to, if any. */
  user: User | undefined;
  /** The Shared Calling policy that holds it as an emergency callback number, if any. */
  emergencyNumberOf: SharedCallingPolicy | undefined;
}

export class TenantView {
  private current: Tenant;
  private readonly facts = new Map<string, UserFacts>();
  private readonly numberFacts = new Map<E164, NumberFacts>();
  /** Built on first use after each invalidation: lookups by ObjectId and by assignee. */
  private usersById: Map<string, User> | undefined;
  private numbersByAssignee: Map<string, PhoneNumber> | undefined;
  private numbersByValue: Map<E164, PhoneNumber> | undefined;

  constructor(tenant: Tenant) {
    this.current = tenant;
  }

  get tenant(): Tenant {
    return this.current;
  }

  /**
   * Forget every cached answer; with *tenant*, look at that tenant from now on (cmdlets may
   * return a new tenant rather than change the old one).
   */
  invalidate(tenant?: Tenant): void {
    if (tenant !== undefined) this.current = tenant;
    this.facts.clear();
    this.numberFacts.clear();
    this.usersById = undefined;
    this.numbersByAssignee = undefined;
    this.numbersByValue = undefined;
  }

  /** The facts of the user with ObjectId *objectId*, or undefined if there is no such user. */
  user(objectId: string): UserFacts | undefined {
    const cached = this.facts.get(objectId);
    if (cached !== undefined) return cached;
    const user = this.userIndex().get(objectId);
    if (user === undefined) return undefined;
    const built = this.build(user);
    this.facts.set(objectId, built);
    return built;
  }

  /** What an inbound call to *telephoneNumber* (canonical E.164) reaches. */
  number(telephoneNumber: E164): NumberFacts {
    const cached = this.numberFacts.get(telephoneNumber);
    if (cached !== undefined) return cached;
    const tenant = this.current;
    const number = this.numberIndex().get(telephoneNumber);
    const assignee = number?.assignedPstnTargetId ?? null;
    const built: NumberFacts = {
      number,
      resourceAccount: assignee === null ? undefined : findResourceAccount(tenant, assignee),
      user: assignee === null ? undefined : this.userIndex().get(assignee),
      emergencyNumberOf: policyHoldingEmergencyNumber(tenant, telephoneNumber),
    };
    this.numberFacts.set(telephoneNumber, built);
    return built;
  }

  private build(user: User): UserFacts {
    const tenant = this.current;
    const scp = effectiveSharedCallingPolicy(tenant, user);
    const vrp = effectiveVoiceRoutingPolicy(tenant, user);
    const ra = scp?.resourceAccount == null ? undefined : findResourceAccount(tenant, scp.resourceAccount);
    const assigned = this.assigneeIndex();
    return {
      user,
      sharedCallingPolicy: scp,
      sharedCallingPolicySource: effectivePolicyName(tenant, user, 'SharedCalling').source,
      resourceAccount: ra,
      resourceAccountNumber: ra === undefined ? undefined : assigned.get(ra.objectId),
      voiceRoutingPolicy: vrp,
      voiceRoutingPolicySource: effectivePolicyName(tenant, user, 'VoiceRouting').source,
      voiceRoutingUsageCount: vrp?.onlinePstnUsages.length ?? 0,
      emergencyCallRoutingPolicy: effectiveEmergencyCallRoutingPolicy(tenant, user),
      ownNumber: assigned.get(user.objectId),
      hasTeamsPhoneLicence: user.licences.includes('TeamsPhone'),
      hasCallingPlanLicence: user.licences.includes('CallingPlan'),
      enterpriseVoiceEnabled: user.enterpriseVoiceEnabled,
    };
  }

  // NOTE: lookup.ts scans arrays, which is right for one cmdlet but quadratic over a run with
  // thousands of users; these indexes answer the same identity questions in constant time.
  private userIndex(): Map<string, User> {
    this.usersById ??= new Map(this.current.users.map((u) => [u.objectId, u]));
    return this.usersById;
  }

  private assigneeIndex(): Map<string, PhoneNumber> {
    if (this.numbersByAssignee === undefined) {
      const index = new Map<string, PhoneNumber>();
      for (const n of this.current.numbers) {
        // The first assignment wins, as `numberAssignedTo` would answer.
        if (n.assignedPstnTargetId !== null && !index.has(n.assignedPstnTargetId)) index.set(n.assignedPstnTargetId, n);
      }
      this.numbersByAssignee = index;
    }
    return this.numbersByAssignee;
  }

  private numberIndex(): Map<E164, PhoneNumber> {
    if (this.numbersByValue === undefined) {
      const index = new Map<E164, PhoneNumber>();
      for (const n of this.current.numbers) if (!index.has(n.telephoneNumber)) index.set(n.telephoneNumber, n);
      this.numbersByValue = index;
    }
    return this.numbersByValue;
  }
}
