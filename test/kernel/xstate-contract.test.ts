/**
 * The contract between callsim and the installed xstate: every fact engine/kernel/xstate-adapter.ts
 * relies on beyond xstate's documented public API, checked on small machines of their own. When an
 * xstate upgrade breaks one, the failure says what changed and which export of the adapter to fix.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  assign,
  createMachine,
  emit,
  and,
  fromTransition,
  getInitialMicrosteps,
  getMicrosteps,
  initialTransition,
  log,
  not,
  or,
  raise,
  sendTo,
  setup,
  spawnChild,
  stateIn,
  stopChild,
  transition,
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventObject,
  type ExecutableActionObject,
} from 'xstate';
import {
  CANCEL_ACTION,
  RAISE_ACTION,
  XSTATE_VERSION_RANGE,
  afterEventDelay,
  cancelledRaiseId,
  inertScope,
  isAfterEvent,
  isBuiltInAction,
  isBuiltInGuard,
  needsLiveActors,
  raiseParams,
  transitionCandidates,
} from '../../engine/kernel/xstate-adapter.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const installed = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('xstate/package.json'), 'utf8')) as { version: string }).version;

/** The failure message: what changed in xstate, and what to fix in the adapter. */
function changed(what: string, fix: string): string {
  return (
    `xstate ${installed} changed ${what}. Fix ${fix} in engine/kernel/xstate-adapter.ts ` +
    `(checked against xstate ${XSTATE_VERSION_RANGE}), then widen XSTATE_VERSION_RANGE and package.json's pin.`
  );
}

// ------------------------------------------------------------------------------------------------
// A small machine with what the call machines use: an input, an eventless chain with guards (one
// with params), named and numeric delays, a named effect, a context change, final states and output.
// ------------------------------------------------------------------------------------------------

/** How often xstate ran the machine's named effect: an inert scope must never run it. */
let effectRuns = 0;

const contractMachine = setup({
  types: {
    context: {} as { level: number; waitMs: number | undefined },
    input: {} as { level: number; waitMs: number | undefined },
    events: {} as { type: 'STOP' } | { type: 'GO' },
    output: {} as { result: string; level: number },
  },
  guards: {
    atLeast: ({ context }, params: { min: number }) => context.level >= params.min,
    isZero: ({ context }) => context.level === 0,
  },
  actions: {
    bump: assign({ level: ({ context }) => context.level + 1 }),
    record: (_args, _params: { what: string }) => {
      effectRuns++;
    },
  },
  delays: {
    wait: ({ context }) => context.waitMs as number,
  },
}).createMachine({
  id: 'contract',
  context: ({ input }) => ({ level: input.level, waitMs: input.waitMs }),
  initial: 'checking',
  states: {
    checking: {
      always: [
        { guard: { type: 'atLeast', params: { min: 10 } }, target: 'high', actions: { type: 'record', params: { what: 'high' } } },
        { guard: 'isZero', target: 'zero' },
        { target: 'waiting', actions: 'bump' },
      ],
    },
    waiting: {
      after: {
        wait: [{ guard: { type: 'atLeast', params: { min: 5 } }, target: 'done', actions: { type: 'record', params: { what: 'done' } } }, { target: 'retrying' }],
        1000: 'timedOut',
      },
      on: { STOP: 'stopped', GO: { actions: 'bump' } },
    },
    retrying: { always: { target: 'checking', actions: 'bump' } },
    high: { type: 'final' },
    zero: { type: 'final' },
    done: { type: 'final' },
    timedOut: { type: 'final' },
    stopped: { type: 'final' },
  },
  output: ({ context }) => ({ result: 'ended', level: context.level }),
});

type Input = { level: number; waitMs: number | undefined };

const WAIT_EVENT = 'xstate.after.wait.contract.waiting';
const TIMEOUT_EVENT = 'xstate.after.1000.contract.waiting';

