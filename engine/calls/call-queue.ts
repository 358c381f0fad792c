/**
 * Calls the attendant (or a queue) sends on to a resource account of a call queue or another
 * auto attendant (CQ025): where the call lands (a queue, an attendant, a place it has been, or
 * nowhere), the facts the call-queue machine starts from (who waits, which agent is free, the
 * caller's patience and talk time), the machine, and its effects on the shared agents, the
 * dialled number's channel and, for a toll-free number, the Communications Credits.
 *
 * Randomness: each draw has its own named stream (queue/patience, queue/agent-answer,
 * queue/answer-delay, duration/queue, queue/intent), so a tenant without queues draws exactly
 * what it drew before queues existed.
 */
import { callQueueChanges, callQueueMachine, type CallEffect, type QueueAction, type QueueCallInput, type QueueCallOutput } from '../machines/index.js';
import { QueueAgents, queueRoster, type AgentPick, type QueueRoster } from '../runtime/index.js';
import {
  callQueuesOf,
  findResourceAccount,
  type CallQueue,
  type CallQueueAction,
  type CallTarget,
} from '../tenant/index.js';
import { bernoulli, sample } from '../workload/index.js';
import { billTollFreeMinutes, carryChannelEffect } from './channel-effect.js';
import { callExecutor, type CallExecutor } from './executor.js';
import type { QueueObserver } from './queue-figures.js';
import type { CallServices, QueuePlan } from './services.js';

/** The part of a call that goes from leg to leg: the number dialled and where it has been. */
export interface CallRoute {
  /** The dialled shared number's resource account: its channel is held to the end. */
  accountId: string;
  tollFree: boolean;
  /** `aa:<id>` and `cq:<id>` of the attendants and queues the call went through. */
  visited: string[];
}

/**
 * What a caller placed on purpose (`callsim call`) does in a queue, instead of the workload's
 * draws: whether the agents offered the call answer it, how long they talk, how long the caller
 * waits before hanging up (null: as long as the queue keeps them).
 */
export interface PlacedQueueCaller {
  agentsAnswer: boolean;
  talkMs: number;
  patienceMs: number | null;
}

/** Where the attendant sends a call on to: another attendant's resource account. */
export type ToAttendant = (callId: number, autoAttendantId: string, route: CallRoute) => void;

const NO_PLAN: QueuePlan = { patience: null, agentAnswerProbability: 1, answerDelay: { kind: 'fixed', value: 0 }, talk: { kind: 'fixed', value: 0 } };

function queueAction(action: CallQueueAction, target: CallTarget | null): QueueAction {
  switch (action) {
    case 'Disconnect':
      return { kind: 'disconnect', target: null };
    case 'DisconnectWithBusy':
      return { kind: 'busy', target: null };
    case 'Forward':
      return { kind: 'forward', target };
    case 'Voicemail':
      return { kind: 'voicemail', target };
    case 'SharedVoicemail':
      return { kind: 'sharedVoicemail', target };
    case 'Queue':
      return { kind: 'disconnect', target: null };
  }
}

export class QueueCalls {
  private readonly driver: CallExecutor<typeof callQueueMachine>;
  readonly agents: QueueAgents;
  private readonly routes = new Map<number, CallRoute>();
  private toAttendant: ToAttendant | undefined;
  private plan: QueuePlan = NO_PLAN;
  private readonly placed = new Map<number, PlacedQueueCaller>();

