/**
 * New-/Set-/Remove-CsTeamsSharedCallingRoutingPolicy as typed operations. New and Set build the
 * policy they would store, check it whole (SC001-SC012, checks.ts) and store it only if clean.
 */
import type { ChangeOf } from '../changes.js';
import type { Refusal } from '../cmdlet.js';
import { findResourceAccount, findSharedCallingPolicy, policyKey } from '../lookup.js';
import type { E164, SharedCallingPolicy, Tenant } from '../model.js';
import { normalizeTelephoneNumber } from '../phone-number.js';
import { sharedCallingPolicyViolations } from './checks.js';
import { applyListChange, type ListChange } from './list-modifier.js';
import { refuse, succeed, type OpResult } from './result.js';
import { psQuote } from '../ps-quote.js';

export interface NewSharedCallingPolicyParams {
  identity: string;
  /** ObjectId of the resource account (a UPN is accepted with a warning, see resolveResourceAccount). */
  resourceAccount: string | null;
  emergencyNumbers?: ListChange<string>;
  description?: string;
}

export interface SetSharedCallingPolicyParams {
  identity: string;
  resourceAccount?: string;
  emergencyNumbers?: ListChange<string>;
  description?: string;
}

type Resolved<T> = { ok: true; value: T; warnings: string[] } | { ok: false; refusal: Refusal };

/**
 * The resource account's ObjectId. Teams takes only the ObjectId; callsim also accepts the UPN
 * [choice: friendlier] but warns with the expression that works in a real tenant.
 */
function resolveResourceAccount(t: Tenant, given: string, policy: string): Resolved<string> {
  const ra = findResourceAccount(t, given);
  if (ra === undefined) {
    return refuse('SC001', `resource account ${given} for Shared Calling policy ${policy} does not exist; -ResourceAccount takes the resource account's ObjectId, e.g. (Get-CsOnlineUser main-aa@contoso.com).Identity.`);
  }
  const warnings =
    ra.objectId.toLowerCase() === given.trim().toLowerCase()
      ? []
      : [`-ResourceAccount ${given}: Teams accepts only the ObjectId here; in a real tenant pass (Get-CsOnlineUser ${psQuote(ra.userPrincipalName)}).Identity (${ra.objectId}).`];
  return { ok: true, value: ra.objectId, warnings };
}

function normalizeChange(change: ListChange<string>): Resolved<ListChange<E164>> {
  const out: ListChange<E164> = {};
  for (const key of ['add', 'remove', 'replace'] as const) {
    const list = change[key];
    if (list === undefined) continue;
    const normalized: E164[] = [];
    for (const raw of list) {
      const n = normalizeTelephoneNumber(raw);
      if (!n.ok) return n;
      normalized.push(n.number);
    }
    out[key] = normalized;
  }
  return { ok: true, value: out, warnings: [] };
}

function applyEmergencyNumbers(current: E164[], change: ListChange<string> | undefined, policy: string): Resolved<E164[]> {
  if (change === undefined) return { ok: true, value: current, warnings: [] };
  const normalized = normalizeChange(change);
  if (!normalized.ok) return normalized;
  const applied = applyListChange(current, normalized.value, (a, b) => a === b, (x) => x);
  if (!applied.ok) {
    return refuse('SC012', `-EmergencyNumbers of Shared Calling policy ${policy}: ${applied.problem}.`);
  }
  return { ok: true, value: applied.list, warnings: [] };
}

function checkWhole(t: Tenant, policy: SharedCallingPolicy): Refusal | undefined {
  return sharedCallingPolicyViolations(t, policy)[0];
}

function summary(t: Tenant, p: SharedCallingPolicy): string {
  const ra = p.resourceAccount === null ? undefined : findResourceAccount(t, p.resourceAccount);
  const raNumber = ra === undefined ? undefined : t.numbers.find((n) => n.assignedPstnTargetId === ra.objectId);
  const raText = ra === undefined ? 'no resource account' : `resource account ${ra.userPrincipalName}${raNumber === undefined ? '' : ` (${raNumber.telephoneNumber})`}`;
  const numbers = p.emergencyNumbers.length === 0 ? 'no emergency numbers' : `emergency numbers ${p.emergencyNumbers.join(', ')}`;
  return `${raText}, ${numbers}`;
}

export function newSharedCallingPolicy(t: Tenant, params: NewSharedCallingPolicyParams): OpResult<SharedCallingPolicy> {
  const identity = params.identity.trim().replace(/^tag:/i, '');
  if (identity === '') return refuse('SC001', 'New-CsTeamsSharedCallingRoutingPolicy needs -Identity, the policy name (e.g. Seattle).');
  if (identity.toLowerCase() === 'global') {
    return refuse('SC001', 'the Global Shared Calling policy always exists and cannot be created; change it with Set-CsTeamsSharedCallingRoutingPolicy -Identity Global.');
  }
  if (findSharedCallingPolicy(t, identity) !== undefined) {
    return refuse('SC001', `a Shared Calling policy ${identity} already exists; change it with Set-CsTeamsSharedCallingRoutingPolicy -Identity ${psQuote(identity)}.`);
  }
  if (params.resourceAccount === null || params.resourceAccount.trim() === '') {
    return refuse('SC001', `New-CsTeamsSharedCallingRoutingPolicy -Identity ${psQuote(identity)} needs -ResourceAccount, the resource account's ObjectId, e.g. (Get-CsOnlineUser main-aa@contoso.com).Identity.`);
  }
  const ra = resolveResourceAccount(t, params.resourceAccount, identity);
  if (!ra.ok) return ra;
  const numbers = applyEmergencyNumbers([], params.emergencyNumbers, identity);
  if (!numbers.ok) return numbers;
  const policy: SharedCallingPolicy = {
    identity,
    resourceAccount: ra.value,
    emergencyNumbers: numbers.value,
    description: params.description ?? '',
  };
  const broken = checkWhole(t, policy);
  if (broken !== undefined) return { ok: false, refusal: broken };
  t.sharedCallingPolicies.push(policy);
  return succeed(
    policy,
    [`Shared Calling policy ${identity} created: ${summary(t, policy)}`],
    [{ type: 'sharedCallingPolicyCreated', identity, resourceAccount: ra.value, emergencyNumbers: [...policy.emergencyNumbers] }],
    ra.warnings,
  );
}

