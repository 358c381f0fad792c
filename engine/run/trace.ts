/**
 * Per-call traces for teaching: how one call was routed, step by step.
 *
 * Tracing is opt-in per call (`ReplicationOptions.trace`). When it is on, each call machine runs
 * with its guards wrapped (`machine.provide({ guards })`): the wrapper calls the original guard
 * and notes its name, params and result, so figures are the same with tracing on or off.
 *
 * The driver reports one snapshot per macrostep, and an eventless (`always`) chain happens inside
 * one macrostep. So the tracer replays each macrostep of a traced call with xstate's public
 * `getInitialMicrosteps` (from the input given to `facts`) and `getMicrosteps` (from the snapshot
 * the replay reached before), which give the snapshot after each transition taken and the actions
 * it listed. The noted guard results are then laid over those microsteps: in each state, xstate
 * tries its candidate transitions in order (`transitionCandidates`, from the kernel's xstate
 * adapter), consuming one noted result per guarded candidate, and takes the first whose guard holds
 * (or that has none); that is the next microstep, whose state is entered and whose effects are
 * shown before it. The replay's end is checked against the driver's snapshot; if they differ (an
 * impure guard, a machine shape the candidates do not describe, such as parallel states), the
 * trace says so and shows the snapshot's state.
 */
import { getInitialMicrosteps, getMicrosteps, type AnyMachineSnapshot, type AnyStateMachine, type ExecutableActionObject } from 'xstate';
import { afterEventDelay, isBuiltInGuard, transitionCandidates, type TransitionCandidate } from '../kernel/index.js';
import type { CallKind } from '../calls/index.js';
import { RULES, type RuleId } from '../tenant/index.js';
import { namedValue, withNames } from './readable-names.js';

/** Which calls to trace, and where their traces go. */
export interface TraceOptions {
  /** Called once per call as it starts; return true to trace it. */
  select(call: { kind: CallKind; callId: number; startMs: number }): boolean;
  /** Receives the trace of each selected call when it finishes (calls unfinished at the horizon have none). */
  onTrace(trace: CallTrace): void;
  /**
   * The scenario's time zone (`Scenario.timeZone`), for `startedAtLocal`; null or absent: the fixed
   * offset `startOffsetMinutes` (`Scenario.startOffsetMinutes`, default 0, UTC).
   */
  timeZone?: string | null;
  startOffsetMinutes?: number;
}

/** The call flows of an auto attendant, as a trace names them. */
export type TraceCallFlow = 'holiday' | 'afterHours' | 'businessHours';

/** Which call flow of the auto attendant is in effect for an inbound call, as the call's runtime found it. */
export interface CallFlowInEffect {
  kind: TraceCallFlow;
  /** The rule of that flow: INB002 holiday, INB003 after hours, INB004 business hours. */
  rule: RuleId;
  /** The holiday's name, when `kind` is `holiday`. */
  holidayName?: string;
  /** The attendant has no after-hours flow or 24/7 business hours: its business-hours flow runs at any hour. */
  aroundTheClock?: boolean;
  /** The auto attendant's IANA time zone. */
  timeZone: string;
  /** The instant the call started, UTC epoch ms. */
  epochMs: number;
}

/** One step of a call, at simulated time `atMs` (ms since the start of the run). */
export type TraceStep =
  /** The call started (`event` null) or an event moved it (e.g. `after ringTime`). */
  | { step: 'event'; atMs: number; event: string }
  /**
   * The call's machine (`machine`, its id: a call can go on as another kind) entered `state`, by
   * `transition` (none for a machine's initial state).
   */
  | { step: 'enter'; atMs: number; state: string; machine: string; transition?: TraceTransition }
  /** A named guard evaluated in `state` while choosing the next transition. */
  | { step: 'guard'; atMs: number; state: string; guard: string; params: unknown; value: boolean }
  /** An effect handed to the runtime, and what the runtime did with it. */
  | { step: 'effect'; atMs: number; effect: string; params: Record<string, unknown>; result: Record<string, unknown> }
  /** The walk could not rebuild the states of a macrostep; the snapshot's state is shown. */
  | { step: 'note'; atMs: number; text: string }
  /** The auto attendant's call flow in effect for an inbound call (`why` in its time zone) and the flow's rule. */
  | { step: 'flow'; atMs: number; flow: TraceCallFlow; rule: RuleId; why: string }
  /** The machine took the caller's next input (`takeCallerInput`): what the caller did, e.g. `caller presses 1`. */
  | { step: 'input'; atMs: number; input: unknown; text: string };

