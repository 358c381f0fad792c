/**
 * Outbound call: a Shared Calling user dials a PSTN number (docs/rules.md §3, OUT001-OUT007).
 *
 * Every fact the machine needs is resolved by the runtime when the call starts (licences,
 * effective policies, the credit balance and channels in use at that moment, sampled ring and
 * talk times) and arrives as input; the decisions are named guards, taken in the order of
 * OUT002, OUT003, OUT002, OUT004, OUT005, OUT006, OUT007. What the call does to shared state
 * leaves as effects: `seizeChannel` / `releaseChannel` around every call that goes out (the
 * runtime counts the resource account's channels in use), and `debitCredits` at call end when
 * Microsoft bills the call.
 */
import { assign, setup } from 'xstate';
import type { CallingPlanUsage, CountryCode, E164, NumberType } from '../tenant/index.js';
import { callerNotVoiceEnabled, callerRoutesOwnCalls, type PstnCallerFacts } from './caller.js';
import { runtimeEffect, type Change } from './effect.js';
import { callOutput, type CallOutput, type OutboundOutcome } from './outcome.js';

/** The prompt a caller hears when the resource account is not funded (OUT005, RA002/RA003). */
export const NOT_SET_UP_PROMPT = 'You are not set up to use this calling feature';

/** The facts of one outbound call, as they stand when the user dials. */
export interface OutboundCallInput {
  /** The user who dials. */
  caller: PstnCallerFacts;
  /** The user's effective Shared Calling policy (GRT001). */
  sharedCallingPolicy: {
    identity: string;
    /** ObjectId of its resource account; null for a policy without one (an empty Global). */
    resourceAccountId: string | null;
  };
  /** The policy's resource account; ignored when the policy has none. */
  resourceAccount: {
    /** Its phone number, or null when it was removed or ported (OUT004, RA007). */
    number: {
      telephoneNumber: E164;
      numberType: NumberType;
      /** Calling Plan numbers only; null otherwise. */
      callingPlanUsage: CallingPlanUsage | null;
    } | null;
    /** Holds a Pay-As-You-Go Calling Plan licence (RA002). */
    payAsYouGoLicensed: boolean;
    /** Holds a Communications Credits licence (RA003). */
    communicationsCreditsLicensed: boolean;
  };
  /** The tenant's Communications Credits at call start. */
  credits: {
    /** Post-paid overage instead of prepaid credits: no balance check, billed as overage. */
    postpaidOverage: boolean;
    /** Balance at call start, in the tenant's currency. */
    balance: number;
  };
  /** Concurrent call channels of the resource account (OUT007, a setting off by default). */
  channels: {
    /** At most this many calls at once; null means no cap. */
    cap: number | null;
    /** Calls the resource account carries when this one starts. */
    inUse: number;
  };
  /** The number dialled. */
  destination: {
    telephoneNumber: E164;
    country: CountryCode;
    /** Rate per minute for that country from the scenario's rate table. */
    ratePerMinute: number;
  };
  /** What the far end does, sampled by the workload. */
  farEnd: {
    answers: boolean;
    /** Time from dialling to answer (or to giving up when no one answers), ms. */
    ringMs: number;
    /** Time from answer to hang-up, ms; unused when the far end does not answer. */
    talkMs: number;
  };
}

/** Who pays for a connected call: prepaid credits, post-paid overage, or not Microsoft (null). */
export type OutboundFunding = 'communicationsCredits' | 'postpaidOverage' | null;

export interface OutboundDetails {
  /** The caller ID presented: the resource account number (OUT001); null when the call failed. */
  callerId: E164 | null;
  answered: boolean;
  /** Minutes charged to the shared account (talk time rounded up); 0 when not billed. */
  billedMinutes: number;
  fundedBy: OutboundFunding;
  /** OUT005 only: what the caller hears. */
  prompt: string | null;
}

export type OutboundCallOutput = CallOutput<'outbound', OutboundOutcome, OutboundDetails>;

