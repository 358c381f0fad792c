/**
 * The compiled executor against XState's own (MachineDriver, the reference): the same machine and
 * inputs give the same effects, at the same simulated times, and the same outputs; what the
 * compiler cannot run is refused when it compiles, naming the state.
 */
import { describe, expect, it } from 'vitest';
import { assign, setup, type AnyStateMachine } from 'xstate';
import { CompiledDriver, MachineDriver, Simulation, UnsupportedMachineError, type ContextChange } from '../../engine/kernel/index.js';
import { machineChanges, machines, type CallKind } from '../../engine/machines/index.js';
import { runtimeEffect } from '../../engine/machines/effect.js';
import { SAMPLES } from '../machines/samples.js';

type Run = { at: number; what: string; detail: unknown }[];

/** Start every input at once (ids 0..n-1) on one simulation, and log effects and ends with their times. */
function runAll(engine: 'xstate' | 'compiled', machine: AnyStateMachine, changes: Readonly<Record<string, ContextChange>>, inputs: readonly unknown[]): Run {
  const sim = new Simulation(0);
  const log: Run = [];
  const handlers = {
    scheduler: sim,
    // An xstate action object also carries `info` and `exec`; what the runtime reads is type and params.
    onEffect: (callId: string | number, effect: unknown) => {
      const { type, params } = effect as { type: string; params: unknown };
      log.push({ at: sim.now, what: `effect ${String(callId)}`, detail: { type, params } });
    },
    onDone: (callId: string | number, output: unknown) => log.push({ at: sim.now, what: `done ${String(callId)}`, detail: output }),
  };
  const driver = engine === 'xstate' ? new MachineDriver({ machine, ...handlers }) : new CompiledDriver({ machine, changes, ...handlers });
  inputs.forEach((input, i) => driver.start(i, input as never));
  sim.run({ until: 1e12 });
  expect(driver.activeCalls).toBe(0);
  return log;
}

