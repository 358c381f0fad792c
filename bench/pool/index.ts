/**
 * bench/pool: the callback-pool load test (bench/pool/callback-pool.yaml: emergency calls only,
 * Poisson at 3 an hour, a pool of 5 numbers reserved for 60 minutes), the workload of whoever
 * load-tests callback allocation with hundreds of millions of calls.
 *
 * - callsim (compiled engine, the default) against the hand-written loop of the same model
 *   (hand-loop.ts, the limit), on the same number of calls: at least 1,000,000.
 * - callsim's compiled engine against its XState engine (the reference), on a tenth of them,
 *   since XState is an order of magnitude slower.
 * - Peak live heap of the long run against a run of a tenth of the calls (about 1: flat).
 */
import { DAY } from '../../engine/kernel/index.js';
import { runScenario, type Engine, type RunResult } from '../../engine/run/index.js';
import { estimateOf, type Estimate, type Measure } from '../report.js';
import { loadBenchScenario, type BenchScenario } from '../run/scenario.js';
import { runHandLoop, type PoolModel } from './hand-loop.js';

export interface PoolGroupOptions {
  file: string;
  /** Emergency calls of the long run, at least. */
  calls: number;
  /** Timed runs of each (each is a whole simulation). */
  iterations: number;
}

export const POOL_DEFAULTS: Omit<PoolGroupOptions, 'file'> = { calls: 1_000_000, iterations: 2 };

const MODEL: PoolModel = { users: 300, poolSize: 5, ratePerHour: 3, reservationMs: 3_600_000, reuse: 'first' };

interface Timed {
  callsPerSecond: number;
  calls: number;
  result: RunResult;
}

function timedRun(loaded: BenchScenario, days: number, engine: Engine): Timed {
  const started = process.hrtime.bigint();
  const result = runScenario(loaded, { horizonMs: days * DAY, engine });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const calls = result.metrics['emergency.calls']?.mean ?? 0;
  return { callsPerSecond: calls / seconds, calls, result };
}

/**
 * Peak live heap of the process (after a full collection) during the run, in MB, sampled about 20
 * times: what the run holds at most, modules and tenant included. (Its rise above the heap before
 * the run is near zero for a flat run, and a ratio of two near-zero rises says nothing.)
 */
function peakHeapMb(loaded: BenchScenario, days: number, calls: number): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  const live = (): number => {
    gc?.();
    return process.memoryUsage().heapUsed;
  };
  const every = Math.max(1, Math.floor(calls / 20));
  const before = live();
  let peak = before;
  let seen = 0;
  runScenario(loaded, {
    horizonMs: days * DAY,
    onCall: () => {
      if (++seen % every === 0) peak = Math.max(peak, live());
    },
  });
  return peak / 1e6;
}

const perCallUs = (e: Estimate): string => `${(1e6 / e.mean).toFixed(2)} us/call`;

export async function poolGroup(options: PoolGroupOptions): Promise<Measure[]> {
  const days = Math.ceil(options.calls / MODEL.ratePerHour / 24) + 1;
  const loaded = loadBenchScenario(options.file, MODEL.users, days);
  // Untimed warm-up of both engines and of the loop.
  timedRun(loaded, 30, 'compiled');
  timedRun(loaded, 30, 'xstate');
  runHandLoop(MODEL, 10_000, 'warm-up');

  const compiled: number[] = [];
  const hand: number[] = [];
  let calls = 0;
  for (let i = 0; i < options.iterations; i++) {
    const run = timedRun(loaded, days, 'compiled');
    if (calls !== 0 && run.calls !== calls) throw new Error(`the pool run simulated ${run.calls} calls, then ${calls}: it is not deterministic.`);
    calls = run.calls;
    compiled.push(run.callsPerSecond);
    const started = process.hrtime.bigint();
    runHandLoop(MODEL, calls, `bench/${i}`);
    hand.push(calls / (Number(process.hrtime.bigint() - started) / 1e9));
  }
  const tenth = Math.ceil(days / 10);
  const reference: number[] = [];
  const fast: number[] = [];
  let tenthCalls = 0;
  for (let i = 0; i < options.iterations; i++) {
    const x = timedRun(loaded, tenth, 'xstate');
    const c = timedRun(loaded, tenth, 'compiled');
    // The long differential test: both engines must give the same results, to the byte.
    if (JSON.stringify(x.result) !== JSON.stringify(c.result)) throw new Error('the compiled and XState engines gave different results on the pool test.');
    tenthCalls = c.calls;
    reference.push(x.callsPerSecond);
    fast.push(c.callsPerSecond);
  }
  const longHeap = peakHeapMb(loaded, days, calls);
  const shortHeap = peakHeapMb(loaded, tenth, tenthCalls);

  const compiledRate = estimateOf(compiled);
  const handRate = estimateOf(hand);
  const fastRate = estimateOf(fast);
  const referenceRate = estimateOf(reference);
  return [
    {
      group: 'pool',
      name: `emergency calls, pool of 5, A = 3 (${perCallUs(compiledRate)})`,
      unit: `calls/s (${calls.toLocaleString('en-US')} calls)`,
      value: compiledRate,
      baseline: { name: `hand-written loop (${perCallUs(handRate)})`, value: handRate },
      ratio: compiledRate.mean / handRate.mean,
      reading: 'x the hand-written limit',
    },
    {
      group: 'pool',
      name: `compiled engine vs XState engine (${perCallUs(referenceRate)} on XState)`,
      unit: `calls/s (${tenthCalls.toLocaleString('en-US')} calls)`,
      value: fastRate,
      baseline: { name: 'XState engine (the reference)', value: referenceRate },
      ratio: fastRate.mean / referenceRate.mean,
      reading: 'x XState engine speed',
    },
    {
      group: 'pool',
      name: `peak memory, ${calls.toLocaleString('en-US')} vs ${tenthCalls.toLocaleString('en-US')} calls`,
      unit: 'MB live heap (peak)',
      value: { mean: longHeap, margin: 0, rme: 0, samples: 20 },
      baseline: { name: 'a tenth of the calls', value: { mean: shortHeap, margin: 0, rme: 0, samples: 20 } },
      ratio: longHeap / shortHeap,
      reading: 'x (10x the calls; ~1: flat)',
    },
  ];
}
