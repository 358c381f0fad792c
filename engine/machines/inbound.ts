/**
 * Inbound call: a PSTN caller dials the shared number (docs/rules.md §3, INB001-INB020; CQ025
 * when the attendant sends the call to a call queue or another attendant, where the runtime
 * carries it on).
 *
 * The runtime resolves at call start the auto attendant behind the number, which call flow is in
 * effect (holiday, after hours or business hours, in the attendant's time zone), and what the
 * caller will do: a script of inputs made in order, with the directory's answer already attached
 * to each search. The machine plays the greeting and the menu, waits for each input, and decides
 * in named guards what the input does. Announcements play and return to the menu. `*` and `#`
 * replay the menu without counting as a failed attempt [choice]: they are valid requests, and a
 * finite script cannot loop forever because running out of script is no input. No input (also an
 * input that would come at or after the input timeout) and invalid input count; after
 * `maxMenuAttempts` of them the call goes to the operator if one is set, else it is disconnected
 * (INB014). A menu key for the operator goes to the operator (INB011) even when none is set (the
 * target is then null) [choice]: such a key is a configuration error, not a caller error.
 *
 * Every output records the call flow that ran (INB002/INB003/INB004) in `details.flow`, since every
 * call also counts in the flow counts.
 */
import { assign, setup } from 'xstate';
import type { CallTarget, DirectorySearchMethod, MenuOptionAction } from '../tenant/index.js';
import { hangUpOnSharedNumber, runtimeEffect, type Change } from './effect.js';
import { callOutput, type CallOutput, type InboundOutcome } from './outcome.js';

/** The call flows an attendant runs, in precedence order (INB002 > INB003 > INB004). */
export type CallFlowInEffect = 'holiday' | 'afterHours' | 'businessHours';
export type CallFlowOutcome = 'INB002' | 'INB003' | 'INB004';

export const CALL_FLOW_OUTCOME: Readonly<Record<CallFlowInEffect, CallFlowOutcome>> = {
  holiday: 'INB002',
  afterHours: 'INB003',
  businessHours: 'INB004',
};

/** One menu option (New-CsAutoAttendantMenuOption) with how long its announcement plays. */
export interface InboundMenuOption {
  /** "0".."9" (AA001). */
  key: string;
  action: MenuOptionAction;
  /**
   * TransferCallToTarget only: a User target is a transfer to a person (INB010), an
   * ApplicationEndpoint one to a call queue or attendant (CQ025), any other a redirect (INB015).
   */
  target: CallTarget | null;
  /** Announcement only: how long it plays before the menu returns, ms. */
  announcementMs: number;
}

export interface InboundMenu {
  /** How long the menu prompt plays, ms. */
  promptMs: number;
  options: InboundMenuOption[];
  /** Which directory search the menu offers; a search of another kind is invalid input. */
  directorySearch: DirectorySearchMethod;
}

/** What the call flow does after its greeting. */
export type InboundFlowAction =
  | { kind: 'disconnect' }
  /** To a person (INB010) or to another attendant, an external number or voicemail (INB015). */
  | { kind: 'redirect'; target: CallTarget }
  | { kind: 'menu'; menu: InboundMenu };

/** The auto attendant behind the dialled number, with the call flow in effect at call start. */
export interface InboundAttendant {
  id: string;
  /** Computed by the runtime in the attendant's time zone. */
  flowInEffect: CallFlowInEffect;
  callFlow: {
    name: string;
    /** How long the greeting plays, ms (0 for none). */
    greetingMs: number;
    action: InboundFlowAction;
  };
  /** The operator (key 0 by default), or null when none is set. */
  operator: CallTarget | null;
  /** No or invalid inputs before the call gives up (INB014; 3 by default [choice, setting]). */
  maxMenuAttempts: number;
  /** How long the menu waits for input after its prompt, ms. */
  inputTimeoutMs: number;
}

