/**
 * The agents of the tenant's call queues, shared by every queue they are in: an agent rings for
 * one call at a time and talks on one call at a time, whichever queue it came from. Callers wait
 * per queue in order of arrival; when an agent frees up or a call starts waiting, the oldest
 * waiting call of each queue (oldest first) is offered to the agent its queue's routing method
 * picks. The call machines decide everything else (docs/rules.md CQ020-CQ024): this only keeps
 * who is free and who waits, and says whom to offer a call to.
 */

import { findUser, type CallQueue, type Tenant } from '../tenant/index.js';

export type RoutingMethod = 'Attendant' | 'Serial' | 'RoundRobin' | 'LongestIdle';

/** A queue's agents as the runtime routes to them, taken from the tenant when a call arrives. */
export interface QueueRoster {
  id: string;
  routingMethod: RoutingMethod;
  presenceBasedRouting: boolean;
  /** Opted-in, voice-enabled agents (user ObjectIds), in the queue's order. */
  agents: readonly string[];
}

/** The agent picked for a call: *onCall* when they are talking on another call (presence off). */
export interface AgentPick {
  agentId: string;
  onCall: boolean;
}

/** Told whenever the runtime offers a waiting call to an agent. */
export type OfferCall = (callId: number, queueId: string, pick: AgentPick, waitedMs: number) => void;

interface Agent {
  ringingFor: number | null;
  talkingOn: number | null;
  /** When the agent last finished a call (or 0): longest idle routing picks the smallest. */
  freeSince: number;
}

interface Waiting {
  callId: number;
  enteredAt: number;
  /** Arrival order among calls that entered at the same millisecond. */
  seq: number;
  /** Agents who were offered this call and did not answer, since it last tried them all. */
  tried: Set<string>;
}

interface QueueState {
  roster: QueueRoster;
  /** Waiting calls in order of arrival. */
  waiting: Waiting[];
  /** Round robin: the roster index of the agent offered a call last. */
  lastOffered: number;
}

export class QueueAgents {
  private readonly agents = new Map<string, Agent>();
  private readonly queues = new Map<string, QueueState>();
  /** Calls in a queue (waiting or ringing an agent), with where they are. */
  private readonly calls = new Map<number, { queueId: string; entry: Waiting; ringing: string | null }>();
  private seq = 0;

  constructor(
    private readonly offer: OfferCall,
    private readonly now: () => number,
  ) {}

  /** Callers waiting (not ringing an agent) in queue *queueId* now. */
  waitingIn(queueId: string): number {
    return this.queues.get(queueId)?.waiting.length ?? 0;
  }

  /** Whether *agentId* is talking on a call now. */
  isTalking(agentId: string): boolean {
    return (this.agents.get(agentId)?.talkingOn ?? null) !== null;
  }

  /**
   * The agent a call arriving now at *roster*'s queue would ring, or null when it has to wait:
   * callers already waiting go first.
   */
  freeAgentFor(roster: QueueRoster): AgentPick | null {
    const queue = this.queue(roster);
    if (queue.waiting.length > 0) return null;
    // A look only: the call may overflow instead, and round robin must not move on for it.
    const lastOffered = queue.lastOffered;
    const pick = this.pick(queue, new Set());
    queue.lastOffered = lastOffered;
    return pick;
  }

  /** Call *callId* rings *agentId* of *roster*'s queue as it arrives (the machine took the free agent). */
  ring(roster: QueueRoster, callId: number, agentId: string): void {
    const queue = this.queue(roster);
    const entry: Waiting = { callId, enteredAt: this.now(), seq: this.seq++, tried: new Set() };
    this.calls.set(callId, { queueId: roster.id, entry, ringing: agentId });
    queue.lastOffered = roster.agents.indexOf(agentId);
    this.agent(agentId).ringingFor = callId;
  }

  /** Call *callId* waits in *roster*'s queue from now. */
  join(roster: QueueRoster, callId: number): void {
    const queue = this.queue(roster);
    const entry: Waiting = { callId, enteredAt: this.now(), seq: this.seq++, tried: new Set() };
    this.calls.set(callId, { queueId: roster.id, entry, ringing: null });
    queue.waiting.push(entry);
    this.dispatch();
  }

  /** The agent call *callId* rang did not answer: the agent is free, the call waits again in its place. */
  missed(callId: number): void {
    const call = this.calls.get(callId);
    if (call === undefined || call.ringing === null) return;
    const agentId = call.ringing;
    this.agent(agentId).ringingFor = null;
    call.entry.tried.add(agentId);
    call.ringing = null;
    const queue = this.queues.get(call.queueId) as QueueState;
    // Back in arrival order: a skipped call keeps its place in the line.
    const at = queue.waiting.findIndex((w) => w.seq > call.entry.seq);
    queue.waiting.splice(at === -1 ? queue.waiting.length : at, 0, call.entry);
    this.dispatch();
  }

  /** The agent call *callId* rang answered: they talk on it until `release`. */
  answered(callId: number, agentId: string): void {
    const call = this.calls.get(callId);
    this.calls.delete(callId);
    const agent = this.agent(agentId);
    if (call !== undefined && agent.ringingFor === callId) agent.ringingFor = null;
    agent.talkingOn = callId;
  }

