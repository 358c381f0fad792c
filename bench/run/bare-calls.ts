/**
 * The baseline of the run group: the same number of calls of each kind as the scenario run
 * simulated, through the kernel and the compiled executor alone (the engine runs use by default),
 * with no runtime (no tenant lookups,
 * ledger, callback pools, sampling or statistics). Calls of each kind arrive evenly over the
 * horizon, with inputs cycled from the machine samples, so the kernel carries a similar number of
 * concurrent calls. The ratio run / bare says how much of the machines' and kernel's speed the
 * whole simulation keeps.
 */
import type { AnyStateMachine } from 'xstate';
import { CompiledDriver, Simulation, type ContextChange } from '../../engine/kernel/index.js';
import { machineChanges, machines, type CallKind } from '../../engine/machines/index.js';
import { SAMPLES } from '../machines/samples.js';

export type CallCounts = Record<CallKind, number>;

const KINDS: readonly CallKind[] = ['outbound', 'inbound', 'emergency', 'callback'];

/** Simulate *counts* calls over *horizonMs*; return how many finished (all of them). */
export function runBareCalls(counts: CallCounts, horizonMs: number): number {
  const sim = new Simulation();
  let finished = 0;
  for (const kind of KINDS) {
    const machine: AnyStateMachine = machines[kind];
    const inputs: readonly unknown[] = SAMPLES[kind];
    const driver = new CompiledDriver({
      machine,
      changes: machineChanges[kind] as Readonly<Record<string, ContextChange>>,
      scheduler: sim,
      onEffect: () => {},
      onDone: () => { finished++; },
    });
    const n = counts[kind];
    for (let i = 0; i < n; i++) {
      sim.schedule(Math.floor((i * horizonMs) / n), () => driver.start(i, inputs[i % inputs.length]));
    }
  }
  sim.run();
  return finished;
}