  constructor(
    private readonly services: CallServices,
    private readonly observer: QueueObserver | undefined,
  ) {
    const { book, sim } = services;
    this.agents = new QueueAgents((callId, queueId, pick, waitedMs) => this.offer(callId, queueId, pick, waitedMs), () => sim.now);
    this.driver = callExecutor(services, callQueueMachine, callQueueChanges, {
      onEffect: (callId, action) => {
        const effect = action as unknown as CallEffect;
        const id = Number(callId);
        switch (effect.type) {
          case 'seizeChannel':
          case 'releaseChannel':
            carryChannelEffect(services, id, effect);
            break;
          case 'billTollFreeMinutes':
            // The queue leg bills its own time, from when it reached the queue.
            billTollFreeMinutes(services, id, this.legStart.get(id));
            break;
          case 'joinQueue':
            this.agents.join(this.roster(effect.params.queueId), id);
            book.tracer?.effect(id, effect, { waiting: this.agents.waitingIn(effect.params.queueId) });
            break;
          case 'ringAgent':
            this.agents.ring(this.roster(effect.params.queueId), id, effect.params.agentId ?? '');
            book.tracer?.effect(id, effect, {});
            break;
          case 'agentAnswered':
            this.agents.answered(id, effect.params.agentId ?? '');
            this.observer?.onAgentTalking(sim.now, effect.params.queueId, 1);
            book.tracer?.effect(id, effect, {});
            break;
          case 'agentMissed':
            book.tracer?.effect(id, effect, {});
            this.agents.missed(id);
            break;
          case 'leaveQueue':
            book.tracer?.effect(id, effect, {});
            this.agents.leave(id);
            break;
          case 'releaseAgent':
            book.tracer?.effect(id, effect, {});
            this.observer?.onAgentTalking(sim.now, effect.params.queueId, -1);
            this.agents.release(effect.params.agentId ?? '');
            break;
          default:
            break;
        }
      },
      onDone: (callId, output) => this.done(Number(callId), output),
    });
  }

  /** When each queue leg started, for billing a toll-free number by the leg. */
  private readonly legStart = new Map<number, number>();

  /** The attendants, for calls a queue forwards to one (set by InboundCalls). */
  attachAttendants(toAttendant: ToAttendant): void {
    this.toAttendant = toAttendant;
  }

  /** What callers and agents do, from the workload. */
  usePlan(plan: QueuePlan): void {
    this.plan = plan;
  }

  /** Call *callId* was placed on purpose: in any queue it reaches, it behaves as *caller* says. */
  placedCaller(callId: number, caller: PlacedQueueCaller): void {
    this.placed.set(callId, caller);
  }

  /** Call *callId* goes on to *target* (a resource account) from a leg that has been through *route*. */
  handOff(callId: number, target: CallTarget, route: CallRoute): void {
    const { tenant, book } = this.services;
    const account = target.type === 'ApplicationEndpoint' ? findResourceAccount(tenant, target.id) : undefined;
    const queueId = account?.callQueueId ?? null;
    const queue = queueId === null ? undefined : callQueuesOf(tenant).find((q) => q.identity === queueId);
    const attendantId = account?.autoAttendantId ?? null;
    if (queue === undefined && attendantId !== null && this.toAttendant !== undefined) {
      if (route.visited.includes(`aa:${attendantId}`)) {
        this.start(callId, this.nowhere('loop', target, route));
        return;
      }
      this.toAttendant(callId, attendantId, { ...route, visited: [...route.visited, `aa:${attendantId}`] });
      return;
    }
    if (queue === undefined) {
      this.start(callId, this.nowhere('nowhere', target, route));
      return;
    }
    if (route.visited.includes(`cq:${queue.identity}`)) {
      this.start(callId, this.nowhere('loop', target, route));
      return;
    }
    const next: CallRoute = { ...route, visited: [...route.visited, `cq:${queue.identity}`] };
    this.routes.set(callId, next);
    const input = this.facts(callId, queue, next);
    book.tracer?.facts(callId, input);
    this.start(callId, input);
  }

  private start(callId: number, input: QueueCallInput): void {
    this.legStart.set(callId, this.services.sim.now);
    this.driver.start(callId, input);
  }

