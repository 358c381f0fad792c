/**
 * Pay-As-You-Go Communications Credits as a Container with a level (SimPy's `Container`): calls
 * take from it at their end, auto-recharge and the administrator put into it. docs/rules.md,
 * "Billing" under section 3, and facts.md section 4.
 *
 * The ledger keeps the balance; it decides nothing about an outbound call. Whether one may start
 * (OUT006) and what it costs are the outbound machine's guard `creditsExhausted` and its
 * `debitCredits` effect (engine/machines/outbound.ts), which engine/calls/outbound.ts carries out
 * with `debit`. Toll-free inbound calls are charged here (`tollFreeInboundCharge`), since the
 * inbound machine only says when to bill.
 */
import type { CommunicationsCredits, CountryCode } from '../tenant/index.js';
import type { RandomStream } from './random-stream.js';

/** Why money left the balance, so metrics can split spending by call kind. */
export type DebitReason = 'outbound' | 'tollFreeInbound' | 'emergency' | 'other';

/**
 * Hooks for metrics (Ciw's StateTracker): every method is optional and defaults to a no-op.
 * `now` is integer simulated milliseconds; `balance` is the level after the change.
 */
export interface CreditsObserver {
  onDebit(now: number, amount: number, reason: DebitReason, balance: number): void;
  onRecharge(now: number, amount: number, balance: number): void;
  /** A recharge was attempted and failed (expired card and the like); the balance is unchanged. */
  onRechargeFailed(now: number, amount: number, balance: number): void;
  onFundsAdded(now: number, amount: number, balance: number): void;
  /** Every change of the level, for a time-weighted series of the balance. */
  onBalance(now: number, balance: number): void;
}

const NO_CREDITS_OBSERVER: CreditsObserver = {
  onDebit() {},
  onRecharge() {},
  onRechargeFailed() {},
  onFundsAdded() {},
  onBalance() {},
};

const MS_PER_MINUTE = 60_000;

/**
 * Billed minutes of a connected call: its duration rounded **up** to whole minutes. A connected
 * call of 0 ms is 0 minutes (nothing was carried); any positive duration is at least 1 minute.
 * Raise RangeError if *durationMs* is negative or not finite.
 */
export function billedMinutes(durationMs: number): number {
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new RangeError('"durationMs" must be a finite number >= 0.');
  }
  return Math.ceil(durationMs / MS_PER_MINUTE);
}

/**
 * What a connected call costs: billed minutes times *ratePerMinute*. Unanswered calls are not
 * charged: the caller simply does not call this for them.
 * Raise RangeError if *ratePerMinute* is negative or not finite.
 */
export function chargeForCall(durationMs: number, ratePerMinute: number): number {
  if (!Number.isFinite(ratePerMinute) || ratePerMinute < 0) {
    throw new RangeError('"ratePerMinute" must be a finite number >= 0.');
  }
  return roundMoney(billedMinutes(durationMs) * ratePerMinute);
}

/**
 * The per-minute rate to a destination country; countries not in the table pay `default`.
 * Raise RangeError if neither is in the table (a free call would hide a broken rate table).
 */
export function ratePerMinute(credits: CommunicationsCredits, country: CountryCode): number {
  // Own keys only: a destination named `constructor` must not find Object.prototype.constructor.
  const table = credits.ratesPerMinute;
  const rate = Object.hasOwn(table, country) ? table[country] : Object.hasOwn(table, 'default') ? table.default : undefined;
  if (rate === undefined) throw new RangeError(`No rate for ${country} and no "default" rate in the rate table.`);
  return rate;
}

/**
 * NOTE: money is kept to 6 decimal places after every change, so that sums of rates such as
 * 0.1 do not drift (0.1 * 3 is 0.30000000000000004 in binary floating point) and a balance
 * compares exactly with a threshold. Six places is finer than any currency's minor unit.
 */
function roundMoney(amount: number): number {
  return Math.round(amount * 1e6) / 1e6;
}

function checkAmount(name: string, amount: number, allowZero: boolean): void {
  if (!Number.isFinite(amount) || amount < 0 || (!allowZero && amount === 0)) {
    throw new RangeError(`"${name}" must be a finite number ${allowZero ? '>=' : '>'} 0.`);
  }
}

/**
 * The tenant's Communications Credits balance during a run.
 *
 * Auto-recharge works per crossing of the threshold: when the balance falls below it, one
 * recharge is attempted, and no other until the balance is back at or above the threshold
 * (after a recharge, funds added by hand) or the settings are reconfigured. So a failed
 * recharge (an expired card) stays failed and the balance drains towards OUT006, which is what
 * the failure probability is there to show; and a recharge that does not reach the threshold
 * is not repeated in a loop.
 */
