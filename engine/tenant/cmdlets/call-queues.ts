/**
 * New-/Set-/Get-/Remove-CsCallQueue in Microsoft's parameter names. Targets are given as Teams
 * takes them: a user's or resource account's ObjectId (or UPN here), a group id for shared
 * voicemail, `tel:+E164` for an external number. The association of a resource account with a
 * queue is the queue side of New-CsOnlineApplicationInstanceAssociation (associateCallQueue).
 */
import type { CmdletObject, CmdletResult, CmdletValue } from '../cmdlet.js';
import { findResourceAccount, findUser } from '../lookup.js';
import {
  CALL_QUEUE_ROUTING_METHODS,
  type CallQueue,
  type CallQueueAction,
  type CallQueueRoutingMethod,
  type CallTarget,
  type Tenant,
} from '../model.js';
import { callQueuesOf, defaultCallQueue, findCallQueue, newCallQueue, removeCallQueue, setCallQueue } from '../operations/call-queue.js';
import { emit, fail, fromOp, notSimulated, wildcard } from './result.js';
import type { BoundArgs, CmdletSpec, ParamSpec } from './spec.js';

const ACTIONS: readonly CallQueueAction[] = ['Disconnect', 'DisconnectWithBusy', 'Forward', 'Voicemail', 'SharedVoicemail', 'Queue'];

/** Conference mode is kept (Get-CsCallQueue shows it) but changes no call: it only shortens how long an agent's answer takes to connect. */
const CONFERENCE_MODE_NOT_SIMULATED = 'it shortens how long an answered call takes to connect, which callsim does not model; the queue is kept with it.';

/** The parameters New- and Set-CsCallQueue share. */
const QUEUE_PARAMETERS: ParamSpec[] = [
  { name: 'Users', type: 'stringList' },
  { name: 'DistributionLists', type: 'stringList' },
  { name: 'RoutingMethod', type: 'string' },
  { name: 'PresenceBasedRouting', type: 'bool' },
  { name: 'AgentAlertTime', type: 'int' },
  { name: 'AllowOptOut', type: 'bool' },
  { name: 'ConferenceMode', type: 'bool' },
  { name: 'OverflowThreshold', type: 'int' },
  { name: 'OverflowAction', type: 'string' },
  { name: 'OverflowActionTarget', type: 'string', nullable: true },
  { name: 'TimeoutThreshold', type: 'int' },
  { name: 'TimeoutAction', type: 'string' },
  { name: 'TimeoutActionTarget', type: 'string', nullable: true },
  { name: 'NoAgentAction', type: 'string' },
  { name: 'NoAgentActionTarget', type: 'string', nullable: true },
];

/** A target as Teams gives it: tel: for a number, else a user, a resource account or a group. */
function target(t: Tenant, id: string): CallTarget {
  if (id.toLowerCase().startsWith('tel:')) return { type: 'ExternalPstn', id: id.slice(4) };
  if (findUser(t, id) !== undefined) return { type: 'User', id };
  if (findResourceAccount(t, id) !== undefined) return { type: 'ApplicationEndpoint', id };
  if (t.groups.some((g) => g.id.toLowerCase() === id.toLowerCase())) return { type: 'SharedVoicemail', id };
  // Nothing by that id: the operation refuses it (CQ007) as the user it would have to be.
  return { type: 'User', id };
}

function enumValue<T extends string>(a: BoundArgs, name: string, allowed: readonly T[]): T | undefined | { error: CmdletResult } {
  const value = a.string(name);
  if (value === undefined || value === null) return undefined;
  const match = allowed.find((x) => x.toLowerCase() === value.toLowerCase());
  return match ?? { error: fail('InvalidParameterValue', `-${name} ${value} is not one of ${allowed.join(', ')}.`) };
}

/** The queue fields the bound parameters set, or the binding error. */
function patchFrom(t: Tenant, a: BoundArgs, current: CallQueue | undefined): Partial<CallQueue> | CmdletResult {
  const patch: Partial<CallQueue> = {};
  const users = a.list('Users');
  if (users !== undefined) {
    patch.agents = users.map((u) => {
      const previous = current?.agents.find((x) => x.objectId.toLowerCase() === (findUser(t, u)?.objectId ?? u).toLowerCase());
      return { objectId: findUser(t, u)?.objectId ?? u, optIn: previous?.optIn ?? true };
    });
  }
  const lists = a.list('DistributionLists');
  if (lists !== undefined) patch.distributionLists = lists;
  const routing = enumValue<CallQueueRoutingMethod>(a, 'RoutingMethod', CALL_QUEUE_ROUTING_METHODS);
  if (typeof routing === 'object') return routing.error;
  if (routing !== undefined) patch.routingMethod = routing;
  for (const [param, key] of [
    ['PresenceBasedRouting', 'presenceBasedRouting'],
    ['AllowOptOut', 'allowOptOut'],
    ['ConferenceMode', 'conferenceMode'],
  ] as const) {
    const value = a.bool(param);
    if (value !== undefined) patch[key] = value;
  }
  for (const [param, key] of [
    ['AgentAlertTime', 'agentAlertTime'],
    ['OverflowThreshold', 'overflowThreshold'],
    ['TimeoutThreshold', 'timeoutThreshold'],
  ] as const) {
    const value = a.number(param);
    if (value !== undefined) patch[key] = value;
  }
  for (const [kind, actionKey, targetKey] of [
    ['Overflow', 'overflowAction', 'overflowActionTarget'],
    ['Timeout', 'timeoutAction', 'timeoutActionTarget'],
    ['NoAgent', 'noAgentAction', 'noAgentActionTarget'],
  ] as const) {
    const action = enumValue<CallQueueAction>(a, `${kind}Action`, ACTIONS);
    if (typeof action === 'object') return action.error;
    if (action !== undefined) patch[actionKey] = action;
    if (a.has(`${kind}ActionTarget`)) {
      const id = a.string(`${kind}ActionTarget`);
      patch[targetKey] = id === undefined || id === null ? null : target(t, id);
    }
  }
  return patch;
}

