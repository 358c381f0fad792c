/**
 * The emergency callback number pool of one Shared Calling policy, as a FilterStore whose items
 * are the policy's emergency numbers, each held for 60 minutes by the user whose emergency call
 * took it (EMG003, EMG004, EMG007; callbacks CBK001, CBK002).
 *
 * The pool decides nothing about a call: which number an emergency call takes, and how (its
 * own renewed, a free one, or someone else's), is the emergency machine's choice from what
 * `inspect` shows (engine/machines/emergency.ts, guards callerHoldsCallbackNumber,
 * poolHasFreeNumber, poolHasReuseCandidate); engine/calls/emergency.ts carries out its
 * `reserveCallbackNumber` effect with `reserve`.
 *
 * Only active reservations are kept (at most one per number), so memory does not grow with the
 * number of calls. A reservation is active on [start, start + reservationMs). Time only moves
 * forward: changes at a time before the last change are refused, and questions about such a
 * time are not answered from history (ended reservations are gone).
 */
import type { E164 } from '../tenant/index.js';

/** EMG003: which free number an emergency call takes. */
export type CallbackSelection = 'first-free' | 'round-robin';
/** EMG004: which number is reused when none is free. */
export type CallbackReuse = 'first' | 'oldest';

export interface CallbackPoolSettings {
  selection: CallbackSelection;
  reuse: CallbackReuse;
  /** How long a reservation holds its number; 60 minutes in Teams. */
  reservationMs: number;
}

export const DEFAULT_CALLBACK_POOL_SETTINGS: Readonly<CallbackPoolSettings> = {
  selection: 'first-free',
  reuse: 'first',
  reservationMs: 60 * 60_000,
};

/** How a reservation was made: a free number, a repeat call (EMG007), or a reused number (EMG004). */
export type ReservationMode = 'new' | 'renew' | 'displace';

export interface Reservation {
  /** Identity of the Shared Calling policy whose pool this is. */
  policy: string;
  number: E164;
  /** ObjectId of the user who holds the number. */
  userId: string;
  /** Simulated ms when the reservation started (or restarted, EMG007). */
  start: number;
  /** First instant at which the reservation is no longer active. */
  expiresAt: number;
}

/** What an emergency call by a user would find in the pool now (nothing changes). */
export interface PoolInspection {
  /** Numbers in the pool; 0 means the resource account's number is the callback number (EMG005). */
  size: number;
  /** The number this user already holds (EMG007), or null. */
  heldByCaller: E164 | null;
  /** The number a new reservation would take (EMG003), or null when all are reserved. */
  nextFree: E164 | null;
  /** When nothing is free, the number that would be taken from its holder (EMG004); else null. */
  reuseCandidate: E164 | null;
}

/** What `reserve` did; `displacedUserId` is set only for a displacement (EMG004). */
export interface ReservationResult {
  mode: ReservationMode;
  reservation: Reservation;
  displacedUserId: string | null;
}

/** Why a reservation ended without being renewed or displaced. */
export type ReservationEndReason = 'expired' | 'removedFromPolicy';

/**
 * Hooks for metrics, all optional (Ciw's StateTracker). `onReservedCount` fires at every change
 * of the number of active reservations, with the time of the change, so that a time-weighted
 * gauge gives the share of time all numbers were reserved and the peak.
 */
export interface CallbackPoolObserver {
  onReservation(now: number, reservation: Reservation): void;
  onRenewal(now: number, reservation: Reservation): void;
  /** EMG004: *displacedUserId* lost *reservation.number* to *reservation.userId*. */
  onDisplaced(now: number, reservation: Reservation, displacedUserId: string): void;
  onReservationEnded(at: number, reservation: Reservation, reason: ReservationEndReason): void;
  onReservedCount(now: number, policy: string, count: number, size: number): void;
}

const NO_POOL_OBSERVER: CallbackPoolObserver = {
  onReservation() {},
  onRenewal() {},
  onDisplaced() {},
  onReservationEnded() {},
  onReservedCount() {},
};