/**
 * The transition taken into a state, as `callsim diagram --format json` names its transitions:
 * from the state `from`, on `event` (`always`, `after <delay>`, or the event's type), chosen by
 * `guard` (with `guardParams`) holding, or by having no guard.
 */
export interface TraceTransition {
  from: string;
  event: string;
  guard?: string;
  guardParams?: unknown;
}

/** One fact the call started with, e.g. `credits: postpaidOverage false, balance 0`. */
export interface TraceFact {
  name: string;
  value: string;
}

export interface CallTrace {
  replication: number;
  callId: number;
  kind: CallKind;
  startMs: number;
  endMs: number;
  /** The scenario's start plus `startMs`, ISO 8601 (UTC). */
  startedAt: string;
  /**
   * The same instant as local time in the scenario's time zone, e.g. `2026-03-03 09:36:45 PST
   * (America/Los_Angeles)`; with no zone, at the fixed offset of its start (`... UTC+01:00`).
   */
  startedAtLocal: string;
  /** UPN of the user who made the call (outbound, emergency; the emergency caller for a callback). */
  caller: string | null;
  /** Whether the call counts in the figures (it started at or after the warm-up). */
  counted: boolean;
  /** The machine input, summarised: one line per object, ids replaced by UPNs. */
  facts: TraceFact[];
  steps: TraceStep[];
  outcome: RuleId;
  reason: string;
  /** `RULES[outcome].text`. */
  rule: string;
  details: unknown;
}

interface GuardCall {
  guard: string;
  params: unknown;
  value: boolean;
}

interface PendingEffect {
  effect: string;
  params: Record<string, unknown>;
  result: Record<string, unknown>;
}

interface TraceInProgress {
  kind: CallKind;
  startMs: number;
  facts: TraceFact[];
  steps: TraceStep[];
  /** The machine input (from `facts`), from which the replay starts. */
  input: unknown;
  /** The replay's snapshot after the call's last macrostep; undefined before it starts. */
  snapshot: AnyMachineSnapshot | undefined;
  /** Whether the call's first machine has taken its first macrostep. */
  started: boolean;
}

type GuardImplementation = (args: unknown, params: unknown) => boolean;

/** One microstep as `getMicrosteps` lists it: the snapshot after it and the actions it listed. */
type Microstep = [AnyMachineSnapshot, ExecutableActionObject[]];

/**
 * *machine* with each named guard wrapped to tell *note* its name, args, params and value (public
 * API: `machine.provide`); it decides exactly as *machine* does. Built-in guards (and/or/not) are
 * resolved by xstate itself and left alone.
 */
export function withNotedGuards<TMachine extends AnyStateMachine>(
  machine: TMachine,
  note: (guard: string, args: unknown, params: unknown, value: boolean) => void,
): TMachine {
  const wrapped: Record<string, GuardImplementation> = {};
  for (const [name, implementation] of Object.entries(machine.implementations.guards as Record<string, unknown>)) {
    if (typeof implementation !== 'function' || isBuiltInGuard(implementation)) continue;
    const original = implementation as GuardImplementation;
    wrapped[name] = (args, params) => {
      const value = original(args, params);
      note(name, args, params, Boolean(value));
      return value;
    };
  }
  return machine.provide({ guards: wrapped } as Parameters<TMachine['provide']>[0]) as TMachine;
}

/**
 * Records the traces of the selected calls of one replication. The replication tells it when a
 * call starts (`begin`, `facts`), each effect it carried out (`effect`), each macrostep
 * (`transition`, from the driver's `onTransition`) and the end (`finish`).
 */
export class CallTracer {
  private readonly traces = new Map<number, TraceInProgress>();
  private guards: GuardCall[] = [];
  /** The event the noted guards saw. */
  private event: unknown = undefined;
  private effects: PendingEffect[] = [];