function isResult(value: unknown): value is CmdletResult {
  return typeof value === 'object' && value !== null && 'ok' in value;
}

function targetText(target: CallTarget | null): CmdletValue {
  if (target === null) return null;
  return target.type === 'ExternalPstn' ? `tel:${target.id}` : target.id;
}

export function callQueueObject(q: CallQueue): CmdletObject {
  return {
    kind: 'object',
    typeName: 'CallQueue',
    text: q.identity,
    properties: {
      Identity: q.identity,
      Name: q.name,
      Agents: q.agents.map((x) => ({ kind: 'object', typeName: 'Agent', text: x.objectId, properties: { ObjectId: x.objectId, OptIn: x.optIn } })),
      DistributionLists: [...q.distributionLists],
      RoutingMethod: q.routingMethod,
      PresenceBasedRouting: q.presenceBasedRouting,
      AgentAlertTime: q.agentAlertTime,
      AllowOptOut: q.allowOptOut,
      ConferenceMode: q.conferenceMode,
      OverflowThreshold: q.overflowThreshold,
      OverflowAction: q.overflowAction,
      OverflowActionTarget: targetText(q.overflowActionTarget),
      TimeoutThreshold: q.timeoutThreshold,
      TimeoutAction: q.timeoutAction,
      TimeoutActionTarget: targetText(q.timeoutActionTarget),
      NoAgentAction: q.noAgentAction,
      NoAgentActionTarget: targetText(q.noAgentActionTarget),
    },
  };
}

/** A new queue's identity: GUID-shaped, numbered in creation order, so a script gives the same ids every time. */
function newIdentity(t: Tenant): string {
  for (let n = callQueuesOf(t).length + 1; ; n++) {
    const id = `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    if (findCallQueue(t, id) === undefined) return id;
  }
}

export const callQueueCmdlets: readonly CmdletSpec[] = [
  {
    name: 'New-CsCallQueue',
    synopsis: 'Creates a call queue: agents, routing method, alert time, overflow, timeout and no-agents actions.',
    parameters: [{ name: 'Name', type: 'string', position: 0, mandatory: true }, ...QUEUE_PARAMETERS],
    run(t, a) {
      const name = a.string('Name') ?? '';
      const base = defaultCallQueue(newIdentity(t), name);
      const patch = patchFrom(t, a, undefined);
      if (isResult(patch)) return patch;
      return notSimulated(fromOp(newCallQueue(t, { ...base, ...patch }), (q) => [callQueueObject(q)]), a, ['ConferenceMode'], CONFERENCE_MODE_NOT_SIMULATED);
    },
  },
  {
    name: 'Set-CsCallQueue',
    synopsis: 'Changes a call queue (by -Identity, or by its name).',
    parameters: [{ name: 'Identity', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' }, { name: 'Name', type: 'string' }, ...QUEUE_PARAMETERS],
    run(t, a) {
      const identity = a.string('Identity') ?? '';
      const current = findCallQueue(t, identity);
      const patch = patchFrom(t, a, current);
      if (isResult(patch)) return patch;
      const name = a.string('Name');
      if (name !== undefined && name !== null) patch.name = name;
      return notSimulated(fromOp(setCallQueue(t, identity, patch), (q) => [callQueueObject(q)]), a, ['ConferenceMode'], CONFERENCE_MODE_NOT_SIMULATED);
    },
  },
  {
    name: 'Get-CsCallQueue',
    synopsis: 'Lists call queues (-Identity, or -NameFilter with wildcards).',
    parameters: [
      { name: 'Identity', type: 'string', position: 0 },
      { name: 'NameFilter', type: 'string' },
    ],
    run(t, a) {
      const identity = a.string('Identity');
      if (identity !== undefined && identity !== null) {
        const q = findCallQueue(t, identity);
        return q === undefined ? fail('InvalidParameterValue', `call queue ${identity} does not exist.`) : emit([callQueueObject(q)]);
      }
      const filter = a.string('NameFilter');
      const match = filter === undefined || filter === null ? () => true : (q: CallQueue) => wildcard(filter.includes('*') ? filter : `*${filter}*`).test(q.name);
      return emit(callQueuesOf(t).filter(match).map(callQueueObject));
    },
  },
  {
    name: 'Remove-CsCallQueue',
    synopsis: 'Removes a call queue; resource accounts associated with it then answer for nothing.',
    parameters: [{ name: 'Identity', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' }],
    run(t, a) {
      return fromOp(removeCallQueue(t, a.string('Identity') ?? ''));
    },
  },
];
