/**
 * One replication of a scenario: a pure function of (scenario, tenant, seed, replication index).
 *
 * Wiring only: it makes the kernel, the shared runtime and the book of calls, hands them to the
 * four call modules (engine/calls: each kind's arrivals, facts, machine and effects), schedules
 * the timeline's tenant changes and passes their change events to whatever follows the tenant,
 * and runs the kernel to the horizon. It decides nothing about a call.
 */
import {
  CallBook,
  CallbackCalls,
  EmergencyCalls,
  InboundCalls,
  OutboundCalls,
  QueueCalls,
  ReplicationCollector,
  ReplicationSeries,
  type CallRecord,
  type CallServices,
  type Engine,
  type ReplicationFigures,
  type SeriesOfReplication,
} from '../calls/index.js';
import { samplingStep } from '../metrics/index.js';
import { createStreams, DAY, Simulation, URGENT } from '../kernel/index.js';
import { CallbackPools, Channels, CreditsLedger, DerivedTenantFacts, TenantView } from '../runtime/index.js';
import type { Scenario } from '../scenario/index.js';
import type { Tenant, User } from '../tenant/index.js';
import { callSettings, emergencyPlan, inboundPlan, outboundPlan } from './call-plans.js';
import { applyTimelineEntry, type TimelineOutcome } from './timeline-change.js';
import { readableName } from './readable-names.js';
import { hourOfWeekClock } from './local-week.js';
import { CallTracer, type TraceOptions } from './trace.js';

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
  /**
   * Stops the replication between simulated days (it then advances a day at a time, to the same
   * results): it throws the signal's reason, by default a DOMException named AbortError. On one
   * thread the signal can only have been aborted by a callback (onProgress, onCall) or before.
   */
  signal?: AbortSignal;
  /** Traces the calls it selects (engine/run/trace.ts); leave it out for speed, figures are the same. */
  trace?: TraceOptions;
  /**
   * Which executor runs the call machines: `compiled` (default) or `xstate`, the reference; both
   * give the same bytes (test/run/engines.test.ts). Traced calls always run on XState.
   */
  engine?: Engine;
  /**
   * Calls made on purpose (`callsim call`, engine/run/call.ts): *place* is given the wired call
   * modules before the run starts and schedules its calls; without *workload* the scenario's
   * arrivals are left out, so those are the only calls.
   */
  placed?: { workload: boolean; place(placer: CallPlacer): void };
}

/** What calls made on purpose are placed with: the run's services and its four call modules. */
export interface CallPlacer {
  services: CallServices;
  outbound: OutboundCalls;
  emergency: EmergencyCalls;
  inbound: InboundCalls;
  callbacks: CallbackCalls;
}

export interface ReplicationResult {
  replication: number;
  figures: ReplicationFigures;
  timeline: TimelineOutcome[];
  /** The paths a report draws (engine/calls/series.ts); bounded, and no figure depends on them. */
  series: SeriesOfReplication;
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
  // The run changes its tenant only through the timeline: without one it reads the loaded tenant.
  const tenant = scenario.timeline.some((entry) => entry.at < horizon) ? structuredClone(baseTenant) : baseTenant;
  const streams = createStreams(seed, replication);
  const sim = new Simulation(0);
  const population: readonly User[] = [...tenant.users];

  const series = new ReplicationSeries(samplingStep(horizon), tenant.credits.balance, hourOfWeekClock(scenario));
  const collector = new ReplicationCollector(warmup, tenant.credits.balance, series);
  const ledger = new CreditsLedger(tenant.credits, streams.stream('credits/recharge'), collector.creditsObserver);
  ledger.settle(0);
  const { callbackPool } = scenario.settings;
  const pools = new CallbackPools(
    tenant,
    { selection: callbackPool.selection, reuse: callbackPool.reuse, reservationMs: callbackPool.reservation },
    collector.poolObserver,
  );
  collector.watchPools(pools.all());
  collector.watchNetwork(tenant);
  const derived = new DerivedTenantFacts(tenant);
  collector.watchChannels(tenant, derived.sharedResourceAccountIds);
  collector.watchQueues(tenant);
  const tracer =
    options.trace === undefined
      ? undefined
      : new CallTracer(
          // Local times in the scenario's zone unless the caller asks for another.
          { timeZone: scenario.timeZone, startOffsetMinutes: scenario.startOffsetMinutes, ...options.trace },
          replication,
          scenario.startEpochMs,
          warmup,
          readableName(tenant),
        );
  const book = new CallBook(
    sim,
    replication,
    warmup,
    (record) => {
      collector.onCall(record);
      options.onCall?.(record);
    },
    tracer,
  );
  const view = new TenantView(tenant);
  const services: CallServices = {
    sim,
    stream: (name) => streams.stream(name),
    horizon,
    startEpochMs: scenario.startEpochMs,
    tenant,
    population,
    view,
    derived,
    ledger,
    pools,
    channels: new Channels(collector.channelsObserver),
    book,
    settings: callSettings(scenario),
    engine: options.engine ?? 'compiled',
    onOverage: (now, amount) => collector.onOverage(now, amount),
  };

  const outbound = new OutboundCalls(services);
  const callbacks = new CallbackCalls(services);
  const emergency = new EmergencyCalls(services, outbound, callbacks);
  const inbound = new InboundCalls(services, new QueueCalls(services, collector.queueFigures));
  if (options.placed?.workload !== false) {
    const outboundWork = outboundPlan(scenario, population);
    if (outboundWork !== undefined) outbound.arrive(outboundWork);
    const inboundWork = inboundPlan(scenario, population);
    if (inboundWork !== undefined) inbound.arrive(inboundWork);
    const emergencyWork = emergencyPlan(scenario, population);
    if (emergencyWork !== undefined) emergency.arrive(emergencyWork);
  }
  options.placed?.place({ services, outbound, emergency, inbound, callbacks });

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

  options.signal?.throwIfAborted();
  if (options.onProgress === undefined && options.signal === undefined) {
    if (horizon > 0) sim.run({ until: horizon });
  } else {
    for (let until = Math.min(DAY, horizon); until > 0; until = until === horizon ? 0 : Math.min(until + DAY, horizon)) {
      sim.run({ until });
      options.onProgress?.(until, horizon);
      options.signal?.throwIfAborted();
    }
  }
  pools.expire(horizon);
  return {
    replication,
    figures: collector.figures(horizon, ledger.balance),
    timeline,
    series: series.result(horizon, readableName(tenant), tenant.credits.currency),
  };
}
