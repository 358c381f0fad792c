/**
 * A call in a call queue (docs/rules.md §3, CQ020-CQ024): the leg of an inbound call after an
 * attendant (or another queue) sent it to the queue's resource account.
 *
 * The runtime resolves when the call arrives how many callers already wait and how many agents
 * are opted in, and which agent is free for it now, if one is; the machine decides overflow and
 * no agents, rings the free agent or waits. Agents are a resource the runtime shares between
 * queues: it offers a waiting call to an agent by the queue's routing method with a `queue.offer`
 * event that says whether that agent will answer and after how long (drawn
 * on the runtime's own random stream). An agent who does not answer within the alert time is
 * skipped and the call waits again; the caller hangs up when their patience runs out, and the
 * queue's timeout sends the call to its timeout action. Patience and timeout count from when the
 * call joined the queue, through every offer: each state's delays are what is left of them.
 *
 * A forward to another queue or attendant ends this leg (with its overflow, timeout or
 * no-agents outcome) and the runtime carries the call on there.
 */
import { assign, setup } from 'xstate';
import type { CallTarget } from '../tenant/index.js';
import { hangUpOnSharedNumber, runtimeEffect, type Change } from './effect.js';
import { callOutput, type CallOutput, type QueueOutcome } from './outcome.js';

/** Where an overflow, a timeout or no agents send the call (the queue's action and target). */
export interface QueueAction {
  kind: 'disconnect' | 'busy' | 'forward' | 'voicemail' | 'sharedVoicemail';
  target: CallTarget | null;
}

export interface QueueCallInput {
  /**
   * Where the hand-off landed: a call queue; a queue or attendant this call already went through
   * (CQ026); or a resource account that answers for nothing (CQ027). For the last two the runtime
   * gives a `queue` named after the resource account, which nothing else reads.
   */
  arrival: 'queue' | 'loop' | 'nowhere';
  queue: {
    id: string;
    name: string;
    /** -AgentAlertTime, ms. */
    alertMs: number;
    /** -TimeoutThreshold, ms. */
    timeoutMs: number;
    /** -OverflowThreshold: callers waiting at once. */
    maxCallers: number;
    overflow: QueueAction;
    timeout: QueueAction;
    /** null: -NoAgentAction Queue (calls wait for an agent to opt in). */
    noAgents: QueueAction | null;
  };
  /** The dialled shared number's resource account, whose channel the call holds. */
  resourceAccountId: string;
  tollFree: boolean;
  /** Callers already waiting in this queue when this one arrives. */
  waitingAhead: number;
  /** Agents of the queue who are opted in and can take calls. */
  agentsOptedIn: number;
  /**
   * The agent the routing method picks now, if one is free when the call arrives (whether they
   * will answer, and after how long, drawn by the runtime); null when the call has to wait.
   */
  freeAgent: { agentId: string; answers: boolean; answerMs: number } | null;
  /** How long this caller waits before hanging up, ms; null for as long as the queue keeps them. */
  patienceMs: number | null;
  /** The conversation once an agent answers, ms. */
  talkMs: number;
}

/** The runtime offers the call to *agentId*, who answers after *answerMs* if *answers*. */
export type QueueEvent = { type: 'queue.offer'; agentId: string; answers: boolean; answerMs: number; waitedMs: number };

export type QueueEnding = 'answered' | 'abandoned' | 'overflowed' | 'timedOut' | 'noAgents';

export interface QueueDetails {
  queueId: string;
  /** How long the caller waited in the queue until answered, hung up or timed out, ms. */
  waitMs: number;
  /** The agent who answered, or null. */
  agentId: string | null;
  /** Agents offered the call who did not answer, in order. */
  skipped: string[];
  /** Where an overflow, timeout or no agents sent the call, or null. */
  action: QueueAction | null;
}

export type QueueCallOutput = CallOutput<'queue', QueueOutcome, QueueDetails>;

export interface QueueChannelParams {
  resourceAccountId: string;
}

export interface QueueAgentParams {
  queueId: string;
  agentId: string | null;
}

export interface QueueContext {
  facts: QueueCallInput;
  /** Ms waited at the last offer or skip; the delays of a state count what is left from it. */
  waitedMs: number;
  offer: { agentId: string; answers: boolean; answerMs: number } | null;
  skipped: string[];
  agentId: string | null;
  ending: QueueEnding | null;
  waitMs: number;
}

/** A caller with no patience of their own waits as long as this (beyond any queue timeout). */
const NEVER_MS = 2 ** 31;

function left(total: number | null, waited: number): number {
  return total === null ? NEVER_MS : Math.max(0, total - waited);
}

/** What is left of the caller's patience or the queue's timeout, whichever ends first, ms. */
function giveUpMs(context: QueueContext): number {
  return Math.min(left(context.facts.queue.timeoutMs, context.waitedMs), left(context.facts.patienceMs, context.waitedMs));
}

