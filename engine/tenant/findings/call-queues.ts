/**
 * Findings about call queues (CQ011-CQ015): a queue no agent can answer, agents who are not
 * voice enabled, a timeout shorter than one alert cycle, targets that answer for nothing, and
 * loops of automatic forwards between queues and attendants.
 */
import { findResourceAccount, findUser } from '../lookup.js';
import type { CallQueue, CallTarget, Tenant } from '../model.js';
import { finding, type Finding } from './finding.js';
import { callFlowsOf } from './shared-calling.js';

function queues(tenant: Tenant): CallQueue[] {
  return tenant.callQueues ?? [];
}

/** The queue's agents who can take calls: opted in, from -Users and the groups of -DistributionLists. */
function answeringAgents(tenant: Tenant, queue: CallQueue): number {
  const ids = new Set<string>();
  for (const a of queue.agents) {
    const user = findUser(tenant, a.objectId);
    if (user !== undefined && a.optIn && user.enterpriseVoiceEnabled) ids.add(user.objectId);
  }
  for (const g of queue.distributionLists) {
    for (const u of tenant.users) if (u.enterpriseVoiceEnabled && u.groups.some((x) => x.toLowerCase() === g.toLowerCase())) ids.add(u.objectId);
  }
  return ids.size;
}

function queueTargets(queue: CallQueue): { where: string; target: CallTarget }[] {
  const out: { where: string; target: CallTarget }[] = [];
  if (queue.overflowAction === 'Forward' && queue.overflowActionTarget !== null) out.push({ where: 'overflow', target: queue.overflowActionTarget });
  if (queue.timeoutAction === 'Forward' && queue.timeoutActionTarget !== null) out.push({ where: 'timeout', target: queue.timeoutActionTarget });
  if (queue.noAgentAction === 'Forward' && queue.noAgentActionTarget !== null) out.push({ where: 'no agents', target: queue.noAgentActionTarget });
  return out;
}

/** `aa:<id>` or `cq:<id>` that resource account *id* answers for, null for none, undefined when it does not exist. */
function nodeOf(tenant: Tenant, id: string): string | null | undefined {
  const ra = findResourceAccount(tenant, id);
  if (ra === undefined) return undefined;
  if (ra.callQueueId != null) return `cq:${ra.callQueueId}`;
  if (ra.autoAttendantId !== null) return `aa:${ra.autoAttendantId}`;
  return null;
}

export function callQueueFindings(tenant: Tenant): Finding[] {
  const findings: Finding[] = [];
  for (const queue of queues(tenant)) {
    if (answeringAgents(tenant, queue) === 0) {
      findings.push(
        finding('CQ011', 'callQueue', queue.identity, `call queue ${queue.name} has no agent who can take a call: every call goes to its no-agents action (${queue.noAgentAction}).`, `Add agents to call queue ${queue.name} (-Users or -DistributionLists), or opt them in.`),
      );
    }
    for (const a of queue.agents) {
      const user = findUser(tenant, a.objectId);
      if (user !== undefined && !user.enterpriseVoiceEnabled) {
        findings.push(
          finding('CQ012', 'callQueue', queue.identity, `agent ${user.userPrincipalName} of call queue ${queue.name} is not Enterprise Voice enabled: the queue never offers them a call.`, `Enable Enterprise Voice for ${user.userPrincipalName}, or take them out of the queue.`),
        );
      }
    }
    if (queue.timeoutThreshold < queue.agentAlertTime) {
      findings.push(
        finding('CQ014', 'callQueue', queue.identity, `call queue ${queue.name} times out after ${queue.timeoutThreshold} s, less than one agent alert time of ${queue.agentAlertTime} s.`, `Set -TimeoutThreshold of call queue ${queue.name} to at least its -AgentAlertTime.`),
      );
    }
  }
  // Targets that answer for nothing, and the automatic forwards between queues and attendants.
  const edges = new Map<string, string[]>();
  const addEdge = (from: string, to: string): void => {
    edges.set(from, [...(edges.get(from) ?? []), to]);
  };
  const checkTarget = (owner: { kind: 'callQueue' | 'autoAttendant'; id: string; name: string }, where: string, target: CallTarget, automatic: boolean, from: string): void => {
    if (target.type !== 'ApplicationEndpoint') return;
    const node = nodeOf(tenant, target.id);
    if (node === null) {
      const what = owner.kind === 'callQueue' ? 'call queue' : 'auto attendant';
      findings.push(
        finding('CQ015', owner.kind, owner.id, `${what} ${owner.name}, ${where}: resource account ${target.id} answers for no call queue or auto attendant.`, `Associate resource account ${target.id} with its call queue or auto attendant.`),
      );
    } else if (node !== undefined && automatic) addEdge(from, node);
  };
  for (const queue of queues(tenant)) {
    for (const { where, target } of queueTargets(queue)) checkTarget({ kind: 'callQueue', id: queue.identity, name: queue.name }, `${where} forward`, target, true, `cq:${queue.identity}`);
  }
  for (const aa of tenant.autoAttendants) {
    const owner = { kind: 'autoAttendant' as const, id: aa.id, name: aa.name };
    for (const { where, flow } of callFlowsOf(aa)) {
      if (flow.action.kind === 'redirect') checkTarget(owner, where, flow.action.target, true, `aa:${aa.id}`);
      if (flow.action.kind === 'menu') for (const o of flow.action.menu.options) if (o.target !== null) checkTarget(owner, `${where}, key ${o.key}`, o.target, false, `aa:${aa.id}`);
    }
  }
  for (const cycle of cycles(edges)) {
    const first = cycle[0] as string;
    const name = (node: string): string => {
      const id = node.slice(3);
      return node.startsWith('cq:') ? `call queue ${queues(tenant).find((q) => q.identity === id)?.name ?? id}` : `auto attendant ${tenant.autoAttendants.find((a) => a.id === id)?.name ?? id}`;
    };
    findings.push(
      finding('CQ013', first.startsWith('cq:') ? 'callQueue' : 'autoAttendant', first.slice(3), `${[...cycle, first].map(name).join(' -> ')}: the forwards go round in a loop; a call in it is disconnected when it comes back (CQ026).`, 'Send one of these forwards to a user, voicemail or a disconnect instead.'),
    );
  }
  return findings;
}

/** Each cycle of the graph once, starting at its smallest node. */
function cycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const found = new Map<string, string[]>();
  const walk = (path: string[]): void => {
    const last = path[path.length - 1] as string;
    for (const next of edges.get(last) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) {
        const cycle = path.slice(at);
        const start = cycle.indexOf([...cycle].sort()[0] as string);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        found.set(rotated.join('>'), rotated);
      } else if (path.length < 50) walk([...path, next]);
    }
  };
  for (const node of [...edges.keys()].sort()) walk([node]);
  return [...found.values()];
}