/** What a snapshot and its actions are, comparably: xstate's persisted snapshot and each action's type and params. */
function comparable(snapshot: AnyMachineSnapshot, actions: readonly ExecutableActionObject[]): unknown {
  return {
    snapshot: JSON.parse(JSON.stringify(snapshot.machine.getPersistedSnapshot(snapshot))) as unknown,
    actions: actions.map((a) => ({ type: a.type, params: a.params as unknown })),
  };
}

/** Runs machines the way the driver does: one inert scope from the adapter, actions collected. */
class ScopeRunner {
  private readonly collected: ExecutableActionObject[] = [];
  readonly scope: AnyActorScope;

  constructor(
    readonly machine: AnyStateMachine,
    firstInput: unknown,
  ) {
    this.scope = inertScope(machine, firstInput, (a) => this.collected.push(a));
  }

  start(input: unknown): [AnyMachineSnapshot, ExecutableActionObject[]] {
    this.collected.length = 0;
    const snapshot = this.machine.getInitialSnapshot(this.scope, input) as AnyMachineSnapshot;
    return [snapshot, this.collected.splice(0)];
  }

  send(snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, ExecutableActionObject[]] {
    this.collected.length = 0;
    const next = this.machine.transition(snapshot, event, this.scope) as AnyMachineSnapshot;
    return [next, this.collected.splice(0)];
  }
}

/**
 * The driver's timers in miniature: the pending delayed raises after *actions*, by id, with the
 * delay each was raised with.
 */
function pendingAfter(pending: Map<string, { event: EventObject; delay: number }>, actions: readonly ExecutableActionObject[]): void {
  for (const action of actions) {
    if (action.type === RAISE_ACTION) {
      const { event, id, delay } = raiseParams(action);
      if (delay !== undefined && id !== undefined) pending.set(id, { event, delay });
    } else if (action.type === CANCEL_ACTION) {
      pending.delete(cancelledRaiseId(action));
    }
  }
}

/**
 * One call of the contract machine run twice, with the adapter's scope and with xstate's own pure
 * `initialTransition` / `transition`: each step's results as `comparable` gives them. Events come
 * from *script*, or when it is empty from the pending delayed raise with the shortest delay.
 */
function bothWays(runner: ScopeRunner, input: Input, script: EventObject[] = []): { ours: unknown[]; xstates: unknown[]; output: unknown } {
  const ours: unknown[] = [];
  const xstates: unknown[] = [];
  let [mine, mineActions] = runner.start(input);
  let [theirs, theirActions] = initialTransition(contractMachine, input) as [AnyMachineSnapshot, ExecutableActionObject[]];
  ours.push(comparable(mine, mineActions));
  xstates.push(comparable(theirs, theirActions));
  const pending = new Map<string, { event: EventObject; delay: number }>();
  pendingAfter(pending, mineActions);
  const events = [...script];
  for (let i = 0; i < 20 && mine.status === 'active'; i++) {
    let event = events.shift();
    if (event === undefined) {
      const next = [...pending.values()].sort((a, b) => a.delay - b.delay)[0];
      if (next === undefined) break;
      event = next.event;
    }
    pending.clear();
    [mine, mineActions] = runner.send(mine, event);
    [theirs, theirActions] = transition(contractMachine, theirs, event as never) as [AnyMachineSnapshot, ExecutableActionObject[]];
    ours.push(comparable(mine, mineActions));
    xstates.push(comparable(theirs, theirActions));
    pendingAfter(pending, mineActions);
  }
  return { ours, xstates, output: mine.output };
}

describe('the installed xstate', () => {
  it('is in the range the adapter was checked against, and package.json pins that range', () => {
    const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(installed);
    const range = /^~(\d+)\.(\d+)\.(\d+)$/.exec(XSTATE_VERSION_RANGE);
    expect(range, 'XSTATE_VERSION_RANGE must be a tilde range ~major.minor.patch').not.toBeNull();
    const [major, minor, patch] = (match ?? []).slice(1).map(Number);
    const [rMajor, rMinor, rPatch] = (range ?? []).slice(1).map(Number);
    const inRange = match !== null && major === rMajor && minor === rMinor && (patch ?? -1) >= (rPatch ?? 0);
    expect(
      inRange,
      `xstate ${installed} is installed, but engine/kernel/xstate-adapter.ts was checked against ${XSTATE_VERSION_RANGE} only: ` +
        'run this contract suite against it, fix the adapter where it fails, then update XSTATE_VERSION_RANGE and package.json.',
    ).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies.xstate, "package.json must pin xstate to the adapter's XSTATE_VERSION_RANGE").toBe(XSTATE_VERSION_RANGE);
  });
});

