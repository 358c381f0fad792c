/**
 * Inbound calls: a PSTN caller dials a shared number. Arrival (which number, what the caller means
 * to do, whether the user answers, how long they talk), the facts the inbound machine starts from
 * (the number as the tenant has it now, the attendant and the call flow in effect in its time
 * zone, the caller's script with the directory's answers), the machine, and its effects on the
 * resource account's channels and, for a toll-free number, the Communications Credits.
 */
import {
  CALL_FLOW_OUTCOME,
  inboundChanges,
  inboundMachine,
  type CallEffect,
  type CallerInput,
  type InboundAttendant,
  type InboundCallInput,
  type InboundFlowAction,
  type InboundMenu,
} from '../machines/index.js';
import type { CallFlowKind } from '../runtime/index.js';
import { findResourceAccount, findUser, numberAssignedTo, type AutoAttendant, type CallFlow, type CallTarget, type User } from '../tenant/index.js';
import { bernoulli, sample, weightedChoice } from '../workload/index.js';
import { pickUniform, scheduleArrivals } from './arrivals.js';
import { billTollFreeMinutes, carryChannelEffect } from './channel-effect.js';
import { callerScript } from './inbound-caller.js';
import type { CallRoute, QueueCalls } from './call-queue.js';
import { callExecutor, type CallExecutor } from './executor.js';
import type { CallServices, InboundPlan, Intent } from './services.js';
import { CALLER_TIMING_MS, PROMPT_MS } from './timing.js';

function menuOf(flow: CallFlow): InboundMenu | null {
  if (flow.action.kind !== 'menu') return null;
  const menu = flow.action.menu;
  return {
    promptMs: PROMPT_MS.menu,
    directorySearch: menu.directorySearch,
    options: menu.options.map((o) => ({
      key: o.key,
      action: o.action,
      target: o.target,
      announcementMs: o.action === 'Announcement' ? PROMPT_MS.announcement : 0,
    })),
  };
}

function flowAction(flow: CallFlow): InboundFlowAction {
  switch (flow.action.kind) {
    case 'disconnect':
      return { kind: 'disconnect' };
    case 'redirect':
      return { kind: 'redirect', target: flow.action.target };
    case 'menu':
      return { kind: 'menu', menu: menuOf(flow) as InboundMenu };
  }
}

/** The attendant *aa* with the call flow in effect, as the inbound machine is given it. */
export function inboundAttendant(
  aa: AutoAttendant,
  flowInEffect: CallFlowKind,
  flow: CallFlow,
  settings: { maxMenuAttempts: number; inputTimeout: number },
): InboundAttendant {
  return {
    id: aa.id,
    flowInEffect,
    callFlow: {
      name: flow.name,
      greetingMs: flow.greeting === '' ? 0 : PROMPT_MS.greeting,
      action: flowAction(flow),
    },
    operator: aa.operator,
    maxMenuAttempts: settings.maxMenuAttempts,
    inputTimeoutMs: settings.inputTimeout,
  };
}

/** The menu keys of a call flow, for choosing a key the menu does not map (invalid input). */
export function mappedKeys(flow: CallFlow): Set<string> {
  return new Set(flow.action.kind === 'menu' ? flow.action.menu.options.map((o) => o.key) : []);
}

/** The users this call could be put through to: the flow's and the menu's targets, the operator, the directory's answers. */
function reachableUsers(attendant: InboundAttendant | null, inputs: readonly CallerInput[]): string[] {
  const ids: string[] = [];
  const add = (target: CallTarget | null): void => {
    if (target?.type === 'User' && !ids.includes(target.id)) ids.push(target.id);
  };
  if (attendant !== null) {
    add(attendant.operator);
    const action = attendant.callFlow.action;
    if (action.kind === 'redirect') add(action.target);
    if (action.kind === 'menu') for (const option of action.menu.options) add(option.target);
  }
  for (const input of inputs) {
    if (input.kind === 'dialByName' || input.kind === 'dialByExtension') {
      add(input.directory.target === null ? null : { type: 'User', id: input.directory.target });
    }
  }
  return ids;
}

const NO_INPUT: Intent = { kind: 'noInput' };

/** An attendant's call flow as the machine is given it, with the keys its menu maps. */
interface PreparedFlow {
  attendant: InboundAttendant;
  keys: Set<string>;
}

/**
 * NOTE: the attendant a call is given depends only on the auto attendant's definition, the flow in
 * effect and the run's settings, so it is built once per flow object (a changed auto attendant
 * has new flow objects) and kind, not per call.
 */
