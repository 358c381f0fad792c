/**
 * Every operation that changes the tenant says what it changed (DESIGN.md principle 8), checked
 * against the tenant itself: each case runs on a copy of a rich tenant and compares the tenant
 * before and after, whole. A case that changed the tenant must have emitted events, one that did
 * not (or was refused) none; the objects the events name must be exactly the objects that
 * changed; and each event's content must agree with the before and after states.
 *
 * Every cmdlet of the catalogue and every exported operation must have cases here, so a new
 * cmdlet or operation that forgets its events fails this file.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as tenantApi from '../../engine/tenant/index.js';
import {
  TENANT_CHANGE_TYPES,
  cmdletCatalogue,
  policyKey,
  type PolicyGrants,
  type PolicyType,
  type Tenant,
  type TenantChange,
  type TenantChangeType,
} from '../../engine/tenant/index.js';
import { CMDLET_CASES, OP_CASES, cmdletRun, opRun, type Case, type Ran } from './change-cases.js';
import { richTenant } from './change-fixtures.js';

/**
 * The other operations, with the cmdlet that runs them: their cases are that cmdlet's. Any
 * further function of the tenant's index must be read-only and listed in READ_ONLY.
 */
const VIA_CMDLET: Record<string, string> = {
  newSharedCallingPolicy: 'New-CsTeamsSharedCallingRoutingPolicy',
  setSharedCallingPolicy: 'Set-CsTeamsSharedCallingRoutingPolicy',
  removeSharedCallingPolicy: 'Remove-CsTeamsSharedCallingRoutingPolicy',
  portOutNumber: 'Move-CsSimPhoneNumberOut',
  releaseNumber: 'Remove-CsOnlineTelephoneNumber',
  assignNumber: 'Set-CsPhoneNumberAssignment',
  setEnterpriseVoice: 'Set-CsPhoneNumberAssignment',
  setNumberLocation: 'Set-CsPhoneNumberAssignment',
  unassignNumber: 'Remove-CsPhoneNumberAssignment',
  grantPolicy: 'Grant-CsTeamsSharedCallingRoutingPolicy',
  newEmergencyCallRoutingPolicy: 'New-CsTeamsEmergencyCallRoutingPolicy',
  setEmergencyCallRoutingPolicy: 'Set-CsTeamsEmergencyCallRoutingPolicy',
  newVoiceRoutingPolicy: 'New-CsOnlineVoiceRoutingPolicy',
  setVoiceRoutingPolicy: 'Set-CsOnlineVoiceRoutingPolicy',
  setPstnUsages: 'Set-CsOnlinePstnUsage',
  newApplicationInstance: 'New-CsOnlineApplicationInstance',
  newCivicAddress: 'New-CsOnlineLisCivicAddress',
  newLocationAtCivicAddress: 'New-CsOnlineLisLocation',
  invokeCmdlet: 'every cmdlet',
};

const READ_ONLY = new Set([
  'isRuleId',
  'poissonTailAtLeast',
  'matchClientNetwork',
  'placesFor',
  'normaliseBssid',
  'parseCidr',
  'parseIpv4',
  'emptyTenant',
  'effectiveEmergencyCallRoutingPolicy',
  'effectivePolicyName',
  'effectiveSharedCallingPolicy',
  'effectiveVoiceRoutingPolicy',
  'findEmergencyCallRoutingPolicy',
  'findLocation',
  'findNumber',
  'findResourceAccount',
  'findSharedCallingPolicy',
  'findUser',
  'findVoiceRoutingPolicy',
  'hasPstnUsages',
  'numberAssignedTo',
  'isExtensionDialingNumber',
  'ownCallingNumber',
  'psQuote',
  'policyHoldingEmergencyNumber',
  'policyKey',
  'normalizeTelephoneNumber',
  'hasExtension',
  'cmdletCatalogue',
  'suggestCmdlet',
  'tenantInvariantViolations',
  'validate',
  'mixesSharedCallingWithDirectRouting',
  'callQueuesOf',
  'defaultCallQueue',
  'findCallQueue',
]);

