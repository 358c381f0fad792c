/**
 * One replication of a scenario: a pure function of (scenario, tenant, seed, replication index).
 *
 * The kernel owns time; arrivals, timeline changes and the machines' delayed transitions are its
 * events. Each call's machine is advanced by a MachineDriver; the facts it decides on are resolved
 * here from the tenant view and the shared runtime when the call starts, and its named effects
 * (debit credits, reserve a callback number, seize a channel) are carried out here on the runtime.
 * Every random draw comes from a stream named for its purpose, and each kind of draw is made for
 * every call whether or not the call ends up using it, so a what-if change to one part of a scenario
 * does not shift the random numbers of the others.
 */
import type { AnyStateMachine } from 'xstate';
import { createStreams, DAY, MachineDriver, Simulation, URGENT, type DriverOptions, type RandomStream } from '../kernel/index.js';
import {
  callbackMachine,
  emergencyMachine,
  inboundMachine,
  outboundMachine,
  type CallEffect,
  type CallerInput,
  type CallKind,
  type CallOutput,
} from '../machines/index.js';
import {
  CallbackPools,
  CreditsLedger,
  DerivedTenantFacts,
  TenantView,
  type CallbackPool,
  type UserFacts,
} from '../runtime/index.js';
import type {
  Scenario,
} from '../scenario/index.js';
import {
  findResourceAccount,
  numberAssignedTo,
  type RuleId,
  type Tenant,
  type User,
} from '../tenant/index.js';
import {
  bernoulli,
  createArrivals,
  sample,
  weightedChoice,
} from '../workload/index.js';
import { CALLER_TIMING_MS, callerScript, intentTable, type Intent } from './inbound-caller.js';
import { applyTimelineEntry, type TimelineOutcome } from './timeline-change.js';
import { emergencyInput, inboundAttendant, mappedKeys, outboundInput } from './call-inputs.js';
import { ReplicationCollector, type CallRecord, type ReplicationFigures } from './collector.js';
import { CallTracer, type TraceOptions } from './trace.js';
import { arrivalProcess, toDistribution, toTable } from './workload-plan.js';

export interface ReplicationOptions {
  /** Overrides the scenario's horizon (ms). */
  horizonMs?: number;
  /**
   * Called with the simulated time reached, once per simulated day and at the end. The run then
   * advances a day at a time; `run({ until })` resumes exactly, so the results do not change.
   */
  onProgress?: (simulatedMs: number, horizonMs: number) => void;
  /** Receives one record per finished call (after the warm-up), in the order calls finish. */
  onCall?: (record: CallRecord) => void;
  /** Traces the calls it selects (engine/run/trace.ts); leave it out for speed, figures are the same. */
  trace?: TraceOptions;
}

export interface ReplicationResult {
  replication: number;
  figures: ReplicationFigures;
  timeline: TimelineOutcome[];
}

/** Per-call facts the run needs when the call ends (kept only while the call is in progress). */
interface CallInProgress {
  kind: CallKind;
  startMs: number;
  callerId: string | null;
  /** Inbound to a toll-free service number: billed per minute at the end (rules §3 billing). */
  tollFree?: boolean;
  /** Inbound: talk time after a transfer that was answered, for toll-free billing. */
  talkMs?: number;
  /** Emergency: whether and how long after its end the call is called back, drawn at its start. */
  callback?: { callsBack: boolean; delayMs: number };
}

function pickUniform<T>(items: readonly T[], stream: RandomStream): T | undefined {
  // One draw whatever the size, so the stream stays aligned when the population changes.
  const u = stream.next();
  return items.length === 0 ? undefined : items[Math.min(items.length - 1, Math.floor(u * items.length))];
}