export function setSharedCallingPolicy(t: Tenant, params: SetSharedCallingPolicyParams): OpResult<SharedCallingPolicy> {
  const existing = findSharedCallingPolicy(t, params.identity);
  if (existing === undefined) {
    return refuse('SC001', `there is no Shared Calling policy ${params.identity}; create it with New-CsTeamsSharedCallingRoutingPolicy.`);
  }
  const name = existing.identity;
  let warnings: string[] = [];
  let resourceAccount = existing.resourceAccount;
  if (params.resourceAccount !== undefined) {
    const ra = resolveResourceAccount(t, params.resourceAccount, name);
    if (!ra.ok) return ra;
    resourceAccount = ra.value;
    warnings = ra.warnings;
  }
  const numbers = applyEmergencyNumbers(existing.emergencyNumbers, params.emergencyNumbers, name);
  if (!numbers.ok) return numbers;
  const next: SharedCallingPolicy = {
    identity: name,
    resourceAccount,
    emergencyNumbers: numbers.value,
    description: params.description ?? existing.description,
  };
  const broken = checkWhole(t, next);
  if (broken !== undefined) return { ok: false, refusal: broken };
  const added = next.emergencyNumbers.filter((n) => !existing.emergencyNumbers.includes(n));
  const removed = existing.emergencyNumbers.filter((n) => !next.emergencyNumbers.includes(n));
  const event = policyChange(existing, next);
  Object.assign(existing, next);
  const parts: string[] = [];
  if (added.length > 0) parts.push(`added ${added.join(', ')}`);
  if (removed.length > 0) parts.push(`removed ${removed.join(', ')}`);
  const detail = parts.length > 0 ? `${parts.join('; ')}; now ` : '';
  return succeed(existing, [`Shared Calling policy ${name} changed: ${detail}${summary(t, existing)}`], event === undefined ? [] : [event], warnings);
}

/** What going from *before* to *after* changes in one policy, or undefined when nothing does. */
function policyChange(before: SharedCallingPolicy, after: SharedCallingPolicy): ChangeOf<'sharedCallingPolicyChanged'> | undefined {
  const event: ChangeOf<'sharedCallingPolicyChanged'> = { type: 'sharedCallingPolicyChanged', identity: before.identity };
  let changed = false;
  if (before.resourceAccount !== after.resourceAccount) {
    event.resourceAccount = { from: before.resourceAccount, to: after.resourceAccount };
    changed = true;
  }
  const list = after.emergencyNumbers;
  if (list.length !== before.emergencyNumbers.length || list.some((n, i) => n !== before.emergencyNumbers[i])) {
    event.emergencyNumbers = {
      list: [...list],
      added: list.filter((n) => !before.emergencyNumbers.includes(n)),
      removed: before.emergencyNumbers.filter((n) => !list.includes(n)),
    };
    changed = true;
  }
  if (before.description !== after.description) {
    event.description = after.description;
    changed = true;
  }
  return changed ? event : undefined;
}

/** Global is reset to empty rather than removed (SC001); users of a removed policy fall back. */
export function removeSharedCallingPolicy(t: Tenant, identity: string): OpResult {
  const existing = findSharedCallingPolicy(t, identity);
  if (existing === undefined) {
    return refuse('SC001', `there is no Shared Calling policy ${identity} to remove (Get-CsTeamsSharedCallingRoutingPolicy lists them).`);
  }
  if (policyKey(identity) === 'global') {
    const event = policyChange(existing, { ...existing, resourceAccount: null, emergencyNumbers: [], description: '' });
    existing.resourceAccount = null;
    existing.emergencyNumbers = [];
    existing.description = '';
    return succeed(undefined, ['Shared Calling policy Global reset to empty (the Global instance cannot be removed)'], event === undefined ? [] : [event]);
  }
  t.sharedCallingPolicies.splice(t.sharedCallingPolicies.indexOf(existing), 1);
  const holders = t.users.filter((u) => u.policies.sharedCalling !== null && policyKey(u.policies.sharedCalling) === policyKey(existing.identity));
  const warnings = holders.length > 0 ? [`${holders.length} user(s) granted Shared Calling policy ${existing.identity} directly now fall back to the next policy in precedence.`] : [];
  return succeed(
    undefined,
    [`Shared Calling policy ${existing.identity} removed`],
    [{ type: 'sharedCallingPolicyRemoved', identity: existing.identity, resourceAccount: existing.resourceAccount, emergencyNumbers: [...existing.emergencyNumbers] }],
    warnings,
  );
}