// ---------------------------------------------------------------- what changed, seen from the tenant

/** Every object that differs between two tenants, as `kind:key` (a collection's order as `kind:order`). */
function changedObjects(before: Tenant, after: Tenant): Set<string> {
  const out = new Set<string>();
  const keyed = <T>(kind: string, a: readonly T[], b: readonly T[], key: (x: T) => string): void => {
    const ma = new Map(a.map((x) => [key(x), x]));
    const mb = new Map(b.map((x) => [key(x), x]));
    for (const k of new Set([...ma.keys(), ...mb.keys()])) if (!isDeepStrictEqual(ma.get(k), mb.get(k))) out.add(`${kind}:${k}`);
    const common = (m: Map<string, T>, other: Map<string, T>) => [...m.keys()].filter((k) => other.has(k));
    if (!isDeepStrictEqual(common(ma, mb), common(mb, ma))) out.add(`${kind}:order`);
  };
  keyed('location', before.locations, after.locations, (l) => l.locationId);
  keyed('number', before.numbers, after.numbers, (n) => n.telephoneNumber);
  keyed('user', before.users, after.users, (u) => u.objectId);
  keyed('group', before.groups, after.groups, (g) => g.id);
  keyed('resourceAccount', before.resourceAccounts, after.resourceAccounts, (r) => r.objectId);
  keyed('autoAttendant', before.autoAttendants, after.autoAttendants, (a) => a.id);
  keyed('callQueue', before.callQueues ?? [], after.callQueues ?? [], (q) => q.identity);
  keyed('site', before.networkSites, after.networkSites, (s) => s.id);
  keyed('sharedCallingPolicy', before.sharedCallingPolicies, after.sharedCallingPolicies, (p) => policyKey(p.identity));
  keyed('voiceRoutingPolicy', before.voiceRoutingPolicies, after.voiceRoutingPolicies, (p) => policyKey(p.identity));
  keyed('emergencyCallRoutingPolicy', before.emergencyCallRoutingPolicies, after.emergencyCallRoutingPolicies, (p) => policyKey(p.identity));
  if (!isDeepStrictEqual(before.network, after.network)) out.add('network');
  if (!isDeepStrictEqual(before.credits, after.credits)) out.add('credits');
  if (!isDeepStrictEqual(before.pstnUsages, after.pstnUsages)) out.add('pstnUsages');
  if (!isDeepStrictEqual(before.groupPolicyAssignments, after.groupPolicyAssignments)) out.add('groupPolicyAssignments');
  for (const type of Object.keys(before.tenantGrants) as PolicyType[]) {
    if (before.tenantGrants[type] !== after.tenantGrants[type]) out.add(`tenantGrant:${type}`);
  }
  return out;
}

/** The object an event says changed, in changedObjects' terms. */
function namedObject(e: TenantChange): string {
  switch (e.type) {
    case 'numberAcquired':
    case 'numberReleased':
    case 'numberPortedOut':
    case 'numberAssigned':
    case 'numberUnassigned':
    case 'numberLocationChanged':
      return `number:${e.telephoneNumber}`;
    case 'locationAdded':
      return `location:${e.locationId}`;
    case 'groupAdded':
      return `group:${e.groupId}`;
    case 'userAdded':
    case 'enterpriseVoiceChanged':
      return `user:${e.objectId}`;
    case 'resourceAccountAdded':
      return `resourceAccount:${e.objectId}`;
    case 'autoAttendantAdded':
    case 'autoAttendantChanged':
    case 'autoAttendantRemoved':
      return `autoAttendant:${e.autoAttendantId}`;
    case 'autoAttendantAssociated':
    case 'autoAttendantDisassociated':
    case 'callQueueAssociated':
      return `resourceAccount:${e.resourceAccount}`;
    case 'callQueueChanged':
      return `callQueue:${e.identity}`;
    case 'networkSiteAdded':
      return `site:${e.siteId}`;
    case 'networkChanged':
      // Sites are kept beside the network (tenant.networkSites), the rest in tenant.network.
      return e.element === 'site' ? `site:${e.id}` : 'network';
    case 'sharedCallingPolicyCreated':
    case 'sharedCallingPolicyChanged':
    case 'sharedCallingPolicyRemoved':
      return `sharedCallingPolicy:${policyKey(e.identity)}`;
    case 'policyGranted':
      switch (e.target.kind) {
        case 'user':
          return `user:${e.target.objectId}`;
        case 'resourceAccount':
          return `resourceAccount:${e.target.objectId}`;
        case 'group':
          return 'groupPolicyAssignments';
        case 'tenant':
          return `tenantGrant:${e.policyType}`;
      }
      break;
    case 'pstnUsagesChanged':
      return 'pstnUsages';
    case 'voiceRoutingPolicyCreated':
    case 'voiceRoutingPolicyChanged':
      return `voiceRoutingPolicy:${policyKey(e.identity)}`;
    case 'emergencyCallRoutingPolicyCreated':
    case 'emergencyCallRoutingPolicyChanged':
      return `emergencyCallRoutingPolicy:${policyKey(e.identity)}`;
    case 'creditsChanged':
      return 'credits';
    default:
      e satisfies never;
  }
  throw new Error(`no object for ${JSON.stringify(e)}`);
}

