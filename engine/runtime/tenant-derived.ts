/**
 * What a run works out from the tenant besides the per-user facts of TenantView: each auto
 * attendant's schedule and directory, whether the tenant mixes Calling Plan or Operator Connect
 * Shared Calling with Direct Routing (EMG006), and the resource accounts whose numbers are
 * shared. Each is built on first use and kept in step by the tenant's change events
 * (engine/tenant/changes.ts, DESIGN.md principle 8).
 */
import {
  type AutoAttendant,
  mixesSharedCallingWithDirectRouting,
  type Tenant,
  type TenantChange,
} from '../tenant/index.js';
import { AttendantSchedule } from './attendant-schedule.js';
import { Directory } from './directory.js';

/** One auto attendant, ready for calls: its definition, parsed schedule and directory. */
export interface AttendantEntry {
  autoAttendant: AutoAttendant;
  schedule: AttendantSchedule;
  directory: Directory;
}

/**
 * The resource accounts whose numbers are shared (named by a Shared Calling policy), in policy
 * order, each once.
 */
export function sharedResourceAccountIds(tenant: Tenant): string[] {
  const ids: string[] = [];
  for (const policy of tenant.sharedCallingPolicies) {
    if (policy.resourceAccount !== null && !ids.includes(policy.resourceAccount)) ids.push(policy.resourceAccount);
  }
  return ids;
}

/**
 * Derived facts of one tenant, updated by `apply(change)` after each change the tenant makes.
 * The events each one listens to, and why:
 *
 * - Attendants (by auto attendant id): autoAttendantAdded, autoAttendantChanged and
 *   autoAttendantRemoved drop that
 *   attendant (its definition is new); userAdded drops them all (every directory lists the
 *   tenant's users). Nothing else changes a schedule or a directory: no operation changes a
 *   user's names, groups, extension or address-list visibility, and dial scopes name groups by id.
 * - mixesSharedCallingWithDirectRouting: worked out again after a change to what a policy
 *   shares (sharedCallingPolicyCreated, sharedCallingPolicyRemoved, sharedCallingPolicyChanged
 *   with a new resource account), to who holds a number (numberAssigned, numberUnassigned,
 *   numberReleased, numberPortedOut) or to which resource accounts exist (resourceAccountAdded).
 *   A newly acquired number is unassigned and a number's type never changes, so numberAcquired
 *   and the rest leave it.
 * - sharedResourceAccountIds: worked out again after sharedCallingPolicyCreated,
 *   sharedCallingPolicyRemoved and sharedCallingPolicyChanged with a new resource account: only
 *   the policies' resource accounts and their order decide it.
 */
export class DerivedTenantFacts {
  private readonly current: Tenant;
  private readonly attendants = new Map<string, AttendantEntry>();
  private mixed: boolean | undefined;
  private shared: string[] | undefined;

  constructor(tenant: Tenant) {
    this.current = tenant;
  }

  get tenant(): Tenant {
    return this.current;
  }

  /** The auto attendant with id *id* (exactly), or undefined if there is none. */
  attendant(id: string): AttendantEntry | undefined {
    const cached = this.attendants.get(id);
    if (cached !== undefined) return cached;
    const aa = this.current.autoAttendants.find((a) => a.id === id);
    if (aa === undefined) return undefined;
    const built: AttendantEntry = { autoAttendant: aa, schedule: new AttendantSchedule(aa), directory: new Directory(this.current, aa) };
    this.attendants.set(id, built);
    return built;
  }

  /** Calling Plan or Operator Connect Shared Calling beside Direct Routing (EMG006). */
  get mixesSharedCallingWithDirectRouting(): boolean {
    this.mixed ??= mixesSharedCallingWithDirectRouting(this.current);
    return this.mixed;
  }

  /** The resource accounts whose numbers are shared, in policy order, each once. */
  get sharedResourceAccountIds(): readonly string[] {
    this.shared ??= sharedResourceAccountIds(this.current);
    return this.shared;
  }

  /** Follow one change of the tenant (already made); see the class comment for what each does. */
  apply(change: TenantChange): void {
    switch (change.type) {
      case 'autoAttendantAdded':
      case 'autoAttendantChanged':
      case 'autoAttendantRemoved': {
        const key = change.autoAttendantId.toLowerCase();
        for (const id of [...this.attendants.keys()]) if (id.toLowerCase() === key) this.attendants.delete(id);
        return;
      }
      case 'userAdded':
        this.attendants.clear();
        return;
      case 'sharedCallingPolicyCreated':
      case 'sharedCallingPolicyRemoved':
        this.mixed = undefined;
        this.shared = undefined;
        return;
      case 'sharedCallingPolicyChanged':
        if (change.resourceAccount !== undefined) {
          this.mixed = undefined;
          this.shared = undefined;
        }
        return;
      case 'numberAssigned':
      case 'numberUnassigned':
      case 'numberReleased':
      case 'numberPortedOut':
      case 'resourceAccountAdded':
        this.mixed = undefined;
        return;
      case 'numberAcquired':
      case 'numberLocationChanged':
      case 'locationAdded':
      case 'groupAdded':
      case 'enterpriseVoiceChanged':
      case 'autoAttendantAssociated':
      case 'autoAttendantDisassociated':
      case 'networkSiteAdded':
      case 'networkChanged':
      // Calls read call queues from the tenant when they reach one: nothing to keep current.
      case 'callQueueChanged':
      case 'callQueueAssociated':
      case 'policyGranted':
      case 'pstnUsagesChanged':
      case 'voiceRoutingPolicyCreated':
      case 'voiceRoutingPolicyChanged':
      case 'emergencyCallRoutingPolicyCreated':
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
}
