/**
 * The statistics of one replication, streamed: counters per outcome, money, and time-weighted
 * levels (credit balance, callback numbers reserved, channels in use). Nothing here grows with the
 * number of calls.
 * Calls that start before the warm-up ends, and events before it, are not counted.
 */
import { CALL_FLOW_OUTCOME, CALL_OUTCOME_IDS, FAILED_EMERGENCY_OUTCOMES, HAND_OFF_OUTCOMES, type CallKind } from '../machines/index.js';
import { TimeWeighted, type SampledLevel } from '../metrics/index.js';
import type { CallbackPool, CallbackPoolObserver, ChannelsObserver, CreditsObserver } from '../runtime/index.js';
import { LIS_ELEMENTS, type RuleId, type Tenant } from '../tenant/index.js';
import { QueueFigures } from './queue-figures.js';
import type { ReplicationSeries } from './series.js';

/** One finished call, as `--calls FILE.csv` writes it. */
export interface CallRecord {
  replication: number;
  call: number;
  kind: CallKind;
  startMs: number;
  endMs: number;
  /** ObjectId of the user who called (outbound, emergency) or was called back; null for PSTN callers. */
  callerId: string | null;
  outcome: RuleId;
  reason: string;
  details: unknown;
}

/** Metric name -> value, in a fixed order (names sorted), for one replication. */
export type ReplicationFigures = Record<string, number>;

const KINDS: readonly CallKind[] = ['outbound', 'inbound', 'emergency', 'callback'];

/**
 * `prefix.suffix`, the same string object every time: a call's figures are counted under names
 * built from its kind and outcome, and a name built afresh per call costs an allocation and a
 * hash; an interned one costs neither.
 */
const interned = new Map<string, Map<string, string>>();
/** What the collector reads of a network-placed emergency call's location. */
interface NetworkLocationDetails {
  source?: string;
  element?: string;
  rule?: string;
  site?: string | null;
}

function metric(prefix: string, suffix: string): string {
  let inner = interned.get(prefix);
  if (inner === undefined) interned.set(prefix, (inner = new Map()));
  let name = inner.get(suffix);
  if (name === undefined) inner.set(suffix, (name = `${prefix}.${suffix}`));
  return name;
}

const OUTCOME_PREFIX: Readonly<Record<CallKind, string>> = {
  outbound: 'outbound.outcome',
  inbound: 'inbound.outcome',
  emergency: 'emergency.outcome',
  callback: 'callback.outcome',
  queue: 'queue.outcome',
};

/** Metric names may only hold [A-Za-z0-9_-] between dots; a policy name may hold anything. */
export function metricKey(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}

interface PoolStats {
  /** The pool's current size: a timeline change may add or remove numbers. */
  size: number;
  reservations: number;
  renewals: number;
  displaced: number;
  reserved: TimeWeighted;
  /** 1 while every number is reserved, else 0; against the size at each moment, not the first. */
  allReserved: TimeWeighted;
  /** The pool's sampled series, when the run keeps them (series.ts). */
  sampled: { reserved: SampledLevel; size: SampledLevel } | undefined;
}

export class ReplicationCollector {
  private readonly counts = new Map<string, number>();
  private readonly pools = new Map<string, PoolStats>();
  /** Channels in use per resource account (by objectId), with the name its figures go under. */
  private readonly channels = new Map<string, { name: string; inUse: TimeWeighted }>();
  private readonly balance: TimeWeighted;
  private spent = 0;
  private tollFreeSpent = 0;
  private overage = 0;
  private fundsAdded = 0;

  readonly creditsObserver: Partial<CreditsObserver>;
  readonly poolObserver: Partial<CallbackPoolObserver>;
  readonly channelsObserver: Partial<ChannelsObserver>;
  /** The call queues' figures; it hears the queue calls itself. */
  readonly queueFigures: QueueFigures;

