/**
 * Emergency call routing policies and their emergency numbers, online voice routing policies,
 * PSTN usages: what a Shared Calling user and resource account need besides the SC policy.
 */
import type { CmdletResult, CmdletValue } from '../cmdlet.js';
import { findEmergencyCallRoutingPolicy, findVoiceRoutingPolicy } from '../lookup.js';
import type { EmergencyNumber } from '../model.js';
import type { ListChange } from '../operations/list-modifier.js';
import {
  newEmergencyCallRoutingPolicy,
  newVoiceRoutingPolicy,
  setEmergencyCallRoutingPolicy,
  setPstnUsages,
  setVoiceRoutingPolicy,
} from '../operations/voice-policies.js';
import { valueText } from './binding.js';
import { grantSpec } from './grants.js';
import { emergencyCallRoutingPolicyObject, emergencyNumberObject, voiceRoutingPolicyObject } from './objects.js';
import { emit, fail, fromOp, wildcard } from './result.js';
import type { BoundArgs, CmdletSpec } from './spec.js';

function masks(value: CmdletValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((x) => (valueText(x) ?? '').split(';')).map((m) => m.trim()).filter((m) => m !== '');
}

/** A TeamsEmergencyNumber object (from New-CsTeamsEmergencyNumber) back into model form. */
function toEmergencyNumber(value: CmdletValue): EmergencyNumber | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value.kind !== 'object') return undefined;
  const props = value.properties;
  const dial = valueText(props['EmergencyDialString'] ?? null);
  if (dial === undefined || dial === '') return undefined;
  const usage = valueText(props['OnlinePSTNUsage'] ?? null);
  return { emergencyDialString: dial, emergencyDialMask: masks(props['EmergencyDialMask']), onlinePstnUsage: usage === undefined || usage === '' ? null : usage };
}

function emergencyNumbersChange(a: BoundArgs): { ok: true; change: ListChange<EmergencyNumber> | undefined } | { ok: false; result: CmdletResult } {
  const raw = a.objectModifier('EmergencyNumbers');
  if (raw === undefined) return { ok: true, change: undefined };
  const change: ListChange<EmergencyNumber> = {};
  for (const key of ['add', 'remove', 'replace'] as const) {
    const list = raw[key];
    if (list === undefined) continue;
    const converted: EmergencyNumber[] = [];
    for (const item of list) {
      const e = toEmergencyNumber(item);
      if (e === undefined) {
        return { ok: false, result: fail('InvalidParameterValue', '-EmergencyNumbers takes objects made by New-CsTeamsEmergencyNumber, e.g. $en1 = New-CsTeamsEmergencyNumber -EmergencyDialString 911.') };
      }
      converted.push(e);
    }
    change[key] = converted;
  }
  return { ok: true, change };
}

const ECRP_PARAMETERS = [
  { name: 'Identity', type: 'string', position: 0, mandatory: true },
  { name: 'EmergencyNumbers', type: 'listModifier' },
  { name: 'AllowEnhancedEmergencyServices', type: 'bool' },
  { name: 'Description', type: 'string' },
] as const;

function ecrpParams(a: BoundArgs, change: ListChange<EmergencyNumber> | undefined) {
  const allow = a.bool('AllowEnhancedEmergencyServices');
  const description = a.string('Description');
  return {
    identity: a.string('Identity') ?? '',
    ...(change === undefined ? {} : { emergencyNumbers: change }),
    ...(allow === undefined ? {} : { allowEnhancedEmergencyServices: allow }),
    ...(description === undefined || description === null ? {} : { description }),
  };
}

function getPolicies<T>(a: BoundArgs, all: T[], one: (name: string) => T | undefined, label: string, toObject: (p: T) => import('../cmdlet.js').CmdletObject): CmdletResult {
  const identity = a.string('Identity');
  if (identity !== undefined && identity !== null) {
    const p = one(identity);
    return p === undefined ? fail('InvalidParameterValue', `there is no ${label} ${identity}.`) : emit([toObject(p)]);
  }
  const rows = all.map(toObject);
  const filter = a.string('Filter');
  if (filter === undefined || filter === null) return emit(rows);
  const re = wildcard(filter);
  return emit(rows.filter((o) => re.test(o.text)));
}

