/**
 * Emergency calls: a user dials an emergency string. Arrival (who, which string, how long, and
 * whether and when the emergency service calls back and the caller answers: all drawn at arrival
 * so that a change making some calls end sooner moves no one else's draws), the facts the
 * emergency machine starts from (policies, where the client is, the callback pool as this caller
 * finds it), the machine, the callback reservation it makes, and what follows it: a dialled
 * string that is no emergency number goes on as an outbound call (EMG001), and a call that
 * presented a callback number may be called back.
 */
import {
  emergencyChanges,
  emergencyMachine,
  type CallEffect,
  type EmergencyCallInput,
  type EmergencyCallOutput,
  type EmergencyRoutingPolicyFacts,
} from '../machines/index.js';
import type { UserFacts } from '../runtime/index.js';
import { findEmergencyCallRoutingPolicy, matchClientNetwork, type EmergencyCallRoutingPolicy } from '../tenant/index.js';
import { ClientPlacement, type ClientPlace } from './client-places.js';
import { bernoulli, sample, weightedChoice } from '../workload/index.js';
import { pickUniform, scheduleArrivals } from './arrivals.js';
import { pstnCallerFacts } from './caller-facts.js';
import type { CallbackCalls } from './callback.js';
import type { OutboundCalls } from './outbound.js';
import { callExecutor, type CallExecutor } from './executor.js';
import type { CallServices, EmergencyPlan } from './services.js';
import { CALLER_TIMING_MS } from './timing.js';

/**
 * NOTE: the facts of a policy object are built once; a cmdlet that changes a policy replaces its
 * emergency numbers list, so facts are remembered per list as well as per policy.
 */
const policyFacts = new WeakMap<EmergencyCallRoutingPolicy, { numbers: unknown; facts: EmergencyRoutingPolicyFacts }>();

function emergencyPolicyFacts(policy: EmergencyCallRoutingPolicy | undefined): EmergencyRoutingPolicyFacts | null {
  if (policy === undefined) return null;
  const cached = policyFacts.get(policy);
  if (cached !== undefined && cached.numbers === policy.emergencyNumbers && cached.facts.identity === policy.identity) return cached.facts;
  const facts = buildPolicyFacts(policy);
  policyFacts.set(policy, { numbers: policy.emergencyNumbers, facts });
  return facts;
}

function buildPolicyFacts(policy: EmergencyCallRoutingPolicy): EmergencyRoutingPolicyFacts {
  return {
    identity: policy.identity,
    emergencyNumbers: policy.emergencyNumbers.map((n) => ({
      dialString: n.emergencyDialString,
      dialMasks: [...n.emergencyDialMask],
      pstnUsage: n.onlinePstnUsage,
    })),
  };
}

/** The facts of an emergency call by the user of *facts*, now. */
/** What `emergencyInput` reads of a run's services: the tenant, the pools, the clock, derived facts, settings. */
export type EmergencyInputServices = Pick<CallServices, 'tenant' | 'pools' | 'sim' | 'derived' | 'settings'>;

export function emergencyInput(
  services: EmergencyInputServices,
  facts: UserFacts,
  dialledString: string,
  durationMs: number,
  place?: ClientPlace,
): EmergencyCallInput {
  const { tenant, pools, sim } = services;
  const user = facts.user;
  // A placed client's site is the one its subnet is in (NET028), not the user's fixed attribute.
  const match = place === undefined ? undefined : matchClientNetwork(tenant, place.network);
  const siteId = match === undefined ? user.clientLocation.networkSiteId : match.siteId;
  const site = siteId === null ? undefined : tenant.networkSites.find((s) => s.id === siteId);
  const sitePolicyName = site?.emergencyCallRoutingPolicy ?? null;
  const sitePolicy = sitePolicyName === null ? undefined : findEmergencyCallRoutingPolicy(tenant, sitePolicyName);
  const pool = facts.sharedCallingPolicy === undefined ? undefined : pools.pool(facts.sharedCallingPolicy.identity);
  const inspection = pool?.inspect(sim.now, user.objectId);
  const number = facts.resourceAccountNumber;
  return {
    caller: pstnCallerFacts(facts),
    sharedCallingPolicyHasResourceAccount: facts.resourceAccount !== undefined,
    dialledString,
    userPolicy: emergencyPolicyFacts(facts.emergencyCallRoutingPolicy),
    sitePolicy: emergencyPolicyFacts(sitePolicy),
    tenantMixesSharedCallingWithDirectRouting: services.derived.mixesSharedCallingWithDirectRouting,
    testCalls: services.settings.testCalls,
    location: {
      dynamicLocationId: user.clientLocation.dynamicLocationId,
      staticLocationId: number?.locationId ?? null,
      ...(place === undefined || match === undefined
        ? {}
        : {
            network: {
              place: place.name,
              kind: place.kind,
              trusted: match.trusted,
              siteId: match.siteId,
              lis: match.lis,
              enhancedEmergencyServices: {
                userPolicy: facts.emergencyCallRoutingPolicy?.allowEnhancedEmergencyServices ?? false,
                sitePolicy: sitePolicy?.allowEnhancedEmergencyServices ?? false,
              },
            },
          }),
    },
    callbackPool: {
      size: inspection?.size ?? 0,
      numberHeldByCaller: inspection?.heldByCaller ?? null,
      nextFreeNumber: inspection?.nextFree ?? null,
      reuseCandidate: inspection?.reuseCandidate ?? null,
    },
    resourceAccountNumber: number === undefined ? null : { telephoneNumber: number.telephoneNumber, numberType: number.numberType },
    durationMs,
  };
}