describe("the adapter's inert scope (inertScope)", () => {
  const inputs: Input[] = [
    { level: 12, waitMs: 500 }, // checking -> high at once, with an effect
    { level: 0, waitMs: 500 }, // checking -> zero
    { level: 3, waitMs: 500 }, // waits, retries once (an eventless chain across states), then done
    { level: 3, waitMs: 5000 }, // waits past the 1000 ms timeout
    { level: 3, waitMs: undefined }, // a delay that is no number: xstate fires it within the macrostep
  ];

  it.each(inputs)('gives the same snapshots, actions and output as xstate\'s initialTransition / transition (input %o)', (input) => {
    const runner = new ScopeRunner(contractMachine, inputs[0]);
    const { ours, xstates, output } = bothWays(runner, input);
    expect(ours, changed('what machine.getInitialSnapshot / machine.transition do with an actor scope', 'inertScope')).toEqual(xstates);
    expect(output, 'the contract machine should have ended').toBeDefined();
  });

  it('gives the same results for an event sent from outside, with actions that cancel timers', () => {
    const runner = new ScopeRunner(contractMachine, inputs[0]);
    const { ours, xstates } = bothWays(runner, { level: 3, waitMs: 500 }, [{ type: 'GO' }, { type: 'STOP' }]);
    expect(ours, changed('what machine.transition does with an actor scope', 'inertScope')).toEqual(xstates);
  });

  it('can be reused for many calls, interleaved, as the driver does', () => {
    const shared = new ScopeRunner(contractMachine, inputs[0]);
    const a = shared.start({ level: 3, waitMs: 500 });
    const b = shared.start({ level: 4, waitMs: 500 });
    const a2 = shared.send(a[0], { type: 'GO' });
    const b2 = shared.send(b[0], { type: 'STOP' });
    const fresh = (input: Input, event: EventObject): unknown => {
      const runner = new ScopeRunner(contractMachine, input);
      const [s] = runner.start(input);
      const next = runner.send(s, event);
      return comparable(...next);
    };
    expect([comparable(...a2), comparable(...b2)], changed('whether one actor scope can serve many transitions', 'inertScope')).toEqual([
      fresh({ level: 3, waitMs: 500 }, { type: 'GO' }),
      fresh({ level: 4, waitMs: 500 }, { type: 'STOP' }),
    ]);
  });

  it('collects actions without executing them', () => {
    effectRuns = 0;
    const runner = new ScopeRunner(contractMachine, inputs[0]);
    const [, actions] = runner.start({ level: 12, waitMs: 500 });
    expect(actions.map((a) => a.type), 'the contract machine should list its effect').toContain('record');
    expect(effectRuns, changed('whether a scope whose actionExecutor collects still executes actions', 'inertScope')).toBe(0);
  });

  it('is inert: emitting, deferring, logging and stopping children through it do nothing', () => {
    const runner = new ScopeRunner(contractMachine, inputs[0]);
    let heard = 0;
    runner.scope.self.on('*', () => heard++);
    runner.scope.emit({ type: 'told' });
    runner.scope.defer(() => heard++);
    runner.scope.logger('nothing to log');
    runner.scope.stopChild(runner.scope.self);
    runner.start({ level: 12, waitMs: 500 });
    expect(heard, changed('the actor scope initialTransition passes to getInitialSnapshot (no longer inert)', 'inertScope')).toBe(0);
  });

  it('survives a machine that cannot be evaluated without input, and one that fails on the first input', () => {
    const strict = setup({
      types: { input: {} as { n: number }, context: {} as { n: number } },
      guards: { big: ({ context }) => context.n > 1 },
    }).createMachine({
      context: ({ input }) => ({ n: (input as { n: number }).n }),
      initial: 'a',
      states: { a: { always: [{ guard: 'big', target: 'b' }] }, b: { type: 'final' } },
    });
    expect(() => inertScope(strict, undefined, () => {}), changed('how initialTransition treats a machine that throws', 'inertScope')).not.toThrow();
    const runner = new ScopeRunner(strict, { n: 2 });
    expect(runner.start({ n: 2 })[0].status).toBe('done');
  });
});