  /** *series*, when given, hears the same events to keep the paths a report draws (series.ts). */
  constructor(
    private readonly warmup: number,
    startingBalance: number,
    private readonly series?: ReplicationSeries,
  ) {
    for (const kind of KINDS) {
      this.counts.set(`${kind}.calls`, 0);
      for (const id of CALL_OUTCOME_IDS[kind]) {
        // A hand-off ends a leg, never a call: no record can count it.
        if (!(HAND_OFF_OUTCOMES as readonly string[]).includes(id)) this.counts.set(`${kind}.outcome.${id}`, 0);
      }
    }
    for (const id of Object.values(CALL_FLOW_OUTCOME)) this.counts.set(`inbound.flow.${id}`, 0);
    for (const name of [
      'outbound.answered',
      'outbound.billedMinutes',
      'inbound.transferAnswered',
      'emergency.failed',
      'emergency.location.dynamic',
      'emergency.location.static',
      'emergency.location.none',
      'emergency.route.DirectRouting',
      'emergency.route.CallingPlanOrOperatorConnect',
      'emergency.siteOverride',
      'callback.reached',
      'callback.callerDidNotAnswer',
      'callback.misrouted',
      'callback.toAutoAttendant',
      'callback.notInService',
      'credits.recharges',
      'credits.rechargesFailed',
      'timeline.applied',
      'timeline.refused',
    ]) {
      this.counts.set(name, 0);
    }
    this.balance = new TimeWeighted({ start: 0, level: startingBalance, warmup });
    this.queueFigures = new QueueFigures(warmup);
    const counted = (now: number): boolean => now >= this.warmup;
    this.creditsObserver = {
      onDebit: (now, amount, reason) => {
        if (!counted(now)) return;
        if (reason === 'tollFreeInbound') this.tollFreeSpent += amount;
        this.spent += amount;
      },
      onRecharge: (now, amount, level) => {
        series?.onCreditEvent(now, 'recharge', amount, level);
        return counted(now) && this.add('credits.recharges');
      },
      onRechargeFailed: (now, amount, level) => {
        series?.onCreditEvent(now, 'rechargeFailed', amount, level);
        return counted(now) && this.add('credits.rechargesFailed');
      },
      onFundsAdded: (now, amount, level) => {
        series?.onCreditEvent(now, 'fundsAdded', amount, level);
        if (counted(now)) this.fundsAdded += amount;
      },
      onBalance: (now, level) => {
        this.balance.update(now, level);
        series?.onBalance(now, level);
      },
    };
    this.poolObserver = {
      onReservation: (now, r) => counted(now) && this.poolStat(r.policy, (p) => p.reservations++),
      onRenewal: (now, r) => counted(now) && this.poolStat(r.policy, (p) => p.renewals++),
      onDisplaced: (now, r, displacedUserId) => {
        series?.onDisplaced(now, r, displacedUserId);
        return counted(now) && this.poolStat(r.policy, (p) => p.displaced++);
      },
      onReservedCount: (now, policy, count, size) => {
        const p = this.pools.get(policy);
        if (p === undefined) return;
        if (p.sampled !== undefined) {
          p.sampled.reserved.update(now, count);
          if (size !== p.size) p.sampled.size.update(now, size);
        }
        p.size = size;
        p.reserved.update(now, count);
        p.allReserved.update(now, size > 0 && count >= size ? 1 : 0);
      },
    };
    this.channelsObserver = {
      onChannelsInUse: (now, resourceAccountId, inUse) => this.channels.get(resourceAccountId)?.inUse.update(now, inUse),
    };
  }

  /**
   * Follow the channels of the resource accounts *resourceAccountIds* of *tenant* (the shared
   * ones, when the run starts); their figures go under each account's UPN.
   */
  watchChannels(tenant: Tenant, resourceAccountIds: readonly string[]): void {
    for (const objectId of resourceAccountIds) {
      if (this.channels.has(objectId)) continue;
      const name = tenant.resourceAccounts.find((ra) => ra.objectId === objectId)?.userPrincipalName ?? objectId;
      this.channels.set(objectId, { name, inUse: new TimeWeighted({ start: 0, level: 0, warmup: this.warmup }) });
    }
  }