  /** Call *callId* leaves its queue unanswered (hung up, timed out): an agent it rang is free again. */
  leave(callId: number): void {
    const call = this.calls.get(callId);
    if (call === undefined) return;
    this.calls.delete(callId);
    if (call.ringing !== null) {
      this.agent(call.ringing).ringingFor = null;
    } else {
      const queue = this.queues.get(call.queueId) as QueueState;
      queue.waiting.splice(queue.waiting.indexOf(call.entry), 1);
    }
    this.dispatch();
  }

  /** *agentId* ended their call: free for the next one. */
  release(agentId: string): void {
    const agent = this.agent(agentId);
    agent.talkingOn = null;
    agent.freeSince = this.now();
    this.dispatch();
  }

  private agent(agentId: string): Agent {
    let agent = this.agents.get(agentId);
    if (agent === undefined) this.agents.set(agentId, (agent = { ringingFor: null, talkingOn: null, freeSince: 0 }));
    return agent;
  }

  /** The queue's state, with its roster as the tenant has it now. */
  private queue(roster: QueueRoster): QueueState {
    let queue = this.queues.get(roster.id);
    if (queue === undefined) this.queues.set(roster.id, (queue = { roster, waiting: [], lastOffered: -1 }));
    queue.roster = roster;
    return queue;
  }

  /**
   * The agent the queue's routing method offers a call to next, skipping those the call *tried*
   * (when it tried every one it could, it starts again). Without presence-based routing an agent
   * on a call can be offered one (and will not answer); with it, or with longest idle (which
   * follows presence in Teams), they cannot. Attendant routing rings everyone at once in Teams;
   * here it offers agents one by one in list order, like serial [choice].
   */
  private pick(queue: QueueState, tried: Set<string>): AgentPick | null {
    const { roster } = queue;
    const presence = roster.presenceBasedRouting || roster.routingMethod === 'LongestIdle';
    const candidates = (skip: Set<string>): number[] => {
      const found: number[] = [];
      roster.agents.forEach((id, i) => {
        const agent = this.agents.get(id);
        if (agent !== undefined && (agent.ringingFor !== null || (presence && agent.talkingOn !== null))) return;
        if (!skip.has(id)) found.push(i);
      });
      return found;
    };
    let found = candidates(tried);
    if (found.length === 0 && tried.size > 0) {
      tried.clear();
      found = candidates(tried);
    }
    if (found.length === 0) return null;
    let index = found[0] as number;
    if (roster.routingMethod === 'RoundRobin') {
      index = found.find((i) => i > queue.lastOffered) ?? index;
    } else if (roster.routingMethod === 'LongestIdle') {
      for (const i of found) if (this.freeSince(roster.agents[i] as string) < this.freeSince(roster.agents[index] as string)) index = i;
    }
    queue.lastOffered = index;
    const agentId = roster.agents[index] as string;
    return { agentId, onCall: this.isTalking(agentId) };
  }

  private freeSince(agentId: string): number {
    return this.agents.get(agentId)?.freeSince ?? 0;
  }

  /** Offer waiting calls to free agents, the longest-waiting queue's first call first, until none can be. */
  private dispatch(): void {
    for (;;) {
      let best: QueueState | undefined;
      for (const queue of this.queues.values()) {
        const head = queue.waiting[0];
        if (head === undefined) continue;
        const bestHead = best?.waiting[0];
        if (bestHead === undefined || head.seq < bestHead.seq) {
          if (this.pickable(queue)) best = queue;
        }
      }
      if (best === undefined) return;
      const entry = best.waiting.shift() as Waiting;
      const pick = this.pick(best, entry.tried) as AgentPick;
      const call = this.calls.get(entry.callId);
      if (call !== undefined) call.ringing = pick.agentId;
      this.agent(pick.agentId).ringingFor = entry.callId;
      this.offer(entry.callId, best.roster.id, pick, this.now() - entry.enteredAt);
    }
  }

  /** Whether the queue's first waiting call can be offered to anyone now (without changing anything). */
  private pickable(queue: QueueState): boolean {
    const { roster } = queue;
    const presence = roster.presenceBasedRouting || roster.routingMethod === 'LongestIdle';
    return roster.agents.some((id) => {
      const agent = this.agents.get(id);
      return agent === undefined || (agent.ringingFor === null && !(presence && agent.talkingOn !== null));
    });
  }
}

/** The queue's agents who can take a call now: opted in and Enterprise Voice enabled, users first, then each group's members. */
export function queueRoster(tenant: Tenant, queue: CallQueue): QueueRoster {
  const agents: string[] = [];
  const add = (objectId: string): void => {
    if (!agents.includes(objectId)) agents.push(objectId);
  };
  for (const agent of queue.agents) {
    const user = findUser(tenant, agent.objectId);
    if (user !== undefined && agent.optIn && user.enterpriseVoiceEnabled) add(user.objectId);
  }
  for (const group of queue.distributionLists) {
    const key = group.toLowerCase();
    for (const user of tenant.users) if (user.enterpriseVoiceEnabled && user.groups.some((g) => g.toLowerCase() === key)) add(user.objectId);
  }
  return { id: queue.identity, routingMethod: queue.routingMethod, presenceBasedRouting: queue.presenceBasedRouting, agents };
}

