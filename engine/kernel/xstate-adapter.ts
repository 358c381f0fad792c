/**
 * Every use callsim makes of xstate beyond its documented public API, in one place.
 *
 * xstate is pinned to `XSTATE_VERSION_RANGE` in package.json. Each export below says what it
 * relies on; test/kernel/xstate-contract.test.ts checks each of those facts against the installed
 * xstate and, when an upgrade changes one, fails with a message naming what changed and which
 * export here to fix. Nothing else in the engine may reach into xstate's internals: the driver
 * (driver.ts) and the tracer (engine/run/trace.ts) go through this module.
 *
 * What it holds: the inert actor scope the driver reuses (`inertScope`); how to read the
 * `xstate.raise` / `xstate.cancel` actions of delayed transitions and which built-in actions need
 * live actors; the id format of `after` events; and, for traces, the order in which xstate tries
 * transitions (`transitionCandidates`) and how its built-in guards look (`isBuiltInGuard`).
 *
 * What the rest of the engine uses directly, all public: `setup`, `assign`, `machine.provide`,
 * `machine.implementations`, `machine.resolveState`, `machine.transition` / `getInitialSnapshot`
 * (the ActorLogic interface), `getMicrosteps`, `getInitialMicrosteps`, and snapshots' `value`,
 * `status`, `context`, `output` and `error`.
 */
import { getNextTransitions, initialTransition } from 'xstate';
import type {
  AnyActorScope,
  AnyMachineSnapshot,
  AnyStateMachine,
  AnyTransitionDefinition,
  EventObject,
  ExecutableActionObject,
  SpecialExecutableAction,
} from 'xstate';

/** The xstate versions this module was checked against; package.json's `xstate` range. */
export const XSTATE_VERSION_RANGE = '~5.33.3';

// ---------------------------------------------------------------------------------------------
// The inert actor scope
// ---------------------------------------------------------------------------------------------

/**
 * An actor scope for `machine.getInitialSnapshot(scope, input)` and
 * `machine.transition(snapshot, event, scope)` that hands every executable action to *collect*
 * instead of executing it, as xstate's pure `initialTransition` / `transition` do, but that can be
 * reused for every transition of every call of *machine*.
 *
 * Why not public: xstate builds such a scope in its private `createInertActorScope` and makes a new
 * one on every `transition()` call, from a throwaway `createActor(machine)` that evaluates the
 * machine without input (callsim's machines throw a TypeError there, which xstate catches: about
 * 20 µs a transition). Rather than copy that private function (a copy drifts: 5.33 gives the scope
 * a fresh actor system), this takes xstate's own scope: `initialTransition` passes it to the
 * logic's `getInitialSnapshot`, which a probe (the machine with that one method overridden)
 * records. Relied on, beyond the public API: that this scope object stays usable after
 * `initialTransition` returns, for any number of transitions, and that setting its
 * `actionExecutor` makes it collect actions exactly as `transition()` does (which sets that very
 * field). *input* is one valid input of the machine: xstate evaluates the machine with it once.
 */
export function inertScope(machine: AnyStateMachine, input: unknown, collect: (action: ExecutableActionObject) => void): AnyActorScope {
  let captured: AnyActorScope | undefined;
  const probe = Object.create(machine) as AnyStateMachine;
  probe.getInitialSnapshot = (scope: AnyActorScope, probeInput: unknown) => {
    captured = scope;
    return machine.getInitialSnapshot(scope, probeInput);
  };
  try {
    initialTransition(probe, input);
  } catch {
    // The machine failed on *input*; the caller's own transition with it will say why. The scope
    // was recorded before the machine ran.
  }
  if (captured === undefined) {
    throw new Error(
      "xstate's initialTransition no longer passes an actor scope to the logic's getInitialSnapshot: " +
        'engine/kernel/xstate-adapter.ts (inertScope) must build its inert scope another way.',
    );
  }
  captured.actionExecutor = collect;
  return captured;
}

// ---------------------------------------------------------------------------------------------
// Built-in actions: raise, cancel, and those that need live actors
// ---------------------------------------------------------------------------------------------

/** The type of the action xstate lists for `raise`, delayed or not, and for each `after` timer. */
export const RAISE_ACTION = 'xstate.raise';
/** The type of the action xstate lists when a pending delayed raise is cancelled (a state with `after` is left). */
export const CANCEL_ACTION = 'xstate.cancel';

/** The `xstate.raise` action as `transition()` lists it (xstate's ExecutableRaiseAction). */
type RaiseAction = Extract<SpecialExecutableAction, { type: 'xstate.raise' }>;

/** What a raise asks for: *event*, after *delay* ms (undefined: at once), under *id* (undefined: none). */
export interface RaiseParams {
  event: EventObject;
  id: string | undefined;
  delay: number | undefined;
}

/**
 * The params of an `xstate.raise` action. Relied on: they are `{ event, id, delay }`, `delay` the
 * resolved number of ms or undefined when the raise was not delayed (or its delay did not resolve
 * to a number: then xstate has already processed the event within the macrostep).
 */
export function raiseParams(action: ExecutableActionObject): RaiseParams {
  // A compile-time check that xstate's own type still has these fields.
  const params: RaiseParams = (action as RaiseAction).params;
  return params;
}

/**
 * The id of the delayed raise an `xstate.cancel` action cancels. Relied on: its params are
 * `{ sendId }`, the raise's id (xstate's types leave `xstate.cancel` out of ExecutableActionsFrom).
 */
export function cancelledRaiseId(action: ExecutableActionObject): string {
  return (action.params as { sendId: string }).sendId;
}