const GRANT_FIELD: Record<PolicyType, keyof PolicyGrants> = {
  SharedCalling: 'sharedCalling',
  VoiceRouting: 'voiceRouting',
  EmergencyCallRouting: 'emergencyCallRouting',
};

/** The event's content agrees with the tenant before and after the operation. */
function checkEvent(before: Tenant, after: Tenant, e: TenantChange): void {
  const num = (t: Tenant, n: string) => t.numbers.find((x) => x.telephoneNumber === n);
  const scp = (t: Tenant, id: string) => t.sharedCallingPolicies.find((p) => policyKey(p.identity) === policyKey(id));
  const vrp = (t: Tenant, id: string) => t.voiceRoutingPolicies.find((p) => policyKey(p.identity) === policyKey(id));
  const ecrp = (t: Tenant, id: string) => t.emergencyCallRoutingPolicies.find((p) => policyKey(p.identity) === policyKey(id));
  const user = (t: Tenant, id: string) => t.users.find((u) => u.objectId === id);
  const ra = (t: Tenant, id: string) => t.resourceAccounts.find((r) => r.objectId === id);
  const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));
  switch (e.type) {
    case 'numberAcquired':
      expect([num(before, e.telephoneNumber), num(after, e.telephoneNumber)?.numberType]).toEqual([undefined, e.numberType]);
      return;
    case 'numberReleased':
    case 'numberPortedOut':
      expect([num(before, e.telephoneNumber)?.assignedPstnTargetId, num(after, e.telephoneNumber)]).toEqual([e.previousAssignee, undefined]);
      return;
    case 'numberAssigned':
      expect(num(after, e.telephoneNumber)?.assignedPstnTargetId).toBe(e.assignee);
      expect(num(before, e.telephoneNumber)?.assignedPstnTargetId).not.toBe(e.assignee);
      expect(e.assigneeKind === 'user' ? user(after, e.assignee) : ra(after, e.assignee)).toBeDefined();
      return;
    case 'numberUnassigned':
      expect([num(before, e.telephoneNumber)?.assignedPstnTargetId, num(after, e.telephoneNumber)?.assignedPstnTargetId]).toEqual([e.previousAssignee, null]);
      return;
    case 'numberLocationChanged':
      expect([num(before, e.telephoneNumber)?.locationId, num(after, e.telephoneNumber)?.locationId]).toEqual([e.previousLocationId, e.locationId]);
      expect(e.locationId).not.toBe(e.previousLocationId);
      return;
    case 'locationAdded':
      expect(before.locations.some((l) => l.locationId === e.locationId)).toBe(false);
      expect(after.locations.find((l) => l.locationId === e.locationId)?.civicAddressId).toBe(e.civicAddressId);
      return;
    case 'groupAdded':
      expect([before.groups.some((g) => g.id === e.groupId), after.groups.some((g) => g.id === e.groupId)]).toEqual([false, true]);
      return;
    case 'userAdded':
      expect([user(before, e.objectId), user(after, e.objectId)?.objectId]).toEqual([undefined, e.objectId]);
      return;
    case 'enterpriseVoiceChanged':
      expect([user(before, e.objectId)?.enterpriseVoiceEnabled, user(after, e.objectId)?.enterpriseVoiceEnabled]).toEqual([!e.enabled, e.enabled]);
      return;
    case 'resourceAccountAdded':
      expect([ra(before, e.objectId), ra(after, e.objectId)?.applicationType]).toEqual([undefined, e.applicationType]);
      return;
    case 'autoAttendantAdded':
      expect([before.autoAttendants.some((a) => a.id === e.autoAttendantId), after.autoAttendants.some((a) => a.id === e.autoAttendantId)]).toEqual([false, true]);
      return;
    case 'autoAttendantChanged': {
      const a = before.autoAttendants.find((x) => x.id === e.autoAttendantId);
      const b = after.autoAttendants.find((x) => x.id === e.autoAttendantId);
      expect(a !== undefined && b !== undefined && !isDeepStrictEqual(a, b)).toBe(true);
      return;
    }
    case 'autoAttendantAssociated':
      expect([ra(before, e.resourceAccount)?.autoAttendantId, ra(after, e.resourceAccount)?.autoAttendantId]).toEqual([e.previousAutoAttendantId, e.autoAttendantId]);
      return;
    case 'autoAttendantDisassociated':
      expect([ra(before, e.resourceAccount)?.autoAttendantId, ra(after, e.resourceAccount)?.autoAttendantId]).toEqual([e.previousAutoAttendantId, null]);
      return;
    case 'autoAttendantRemoved':
      expect([before.autoAttendants.some((a) => a.id === e.autoAttendantId), after.autoAttendants.some((a) => a.id === e.autoAttendantId)]).toEqual([true, false]);
      return;
    case 'networkChanged':
      if (e.element === 'site') {
        const site = (t: Tenant) => t.networkSites.find((s) => s.id === e.id);
        expect(site(before)).toBeDefined();
        expect(isDeepStrictEqual(site(before), site(after))).toBe(false);
      } else expect(isDeepStrictEqual(before.network, after.network)).toBe(false);
      return;
    case 'callQueueAssociated':
      expect([ra(before, e.resourceAccount)?.callQueueId ?? null, ra(after, e.resourceAccount)?.callQueueId ?? null]).toEqual([e.previousCallQueueId, e.callQueueId]);
      return;
    case 'callQueueChanged': {
      const q = (t: Tenant) => (t.callQueues ?? []).find((x) => x.identity === e.identity);
      expect(isDeepStrictEqual(q(before), q(after))).toBe(false);
      return;
    }
    case 'networkSiteAdded':
      expect([before.networkSites.some((s) => s.id === e.siteId), after.networkSites.some((s) => s.id === e.siteId)]).toEqual([false, true]);
      return;
    case 'sharedCallingPolicyCreated':
      expect(scp(before, e.identity)).toBeUndefined();
      expect(scp(after, e.identity)).toMatchObject({ identity: e.identity, resourceAccount: e.resourceAccount, emergencyNumbers: e.emergencyNumbers });
      return;
    case 'sharedCallingPolicyChanged': {
      const a = scp(before, e.identity);
      const b = scp(after, e.identity);
      if (a === undefined || b === undefined) throw new Error(`policy ${e.identity} missing`);
      expect(e.resourceAccount ?? { from: a.resourceAccount, to: a.resourceAccount }).toEqual({ from: a.resourceAccount, to: b.resourceAccount });
      expect(e.resourceAccount === undefined || e.resourceAccount.from !== e.resourceAccount.to).toBe(true);
      if (e.emergencyNumbers === undefined) expect(b.emergencyNumbers).toEqual(a.emergencyNumbers);
      else {
        expect(e.emergencyNumbers).toEqual({ list: b.emergencyNumbers, added: minus(b.emergencyNumbers, a.emergencyNumbers), removed: minus(a.emergencyNumbers, b.emergencyNumbers) });
        expect(e.emergencyNumbers.list).not.toEqual(a.emergencyNumbers);
      }
      expect(e.description ?? a.description).toBe(b.description);
      if (e.description !== undefined) expect(e.description).not.toBe(a.description);
      return;
    }
    case 'sharedCallingPolicyRemoved':
      expect(scp(before, e.identity)).toMatchObject({ resourceAccount: e.resourceAccount, emergencyNumbers: e.emergencyNumbers });
      expect(scp(after, e.identity)).toBeUndefined();
      return;
    case 'policyGranted': {
      const target = e.target;
      if (target.kind === 'user') {
        const field = GRANT_FIELD[e.policyType];
        expect([user(before, target.objectId)?.policies[field] === e.policyName, user(after, target.objectId)?.policies[field]]).toEqual([false, e.policyName]);
      } else if (target.kind === 'resourceAccount') {
        expect(e.policyType).toBe('VoiceRouting');
        expect([ra(before, target.objectId)?.voiceRoutingPolicy === e.policyName, ra(after, target.objectId)?.voiceRoutingPolicy]).toEqual([false, e.policyName]);
      } else if (target.kind === 'group') {
        const held = after.groupPolicyAssignments.filter((a) => a.policyType === e.policyType && a.groupId === target.groupId);
        expect(held).toEqual(e.policyName === null ? [] : [{ policyType: e.policyType, groupId: target.groupId, policyName: e.policyName, rank: target.rank }]);
      } else {
        expect([before.tenantGrants[e.policyType] === e.policyName, after.tenantGrants[e.policyType]]).toEqual([false, e.policyName]);
      }
      return;
    }
    case 'pstnUsagesChanged':
      expect(after.pstnUsages).toEqual(e.usages);
      expect(before.pstnUsages).not.toEqual(e.usages);
      return;
    case 'voiceRoutingPolicyCreated':
      expect([vrp(before, e.identity), vrp(after, e.identity)?.onlinePstnUsages]).toEqual([undefined, e.onlinePstnUsages]);
      return;
    case 'voiceRoutingPolicyChanged':
      expect(vrp(after, e.identity)?.onlinePstnUsages).toEqual(e.onlinePstnUsages);
      expect(vrp(before, e.identity)?.onlinePstnUsages).not.toEqual(e.onlinePstnUsages);
      return;
    case 'emergencyCallRoutingPolicyCreated':
      expect([ecrp(before, e.identity), ecrp(after, e.identity)?.identity]).toEqual([undefined, e.identity]);
      return;
    case 'emergencyCallRoutingPolicyChanged': {
      const a = ecrp(before, e.identity);
      const b = ecrp(after, e.identity);
      if (a === undefined || b === undefined) throw new Error(`policy ${e.identity} missing`);
      expect({
        emergencyNumbers: e.emergencyNumbers ?? a.emergencyNumbers,
        allowEnhancedEmergencyServices: e.allowEnhancedEmergencyServices ?? a.allowEnhancedEmergencyServices,
        description: e.description ?? a.description,
      }).toEqual({ emergencyNumbers: b.emergencyNumbers, allowEnhancedEmergencyServices: b.allowEnhancedEmergencyServices, description: b.description });
      if (e.emergencyNumbers !== undefined) expect(e.emergencyNumbers).not.toEqual(a.emergencyNumbers);
      if (e.allowEnhancedEmergencyServices !== undefined) expect(e.allowEnhancedEmergencyServices).not.toBe(a.allowEnhancedEmergencyServices);
      if (e.description !== undefined) expect(e.description).not.toBe(a.description);
      return;
    }
    case 'creditsChanged': {
      const { balance: _a, ...settingsBefore } = before.credits;
      const { balance: _b, ...settingsAfter } = after.credits;
      expect(e).toEqual({
        type: 'creditsChanged',
        balanceDelta: after.credits.balance - before.credits.balance,
        balance: after.credits.balance,
        settingsChanged: !isDeepStrictEqual(settingsBefore, settingsAfter),
      });
      return;
    }
    default:
      e satisfies never;
  }
}