/** Parameters of the `debitCredits` effect. */
export interface DebitCreditsParams {
  /** Talk time rounded up to whole minutes. */
  minutes: number;
  ratePerMinute: number;
  /** minutes × ratePerMinute, in the tenant's currency. */
  amount: number;
  /** Prepaid credits are debited; post-paid overage is billed but leaves the balance alone. */
  fundedBy: 'communicationsCredits' | 'postpaidOverage';
  destinationCountry: CountryCode;
}

/** Parameters of `seizeChannel` / `releaseChannel`. */
export interface ChannelParams {
  resourceAccountId: string;
}

/**
 * Outbound calls have no events from outside (ring and talk times arrive as input);
 * only their own delayed `after` events move them.
 * xstate needs an event type: this one is never sent (with `never`, the machine would not be
 * assignable to AnyStateMachine, which a generic driver takes).
 */
export type OutboundEvent = { type: 'outbound.none' };

export interface OutboundContext {
  facts: OutboundCallInput;
  answered: boolean;
}

const MINUTE_MS = 60_000;

function isCallingPlanServiceNumber(facts: OutboundCallInput): boolean {
  const number = facts.resourceAccount.number;
  return number !== null && number.numberType === 'CallingPlan' && number.callingPlanUsage !== 'Subscriber';
}

function fundingOf(facts: OutboundCallInput): OutboundFunding {
  if (!isCallingPlanServiceNumber(facts)) return null;
  return facts.credits.postpaidOverage ? 'postpaidOverage' : 'communicationsCredits';
}

function billedMinutesOf(context: OutboundContext): number {
  if (!context.answered || fundingOf(context.facts) === null) return 0;
  return Math.ceil(context.facts.farEnd.talkMs / MINUTE_MS);
}

function debitParams({ context }: { context: OutboundContext }): DebitCreditsParams {
  const minutes = billedMinutesOf(context);
  const ratePerMinute = context.facts.destination.ratePerMinute;
  return {
    minutes,
    ratePerMinute,
    amount: minutes * ratePerMinute,
    fundedBy: context.facts.credits.postpaidOverage ? 'postpaidOverage' : 'communicationsCredits',
    destinationCountry: context.facts.destination.country,
  };
}

/** The context changes of the outbound machine, as plain functions every executor runs. */
export const outboundChanges = {
  markAnswered: ((_context: OutboundContext) => ({ answered: true })) satisfies Change<OutboundContext>,
};

function channelParams({ context }: { context: OutboundContext }): ChannelParams {
  // Only reached past the policyHasNoResourceAccount guard, so the id is present.
  return { resourceAccountId: context.facts.sharedCallingPolicy.resourceAccountId ?? '' };
}

function failed(outcome: OutboundOutcome, because: string, prompt: string | null = null) {
  return (): OutboundCallOutput =>
    callOutput('outbound', outcome, because, {
      callerId: null,
      answered: false,
      billedMinutes: 0,
      fundedBy: null,
      prompt,
    });
}

function completed({ context }: { context: OutboundContext }): OutboundCallOutput {
  const callerId = context.facts.resourceAccount.number?.telephoneNumber ?? null;
  const answered = context.answered;
  return callOutput(
    'outbound',
    'OUT001',
    `${answered ? 'connected' : 'not answered by the far end'}; caller ID is the resource account number ${callerId ?? ''}.`,
    {
      callerId,
      answered,
      billedMinutes: billedMinutesOf(context),
      fundedBy: fundingOf(context.facts),
      prompt: null,
    },
  );
}