/**
 * One thing the caller does at the menu. Each input comes `afterMs` after the menu prompt ends;
 * `noInput`, or an input at or after the input timeout, waits out the timeout and counts as no
 * input.
 */
export type CallerInput =
  /** A key press: an option's key, `*` or `#` (replay), or an unmapped key (invalid). */
  | { kind: 'key'; key: string; afterMs: number }
  | { kind: 'noInput' }
  /** Dial by name, with the directory's answer: matches left after the dial scope, and who was picked. */
  | { kind: 'dialByName'; afterMs: number; directory: { matchesAfterDialScope: number; target: string | null } }
  /** Dial by extension, with the directory's answer. */
  | {
      kind: 'dialByExtension';
      afterMs: number;
      directory: { found: boolean; inScope: boolean; target: string | null };
    };

/** The facts of one inbound call, as they stand when the caller dials. */
export interface InboundCallInput {
  /** The shared number dialled, as the tenant has it now. */
  number: {
    /** Still assigned to the resource account; false once removed or ported (RA007: INB018). */
    inService: boolean;
    /** A Calling Plan toll-free service number: billed per minute, and needs funds (RA012). */
    tollFree: boolean;
  };
  /** The Communications Credits balance can fund a toll-free call now (above zero; RA012, INB019). */
  tollFreeFunded: boolean;
  /** ObjectId of the resource account whose number was dialled: whose channels the call holds. */
  resourceAccountId: string;
  /** Concurrent call channels of the resource account (INB020, a setting off by default). */
  channels: { cap: number | null; inUse: number };
  /** The auto attendant behind the number, or null when the resource account has none (RA001). */
  attendant: InboundAttendant | null;
  /** What the caller will do at the menu, in order; once it runs out, the caller makes no input. */
  callerInputs: CallerInput[];
  /** A user the call is transferred to: how long their phone rings, and whether they answer. */
  transfer: {
    userAnswers: boolean;
    /** Until answer, or until the call goes to voicemail, ms. */
    ringMs: number;
    /** The conversation after the user answers, ms (sampled by the workload). */
    talkMs: number;
    /** Users this call can be transferred to who have voicemail (others' unanswered calls disconnect). */
    usersWithVoicemail: string[];
    /** How long a caller sent to voicemail leaves a message, ms. */
    voicemailMs: number;
  };
}

export interface InboundDetails {
  /** The call flow that ran; null when no attendant answered (INB001). */
  flow: CallFlowOutcome | null;
  attendantId: string | null;
  /** Where the call went: the user, the operator or the redirect target; null when it ended. */
  target: CallTarget | null;
  /** A transfer to a user (INB010, INB016, INB017): whether the user answered; null otherwise. */
  answered: boolean | null;
  /** No or invalid inputs counted before the call ended. */
  failedAttempts: number;
}

export type InboundCallOutput = CallOutput<'inbound', InboundOutcome, InboundDetails>;

/**
 * Inbound calls have no events from outside (the caller's inputs arrive as input);
 * only their own delayed `after` events move them.
 * xstate needs an event type: this one is never sent (with `never`, the machine would not be
 * assignable to AnyStateMachine, which a generic driver takes).
 */
export type InboundEvent = { type: 'inbound.none' };

/** The ways an answered inbound call ends: each is one final state, with its outcome. */
export type InboundEnding =
  | 'userAnswered'
  | 'voicemail'
  | 'userDidNotAnswer'
  | 'transferredToOperator'
  | 'tooManyNameMatches'
  | 'notFound'
  | 'noInputToOperator'
  | 'noInputDisconnected'
  | 'disconnectedByFlow'
  | 'disconnectedByMenu'
  | 'redirected'
  /** To a call queue or another attendant, by its resource account (CQ025): the call goes on there. */
  | 'handedOff';

/** Parameters of the inbound call's effects on shared state. */
export interface InboundChannelParams {
  resourceAccountId: string;
}