export class CallbackPool {
  /** Identity of the Shared Calling policy this pool belongs to. */
  readonly policy: string;
  private readonly settings: CallbackPoolSettings;
  private readonly observer: CallbackPoolObserver;
  private list: E164[];
  /** Active (or not yet purged) reservations by number; never more than the pool size. */
  private readonly byNumber = new Map<E164, Reservation>();
  /** The same reservations by user: a user holds at most one number of a pool. */
  private readonly byUser = new Map<string, Reservation>();
  /** Round-robin: the list index where the search for a free number starts. */
  private cursor = 0;
  /** Time of the last change, so that purged expiries are reported in time order. */
  private lastChange = -Infinity;

  /**
   * A pool over *numbers* in list order. Raise RangeError if *reservationMs* is not a finite
   * number > 0, or Error if a number is listed twice.
   */
  constructor(
    policy: string,
    numbers: readonly E164[],
    settings: Partial<CallbackPoolSettings> = {},
    observer: Partial<CallbackPoolObserver> = {},
  ) {
    this.policy = policy;
    this.settings = { ...DEFAULT_CALLBACK_POOL_SETTINGS, ...settings };
    if (!Number.isFinite(this.settings.reservationMs) || this.settings.reservationMs <= 0) {
      throw new RangeError('"reservationMs" must be a finite number > 0.');
    }
    this.observer = { ...NO_POOL_OBSERVER, ...observer };
    this.list = checkedList(numbers);
  }

