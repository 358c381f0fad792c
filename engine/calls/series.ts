/**
 * The paths of one replication that a report draws (docs/results-format.md, `series`): the credit
 * balance with its recharges, each callback pool's reserved numbers, the displacements (EMG004)
 * with the callbacks they misrouted, and inbound calls by local hour of week and call flow.
 *
 * Bounded whatever the number of calls: levels are sampled at a fixed interval
 * (engine/metrics/sampled-level.ts), events are kept up to EVENT_CAP of each kind and the rest
 * only counted, and hours of the week are 168 counters per flow. It decides nothing and changes
 * no figure: the collector passes it what its observers hear.
 */
import { CALL_FLOW_OUTCOME } from '../machines/index.js';
import { SampledLevel, type SampledPoint } from '../metrics/index.js';
import type { Reservation } from '../runtime/index.js';

/** The most events of one kind (credit events, displacements, misrouted callbacks) a replication keeps. */
export const EVENT_CAP = 1000;

/** What happened to the balance besides a call's charge. */
export type CreditEventKind = 'recharge' | 'rechargeFailed' | 'fundsAdded';

export interface CreditEvent {
  atMs: number;
  kind: CreditEventKind;
  amount: number;
  /** The balance after it (unchanged by a failed recharge). */
  balance: number;
}

/** EMG004: *took* reserved *number*, which *lost* held; ids as the run knows them (objectIds) until named. */
export interface Displacement {
  /** Its position in the replication's list, which misrouted callbacks refer to. */
  id: number;
  atMs: number;
  policy: string;
  number: string;
  lost: string;
  took: string;
  /** Calls (`call` numbers) of the callbacks to *lost* on *number* that rang someone else after it. */
  misroutedCallbacks: number[];
}

/** A CBK001 callback that rang another user than the one who made the emergency call. */
export interface MisroutedCallback {
  call: number;
  atMs: number;
  number: string;
  /** The person who made the emergency call and was not reached. */
  caller: string;
  rang: string;
  /** The displacement that took the number from *caller*, or null when the reservation had ended and another call took it. */
  displacement: number | null;
}

export interface PoolSeries {
  policy: string;
  /** Active reservations, sampled. */
  reserved: SampledPoint[];
  /** The pool's size, sampled (a timeline change may add or remove numbers). */
  size: SampledPoint[];
}

/** Inbound calls by flow that ran (INB002/3/4, or `none`) and local hour of the week (0 = Monday 00:00-01:00). */
export type HourOfWeekCounts = Record<string, number[]>;

export interface SeriesOfReplication {
  stepMs: number;
  /** The tenant's `credits.currency`, which the balance is in. */
  currency: string;
  balance: SampledPoint[];
  creditEvents: CreditEvent[];
  pools: PoolSeries[];
  displacements: Displacement[];
  misroutedCallbacks: MisroutedCallback[];
  /** Events of each kind left out past EVENT_CAP. */
  omitted: { creditEvents: number; displacements: number; misroutedCallbacks: number };
  inboundByHourOfWeek: HourOfWeekCounts;
}

/** The flows an inbound call may run, and `none` for calls that run none (INB001, INB018, ...). */
export const HOUR_OF_WEEK_FLOWS: readonly string[] = [...Object.values(CALL_FLOW_OUTCOME).sort(), 'none'];

export class ReplicationSeries {
  private readonly balance: SampledLevel;
  private readonly creditEvents: CreditEvent[] = [];
  private readonly pools = new Map<string, { reserved: SampledLevel; size: SampledLevel }>();
  private readonly displacements: Displacement[] = [];
  /** The last kept displacement of each (number, user who lost it), for linking callbacks. */
  private readonly lastDisplacement = new Map<string, Displacement>();
  private readonly misrouted: MisroutedCallback[] = [];
  private readonly omitted = { creditEvents: 0, displacements: 0, misroutedCallbacks: 0 };
  private readonly byHour: HourOfWeekCounts = {};

