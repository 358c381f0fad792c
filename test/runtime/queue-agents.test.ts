/**
 * The shared agents of call queues: who is offered a waiting call by each routing method, and
 * that an agent in two queues serves one call at a time.
 */
import { describe, expect, it } from 'vitest';
import { QueueAgents, type QueueRoster } from '../../engine/runtime/index.js';

function setup() {
  let now = 0;
  const offers: string[] = [];
  const agents = new QueueAgents((callId, queueId, pick, waitedMs) => offers.push(`${callId}@${queueId}:${pick.agentId}${pick.onCall ? '(on call)' : ''}+${waitedMs}`), () => now);
  return { agents, offers, at: (t: number) => (now = t) };
}

const roster = (routingMethod: QueueRoster['routingMethod'], agents: string[], presenceBasedRouting = true, id = 'q'): QueueRoster => ({ id, routingMethod, presenceBasedRouting, agents });

describe('queue agents', () => {
  it('offers waiting calls in arrival order to the free agents, serially in list order', () => {
    const { agents, offers, at } = setup();
    const r = roster('Serial', ['a', 'b']);
    agents.ring(r, 1, 'a');
    agents.answered(1, 'a');
    agents.join(r, 2);
    agents.join(r, 3);
    expect(offers).toEqual(['2@q:b+0']);
    expect(agents.waitingIn('q')).toBe(1);
    at(40);
    // b did not answer: call 2 keeps its place ahead of call 3, and with a on a call it has
    // tried every agent it can, so it rings b again.
    agents.missed(2);
    expect(offers).toEqual(['2@q:b+0', '2@q:b+40']);
    at(50);
    agents.release('a');
    expect(offers.at(-1)).toBe('3@q:a+50');
  });

  it('goes round the agents with round robin, and to the agent free longest with longest idle', () => {
    const rr = setup();
    const r = roster('RoundRobin', ['a', 'b', 'c']);
    for (const call of [1, 2, 3, 4]) {
      const pick = rr.agents.freeAgentFor(r);
      if (pick === null) throw new Error('an agent is free');
      rr.agents.ring(r, call, pick.agentId);
      rr.agents.answered(call, pick.agentId);
      rr.agents.release(pick.agentId);
      rr.offers.push(pick.agentId);
    }
    expect(rr.offers).toEqual(['a', 'b', 'c', 'a']);

    const li = setup();
    const l = roster('LongestIdle', ['a', 'b', 'c']);
    for (const [call, agent, freedAt] of [[1, 'a', 30], [2, 'b', 10], [3, 'c', 20]] as const) {
      li.agents.ring(l, call, agent);
      li.agents.answered(call, agent);
      li.at(freedAt);
      li.agents.release(agent);
    }
    expect(li.agents.freeAgentFor(l)?.agentId).toBe('b');
  });

  it('shares an agent between two queues: on a call from one, the other does not offer them one (presence), or offers it as on a call (no presence)', () => {
    const { agents, offers } = setup();
    const sales = roster('Serial', ['a'], true, 'sales');
    const service = roster('Serial', ['a'], false, 'service');
    agents.ring(sales, 1, 'a');
    agents.answered(1, 'a');
    agents.join(sales, 2);
    expect(offers).toEqual([]);
    agents.join(service, 3);
    expect(offers).toEqual(['3@service:a(on call)+0']);
    expect(agents.freeAgentFor(sales)).toBeNull();
  });
});