const preparedFlows = new WeakMap<CallFlow, Map<string, PreparedFlow>>();

export class InboundCalls {
  private readonly driver: CallExecutor<typeof inboundMachine>;
  /** Each call's dialled number and the attendants it went through, while it is with an attendant. */
  private readonly routes = new Map<number, CallRoute>();
  private plan: InboundPlan | undefined;

  /** *queues*: where the attendant hands calls on to a call queue or another attendant (CQ025). */
  constructor(
    private readonly services: CallServices,
    private readonly queues?: QueueCalls,
  ) {
    const { book } = services;
    this.driver = callExecutor(services, inboundMachine, inboundChanges, {
      onEffect: (callId, action) => {
        const effect = action as unknown as CallEffect;
        const id = Number(callId);
        switch (effect.type) {
          case 'seizeChannel':
          case 'releaseChannel':
            carryChannelEffect(services, id, effect);
            break;
          case 'billTollFreeMinutes':
            billTollFreeMinutes(services, id, book.startOf(id));
            break;
        }
      },
      onDone: (callId, output) => {
        const id = Number(callId);
        const route = this.routes.get(id);
        this.routes.delete(id);
        const target = output.details.target;
        if (output.outcome === 'CQ025' && route !== undefined && target !== null && this.queues !== undefined) {
          book.continueAs(id, 'queue', output);
          this.queues.handOff(id, target, route);
          return;
        }
        book.finish(id, output);
      },
    });
    queues?.attachAttendants((callId, autoAttendantId, route) => this.continueAt(callId, autoAttendantId, route));
  }

  /**
   * Call *callId* goes on at auto attendant *autoAttendantId* (a queue or an attendant sent it
   * there), on the number it dialled. The caller chooses afresh at this attendant's menu, on
   * streams of its own.
   */
  private continueAt(callId: number, autoAttendantId: string, route: CallRoute): void {
    const { services } = this;
    const plan = this.plan;
    const intent = plan === undefined || plan.intents.length === 0 ? NO_INPUT : weightedChoice(plan.intents, services.stream('queue/intent'));
    const intended = plan === undefined ? undefined : pickUniform(plan.targets, services.stream('queue/target'));
    const userAnswers = plan === undefined ? true : bernoulli(plan.userAnswerProbability, services.stream('queue/user-answer'));
    const talkMs = plan === undefined ? 0 : Math.round(sample(plan.duration, services.stream('duration/queue')));
    const input = this.facts(callId, route.accountId, intent, intended, userAnswers, talkMs, { autoAttendantId, route });
    services.book.tracer?.facts(callId, input);
    this.driver.start(callId, input);
  }

  /** PSTN callers dial the shared numbers by the workload's *plan* until the horizon. */
  arrive(plan: InboundPlan): void {
    const { services } = this;
    this.plan = plan;
    if (plan.queue !== undefined) this.queues?.usePlan(plan.queue);
    // The named streams, looked up once (a stream is created on first use, by name alone).
    const streamInboundNumber = services.stream('inbound/number');
    const streamInboundIntent = services.stream('inbound/intent');
    const streamInboundTarget = services.stream('inbound/target');
    const streamInboundAnswer = services.stream('inbound/answer');
    const streamDurationInbound = services.stream('duration/inbound');
    scheduleArrivals(services, 'inbound', plan.arrivals, () => {
      const accountId = pickUniform(services.derived.sharedResourceAccountIds, streamInboundNumber);
      const intent = plan.intents.length === 0 ? NO_INPUT : weightedChoice(plan.intents, streamInboundIntent);
      const intended = pickUniform(plan.targets, streamInboundTarget);
      const userAnswers = bernoulli(plan.userAnswerProbability, streamInboundAnswer);
      const talkMs = Math.round(sample(plan.duration, streamDurationInbound));
      const id = services.book.begin('inbound', null);
      const input = this.facts(id, accountId, intent, intended, userAnswers, talkMs);
      services.book.tracer?.facts(id, input);
      this.driver.start(id, input);
    });
  }

  /**
   * One call made on purpose (`callsim call`): a PSTN caller dials the number of resource account
   * *accountId* now, meaning *intent*, asking for *intended*. In a call queue the caller waits
   * *patienceMs* (null: as long as the queue keeps them) and the agents offered the call answer
   * as the user does (*userAnswers*), for *talkMs*. Returns the call's id.
   */
  place(accountId: string, intent: Intent, intended: User | undefined, userAnswers: boolean, talkMs: number, patienceMs: number | null = null): number {
    const { services } = this;
    const id = services.book.begin('inbound', null);
    // Kept until the call ends in a queue; a call the attendant ends leaves one small entry.
    this.queues?.placedCaller(id, { agentsAnswer: userAnswers, talkMs, patienceMs });
    const input = this.facts(id, accountId, intent, intended, userAnswers, talkMs);
    services.book.tracer?.facts(id, input);
    this.driver.start(id, input);
    return id;
  }