/** What an emergency call drew at arrival for what follows it. */
interface FollowUp {
  durationMs: number;
  /** The emergency service calls back, this long after the call ends, and the person rung answers. */
  callback: { callsBack: boolean; delayMs: number; answered: boolean };
}

export class EmergencyCalls {
  private readonly driver: CallExecutor<typeof emergencyMachine>;
  /** Per call in progress: what was drawn for after it ends. */
  private readonly followUps = new Map<number, FollowUp>();

  constructor(
    private readonly services: CallServices,
    private readonly outbound: OutboundCalls,
    private readonly callbacks: CallbackCalls,
  ) {
    const { book, pools, sim } = services;
    this.driver = callExecutor(services, emergencyMachine, emergencyChanges, {
      onEffect: (callId, action) => {
        const effect = action as unknown as CallEffect;
        if (effect.type !== 'reserveCallbackNumber') return;
        const { number, userId, mode } = effect.params;
        const taken = pools.poolOf(number)?.reserve(sim.now, number, userId, mode);
        book.tracer?.effect(
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
      },
      onDone: (callId, output) => this.ended(Number(callId), output),
    });
  }

  /** Users dial emergency strings by the workload's *plan* until the horizon. */
  arrive(plan: EmergencyPlan): void {
    const { services } = this;
    // The named streams, looked up once (a stream is created on first use, by name alone).
    const streamCallerEmergency = services.stream('caller/emergency');
    const streamEmergencyDial = services.stream('emergency/dial');
    const streamDurationEmergency = services.stream('duration/emergency');
    const streamCallbackOccurs = services.stream('callback/occurs');
    const streamCallbackDelay = services.stream('callback/delay');
    const streamCallbackAnswer = services.stream('callback/answer');
    // Only a scenario that places clients draws from this stream: the others stay as they were.
    const placement = plan.clients === undefined || plan.clients.length === 0 ? undefined : new ClientPlacement(plan.clients, services.stream('emergency/client-place'));
    scheduleArrivals(services, 'emergency', plan.arrivals, () => {
      const caller = pickUniform(services.population, streamCallerEmergency);
      const dialled = plan.dialStrings.length === 0 ? '911' : weightedChoice(plan.dialStrings, streamEmergencyDial);
      const durationMs = Math.round(sample(plan.duration, streamDurationEmergency));
      const callsBack = bernoulli(plan.callback.probability, streamCallbackOccurs);
      const delayMs = Math.round(sample(plan.callback.delay, streamCallbackDelay));
      const answered = bernoulli(plan.callback.answerProbability, streamCallbackAnswer);
      if (caller === undefined) return;
      const facts = services.view.user(caller.objectId);
      if (facts === undefined) return;
      const place = placement?.place(facts.user);
      const id = services.book.begin('emergency', caller.objectId);
      this.followUps.set(id, { durationMs, callback: { callsBack, delayMs, answered } });
      const input = emergencyInput(services, facts, dialled, durationMs, place);
      services.book.tracer?.facts(id, input);
      this.driver.start(id, input);
    });
  }

  private ended(callId: number, output: EmergencyCallOutput): void {
    const { services } = this;
    const followUp = this.followUps.get(callId);
    this.followUps.delete(callId);
    const callerId = services.book.callerOf(callId) ?? null;
    if (output.outcome === 'EMG001' && followUp !== undefined && callerId !== null) {
      this.continueAsOutbound(callId, callerId, output, followUp.durationMs);
      return;
    }
    services.book.finish(callId, output);
    // The machine chose the callback number; with none (a test, a failure) nobody can call back.
    const number = output.details.callbackNumber;
    if (followUp === undefined || !followUp.callback.callsBack || number === null || callerId === null) return;
    const at = services.sim.now + followUp.callback.delayMs;
    if (at >= services.horizon) return;
    const toAccountNumber = output.details.callbackSource === 'resourceAccount';
    const answered = followUp.callback.answered;
    services.sim.schedule(at, () => this.callbacks.start(number, callerId, toAccountNumber, answered));
  }

  /**
   * EMG001: the dialled string is no emergency number, so the call goes on as an ordinary outbound
   * call in the same call id, decided and billed by the outbound rules; it is dialled locally (the
   * resource account number's country) and lasts the call's drawn duration.
   */
  private continueAsOutbound(callId: number, callerId: string, output: EmergencyCallOutput, durationMs: number): void {
    const { services } = this;
    const facts = services.view.user(callerId);
    services.book.continueAs(callId, 'outbound', output);
    if (facts === undefined) {
      services.book.finish(callId, output);
      return;
    }
    const country = facts.resourceAccountNumber?.isoCountryCode ?? 'US';
    services.book.tracer?.runtime(callId, services.sim.now, 'continueAsOutbound', { dialledString: output.details.dialledString }, { destinationCountry: country });
    this.outbound.start(callId, facts, { destinationCountry: country, answers: true, ringMs: CALLER_TIMING_MS.ringAnswered, talkMs: durationMs });
  }
}