  /**
   * *name* turns an objectId into something a person reads (a UPN); *startEpochMs* is the
   * scenario's start.
   */
  constructor(
    private readonly options: TraceOptions,
    private readonly replication: number,
    private readonly startEpochMs: number,
    private readonly warmupMs: number,
    private readonly name: (id: string) => string,
  ) {}

  /** *machine* with every guard wrapped to note its result; it decides exactly as *machine* does. */
  machine<TMachine extends AnyStateMachine>(machine: TMachine): TMachine {
    return withNotedGuards(machine, (name, args, params, value) => {
      // Every guard of one macrostep sees the event that started it. A guard that sees another
      // event starts a new macrostep, and notes left from before belong to no step the driver
      // kept (xstate evaluates the machine once more when it builds its inert actor).
      const event = (args as { event?: unknown }).event;
      if (event !== this.event) {
        this.guards = [];
        this.event = event;
      }
      this.guards.push({ guard: name, params, value });
    });
  }

  /** A call starts: ask whether to trace it. */
  begin(kind: CallKind, callId: number, startMs: number): void {
    if (!this.options.select({ kind, callId, startMs })) return;
    this.traces.set(callId, { kind, startMs, facts: [], steps: [], input: undefined, snapshot: undefined, started: false });
  }

  /** The input the call's machine starts with; give it before the call's first transition. */
  facts(callId: number, input: unknown): void {
    const trace = this.traces.get(callId);
    if (trace === undefined) return;
    // An inbound caller's inputs are shown when the machine takes them, not as facts known at the start.
    const facts = summariseFacts(withoutCallerInputs(input), this.name);
    // A call that goes on as another kind (EMG001, then outbound) keeps the facts it started with.
    trace.facts = trace.input === undefined ? facts : [...trace.facts, ...facts.map((f) => ({ name: `then ${f.name}`, value: f.value }))];
    trace.input = input;
  }

  /** The runtime carried out *effect* of call *callId*; *result* says what it did. */
  effect(callId: number, effect: { type: string; params?: unknown }, result: Record<string, unknown>): void {
    if (!this.traces.has(callId)) return;
    this.effects.push({ effect: effect.type, params: this.named(effect.params), result: this.named(result) as Record<string, unknown> });
  }

  /**
   * Something the runtime did for the call outside the machine's effects (a toll-free charge at
   * the end of an inbound call), recorded at once.
   */
  runtime(callId: number, atMs: number, effect: string, params: Record<string, unknown>, result: Record<string, unknown>): void {
    this.traces.get(callId)?.steps.push({ step: 'effect', atMs, effect, params, result });
  }

  /** The auto attendant's call flow in effect for inbound call *callId*, shown as a step. */
  flow(callId: number, atMs: number, flow: CallFlowInEffect): void {
    this.traces.get(callId)?.steps.push({ step: 'flow', atMs, flow: flow.kind, rule: flow.rule, why: flowWhy(flow) });
  }

  /** One macrostep of call *callId* is done (the driver's `onTransition`); *value* is the snapshot's. */
  transition(machine: AnyStateMachine, callId: number, atMs: number, event: { type: string } | undefined, value: unknown): void {
    const guards = this.guards;
    const effects = this.effects;
    this.guards = [];
    this.effects = [];
    this.event = undefined;
    const trace = this.traces.get(callId);
    if (trace === undefined) return;
    const start = !trace.started ? 'call starts' : `goes on as ${machine.id === 'outbound' ? 'an' : 'a'} ${machine.id} call`;
    // An event the runtime sends names who it is about (a queue's offer: the agent, and how it goes).
    const about = event === undefined ? '' : runtimeEventDetail(event as { type: string } & Record<string, unknown>, this.name);
    trace.steps.push({ step: 'event', atMs, event: event === undefined ? start : `${eventLabel(event.type)}${about}` });
    trace.started = true;
    const microsteps = replay(machine, trace, event);
    // The replay runs *machine* as given: if it notes guards, those notes are not the driver's.
    this.guards = [];
    this.event = undefined;
    const end = walk(machine.id, trace.snapshot, event?.type, microsteps, guards, effects, atMs, trace.steps, this.name);
    const actual = typeof value === 'string' ? value : JSON.stringify(value);
    if (end !== actual) {
      trace.steps.push({ step: 'note', atMs, text: `states rebuilt up to ${end ?? 'none'}; the machine is in ${actual}` });
    }
    const reached = microsteps === undefined ? trace.snapshot : (microsteps.at(-1)?.[0] ?? trace.snapshot);
    trace.snapshot = reached !== undefined && stateLabel(reached) === actual ? reached : resync(machine, reached, value);
  }

