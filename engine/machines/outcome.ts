/**
 * What every call machine's final state hands back: the one docs/rules.md §3 outcome that decided
 * the call, a reason a person can read (starting with that outcome ID, so it can be looked up in
 * docs/rules.md and asserted on), and details particular to the kind of call.
 */
import type { RuleId } from '../tenant/index.js';

/**
 * `queue`: the leg of an inbound call after an attendant (or a queue) sent it to a call queue or
 * another attendant's resource account; the call's record then has this kind.
 */
export type CallKind = 'inbound' | 'outbound' | 'emergency' | 'callback' | 'queue';

/** The §3 outcome IDs a call of each kind can end with. */
export const CALL_OUTCOME_IDS = {
  outbound: ['OUT001', 'OUT002', 'OUT003', 'OUT004', 'OUT005', 'OUT006', 'OUT007'],
  inbound: ['INB001', 'INB010', 'INB011', 'INB012', 'INB013', 'INB014', 'INB015', 'INB016', 'INB017', 'INB018', 'INB019', 'INB020', 'CQ025'],
  emergency: ['EMG001', 'EMG003', 'EMG004', 'EMG005', 'EMG007', 'EMG008', 'EMG009', 'EMG010', 'EMG011', 'EMG012', 'EMG013'],
  callback: ['CBK001', 'CBK002', 'CBK003', 'CBK004'],
  queue: ['CQ020', 'CQ021', 'CQ022', 'CQ023', 'CQ024', 'CQ026', 'CQ027'],
} as const satisfies Record<CallKind, readonly RuleId[]>;

export type OutboundOutcome = (typeof CALL_OUTCOME_IDS.outbound)[number];
export type InboundOutcome = (typeof CALL_OUTCOME_IDS.inbound)[number];
export type EmergencyOutcome = (typeof CALL_OUTCOME_IDS.emergency)[number];
export type CallbackOutcome = (typeof CALL_OUTCOME_IDS.callback)[number];
export type QueueOutcome = (typeof CALL_OUTCOME_IDS.queue)[number];

/**
 * Outcomes that end a leg, never a call: the call goes on as a `queue` call, so no record ends
 * with one and no figure counts it (CQ025).
 */
export const HAND_OFF_OUTCOMES = ['CQ025'] as const satisfies readonly RuleId[];

/** Emergency calls that failed the person who made them: the safety figure `emergency.failed`. */
export const FAILED_EMERGENCY_OUTCOMES = ['EMG009', 'EMG010', 'EMG011', 'EMG012'] as const satisfies readonly EmergencyOutcome[];

/** Emergency outcomes that are not real emergency calls: an ordinary outbound call (EMG001), a test call (EMG013). */
export const NOT_EMERGENCY_OUTCOMES = ['EMG001', 'EMG013'] as const satisfies readonly EmergencyOutcome[];

/** The output of a finished call. */
export interface CallOutput<Kind extends CallKind, Outcome extends RuleId, Details> {
  callKind: Kind;
  /** Exactly one docs/rules.md §3 outcome ID. */
  outcome: Outcome;
  /** Starts with `outcome`, e.g. "OUT006: Communications Credits balance is 0 or below; call fails." */
  reason: string;
  details: Details;
}

/** Builds an output whose reason starts with its outcome ID. */
export function callOutput<Kind extends CallKind, Outcome extends RuleId, Details>(
  callKind: Kind,
  outcome: Outcome,
  because: string,
  details: Details,
): CallOutput<Kind, Outcome, Details> {
  return { callKind, outcome, reason: `${outcome}: ${because}`, details };
}