// ---------------------------------------------------------------- the checks

function runCase(c: Case, run: (t: Tenant) => Ran): { events: TenantChange[] } {
  const t = richTenant();
  c.setup?.(t);
  const before = structuredClone(t);
  const result = run(t);
  const changed = !isDeepStrictEqual(before, t);
  if (!result.ok) {
    expect(c.expect).toBe('refused');
    expect(changed).toBe(false);
    return { events: [] };
  }
  // The case does what it says (so "nothing" cases really test (b)).
  expect(changed ? 'changes' : 'nothing').toBe(c.expect);
  // (a) and (b): events exactly when the tenant changed.
  if (changed) expect(result.events.length).toBeGreaterThan(0);
  else expect(result.events).toEqual([]);
  // (c): the events name exactly the objects that changed, and say rightly how.
  expect(new Set(result.events.map(namedObject))).toEqual(changedObjects(before, t));
  for (const e of result.events) checkEvent(before, t, e);
  if (c.events !== undefined) expect(result.events.map((e) => e.type)).toEqual(c.events);
  return result;
}

const emitted = new Set<TenantChangeType>();

describe('every cmdlet reports what it changed', () => {
  for (const [name, cases] of Object.entries(CMDLET_CASES)) {
    describe(name, () => {
      for (const c of cases) {
        it(`${c.title}: ${c.expect}`, () => {
          const { events } = runCase(c, cmdletRun(name, c));
          for (const e of events) emitted.add(e.type);
        });
        if (c.expect === 'changes') {
          it(`${c.title}, with -WhatIf: no events, nothing changed`, () => {
            runCase({ ...c, expect: 'nothing', events: [] }, cmdletRun(name, c, { WhatIf: true }));
          });
        }
      }
    });
  }
});

