/**
 * Two ways to simulate the same N calls of one kind on the kernel's clock: callsim's
 * MachineDriver (pure transitions, one event queue) and one live xstate actor per call, the
 * design DESIGN.md principle 2 rejects. Both start call i at i × *spacingMs* and run until every
 * call has ended, and both return the outcome of each call, so a check can prove they agree.
 */
import { createActor, type ActorOptions, type AnyStateMachine, type InputFrom } from 'xstate';
import { CompiledDriver, MachineDriver, Simulation, type ContextChange, type EventHandle } from '../../engine/kernel/index.js';
import { CALL_EFFECT_TYPES } from '../../engine/machines/index.js';

/** xstate's Clock interface (not exported by name). */
type Clock = NonNullable<ActorOptions<AnyStateMachine>['clock']>;

export interface CallBatch<TMachine extends AnyStateMachine> {
  machine: TMachine;
  /** Call i gets inputs[i % inputs.length]. */
  inputs: readonly InputFrom<TMachine>[];
  calls: number;
  spacingMs: number;
}

/** The outcome of each call, by call index; `effects` counts the named effects carried out. */
export interface BatchResult {
  outcomes: string[];
  effects: number;
}

function outcomeOf(output: unknown): string {
  return (output as { outcome: string }).outcome;
}

/**
 * The calls through callsim's executor for them: XState's transitions (`MachineDriver`), or, given
 * the machine's context changes, the compiled executor (`CompiledDriver`).
 */
export function runWithDriver<TMachine extends AnyStateMachine>(
  batch: CallBatch<TMachine>,
  changes?: Readonly<Record<string, ContextChange>>,
): BatchResult {
  const { machine, inputs, calls, spacingMs } = batch;
  const sim = new Simulation();
  const outcomes: string[] = new Array<string>(calls);
  let effects = 0;
  const handlers = {
    scheduler: sim,
    onEffect: () => { effects++; },
    onDone: (callId: string | number, output: unknown) => { outcomes[callId as number] = outcomeOf(output); },
  };
  const driver = changes === undefined ? new MachineDriver({ machine, ...handlers }) : new CompiledDriver({ machine, changes, ...handlers });
  for (let i = 0; i < calls; i++) {
    const input = inputs[i % inputs.length] as InputFrom<TMachine>;
    sim.schedule(i * spacingMs, () => driver.start(i, input));
  }
  sim.run();
  return { outcomes, effects };
}

/** xstate's Clock on the kernel's simulated time: a timeout is a kernel event. */
function kernelClock(sim: Simulation): Clock {
  return {
    setTimeout: (fn: () => void, timeout: number): EventHandle => sim.schedule(sim.now + Math.round(timeout), fn),
    clearTimeout: (handle: EventHandle) => { sim.cancel(handle); },
  };
}

/**
 * The same calls as live actors: `createActor(machine, { input, clock })` per call, started when
 * the call arrives. The machine's effects run as its own (no-op) action implementations; they are
 * counted by wrapping them with `machine.provide`, outside the timed work.
 */
export function liveActorRunner<TMachine extends AnyStateMachine>(batch: CallBatch<TMachine>): () => BatchResult {
  let effects = 0;
  const effectNames = Object.keys(batch.machine.implementations.actions).filter((name) =>
    (CALL_EFFECT_TYPES as readonly string[]).includes(name),
  );
  const counting = Object.fromEntries(effectNames.map((name) => [name, () => { effects++; }]));
  const machine = batch.machine.provide({ actions: counting }) as TMachine;
  return () => {
    const { inputs, calls, spacingMs } = batch;
    effects = 0;
    const sim = new Simulation();
    const clock = kernelClock(sim);
    const outcomes: string[] = new Array<string>(calls);
    for (let i = 0; i < calls; i++) {
      const input = inputs[i % inputs.length] as InputFrom<TMachine>;
      sim.schedule(i * spacingMs, () => {
        const actor = createActor(machine, { input, clock });
        actor.subscribe({ complete: () => { outcomes[i] = outcomeOf((actor.getSnapshot() as { output: unknown }).output); } });
        actor.start();
      });
    }
    sim.run();
    return { outcomes, effects };
  };
}
