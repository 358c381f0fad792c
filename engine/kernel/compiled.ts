/**
 * The compiled executor: a machine definition read once into flat per-state tables, then run in
 * a plain loop that calls the machine's own guards, context changes, delays and outputs.
 *
 * XState stays the definition and the reference: `MachineDriver` runs the same machine through
 * xstate's transition functions, and differential tests hold both to the same bytes. The compiler
 * reads the machine's config (public: `machine.config`) and implementations (public:
 * `machine.implementations`) and supports what the call machines use: top-level states with
 * eventless (`always`), delayed (`after`) and event (`on`, events sent by the runtime) transitions, named guards with params, named actions
 * that are either context changes (given as plain `(context, params) => changes` functions) or
 * runtime effects (`runtimeEffect()`: handed to `onEffect`), and final states with `output`.
 * Anything else (nested or parallel states, `entry`, `exit`, `invoke`, wildcard events, inline guards or
 * actions, an action that is neither a change nor an effect) is refused when the machine is
 * compiled, naming the state, so nothing is ever run differently from XState.
 *
 * NOTE: hot path. A call is one small object (state, context, timer handles). A change's result
 * is merged into the call's own context in place (XState makes a new context object per change;
 * here nothing else ever holds a call's context, so the result is the same and the garbage less).
 */
import type { AnyStateMachine, EventObject, InputFrom, OutputFrom } from 'xstate';
import type { DriverOptions, Effect } from './driver.js';
import type { EventHandle, Scheduler } from './simulation.js';

/** A context change as the machines write it: the fields it sets, from the context and params. */
export type ContextChange = (context: never, params: never) => object;

/** The brand `runtimeEffect()` puts on its no-op implementation, so the compiler knows an effect. */
export const RUNTIME_EFFECT: unique symbol = Symbol.for('callsim.runtimeEffect');

export interface CompiledDriverOptions<TMachine extends AnyStateMachine> {
  machine: TMachine;
  /** The machine's context changes by action name: the plain functions its `assign`s wrap. */
  changes: Readonly<Record<string, ContextChange>>;
  scheduler: Scheduler;
  onEffect: DriverOptions<TMachine>['onEffect'];
  onDone: DriverOptions<TMachine>['onDone'];
}

type Args = { context: object; event: EventObject };
type GuardFunction = (args: Args, params: unknown) => boolean;
type ParamsFunction = (args: Args) => unknown;

interface CompiledAction {
  name: string;
  /** The change to apply, or null for an effect handed to `onEffect`. */
  change: ((context: object, params: unknown) => object) | null;
  params: unknown;
  paramsAreFunction: boolean;
}

interface CompiledTransition {
  guard: GuardFunction | null;
  guardParams: unknown;
  target: CompiledState;
  actions: CompiledAction[];
}

interface CompiledDelay {
  /** The after event's type, as xstate names it (`xstate.after.<delay>.<machine>.<state>`). */
  eventType: string;
  /** The event itself: guards and delays may read it, none may change it. */
  event: EventObject;
  delay: ((args: Args) => unknown) | number;
  transitions: CompiledTransition[];
}

interface CompiledState {
  name: string;
  final: boolean;
  output: ((args: Args) => unknown) | null;
  always: CompiledTransition[];
  after: CompiledDelay[];
  /** Event transitions by event type. */
  on: Map<string, CompiledTransition[]>;
}

interface CompiledMachine {
  id: string;
  context: (args: { input: unknown }) => object;
  initial: CompiledState;
  output: ((args: Args) => unknown) | null;
}

interface Call {
  state: CompiledState;
  context: object;
  /** Pending delayed transitions of the current state, in the order they were scheduled. */
  timers: EventHandle[];
}

/** What the compiler refuses, with the state it is in. */
export class UnsupportedMachineError extends Error {
  constructor(machine: string, state: string | null, what: string) {
    super(`the compiled executor cannot run machine ${machine}${state === null ? '' : `, state ${state}`}: ${what}; run it with --engine xstate or change the machine.`);
    this.name = 'UnsupportedMachineError';
  }
}

const STATE_KEYS = new Set(['always', 'after', 'on', 'type', 'output', 'description', 'meta', 'tags']);
const ROOT_KEYS = new Set(['id', 'context', 'initial', 'states', 'output', 'schemas', 'types', 'description', 'meta']);
const TRANSITION_KEYS = new Set(['target', 'guard', 'actions', 'description', 'meta']);

type Config = Record<string, unknown>;