  /**
   * A tenant with a network (issue 11): emergency calls by how they were located (the LIS element,
   * or the rule that left them without a dynamic location) and by network site, from zero.
   */
  watchNetwork(tenant: Tenant): void {
    if (tenant.network === undefined) return;
    for (const element of LIS_ELEMENTS) this.seed(metric('emergency.locatedBy', element));
    for (const rule of ['NET020', 'NET021', 'NET026']) this.seed(metric('emergency.noDynamicLocation', rule));
    this.seed('emergency.site.none');
    for (const site of tenant.networkSites) {
      this.seed(metric('emergency.site', metricKey(site.id)));
      this.seed(metric('emergency.siteStatic', metricKey(site.id)));
    }
  }

  private seed(name: string): void {
    if (!this.counts.has(name)) this.counts.set(name, 0);
  }

  /** Follow the call queues of *tenant*; a tenant without queues adds no figures. */
  watchQueues(tenant: Tenant): void {
    this.queueFigures.watch(tenant);
    // Queue calls' counts exist once the tenant has a queue (a tenant without one reports as before).
    if ((tenant.callQueues ?? []).length === 0 || this.counts.has('queue.calls')) return;
    this.counts.set('queue.calls', 0);
    for (const id of CALL_OUTCOME_IDS.queue) this.counts.set(`queue.outcome.${id}`, 0);
  }

  /** Start following the callback pools that exist now (again after a timeline change). */
  watchPools(pools: readonly CallbackPool[]): void {
    for (const pool of pools) {
      const name = pool.policy;
      if (this.pools.has(name) || pool.size === 0) continue;
      this.pools.set(name, {
        sampled: this.series?.watchPool(name, pool.size),
        size: pool.size,
        reservations: 0,
        renewals: 0,
        displaced: 0,
        reserved: new TimeWeighted({ start: 0, level: 0, warmup: this.warmup }),
        allReserved: new TimeWeighted({ start: 0, level: 0, warmup: this.warmup }),
      });
    }
  }

  /** A network-placed client's location (NET020-NET028): by element, by rule, by site. */
  private networkLocation(location: NetworkLocationDetails | null): void {
    if (location?.rule === undefined) return;
    if (location.element !== undefined) this.add(metric('emergency.locatedBy', location.element));
    else this.add(metric('emergency.noDynamicLocation', location.rule));
    const site = location.site ?? null;
    if (site === null) {
      this.add('emergency.site.none');
      return;
    }
    this.add(metric('emergency.site', metricKey(site)));
    if (location.source === 'static') this.add(metric('emergency.siteStatic', metricKey(site)));
  }

  onOverage(now: number, amount: number): void {
    if (now >= this.warmup) this.overage += amount;
  }

  onTimeline(ok: boolean): void {
    this.add(ok ? 'timeline.applied' : 'timeline.refused');
  }

  onCall(record: CallRecord): void {
    this.add(metric(record.kind, 'calls'));
    this.add(metric(OUTCOME_PREFIX[record.kind], record.outcome));
    const d = record.details as Record<string, unknown>;
    switch (record.kind) {
      case 'outbound': {
        if (d.answered === true) this.add('outbound.answered');
        this.add('outbound.billedMinutes', typeof d.billedMinutes === 'number' ? d.billedMinutes : 0);
        // Dialled as an emergency string that was none (EMG001), then carried as this outbound call.
        const before = d.before as { outcome?: string } | undefined;
        if (before?.outcome === 'EMG001') {
          this.add('emergency.calls');
          this.add('emergency.outcome.EMG001');
        }
        break;
      }
      case 'queue': {
        // It began as an inbound call that an attendant sent on (CQ025): the call flow that
        // attendant ran counts with the inbound calls' (the kinds' calls stay apart).
        const flow = (d.before as { details?: { flow?: unknown } } | undefined)?.details?.flow;
        if (typeof flow === 'string') this.add(metric('inbound.flow', flow));
        break;
      }
      case 'inbound':
        if (typeof d.flow === 'string') this.add(metric('inbound.flow', d.flow));
        this.series?.onInbound(record.startMs, typeof d.flow === 'string' ? d.flow : null);
        if (record.outcome === 'INB010') this.add('inbound.transferAnswered');
        break;
      case 'emergency': {
        const location = d.location as { source?: string } | null;
        const routing = d.routing as { via?: string; siteOverride?: boolean } | null;
        if (location?.source !== undefined) this.add(metric('emergency.location', location.source));
        if (routing?.via !== undefined) this.add(metric('emergency.route', routing.via));
        if (routing?.siteOverride === true) this.add('emergency.siteOverride');
        if ((FAILED_EMERGENCY_OUTCOMES as readonly string[]).includes(record.outcome)) this.add('emergency.failed');
        this.networkLocation(d.location as NetworkLocationDetails | null);
        break;
      }
      case 'callback':
        switch (d.destination) {
          case 'caller':
            this.add('callback.reached');
            break;
          case 'callerDidNotAnswer':
            this.add('callback.callerDidNotAnswer');
            break;
          case 'otherUser':
            this.add('callback.misrouted');
            if (record.callerId !== null) {
              this.series?.onMisroutedCallback(record.call, record.startMs, record.callerId, String(d.dialledNumber), typeof d.rangUserId === 'string' ? d.rangUserId : null);
            }
            break;
          case 'autoAttendant':
            this.add('callback.toAutoAttendant');
            break;
          case 'notInService':
            this.add('callback.notInService');
            break;
        }
        break;
    }
  }