export interface InboundContext {
  facts: InboundCallInput;
  /** Index of the next scripted input. */
  nextInput: number;
  /** The input being handled. */
  input: CallerInput | null;
  failedAttempts: number;
  target: CallTarget | null;
  /** How the call ends, once decided; the hang-up then bills and releases before that final state. */
  ending: InboundEnding | null;
}

const NO_INPUT: CallerInput = { kind: 'noInput' };

function menuOf(context: InboundContext): InboundMenu | null {
  const action = context.facts.attendant?.callFlow.action;
  return action?.kind === 'menu' ? action.menu : null;
}

function selectedOption(context: InboundContext): InboundMenuOption | undefined {
  const input = context.input;
  if (input?.kind !== 'key') return undefined;
  return menuOf(context)?.options.find((o) => o.key === input.key);
}

function flowOf(context: InboundContext): CallFlowOutcome | null {
  const attendant = context.facts.attendant;
  return attendant === null ? null : CALL_FLOW_OUTCOME[attendant.flowInEffect];
}

function describeTarget(target: CallTarget | null): string {
  return target === null ? '' : ` ${target.type} ${target.id}`;
}

function inboundOutput(outcome: InboundOutcome, because: string, answered: boolean | null = null) {
  return ({ context }: { context: InboundContext }): InboundCallOutput => {
    const flow = flowOf(context);
    const flowNote = flow === null ? '' : ` (call flow ${flow})`;
    return callOutput('inbound', outcome, `${because}${describeTarget(context.target)}${flowNote}.`, {
      flow,
      attendantId: context.facts.attendant?.id ?? null,
      target: context.target,
      answered,
      failedAttempts: context.failedAttempts,
    });
  };
}

type TargetSource = 'flow' | 'option' | 'directory' | 'operator';

/** The context changes of the inbound machine, as plain functions every executor runs. */
export const inboundChanges = {
  takeCallerInput: ((context) => ({
    input: context.facts.callerInputs[context.nextInput] ?? NO_INPUT,
    nextInput: context.nextInput + 1,
  })) satisfies Change<InboundContext>,
  countFailedAttempt: ((context) => ({ failedAttempts: context.failedAttempts + 1 })) satisfies Change<InboundContext>,
  setTarget: ((context, params) => {
    const attendant = context.facts.attendant;
    const input = context.input;
    let target: CallTarget | null = null;
    if (params.from === 'flow') {
      const action = attendant?.callFlow.action;
      target = action?.kind === 'redirect' ? action.target : null;
    } else if (params.from === 'option') target = selectedOption(context)?.target ?? null;
    else if (params.from === 'operator') target = attendant?.operator ?? null;
    else if (input?.kind === 'dialByName' || input?.kind === 'dialByExtension') {
      target = input.directory.target === null ? null : { type: 'User', id: input.directory.target };
    }
    return { target };
  }) satisfies Change<InboundContext, { from: TargetSource }>,
  endAs: ((_context, params) => ({ ending: params.ending })) satisfies Change<InboundContext, { ending: InboundEnding }>,
};

function channelParams({ context }: { context: InboundContext }): InboundChannelParams {
  return { resourceAccountId: context.facts.resourceAccountId };
}

/** Every way an answered call ends, for the hang-up's dispatch to its final state. */
const ENDINGS: readonly InboundEnding[] = [
  'userAnswered',
  'voicemail',
  'userDidNotAnswer',
  'transferredToOperator',
  'tooManyNameMatches',
  'notFound',
  'noInputToOperator',
  'noInputDisconnected',
  'disconnectedByFlow',
  'disconnectedByMenu',
  'redirected',
  'handedOff',
];

/** A transition that decides how the call ends and hangs up (billing and channels first). */
function endAs(ending: InboundEnding, setTarget?: TargetSource) {
  const end = { type: 'endAs' as const, params: { ending } };
  return {
    target: 'hangingUp' as const,
    actions: setTarget === undefined ? [end] : [{ type: 'setTarget' as const, params: { from: setTarget } }, end],
  };
}