export const outboundMachine = setup({
  types: {
    context: {} as OutboundContext,
    input: {} as OutboundCallInput,
    events: {} as OutboundEvent,
    output: {} as OutboundCallOutput,
  },
  guards: {
    callerNotVoiceEnabled: ({ context }) => callerNotVoiceEnabled(context.facts.caller),
    callerRoutesOwnCalls: ({ context }) => callerRoutesOwnCalls(context.facts.caller),
    policyHasNoResourceAccount: ({ context }) => context.facts.sharedCallingPolicy.resourceAccountId === null,
    resourceAccountHasNoNumber: ({ context }) => context.facts.resourceAccount.number === null,
    serviceNumberNotFunded: ({ context }) => {
      const { facts } = context;
      if (!isCallingPlanServiceNumber(facts)) return false;
      const funded =
        facts.resourceAccount.communicationsCreditsLicensed || facts.credits.postpaidOverage;
      return !facts.resourceAccount.payAsYouGoLicensed || !funded;
    },
    creditsExhausted: ({ context }) =>
      fundingOf(context.facts) === 'communicationsCredits' && context.facts.credits.balance <= 0,
    channelCapReached: ({ context }) =>
      context.facts.channels.cap !== null && context.facts.channels.inUse >= context.facts.channels.cap,
    farEndAnswers: ({ context }) => context.facts.farEnd.answers,
    callIsBilled: ({ context }) => billedMinutesOf(context) > 0,
  },
  actions: {
    markAnswered: assign(({ context }) => outboundChanges.markAnswered(context)),
    seizeChannel: runtimeEffect<ChannelParams>(),
    releaseChannel: runtimeEffect<ChannelParams>(),
    debitCredits: runtimeEffect<DebitCreditsParams>(),
  },
  delays: {
    ringTime: ({ context }) => context.facts.farEnd.ringMs,
    talkTime: ({ context }) => context.facts.farEnd.talkMs,
  },
}).createMachine({
  id: 'outbound',
  context: ({ input }) => ({ facts: input, answered: false }),
  initial: 'checkingCaller',
  states: {
    checkingCaller: {
      always: [
        { guard: 'callerNotVoiceEnabled', target: 'notSharedCallingUser' },
        { guard: 'callerRoutesOwnCalls', target: 'routedByOwnRouting' },
        { guard: 'policyHasNoResourceAccount', target: 'noResourceAccount' },
        { guard: 'resourceAccountHasNoNumber', target: 'noResourceAccountNumber' },
        { guard: 'serviceNumberNotFunded', target: 'notFunded' },
        { guard: 'creditsExhausted', target: 'noCredits' },
        { guard: 'channelCapReached', target: 'allChannelsBusy' },
        { target: 'ringing', actions: { type: 'seizeChannel', params: channelParams } },
      ],
    },
    ringing: {
      after: {
        ringTime: [{ guard: 'farEndAnswers', target: 'talking', actions: 'markAnswered' }, { target: 'hangingUp' }],
      },
    },
    talking: {
      after: {
        talkTime: [
          { guard: 'callIsBilled', target: 'hangingUp', actions: { type: 'debitCredits', params: debitParams } },
          { target: 'hangingUp' },
        ],
      },
    },
    hangingUp: {
      always: { target: 'completed', actions: { type: 'releaseChannel', params: channelParams } },
    },
    completed: { type: 'final', output: completed },
    notSharedCallingUser: {
      type: 'final',
      output: failed('OUT002', 'not a Shared Calling user: no Teams Phone licence or not Enterprise Voice enabled (USR001/USR002); call fails.'),
    },
    routedByOwnRouting: {
      type: 'final',
      output: failed('OUT003', "routed by the user's own number (USR003) or voice routing policy with PSTN usages (USR004): not Shared Calling, not billed to the shared account."),
    },
    noResourceAccount: {
      type: 'final',
      output: failed('OUT002', 'not a Shared Calling user: the effective Shared Calling policy has no resource account (USR008); call fails.'),
    },
    noResourceAccountNumber: {
      type: 'final',
      output: failed('OUT004', 'the resource account has no phone number (removed or ported, RA007); call fails.'),
    },
    notFunded: {
      type: 'final',
      output: failed('OUT005', `Calling Plan service number without a Pay-As-You-Go licence or Communications Credits (RA002/RA003): the caller hears "${NOT_SET_UP_PROMPT}"; call fails.`, NOT_SET_UP_PROMPT),
    },
    noCredits: {
      type: 'final',
      output: failed('OUT006', 'Communications Credits balance is zero or below; call fails.'),
    },
    allChannelsBusy: {
      type: 'final',
      output: failed('OUT007', 'every channel of the resource account is in use (channel cap); call fails.'),
    },
  },
  // Each final state builds its own OutboundCallOutput; xstate hands it up in the done event.
  output: ({ event }) => event.output as OutboundCallOutput,
});
