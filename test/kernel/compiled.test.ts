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
    ['an external event', base.createMachine({ id: 'm', context: { n: 0 }, initial: 'a', states: { a: { on: { go: 'b' } }, b: { type: 'final' } } }), /state a: "on"/],
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