  /** The pool's numbers in list order. */
  get numbers(): readonly E164[] {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  /** What an emergency call by *userId* at *now* would find. Pure: the pool does not change. */
  inspect(now: number, userId: string): PoolInspection {
    const held = this.byUser.get(userId);
    const nextFree = this.findFree(now);
    return {
      size: this.list.length,
      heldByCaller: held !== undefined && isActive(held, now) ? held.number : null,
      nextFree,
      reuseCandidate: nextFree === null ? this.findReuseCandidate(now) : null,
    };
  }

  /**
   * Reserve *number* for *userId* from *now*, as *mode* says:
   * - `new`: the number must be free and the user must hold no number of this pool (EMG003);
   * - `renew`: the user must hold this number; its reservation restarts (EMG007);
   * - `displace`: another user must hold it; the reservation moves to *userId* (EMG004).
   * Raise Error if the number is not in the pool or the pool's state does not fit *mode*
   * (ask `inspect` first). Raise RangeError if *now* goes back before the last change.
   */
  reserve(now: number, number: E164, userId: string, mode: ReservationMode): ReservationResult {
    this.expire(now);
    const index = this.list.indexOf(number);
    if (index < 0) throw new Error(`${number} is not in the callback pool of policy ${this.policy}.`);
    const current = this.byNumber.get(number);
    const ownHeld = this.byUser.get(userId);
    switch (mode) {
      case 'new': {
        if (current !== undefined) throw new Error(`${number} is reserved; a new reservation needs a free number.`);
        if (ownHeld !== undefined) {
          throw new Error(`${userId} already holds ${ownHeld.number}; renew it instead (EMG007).`);
        }
        const reservation = this.store(now, number, userId);
        if (this.settings.selection === 'round-robin') this.cursor = (index + 1) % this.list.length;
        this.observer.onReservation(now, reservation);
        this.reportCount(now);
        return { mode, reservation, displacedUserId: null };
      }
      case 'renew': {
        if (current === undefined || current.userId !== userId) {
          throw new Error(`${userId} does not hold ${number}; only its holder can renew it.`);
        }
        const reservation = this.store(now, number, userId);
        this.observer.onRenewal(now, reservation);
        return { mode, reservation, displacedUserId: null };
      }
      case 'displace': {
        if (current === undefined || current.userId === userId) {
          throw new Error(`${number} is not held by another user; there is nobody to displace.`);
        }
        if (ownHeld !== undefined) {
          throw new Error(`${userId} already holds ${ownHeld.number}; renew it instead (EMG007).`);
        }
        this.byUser.delete(current.userId);
        const reservation = this.store(now, number, userId);
        this.observer.onDisplaced(now, reservation, current.userId);
        return { mode, reservation, displacedUserId: current.userId };
      }
    }
  }

  /** ObjectId of the user holding an active reservation on *number* at *now*, or null (CBK001/CBK002). */
  holderAt(now: number, number: E164): string | null {
    return this.reservationAt(now, number)?.userId ?? null;
  }

  /** The active reservation on *number* at *now*, or null. */
  reservationAt(now: number, number: E164): Reservation | null {
    const r = this.byNumber.get(number);
    return r !== undefined && isActive(r, now) ? r : null;
  }

  /**
   * Drop reservations that ended by *now*, reporting each at its own expiry time (in time order).
   * The driver calls this at the end of a run (and may at any time) so that the reserved-count
   * series is closed; reserve and reconfigure call it themselves.
   */
  expire(now: number): void {
    if (now < this.lastChange) {
      throw new RangeError(`"now" (${now}) is before the pool's last change (${this.lastChange}).`);
    }
    const ended = [...this.byNumber.values()].filter((r) => !isActive(r, now));
    ended.sort((a, b) => a.expiresAt - b.expiresAt || this.list.indexOf(a.number) - this.list.indexOf(b.number));
    for (const r of ended) {
      this.drop(r);
      this.observer.onReservationEnded(r.expiresAt, r, 'expired');
      this.reportCount(r.expiresAt);
    }
    this.lastChange = now;
  }

  /**
   * The policy's list changed (Set-CsTeamsSharedCallingRoutingPolicy -EmergencyNumbers). A
   * removed number's reservation ends at once: the number has left the pool, so a callback to it
   * no longer rings the user. Kept numbers keep their reservations; the new list order decides
   * from now on. Round-robin continues from the same number if it is still listed, else from
   * the top.
   */
  reconfigure(now: number, numbers: readonly E164[]): void {
    this.expire(now);
    const next = checkedList(numbers);
    const cursorNumber = this.list[this.cursor];
    const kept = new Set(next);
    for (const r of [...this.byNumber.values()]) {
      if (kept.has(r.number)) continue;
      this.drop(r);
      this.observer.onReservationEnded(now, r, 'removedFromPolicy');
    }
    this.list = next;
    const at = cursorNumber === undefined ? -1 : next.indexOf(cursorNumber);
    this.cursor = at < 0 ? 0 : at;
    this.reportCount(now);
  }

  private findFree(now: number): E164 | null {
    const n = this.list.length;
    const from = this.settings.selection === 'round-robin' ? this.cursor : 0;
    for (let i = 0; i < n; i++) {
      const number = this.list[(from + i) % n];
      if (number === undefined) continue;
      const r = this.byNumber.get(number);
      if (r === undefined || !isActive(r, now)) return number;
    }
    return null;
  }

  private findReuseCandidate(now: number): E164 | null {
    if (this.settings.reuse === 'first') return this.list[0] ?? null;
    let oldest: Reservation | undefined;
    for (const number of this.list) {
      const r = this.byNumber.get(number);
      if (r !== undefined && isActive(r, now) && (oldest === undefined || r.start < oldest.start)) oldest = r;
    }
    return oldest?.number ?? null;
  }

  private store(now: number, number: E164, userId: string): Reservation {
    const reservation: Reservation = {
      policy: this.policy,
      number,
      userId,
      start: now,
      expiresAt: now + this.settings.reservationMs,
    };
    this.byNumber.set(number, reservation);
    this.byUser.set(userId, reservation);
    return reservation;
  }

  private drop(r: Reservation): void {
    this.byNumber.delete(r.number);
    if (this.byUser.get(r.userId) === r) this.byUser.delete(r.userId);
  }

  private reportCount(at: number): void {
    this.observer.onReservedCount(at, this.policy, this.byNumber.size, this.list.length);
  }
}

function isActive(r: Reservation, now: number): boolean {
  return now >= r.start && now < r.expiresAt;
}

function checkedList(numbers: readonly E164[]): E164[] {
  const seen = new Set<E164>();
  for (const n of numbers) {
    if (seen.has(n)) throw new Error(`${n} is listed twice in one callback pool.`);
    seen.add(n);
  }
  return [...numbers];
}
