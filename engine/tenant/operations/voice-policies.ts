/**
 * PSTN usages, online voice routing policies and emergency call routing policies: the policies
 * Shared Calling users and resource accounts need besides the Shared Calling policy itself.
 * A usage that does not exist is refused as InvalidParameterValue [choice: no rule covers it;
 * Teams refuses it too].
 */
import { sameData, type ChangeOf } from '../changes.js';
import { findEmergencyCallRoutingPolicy, findVoiceRoutingPolicy, policyKey } from '../lookup.js';
import type { EmergencyCallRoutingPolicy, EmergencyNumber, Tenant, VoiceRoutingPolicy } from '../model.js';
import { applyListChange, type ListChange } from './list-modifier.js';
import { refuse, succeed, type OpResult, type Refused } from './result.js';

export function setPstnUsages(t: Tenant, change: ListChange<string>): OpResult<string[]> {
  const applied = applyListChange(t.pstnUsages, change, (a, b) => a.toLowerCase() === b.toLowerCase(), (x) => x);
  if (!applied.ok) return refuse('InvalidParameterValue', `Set-CsOnlinePstnUsage -Usage: ${applied.problem}.`);
  const removed = t.pstnUsages.filter((u) => !applied.list.some((x) => x.toLowerCase() === u.toLowerCase()));
  const inUse = removed.find((u) =>
    t.voiceRoutingPolicies.some((p) => p.onlinePstnUsages.some((x) => x.toLowerCase() === u.toLowerCase())) ||
    t.emergencyCallRoutingPolicies.some((p) => p.emergencyNumbers.some((e) => e.onlinePstnUsage?.toLowerCase() === u.toLowerCase())),
  );
  if (inUse !== undefined) {
    return refuse('InvalidParameterValue', `PSTN usage ${inUse} is used by a voice routing or emergency call routing policy; remove it there first.`);
  }
  const changed = !sameData(t.pstnUsages, applied.list);
  t.pstnUsages = applied.list;
  return succeed(
    applied.list,
    [`PSTN usages: ${applied.list.length === 0 ? 'none' : applied.list.join(', ')}`],
    changed ? [{ type: 'pstnUsagesChanged', usages: [...applied.list] }] : [],
  );
}

function missingUsage(t: Tenant, usages: readonly string[]): string | undefined {
  return usages.find((u) => !t.pstnUsages.some((x) => x.toLowerCase() === u.toLowerCase()));
}

function unknownUsage(usage: string): Refused {
  return refuse('InvalidParameterValue', `PSTN usage ${usage} does not exist; add it first with Set-CsOnlinePstnUsage -Identity Global -Usage @{add='${usage}'}.`);
}

export interface VoiceRoutingPolicyParams {
  identity: string;
  onlinePstnUsages?: ListChange<string>;
}

export function newVoiceRoutingPolicy(t: Tenant, p: VoiceRoutingPolicyParams): OpResult<VoiceRoutingPolicy> {
  const identity = p.identity.trim().replace(/^tag:/i, '');
  if (findVoiceRoutingPolicy(t, identity) !== undefined) {
    return refuse('InvalidParameterValue', `an online voice routing policy ${identity} already exists; change it with Set-CsOnlineVoiceRoutingPolicy.`);
  }
  const applied = applyListChange([], p.onlinePstnUsages ?? {}, (a, b) => a.toLowerCase() === b.toLowerCase(), (x) => x);
  if (!applied.ok) return refuse('InvalidParameterValue', `-OnlinePstnUsages: ${applied.problem}.`);
  const missing = missingUsage(t, applied.list);
  if (missing !== undefined) return unknownUsage(missing);
  const policy: VoiceRoutingPolicy = { identity, onlinePstnUsages: applied.list };
  t.voiceRoutingPolicies.push(policy);
  return succeed(
    policy,
    [`Online voice routing policy ${identity} created: PSTN usages ${applied.list.join(', ') || 'none'}`],
    [{ type: 'voiceRoutingPolicyCreated', identity, onlinePstnUsages: [...applied.list] }],
  );
}

export function setVoiceRoutingPolicy(t: Tenant, p: VoiceRoutingPolicyParams): OpResult<VoiceRoutingPolicy> {
  const policy = findVoiceRoutingPolicy(t, p.identity);
  if (policy === undefined) return refuse('InvalidParameterValue', `there is no online voice routing policy ${p.identity}.`);
  const applied = applyListChange(policy.onlinePstnUsages, p.onlinePstnUsages ?? {}, (a, b) => a.toLowerCase() === b.toLowerCase(), (x) => x);
  if (!applied.ok) return refuse('InvalidParameterValue', `-OnlinePstnUsages: ${applied.problem}.`);
  const missing = missingUsage(t, applied.list);
  if (missing !== undefined) return unknownUsage(missing);
  const changed = !sameData(policy.onlinePstnUsages, applied.list);
  policy.onlinePstnUsages = applied.list;
  return succeed(
    policy,
    [`Online voice routing policy ${policy.identity} changed: PSTN usages ${applied.list.join(', ') || 'none'}`],
    changed ? [{ type: 'voiceRoutingPolicyChanged', identity: policy.identity, onlinePstnUsages: [...applied.list] }] : [],
  );
}

