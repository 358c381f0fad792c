/**
 * bench/machines: N calls of each kind through the MachineDriver (pure transitions on the
 * kernel) against the same N calls as live xstate actors on the same simulated clock, and
 * through the compiled executor against the MachineDriver. Before
 * timing, both ways run the batch once and must give the same outcome for every call and the
 * same number of effects; otherwise the comparison would be of different work, and the run fails.
 */
import { Bench } from 'tinybench';
import type { AnyStateMachine } from 'xstate';
import type { ContextChange } from '../../engine/kernel/index.js';
import { machineChanges, machines, type CallKind } from '../../engine/machines/index.js';
import { faster, throughputOf, type Measure } from '../report.js';
import { liveActorRunner, runWithDriver, type BatchResult, type CallBatch } from './run-calls.js';
import { SAMPLES } from './samples.js';

export interface MachinesOptions {
  /** Calls of each kind per benchmark iteration. */
  calls: number;
  /** Simulated time between call arrivals, ms: 1 s keeps dozens of calls active at once. */
  spacingMs: number;
  /** tinybench time budget per task, ms. */
  timeMs: number;
}

export const MACHINES_DEFAULTS: MachinesOptions = { calls: 200, spacingMs: 1_000, timeMs: 300 };

const KINDS: readonly CallKind[] = ['outbound', 'inbound', 'emergency', 'callback'];

function batchOf(kind: CallKind, options: MachinesOptions): CallBatch<AnyStateMachine> {
  return { machine: machines[kind], inputs: SAMPLES[kind], calls: options.calls, spacingMs: options.spacingMs };
}

/** Raise Error unless the two results are the same calls with the same outcomes and effects. */
export function checkSameWork(kind: CallKind, driver: BatchResult, actors: BatchResult): void {
  const differ = driver.outcomes.findIndex((outcome, i) => outcome !== actors.outcomes[i]);
  if (driver.outcomes.length !== actors.outcomes.length || differ >= 0 || driver.effects !== actors.effects) {
    throw new Error(
      `${kind}: the driver and the live actors disagree (call ${differ}: ${driver.outcomes[differ]} vs ${actors.outcomes[differ]}; ` +
        `effects ${driver.effects} vs ${actors.effects}); the benchmark would compare different work.`,
    );
  }
}

export async function machinesGroup(options: MachinesOptions = MACHINES_DEFAULTS): Promise<Measure[]> {
  const bench = new Bench({ name: 'machines', time: options.timeMs, iterations: 16, warmupTime: 100, throws: true });
  for (const kind of KINDS) {
    const batch = batchOf(kind, options);
    const actors = liveActorRunner(batch);
    const changes = machineChanges[kind] as Readonly<Record<string, ContextChange>>;
    checkSameWork(kind, runWithDriver(batch), actors());
    checkSameWork(kind, runWithDriver(batch, changes), actors());
    bench
      .add(`driver ${kind}`, () => runWithDriver(batch))
      .add(`compiled ${kind}`, () => runWithDriver(batch, changes))
      .add(`actors ${kind}`, () => actors());
  }
  await bench.run();

  return KINDS.flatMap((kind) => {
    const rate = (name: string) => {
      const task = bench.getTask(`${name} ${kind}`);
      if (task === undefined) throw new Error(`no task ${name} ${kind}`);
      return throughputOf(task, options.calls);
    };
    return [
      faster('machines', `${kind} calls (XState driver)`, 'calls/s', rate('driver'), {
        name: 'one live actor per call',
        value: rate('actors'),
      }),
      faster('machines', `${kind} calls (compiled)`, 'calls/s', rate('compiled'), {
        name: 'XState driver',
        value: rate('driver'),
      }),
    ];
  });
}
