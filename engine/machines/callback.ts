/**
 * Callback: the emergency service calls the callback number back (docs/rules.md §3, CBK001-CBK004).
 *
 * The runtime looks up, when the callback arrives, whether the number is the resource account's
 * own and who holds an active reservation on it; the machine decides where the call goes. The
 * safety figure of a callback pool counts every output whose `reachedCaller` is false.
 */
import { setup } from 'xstate';
import type { E164 } from '../tenant/index.js';
import { callOutput, type CallbackOutcome, type CallOutput } from './outcome.js';

/** CBK002 setting: where a callback to a number with no active reservation goes. */
export type CallbackWithoutReservation = 'auto-attendant' | 'not-in-service';

/** The facts of one callback, as they stand when the emergency service dials. */
export interface CallbackCallInput {
  /** The callback number the emergency service dials (the one presented on the emergency call). */
  dialledNumber: E164;
  /** ObjectId of the user who made the emergency call being called back. */
  emergencyCallerId: string;
  /** The number is the resource account's own (EMG005), not one of the policy's emergency numbers. */
  isResourceAccountNumber: boolean;
  /** ObjectId of the user holding an active reservation on the number now, or null (expired, never). */
  reservationHolderId: string | null;
  /** Where a callback without a reservation goes (CBK002 setting; default auto attendant). */
  callbackWithoutReservation: CallbackWithoutReservation;
  /** Whether the person whose phone rings answers it (a workload probability, drawn per callback). */
  answered: boolean;
}

/** Where the callback ended up. */
export type CallbackDestination = 'caller' | 'callerDidNotAnswer' | 'otherUser' | 'autoAttendant' | 'notInService';

export interface CallbackDetails {
  /** The person who made the emergency call answered the callback. */
  reachedCaller: boolean;
  destination: CallbackDestination;
  /** The user whose phone rang (the reservation holder), or null when no user rang. */
  rangUserId: string | null;
  dialledNumber: E164;
}

export type CallbackCallOutput = CallOutput<'callback', CallbackOutcome, CallbackDetails>;

/**
 * Callbacks have no events from outside: every decision is taken when the call arrives.
 * xstate needs an event type: this one is never sent (with `never`, the machine would not be
 * assignable to AnyStateMachine, which a generic driver takes).
 */
export type CallbackEvent = { type: 'callback.none' };

export interface CallbackContext {
  facts: CallbackCallInput;
}

function callbackOutput(outcome: CallbackOutcome, destination: CallbackDestination, because: string) {
  return ({ context }: { context: CallbackContext }): CallbackCallOutput => {
    const rangUserId =
      destination === 'caller' || destination === 'callerDidNotAnswer' || destination === 'otherUser'
        ? context.facts.reservationHolderId
        : null;
    const who = rangUserId === null ? '' : ` (${rangUserId})`;
    return callOutput('callback', outcome, `${because}${who}.`, {
      reachedCaller: destination === 'caller',
      destination,
      rangUserId,
      dialledNumber: context.facts.dialledNumber,
    });
  };
}

export const callbackMachine = setup({
  types: {
    context: {} as CallbackContext,
    input: {} as CallbackCallInput,
    events: {} as CallbackEvent,
    output: {} as CallbackCallOutput,
  },
  guards: {
    dialsResourceAccountNumber: ({ context }) => context.facts.isResourceAccountNumber,
    numberHasNoReservation: ({ context }) => context.facts.reservationHolderId === null,
    unreservedNumbersGoToAttendant: ({ context }) =>
      context.facts.callbackWithoutReservation === 'auto-attendant',
    reservationHeldByCaller: ({ context }) =>
      context.facts.reservationHolderId === context.facts.emergencyCallerId,
    callerAnswers: ({ context }) => context.facts.answered,
  },
}).createMachine({
  id: 'callback',
  context: ({ input }) => ({ facts: input }),
  initial: 'routing',
  states: {
    routing: {
      always: [
        { guard: 'dialsResourceAccountNumber', target: 'reachedAutoAttendantViaAccountNumber' },
        { guard: 'numberHasNoReservation', target: 'noReservation' },
        { guard: 'reservationHeldByCaller', target: 'ringingCaller' },
        { target: 'misrouted' },
      ],
    },
    ringingCaller: {
      always: [{ guard: 'callerAnswers', target: 'reachedCaller' }, { target: 'callerDidNotAnswer' }],
    },
    noReservation: {
      always: [
        { guard: 'unreservedNumbersGoToAttendant', target: 'unreservedToAutoAttendant' },
        { target: 'unreservedNotInService' },
      ],
    },
    reachedCaller: {
      type: 'final',
      output: callbackOutput('CBK001', 'caller', 'reservation active: rings the user who made the emergency call, who answers: reached'),
    },
    callerDidNotAnswer: {
      type: 'final',
      output: callbackOutput('CBK004', 'callerDidNotAnswer', 'reservation active: rings the user who made the emergency call, who does not answer: not reached'),
    },
    misrouted: {
      type: 'final',
      output: callbackOutput('CBK001', 'otherUser', "misrouted: another user holds the number's active reservation (the caller's was displaced or had ended) and is rung"),
    },
    unreservedToAutoAttendant: {
      type: 'final',
      output: callbackOutput('CBK002', 'autoAttendant', "no active reservation on the number: goes to the resource account's auto attendant"),
    },
    unreservedNotInService: {
      type: 'final',
      output: callbackOutput('CBK002', 'notInService', 'no active reservation on the number: not in service'),
    },
    reachedAutoAttendantViaAccountNumber: {
      type: 'final',
      output: callbackOutput('CBK003', 'autoAttendant', "callback to the resource account's own number (EMG005): reaches the auto attendant, not the caller"),
    },
  },
  // Each final state builds its own CallbackCallOutput; xstate hands it up in the done event.
  output: ({ event }) => event.output as CallbackCallOutput,
});
