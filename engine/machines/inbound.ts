/**
 * Inbound call: a PSTN caller dials the shared number (docs/rules.md §3, INB001-INB015).
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
  /** TransferCallToTarget only: a User target is a transfer to a person (INB010), any other a redirect (INB015). */
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
  /** The auto attendant behind the number, or null when the resource account has none (RA001). */
  attendant: InboundAttendant | null;
  /** What the caller will do at the menu, in order; once it runs out, the caller makes no input. */
  callerInputs: CallerInput[];
  /** Whether a user the call is transferred to answers (INB010). */
  userAnswers: boolean;
}

export interface InboundDetails {
  /** The call flow that ran; null when no attendant answered (INB001). */
  flow: CallFlowOutcome | null;
  attendantId: string | null;
  /** Where the call went: the user, the operator or the redirect target; null when it ended. */
  target: CallTarget | null;
  /** INB010 only: whether the user answered. */
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

interface InboundContext {
  facts: InboundCallInput;
  /** Index of the next scripted input. */
  nextInput: number;
  /** The input being handled. */
  input: CallerInput | null;
  failedAttempts: number;
  target: CallTarget | null;
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

export const inboundMachine = setup({
  types: {
    context: {} as InboundContext,
    input: {} as InboundCallInput,
    events: {} as InboundEvent,
    output: {} as InboundCallOutput,
  },
  guards: {
    hasNoAttendant: ({ context }) => context.facts.attendant === null,
    flowDisconnects: ({ context }) => context.facts.attendant?.callFlow.action.kind === 'disconnect',
    flowRedirectsToUser: ({ context }) => {
      const action = context.facts.attendant?.callFlow.action;
      return action?.kind === 'redirect' && action.target.type === 'User';
    },
    flowRedirects: ({ context }) => context.facts.attendant?.callFlow.action.kind === 'redirect',
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
    userAnswers: ({ context }) => context.facts.userAnswers,
  },
  actions: {
    takeCallerInput: assign({
      input: ({ context }) => context.facts.callerInputs[context.nextInput] ?? NO_INPUT,
      nextInput: ({ context }) => context.nextInput + 1,
    }),
    countFailedAttempt: assign({ failedAttempts: ({ context }) => context.failedAttempts + 1 }),
    setTarget: assign({
      target: ({ context }, params: { from: TargetSource }): CallTarget | null => {
        const attendant = context.facts.attendant;
        const input = context.input;
        if (params.from === 'flow') {
          const action = attendant?.callFlow.action;
          return action?.kind === 'redirect' ? action.target : null;
        }
        if (params.from === 'option') return selectedOption(context)?.target ?? null;
        if (params.from === 'operator') return attendant?.operator ?? null;
        if (input?.kind === 'dialByName' || input?.kind === 'dialByExtension') {
          return input.directory.target === null ? null : { type: 'User', id: input.directory.target };
        }
        return null;
      },
    }),
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
  },
}).createMachine({
  id: 'inbound',
  context: ({ input }) => ({ facts: input, nextInput: 0, input: null, failedAttempts: 0, target: null }),
  initial: 'answering',
  states: {
    answering: {
      always: [{ guard: 'hasNoAttendant', target: 'notAnswered' }, { target: 'greeting' }],
    },
    greeting: { after: { greeting: 'followingCallFlow' } },
    followingCallFlow: {
      always: [
        { guard: 'flowDisconnects', target: 'disconnectedByFlow' },
        { guard: 'flowRedirectsToUser', target: 'transferringToUser', actions: { type: 'setTarget', params: { from: 'flow' } } },
        { guard: 'flowRedirects', target: 'redirected', actions: { type: 'setTarget', params: { from: 'flow' } } },
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
        { guard: { type: 'inputSelects', params: { action: 'DisconnectCall' } }, target: 'disconnectedByMenu' },
        {
          guard: { type: 'inputSelects', params: { action: 'TransferCallToOperator' } },
          target: 'transferredToOperator',
          actions: { type: 'setTarget', params: { from: 'operator' } },
        },
        { guard: 'inputTransfersToUser', target: 'transferringToUser', actions: { type: 'setTarget', params: { from: 'option' } } },
        {
          guard: { type: 'inputSelects', params: { action: 'TransferCallToTarget' } },
          target: 'redirected',
          actions: { type: 'setTarget', params: { from: 'option' } },
        },
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
      always: [
        { guard: 'hasOperator', target: 'noInputToOperator', actions: { type: 'setTarget', params: { from: 'operator' } } },
        { target: 'noInputDisconnected' },
      ],
    },
    searchingByName: {
      always: [
        { guard: 'nameSearchTooBroad', target: 'tooManyNameMatches' },
        { guard: 'nameSearchFoundSomeone', target: 'transferringToUser', actions: { type: 'setTarget', params: { from: 'directory' } } },
        { target: 'notFound' },
      ],
    },
    searchingByExtension: {
      always: [
        { guard: 'extensionReachable', target: 'transferringToUser', actions: { type: 'setTarget', params: { from: 'directory' } } },
        { target: 'notFound' },
      ],
    },
    transferringToUser: {
      always: [{ guard: 'userAnswers', target: 'userAnswered' }, { target: 'userDidNotAnswer' }],
    },
    notAnswered: {
      type: 'final',
      output: inboundOutput('INB001', 'no auto attendant behind the number (RA001): not answered'),
    },
    userAnswered: {
      type: 'final',
      output: inboundOutput('INB010', 'transferred to a user, who answered:', true),
    },
    userDidNotAnswer: {
      type: 'final',
      output: inboundOutput('INB010', 'transferred to a user, who did not answer:', false),
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
  },
  // Each final state builds its own InboundCallOutput; xstate hands it up in the done event.
  output: ({ event }) => event.output as InboundCallOutput,
});