export const inboundMachine = setup({
  types: {
    context: {} as InboundContext,
    input: {} as InboundCallInput,
    events: {} as InboundEvent,
    output: {} as InboundCallOutput,
  },
  guards: {
    numberNotInService: ({ context }) => !context.facts.number.inService,
    tollFreeNotFunded: ({ context }) => context.facts.number.tollFree && !context.facts.tollFreeFunded,
    hasNoAttendant: ({ context }) => context.facts.attendant === null,
    channelCapReached: ({ context }) =>
      context.facts.channels.cap !== null && context.facts.channels.inUse >= context.facts.channels.cap,
    flowDisconnects: ({ context }) => context.facts.attendant?.callFlow.action.kind === 'disconnect',
    flowRedirectsToUser: ({ context }) => {
      const action = context.facts.attendant?.callFlow.action;
      return action?.kind === 'redirect' && action.target.type === 'User';
    },
    flowRedirects: ({ context }) => context.facts.attendant?.callFlow.action.kind === 'redirect',
    flowRedirectsToApplication: ({ context }) => {
      const action = context.facts.attendant?.callFlow.action;
      return action?.kind === 'redirect' && action.target.type === 'ApplicationEndpoint';
    },
    inputTransfersToApplication: ({ context }) => {
      const option = selectedOption(context);
      return option?.action === 'TransferCallToTarget' && option.target?.type === 'ApplicationEndpoint';
    },
    inputIsMissing: ({ context }) => {
      const input = context.input;
      if (input === null || input.kind === 'noInput') return true;
      // An input that would come after the timeout never arrives: the menu has moved on.
      return input.afterMs >= (context.facts.attendant?.inputTimeoutMs ?? 0);
    },
    inputIsReplayKey: ({ context }) =>
      context.input?.kind === 'key' && (context.input.key === '*' || context.input.key === '#'),
    inputSelects: ({ context }, params: { action: MenuOptionAction }) =>
      selectedOption(context)?.action === params.action,
    inputTransfersToUser: ({ context }) => {
      const option = selectedOption(context);
      return option?.action === 'TransferCallToTarget' && option.target?.type === 'User';
    },
    inputIsNameSearch: ({ context }) =>
      context.input?.kind === 'dialByName' && menuOf(context)?.directorySearch === 'ByName',
    inputIsExtensionSearch: ({ context }) =>
      context.input?.kind === 'dialByExtension' && menuOf(context)?.directorySearch === 'ByExtension',
    nameSearchTooBroad: ({ context }) =>
      context.input?.kind === 'dialByName' && context.input.directory.matchesAfterDialScope > 5,
    nameSearchFoundSomeone: ({ context }) =>
      context.input?.kind === 'dialByName' &&
      context.input.directory.matchesAfterDialScope > 0 &&
      context.input.directory.target !== null,
    extensionReachable: ({ context }) =>
      context.input?.kind === 'dialByExtension' &&
      context.input.directory.found &&
      context.input.directory.inScope &&
      context.input.directory.target !== null,
    attemptsExhausted: ({ context }) =>
      context.failedAttempts >= (context.facts.attendant?.maxMenuAttempts ?? 0),
    hasOperator: ({ context }) => (context.facts.attendant?.operator ?? null) !== null,
    userAnswers: ({ context }) => context.facts.transfer.userAnswers,
    userHasVoicemail: ({ context }) =>
      context.target?.type === 'User' && context.facts.transfer.usersWithVoicemail.includes(context.target.id),
    calledTollFreeNumber: ({ context }) => context.facts.number.tollFree,
    endsAs: ({ context }, params: { ending: InboundEnding }) => context.ending === params.ending,
  },
  actions: {
    takeCallerInput: assign(({ context }) => inboundChanges.takeCallerInput(context)),
    countFailedAttempt: assign(({ context }) => inboundChanges.countFailedAttempt(context)),
    setTarget: assign(({ context }, params: Parameters<typeof inboundChanges.setTarget>[1]) => inboundChanges.setTarget(context, params)),
    endAs: assign(({ context }, params: Parameters<typeof inboundChanges.endAs>[1]) => inboundChanges.endAs(context, params)),
    seizeChannel: runtimeEffect<InboundChannelParams>(),
    releaseChannel: runtimeEffect<InboundChannelParams>(),
    billTollFreeMinutes: runtimeEffect<InboundChannelParams>(),
  },
  delays: {
    greeting: ({ context }) => context.facts.attendant?.callFlow.greetingMs ?? 0,
    menuPrompt: ({ context }) => menuOf(context)?.promptMs ?? 0,
    callerInput: ({ context }) => {
      const next = context.facts.callerInputs[context.nextInput] ?? NO_INPUT;
      const timeout = context.facts.attendant?.inputTimeoutMs ?? 0;
      return next.kind === 'noInput' ? timeout : Math.min(next.afterMs, timeout);
    },
    announcement: ({ context }) => selectedOption(context)?.announcementMs ?? 0,
    userRing: ({ context }) => context.facts.transfer.ringMs,
    talkTime: ({ context }) => context.facts.transfer.talkMs,
    voicemailMessage: ({ context }) => context.facts.transfer.voicemailMs,
  },
}).createMachine({
  id: 'inbound',
  context: ({ input }) => ({ facts: input, nextInput: 0, input: null, failedAttempts: 0, target: null, ending: null }),
  initial: 'answering',
  states: {
    answering: {
      always: [
        { guard: 'numberNotInService', target: 'numberNotInService' },
        { guard: 'tollFreeNotFunded', target: 'tollFreeNotFunded' },
        { guard: 'hasNoAttendant', target: 'notAnswered' },
        { guard: 'channelCapReached', target: 'allChannelsBusy' },
        { target: 'greeting', actions: { type: 'seizeChannel', params: channelParams } },
      ],
    },
    greeting: { after: { greeting: 'followingCallFlow' } },
    followingCallFlow: {
      always: [
        { guard: 'flowDisconnects', ...endAs('disconnectedByFlow') },
        { guard: 'flowRedirectsToUser', target: 'transferringToUser', actions: { type: 'setTarget', params: { from: 'flow' } } },
        { guard: 'flowRedirectsToApplication', ...endAs('handedOff', 'flow') },
        { guard: 'flowRedirects', ...endAs('redirected', 'flow') },
        { target: 'playingMenu' },
      ],
    },
    playingMenu: { after: { menuPrompt: 'awaitingInput' } },
    awaitingInput: { after: { callerInput: { target: 'handlingInput', actions: 'takeCallerInput' } } },
    handlingInput: {
      always: [
        { guard: 'inputIsMissing', target: 'failedAttempt', actions: 'countFailedAttempt' },
        { guard: 'inputIsReplayKey', target: 'playingMenu' },
        { guard: { type: 'inputSelects', params: { action: 'Announcement' } }, target: 'announcing' },
        { guard: { type: 'inputSelects', params: { action: 'DisconnectCall' } }, ...endAs('disconnectedByMenu') },
        { guard: { type: 'inputSelects', params: { action: 'TransferCallToOperator' } }, ...endAs('transferredToOperator', 'operator') },
        { guard: 'inputTransfersToUser', target: 'transferringToUser', actions: { type: 'setTarget', params: { from: 'option' } } },
        { guard: 'inputTransfersToApplication', ...endAs('handedOff', 'option') },
        { guard: { type: 'inputSelects', params: { action: 'TransferCallToTarget' } }, ...endAs('redirected', 'option') },
        { guard: 'inputIsNameSearch', target: 'searchingByName' },
        { guard: 'inputIsExtensionSearch', target: 'searchingByExtension' },
        { target: 'failedAttempt', actions: 'countFailedAttempt' },
      ],
    },
    announcing: { after: { announcement: 'playingMenu' } },
    failedAttempt: {
      always: [{ guard: 'attemptsExhausted', target: 'givingUp' }, { target: 'playingMenu' }],
    },
    givingUp: {
      always: [{ guard: 'hasOperator', ...endAs('noInputToOperator', 'operator') }, endAs('noInputDisconnected')],
    },
    searchingByName: {
      always: [
        { guard: 'nameSearchTooBroad', ...endAs('tooManyNameMatches') },
        { guard: 'nameSearchFoundSomeone', target: 'transferringToUser', actions: { type: 'setTarget', params: { from: 'directory' } } },
        endAs('notFound'),
      ],
    },
    searchingByExtension: {
      always: [
        { guard: 'extensionReachable', target: 'transferringToUser', actions: { type: 'setTarget', params: { from: 'directory' } } },
        endAs('notFound'),
      ],
    },
    transferringToUser: {
      after: {
        userRing: [
          { guard: 'userAnswers', target: 'talking' },
          { guard: 'userHasVoicemail', target: 'leavingVoicemail' },
          endAs('userDidNotAnswer'),
        ],
      },
    },
    talking: { after: { talkTime: endAs('userAnswered') } },
    leavingVoicemail: { after: { voicemailMessage: endAs('voicemail') } },
    hangingUp: hangUpOnSharedNumber(channelParams),
    hungUp: {
      always: ENDINGS.map((ending) => ({ guard: { type: 'endsAs' as const, params: { ending } }, target: ending })),
    },
    numberNotInService: {
      type: 'final',
      output: inboundOutput('INB018', 'the shared number is not in service (removed or ported, RA007): the call never reaches the tenant'),
    },
    tollFreeNotFunded: {
      type: 'final',
      output: inboundOutput('INB019', 'a toll-free number while the Communications Credits balance is zero or below (RA012): not answered'),
    },
    notAnswered: {
      type: 'final',
      output: inboundOutput('INB001', 'no auto attendant behind the number (RA001): not answered'),
    },
    allChannelsBusy: {
      type: 'final',
      output: inboundOutput('INB020', 'every channel of the resource account is in use (channel cap): the caller hears busy'),
    },
    userAnswered: {
      type: 'final',
      output: inboundOutput('INB010', 'transferred to a user, who answered and talked:', true),
    },
    voicemail: {
      type: 'final',
      output: inboundOutput('INB016', "transferred to a user, who did not answer: the caller left a message in the user's voicemail:", false),
    },
    userDidNotAnswer: {
      type: 'final',
      output: inboundOutput('INB017', 'transferred to a user, who did not answer and has no voicemail: disconnected:', false),
    },
    transferredToOperator: {
      type: 'final',
      output: inboundOutput('INB011', 'transferred to the operator:'),
    },
    tooManyNameMatches: {
      type: 'final',
      output: inboundOutput('INB012', 'dial by name found more than 5 matches after the dial scope: search failed'),
    },
    notFound: {
      type: 'final',
      output: inboundOutput('INB013', 'the target was not found or is outside the dial scope'),
    },
    noInputToOperator: {
      type: 'final',
      output: inboundOutput('INB014', 'no or invalid input too many times: transferred to the operator:'),
    },
    noInputDisconnected: {
      type: 'final',
      output: inboundOutput('INB014', 'no or invalid input too many times and no operator: disconnected'),
    },
    disconnectedByFlow: {
      type: 'final',
      output: inboundOutput('INB015', 'disconnected by the call flow after its greeting'),
    },
    disconnectedByMenu: {
      type: 'final',
      output: inboundOutput('INB015', 'disconnected by a menu option'),
    },
    redirected: {
      type: 'final',
      output: inboundOutput('INB015', 'redirected to'),
    },
    handedOff: {
      type: 'final',
      output: inboundOutput('CQ025', 'transferred to the call queue or auto attendant of resource account'),
    },
  },
  // Each final state builds its own InboundCallOutput; xstate hands it up in the done event.
  output: ({ event }) => event.output as InboundCallOutput,
});