  private prepared(aa: AutoAttendant, kind: CallFlowKind, flow: CallFlow): PreparedFlow {
    let byKind = preparedFlows.get(flow);
    if (byKind === undefined) preparedFlows.set(flow, (byKind = new Map()));
    // The same flow object may serve an attendant edited in place: key by its id and settings too.
    const key = `${aa.id}\u0000${kind}\u0000${this.services.settings.attendant.maxMenuAttempts}\u0000${this.services.settings.attendant.inputTimeout}`;
    let prepared = byKind.get(key);
    if (prepared === undefined || prepared.attendant.operator !== aa.operator) {
      prepared = { attendant: inboundAttendant(aa, kind, flow, this.services.settings.attendant), keys: mappedKeys(flow) };
      byKind.set(key, prepared);
    }
    return prepared;
  }

  /** The facts of an inbound call to the number of resource account *accountId*, now. */
  private facts(
    callId: number,
    accountId: string | undefined,
    intent: Intent,
    intended: User | undefined,
    userAnswers: boolean,
    talkMs: number,
    nested?: { autoAttendantId: string; route: CallRoute },
  ): InboundCallInput {
    const { services } = this;
    const { tenant, settings } = services;
    const account = accountId === undefined ? undefined : findResourceAccount(tenant, accountId);
    const number = account === undefined ? undefined : numberAssignedTo(tenant, account.objectId);
    const attendantId = nested?.autoAttendantId ?? account?.autoAttendantId ?? null;
    const entry = attendantId === null ? undefined : services.derived.attendant(attendantId);
    if (this.queues !== undefined && account !== undefined) {
      const tollFree = number?.callingPlanUsage === 'TollFreeService';
      this.routes.set(callId, nested?.route ?? { accountId: account.objectId, tollFree, visited: attendantId === null ? [] : [`aa:${attendantId}`] });
    }
    let attendant: InboundAttendant | null = null;
    let callerInputs: CallerInput[] = [];
    if (entry !== undefined) {
      const active = entry.schedule.activeCallFlow(services.startEpochMs + services.sim.now);
      // A trace shows which flow runs and why; nothing else reads this.
      services.book.tracer?.flow?.(callId, services.sim.now, {
        kind: active.kind,
        rule: CALL_FLOW_OUTCOME[active.kind],
        ...(active.holidayName === undefined ? {} : { holidayName: active.holidayName }),
        // No after-hours flow, or 24/7 business hours: the business-hours flow runs at any hour.
        aroundTheClock: entry.autoAttendant.afterHoursCallFlow === null || entry.autoAttendant.businessHours === null,
        timeZone: entry.autoAttendant.timeZone,
        epochMs: services.startEpochMs + services.sim.now,
      });
      const prepared = this.prepared(entry.autoAttendant, active.kind, active.flow);
      attendant = prepared.attendant;
      callerInputs = callerScript(intent, intended, prepared.keys, entry.directory, settings.attendant.maxMenuAttempts);
    }
    // Targets name users by UPN or ObjectId; the machine compares them as the targets give them.
    const usersWithVoicemail = reachableUsers(attendant, callerInputs).filter((id) => {
      const user = findUser(tenant, id);
      return user !== undefined && user.voicemailEnabled !== false;
    });
    return {
      // A tenant with no shared number at all has nothing to take out of service.
      // A call an attendant or a queue sent on was answered already: its number is in service and funded.
      number: { inService: nested !== undefined || account === undefined || number !== undefined, tollFree: nested?.route.tollFree ?? number?.callingPlanUsage === 'TollFreeService' },
      tollFreeFunded: nested !== undefined || services.ledger.canAcceptTollFreeCall(),
      resourceAccountId: account?.objectId ?? '',
      channels: { cap: settings.channelCap, inUse: account === undefined ? 0 : services.channels.inUse(account.objectId) },
      attendant,
      callerInputs,
      transfer: {
        userAnswers,
        ringMs: userAnswers ? CALLER_TIMING_MS.ringAnswered : CALLER_TIMING_MS.ringUnanswered,
        talkMs,
        usersWithVoicemail,
        voicemailMs: CALLER_TIMING_MS.voicemailMessage,
      },
    };
  }
}
