/**
 * Questions several findings ask about a tenant's Shared Calling set-up: which resource account
 * and number a policy shares, which users share it, and the auto attendant that answers it.
 */
import { effectiveSharedCallingPolicy, findResourceAccount, numberAssignedTo } from '../lookup.js';
import type {
  AutoAttendant,
  CallFlow,
  Menu,
  PhoneNumber,
  ResourceAccount,
  SharedCallingPolicy,
  Tenant,
  User,
} from '../model.js';

/** A Shared Calling policy that names a resource account, with what that account has now. */
export interface SharedLine {
  policy: SharedCallingPolicy;
  /** undefined when the named account no longer exists (SC001, reported by POL001). */
  resourceAccount: ResourceAccount | undefined;
  /** The shared number; undefined when removed or ported (RA007). */
  number: PhoneNumber | undefined;
}

/** Every policy with a resource account, in tenant order (an empty Global has none). */
export function sharedLines(tenant: Tenant): SharedLine[] {
  const lines: SharedLine[] = [];
  for (const policy of tenant.sharedCallingPolicies) {
    if (policy.resourceAccount === null) continue;
    lines.push(sharedLineOf(tenant, policy, policy.resourceAccount));
  }
  return lines;
}

function sharedLineOf(tenant: Tenant, policy: SharedCallingPolicy, accountId: string): SharedLine {
  const resourceAccount = findResourceAccount(tenant, accountId);
  const number = resourceAccount === undefined ? undefined : numberAssignedTo(tenant, resourceAccount.objectId);
  return { policy, resourceAccount, number };
}

/**
 * The shared line a user calls through: their effective Shared Calling policy, when it names a
 * resource account ("a user granted a Shared Calling policy" in docs/rules.md section 2).
 */
export function sharedLineOfUser(tenant: Tenant, user: User): SharedLine | undefined {
  const policy = effectiveSharedCallingPolicy(tenant, user);
  if (policy === undefined || policy.resourceAccount === null) return undefined;
  return sharedLineOf(tenant, policy, policy.resourceAccount);
}

/** Resource accounts some Shared Calling policy names, each once, in tenant order. */
export function sharedResourceAccounts(tenant: Tenant): ResourceAccount[] {
  const used = new Set(sharedLines(tenant).flatMap((l) => (l.resourceAccount ? [l.resourceAccount.objectId] : [])));
  return tenant.resourceAccounts.filter((r) => used.has(r.objectId));
}

export function attendantOf(tenant: Tenant, account: ResourceAccount | undefined): AutoAttendant | undefined {
  if (account === undefined || account.autoAttendantId === null) return undefined;
  return findAutoAttendant(tenant, account.autoAttendantId);
}

export function findAutoAttendant(tenant: Tenant, id: string): AutoAttendant | undefined {
  const key = id.trim().toLowerCase();
  return tenant.autoAttendants.find((a) => a.id.toLowerCase() === key);
}

/** Inbound callers can reach the user by the attendant: exclusion beats inclusion; no inclusion list means everyone. */
export function inDialScope(attendant: AutoAttendant, user: User): boolean {
  const { includeGroups, excludeGroups } = attendant.dialScope;
  if (user.groups.some((g) => excludeGroups.includes(g))) return false;
  return includeGroups === null || user.groups.some((g) => includeGroups.includes(g));
}

/** The attendant's call flows with where each runs, for messages. */
export function callFlowsOf(attendant: AutoAttendant): { where: string; flow: CallFlow }[] {
  const flows = [{ where: 'default call flow', flow: attendant.defaultCallFlow }];
  if (attendant.afterHoursCallFlow !== null) flows.push({ where: 'after-hours call flow', flow: attendant.afterHoursCallFlow });
  for (const holiday of attendant.holidays) flows.push({ where: `holiday ${holiday.name} call flow`, flow: holiday.callFlow });
  return flows;
}

export function menusOf(attendant: AutoAttendant): { where: string; menu: Menu }[] {
  return callFlowsOf(attendant).flatMap(({ where, flow }) =>
    flow.action.kind === 'menu' ? [{ where, menu: flow.action.menu }] : [],
  );
}