/** Whether *type* is one of xstate's own actions (`xstate.raise`, `xstate.log`, ...), not a named action of the machine. */
export function isBuiltInAction(type: string): boolean {
  return type.startsWith('xstate.');
}

/** xstate's actions that act on other actors (children, parents), which only live actors can carry out. */
const LIVE_ACTOR_ACTIONS: ReadonlySet<string> = new Set(['xstate.spawnChild', 'xstate.stopChild', 'xstate.sendTo']);

/** Whether the built-in action *type* needs live actors (spawning, stopping, sending to another actor). */
export function needsLiveActors(type: string): boolean {
  return LIVE_ACTOR_ACTIONS.has(type);
}

// ---------------------------------------------------------------------------------------------
// The events of delayed (`after`) transitions
// ---------------------------------------------------------------------------------------------

/**
 * xstate names the event of an `after` transition `xstate.after.<delay>.<state id>` (delay: the
 * delay's name or its ms), and raises it with that same string as the raise id.
 */
const AFTER_PREFIX = 'xstate.after.';

/** Whether *id* (a raise id or an event type) is that of an `after` transition's timer. */
export function isAfterEvent(id: string): boolean {
  return id.startsWith(AFTER_PREFIX);
}

/**
 * The delay of the `after` event *type* as written in the machine (a delay name such as
 * `ringTime`, or a number of ms), or undefined when *type* is not an `after` event.
 * `xstate.after.ringTime.outbound.ringing` -> `ringTime`.
 */
export function afterEventDelay(type: string): string | undefined {
  if (!type.startsWith(AFTER_PREFIX)) return undefined;
  return type.slice(AFTER_PREFIX.length).split('.')[0] ?? '';
}

// ---------------------------------------------------------------------------------------------
// Which transitions xstate tries, in which order (for traces)
// ---------------------------------------------------------------------------------------------

/** One transition xstate may take from a snapshot, as a trace reads it. */
export interface TransitionCandidate {
  /** Whether the transition has a guard; xstate takes the first candidate that has none or whose guard holds. */
  guarded: boolean;
  /** The guard's name (`'g'` or `{ type: 'g', params }`); undefined for an inline function or a combinator (and/or/not). */
  guard: string | undefined;
  /** Whether it names a target; a transition without one stays in its state. */
  hasTarget: boolean;
}

/**
 * Whether a guard implementation (from `machine.implementations.guards`) is one of xstate's
 * built-in combinators (`and`, `or`, `not`, `stateIn`), which xstate evaluates itself and which must
 * not be called as a function (a wrapper noting its result cannot stand in for it). Relied on: they
 * carry a `check` method.
 */
export function isBuiltInGuard(implementation: unknown): boolean {
  return typeof implementation === 'function' && 'check' in implementation;
}

/** The eventType xstate gives an eventless (`always`) transition. */
const EVENTLESS = '';
const WILDCARD = '*';

/**
 * The transitions xstate tries from *snapshot*, in the order it evaluates their guards: for the
 * event *eventType*, or the eventless (`always`) ones when *eventType* is undefined. Exact for a
 * machine in one atomic state (any depth); with parallel regions xstate picks one transition per
 * region, which this list does not say.
 *
 * Built on the public `getNextTransitions`; relied on beyond it: an `always` transition has
 * eventType `''`; for an event, each state node (the atomic state first, then its ancestors) tries
 * the transitions of the exact event type, then those whose wildcard descriptor (`*`, `a.*`)
 * matches, most specific (longest) descriptor first.
 */
export function transitionCandidates(snapshot: AnyMachineSnapshot, eventType: string | undefined): TransitionCandidate[] {
  const all = getNextTransitions(snapshot);
  const out: TransitionCandidate[] = [];
  let i = 0;
  while (i < all.length) {
    // One state node's transitions are contiguous in getNextTransitions' list.
    const source = all[i]?.source;
    let end = i;
    while (end < all.length && all[end]?.source === source) end++;
    const own = all.slice(i, end);
    i = end;
    if (eventType === undefined) {
      for (const t of own) if (t.eventType === EVENTLESS) out.push(candidate(t));
      continue;
    }
    for (const t of own) if (t.eventType === eventType) out.push(candidate(t));
    const wildcards = own.filter((t) => t.eventType !== eventType && t.eventType !== EVENTLESS && matchesDescriptor(eventType, t.eventType));
    // Array.prototype.sort is stable: transitions of one descriptor keep their order.
    wildcards.sort((a, b) => b.eventType.length - a.eventType.length);
    for (const t of wildcards) out.push(candidate(t));
  }
  return out;
}

function candidate(t: AnyTransitionDefinition): TransitionCandidate {
  const guard: unknown = t.guard;
  let name: string | undefined;
  if (typeof guard === 'string') name = guard;
  else if (guard !== null && typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') name = guard.type;
  return { guarded: guard !== undefined, guard: name, hasTarget: t.target !== undefined && t.target.length > 0 };
}

/** xstate's event descriptor matching: exact, `*`, or a partial wildcard `a.b.*` (documented; its code is private). */
function matchesDescriptor(eventType: string, descriptor: string): boolean {
  if (descriptor === eventType || descriptor === WILDCARD) return true;
  if (!descriptor.endsWith('.*')) return false;
  const partial = descriptor.split('.');
  const tokens = eventType.split('.');
  for (let k = 0; k < partial.length; k++) {
    // Only a last `*` is a wildcard; `a.*.b.*` matches nothing.
    if (partial[k] === WILDCARD) return k === partial.length - 1;
    if (partial[k] !== tokens[k]) return false;
  }
  return true;
}
