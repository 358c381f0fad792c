/**
 * The auto attendant cmdlets' operations: create, replace and remove an attendant, and associate
 * resource accounts with it. Unlike a scenario's declarations (addAutoAttendant, whose structure
 * is validate()'s business so that it can teach AA001-AA005), a cmdlet refuses an attendant that
 * Teams would refuse, with the finding's own rule ID.
 */
import type { TenantChange } from '../changes.js';
import { attendantFindings } from '../findings/auto-attendants.js';
import { callFlowsOf, findAutoAttendant } from '../findings/shared-calling.js';
import { findResourceAccount } from '../lookup.js';
import type { AutoAttendant, CallTarget, ResourceAccount, Tenant } from '../model.js';
import { deterministicGuid } from './directory.js';
import { refuse, succeed, succeedEmpty, type OpResult, type Refused } from './result.js';
import { addAutoAttendant, setAutoAttendant } from './setup.js';

/** Rules whose findings a cmdlet refuses; AA004 (a dead after-hours flow) stays a warning. */
const REFUSED_FINDINGS = new Set(['AA001', 'AA002', 'AA003', 'AA005']);

/** Refuses what the tenant cannot take (AA014, and the findings above); else the warnings to print. */
function checkAttendant(t: Tenant, aa: AutoAttendant): { ok: true; warnings: string[] } | Refused {
  for (const group of [...(aa.dialScope.includeGroups ?? []), ...aa.dialScope.excludeGroups]) {
    if (!t.groups.some((g) => g.id.toLowerCase() === group.toLowerCase())) {
      return refuse('AA014', `the dial scope names group ${group}, which does not exist.`);
    }
  }
  const findings = attendantFindings(t, aa);
  const refused = findings.find((f) => REFUSED_FINDINGS.has(f.rule));
  if (refused !== undefined) return { ok: false, refusal: { code: refused.rule, message: refused.message } };
  return { ok: true, warnings: findings.map((f) => `${f.message} ${f.fix}.`) };
}

/** A new attendant's Id: a GUID from its name, salted past the ids the tenant already has. */
export function newAutoAttendantId(t: Tenant, name: string): string {
  for (let salt = 0; ; salt++) {
    const id = deterministicGuid(`aa:${name.toLowerCase()}#${salt}`);
    if (findAutoAttendant(t, id) === undefined) return id;
  }
}

export function newAutoAttendant(t: Tenant, aa: AutoAttendant): OpResult<AutoAttendant> {
  const checked = checkAttendant(t, aa);
  if (!checked.ok) return checked;
  const added = addAutoAttendant(t, aa);
  return added.ok ? { ...added, warnings: [...added.warnings, ...checked.warnings] } : added;
}

export function replaceAutoAttendant(t: Tenant, aa: AutoAttendant): OpResult<AutoAttendant> {
  if (findAutoAttendant(t, aa.id) === undefined) return refuse('AA015', `there is no auto attendant ${aa.id}.`);
  const checked = checkAttendant(t, aa);
  if (!checked.ok) return checked;
  const set = setAutoAttendant(t, aa);
  return set.ok ? { ...set, warnings: [...set.warnings, ...checked.warnings] } : set;
}

function transfersTo(target: CallTarget | null, id: string): boolean {
  return target !== null && target.type === 'ConfigurationEndpoint' && target.id.toLowerCase() === id.toLowerCase();
}

/** Where *other* sends calls to the attendant *id*, for AA019's message; undefined when nowhere. */
function transferTo(other: AutoAttendant, id: string): string | undefined {
  if (transfersTo(other.operator, id)) return 'its operator';
  for (const { where, flow } of callFlowsOf(other)) {
    if (flow.action.kind === 'redirect' && transfersTo(flow.action.target, id)) return `its ${where}`;
    if (flow.action.kind === 'menu' && flow.action.menu.options.some((o) => transfersTo(o.target, id))) return `a menu option of its ${where}`;
  }
  return undefined;
}

export function removeAutoAttendant(t: Tenant, identity: string): OpResult {
  const aa = findAutoAttendant(t, identity);
  if (aa === undefined) return refuse('AA015', `there is no auto attendant ${identity}; Get-CsAutoAttendant lists them.`);
  const accounts = t.resourceAccounts.filter((r) => r.autoAttendantId?.toLowerCase() === aa.id.toLowerCase());
  if (accounts.length > 0) {
    return refuse('AA019', `auto attendant ${aa.name} answers for ${accounts.map((r) => r.userPrincipalName).join(', ')}; remove the association first (Remove-CsOnlineApplicationInstanceAssociation -Identities '${accounts[0]?.userPrincipalName ?? ''}').`);
  }
  for (const other of t.autoAttendants) {
    if (other === aa) continue;
    const where = transferTo(other, aa.id);
    if (where !== undefined) return refuse('AA019', `auto attendant ${other.name} transfers calls to ${aa.name} (${where}); change that first (Set-CsAutoAttendant).`);
  }
  t.autoAttendants.splice(t.autoAttendants.indexOf(aa), 1);
  return succeedEmpty([`Auto attendant ${aa.name} (${aa.id}) removed`], [{ type: 'autoAttendantRemoved', autoAttendantId: aa.id }]);
}