  /** Call *callId* ended: hand its trace to `onTrace`. */
  finish(
    callId: number,
    endMs: number,
    callerId: string | null,
    output: { outcome: RuleId; reason: string; details: unknown },
  ): void {
    const trace = this.traces.get(callId);
    if (trace === undefined) return;
    this.traces.delete(callId);
    this.options.onTrace({
      replication: this.replication,
      callId,
      kind: trace.kind,
      startMs: trace.startMs,
      endMs,
      startedAt: new Date(this.startEpochMs + trace.startMs).toISOString(),
      startedAtLocal: localTime(this.startEpochMs + trace.startMs, this.options.timeZone ?? null, this.options.startOffsetMinutes ?? 0),
      caller: callerId === null ? null : this.name(callerId),
      counted: trace.startMs >= this.warmupMs,
      facts: trace.facts,
      steps: trace.steps,
      outcome: output.outcome,
      reason: withNames(output.reason, this.name),
      rule: RULES[output.outcome].text,
      details: namedValue(output.details, this.name),
    });
  }

  private named(value: unknown): Record<string, unknown> {
    if (value === null || typeof value !== 'object') return {};
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? this.name(v) : v]));
  }
}

/** `xstate.after.ringTime.outbound.ringing` -> `after ringTime`. */
function runtimeEventDetail(event: { type: string } & Record<string, unknown>, name: (id: string) => string): string {
  if (typeof event.agentId !== 'string') return '';
  const answer = event.answers === true ? `answers after ${String(event.answerMs)} ms` : 'does not answer';
  return ` to agent ${name(event.agentId)} (${answer}; waited ${String(event.waitedMs)} ms)`;
}

function eventLabel(type: string): string {
  const delay = afterEventDelay(type);
  return delay === undefined ? type : `after ${delay}`;
}