/** How long the agent offered the call rings: until they answer, or the alert time. */
function agentRingMs(context: QueueContext): number {
  const offer = context.offer;
  const alertMs = context.facts.queue.alertMs;
  return offer !== null && offer.answers && offer.answerMs < alertMs ? offer.answerMs : alertMs;
}

function actionOf(context: QueueContext): QueueAction | null {
  const q = context.facts.queue;
  switch (context.ending) {
    case 'overflowed':
      return q.overflow;
    case 'timedOut':
      return q.timeout;
    case 'noAgents':
      return q.noAgents;
    default:
      return null;
  }
}

function describeAction(action: QueueAction | null): string {
  if (action === null) return '';
  return action.target === null ? `: ${action.kind}` : `: ${action.kind} to ${action.target.type} ${action.target.id}`;
}

function queueOutput(outcome: QueueOutcome, because: string) {
  return ({ context }: { context: QueueContext }): QueueCallOutput => {
    const action = actionOf(context);
    const agent = context.agentId === null ? '' : ` by agent ${context.agentId}`;
    const where = context.facts.arrival === 'queue' ? `call queue ${context.facts.queue.name}` : `resource account ${context.facts.queue.name}`;
    return callOutput('queue', outcome, `${because} (${where})${agent}${describeAction(action)}.`, {
      queueId: context.facts.queue.id,
      waitMs: context.waitMs,
      agentId: context.agentId,
      skipped: context.skipped,
      action,
    });
  };
}

/** The context changes of the call-queue machine, as plain functions every executor runs. */
export const callQueueChanges = {
  takeFreeAgent: ((context) => ({ offer: context.facts.freeAgent, waitedMs: 0 })) satisfies Change<QueueContext>,
  takeOffer: ((_context, params) => ({
    offer: { agentId: params.agentId, answers: params.answers, answerMs: params.answerMs },
    waitedMs: params.waitedMs,
  })) satisfies Change<QueueContext, { agentId: string; answers: boolean; answerMs: number; waitedMs: number }>,
  skipAgent: ((context) => ({
    skipped: [...context.skipped, context.offer?.agentId ?? ''],
    waitedMs: context.waitedMs + context.facts.queue.alertMs,
    offer: null,
  })) satisfies Change<QueueContext>,
  agentAnswers: ((context) => ({
    agentId: context.offer?.agentId ?? null,
    waitMs: context.waitedMs + (context.offer?.answerMs ?? 0),
  })) satisfies Change<QueueContext>,
  endAs: ((context, params) => ({
    ending: params.ending,
    waitMs:
      params.ending === 'abandoned'
        ? (context.facts.patienceMs ?? 0)
        : params.ending === 'timedOut'
          ? context.facts.queue.timeoutMs
          : context.waitMs,
  })) satisfies Change<QueueContext, { ending: QueueEnding }>,
};

function channelParams({ context }: { context: QueueContext }): QueueChannelParams {
  return { resourceAccountId: context.facts.resourceAccountId };
}

function agentParams({ context }: { context: QueueContext }): QueueAgentParams {
  return { queueId: context.facts.queue.id, agentId: context.offer?.agentId ?? context.agentId };
}

const ENDINGS: readonly QueueEnding[] = ['answered', 'abandoned', 'overflowed', 'timedOut', 'noAgents'];

/** A transition that decides how the call leaves the queue and hangs up this leg. */
function endAs(ending: QueueEnding, leave: 'leaveQueue' | 'releaseAgent' | null = null) {
  const end = { type: 'endAs' as const, params: { ending } };
  return {
    target: 'hangingUp' as const,
    actions: leave === null ? [end] : [{ type: leave, params: agentParams }, end],
  };
}