  /** The figures of the replication at its horizon. */
  figures(horizon: number, finalBalance: number): ReplicationFigures {
    const out = new Map(this.counts);
    const callbacks = out.get('callback.calls') ?? 0;
    // The safety figure of docs/rules.md §3: callbacks that do not reach the person who called.
    out.set('callback.notReachedShare', callbacks === 0 ? NaN : (callbacks - (out.get('callback.reached') ?? 0)) / callbacks);
    // The safety figure of emergency calling: failed calls over real emergency calls (not EMG001, not tests).
    const emergencyCalls =
      (out.get('emergency.calls') ?? 0) - (out.get('emergency.outcome.EMG001') ?? 0) - (out.get('emergency.outcome.EMG013') ?? 0);
    out.set('emergency.failedShare', emergencyCalls === 0 ? NaN : (out.get('emergency.failed') ?? 0) / emergencyCalls);
    out.set('credits.spent', round(this.spent));
    out.set('credits.tollFreeSpent', round(this.tollFreeSpent));
    out.set('credits.overage', round(this.overage));
    out.set('credits.fundsAdded', round(this.fundsAdded));
    out.set('credits.finalBalance', round(finalBalance));
    out.set('credits.meanBalance', round(this.balance.mean(horizon)));
    for (const [name, p] of this.pools) {
      const key = `callbackPool.${metricKey(name)}`;
      out.set(`${key}.size`, p.size);
      out.set(`${key}.reservations`, p.reservations);
      out.set(`${key}.renewals`, p.renewals);
      out.set(`${key}.displaced`, p.displaced);
      out.set(`${key}.meanReserved`, p.reserved.mean(horizon));
      out.set(`${key}.peakReserved`, Math.max(0, p.reserved.max(horizon)));
      out.set(`${key}.allReservedShare`, p.allReserved.mean(horizon));
    }
    for (const { name, inUse } of this.channels.values()) {
      const key = `channels.${metricKey(name)}`;
      out.set(`${key}.meanInUse`, inUse.mean(horizon));
      out.set(`${key}.peakInUse`, Math.max(0, inUse.max(horizon)));
    }
    this.queueFigures.addTo(out, horizon, metricKey);
    const sorted: ReplicationFigures = {};
    for (const name of [...out.keys()].sort()) sorted[name] = out.get(name) as number;
    return sorted;
  }

  private add(name: string, amount = 1): true {
    this.counts.set(name, (this.counts.get(name) ?? 0) + amount);
    return true;
  }

  private poolStat(policy: string, change: (p: PoolStats) => void): true {
    const p = this.pools.get(policy);
    if (p !== undefined) change(p);
    return true;
  }
}

/** Money to the cent's ten-thousandth, so sums of many small charges print stably. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