/** A snapshot's state as the trace shows it: the state's name, or its JSON for nested states. */
function stateLabel(snapshot: AnyMachineSnapshot): string {
  const value: unknown = snapshot.value;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The microsteps of the macrostep the driver just took for *trace*: from the input when *event* is
 * undefined (the call starts), else from the replay's last snapshot. Undefined when the replay
 * cannot run (no input, lost track of the call) or the machine fails in it.
 */
function replay(machine: AnyStateMachine, trace: TraceInProgress, event: { type: string } | undefined): Microstep[] | undefined {
  try {
    if (event === undefined) return getInitialMicrosteps(machine, trace.input) as Microstep[];
    if (trace.snapshot === undefined) return undefined;
    return getMicrosteps(machine, trace.snapshot, event) as Microstep[];
  } catch {
    return undefined;
  }
}

/**
 * The snapshot to replay the next macrostep from when the replay did not end where the driver did:
 * the driver's state with the replay's context, or undefined (the next steps will say so).
 */
function resync(machine: AnyStateMachine, reached: AnyMachineSnapshot | undefined, value: unknown): AnyMachineSnapshot | undefined {
  if (reached === undefined) return undefined;
  try {
    return machine.resolveState({ value: value as never, context: reached.context as never });
  } catch {
    return undefined;
  }
}

/**
 * Lay the noted *guards* and *effects* of one macrostep over its *microsteps* (see the file
 * comment), push its steps and return the state it ends in, or undefined when they do not fit.
 * *before* is the snapshot the macrostep started from (undefined when the call starts).
 */
function walk(
  machineId: string,
  before: AnyMachineSnapshot | undefined,
  eventType: string | undefined,
  microsteps: Microstep[] | undefined,
  guards: GuardCall[],
  effects: PendingEffect[],
  atMs: number,
  steps: TraceStep[],
  name: (id: string) => string,
): string | undefined {
  let nextGuard = 0;
  let nextEffect = 0;
  let nextStep = 0;
  let fits = microsteps !== undefined;

  /** The candidate taken, with the guard call that chose it (none for an unguarded one). */
  type Choice = { candidate: TransitionCandidate; call?: GuardCall };
  const choose = (state: string, candidates: readonly TransitionCandidate[]): Choice | undefined => {
    for (const candidate of candidates) {
      if (!candidate.guarded) return { candidate };
      const call = guards[nextGuard];
      if (call === undefined || call.guard !== candidate.guard) {
        fits = false;
        return undefined;
      }
      nextGuard++;
      steps.push({ step: 'guard', atMs, state, guard: call.guard, params: call.params, value: call.value });
      if (call.value) return { candidate, call };
    }
    return undefined;
  };
  const showEffects = (actions: readonly ExecutableActionObject[]): void => {
    for (const action of actions) {
      const effect = effects[nextEffect];
      if (effect !== undefined && action.type === effect.effect) {
        steps.push({ step: 'effect', atMs, ...effect });
        nextEffect++;
      }
    }
  };
  const enter = (snapshot: AnyMachineSnapshot, transition?: TraceTransition): void => {
    steps.push({ step: 'enter', atMs, state: stateLabel(snapshot), machine: machineId, ...(transition === undefined ? {} : { transition }) });
  };
  /** Take *chosen* from *from* on *event*: the next microstep; its effects, then the state it enters. */
  const take = (from: AnyMachineSnapshot, chosen: Choice, event: string): AnyMachineSnapshot | undefined => {
    const microstep = microsteps?.[nextStep++];
    if (microstep === undefined) {
      fits = false;
      return undefined;
    }
    const [snapshot, actions] = microstep;
    showEffects(actions);
    const taken = callerInputTaken(from, snapshot);
    if (taken !== undefined) steps.push({ step: 'input', atMs, input: taken, text: describeCallerInput(taken, name) });
    if (chosen.candidate.hasTarget || stateLabel(snapshot) !== stateLabel(from)) {
      const guard = chosen.call === undefined ? {} : { guard: chosen.call.guard, ...(chosen.call.params === undefined ? {} : { guardParams: chosen.call.params }) };
      enter(snapshot, { from: stateLabel(from), event, ...guard });
    }
    return snapshot;
  };

  let current: AnyMachineSnapshot | undefined;
  if (microsteps !== undefined) {
    if (eventType === undefined) {
      // The initial microstep enters the initial state; its effects are entry actions.
      const initial = microsteps[nextStep++];
      if (initial === undefined) fits = false;
      else {
        enter(initial[0]);
        showEffects(initial[1]);
        current = initial[0];
      }
    } else if (before === undefined) {
      fits = false;
    } else {
      current = before;
      const chosen = choose(stateLabel(before), transitionCandidates(before, eventType));
      if (chosen !== undefined) current = take(before, chosen, eventLabel(eventType));
      // xstate lists the event's microstep even when no transition was enabled: nothing happened in it.
      else if (microsteps[0]?.[0] === before && microsteps[0][1].length === 0) nextStep++;
    }
  }
  while (fits && current !== undefined && current.status === 'active') {
    const chosen = choose(stateLabel(current), transitionCandidates(current, undefined));
    if (chosen === undefined) break;
    current = take(current, chosen, 'always');
  }
  if (microsteps !== undefined && nextStep !== microsteps.length) fits = false;
  for (const effect of effects.slice(nextEffect)) steps.push({ step: 'effect', atMs, ...effect });
  for (const call of guards.slice(nextGuard)) {
    steps.push({ step: 'guard', atMs, state: '?', guard: call.guard, params: call.params, value: call.value });
  }
  return fits && nextGuard === guards.length && current !== undefined ? stateLabel(current) : undefined;
}

/** *input* without `callerInputs` (an inbound caller's script), which the steps show as it is taken. */
function withoutCallerInputs(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input) || !('callerInputs' in input)) return input;
  const { callerInputs: _, ...rest } = input as Record<string, unknown>;
  return rest;
}

/**
 * The caller input the machine took in the microstep from *from* to *to* (`takeCallerInput`
 * counts the inputs taken in `nextInput` and puts the input in `input`), or undefined.
 */