  /**
   * *hourOfWeek* turns a simulated time into the local hour of the week it falls in (the
   * scenario's zone); *stepMs* is the sampling interval.
   */
  constructor(
    readonly stepMs: number,
    startingBalance: number,
    private readonly hourOfWeek: (simMs: number) => number,
  ) {
    this.balance = new SampledLevel(stepMs, startingBalance);
    for (const flow of HOUR_OF_WEEK_FLOWS) this.byHour[flow] = new Array<number>(168).fill(0);
  }

  onBalance(now: number, level: number): void {
    this.balance.update(now, level);
  }

  onCreditEvent(atMs: number, kind: CreditEventKind, amount: number, balance: number): void {
    if (this.creditEvents.length >= EVENT_CAP) this.omitted.creditEvents++;
    else this.creditEvents.push({ atMs, kind, amount, balance });
  }

  /**
   * Start sampling *policy*'s pool (at its first appearance; a pool that comes back keeps its
   * series). The collector updates the levels it returns as the pool's count changes, with no
   * look-up per change.
   */
  watchPool(policy: string, size: number): { reserved: SampledLevel; size: SampledLevel } {
    let pool = this.pools.get(policy);
    if (pool === undefined) this.pools.set(policy, (pool = { reserved: new SampledLevel(this.stepMs, 0), size: new SampledLevel(this.stepMs, size) }));
    return pool;
  }

  onDisplaced(now: number, reservation: Reservation, lost: string): void {
    if (this.displacements.length >= EVENT_CAP) {
      // Past the cap only counts: no key is built per displacement (this is the pool's hot path).
      this.omitted.displacements++;
      return;
    }
    const d: Displacement = {
      id: this.displacements.length,
      atMs: now,
      policy: reservation.policy,
      number: reservation.number,
      lost,
      took: reservation.userId,
      misroutedCallbacks: [],
    };
    this.displacements.push(d);
    this.lastDisplacement.set(`${d.number} ${lost}`, d);
  }

  /**
   * A counted inbound call that started at *startMs* and ran *flow* (INB002/3/4, or null). The
   * collector passes plain values, not the record, so that a record need not outlive its call.
   */
  onInbound(startMs: number, flow: string | null): void {
    const hours = this.byHour[flow ?? 'none'];
    const hour = this.hourOfWeek(startMs);
    if (hours !== undefined) hours[hour] = (hours[hour] ?? 0) + 1;
  }

  /** A counted callback *call* to *number* for *caller* that rang *rang* instead (CBK001 misrouted). */
  onMisroutedCallback(call: number, startMs: number, caller: string, number: string, rang: string | null): void {
    // Once displacements are no longer kept, a callback could be linked to an older one of the same
    // caller and number than the one that misrouted it: from then on misrouted callbacks are only counted too.
    if (this.misrouted.length >= EVENT_CAP || this.omitted.displacements > 0) {
      this.omitted.misroutedCallbacks++;
      return;
    }
    const d = this.lastDisplacement.get(`${number} ${caller}`);
    const linked = d !== undefined && d.atMs <= startMs ? d : undefined;
    linked?.misroutedCallbacks.push(call);
    this.misrouted.push({ call, atMs: startMs, number, caller, rang: rang ?? '', displacement: linked?.id ?? null });
  }

  /** The series up to *horizonMs*, people named by *name* (objectId to UPN). */
  result(horizonMs: number, name: (id: string) => string, currency: string): SeriesOfReplication {
    return {
      stepMs: this.stepMs,
      currency,
      balance: this.balance.pointsUntil(horizonMs),
      creditEvents: this.creditEvents.map((e) => ({ ...e })),
      pools: [...this.pools].map(([policy, p]) => ({ policy, reserved: p.reserved.pointsUntil(horizonMs), size: p.size.pointsUntil(horizonMs) })),
      displacements: this.displacements.map((d) => ({ ...d, lost: name(d.lost), took: name(d.took), misroutedCallbacks: [...d.misroutedCallbacks] })),
      misroutedCallbacks: this.misrouted.map((c) => ({ ...c, caller: name(c.caller), rang: c.rang === '' ? '' : name(c.rang) })),
      omitted: { ...this.omitted },
      inboundByHourOfWeek: Object.fromEntries(HOUR_OF_WEEK_FLOWS.map((f) => [f, [...(this.byHour[f] ?? [])]])),
    };
  }
}
