/**
 * `callsim explain FILE --user U`: for one user of a scenario's tenant as loaded (before any
 * timeline change), without simulating: their effective policies and where each comes from, what
 * an outbound call (to the US) and an emergency call (911) would do for them now, and whether the
 * auto attendant behind their resource account can reach them by name and by extension.
 *
 * The calls are decided by the call modules' own input builders and machines, driven with xstate's
 * public `initialTransition`: the eventless decisions are taken at once, and the walk stops at the
 * first state that waits for a delay, or at the final state. Each guard evaluated is noted (the
 * machine's guards wrapped with `machine.provide`, as the tracer does), with the rule it decides
 * (GUARD_RULES). Nothing here decides anything about a call.
 */
import { getInitialMicrosteps, initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { emergencyInput, emergencyMachine, outboundInput, outboundMachine, type CallKind, type EmergencyInputServices } from '../calls/index.js';
import { createStreams, Simulation } from '../kernel/index.js';
import { CallbackPools, CreditsLedger, DerivedTenantFacts, TenantView, type UserFacts } from '../runtime/index.js';
import type { Scenario } from '../scenario/index.js';
import {
  effectivePolicyName,
  findUser,
  RULE_GUIDE,
  type GrantSource,
  type PolicyType,
  type RuleId,
  type Tenant,
  type User,
} from '../tenant/index.js';
import { callSettings } from './call-plans.js';
import { CALLER_TIMING_MS } from '../calls/index.js';
import { guardRuleId, withNotedGuards } from './trace.js';

/** One effective policy of the user and where it comes from (GRT001). */
export interface PolicyExplanation {
  type: PolicyType;
  name: string;
  source: GrantSource;
  /** For a group grant: the group and the grant's rank. */
  group?: { id: string; displayName: string; rank: number };
}

/** One guard evaluated while the call was decided, in the state that evaluated it. */
export interface GuardDecision {
  state: string;
  guard: string;
  value: boolean;
  /** The rule this guard decides (GUARD_RULES), if it has one. */
  rule: RuleId | undefined;
}

/** What one call by the user would do now. */
export interface CallExplanation {
  kind: 'outbound' | 'emergency';
  /** What was dialled, in words: `a US number`, `911`. */
  dialled: string;
  decisions: GuardDecision[];
  /** The states entered, in order. */
  path: string[];
  /** The state the call waits in (for a delay), or null when it ended at once. */
  waitingIn: string | null;
  /** Where the call goes, in one sentence. */
  where: string;
  /** The outcome it ended in, or the one it is bound for when it waits. */
  outcome: RuleId | null;
  /** The outcome ends the call without Shared Calling carrying it. */
  failed: boolean;
  /** For a failure: the fix (RULE_GUIDE), and the rule whose fix it is. */
  fix: { rule: RuleId; text: string } | null;
  /** EMG001: the call goes on as an outbound call. */
  then: CallExplanation | null;
}

export interface InboundExplanation {
  /** The resource account whose number callers dial, and its number. */
  resourceAccount: { upn: string; number: string | null } | null;
  /** The auto attendant that answers that number, or null (with the rule). */
  autoAttendant: { id: string; name: string } | null;
  byName: { reachable: boolean; text: string; rule: RuleId | null };
  byExtension: { reachable: boolean; text: string; rule: RuleId | null };
}

export interface UserExplanation {
  user: { upn: string; objectId: string; displayName: string };
  policies: PolicyExplanation[];
  licences: string[];
  enterpriseVoiceEnabled: boolean;
  ownNumber: string | null;
  /** The user calls the PSTN with their own number (not an extension-dialing number). */
  callsWithOwnNumber: boolean;
  voiceRoutingUsageCount: number;
  /** The resource account the Shared Calling policy names, and its number. */
  resourceAccount: { upn: string; number: string | null } | null;
  outbound: CallExplanation;
  emergency: CallExplanation;
  inbound: InboundExplanation;
}

export type ExplainUserResult = { ok: true; explanation: UserExplanation } | { ok: false; nearest: string | null };

const POLICY_TYPES: readonly PolicyType[] = ['SharedCalling', 'VoiceRouting', 'EmergencyCallRouting'];

/** Explain user *identity* (UPN or ObjectId) of *tenant*, the tenant *scenario* loaded. */
export function explainUser(scenario: Scenario, tenant: Tenant, identity: string): ExplainUserResult {
  const user = findUser(tenant, identity);
  if (user === undefined) return { ok: false, nearest: nearestUpn(tenant, identity) };
  const view = new TenantView(tenant);
  const facts = view.user(user.objectId);
  if (facts === undefined) return { ok: false, nearest: null };
  const streams = createStreams(scenario.seed, 0);
  const ledger = new CreditsLedger(tenant.credits, streams.stream('credits/recharge'));
  ledger.settle(0);
  const { callbackPool } = scenario.settings;
  const pools = new CallbackPools(tenant, {
    selection: callbackPool.selection,
    reuse: callbackPool.reuse,
    reservationMs: callbackPool.reservation,
  });
  const derived = new DerivedTenantFacts(tenant);
  const settings = callSettings(scenario);
  const services: EmergencyInputServices = { sim: new Simulation(0), tenant, derived, pools, settings };

  const outbound = (country: string, dialled: string): CallExplanation =>
    driveCall(
      'outbound',
      outboundMachine,
      outboundInput(facts, ledger, { cap: settings.channelCap, inUse: 0 }, {
        destinationCountry: country,
        answers: true,
        ringMs: CALLER_TIMING_MS.ringAnswered,
        talkMs: 60_000,
      }),
      dialled,
      facts,
    );
  const emergency = driveCall('emergency', emergencyMachine, emergencyInput(services, facts, '911', 60_000), '911', facts);
  if (emergency.outcome === 'EMG001') {
    // Dialled locally: the resource account number's country (engine/calls/emergency.ts).
    const country = facts.resourceAccountNumber?.isoCountryCode ?? 'US';
    emergency.then = outbound(country, `911 as an ordinary number (${country})`);
  }

  const ra = facts.resourceAccount;
  const resourceAccount = ra === undefined ? null : { upn: ra.userPrincipalName, number: facts.resourceAccountNumber?.telephoneNumber ?? null };
  return {
    ok: true,
    explanation: {
      user: { upn: user.userPrincipalName, objectId: user.objectId, displayName: user.displayName },
      policies: POLICY_TYPES.map((type) => policyExplanation(tenant, user, type)),
      licences: [...user.licences],
      enterpriseVoiceEnabled: user.enterpriseVoiceEnabled,
      ownNumber: facts.ownNumber?.telephoneNumber ?? null,
      callsWithOwnNumber: facts.callsWithOwnNumber,
      voiceRoutingUsageCount: facts.voiceRoutingUsageCount,
      resourceAccount,
      outbound: outbound('US', 'a US number'),
      emergency,
      inbound: inbound(derived, facts, resourceAccount),
    },
  };
}

function policyExplanation(tenant: Tenant, user: User, type: PolicyType): PolicyExplanation {
  const { name, source } = effectivePolicyName(tenant, user, type);
  if (source !== 'group') return { type, name, source };
  // The group grant that won: the lowest rank among the user's groups granting this name.
  const grant = tenant.groupPolicyAssignments
    .filter((a) => a.policyType === type && user.groups.includes(a.groupId) && a.policyName === name)
    .sort((a, b) => a.rank - b.rank)[0];
  if (grant === undefined) return { type, name, source };
  const group = tenant.groups.find((g) => g.id === grant.groupId);
  return { type, name, source, group: { id: grant.groupId, displayName: group?.displayName ?? grant.groupId, rank: grant.rank } };
}

/** The names of the guards a state's eventless transitions test, from the machine's definition. */
function alwaysGuards(machine: AnyStateMachine, state: string): string[] {
  const config = (machine.config.states as Record<string, { always?: unknown }> | undefined)?.[state];
  const always = config?.always;
  const list = Array.isArray(always) ? always : always === undefined ? [] : [always];
  return list.flatMap((t: unknown) => {
    const guard = (t as { guard?: unknown }).guard;
    if (typeof guard === 'string') return [guard];
    if (guard !== null && typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') return [(guard as { type: string }).type];
    return [];
  });
}

function stateName(snapshot: AnyMachineSnapshot): string {
  const value: unknown = snapshot.value;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Callback sources (engine/machines/emergency.ts) and the outcome each ends in. */
const CALLBACK_SOURCE_RULES: Record<string, RuleId> = {
  heldByCaller: 'EMG007',
  nextFree: 'EMG003',
  reuse: 'EMG004',
  resourceAccount: 'EMG005',
  none: 'EMG011',
};

/** Outcomes that are not a failure of the call (it connects, is a test, or goes on elsewhere). */
const CARRIED: ReadonlySet<string> = new Set(['OUT001', 'EMG001', 'EMG002', 'EMG003', 'EMG004', 'EMG005', 'EMG006', 'EMG007', 'EMG013']);

function driveCall(kind: 'outbound' | 'emergency', machine: AnyStateMachine, input: unknown, dialled: string, facts: UserFacts): CallExplanation {
  const noted: { guard: string; params: unknown; value: boolean }[] = [];
  const [snapshot] = initialTransition(withNotedGuards(machine, (guard, _args, params, value) => noted.push({ guard, params, value })), input);
  // The states entered, from the unwrapped machine (it evaluates the same guards again, unnoted).
  const path = getInitialMicrosteps(machine, input).map(([s]) => stateName(s));
  // Each noted guard belongs to the first state from here on whose eventless transitions test it.
  const decisions: GuardDecision[] = [];
  let at = 0;
  for (const note of noted) {
    let index = at;
    while (index < path.length && !alwaysGuards(machine, path[index] ?? '').includes(note.guard)) index++;
    if (index < path.length) at = index;
    decisions.push({ state: path[at] ?? '', guard: note.guard, value: note.value, rule: guardRuleId(kind as CallKind, note.guard, note.params) });
  }
  const state = stateName(snapshot);
  const context = snapshot.context as Record<string, unknown>;
  let outcome: RuleId | null = null;
  let where: string;
  let waitingIn: string | null = null;
  if (snapshot.status === 'done') {
    const output = snapshot.output as { outcome: RuleId };
    outcome = output.outcome;
    where = `${state} (${outcome})${outcome === 'EMG001' ? ': the call goes on as an outbound call' : ': the call ends'}`;
  } else {
    waitingIn = state;
    if (kind === 'outbound') {
      const number = (input as { resourceAccount: { number: { telephoneNumber: string } | null } }).resourceAccount.number?.telephoneNumber ?? 'none';
      outcome = 'OUT001';
      where = `${state}: the call goes out with caller ID ${number}`;
    } else {
      // Where it ends when the call's time is up: the machine's own ending, read without noting it.
      const ended = transition(machine, snapshot, { type: `xstate.after.callDuration.${machine.id}.${state}` })[0];
      outcome = ended.status === 'done' ? (ended.output as { outcome: RuleId }).outcome : null;
      const source = typeof context.callbackSource === 'string' ? context.callbackSource : 'none';
      const location = context.location as { source: string; locationId: string | null } | null;
      const callback = typeof context.callbackNumber === 'string' ? context.callbackNumber : 'none';
      where =
        state === 'onTestCall'
          ? `${state}: a test call, located, with no callback number`
          : `${state}: the call is connected; location ${location?.locationId ?? 'none'} (${location?.source ?? 'none'}), ` +
            `callback number ${callback} (${source}${CALLBACK_SOURCE_RULES[source] === undefined ? '' : `, ${CALLBACK_SOURCE_RULES[source]}`})`;
    }
  }
  const failed = outcome !== null && !CARRIED.has(outcome);
  return { kind, dialled, decisions, path, waitingIn, where, outcome, failed, fix: failed && outcome !== null ? fixFor(outcome, facts) : null, then: null };
}

/** The fix of a failed outcome; routed by the user's own routing (OUT003, EMG008): the cause's fix. */
function fixFor(outcome: RuleId, facts: UserFacts): { rule: RuleId; text: string } {
  if (outcome === 'OUT003' || outcome === 'EMG008') {
    if (facts.voiceRoutingUsageCount > 0) return { rule: 'USR004', text: RULE_GUIDE.USR004.fix };
    if (facts.callsWithOwnNumber) return { rule: 'USR003', text: RULE_GUIDE.USR003.fix };
  }
  return { rule: outcome, text: RULE_GUIDE[outcome].fix };
}

function inbound(derived: DerivedTenantFacts, facts: UserFacts, resourceAccount: InboundExplanation['resourceAccount']): InboundExplanation {
  const user = facts.user;
  const id = facts.resourceAccount?.autoAttendantId ?? null;
  const entry = id === null ? undefined : derived.attendant(id);
  if (entry === undefined) {
    const text = resourceAccount === null ? 'no resource account, so no auto attendant' : 'no auto attendant answers it';
    const none = { reachable: false, text, rule: resourceAccount === null ? null : ('INB001' as RuleId) };
    return { resourceAccount, autoAttendant: null, byName: none, byExtension: none };
  }
  const { autoAttendant, directory } = entry;
  let byName: InboundExplanation['byName'];
  if (user.hiddenFromAddressLists) {
    byName = { reachable: false, text: 'hidden from the address list', rule: 'USR010' };
  } else {
    const found = directory.searchByName(user.surname);
    if (found.outcome === 'found') {
      byName = found.users.includes(user)
        ? { reachable: true, text: `"${user.surname}" finds ${found.users.length} in scope, them among them`, rule: null }
        : { reachable: false, text: `"${user.surname}" does not find them`, rule: 'INB013' };
    } else if (found.outcome === 'tooMany') {
      byName = { reachable: false, text: `"${user.surname}" matches ${found.matchesInScope} in scope, more than 5`, rule: 'INB012' };
    } else {
      byName = found.outOfScope
        ? { reachable: false, text: `"${user.surname}" is outside the dial scope`, rule: 'USR007' }
        : { reachable: false, text: `"${user.surname}" is not in the directory`, rule: 'INB013' };
    }
  }
  let byExtension: InboundExplanation['byExtension'];
  const extension = user.extension?.trim() ?? '';
  if (extension === '') {
    byExtension = { reachable: false, text: 'no extension in a directory phone attribute', rule: 'USR009' };
  } else if (user.hiddenFromAddressLists) {
    byExtension = { reachable: false, text: `${extension}: hidden from the address list`, rule: 'USR010' };
  } else {
    const found = directory.searchByExtension(extension);
    byExtension =
      found.outcome === 'found' && found.user === user
        ? { reachable: true, text: extension, rule: null }
        : found.outcome === 'outOfScope'
          ? { reachable: false, text: `${extension}: outside the dial scope`, rule: 'INB013' }
          : { reachable: false, text: `${extension}: answered by someone else or not found`, rule: 'INB013' };
  }
  return { resourceAccount, autoAttendant: { id: autoAttendant.id, name: autoAttendant.name }, byName, byExtension };
}

/** The UPN nearest *identity* by edit distance (case-insensitive), or null in a tenant with no users. */
export function nearestUpn(tenant: Tenant, identity: string): string | null {
  const wanted = identity.trim().toLowerCase();
  let best: { upn: string; distance: number } | null = null;
  for (const u of tenant.users) {
    const distance = editDistance(wanted, u.userPrincipalName.toLowerCase());
    if (best === null || distance < best.distance) best = { upn: u.userPrincipalName, distance };
  }
  return best?.upn ?? null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