function callerInputTaken(from: AnyMachineSnapshot, to: AnyMachineSnapshot): unknown {
  const before = from.context as { nextInput?: unknown } | undefined;
  const after = to.context as { nextInput?: unknown; input?: unknown } | undefined;
  if (typeof before?.nextInput !== 'number' || typeof after?.nextInput !== 'number' || after.nextInput <= before.nextInput) return undefined;
  return after.input ?? null;
}

/** A caller input in words: `caller presses 1`, `caller says a name (directory: 6 matches)`, `no input`. */
export function describeCallerInput(input: unknown, name: (id: string) => string = (id) => id): string {
  if (input === null || typeof input !== 'object') return 'no input';
  const i = input as { kind?: unknown; key?: unknown; directory?: Record<string, unknown> };
  const target = (t: unknown): string => (typeof t === 'string' ? `, reaches ${name(t)}` : '');
  switch (i.kind) {
    case 'key':
      return `caller presses ${String(i.key)}`;
    case 'dialByName': {
      const matches = Number(i.directory?.matchesAfterDialScope ?? 0);
      return `caller says a name (directory: ${matches} match${matches === 1 ? '' : 'es'}${target(i.directory?.target)})`;
    }
    case 'dialByExtension': {
      const d = i.directory ?? {};
      const found = d.found !== true ? 'not found' : d.inScope !== true ? 'found, outside the dial scope' : 'found';
      return `caller dials an extension (directory: ${found}${target(d.target)})`;
    }
    default:
      return 'no input';
  }
}

const FLOW_LABEL: Readonly<Record<TraceCallFlow, string>> = { holiday: 'holiday', afterHours: 'after hours', businessHours: 'business hours' };

/** The parts of *epochMs* as local time in *timeZone* (an IANA zone, or a fixed `+hh:mm` offset). */
function localParts(epochMs: number, timeZone: string): Record<string, string> {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  for (const part of format.formatToParts(epochMs)) if (part.type !== 'literal') parts[part.type] = part.value;
  return parts;
}

/** `+01:00` for 60 minutes. */
function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * *epochMs* as local time: in *timeZone* (`2026-03-03 09:36:45 PST (America/Los_Angeles)`), or
 * without one at the fixed offset *offsetMinutes* (`2026-03-02 09:00:36 UTC+01:00`, `... UTC`).
 */
export function localTime(epochMs: number, timeZone: string | null, offsetMinutes = 0): string {
  if (timeZone !== null) {
    const p = localParts(epochMs, timeZone);
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName} (${timeZone})`;
  }
  const local = new Date(epochMs + offsetMinutes * 60_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)} UTC${offsetMinutes === 0 ? '' : offsetText(offsetMinutes)}`;
}

/** Why *flow* is in effect, in the attendant's zone: `Tuesday 18:20 PST is outside business hours`. */
function flowWhy(flow: CallFlowInEffect): string {
  const p = localParts(flow.epochMs, flow.timeZone);
  const when = `${p.weekday} ${p.hour}:${p.minute} ${p.timeZoneName}`;
  switch (flow.kind) {
    case 'holiday':
      return `${p.weekday} ${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName} is in the holiday ${flow.holidayName ?? '(unnamed)'}`;
    case 'afterHours':
      return `${when} is outside business hours`;
    case 'businessHours':
      return flow.aroundTheClock === true ? `${when}; no after-hours schedule: the business-hours flow runs around the clock` : `${when} is within business hours`;
  }
}

/**
 * The machine input as lines a person can read: one line per object (its plain fields, joined),
 * nested objects and list items on lines of their own, ids replaced by *name*.
 */
