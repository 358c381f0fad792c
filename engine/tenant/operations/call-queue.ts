/**
 * Call queues (New-/Set-/Remove-CsCallQueue) and the association of a resource account with one
 * (the queue side of New-CsOnlineApplicationInstanceAssociation). Refusals CQ001-CQ010 of
 * docs/rules.md §1; what only a whole tenant shows (no agents, loops) is validate()'s (CQ011+).
 */
import { sameData, type TenantChange } from '../changes.js';
import { findResourceAccount, findUser } from '../lookup.js';
import type { CallQueue, CallQueueAction, CallTarget, Tenant } from '../model.js';
import { normalizeTelephoneNumber } from '../phone-number.js';
import { refuse, succeed, succeedEmpty, type OpResult } from './result.js';

/** Teams' own bounds of New-CsCallQueue's numeric parameters. */
export const CALL_QUEUE_LIMITS = {
  agentAlertTime: { min: 15, max: 180 },
  overflowThreshold: { min: 0, max: 200 },
  timeoutThreshold: { min: 0, max: 2700 },
  users: 20,
  distributionLists: 50,
} as const;

/** The defaults New-CsCallQueue gives what it is not told. */
export function defaultCallQueue(identity: string, name: string): CallQueue {
  return {
    identity,
    name,
    agents: [],
    distributionLists: [],
    routingMethod: 'Attendant',
    presenceBasedRouting: false,
    agentAlertTime: 30,
    allowOptOut: true,
    conferenceMode: true,
    overflowThreshold: 50,
    overflowAction: 'DisconnectWithBusy',
    overflowActionTarget: null,
    timeoutThreshold: 1200,
    timeoutAction: 'Disconnect',
    timeoutActionTarget: null,
    noAgentAction: 'Queue',
    noAgentActionTarget: null,
  };
}

export function callQueuesOf(t: Tenant): CallQueue[] {
  return t.callQueues ?? [];
}

export function findCallQueue(t: Tenant, identity: string): CallQueue | undefined {
  const key = identity.toLowerCase();
  return callQueuesOf(t).find((q) => q.identity.toLowerCase() === key || q.name.toLowerCase() === key);
}

type ActionKind = 'Overflow' | 'Timeout' | 'NoAgent';

const ALLOWED_ACTIONS: Readonly<Record<ActionKind, readonly CallQueueAction[]>> = {
  Overflow: ['DisconnectWithBusy', 'Forward', 'Voicemail', 'SharedVoicemail'],
  Timeout: ['Disconnect', 'Forward', 'Voicemail', 'SharedVoicemail'],
  NoAgent: ['Queue', 'Disconnect', 'Forward', 'Voicemail', 'SharedVoicemail'],
};

function checkAction(t: Tenant, kind: ActionKind, action: CallQueueAction, target: CallTarget | null): string | null {
  if (!ALLOWED_ACTIONS[kind].includes(action)) {
    return `CQ005|-${kind}Action ${action} is not one of ${ALLOWED_ACTIONS[kind].join(', ')}.`;
  }
  const needsTarget = action === 'Forward' || action === 'Voicemail' || action === 'SharedVoicemail';
  if (needsTarget && target === null) return `CQ006|-${kind}Action ${action} needs -${kind}ActionTarget.`;
  if (!needsTarget || target === null) return null;
  const where = `-${kind}ActionTarget ${target.id}`;
  if (action === 'Voicemail' && target.type !== 'User') return `CQ007|${where}: -${kind}Action Voicemail takes a user.`;
  if (action === 'SharedVoicemail' && target.type !== 'SharedVoicemail') return `CQ007|${where}: -${kind}Action SharedVoicemail takes a group (SharedVoicemail target).`;
  if (target.type === 'User' && findUser(t, target.id) === undefined) return `CQ007|${where} is not a user of the tenant.`;
  if (target.type === 'ApplicationEndpoint' && findResourceAccount(t, target.id) === undefined) return `CQ007|${where} is not a resource account of the tenant.`;
  if (target.type === 'ExternalPstn' && !normalizeTelephoneNumber(target.id).ok) return `CQ007|${where} is not an E.164 number.`;
  if (target.type === 'SharedVoicemail' && !t.groups.some((g) => g.id.toLowerCase() === target.id.toLowerCase())) return `CQ007|${where} is not a group of the tenant.`;
  return null;
}

/** What Teams refuses in a queue's definition, or null. The text starts `ID|`. */
function problemWith(t: Tenant, q: CallQueue): string | null {
  const L = CALL_QUEUE_LIMITS;
  if (q.name.trim() === '') return 'CQ001|a call queue needs a -Name.';
  if (!Number.isInteger(q.agentAlertTime) || q.agentAlertTime < L.agentAlertTime.min || q.agentAlertTime > L.agentAlertTime.max) {
    return `CQ002|-AgentAlertTime ${q.agentAlertTime} is outside ${L.agentAlertTime.min}-${L.agentAlertTime.max} seconds.`;
  }
  if (!Number.isInteger(q.overflowThreshold) || q.overflowThreshold < L.overflowThreshold.min || q.overflowThreshold > L.overflowThreshold.max) {
    return `CQ003|-OverflowThreshold ${q.overflowThreshold} is outside ${L.overflowThreshold.min}-${L.overflowThreshold.max} callers.`;
  }
  if (!Number.isInteger(q.timeoutThreshold) || q.timeoutThreshold < L.timeoutThreshold.min || q.timeoutThreshold > L.timeoutThreshold.max) {
    return `CQ003|-TimeoutThreshold ${q.timeoutThreshold} is outside ${L.timeoutThreshold.min}-${L.timeoutThreshold.max} seconds.`;
  }
  if (q.agents.length > L.users) return `CQ008|${q.agents.length} agents in -Users; a call queue takes at most ${L.users} (more through -DistributionLists).`;
  if (q.distributionLists.length > L.distributionLists) return `CQ008|${q.distributionLists.length} -DistributionLists; a call queue takes at most ${L.distributionLists}.`;
  const unknown = q.agents.find((a) => findUser(t, a.objectId) === undefined);
  if (unknown !== undefined) return `CQ009|agent ${unknown.objectId} in -Users is not a user of the tenant.`;
  const unknownGroup = q.distributionLists.find((g) => !t.groups.some((x) => x.id.toLowerCase() === g.toLowerCase()));
  if (unknownGroup !== undefined) return `CQ009|-DistributionLists ${unknownGroup} is not a group of the tenant.`;
  if (!q.allowOptOut && q.agents.some((a) => !a.optIn)) return 'CQ010|an agent is opted out while -AllowOptOut is $false.';
  return (
    checkAction(t, 'Overflow', q.overflowAction, q.overflowActionTarget) ??
    checkAction(t, 'Timeout', q.timeoutAction, q.timeoutActionTarget) ??
    checkAction(t, 'NoAgent', q.noAgentAction, q.noAgentActionTarget)
  );
}

