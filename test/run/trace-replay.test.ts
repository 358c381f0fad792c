/**
 * How the tracer (engine/run/trace.ts) rebuilds the states of each macrostep by replaying it with
 * xstate's getMicrosteps, on shapes the call machines may grow into: entry effects, targetless
 * transitions, an event that no transition takes, guards with params, and a trace that cannot be
 * rebuilt (no facts given).
 */
import { describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
import { MachineDriver, Simulation } from '../../engine/kernel/index.js';
import { CallTracer, formatTrace, type CallTrace } from '../../engine/run/trace.js';

const machine = setup({
  types: {
    context: {} as { level: number; pokes: number },
    input: {} as { level: number },
    events: {} as { type: 'POKE' } | { type: 'NUDGE' },
    output: {} as { outcome: 'OUT001'; reason: string; details: unknown },
  },
  guards: {
    atLeast: ({ context }, params: { min: number }) => context.level >= params.min,
    pokedTwice: ({ context }) => context.pokes >= 2,
  },
  actions: {
    bill: (_args, _params: { amount: number }) => {},
    greet: () => {},
    count: assign({ pokes: ({ context }) => context.pokes + 1 }),
  },
}).createMachine({
  id: 'toy',
  context: ({ input }) => ({ level: input.level, pokes: 0 }),
  initial: 'checking',
  states: {
    checking: {
      always: [
        { guard: { type: 'atLeast', params: { min: 10 } }, target: 'high' },
        { guard: { type: 'atLeast', params: { min: 5 } }, target: 'waiting', actions: { type: 'bill', params: { amount: 2 } } },
        { target: 'waiting' },
      ],
    },
    waiting: {
      entry: 'greet',
      on: {
        POKE: { actions: ['count', { type: 'bill', params: { amount: 1 } }] },
        NUDGE: { guard: 'pokedTwice', target: 'done' },
      },
      always: { guard: 'pokedTwice', target: 'done' },
    },
    high: { type: 'final' },
    done: { type: 'final' },
  },
  output: () => ({ outcome: 'OUT001' as const, reason: 'OUT001: toy', details: null }),
});

/** Runs one toy call, traced, through a real driver; *events* are sent at 1 s, 2 s, ... */
function traced(level: number, events: Array<'POKE' | 'NUDGE'>, options: { facts?: boolean } = {}): CallTrace {
  const sim = new Simulation();
  const traces: CallTrace[] = [];
  const tracer = new CallTracer({ select: () => true, onTrace: (t) => traces.push(t) }, 0, Date.UTC(2026, 0, 1), 0, (id) => id);
  const driver = new MachineDriver({
    machine: tracer.machine(machine),
    scheduler: sim,
    onEffect: (callId, effect) => tracer.effect(Number(callId), effect, { ok: true }),
    onDone: (callId, output) => tracer.finish(Number(callId), sim.now, null, output),
    onTransition: (callId, event, snapshot) => tracer.transition(machine, Number(callId), sim.now, event, snapshot.value),
  });
  tracer.begin('outbound', 1, 0);
  if (options.facts !== false) tracer.facts(1, { level });
  driver.start(1, { level });
  events.forEach((type, i) => sim.schedule((i + 1) * 1000, () => driver.has(1) && driver.send(1, { type })));
  sim.run();
  const [trace] = traces;
  if (trace === undefined) throw new Error('the toy call did not finish');
  return trace;
}

function stepLines(trace: CallTrace): string[] {
  const text = formatTrace(trace);
  return text.slice(text.indexOf('  Steps'), text.indexOf('  Outcome')).split('\n').slice(1, -1);
}

describe('a trace rebuilt from microsteps', () => {
  it('shows an eventless chain with guards with params, the effect of the transition taken and an entry effect', () => {
    const trace = traced(7, ['POKE', 'POKE']);
    expect(stepLines(trace)).toEqual([
      '    +0:00:00     call starts',
      '    +0:00:00       enter checking',
      '    +0:00:00         atLeast {min: 10} = false',
      '    +0:00:00         atLeast {min: 5} = true',
      '    +0:00:00         effect bill {amount: 2} -> {ok: true}',
      '    +0:00:00         effect greet {} -> {ok: true}',
      '    +0:00:00       enter waiting',
      '    +0:00:00         pokedTwice = false',
      '    +0:00:01     POKE',
      '    +0:00:01         effect bill {amount: 1} -> {ok: true}',
      '    +0:00:01         pokedTwice = false',
      '    +0:00:02     POKE',
      '    +0:00:02         effect bill {amount: 1} -> {ok: true}',
      '    +0:00:02         pokedTwice = true',
      '    +0:00:02       enter done',
    ]);
  });

  it('shows an event that no transition takes, and the guards it tried', () => {
    const trace = traced(1, ['NUDGE', 'POKE', 'POKE']);
    expect(stepLines(trace).slice(6, 10)).toEqual([
      '    +0:00:00         pokedTwice = false',
      '    +0:00:01     NUDGE',
      '    +0:00:01         pokedTwice = false',
      '    +0:00:01         pokedTwice = false',
    ]);
    expect(trace.steps.filter((s) => s.step === 'note')).toEqual([]);
  });

  it('says so when it cannot rebuild the states (no facts given), and still shows what it noted', () => {
    const trace = traced(12, [], { facts: false });
    expect(stepLines(trace)).toEqual([
      '    +0:00:00     call starts',
      '    +0:00:00         atLeast {min: 10} = true',
      '    +0:00:00       note: states rebuilt up to none; the machine is in high',
    ]);
  });
});