function isRecord(value: unknown): value is Config {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const compiledByMachine = new WeakMap<AnyStateMachine, CompiledMachine>();

/** Compile *machine* once (cached per machine); raise UnsupportedMachineError for what it cannot run. */
export function compileMachine(machine: AnyStateMachine, changes: Readonly<Record<string, ContextChange>>): CompiledMachine {
  const cached = compiledByMachine.get(machine);
  if (cached !== undefined) return cached;
  const config = machine.config as unknown as Config;
  const id = typeof config.id === 'string' ? config.id : '(machine)';
  const refuse = (state: string | null, what: string): never => {
    throw new UnsupportedMachineError(id, state, what);
  };
  for (const key of Object.keys(config)) if (!ROOT_KEYS.has(key)) refuse(null, `the machine's own "${key}"`);
  if (typeof config.context !== 'function' && !isRecord(config.context)) refuse(null, 'a context that is neither an object nor a function of the input');
  const statesConfig = config.states;
  if (!isRecord(statesConfig)) return refuse(null, 'no states');
  const implementations = machine.implementations as unknown as {
    guards: Record<string, unknown>;
    actions: Record<string, unknown>;
    delays: Record<string, unknown>;
  };

  const states = new Map<string, CompiledState>();
  for (const name of Object.keys(statesConfig)) {
    states.set(name, { name, final: false, output: null, always: [], after: [], on: new Map() });
  }
  const stateNamed = (from: string, target: unknown): CompiledState => {
    if (typeof target !== 'string') return refuse(from, 'a transition without a single sibling target');
    const state = states.get(target);
    if (state === undefined) return refuse(from, `a target "${target}" that is not a top-level state`);
    if (target === from) return refuse(from, 'a transition to itself (re-entry)');
    return state;
  };
  const compileAction = (from: string, ref: unknown): CompiledAction => {
    const type = typeof ref === 'string' ? ref : isRecord(ref) && typeof ref.type === 'string' ? ref.type : undefined;
    if (type === undefined) return refuse(from, 'an inline action (only named actions are compiled)');
    const params = isRecord(ref) ? ref.params : undefined;
    const change = changes[type] as ((context: object, params: unknown) => object) | undefined;
    const implementation = implementations.actions[type];
    if (change === undefined && !(typeof implementation === 'function' && RUNTIME_EFFECT in implementation)) {
      refuse(from, `action "${type}", which is neither a context change given to the compiler nor a runtimeEffect()`);
    }
    return { name: type, change: change ?? null, params, paramsAreFunction: typeof params === 'function' };
  };
  const compileTransition = (from: string, raw: unknown): CompiledTransition => {
    const t: Config = typeof raw === 'string' ? { target: raw } : isRecord(raw) ? raw : refuse(from, 'a transition that is not an object');
    for (const key of Object.keys(t)) if (!TRANSITION_KEYS.has(key)) refuse(from, `a transition with "${key}"`);
    let guard: GuardFunction | null = null;
    let guardParams: unknown;
    if (t.guard !== undefined) {
      const name = typeof t.guard === 'string' ? t.guard : isRecord(t.guard) && typeof t.guard.type === 'string' ? t.guard.type : undefined;
      if (name === undefined) return refuse(from, 'an inline guard (only named guards are compiled)');
      const implementation = implementations.guards[name];
      if (typeof implementation !== 'function' || 'check' in implementation) return refuse(from, `guard "${name}", which is not a plain named guard`);
      guard = implementation as GuardFunction;
      guardParams = isRecord(t.guard) ? t.guard.params : undefined;
      if (typeof guardParams === 'function') return refuse(from, `guard "${name}" with params computed from the context`);
    }
    const actions = t.actions === undefined ? [] : Array.isArray(t.actions) ? t.actions : [t.actions];
    return { guard, guardParams, target: stateNamed(from, t.target), actions: actions.map((a) => compileAction(from, a)) };
  };
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

  for (const [name, raw] of Object.entries(statesConfig)) {
    if (!isRecord(raw)) return refuse(name, 'a state that is not an object');
    for (const key of Object.keys(raw)) if (!STATE_KEYS.has(key)) refuse(name, `"${key}"`);
    const state = states.get(name) as CompiledState;
    if (raw.type !== undefined && raw.type !== 'final') refuse(name, `state type "${String(raw.type)}"`);
    if (raw.type === 'final') {
      if (raw.always !== undefined || raw.after !== undefined || raw.on !== undefined) refuse(name, 'a final state with transitions');
      state.final = true;
      if (raw.output !== undefined && typeof raw.output !== 'function') refuse(name, 'an output that is not a function');
      state.output = (raw.output as ((args: Args) => unknown) | undefined) ?? null;
      continue;
    }
    if (raw.output !== undefined) refuse(name, 'an output on a state that is not final');
    if (raw.always !== undefined) state.always = list(raw.always).map((t) => compileTransition(name, t));
    if (raw.after !== undefined) {
      if (!isRecord(raw.after)) return refuse(name, 'an "after" that is not an object of delays');
      // xstate schedules a state's delays in the order of the after object's keys.
      for (const [delayKey, transitions] of Object.entries(raw.after)) {
        const numeric = Number(delayKey);
        let delay: CompiledDelay['delay'];
        if (Number.isFinite(numeric) && String(numeric) === delayKey) delay = numeric;
        else {
          const implementation = implementations.delays[delayKey];
          if (typeof implementation === 'function') delay = implementation as (args: Args) => unknown;
          else if (typeof implementation === 'number') delay = implementation;
          else return refuse(name, `delay "${delayKey}", which has no implementation`);
        }
        const eventType = `xstate.after.${delayKey}.${id}.${name}`;
        state.after.push({
          eventType,
          event: { type: eventType },
          delay,
          transitions: list(transitions).map((t) => compileTransition(name, t)),
        });
      }
    }
    if (raw.on !== undefined) {
      if (!isRecord(raw.on)) return refuse(name, 'an "on" that is not an object of events');
      for (const [eventType, transitions] of Object.entries(raw.on)) {
        if (eventType.includes('*')) refuse(name, `a wildcard event "${eventType}"`);
        state.on.set(eventType, list(transitions).map((t) => compileTransition(name, t)));
      }
    }
    if (state.always.length > 0 && (state.after.length > 0 || state.on.size > 0)) refuse(name, 'both eventless and delayed or event transitions');
  }
  const initial = typeof config.initial === 'string' ? states.get(config.initial) : undefined;
  if (initial === undefined) return refuse(null, 'no top-level initial state');
  if (config.output !== undefined && typeof config.output !== 'function') refuse(null, 'an output that is not a function');
  const compiled: CompiledMachine = {
    id,
    context: typeof config.context === 'function' ? (config.context as CompiledMachine['context']) : () => config.context as object,
    initial,
    output: (config.output as CompiledMachine['output'] | undefined) ?? null,
  };
  compiledByMachine.set(machine, compiled);
  return compiled;
}

const INIT_EVENT: EventObject = { type: 'xstate.init' };

/**
 * Advances many calls of one machine through its compiled tables, with the same contract as
 * `MachineDriver`: delayed transitions become scheduler events at now + delay (rounded to the
 * millisecond) and are cancelled when their state is left; effects go to `onEffect` in the order
 * the machine lists them; the output of a final state goes to `onDone`.
 */
export class CompiledDriver<TMachine extends AnyStateMachine> {
  private readonly calls = new Map<number | string, Call>();
  private readonly compiled: CompiledMachine;
  /**
   * The `{ context, event }` handed to guards, delays and params functions. NOTE: one object,
   * refilled for each call, since none of them keeps it (they are pure functions of it).
   */
  private readonly args: Args = { context: {}, event: INIT_EVENT };
  /** Events sent while a macrostep runs wait here until it is done, as in `MachineDriver`. */
  private readonly mailbox: Array<[number | string, EventObject]> = [];
  private busy = false;

  constructor(private readonly options: CompiledDriverOptions<TMachine>) {
    this.compiled = compileMachine(options.machine, options.changes);
  }

  /** The number of calls started and not yet finished. */
  get activeCalls(): number {
    return this.calls.size;
  }

  /** Whether call *callId* is started and not finished. */
  has(callId: number | string): boolean {
    return this.calls.has(callId);
  }

  /** The state call *callId* is in, or undefined if it is not active. */
  stateOf(callId: number | string): string | undefined {
    return this.calls.get(callId)?.state.name;
  }

  /** Start call *callId* with *input*. Raise Error if a call with that id is active. */
  start(callId: number | string, input: InputFrom<TMachine>): void {
    if (this.calls.has(callId)) throw new Error(`call ${String(callId)} is already active.`);
    const compiled = this.compiled;
    // A shallow copy: the call's changes are merged into it in place, never into what the
    // machine's context function returned (it might return its input, or a shared object).
    const call: Call = { state: compiled.initial, context: { ...compiled.context({ input }) }, timers: [] };
    this.calls.set(callId, call);
    const wasBusy = this.busy;
    this.busy = true;
    try {
      this.enter(callId, call, compiled.initial, INIT_EVENT);
      this.settle(callId, call, INIT_EVENT);
    } finally {
      this.busy = wasBusy;
    }
    if (!wasBusy) this.drain();
  }

  /**
   * Send *event* to call *callId*. Raise Error if the call is not active. An event sent while a
   * macrostep runs is delivered after it (and dropped if that macrostep ended the call); an event
   * the current state does not take is ignored, as xstate ignores it.
   */
  send(callId: number | string, event: EventObject): void {
    if (!this.calls.has(callId)) throw new Error(`call ${String(callId)} is not active; cannot send ${event.type}.`);
    this.mailbox.push([callId, event]);
    if (!this.busy) this.drain();
  }

  private drain(): void {
    this.busy = true;
    try {
      let next = this.mailbox.shift();
      while (next !== undefined) {
        const [callId, event] = next;
        const call = this.calls.get(callId);
        const transitions = call?.state.on.get(event.type);
        if (call !== undefined && transitions !== undefined && this.choose(callId, call, transitions, event)) this.settle(callId, call, event);
        next = this.mailbox.shift();
      }
    } finally {
      this.busy = false;
      this.mailbox.length = 0;
    }
  }

  /** Take the first transition of *candidates* whose guard holds; false when none does. */
  private choose(callId: number | string, call: Call, candidates: readonly CompiledTransition[], event: EventObject): boolean {
    for (let i = 0; i < candidates.length; i++) {
      const transition = candidates[i] as CompiledTransition;
      if (transition.guard !== null && !transition.guard(this.with(call.context, event), transition.guardParams)) continue;
      this.take(callId, call, transition, event);
      return true;
    }
    return false;
  }

  private take(callId: number | string, call: Call, transition: CompiledTransition, event: EventObject): void {
    // Exit: the state's pending delays are cancelled.
    if (call.timers.length > 0) {
      for (const handle of call.timers) this.options.scheduler.cancel(handle);
      call.timers.length = 0;
    }
    const actions = transition.actions;
    for (let i = 0; i < actions.length; i++) {
      const action = actions[i] as CompiledAction;
      const params = action.paramsAreFunction ? (action.params as ParamsFunction)(this.with(call.context, event)) : action.params;
      // NOTE: merged in place: the context is this call's own, and nothing keeps an earlier one.
      if (action.change !== null) Object.assign(call.context, action.change(call.context, params));
      else this.options.onEffect(callId, { type: action.name, params } as unknown as Effect<TMachine>);
    }
    call.state = transition.target;
    this.enter(callId, call, transition.target, event);
  }

  /** Entry: schedule the state's delayed transitions, with the delay as the context gives it now. */
  private enter(callId: number | string, call: Call, state: CompiledState, event: EventObject): void {
    const after = state.after;
    for (let i = 0; i < after.length; i++) {
      const delayed = after[i] as CompiledDelay;
      const delay = typeof delayed.delay === 'number' ? delayed.delay : delayed.delay(this.with(call.context, event));
      if (typeof delay !== 'number' || !Number.isFinite(delay) || delay < 0) {
        throw new Error(`call ${String(callId)}: delay of ${delayed.eventType} is ${String(delay)}; it must be a finite number of milliseconds >= 0.`);
      }
      const scheduler = this.options.scheduler;
      const handle: EventHandle = scheduler.schedule(scheduler.now + Math.round(delay), () => {
        if (call.timers.length === 1) call.timers.length = 0;
        else call.timers.splice(call.timers.indexOf(handle), 1);
        this.fire(callId, call, delayed);
      });
      call.timers.push(handle);
    }
  }

  private fire(callId: number | string, call: Call, delayed: CompiledDelay): void {
    // The call cannot have ended or left the state: both cancel its timers.
    this.busy = true;
    try {
      if (this.choose(callId, call, delayed.transitions, delayed.event)) this.settle(callId, call, delayed.event);
    } finally {
      this.busy = false;
    }
    this.drain();
  }

  private with(context: object, event: EventObject): Args {
    this.args.context = context;
    this.args.event = event;
    return this.args;
  }

  /** Follow eventless transitions until none is enabled; then hand over the output of a final state. */
  private settle(callId: number | string, call: Call, event: EventObject): void {
    while (call.state.always.length > 0 && this.choose(callId, call, call.state.always, event));
    const state = call.state;
    if (!state.final) return;
    this.calls.delete(callId);
    // As xstate does: without a machine output there is none, and the state's is not evaluated.
    let output: unknown;
    if (this.compiled.output !== null) {
      const stateOutput = state.output === null ? undefined : state.output({ context: call.context, event });
      output = this.compiled.output({ context: call.context, event: { type: `xstate.done.state.${this.compiled.id}`, output: stateOutput } as EventObject });
    }
    this.options.onDone(callId, output as OutputFrom<TMachine>);
  }
}