export function runReplication(
  scenario: Scenario,
  baseTenant: Tenant,
  seed: number,
  replication: number,
  options: ReplicationOptions = {},
): ReplicationResult {
  const horizon = options.horizonMs ?? scenario.horizon;
  const warmup = Math.min(scenario.warmup, horizon);
  const tenant = structuredClone(baseTenant);
  const streams = createStreams(seed, replication);
  const s = (name: string): RandomStream => streams.stream(name);
  const sim = new Simulation(0);
  const view = new TenantView(tenant);
  const settings = scenario.settings;
  const workload = scenario.workload;

  const collector = new ReplicationCollector(warmup, tenant.credits.balance);
  const ledger = new CreditsLedger(tenant.credits, s('credits/recharge'), collector.creditsObserver);
  ledger.settle(0);
  const poolSettings = {
    selection: settings.callbackPool.selection,
    reuse: settings.callbackPool.reuse,
    reservationMs: settings.callbackPool.reservation,
  };
  const pools = new CallbackPools(tenant, poolSettings, collector.poolObserver);
  collector.watchPools(pools.all());
  const tracer =
    options.trace === undefined ? undefined : new CallTracer(options.trace, replication, scenario.startEpochMs, warmup, readableName(tenant));
  // With tracing on, every call runs the machine with noting guards; only selected calls keep the notes.
  const traced = <M extends AnyStateMachine>(machine: M): Pick<DriverOptions<M>, 'machine' | 'onTransition'> =>
    tracer === undefined
      ? { machine }
      : {
          machine: tracer.machine(machine),
          onTransition: (callId, event, snapshot) =>
            tracer.transition(machine, Number(callId), sim.now, event as { type: string } | undefined, (snapshot as { value: unknown }).value),
        };

  const derived = new DerivedTenantFacts(tenant);
  const attendant = (id: string) => derived.attendant(id);
  const channelsInUse = new Map<string, number>();
  const inProgress = new Map<number, CallInProgress>();
  let nextCallId = 0;
  const population: readonly User[] = [...tenant.users];

  const finish = (callId: number, output: CallOutput<CallKind, RuleId, unknown>): void => {
    const call = inProgress.get(callId);
    inProgress.delete(callId);
    if (call === undefined) return;
    tracer?.finish(callId, sim.now, call.callerId, output);
    const record: CallRecord = {
      replication,
      call: callId,
      kind: call.kind,
      startMs: call.startMs,
      endMs: sim.now,
      callerId: call.callerId,
      outcome: output.outcome,
      reason: output.reason,
      details: output.details,
    };
    if (call.startMs >= warmup) {
      collector.onCall(record);
      options.onCall?.(record);
    }
  };

  const outbound = new MachineDriver({
    ...traced(outboundMachine),
    scheduler: sim,
    onEffect: (callId, action) => {
      // The driver types effects by action name only; the machines' index gives their params.
      const effect = action as unknown as CallEffect;
      switch (effect.type) {
        case 'seizeChannel':
        case 'releaseChannel': {
          const id = effect.params.resourceAccountId;
          const delta = effect.type === 'seizeChannel' ? 1 : -1;
          channelsInUse.set(id, (channelsInUse.get(id) ?? 0) + delta);
          tracer?.effect(Number(callId), effect, { channelsInUse: channelsInUse.get(id) ?? 0 });
          break;
        }
        case 'debitCredits':
          if (effect.params.fundedBy === 'communicationsCredits') ledger.debit(sim.now, effect.params.amount, 'outbound');
          else if (effect.params.fundedBy === 'postpaidOverage') collector.onOverage(sim.now, effect.params.amount);
          tracer?.effect(
            Number(callId),
            effect,
            effect.params.fundedBy === 'communicationsCredits' ? { balanceAfter: ledger.balance } : { billedAsOverage: effect.params.amount },
          );
          break;
      }
    },
    onDone: (callId, output) => finish(Number(callId), output),
  });

  const callbackDelay = workload.emergency === undefined ? undefined : toDistribution(workload.emergency.callback.delay);
  const emergency = new MachineDriver({
    ...traced(emergencyMachine),
    scheduler: sim,
    onEffect: (callId, action) => {
      const effect = action as unknown as CallEffect;
      if (effect.type === 'reserveCallbackNumber') {
        const { number, userId, mode } = effect.params;
        const taken = pools.poolOf(number)?.reserve(sim.now, number, userId, mode);
        tracer?.effect(
          Number(callId),
          effect,
          taken === undefined
            ? { reserved: false }
            : {
                reserved: true,
                policy: taken.reservation.policy,
                heldForMinutes: (taken.reservation.expiresAt - sim.now) / 60_000,
                displaced: taken.displacedUserId,
              },
        );
      }
    },
    onDone: (callId, output) => {
      const call = inProgress.get(Number(callId));
      finish(Number(callId), output);
      if (call?.callback === undefined) return;
      const { callsBack, delayMs } = call.callback;
      const number = output.details.callbackNumber;
      if (!callsBack || number === null || output.outcome === 'EMG001') return;
      const at = sim.now + delayMs;
      if (at >= horizon) return;
      const callerId = call.callerId ?? '';
      sim.schedule(at, () => startCallback(number, callerId, output.outcome === 'EMG005'));
    },
  });
  const inbound = new MachineDriver({
    ...traced(inboundMachine),
    scheduler: sim,
    onEffect: () => {},
    onDone: (callId, output) => {
      const call = inProgress.get(Number(callId));
      if (call?.tollFree === true && output.outcome !== 'INB001') {
        const talk = output.outcome === 'INB010' && output.details.answered === true ? (call.talkMs ?? 0) : 0;
        const charge = ledger.tollFreeInboundCharge(sim.now - call.startMs + talk);
        ledger.debit(sim.now, charge, 'tollFreeInbound');
        tracer?.runtime(Number(callId), sim.now, 'tollFreeInboundCharge', { durationMs: sim.now - call.startMs + talk, amount: charge }, { balanceAfter: ledger.balance });
      }
      finish(Number(callId), output);
    },
  });

  const callback = new MachineDriver({
    ...traced(callbackMachine),
    scheduler: sim,
    onEffect: () => {},
    onDone: (callId, output) => finish(Number(callId), output),
  });

  const begin = (kind: CallKind, callerId: string | null, extra: Partial<CallInProgress> = {}): number => {
    const id = nextCallId++;
    inProgress.set(id, { kind, startMs: sim.now, callerId, ...extra });
    tracer?.begin(kind, id, sim.now);
    return id;
  };

  function startCallback(number: string, emergencyCallerId: string, isResourceAccountNumber: boolean): void {
    const pool: CallbackPool | undefined = pools.poolOf(number);
    const id = begin('callback', emergencyCallerId);
    const input = {
      dialledNumber: number,
      emergencyCallerId,
      isResourceAccountNumber,
      reservationHolderId: pool?.holderAt(sim.now, number) ?? null,
      callbackWithoutReservation: settings.callbackWithoutReservation,
    };
    tracer?.facts(id, input);
    callback.start(id, input);
  }

  // ---------------------------------------------------------------- outbound
  const outboundPlan = workload.outbound;
  if (outboundPlan !== undefined) {
    const duration = toDistribution(outboundPlan.duration);
    const destinations = toTable(outboundPlan.destinations);
    scheduleArrivals('outbound', arrivalProcess(outboundPlan, population.length, scenario), () => {
      const caller = pickUniform(population, s('caller/outbound'));
      const country = destinations.length === 0 ? 'US' : weightedChoice(destinations, s('outbound/destination'));
      const answers = bernoulli(outboundPlan.answerProbability, s('outbound/answer'));
      const talkMs = Math.round(sample(duration, s('duration/outbound')));
      if (caller === undefined) return;
      const facts = view.user(caller.objectId);
      if (facts === undefined) return;
      const raId = facts.resourceAccount?.objectId;
      const id = begin('outbound', caller.objectId);
      const input = outboundInput(
        facts,
        ledger,
        { cap: settings.channelCap, inUse: raId === undefined ? 0 : (channelsInUse.get(raId) ?? 0) },
        {
          destinationCountry: country,
          answers,
          ringMs: answers ? CALLER_TIMING_MS.ringAnswered : CALLER_TIMING_MS.ringUnanswered,
          talkMs,
        },
      );
      tracer?.facts(id, input);
      outbound.start(id, input);
    });
  }

  // ---------------------------------------------------------------- inbound
  const inboundPlan = workload.inbound;
  if (inboundPlan !== undefined) {
    const duration = toDistribution(inboundPlan.duration);
    const intents = intentTable(inboundPlan.behaviour);
    const targetUpns = inboundPlan.behaviour.targetUsers?.map((u) => u.toLowerCase());
    const targets =
      targetUpns === undefined ? population : population.filter((u) => targetUpns.includes(u.userPrincipalName.toLowerCase()));
    scheduleArrivals('inbound', arrivalProcess(inboundPlan, population.length, scenario), () => {
      const accountId = pickUniform(derived.sharedResourceAccountIds, s('inbound/number'));
      const intent: Intent = intents.length === 0 ? { kind: 'noInput' } : weightedChoice(intents, s('inbound/intent'));
      const intended = pickUniform(targets, s('inbound/target'));
      const userAnswers = bernoulli(inboundPlan.userAnswerProbability, s('inbound/answer'));
      const talkMs = Math.round(sample(duration, s('duration/inbound')));

      const account = accountId === undefined ? undefined : findResourceAccount(tenant, accountId);
      const number = account === undefined ? undefined : numberAssignedTo(tenant, account.objectId);
      // Calls that never reach the tenant are counted, not simulated: a shared number that was
      // removed or ported (RA007) is not the tenant's to answer, and a toll-free number is not
      // answered while the credit balance is at zero (RA012).
      if (account !== undefined && number === undefined) {
        collector.onNotConnected('inbound.numberNotInService', sim.now);
        return;
      }
      if (number?.callingPlanUsage === 'TollFreeService' && !ledger.canAcceptTollFreeCall()) {
        collector.onNotConnected('inbound.tollFreeUnfunded', sim.now);
        return;
      }
      const aaEntry = account?.autoAttendantId == null ? undefined : attendant(account.autoAttendantId);
      const aa = aaEntry === undefined ? undefined : tenant.autoAttendants.find((a) => a.id === account?.autoAttendantId);
      let attendantInput = null;
      let callerInputs: CallerInput[] = [];
      if (aaEntry !== undefined && aa !== undefined) {
        const active = aaEntry.schedule.activeCallFlow(scenario.startEpochMs + sim.now);
        attendantInput = inboundAttendant(aa, active.kind, active.flow, settings.attendant);
        callerInputs = callerScript(intent, intended, mappedKeys(active.flow), aaEntry.directory, settings.attendant.maxMenuAttempts);
      }
      const id = begin('inbound', null, {
        tollFree: number?.callingPlanUsage === 'TollFreeService',
        talkMs,
      });
      const input = { attendant: attendantInput, callerInputs, userAnswers };
      tracer?.facts(id, input);
      inbound.start(id, input);
    });
  }

  // ---------------------------------------------------------------- emergency
  const emergencyPlan = workload.emergency;
  if (emergencyPlan !== undefined) {
    const duration = toDistribution(emergencyPlan.duration);
    const dialStrings = toTable(emergencyPlan.dialStrings);
    scheduleArrivals('emergency', arrivalProcess(emergencyPlan, population.length, scenario), () => {
      const caller = pickUniform(population, s('caller/emergency'));
      const dialled = dialStrings.length === 0 ? '911' : weightedChoice(dialStrings, s('emergency/dial'));
      const durationMs = Math.round(sample(duration, s('duration/emergency')));
      // Drawn at arrival for every emergency call, not in the order calls end: a change that makes
      // some calls end sooner (EMG001) must not move the callbacks of others (common random numbers).
      const callsBack = bernoulli(emergencyPlan.callback.probability, s('callback/occurs'));
      const delayMs = Math.round(callbackDelay === undefined ? 0 : sample(callbackDelay, s('callback/delay')));
      if (caller === undefined) return;
      const facts = view.user(caller.objectId);
      if (facts === undefined) return;
      // Someone who does not call through Shared Calling (no licence or voice, an own number, a
      // voice routing policy with usages, no policy with a resource account) does not make a
      // Shared Calling emergency call: it takes nothing from the callback pool.
      if (!usesSharedCalling(facts)) {
        collector.onNotConnected('emergency.notSharedCalling', sim.now);
        return;
      }
      const id = begin('emergency', caller.objectId, { callback: { callsBack, delayMs } });
      const input = emergencyInput(tenant, facts, pools, sim.now, dialled, durationMs, derived.mixesSharedCallingWithDirectRouting);
      tracer?.facts(id, input);
      emergency.start(id, input);
    });
  }

  // ---------------------------------------------------------------- timeline
  const timeline: TimelineOutcome[] = [];
  for (const entry of scenario.timeline) {
    if (entry.at >= horizon) continue;
    // URGENT: a change at time t is in place for every call that starts at t.
    sim.schedule(
      entry.at,
      () => {
        const outcome = applyTimelineEntry(tenant, entry, ledger, sim.now);
        timeline.push({ at: entry.at, index: entry.index, ok: outcome.ok, text: outcome.text });
        view.applyAll(outcome.changes);
        derived.applyAll(outcome.changes);
        if (pools.applyAll(sim.now, outcome.changes, tenant)) collector.watchPools(pools.all());
        collector.onTimeline(outcome.ok);
      },
      URGENT,
    );
  }

  function scheduleArrivals(kind: CallKind, process: ReturnType<typeof arrivalProcess>, arrive: () => void): void {
    const arrivals = createArrivals(process);
    const stream = s(`arrivals/${kind}`);
    let exact = 0;
    const next = (): void => {
      exact = arrivals.next(exact, stream);
      if (!(exact < horizon)) return;
      const at = Math.max(sim.now, Math.round(exact));
      if (at >= horizon) return;
      sim.schedule(at, () => {
        arrive();
        next();
      });
    };
    next();
  }

  if (options.onProgress === undefined) {
    if (horizon > 0) sim.run({ until: horizon });
  } else {
    for (let until = Math.min(DAY, horizon); until > 0; until = until === horizon ? 0 : Math.min(until + DAY, horizon)) {
      sim.run({ until });
      options.onProgress(until, horizon);
    }
  }
  pools.expire(horizon);
  return { replication, figures: collector.figures(horizon, ledger.balance), timeline };
}

/** Turns the objectId of a user or resource account into its UPN, for traces; other strings pass. */
function readableName(tenant: Tenant): (id: string) => string {
  let names: Map<string, string> | undefined;
  return (id) => {
    names ??= new Map([...tenant.users, ...tenant.resourceAccounts].map((o) => [o.objectId, o.userPrincipalName]));
    return names.get(id) ?? id;
  };
}

/** Whether the user calls the PSTN through Shared Calling (rules §3, OUT002 and OUT003 negated). */
function usesSharedCalling(facts: UserFacts): boolean {
  return (
    facts.hasTeamsPhoneLicence &&
    facts.enterpriseVoiceEnabled &&
    facts.ownNumber === undefined &&
    facts.voiceRoutingUsageCount === 0 &&
    facts.resourceAccount !== undefined
  );
}