/** Raises in the order of their ids (a state's `after` timers come in the order of its `after` keys, numbers first). */
function byId<T extends { id: string | undefined }>(raises: T[]): T[] {
  return [...raises].sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''));
}

describe('raise and cancel actions (raiseParams, cancelledRaiseId)', () => {
  const runner = new ScopeRunner(contractMachine, { level: 12, waitMs: 500 });

  it('lists one xstate.raise per `after` timer, with the event, its id and the resolved delay', () => {
    const [snapshot, actions] = runner.start({ level: 3, waitMs: 500 });
    expect(snapshot.value).toBe('waiting');
    const raises = actions.filter((a) => a.type === RAISE_ACTION).map(raiseParams);
    expect(byId(raises), changed('the xstate.raise actions of `after` transitions ({ event, id, delay })', 'RAISE_ACTION / raiseParams')).toEqual([
      { event: { type: TIMEOUT_EVENT }, id: TIMEOUT_EVENT, delay: 1000 },
      { event: { type: WAIT_EVENT }, id: WAIT_EVENT, delay: 500 },
    ]);
  });

  it('names `after` events and raise ids xstate.after.<delay>.<state id>', () => {
    const [, actions] = runner.start({ level: 3, waitMs: 500 });
    const ids = actions.filter((a) => a.type === RAISE_ACTION).map((a) => raiseParams(a).id ?? '').sort();
    const what = changed('the id format of `after` events (xstate.after.<delay>.<state id>)', 'isAfterEvent / afterEventDelay');
    expect(ids, what).toEqual([TIMEOUT_EVENT, WAIT_EVENT]);
    expect(ids.map(isAfterEvent), what).toEqual([true, true]);
    expect(ids.map(afterEventDelay), what).toEqual(['1000', 'wait']);
    expect([isAfterEvent('GO'), afterEventDelay('GO')]).toEqual([false, undefined]);
  });

  it('takes the `after` transition when the raised event is sent back', () => {
    const [snapshot, actions] = runner.start({ level: 5, waitMs: 500 });
    const wait = actions.filter((a) => a.type === RAISE_ACTION).map(raiseParams).find((r) => r.id === WAIT_EVENT);
    const [next] = runner.send(snapshot, wait?.event ?? { type: 'none' });
    expect(next.value, changed('how an `after` transition is taken from its raised event', 'raiseParams')).toBe('done');
  });

  it('cancels each pending timer, by its raise id, when the state is left', () => {
    const [snapshot] = runner.start({ level: 3, waitMs: 500 });
    const [next, actions] = runner.send(snapshot, { type: 'STOP' });
    expect(next.value).toBe('stopped');
    const cancels = actions.filter((a) => a.type === CANCEL_ACTION).map(cancelledRaiseId).sort();
    expect(cancels, changed('the xstate.cancel actions of a state left with pending `after` timers ({ sendId })', 'CANCEL_ACTION / cancelledRaiseId')).toEqual([
      TIMEOUT_EVENT,
      WAIT_EVENT,
    ]);
  });

  it('lists a delay that is no number as an undelayed raise with the after id, already processed', () => {
    const [snapshot, actions] = runner.start({ level: 3, waitMs: undefined });
    const what = changed('what an `after` transition whose delay is not a number does', 'raiseParams (and the driver\'s refusal of it)');
    expect(actions.filter((a) => a.type === RAISE_ACTION).map(raiseParams).find((r) => r.id === WAIT_EVENT), what).toEqual({
      event: { type: WAIT_EVENT },
      id: WAIT_EVENT,
      delay: undefined,
    });
    expect(snapshot.value, what).toBe('done');
  });

  it('lists plain and delayed raises without an id with id undefined', () => {
    const raising = createMachine({
      initial: 'a',
      states: {
        a: { entry: [raise({ type: 'NOW' }), raise({ type: 'LATER' }, { delay: 20 })], on: { NOW: 'b' } },
        b: { on: { LATER: 'c' } },
        c: { type: 'final' },
      },
    });
    const [snapshot, actions] = new ScopeRunner(raising, undefined).start(undefined);
    expect(actions.filter((a) => a.type === RAISE_ACTION).map(raiseParams), changed('the params of xstate.raise', 'raiseParams')).toEqual([
      { event: { type: 'NOW' }, id: undefined, delay: undefined },
      { event: { type: 'LATER' }, id: undefined, delay: 20 },
    ]);
    expect(snapshot.value).toBe('b');
  });

  it("names xstate's own actions xstate.*, those needing live actors spawnChild, stopChild and sendTo", () => {
    const child = fromTransition((s: number) => s, 0);
    const live = createMachine({
      initial: 'a',
      states: {
        a: {
          entry: [spawnChild(child, { id: 'kid' }), sendTo('kid', { type: 'HI' }), log('hello'), emit({ type: 'told' })],
          on: { GO: { target: 'b', actions: stopChild('kid') } },
        },
        b: {},
      },
    });
    const runner2 = new ScopeRunner(live, undefined);
    const [snapshot, start] = runner2.start(undefined);
    const [, go] = runner2.send(snapshot, { type: 'GO' });
    const types = [...start, ...go].map((a) => a.type);
    const what = changed("the types of its own actions (xstate.*) or which of them need live actors", 'isBuiltInAction / needsLiveActors');
    expect(types, what).toEqual(['xstate.spawnChild', 'xstate.sendTo', 'xstate.log', 'xstate.emit', 'xstate.stopChild']);
    expect(types.map(isBuiltInAction), what).toEqual([true, true, true, true, true]);
    expect(types.map(needsLiveActors), what).toEqual([true, true, false, false, true]);
    expect([isBuiltInAction('record'), needsLiveActors(RAISE_ACTION), needsLiveActors(CANCEL_ACTION)]).toEqual([false, false, false]);
  });
});

