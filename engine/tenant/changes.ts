/**
 * What a tenant operation changed, in the domain's words (DESIGN.md principle 8): a number
 * released, a policy's list changed, a grant added. Every operation that changes the tenant
 * returns its changes in the order it made them; one that changes nothing (or is refused) returns
 * none. Whoever keeps something derived from the tenant (the runtime's caches and callback pools)
 * subscribes to these instead of comparing snapshots.
 *
 * A change names what changed (the number, the policy, the user...) and carries what a listener
 * needs without reading the tenant back; listeners may still read the tenant, which is already in
 * its new state when the changes are handed out.
 */
import type { ApplicationType, E164, EmergencyNumber, NumberType, PolicyType } from './model.js';

/** Who a Grant-Cs...Policy went to, resolved to ids (a user's ObjectId, a group's id). */
export type GrantedTo =
  | { kind: 'user'; objectId: string }
  /** rank is null when the group's grant was removed (-PolicyName $null). */
  | { kind: 'group'; groupId: string; rank: number | null }
  | { kind: 'tenant' }
  /** Grant-CsOnlineVoiceRoutingPolicy to a resource account (Direct Routing, RA006). */
  | { kind: 'resourceAccount'; objectId: string };

/** The tenant's number inventory and who holds each number. */
export type NumberChange =
  /** A number joined the inventory, unassigned (ordered, ported in, uploaded). */
  | { type: 'numberAcquired'; telephoneNumber: E164; numberType: NumberType }
  /** Remove-CsOnlineTelephoneNumber: the number left the inventory; whoever held it lost it. */
  | { type: 'numberReleased'; telephoneNumber: E164; previousAssignee: string | null }
  /** Move-CsSimPhoneNumberOut: the number was ported to another carrier and left the inventory. */
  | { type: 'numberPortedOut'; telephoneNumber: E164; previousAssignee: string | null }
  /** Set-CsPhoneNumberAssignment: the number is now assigned to a user or resource account. */
  | { type: 'numberAssigned'; telephoneNumber: E164; assignee: string; assigneeKind: 'user' | 'resourceAccount' }
  /** Remove-CsPhoneNumberAssignment: the number is no longer assigned (it stays in the inventory). */
  | { type: 'numberUnassigned'; telephoneNumber: E164; previousAssignee: string }
  /** The number's emergency location changed (null: it has none now). */
  | { type: 'numberLocationChanged'; telephoneNumber: E164; locationId: string | null; previousLocationId: string | null };

/** Users, groups, resource accounts, auto attendants, emergency locations and network sites. */
export type DirectoryChange =
  | { type: 'locationAdded'; locationId: string; civicAddressId: string }
  | { type: 'groupAdded'; groupId: string }
  | { type: 'userAdded'; objectId: string }
  /** A user's EnterpriseVoiceEnabled flag changed (by itself, or with a number, NUM005). */
  | { type: 'enterpriseVoiceChanged'; objectId: string; enabled: boolean }
  | { type: 'resourceAccountAdded'; objectId: string; applicationType: ApplicationType }
  | { type: 'autoAttendantAdded'; autoAttendantId: string }
  /** An auto attendant's definition (schedule, call flows, dial scope, ...) was replaced. */
  | { type: 'autoAttendantChanged'; autoAttendantId: string }
  /** A resource account now answers for an auto attendant (RA001). */
  | { type: 'autoAttendantAssociated'; resourceAccount: string; autoAttendantId: string; previousAutoAttendantId: string | null }
  /** Remove-CsOnlineApplicationInstanceAssociation: the resource account answers for no attendant now (RA001). */
  | { type: 'autoAttendantDisassociated'; resourceAccount: string; previousAutoAttendantId: string }
  /** Remove-CsAutoAttendant: the attendant is gone (nothing pointed at it, AA019). */
  | { type: 'autoAttendantRemoved'; autoAttendantId: string }
  | { type: 'networkSiteAdded'; siteId: string }
  /** A network region, site, subnet, trusted IP or LIS entry was added or changed (dynamic emergency calling). */
  | { type: 'networkChanged'; element: 'region' | 'site' | 'subnet' | 'trustedIp' | 'lis'; id: string }
  /** A call queue was created, changed or removed (New-/Set-/Remove-CsCallQueue). */
  | { type: 'callQueueChanged'; identity: string }
  /** A resource account now answers for a call queue, or for none (CQ004; a removed queue). */
  | { type: 'callQueueAssociated'; resourceAccount: string; callQueueId: string | null; previousCallQueueId: string | null };