export const callQueueMachine = setup({
  types: {
    context: {} as QueueContext,
    input: {} as QueueCallInput,
    events: {} as QueueEvent,
    output: {} as QueueCallOutput,
  },
  guards: {
    arrivedInLoop: ({ context }) => context.facts.arrival === 'loop',
    arrivedNowhere: ({ context }) => context.facts.arrival === 'nowhere',
    agentIsFree: ({ context }) => context.facts.freeAgent !== null,
    queueIsFull: ({ context }) => context.facts.waitingAhead >= context.facts.queue.maxCallers,
    noAgentsToQueueFor: ({ context }) => context.facts.agentsOptedIn === 0 && context.facts.queue.noAgents !== null,
    /** The queue's timeout comes no later than the caller's patience (a tie is a timeout). */
    timeoutComesFirst: ({ context }) => left(context.facts.queue.timeoutMs, context.waitedMs) <= left(context.facts.patienceMs, context.waitedMs),
    /** The agent answers or the alert time ends before the caller gives up or the queue times out. */
    agentRingEndsFirst: ({ context }) => agentRingMs(context) < giveUpMs(context),
    agentAnswers: ({ context }) => {
      const offer = context.offer;
      return offer !== null && offer.answers && offer.answerMs < context.facts.queue.alertMs;
    },
    calledTollFreeNumber: ({ context }) => context.facts.tollFree,
    endsAs: ({ context }, params: { ending: QueueEnding }) => context.ending === params.ending,
  },
  actions: {
    takeFreeAgent: assign(({ context }) => callQueueChanges.takeFreeAgent(context)),
    takeOffer: assign(({ context }, params: Parameters<typeof callQueueChanges.takeOffer>[1]) => callQueueChanges.takeOffer(context, params)),
    skipAgent: assign(({ context }) => callQueueChanges.skipAgent(context)),
    agentAnswers: assign(({ context }) => callQueueChanges.agentAnswers(context)),
    endAs: assign(({ context }, params: Parameters<typeof callQueueChanges.endAs>[1]) => callQueueChanges.endAs(context, params)),
    seizeChannel: runtimeEffect<QueueChannelParams>(),
    releaseChannel: runtimeEffect<QueueChannelParams>(),
    billTollFreeMinutes: runtimeEffect<QueueChannelParams>(),
    joinQueue: runtimeEffect<QueueAgentParams>(),
    ringAgent: runtimeEffect<QueueAgentParams>(),
    agentAnswered: runtimeEffect<QueueAgentParams>(),
    agentMissed: runtimeEffect<QueueAgentParams>(),
    leaveQueue: runtimeEffect<QueueAgentParams>(),
    releaseAgent: runtimeEffect<QueueAgentParams>(),
  },
  delays: {
    giveUp: ({ context }) => giveUpMs(context),
    ringEnds: ({ context }) => Math.min(agentRingMs(context), giveUpMs(context)),
    talkTime: ({ context }) => context.facts.talkMs,
  },
}).createMachine({
  id: 'queue',
  context: ({ input }) => ({ facts: input, waitedMs: 0, offer: null, skipped: [], agentId: null, ending: null, waitMs: 0 }),
  initial: 'arriving',
  states: {
    arriving: {
      always: [
        // The previous leg released the channel: a call that goes no further holds none.
        { guard: 'arrivedInLoop', target: 'loop' },
        { guard: 'arrivedNowhere', target: 'nowhere' },
        { guard: 'queueIsFull', target: 'hangingUp', actions: [{ type: 'seizeChannel', params: channelParams }, { type: 'endAs', params: { ending: 'overflowed' } }] },
        { guard: 'noAgentsToQueueFor', target: 'hangingUp', actions: [{ type: 'seizeChannel', params: channelParams }, { type: 'endAs', params: { ending: 'noAgents' } }] },
        {
          guard: 'agentIsFree',
          target: 'ringingAgent',
          actions: [{ type: 'seizeChannel', params: channelParams }, 'takeFreeAgent', { type: 'ringAgent', params: agentParams }],
        },
        { target: 'waiting', actions: [{ type: 'seizeChannel', params: channelParams }, { type: 'joinQueue', params: agentParams }] },
      ],
    },
    waiting: {
      on: { 'queue.offer': { target: 'ringingAgent', actions: { type: 'takeOffer', params: ({ event }) => ({ agentId: event.agentId, answers: event.answers, answerMs: event.answerMs, waitedMs: event.waitedMs }) } } },
      after: {
        giveUp: [{ guard: 'timeoutComesFirst', ...endAs('timedOut', 'leaveQueue') }, endAs('abandoned', 'leaveQueue')],
      },
    },
    ringingAgent: {
      // One delay, not three racing: which comes first is decided by named guards.
      after: {
        ringEnds: [
          { guard: 'agentRingEndsFirst', target: 'agentRingEnded' },
          { guard: 'timeoutComesFirst', ...endAs('timedOut', 'leaveQueue') },
          endAs('abandoned', 'leaveQueue'),
        ],
      },
    },
    agentRingEnded: {
      always: [
        { guard: 'agentAnswers', target: 'talking', actions: ['agentAnswers', { type: 'agentAnswered', params: agentParams }] },
        { target: 'waiting', actions: [{ type: 'agentMissed', params: agentParams }, 'skipAgent'] },
      ],
    },
    talking: { after: { talkTime: endAs('answered', 'releaseAgent') } },
    hangingUp: hangUpOnSharedNumber(channelParams),
    hungUp: {
      always: ENDINGS.map((ending) => ({ guard: { type: 'endsAs' as const, params: { ending } }, target: ending })),
    },
    answered: { type: 'final', output: queueOutput('CQ020', 'answered') },
    abandoned: { type: 'final', output: queueOutput('CQ021', 'the caller hung up while waiting') },
    overflowed: { type: 'final', output: queueOutput('CQ022', 'the queue already held its maximum callers: overflow') },
    timedOut: { type: 'final', output: queueOutput('CQ023', 'the call waited the queue\'s timeout unanswered') },
    noAgents: { type: 'final', output: queueOutput('CQ024', 'no agent of the queue is opted in') },
    loop: { type: 'final', output: queueOutput('CQ026', 'the call came back to a queue or attendant it had already been through: disconnected') },
    nowhere: { type: 'final', output: queueOutput('CQ027', 'the resource account answers for no call queue or auto attendant: not answered') },
  },
  output: ({ event }) => event.output as QueueCallOutput,
});