export interface AssociationResult {
  account: ResourceAccount;
  autoAttendant: AutoAttendant;
}

/** New-CsOnlineApplicationInstanceAssociation for an auto attendant: all the accounts or none. */
export function associateWithAutoAttendant(t: Tenant, identities: string[], configurationId: string): OpResult<AssociationResult[]> {
  const aa = findAutoAttendant(t, configurationId);
  if (aa === undefined) return refuse('AA015', `-ConfigurationId ${configurationId} names no auto attendant; Get-CsAutoAttendant lists them.`);
  if (identities.length === 0) return refuse('AA016', '-Identities names no resource account.');
  const accounts: ResourceAccount[] = [];
  for (const identity of identities) {
    const ra = findResourceAccount(t, identity);
    if (ra === undefined) return refuse('AA016', `${identity} is not a resource account (New-CsOnlineApplicationInstance creates one).`);
    if (ra.applicationType !== 'AutoAttendant') {
      return refuse('AA016', `resource account ${ra.userPrincipalName} is a ${ra.applicationType} resource account; an auto attendant takes AutoAttendant resource accounts.`);
    }
    if (ra.autoAttendantId !== null) {
      const current = findAutoAttendant(t, ra.autoAttendantId);
      return refuse('AA017', `resource account ${ra.userPrincipalName} is already associated with auto attendant ${current?.name ?? ra.autoAttendantId}; remove that association first (Remove-CsOnlineApplicationInstanceAssociation -Identities '${ra.userPrincipalName}').`);
    }
    if (accounts.includes(ra)) return refuse('AA017', `resource account ${ra.userPrincipalName} is named twice in -Identities.`);
    accounts.push(ra);
  }
  for (const ra of accounts) ra.autoAttendantId = aa.id;
  return succeed(
    accounts.map((account) => ({ account, autoAttendant: aa })),
    accounts.map((ra) => `Resource account ${ra.userPrincipalName} associated with auto attendant ${aa.name}`),
    accounts.map((ra) => ({ type: 'autoAttendantAssociated', resourceAccount: ra.objectId, autoAttendantId: aa.id, previousAutoAttendantId: null })),
  );
}

/** Remove-CsOnlineApplicationInstanceAssociation: all the accounts or none (AA018). */
export function removeAssociations(t: Tenant, identities: string[]): OpResult {
  const accounts: { ra: ResourceAccount; previous: string }[] = [];
  const queueAccounts: { ra: ResourceAccount; previous: string }[] = [];
  for (const identity of identities) {
    const ra = findResourceAccount(t, identity);
    if (ra === undefined) return refuse('AA018', `${identity} is not a resource account.`);
    // A call queue's resource account (CQ004) is associated with its queue instead.
    const queue = ra.callQueueId ?? null;
    if (ra.autoAttendantId === null && queue === null) return refuse('AA018', `resource account ${ra.userPrincipalName} has no association to remove.`);
    if (ra.autoAttendantId !== null && !accounts.some((a) => a.ra === ra)) accounts.push({ ra, previous: ra.autoAttendantId });
    if (queue !== null && !queueAccounts.some((a) => a.ra === ra)) queueAccounts.push({ ra, previous: queue });
  }
  for (const { ra } of accounts) ra.autoAttendantId = null;
  for (const { ra } of queueAccounts) ra.callQueueId = null;
  return succeedEmpty(
    [
      ...accounts.map(({ ra, previous }) => `Resource account ${ra.userPrincipalName} no longer associated with auto attendant ${findAutoAttendant(t, previous)?.name ?? previous}`),
      ...queueAccounts.map(({ ra, previous }) => `Resource account ${ra.userPrincipalName} no longer associated with call queue ${previous}`),
    ],
    [
      ...accounts.map(({ ra, previous }): TenantChange => ({ type: 'autoAttendantDisassociated', resourceAccount: ra.objectId, previousAutoAttendantId: previous })),
      ...queueAccounts.map(({ ra, previous }): TenantChange => ({ type: 'callQueueAssociated', resourceAccount: ra.objectId, callQueueId: null, previousCallQueueId: previous })),
    ],
    [
      ...accounts.map(({ ra }) => `Resource account ${ra.userPrincipalName} answers for no auto attendant now: inbound calls to its number are not answered (RA001).`),
      ...queueAccounts.map(({ ra }) => `Resource account ${ra.userPrincipalName} answers for no call queue now: inbound calls to its number are not answered (RA001).`),
    ],
  );
}
