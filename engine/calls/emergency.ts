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
import type { CallServices, EmergencyPlan, IncidentPlan } from './services.js';
import type { RandomStream } from '../kernel/index.js';
import type { User } from '../tenant/index.js';
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
      reuseCandidateHolderId: pool === undefined || inspection?.reuseCandidate == null ? null : pool.holderAt(sim.now, inspection.reuseCandidate),
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
  /** A redial is not redialled again. */
  isRedial: boolean;
}

/** What a call draws at arrival. */
interface Draws {
  dialled: string;
  durationMs: number;
  callback: FollowUp['callback'];
}

interface CallStreams {
  dial: RandomStream;
  duration: RandomStream;
  callbackOccurs: RandomStream;
  callbackDelay: RandomStream;
  callbackAnswer: RandomStream;
}

export class EmergencyCalls {
  private readonly driver: CallExecutor<typeof emergencyMachine>;
  /** Per call in progress: what was drawn for after it ends. */
  private readonly followUps = new Map<number, FollowUp>();
  private plan: EmergencyPlan | undefined;
  private redialStreams: { occurs: RandomStream; delay: RandomStream; call: CallStreams } | undefined;
  /** Where callers' clients are (workload.clients), drawn per call; undefined: their fixed clientLocation. */
  private placement: ClientPlacement | undefined;

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
    this.plan = plan;
    // The named streams, looked up once (a stream is created on first use, by name alone).
    const streamCallerEmergency = services.stream('caller/emergency');
    const steady = this.callStreams('');
    // Only a scenario that places clients draws from this stream: the others stay as they were.
    this.placement = plan.clients === undefined || plan.clients.length === 0 ? undefined : new ClientPlacement(plan.clients, services.stream('emergency/client-place'));
    scheduleArrivals(services, 'emergency', plan.arrivals, () => {
      const caller = pickUniform(services.population, streamCallerEmergency);
      this.begin(caller, this.draw(plan, steady), false);
    });
    // Incidents and redials draw from their own streams: a scenario without them draws as before.
    plan.incidents?.forEach((incident, index) => this.scheduleIncidents(plan, incident, index));
  }

  /** The streams of one source of emergency calls: steady arrivals (''), incidents or redials. */
  private callStreams(prefix: string): CallStreams {
    const { services } = this;
    return {
      dial: services.stream(`${prefix}emergency/dial`),
      duration: services.stream(`${prefix}duration/emergency`),
      callbackOccurs: services.stream(`${prefix}callback/occurs`),
      callbackDelay: services.stream(`${prefix}callback/delay`),
      callbackAnswer: services.stream(`${prefix}callback/answer`),
    };
  }

  /** What a call draws at arrival, in this order (the order fixes the streams' use). */
  private draw(plan: EmergencyPlan, s: CallStreams): Draws {
    const dialled = plan.dialStrings.length === 0 ? '911' : weightedChoice(plan.dialStrings, s.dial);
    const durationMs = Math.round(sample(plan.duration, s.duration));
    const callsBack = bernoulli(plan.callback.probability, s.callbackOccurs);
    const delayMs = Math.round(sample(plan.callback.delay, s.callbackDelay));
    const answered = bernoulli(plan.callback.answerProbability, s.callbackAnswer);
    return { dialled, durationMs, callback: { callsBack, delayMs, answered } };
  }

  private begin(caller: User | undefined, d: Draws, isRedial: boolean): void {
    const { services } = this;
    if (caller === undefined) return;
    const facts = services.view.user(caller.objectId);
    if (facts === undefined) return;
    const place = this.placement?.place(facts.user);
    const id = services.book.begin('emergency', caller.objectId);
    this.followUps.set(id, { durationMs: d.durationMs, callback: d.callback, isRedial });
    const input = emergencyInput(services, facts, d.dialled, d.durationMs, place);
    services.book.tracer?.facts(id, input);
    this.driver.start(id, input);
  }

  /**
   * An incident: *calls* emergency calls by distinct users of the location (as many as there
   * are, then again from the start), each at a uniform time within the window; once, or at each
   * arrival of a Poisson process of incidents.
   */
  private scheduleIncidents(plan: EmergencyPlan, incident: IncidentPlan, index: number): void {
    const { services } = this;
    const { sim, horizon } = services;
    const times = services.stream(`incident/${index}/times`);
    const picks = services.stream(`incident/${index}/calls`);
    const draws = this.callStreams('incident/');
    const happen = (): void => {
      const pool = services.population.filter((u) => this.locationOf(u) === incident.location);
      for (let k = 0; k < incident.calls; k++) {
        const offset = Math.round(picks.next() * incident.withinMs);
        let caller: User | undefined;
        if (pool.length > 0) {
          // A partial shuffle: the first calls come from distinct users, then another round.
          const at = k % pool.length;
          const pick = at + Math.min(pool.length - at - 1, Math.floor(picks.next() * (pool.length - at)));
          [pool[at], pool[pick]] = [pool[pick] as User, pool[at] as User];
          caller = pool[at];
        }
        const start = sim.now + offset;
        if (start < horizon) sim.schedule(start, () => this.begin(caller, this.draw(plan, draws), false));
      }
    };
    if (incident.at !== undefined) {
      if (incident.at < horizon) sim.schedule(incident.at, happen);
      return;
    }
    const rate = incident.ratePerHour ?? 0;
    if (rate <= 0) return;
    const next = (from: number): void => {
      const at = Math.round(from + (-Math.log(1 - times.next()) * 3_600_000) / rate);
      if (at >= horizon) return;
      sim.schedule(at, () => {
        happen();
        next(at);
      });
    };
    next(0);
  }

  /** The user's emergency location (EMG002): a dynamic location, else the resource account number's. */
  private locationOf(user: User): string | null {
    return user.clientLocation.dynamicLocationId ?? this.services.view.user(user.objectId)?.resourceAccountNumber?.locationId ?? null;
  }

  /** A caller who got no answer dials again, once, after the plan's delay (streams `redial/...`). */
  private maybeRedial(callerId: string, followUp: FollowUp): void {
    const redial = this.plan?.redial;
    const plan = this.plan;
    if (redial === undefined || plan === undefined || followUp.isRedial) return;
    this.redialStreams ??= { occurs: this.services.stream('redial/occurs'), delay: this.services.stream('redial/delay'), call: this.callStreams('redial/') };
    const streams = this.redialStreams;
    if (!bernoulli(redial.probability, streams.occurs)) return;
    const at = this.services.sim.now + Math.round(sample(redial.delay, streams.delay));
    if (at >= this.services.horizon) return;
    this.services.sim.schedule(at, () => {
      const caller = this.services.population.find((u) => u.objectId === callerId);
      this.begin(caller, this.draw(plan, streams.call), true);
    });
  }

  /**
   * One call made on purpose (`callsim call`): user *callerId* dials *dialled* now, for
   * *durationMs*. No callback or redial follows on its own: whoever placed it places them too.
   * *client*: where the caller's client is (a place of the workload's `clients`); absent, drawn.
   * Returns the call's id, or undefined when the tenant has no such user.
   */
  place(callerId: string, dialled: string, durationMs: number, client?: ClientPlace): number | undefined {
    const { services } = this;
    const facts = services.view.user(callerId);
    if (facts === undefined) return undefined;
    // The client is at the place asked for, else where the workload's places put it, as for any call.
    const place = client ?? this.placement?.place(facts.user);
    const id = services.book.begin('emergency', callerId);
    // Nothing follows a call made on purpose on its own, a redial no more than a callback.
    this.followUps.set(id, { durationMs, callback: { callsBack: false, delayMs: 0, answered: false }, isRedial: true });
    const input = emergencyInput(services, facts, dialled, durationMs, place);
    services.book.tracer?.facts(id, input);
    this.driver.start(id, input);
    return id;
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
    if (followUp !== undefined && callerId !== null) this.maybeRedial(callerId, followUp);
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