function refused(problem: string) {
  const [code, text] = problem.split('|') as ['CQ001', string];
  return refuse(code, text);
}

/** New-CsCallQueue. */
export function newCallQueue(t: Tenant, q: CallQueue): OpResult<CallQueue> {
  if (callQueuesOf(t).some((x) => x.identity.toLowerCase() === q.identity.toLowerCase())) {
    return refuse('InvalidParameterValue', `a call queue with identity ${q.identity} already exists.`);
  }
  const problem = problemWith(t, q);
  if (problem !== null) return refused(problem);
  const stored = structuredClone(q);
  t.callQueues = [...callQueuesOf(t), stored];
  return succeed(stored, [`Call queue ${q.name} (${q.identity}) added`], [{ type: 'callQueueChanged', identity: stored.identity }]);
}

/** Set-CsCallQueue: *patch* over the queue named by *identity*; the identity cannot change. */
export function setCallQueue(t: Tenant, identity: string, patch: Partial<CallQueue>): OpResult<CallQueue> {
  const existing = findCallQueue(t, identity);
  if (existing === undefined) return refuse('InvalidParameterValue', `call queue ${identity} does not exist.`);
  const next: CallQueue = { ...existing, ...structuredClone(patch), identity: existing.identity };
  const problem = problemWith(t, next);
  if (problem !== null) return refused(problem);
  if (sameData(existing, next)) return succeed(existing, [], []);
  t.callQueues = callQueuesOf(t).map((q) => (q === existing ? next : q));
  return succeed(next, [`Call queue ${next.name} (${next.identity}) changed`], [{ type: 'callQueueChanged', identity: next.identity }]);
}

/** Remove-CsCallQueue: resource accounts associated with it answer for nothing afterwards. */
export function removeCallQueue(t: Tenant, identity: string): OpResult {
  const existing = findCallQueue(t, identity);
  if (existing === undefined) return refuse('InvalidParameterValue', `call queue ${identity} does not exist.`);
  t.callQueues = callQueuesOf(t).filter((q) => q !== existing);
  const events: TenantChange[] = [{ type: 'callQueueChanged', identity: existing.identity }];
  for (const ra of t.resourceAccounts) {
    if (ra.callQueueId !== existing.identity) continue;
    ra.callQueueId = null;
    events.push({ type: 'callQueueAssociated', resourceAccount: ra.objectId, callQueueId: null, previousCallQueueId: existing.identity });
  }
  return succeedEmpty([`Call queue ${existing.name} (${existing.identity}) removed`], events);
}

/**
 * The call-queue side of New-CsOnlineApplicationInstanceAssociation: resource account
 * *resourceAccount* answers for queue *identity*. Only a resource account of type CallQueue can
 * (CQ004); a CallQueue resource account answers for no auto attendant.
 */
export function associateCallQueue(t: Tenant, resourceAccount: string, identity: string): OpResult {
  const ra = findResourceAccount(t, resourceAccount);
  if (ra === undefined) return refuse('InvalidParameterValue', `resource account ${resourceAccount} does not exist.`);
  const q = findCallQueue(t, identity);
  if (q === undefined) return refuse('InvalidParameterValue', `call queue ${identity} does not exist.`);
  if (ra.applicationType !== 'CallQueue') {
    return refuse('CQ004', `resource account ${ra.userPrincipalName} is of type ${ra.applicationType}; only a CallQueue resource account can be associated with call queue ${q.name}.`);
  }
  const previous = ra.callQueueId ?? null;
  if (previous === q.identity) return succeedEmpty([], []);
  ra.callQueueId = q.identity;
  return succeedEmpty(
    [`Resource account ${ra.userPrincipalName} associated with call queue ${q.name}`],
    [{ type: 'callQueueAssociated', resourceAccount: ra.objectId, callQueueId: q.identity, previousCallQueueId: previous }],
  );
}

/**
 * New-CsOnlineApplicationInstanceAssociation -ConfigurationType CallQueue: each resource account
 * answers for call queue *identity*. The cmdlet runs on a copy of the tenant, so a refusal of a
 * later account leaves the tenant as it was.
 */
export function associateWithCallQueue(t: Tenant, identities: string[], identity: string): OpResult {
  if (identities.length === 0) return refuse('CQ004', '-Identities names no resource account.');
  const changes: string[] = [];
  const events: TenantChange[] = [];
  for (const account of identities) {
    const one = associateCallQueue(t, account, identity);
    if (!one.ok) return one;
    changes.push(...one.changes);
    events.push(...one.events);
  }
  return succeedEmpty(changes, events);
}