export interface EmergencyCallRoutingPolicyParams {
  identity: string;
  emergencyNumbers?: ListChange<EmergencyNumber>;
  allowEnhancedEmergencyServices?: boolean;
  description?: string;
}

function sameDialString(a: EmergencyNumber, b: EmergencyNumber): boolean {
  return a.emergencyDialString === b.emergencyDialString;
}

function checkEmergencyNumbers(t: Tenant, identity: string, list: EmergencyNumber[]): Refused | undefined {
  const usage = missingUsage(t, list.flatMap((e) => (e.onlinePstnUsage === null ? [] : [e.onlinePstnUsage])));
  if (usage !== undefined) return unknownUsage(usage);
  const masks = new Set<string>();
  for (const e of list) {
    for (const s of [e.emergencyDialString, ...e.emergencyDialMask]) {
      if (masks.has(s)) {
        return refuse('InvalidParameterValue', `dial string or mask ${s} appears twice in emergency call routing policy ${identity}; dial strings and masks must be unique within a policy.`);
      }
      masks.add(s);
    }
  }
  return undefined;
}

function describeEmergencyNumbers(list: EmergencyNumber[]): string {
  if (list.length === 0) return 'no emergency numbers';
  return list
    .map((e) => `${e.emergencyDialString}${e.emergencyDialMask.length > 0 ? ` (masks ${e.emergencyDialMask.join(';')})` : ''}${e.onlinePstnUsage === null ? '' : ` via ${e.onlinePstnUsage}`}`)
    .join(', ');
}

/**
 * `@{add=...}` on New appends to the Global instance's numbers (documented cmdlet behaviour);
 * a plain list replaces them.
 */
export function newEmergencyCallRoutingPolicy(t: Tenant, p: EmergencyCallRoutingPolicyParams): OpResult<EmergencyCallRoutingPolicy> {
  const identity = p.identity.trim().replace(/^tag:/i, '');
  if (policyKey(identity) === 'global' || findEmergencyCallRoutingPolicy(t, identity) !== undefined) {
    return refuse('InvalidParameterValue', `an emergency call routing policy ${identity} already exists; change it with Set-CsTeamsEmergencyCallRoutingPolicy.`);
  }
  const base = findEmergencyCallRoutingPolicy(t, 'Global')?.emergencyNumbers ?? [];
  const applied = applyListChange(base, p.emergencyNumbers ?? { replace: [] }, sameDialString, (e) => e.emergencyDialString);
  if (!applied.ok) return refuse('InvalidParameterValue', `-EmergencyNumbers: ${applied.problem}.`);
  const broken = checkEmergencyNumbers(t, identity, applied.list);
  if (broken !== undefined) return broken;
  const policy: EmergencyCallRoutingPolicy = {
    identity,
    emergencyNumbers: structuredClone(applied.list),
    allowEnhancedEmergencyServices: p.allowEnhancedEmergencyServices ?? false,
    description: p.description ?? '',
  };
  t.emergencyCallRoutingPolicies.push(policy);
  return succeed(
    policy,
    [`Emergency call routing policy ${identity} created: ${describeEmergencyNumbers(policy.emergencyNumbers)}`],
    [{ type: 'emergencyCallRoutingPolicyCreated', identity }],
  );
}

export function setEmergencyCallRoutingPolicy(t: Tenant, p: EmergencyCallRoutingPolicyParams): OpResult<EmergencyCallRoutingPolicy> {
  const policy = findEmergencyCallRoutingPolicy(t, p.identity);
  if (policy === undefined) return refuse('InvalidParameterValue', `there is no emergency call routing policy ${p.identity}.`);
  const applied = applyListChange(policy.emergencyNumbers, p.emergencyNumbers ?? {}, sameDialString, (e) => e.emergencyDialString);
  if (!applied.ok) return refuse('InvalidParameterValue', `-EmergencyNumbers: ${applied.problem}.`);
  const broken = checkEmergencyNumbers(t, policy.identity, applied.list);
  if (broken !== undefined) return broken;
  const event: ChangeOf<'emergencyCallRoutingPolicyChanged'> = { type: 'emergencyCallRoutingPolicyChanged', identity: policy.identity };
  if (!sameData(policy.emergencyNumbers, applied.list)) event.emergencyNumbers = structuredClone(applied.list);
  if (p.allowEnhancedEmergencyServices !== undefined && p.allowEnhancedEmergencyServices !== policy.allowEnhancedEmergencyServices) {
    event.allowEnhancedEmergencyServices = p.allowEnhancedEmergencyServices;
  }
  if (p.description !== undefined && p.description !== policy.description) event.description = p.description;
  policy.emergencyNumbers = structuredClone(applied.list);
  if (p.allowEnhancedEmergencyServices !== undefined) policy.allowEnhancedEmergencyServices = p.allowEnhancedEmergencyServices;
  if (p.description !== undefined) policy.description = p.description;
  const changed = event.emergencyNumbers !== undefined || event.allowEnhancedEmergencyServices !== undefined || event.description !== undefined;
  return succeed(policy, [`Emergency call routing policy ${policy.identity} changed: ${describeEmergencyNumbers(policy.emergencyNumbers)}`], changed ? [event] : []);
}
