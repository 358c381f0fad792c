/**
 * A cache over a tenant for the hot path of a run: per user, the resolved facts a call needs,
 * built on first use. When a timeline cmdlet changes the tenant, `apply` takes its change events
 * (engine/tenant/changes.ts) and drops the answers they can make wrong; `invalidate()` drops
 * everything. Precedence (GRT001) is `engine/tenant/lookup.ts`'s; this file only remembers answers.
 */
import {
  type E164,
  effectiveEmergencyCallRoutingPolicy,
  effectivePolicyName,
  effectiveSharedCallingPolicy,
  effectiveVoiceRoutingPolicy,
  type EmergencyCallRoutingPolicy,
  findResourceAccount,
  isExtensionDialingNumber,
  type GrantSource,
  type PhoneNumber,
  policyHoldingEmergencyNumber,
  policyKey,
  type ResourceAccount,
  type SharedCallingPolicy,
  type Tenant,
  type TenantChange,
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
  /**
   * The user calls the PSTN with their own number (OUT003, EMG008): they have one, and it is not
   * a Direct Routing extension-dialing number, which leaves them on Shared Calling (USR003).
   */
  callsWithOwnNumber: boolean;
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

  /**
   * Follow one change of the tenant (already made): drop the cached answers it can make wrong,
   * and nothing else. Cached facts hold the tenant's live objects (the user, the policies, the
   * numbers), so a change made in place to one of them (a policy's emergency list, a number's
   * location, an auto attendant association) is seen without dropping anything; what is dropped
   * is what the facts copied or resolved:
   *
   * - numberAcquired / numberReleased / numberPortedOut: the number's own facts and the index by
   *   number; with a previous holder, the index by holder and the facts of the holder and of the
   *   users sharing that resource account (their resourceAccountNumber).
   * - numberAssigned / numberUnassigned: the same for the number's new or previous holder.
   * - numberLocationChanged: nothing (facts hold the number, whose location is read through).
   * - enterpriseVoiceChanged: that user's facts (the flag is copied).
   * - userAdded: the index by ObjectId, and number facts whose holder had no user.
   * - resourceAccountAdded: facts that name a resource account that did not exist (a policy's
   *   dangling ObjectId, a number's dangling holder).
   * - sharedCallingPolicyCreated, voiceRoutingPolicyCreated, emergencyCallRoutingPolicyCreated:
   *   every user's facts. A grant naming a policy that did not exist fell through to the next in
   *   precedence (GRT001); finding whose grant now resolves differently would be resolving
   *   everyone again, so all are dropped (the next call of each user rebuilds its facts). A new
   *   Shared Calling policy also drops the facts of its emergency numbers.
   * - sharedCallingPolicyChanged: with a new resource account, the facts of users whose
   *   effective policy it is; the facts of numbers added to or removed from its list.
   * - sharedCallingPolicyRemoved: the facts of users whose effective policy it was (no other
   *   user's precedence can change: the policy they resolve to still exists) and of its numbers.
   * - voiceRoutingPolicyChanged: the facts of users whose effective policy it is (the usage
   *   count is copied).
   * - policyGranted: to a user, that user's facts; to a group, the facts of its members; to the
   *   tenant, every user's facts; to a resource account, nothing (no user fact holds its VRP).
   * - Anything else (locations, groups, sites, auto attendants, PSTN usages, emergency call
   *   routing policy contents, credits): nothing, no fact here depends on them.
   */
  apply(change: TenantChange): void {
    switch (change.type) {
      case 'numberAcquired':
        this.numbersByValue = undefined;
        this.numberFacts.delete(change.telephoneNumber);
        return;
      case 'numberReleased':
      case 'numberPortedOut':
        this.numbersByValue = undefined;
        this.numberFacts.delete(change.telephoneNumber);
        if (change.previousAssignee !== null) this.holderChanged(change.previousAssignee);
        return;
      case 'numberAssigned':
        this.numberFacts.delete(change.telephoneNumber);
        this.holderChanged(change.assignee);
        return;
      case 'numberUnassigned':
        this.numberFacts.delete(change.telephoneNumber);
        this.holderChanged(change.previousAssignee);
        return;
      case 'enterpriseVoiceChanged':
        this.facts.delete(change.objectId);
        return;
      case 'userAdded':
        this.usersById = undefined;
        this.dropNumberFacts((f) => f.number?.assignedPstnTargetId === change.objectId);
        return;
      case 'resourceAccountAdded':
        this.dropUserFacts((f) => f.resourceAccount === undefined && f.sharedCallingPolicy?.resourceAccount != null);
        this.dropNumberFacts((f) => f.number?.assignedPstnTargetId != null && f.resourceAccount === undefined && f.user === undefined);
        return;
      case 'sharedCallingPolicyCreated':
        this.facts.clear();
        for (const n of change.emergencyNumbers) this.numberFacts.delete(n);
        return;
      case 'voiceRoutingPolicyCreated':
      case 'emergencyCallRoutingPolicyCreated':
        this.facts.clear();
        return;
      case 'sharedCallingPolicyChanged': {
        const key = policyKey(change.identity);
        if (change.resourceAccount !== undefined) {
          this.dropUserFacts((f) => f.sharedCallingPolicy !== undefined && policyKey(f.sharedCallingPolicy.identity) === key);
        }
        for (const n of [...(change.emergencyNumbers?.added ?? []), ...(change.emergencyNumbers?.removed ?? [])]) this.numberFacts.delete(n);
        return;
      }
      case 'sharedCallingPolicyRemoved': {
        const key = policyKey(change.identity);
        this.dropUserFacts((f) => f.sharedCallingPolicy !== undefined && policyKey(f.sharedCallingPolicy.identity) === key);
        for (const n of change.emergencyNumbers) this.numberFacts.delete(n);
        return;
      }
      case 'voiceRoutingPolicyChanged': {
        const key = policyKey(change.identity);
        this.dropUserFacts((f) => f.voiceRoutingPolicy !== undefined && policyKey(f.voiceRoutingPolicy.identity) === key);
        return;
      }
      case 'policyGranted': {
        const target = change.target;
        if (target.kind === 'user') this.facts.delete(target.objectId);
        else if (target.kind === 'group') this.dropUserFacts((f) => f.user.groups.includes(target.groupId));
        else if (target.kind === 'tenant') this.facts.clear();
        return;
      }
      case 'numberLocationChanged':
      case 'locationAdded':
      case 'groupAdded':
      case 'autoAttendantAdded':
      case 'autoAttendantChanged':
      case 'autoAttendantAssociated':
      case 'autoAttendantDisassociated':
      case 'autoAttendantRemoved':
      case 'networkSiteAdded':
      case 'networkChanged':
      case 'callQueueChanged':
      case 'callQueueAssociated':
      case 'pstnUsagesChanged':
      case 'emergencyCallRoutingPolicyChanged':
      case 'creditsChanged':
        return;
      default:
        // A new kind of change must be decided on here.
        change satisfies never;
    }
  }

  /** `apply` for each change in turn. */
  applyAll(changes: readonly TenantChange[]): void {
    for (const change of changes) this.apply(change);
  }

  /** A number was given to or taken from *objectId*: it, and users sharing it as a resource account. */
  private holderChanged(objectId: string): void {
    this.numbersByAssignee = undefined;
    this.dropUserFacts((f) => f.user.objectId === objectId || f.resourceAccount?.objectId === objectId);
  }

  private dropUserFacts(affected: (facts: UserFacts) => boolean): void {
    for (const [id, facts] of this.facts) if (affected(facts)) this.facts.delete(id);
  }

  private dropNumberFacts(affected: (facts: NumberFacts) => boolean): void {
    for (const [n, facts] of this.numberFacts) if (affected(facts)) this.numberFacts.delete(n);
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
    const ownNumber = assigned.get(user.objectId);
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
      ownNumber,
      callsWithOwnNumber: ownNumber !== undefined && !isExtensionDialingNumber(tenant, user, ownNumber),
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