  private nowhere(arrival: 'loop' | 'nowhere', target: CallTarget, route: CallRoute): QueueCallInput {
    const action: QueueAction = { kind: 'disconnect', target: null };
    return {
      arrival,
      queue: { id: '', name: target.id, alertMs: 0, timeoutMs: 0, maxCallers: 0, overflow: action, timeout: action, noAgents: null },
      resourceAccountId: route.accountId,
      tollFree: route.tollFree,
      waitingAhead: 0,
      agentsOptedIn: 0,
      freeAgent: null,
      patienceMs: null,
      talkMs: 0,
    };
  }

  private roster(queueId: string): QueueRoster {
    const queue = callQueuesOf(this.services.tenant).find((q) => q.identity === queueId);
    return queue === undefined ? { id: queueId, routingMethod: 'Serial', presenceBasedRouting: true, agents: [] } : queueRoster(this.services.tenant, queue);
  }

  private facts(callId: number, queue: CallQueue, route: CallRoute): QueueCallInput {
    const { services, plan } = this;
    const roster = queueRoster(services.tenant, queue);
    const pick = this.agents.freeAgentFor(roster);
    // A placed caller's draws are still made, so the workload's calls after it draw what they would.
    const drawnPatienceMs = plan.patience === null ? null : Math.round(sample(plan.patience, services.stream('queue/patience')));
    const drawnTalkMs = Math.round(sample(plan.talk, services.stream('duration/queue')));
    const placed = this.placed.get(callId);
    const patienceMs = placed === undefined ? drawnPatienceMs : placed.patienceMs;
    const talkMs = placed === undefined ? drawnTalkMs : placed.talkMs;
    return {
      arrival: 'queue',
      queue: {
        id: queue.identity,
        name: queue.name,
        alertMs: queue.agentAlertTime * 1000,
        timeoutMs: queue.timeoutThreshold * 1000,
        maxCallers: queue.overflowThreshold,
        overflow: queueAction(queue.overflowAction, queue.overflowActionTarget),
        timeout: queueAction(queue.timeoutAction, queue.timeoutActionTarget),
        noAgents: queue.noAgentAction === 'Queue' ? null : queueAction(queue.noAgentAction, queue.noAgentActionTarget),
      },
      resourceAccountId: route.accountId,
      tollFree: route.tollFree,
      waitingAhead: this.agents.waitingIn(queue.identity),
      agentsOptedIn: roster.agents.length,
      freeAgent: pick === null ? null : { agentId: pick.agentId, ...this.answer(callId, pick) },
      patienceMs,
      talkMs,
    };
  }

  /** Whether the agent offered a call answers it, and after how long: one on a call does not. */
  private answer(callId: number, pick: AgentPick): { answers: boolean; answerMs: number } {
    const { services, plan } = this;
    const drawn = bernoulli(plan.agentAnswerProbability, services.stream('queue/agent-answer'));
    const answers = (this.placed.get(callId)?.agentsAnswer ?? drawn) && !pick.onCall;
    const answerMs = Math.round(sample(plan.answerDelay, services.stream('queue/answer-delay')));
    return { answers, answerMs };
  }

  private offer(callId: number, queueId: string, pick: AgentPick, waitedMs: number): void {
    const { answers, answerMs } = this.answer(callId, pick);
    this.driver.send(callId, { type: 'queue.offer', agentId: pick.agentId, answers, answerMs, waitedMs });
  }

  private done(callId: number, output: QueueCallOutput): void {
    const { book, sim } = this.services;
    this.legStart.delete(callId);
    const route = this.routes.get(callId);
    this.routes.delete(callId);
    if (output.details.queueId !== '') this.observer?.onQueueCall(sim.now, output.details.queueId, output);
    const action = output.details.action;
    if (route !== undefined && action?.kind === 'forward' && action.target?.type === 'ApplicationEndpoint') {
      book.continueAs(callId, 'queue', output);
      this.handOff(callId, action.target, route);
      return;
    }
    this.placed.delete(callId);
    book.finish(callId, output);
  }
}