describe('the compiled executor', () => {
  for (const kind of Object.keys(machines) as CallKind[]) {
    it(`gives the ${kind} machine's effects, times and outputs exactly as XState does, for every sample input`, () => {
      const machine = machines[kind] as AnyStateMachine;
      const changes = machineChanges[kind] as Readonly<Record<string, ContextChange>>;
      const inputs = SAMPLES[kind];
      const reference = runAll('xstate', machine, changes, inputs);
      expect(reference.filter((e) => e.what.startsWith('done')).length).toBe(inputs.length);
      expect(runAll('compiled', machine, changes, inputs)).toEqual(reference);
    });
  }

  const effect = runtimeEffect<{ n: number }>();
  const base = setup({
    types: { context: {} as { n: number }, events: {} as { type: 'go' } },
    guards: { positive: ({ context }) => context.n > 0 },
    actions: { bump: assign(({ context }) => ({ n: context.n + 1 })), tell: effect, plain: () => {} },
    delays: { wait: 10 },
  });

  const refused: [string, AnyStateMachine, RegExp][] = [
    ['nested states', base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { initial: 'x', states: { x: {} } } } }), /state a: "initial"/],
    ['an entry action', base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { entry: 'bump', always: 'b' }, b: { type: 'final' } } }), /state a: "entry"/],
    ['a wildcard event', base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { on: { '*': 'b' } }, b: { type: 'final' } } }), /state a: a wildcard event/],
    ['an inline guard', base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { always: { guard: ({ context }) => context.n > 0, target: 'b' } }, b: { type: 'final' } } }), /state a: an inline guard/],
    ['an action that is neither a change nor an effect', base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { always: { target: 'b', actions: 'plain' } }, b: { type: 'final' } } }), /state a: action "plain"/],
    ['a change the compiler was not given', base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { always: { target: 'b', actions: 'bump' } }, b: { type: 'final' } } }), /state a: action "bump"/],
  ];
  for (const [what, machine, message] of refused) {
    it(`refuses ${what} when it compiles, naming the state`, () => {
      const create = () => new CompiledDriver({ machine, changes: {}, scheduler: new Simulation(0), onEffect: () => {}, onDone: () => {} });
      expect(create).toThrow(UnsupportedMachineError);
      expect(create).toThrow(message);
    });
  }

  it('delivers events sent from inside an effect after the macrostep, in order, and ignores those no state takes, as XState does', () => {
    // Each effect sends `go` to every call started: call 1 to itself (taken after its macrostep);
    // call 0 to call 1 (now in b, which ignores it), to call 2 (in c: ignored) and to itself.
    const machine = setup({
      types: { context: {} as { n: number }, input: {} as { n: number }, events: {} as { type: 'go' }, output: {} as number },
      guards: { positive: ({ context }) => context.n > 0 },
      actions: { bump: assign(({ context }) => ({ n: context.n + 1 })), tell: effect },
      delays: { wait: 10 },
    }).createMachine({
      id: 'm',
      context: ({ input }) => ({ n: input.n }),
      initial: 'start',
      states: {
        start: { always: [{ guard: 'positive', target: 'a', actions: { type: 'tell', params: { n: 1 } } }, { target: 'c' }] },
        a: { on: { go: { target: 'b', actions: 'bump' } }, after: { wait: 'c' } },
        b: { after: { wait: 'done' } },
        c: { after: { wait: 'done' } },
        done: { type: 'final', output: ({ context }) => context.n },
      },
      output: ({ event }) => event.output as number,
    });
    const changes = { bump: (context: { n: number }) => ({ n: context.n + 1 }) } as unknown as Readonly<Record<string, ContextChange>>;
    const run = (engine: 'xstate' | 'compiled') => {
      const sim = new Simulation(0);
      const log: string[] = [];
      let driver: { start(id: number, input: unknown): void; send(id: number, event: { type: 'go' }): void; has(id: number): boolean };
      const handlers = {
        scheduler: sim,
        onEffect: () => {
          for (const id of [0, 1, 2]) if (driver.has(id)) driver.send(id, { type: 'go' });
        },
        onDone: (id: string | number, output: unknown) => log.push(`${sim.now} done ${String(id)} ${String(output)}`),
      };
      driver = (engine === 'xstate' ? new MachineDriver({ machine, ...handlers }) : new CompiledDriver({ machine, changes, ...handlers })) as unknown as typeof driver;
      driver.start(1, { n: 10 });
      driver.start(2, { n: 0 });
      driver.start(0, { n: 5 });
      sim.run({ until: 1e6 });
      return log;
    };
    const reference = run('xstate');
    expect(reference).toEqual(['10 done 1 11', '10 done 2 0', '10 done 0 6']);
    expect(run('compiled')).toEqual(reference);
  });

  it('gives no output without a machine output, as XState does', () => {
    const machine = base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { always: 'b' }, b: { type: 'final', output: () => 7 } } });
    expect(runAll('xstate', machine, {}, [undefined])).toEqual([{ at: 0, what: 'done 0', detail: undefined }]);
    expect(runAll('compiled', machine, {}, [undefined])).toEqual([{ at: 0, what: 'done 0', detail: undefined }]);
  });

  it('runs a change it was given and an effect, as XState does', () => {
    const machine = base.createMachine({
      id: 'm',
      context: { n: 0 },
      initial: 'a',
      states: {
        a: { after: { wait: { target: 'b', actions: ['bump', { type: 'tell', params: ({ context }) => ({ n: context.n }) }] } } },
        b: { always: [{ guard: 'positive', target: 'c' }, { target: 'a' }] },
        c: { type: 'final', output: ({ context }) => context.n },
      },
      output: ({ event }) => (event as unknown as { output: number }).output,
    });
    const changes = { bump: (context: { n: number }) => ({ n: context.n + 1 }) } as unknown as Record<string, ContextChange>;
    const reference = runAll('xstate', machine, changes, [undefined]);
    expect(reference).toEqual([
      { at: 10, what: 'effect 0', detail: { type: 'tell', params: { n: 1 } } },
      { at: 10, what: 'done 0', detail: 1 },
    ]);
    expect(runAll('compiled', machine, changes, [undefined])).toEqual(reference);
  });
});