describe('which transitions xstate tries, in which order (transitionCandidates)', () => {
  /**
   * A machine whose guards all fail and note their name when they see the event *sent* (xstate
   * also evaluates the machine on its own, without input, to build an inert scope): the order
   * xstate evaluates them in.
   */
  function noting(): { machine: AnyStateMachine; noted: string[]; send: (snapshot: AnyMachineSnapshot, type: string) => void } {
    const noted: string[] = [];
    let sent: EventObject | undefined;
    const guard = (name: string) => ({ event }: { event: EventObject }) => {
      if (event === sent) noted.push(name);
      return false;
    };
    const names = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6', 'g7', 'g8', 'g9', 'g10', 'g11', 'g12'];
    const machine = createMachine(
      {
        id: 'order',
        initial: 's',
        on: { 'a.b.c': { guard: 'g10', target: '.t' }, '*': { guard: 'g11', target: '.t' } },
        states: {
          s: {
            on: {
              'a.*': { guard: 'g1', target: 't' },
              '*': { guard: 'g2', target: 't' },
              'a.b.c': [{ guard: 'g3', target: 't' }, { guard: { type: 'g4', params: { p: 1 } } }],
              'a.b.*': { guard: 'g5', target: 't' },
              'x.y': { guard: 'g6', target: 't' },
            },
            always: [{ guard: 'g7', target: 't' }, { guard: 'g8', target: 't' }],
            after: { 50: { guard: 'g9', target: 't' } },
          },
          t: {},
        },
        always: { guard: 'g12', target: '.t' },
      },
      { guards: Object.fromEntries(names.map((n) => [n, guard(n)])) },
    );
    const send = (snapshot: AnyMachineSnapshot, type: string): void => {
      sent = { type };
      getMicrosteps(machine, snapshot as never, sent);
    };
    return { machine, noted, send };
  }

  it('lists them in the order xstate evaluates their guards, for an event and without one', () => {
    const { machine, noted, send } = noting();
    const start = getInitialMicrosteps(machine)[0]?.[0] as AnyMachineSnapshot;
    send(start, 'a.b.c');
    const expected = [...transitionCandidates(start, 'a.b.c'), ...transitionCandidates(start, undefined)].map((c) => c.guard);
    expect(noted, changed('the order in which it tries transitions for an event, then eventless ones', 'transitionCandidates')).toEqual(expected);
    expect(expected).toEqual(['g3', 'g4', 'g5', 'g1', 'g2', 'g10', 'g11', 'g7', 'g8', 'g12']);
  });

  it('lists the transition of an `after` event under its event type', () => {
    const { machine, noted, send } = noting();
    const start = getInitialMicrosteps(machine)[0]?.[0] as AnyMachineSnapshot;
    send(start, 'xstate.after.50.order.s');
    const expected = [...transitionCandidates(start, 'xstate.after.50.order.s'), ...transitionCandidates(start, undefined)].map((c) => c.guard);
    expect(noted, changed('the order in which it tries an `after` transition', 'transitionCandidates')).toEqual(expected);
    expect(expected).toEqual(['g9', 'g2', 'g11', 'g7', 'g8', 'g12']);
  });

  it('tells guarded from unguarded and targeted from targetless transitions, by guard name', () => {
    const m = setup({ guards: { named: () => true } }).createMachine({
      initial: 'a',
      states: {
        a: {
          on: {
            E: [
              { guard: 'named', target: 'b' },
              { guard: { type: 'named', params: { x: 1 } }, actions: [] },
              { guard: () => false, target: 'b' },
              { target: 'b' },
            ],
          },
        },
        b: {},
      },
    });
    const start = getInitialMicrosteps(m)[0]?.[0] as AnyMachineSnapshot;
    expect(transitionCandidates(start, 'E'), changed('the guard, target or eventType of its transition definitions', 'transitionCandidates')).toEqual([
      { guarded: true, guard: 'named', hasTarget: true },
      { guarded: true, guard: 'named', hasTarget: false },
      { guarded: true, guard: undefined, hasTarget: true },
      { guarded: false, guard: undefined, hasTarget: true },
    ]);
    expect(transitionCandidates(start, undefined)).toEqual([]);
  });

  it('gives one microstep per transition taken, as the traces read them (getMicrosteps)', () => {
    const steps = getInitialMicrosteps(contractMachine, { level: 3, waitMs: 500 });
    expect(steps.map(([s]) => s.value), changed('what getInitialMicrosteps lists', "the trace's walk (engine/run/trace.ts)")).toEqual(['checking', 'waiting']);
    const waiting = steps.at(-1)?.[0] as AnyMachineSnapshot;
    const after = getMicrosteps(contractMachine, waiting as never, { type: WAIT_EVENT } as never);
    expect(after.map(([s]) => s.value), changed('what getMicrosteps lists', "the trace's walk (engine/run/trace.ts)")).toEqual(['retrying', 'checking', 'waiting']);
  });

  it("tells xstate's built-in guards (and, or, not, stateIn) from guard functions (isBuiltInGuard)", () => {
    const m = setup({
      guards: {
        plain: () => true,
        negated: not('plain'),
        both: and(['plain', 'negated']),
        either: or(['plain', 'negated']),
        inA: stateIn('a'),
      },
    }).createMachine({ initial: 'a', states: { a: {} } });
    const guards = m.implementations.guards as Record<string, unknown>;
    expect(
      Object.fromEntries(Object.entries(guards).map(([name, g]) => [name, isBuiltInGuard(g)])),
      changed('how its built-in guards look in machine.implementations.guards', 'isBuiltInGuard'),
    ).toEqual({ plain: false, negated: true, both: true, either: true, inA: true });
  });
});