describe('every operation no cmdlet reaches reports what it changed', () => {
  for (const [name, cases] of Object.entries(OP_CASES)) {
    describe(name, () => {
      for (const c of cases) {
        it(`${c.title}: ${c.expect}`, () => {
          const { events } = runCase(c, opRun(c));
          for (const e of events) emitted.add(e.type);
        });
      }
    });
  }
});

describe('the cases cover everything that can change a tenant', () => {
  it('every cmdlet of the catalogue has cases, and only those', () => {
    expect(Object.keys(CMDLET_CASES).sort()).toEqual(cmdletCatalogue().map((c) => c.name).sort());
  });

  it('a cmdlet that can change the tenant also has a case that changes nothing or is refused', () => {
    for (const [name, cases] of Object.entries(CMDLET_CASES)) {
      if (!cases.some((c) => c.expect === 'changes')) continue;
      expect(cases.some((c) => c.expect !== 'changes'), name).toBe(true);
    }
  });

  it('every function the tenant exports is read-only, has cases, or runs behind a cmdlet with cases', () => {
    const functions = Object.entries(tenantApi).filter(([, v]) => typeof v === 'function').map(([k]) => k);
    const unaccounted = functions.filter((f) => !READ_ONLY.has(f) && OP_CASES[f] === undefined && VIA_CMDLET[f] === undefined);
    expect(unaccounted).toEqual([]);
    for (const cmdlet of Object.values(VIA_CMDLET)) if (cmdlet !== 'every cmdlet') expect(CMDLET_CASES[cmdlet], cmdlet).toBeDefined();
  });

  it('read-only functions leave the tenant alone', () => {
    const t = richTenant();
    const before = structuredClone(t);
    tenantApi.validate(t);
    tenantApi.tenantInvariantViolations(t);
    tenantApi.mixesSharedCallingWithDirectRouting(t);
    for (const u of t.users) for (const type of ['SharedCalling', 'VoiceRouting', 'EmergencyCallRouting'] as const) tenantApi.effectivePolicyName(t, u, type);
    expect(t).toEqual(before);
  });

  it('every kind of change is emitted by some case', () => {
    // Runs after the cases above (vitest runs a file's tests in order).
    expect([...TENANT_CHANGE_TYPES].filter((type) => !emitted.has(type))).toEqual([]);
  });
});
