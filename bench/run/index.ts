/**
 * bench/run: whole simulations of a fixed scenario and seed (scenarios/seattle.yaml, 500
 * generated users, one replication, no warm-up).
 *
 * - Simulated calls per wall second of `runScenario` over 30 days, against the same number of
 *   calls of each kind through the kernel and driver alone (bare-calls.ts).
 * - Peak live heap of a 30-day run against a 3-day run (10x the calls): DESIGN principle 7 says
 *   memory grows with concurrent calls, not total calls, so the ratio should be about 1.
 */
import { Bench } from 'tinybench';
import { runScenario, type RunResult } from '../../engine/run/index.js';
import type { CallKind } from '../../engine/machines/index.js';
import { DAY } from '../../engine/kernel/index.js';
import { faster, throughputOf, type Estimate, type Measure } from '../report.js';
import { runBareCalls, type CallCounts } from './bare-calls.js';
import { loadBenchScenario, type BenchScenario } from './scenario.js';

export interface RunGroupOptions {
  file: string;
  users: number;
  /** Simulated days of the throughput run. */
  days: number;
  /** Timed runs of each task (each is a whole simulation, so few are needed). */
  iterations: number;
  /** Simulated days of the short memory run; the long one is 10x. */
  memoryDays: number;
  /** Heap samples to aim for in each memory run. */
  heapSamples: number;
}

export const RUN_DEFAULTS: Omit<RunGroupOptions, 'file'> = { users: 500, days: 30, iterations: 3, memoryDays: 3, heapSamples: 12 };

const KINDS: readonly CallKind[] = ['outbound', 'inbound', 'emergency', 'callback'];

/** Calls of each kind a run finished (warm-up is 0, one replication: the metric is the count). */
export function callCounts(result: RunResult): CallCounts {
  const counts = {} as CallCounts;
  for (const kind of KINDS) counts[kind] = result.metrics[`${kind}.calls`]?.mean ?? 0;
  return counts;
}

function total(counts: CallCounts): number {
  return KINDS.reduce((sum, kind) => sum + counts[kind], 0);
}

/**
 * The peak live heap (heapUsed right after a full collection) while *loaded* runs for *days*,
 * above the live heap before it, in MB. Sampled every *every* calls through the run's `onCall`.
 * Without `--expose-gc` the samples are plain heapUsed, which includes garbage; `exact` says which.
 */
function peakHeap(
  loaded: BenchScenario,
  days: number,
  every: number,
): { peakMb: number; samples: number; exact: boolean; result: RunResult } {
  const gc = (globalThis as { gc?: () => void }).gc;
  const live = (): number => {
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const before = live();
  let peak = before;
  let samples = 0;
  let calls = 0;
  const result = runScenario(loaded, {
    horizonMs: days * DAY,
    onCall: () => {
      if (++calls % every !== 0) return;
      peak = Math.max(peak, live());
      samples++;
    },
  });
  return { peakMb: (peak - before) / 1e6, samples, exact: gc !== undefined, result };
}

function single(value: number, samples: number): Estimate {
  return { mean: value, margin: 0, rme: 0, samples };
}

export async function runGroup(options: RunGroupOptions): Promise<Measure[]> {
  const { file, users, days, iterations, memoryDays, heapSamples } = options;
  const loaded = loadBenchScenario(file, users, days);
  const horizonMs = days * DAY;

  // Untimed: a one-day run warms the JIT and tells how often to sample the heap; the long
  // memory run (the throughput run's horizon) fixes the calls every timed run must repeat.
  const perDay = Math.max(1, total(callCounts(runScenario(loaded, { horizonMs: DAY }))));
  const every = Math.max(1, Math.floor((perDay * memoryDays) / heapSamples));
  const long = peakHeap(loaded, memoryDays * 10, every * 10);
  const short = peakHeap(loaded, memoryDays, every);
  const counts = callCounts(memoryDays * 10 === days ? long.result : runScenario(loaded, { horizonMs }));
  const calls = total(counts);
  if (calls === 0) throw new Error(`${file}: the run simulated no calls; nothing to measure.`);

  // The long differential test of the mixed tenant: both engines give the same results, to the byte.
  if (JSON.stringify(runScenario(loaded, { horizonMs, engine: 'xstate' })) !== JSON.stringify(runScenario(loaded, { horizonMs }))) {
    throw new Error(`${file}: the compiled and XState engines gave different results.`);
  }

  const bench = new Bench({ name: 'run', time: 0, iterations, warmup: false, throws: true });
  bench
    .add('runScenario', () => {
      const done = total(callCounts(runScenario(loaded, { horizonMs })));
      if (done !== calls) throw new Error(`runScenario simulated ${done} calls, then ${calls}: the run is not deterministic.`);
    })
    .add('xstate engine', () => {
      const done = total(callCounts(runScenario(loaded, { horizonMs, engine: 'xstate' })));
      if (done !== calls) throw new Error(`the XState engine simulated ${done} calls, the compiled one ${calls}.`);
    })
    .add('kernel+driver', () => {
      const done = runBareCalls(counts, horizonMs);
      if (done !== calls) throw new Error(`kernel+driver finished ${done} of ${calls} calls.`);
    });
  await bench.run();
  const rate = (name: string): Estimate => {
    const task = bench.getTask(name);
    if (task === undefined) throw new Error(`no task ${name}`);
    return throughputOf(task, calls);
  };

  const heapUnit = short.exact ? 'MB live heap (peak)' : 'MB heapUsed (peak, no --expose-gc)';

  return [
    {
      ...faster('run', `runScenario, ${days} days, ${users} users`, `calls/s (${calls.toLocaleString('en-US')} calls)`, rate('runScenario'), {
        name: 'same calls, kernel+driver only',
        value: rate('kernel+driver'),
      }),
      reading: 'x kernel+driver speed',
    },
    {
      ...faster('run', `runScenario, compiled vs XState engine`, 'calls/s', rate('runScenario'), {
        name: 'XState engine (the reference)',
        value: rate('xstate engine'),
      }),
      reading: 'x XState engine speed',
    },
    {
      group: 'run',
      name: `peak memory, ${memoryDays * 10} days vs ${memoryDays} days`,
      unit: heapUnit,
      value: single(long.peakMb, long.samples),
      baseline: { name: `${memoryDays}-day run`, value: single(short.peakMb, short.samples) },
      ratio: long.peakMb / short.peakMb,
      reading: 'x (10x the calls; ~1: flat)',
    },
  ];
}