export class CreditsLedger {
  private settings: CommunicationsCredits;
  private level: number;
  private readonly rechargeStream: RandomStream;
  private readonly observer: CreditsObserver;
  /** Whether falling below the threshold may trigger a recharge (see the class comment). */
  private rechargeArmed = true;

  /**
   * A ledger that starts at the tenant's balance. *credits* is copied, never changed: the tenant
   * stays plain configuration, and the running balance lives here. *rechargeStream* decides
   * whether each recharge attempt fails. Call `settle(start)` once before the first call, so a
   * starting balance below the threshold is recharged.
   */
  constructor(credits: CommunicationsCredits, rechargeStream: RandomStream, observer: Partial<CreditsObserver> = {}) {
    this.settings = structuredClone(credits);
    this.level = roundMoney(credits.balance);
    this.rechargeStream = rechargeStream;
    this.observer = { ...NO_CREDITS_OBSERVER, ...observer };
  }

  /** The current balance, in the tenant's currency; negative after a call that ran past zero. */
  get balance(): number {
    return this.level;
  }

  /** The settings in force (rates, auto-recharge, overage), as last configured. */
  get credits(): Readonly<CommunicationsCredits> {
    return this.settings;
  }

  /**
   * Whether an inbound call to a toll-free service number may be answered: toll-free usage is
   * always paid from Communications Credits and needs a positive balance (RA012), overage or not.
   */
  canAcceptTollFreeCall(): boolean {
    return this.level > 0;
  }

  /** The charge of an answered inbound call to a toll-free service number. */
  tollFreeInboundCharge(durationMs: number): number {
    return chargeForCall(durationMs, this.settings.tollFreeInboundRatePerMinute);
  }

  /**
   * Take *amount* at the end of a call, kept to 6 decimal places like the balance (an outbound
   * call's charge comes from its machine as minutes times the rate, 3 x 0.1 being
   * 0.30000000000000004 in floating point). The balance may go below zero: a call in progress is
   * not cut off. A debit that takes the balance below the auto-recharge threshold triggers one
   * recharge attempt (see the class comment). A zero amount changes nothing and is not
   * reported. Raise RangeError if *amount* is negative or not finite.
   */
  debit(now: number, amount: number, reason: DebitReason): void {
    checkAmount('amount', amount, true);
    const charged = roundMoney(amount);
    if (charged === 0) return;
    this.level = roundMoney(this.level - charged);
    this.observer.onDebit(now, charged, reason, this.level);
    this.observer.onBalance(now, this.level);
    this.settle(now);
  }

  /** Credit bought by hand. Raise RangeError if *amount* is not a finite number > 0. */
  addFunds(now: number, amount: number): void {
    checkAmount('amount', amount, false);
    this.level = roundMoney(this.level + amount);
    this.observer.onFundsAdded(now, amount, this.level);
    this.observer.onBalance(now, this.level);
    this.rearmIfAtThreshold();
  }

  /**
   * New settings from a timeline cmdlet. The running balance is kept: the tenant's `balance`
   * is the starting balance only (funds are added with `addFunds`). New settings re-arm the
   * auto-recharge; call `settle(now)` afterwards so a balance already below the new threshold
   * is recharged at once rather than at the next debit.
   */
  reconfigure(credits: CommunicationsCredits): void {
    this.settings = structuredClone(credits);
    this.rechargeArmed = true;
  }

  /**
   * Attempt the recharge a balance below the threshold is owed, if auto-recharge is set and
   * armed: at the start of a run, after `reconfigure`, and after every debit.
   */
  settle(now: number): void {
    const recharge = this.settings.autoRecharge;
    if (recharge === null || !this.rechargeArmed || this.level >= recharge.threshold) return;
    this.rechargeArmed = false;
    // NOTE: one draw per attempt whatever the probability, so that changing the failure
    // probability in a what-if run does not shift the stream (common random numbers).
    const draw = this.rechargeStream.next();
    if (draw < recharge.failureProbability) {
      this.observer.onRechargeFailed(now, recharge.amount, this.level);
      return;
    }
    this.level = roundMoney(this.level + recharge.amount);
    this.observer.onRecharge(now, recharge.amount, this.level);
    this.observer.onBalance(now, this.level);
    this.rearmIfAtThreshold();
  }

  private rearmIfAtThreshold(): void {
    const recharge = this.settings.autoRecharge;
    if (recharge === null || this.level >= recharge.threshold) this.rechargeArmed = true;
  }
}