export function summariseFacts(input: unknown, name: (id: string) => string): TraceFact[] {
  const facts: TraceFact[] = [];
  const show = (v: unknown): string => (typeof v === 'string' ? name(v) : v === null ? 'none' : String(v));
  const visit = (path: string, value: unknown): void => {
    if (Array.isArray(value)) {
      if (value.length === 0) facts.push({ name: path, value: 'none' });
      else if (value.every((v) => v === null || typeof v !== 'object')) facts.push({ name: path, value: value.map(show).join(', ') });
      else value.forEach((item, i) => visit(`${path}[${i}]`, item));
      return;
    }
    if (value === null || typeof value !== 'object') {
      facts.push({ name: path, value: show(value) });
      return;
    }
    const plain: string[] = [];
    const nested: [string, unknown][] = [];
    for (const [key, v] of Object.entries(value)) {
      if (v !== null && typeof v === 'object' && !(Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object'))) nested.push([key, v]);
      else plain.push(`${key} ${Array.isArray(v) ? `[${v.map(show).join(', ')}]` : show(v)}`);
    }
    if (plain.length > 0 || nested.length === 0) facts.push({ name: path, value: plain.length === 0 ? 'none' : plain.join(', ') });
    for (const [key, v] of nested) visit(path === '' ? key : `${path}.${key}`, v);
  };
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    for (const [key, v] of Object.entries(input)) visit(key, v);
  } else {
    visit('input', input);
  }
  return facts;
}

/** `+h:mm:ss` (with `.mmm` when not whole seconds) since *startMs*. */
export function since(startMs: number, atMs: number): string {
  const ms = atMs - startMs;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const rest = ms % 1000;
  return `+${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}${rest === 0 ? '' : `.${String(rest).padStart(3, '0')}`}`;
}

function inline(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{${entries.map(([k, v]) => `${k}: ${v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(', ')}}`;
}

/**
 * The rule a guard checks, by machine and guard name: the docs/rules.md §3 outcome the call ends
 * with (or goes on to) when the guard holds. A guard with parameters whose outcome depends on them
 * (`endsAs {ending}`, `callbackNumberFrom {source}`) maps the parameter's value to the outcome.
 * Every guard that leads straight to a final state has its entry (test/run/trace.test.ts reads the
 * machines' definitions to check it, and that each ID is that final state's outcome). The map
 * lives here, not beside the machines, because engine/run may not import engine/machines.
 */
export type GuardRule = RuleId | { readonly param: string; readonly rules: Readonly<Record<string, RuleId>> };

export const GUARD_RULES: Readonly<Record<CallKind, Readonly<Record<string, GuardRule>>>> = {
  outbound: {
    callerNotVoiceEnabled: 'OUT002',
    callerRoutesOwnCalls: 'OUT003',
    policyHasNoResourceAccount: 'OUT002',
    resourceAccountHasNoNumber: 'OUT004',
    serviceNumberNotFunded: 'OUT005',
    creditsExhausted: 'OUT006',
    channelCapReached: 'OUT007',
  },
  inbound: {
    numberNotInService: 'INB018',
    tollFreeNotFunded: 'INB019',
    hasNoAttendant: 'INB001',
    channelCapReached: 'INB020',
    flowDisconnects: 'INB015',
    flowRedirectsToApplication: 'CQ025',
    flowRedirects: 'INB015',
    inputTransfersToApplication: 'CQ025',
    nameSearchTooBroad: 'INB012',
    endsAs: {
      param: 'ending',
      rules: {
        userAnswered: 'INB010',
        voicemail: 'INB016',
        userDidNotAnswer: 'INB017',
        transferredToOperator: 'INB011',
        tooManyNameMatches: 'INB012',
        notFound: 'INB013',
        noInputToOperator: 'INB014',
        noInputDisconnected: 'INB014',
        disconnectedByFlow: 'INB015',
        disconnectedByMenu: 'INB015',
        redirected: 'INB015',
        handedOff: 'CQ025',
      },
    },
  },
  emergency: {
    callerNotVoiceEnabled: 'EMG009',
    callerRoutesOwnCalls: 'EMG008',
    policyHasNoResourceAccount: 'EMG009',
    routeDoesNotFitNumberType: 'EMG010',
    isTestCall: 'EMG013',
    noCallbackNumber: 'EMG011',
    noLocation: 'EMG012',
    // Where the caller is (issue 11): the LIS lookup of a client the workload placed on a network.
    enhancedEmergencyServicesOff: 'NET020',
    offTrustedNetwork: 'NET021',
    lisMatches: { param: 'element', rules: { accessPoint: 'NET022', port: 'NET023', switch: 'NET024', subnet: 'NET025' } },
    resourceAccountNumberHasLocation: 'NET027',
    callbackNumberFrom: { param: 'source', rules: { heldByCaller: 'EMG007', resourceAccount: 'EMG005', nextFree: 'EMG003' } },
  },
  callback: {
    dialsResourceAccountNumber: 'CBK003',
    callerAnswers: 'CBK001',
    unreservedNumbersGoToAttendant: 'CBK002',
  },
  queue: {
    arrivedInLoop: 'CQ026',
    arrivedNowhere: 'CQ027',
    queueIsFull: 'CQ022',
    noAgentsToQueueFor: 'CQ024',
    agentAnswers: 'CQ020',
    endsAs: {
      param: 'ending',
      rules: { answered: 'CQ020', abandoned: 'CQ021', overflowed: 'CQ022', timedOut: 'CQ023', noAgents: 'CQ024' },
    },
  },
};

/** The rule ID *guard* of *machine* checks, with these *params*, if the map has one. */
export function guardRuleId(machine: CallKind, guard: string, params: unknown): RuleId | undefined {
  const rule = GUARD_RULES[machine][guard];
  if (rule === undefined || typeof rule === 'string') return rule;
  const value = params !== null && typeof params === 'object' ? (params as Record<string, unknown>)[rule.param] : undefined;
  return typeof value === 'string' ? rule.rules[value] : undefined;
}

/** The machine a `goes on as a(n) KIND call` event switches a trace to. */
const GOES_ON_AS = /^goes on as an? (\w+) call$/;

/**
 * The trace as text: a heading, the facts, one line per step (indented), the outcome and its rule.
 * *figures* false: the call belongs to no figures (`callsim call`), so the heading says nothing of the warm-up.
 */
export function formatTrace(trace: CallTrace, figures = true): string {
  const lines: string[] = [];
  // A callback is placed by the emergency service; its `caller` is the user it calls back.
  const by =
    trace.caller === null
      ? ''
      : trace.kind === 'callback'
        ? `, placed by the emergency service, calling back ${trace.caller}'s emergency call`
        : ` by ${trace.caller}`;
  lines.push(
    `${trace.kind} call ${trace.callId} (replication ${trace.replication}), started ${trace.startedAtLocal}` +
      `${by}, ended ${since(trace.startMs, trace.endMs)}` +
      `${trace.counted || !figures ? '' : ' (during the warm-up: not counted in the figures)'}`,
  );
  lines.push('  Facts at call start:');
  for (const fact of trace.facts) lines.push(`    ${fact.name}: ${fact.value}`);
  lines.push('  Steps (time since the call started):');
  // The machine whose guards the steps show: the call's own, then the one it goes on as (EMG001 -> outbound).
  let machine: CallKind = trace.kind;
  for (const step of trace.steps) {
    const at = since(trace.startMs, step.atMs).padEnd(12);
    switch (step.step) {
      case 'event': {
        lines.push(`    ${at} ${step.event}`);
        const next = GOES_ON_AS.exec(step.event)?.[1];
        if (next !== undefined && next in GUARD_RULES) machine = next as CallKind;
        break;
      }
      case 'enter':
        lines.push(`    ${at}   enter ${step.state}`);
        break;
      case 'guard': {
        const params = step.params === undefined ? '' : ` ${inline(step.params)}`;
        const rule = guardRuleId(machine, step.guard, step.params);
        lines.push(`    ${at}     ${step.guard}${params} = ${step.value}${rule === undefined ? '' : `  (${rule})`}`);
        break;
      }
      case 'effect':
        lines.push(`    ${at}     effect ${step.effect} ${inline(step.params)} -> ${inline(step.result)}`);
        break;
      case 'note':
        lines.push(`    ${at}   note: ${step.text}`);
        break;
      case 'flow':
        lines.push(`    ${at} call flow: ${FLOW_LABEL[step.flow]} (${step.why})  (${step.rule})`);
        break;
      case 'input':
        lines.push(`    ${at}     ${step.text}`);
        break;
    }
  }
  lines.push(`  Outcome ${trace.reason}`);
  lines.push(`  Rule ${trace.outcome}: ${trace.rule}`);
  return `${lines.join('\n')}\n`;
}