/** Shared Calling policies: the shared resource account and the emergency callback numbers. */
export type SharedCallingChange =
  | { type: 'sharedCallingPolicyCreated'; identity: string; resourceAccount: string; emergencyNumbers: E164[] }
  /**
   * Only what changed is present: the resource account (ObjectId, null for an emptied Global),
   * the emergency numbers (the new list in order, with what was added and removed; a reordered
   * list has neither), the description.
   */
  | {
      type: 'sharedCallingPolicyChanged';
      identity: string;
      resourceAccount?: { from: string | null; to: string | null };
      emergencyNumbers?: { list: E164[]; added: E164[]; removed: E164[] };
      description?: string;
    }
  /** The policy is gone (what it held is given); users granted it fall back (GRT001). */
  | { type: 'sharedCallingPolicyRemoved'; identity: string; resourceAccount: string | null; emergencyNumbers: E164[] };

/** Grant-Cs...Policy (policyName null: the grant was removed). */
export type GrantChange = { type: 'policyGranted'; policyType: PolicyType; policyName: string | null; target: GrantedTo };

/** PSTN usages, online voice routing policies, emergency call routing policies. */
export type VoicePolicyChange =
  | { type: 'pstnUsagesChanged'; usages: string[] }
  | { type: 'voiceRoutingPolicyCreated'; identity: string; onlinePstnUsages: string[] }
  | { type: 'voiceRoutingPolicyChanged'; identity: string; onlinePstnUsages: string[] }
  | { type: 'emergencyCallRoutingPolicyCreated'; identity: string }
  /** Only what changed is present (the new values). */
  | {
      type: 'emergencyCallRoutingPolicyChanged';
      identity: string;
      emergencyNumbers?: EmergencyNumber[];
      allowEnhancedEmergencyServices?: boolean;
      description?: string;
    };

/**
 * Pay-As-You-Go Communications Credits. balanceDelta is the balance after minus the balance
 * before (0 when only settings changed) and balance the balance after; settingsChanged says
 * whether anything besides the balance changed (auto-recharge, overage, rates).
 */
export type CreditsChange = { type: 'creditsChanged'; balanceDelta: number; balance: number; settingsChanged: boolean };

export type TenantChange = NumberChange | DirectoryChange | SharedCallingChange | GrantChange | VoicePolicyChange | CreditsChange;

export type TenantChangeType = TenantChange['type'];

/** The change of one type, e.g. `ChangeOf<'numberPortedOut'>`. */
export type ChangeOf<K extends TenantChangeType> = Extract<TenantChange, { type: K }>;

/** Every change type, for listeners and tests that must consider each. */
export const TENANT_CHANGE_TYPES = [
  'numberAcquired',
  'numberReleased',
  'numberPortedOut',
  'numberAssigned',
  'numberUnassigned',
  'numberLocationChanged',
  'locationAdded',
  'groupAdded',
  'userAdded',
  'enterpriseVoiceChanged',
  'resourceAccountAdded',
  'autoAttendantAdded',
  'autoAttendantChanged',
  'autoAttendantAssociated',
  'autoAttendantDisassociated',
  'autoAttendantRemoved',
  'networkSiteAdded',
  'networkChanged',
  'callQueueChanged',
  'callQueueAssociated',
  'sharedCallingPolicyCreated',
  'sharedCallingPolicyChanged',
  'sharedCallingPolicyRemoved',
  'policyGranted',
  'pstnUsagesChanged',
  'voiceRoutingPolicyCreated',
  'voiceRoutingPolicyChanged',
  'emergencyCallRoutingPolicyCreated',
  'emergencyCallRoutingPolicyChanged',
  'creditsChanged',
] as const satisfies readonly TenantChangeType[];

// The list above names every type: a new type that is not listed fails to compile here.
type Unlisted = Exclude<TenantChangeType, (typeof TENANT_CHANGE_TYPES)[number]>;
const _everyTypeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void _everyTypeListed;

/** Plain-data equality (what structuredClone keeps), for operations deciding whether they changed anything. */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