export const voicePolicyCmdlets: CmdletSpec[] = [
  {
    name: 'New-CsTeamsEmergencyNumber',
    synopsis: 'Makes an emergency number object (dial string, masks, PSTN usage) for an emergency call routing policy.',
    parameters: [
      { name: 'EmergencyDialString', type: 'string', mandatory: true },
      { name: 'EmergencyDialMask', type: 'any' },
      { name: 'OnlinePSTNUsage', type: 'string' },
    ],
    run(t, a) {
      const dial = a.string('EmergencyDialString') ?? '';
      const maskList = masks(a.raw('EmergencyDialMask'));
      const bad = [dial, ...maskList].find((m) => !/^\d{1,10}$/.test(m));
      if (bad !== undefined) return fail('InvalidParameterValue', `emergency dial string or mask ${JSON.stringify(bad)} must be 1 to 10 digits.`);
      const usage = a.string('OnlinePSTNUsage') ?? null;
      if (usage !== null && !t.pstnUsages.some((u) => u.toLowerCase() === usage.toLowerCase())) {
        return fail('InvalidParameterValue', `PSTN usage ${usage} does not exist; add it first with Set-CsOnlinePstnUsage -Identity Global -Usage @{add='${usage}'}.`);
      }
      return emit([emergencyNumberObject({ emergencyDialString: dial, emergencyDialMask: maskList, onlinePstnUsage: usage })]);
    },
  },
  {
    name: 'New-CsTeamsEmergencyCallRoutingPolicy',
    synopsis: 'Creates an emergency call routing policy (@{add=$en} appends to the Global numbers).',
    parameters: ECRP_PARAMETERS.map((p) => ({ ...p })),
    run(t, a) {
      const change = emergencyNumbersChange(a);
      if (!change.ok) return change.result;
      return fromOp(newEmergencyCallRoutingPolicy(t, ecrpParams(a, change.change)), (p) => [emergencyCallRoutingPolicyObject(p)]);
    },
  },
  {
    name: 'Set-CsTeamsEmergencyCallRoutingPolicy',
    synopsis: 'Changes an emergency call routing policy.',
    parameters: ECRP_PARAMETERS.map((p) => ({ ...p, ...(p.name === 'Identity' ? { pipeline: 'propertyName' as const } : {}) })),
    run(t, a) {
      const change = emergencyNumbersChange(a);
      if (!change.ok) return change.result;
      return fromOp(setEmergencyCallRoutingPolicy(t, ecrpParams(a, change.change)));
    },
  },
  {
    name: 'Get-CsTeamsEmergencyCallRoutingPolicy',
    synopsis: 'Lists emergency call routing policies.',
    parameters: [
      { name: 'Identity', type: 'string', position: 0 },
      { name: 'Filter', type: 'string' },
    ],
    run(t, a) {
      return getPolicies(a, t.emergencyCallRoutingPolicies, (n) => findEmergencyCallRoutingPolicy(t, n), 'emergency call routing policy', emergencyCallRoutingPolicyObject);
    },
  },
  grantSpec('Grant-CsTeamsEmergencyCallRoutingPolicy', 'EmergencyCallRouting'),
  {
    name: 'New-CsOnlineVoiceRoutingPolicy',
    synopsis: 'Creates an online voice routing policy with PSTN usages.',
    parameters: [
      { name: 'Identity', type: 'string', position: 0, mandatory: true },
      { name: 'OnlinePstnUsages', type: 'listModifier' },
      { name: 'Description', type: 'string' },
    ],
    run(t, a) {
      const usages = a.modifier('OnlinePstnUsages');
      return fromOp(newVoiceRoutingPolicy(t, { identity: a.string('Identity') ?? '', ...(usages === undefined ? {} : { onlinePstnUsages: usages }) }), (p) => [voiceRoutingPolicyObject(p)]);
    },
  },
  {
    name: 'Set-CsOnlineVoiceRoutingPolicy',
    synopsis: 'Changes the PSTN usages of an online voice routing policy.',
    parameters: [
      { name: 'Identity', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' },
      { name: 'OnlinePstnUsages', type: 'listModifier' },
      { name: 'Description', type: 'string' },
    ],
    run(t, a) {
      const usages = a.modifier('OnlinePstnUsages');
      return fromOp(setVoiceRoutingPolicy(t, { identity: a.string('Identity') ?? '', ...(usages === undefined ? {} : { onlinePstnUsages: usages }) }));
    },
  },
  {
    name: 'Get-CsOnlineVoiceRoutingPolicy',
    synopsis: 'Lists online voice routing policies.',
    parameters: [
      { name: 'Identity', type: 'string', position: 0 },
      { name: 'Filter', type: 'string' },
    ],
    run(t, a) {
      return getPolicies(a, t.voiceRoutingPolicies, (n) => findVoiceRoutingPolicy(t, n), 'online voice routing policy', voiceRoutingPolicyObject);
    },
  },
  grantSpec('Grant-CsOnlineVoiceRoutingPolicy', 'VoiceRouting'),
  {
    name: 'Set-CsOnlinePstnUsage',
    synopsis: "Changes the tenant's PSTN usages (-Identity Global -Usage @{add=...}).",
    parameters: [
      { name: 'Identity', type: 'string', position: 0 },
      { name: 'Usage', type: 'listModifier', mandatory: true },
    ],
    run(t, a) {
      const identity = a.string('Identity');
      if (identity !== undefined && identity !== null && identity.toLowerCase() !== 'global') {
        return fail('InvalidParameterValue', `PSTN usages have only the Global identity, not ${identity}.`);
      }
      return fromOp(setPstnUsages(t, a.modifier('Usage') ?? {}));
    },
  },
];
