/**
 * bench/kernel: the event queue and the simulation step, against the same operations on a naive
 * sorted array. Both sides replay one precomputed list of time increments (seeded), so they do
 * exactly the same work; only the data structure differs.
 */
import { Bench } from 'tinybench';
import { createStreams, EventQueue, NORMAL, Simulation } from '../../engine/kernel/index.js';
import type { EventHandle, QueueEntry, Scheduler } from '../../engine/kernel/index.js';
import { faster, throughputOf, type Measure } from '../report.js';
import { SortedArrayQueue } from './sorted-array-queue.js';
import { SortedArraySimulation } from './sorted-array-simulation.js';

export interface KernelOptions {
  /** Entries in the queue while it is measured (the concurrent timers of a busy run). */
  pending: number;
  /** Operations per benchmark iteration. */
  operations: number;
  /** tinybench time budget per task, ms. */
  timeMs: number;
  seed: number;
}

export const KERNEL_DEFAULTS: KernelOptions = { pending: 10_000, operations: 10_000, timeMs: 300, seed: 42 };

/** What both queues offer; the benchmarks only use this. */
interface Queue {
  schedule(time: number, priority: typeof NORMAL, payload: number): QueueEntry<number>;
  cancel(handle: QueueEntry<number>): boolean;
  pop(): QueueEntry<number> | undefined;
}

/** Exponential increments with mean 60 s, in whole ms: call-like gaps between events. */
function increments(seed: number, count: number): Int32Array {
  const stream = createStreams(seed, 0).stream('bench/kernel/increments');
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = 1 + Math.floor(-60_000 * Math.log(1 - stream.next()));
  return out;
}

function fill(queue: Queue, gaps: Int32Array, pending: number): void {
  for (let i = 0; i < pending; i++) queue.schedule(gaps[i] as number, NORMAL, i);
}

/**
 * The hold model (the classic priority-queue benchmark): pop the next entry and schedule one
 * later by the next increment, so the queue keeps its size.
 */
function hold(queue: Queue, gaps: Int32Array, operations: number): void {
  for (let i = 0; i < operations; i++) {
    const top = queue.pop();
    if (top === undefined) throw new Error('the queue ran dry during the hold benchmark');
    queue.schedule(top.time + (gaps[i] as number), NORMAL, i);
  }
}

/**
 * A call's timer that is mostly cancelled: each operation schedules a timeout, pops the next
 * entry, then cancels the timeout (as the driver cancels `after` timers when a state is left).
 */
function holdWithCancel(queue: Queue, gaps: Int32Array, operations: number): void {
  for (let i = 0; i < operations; i++) {
    const top = queue.pop();
    if (top === undefined) throw new Error('the queue ran dry during the cancel benchmark');
    const timeout = queue.schedule(top.time + 300_000, NORMAL, -1);
    queue.schedule(top.time + (gaps[i] as number), NORMAL, i);
    queue.cancel(timeout);
  }
}

/**
 * *pending* self-rescheduling events on a scheduler, then *operations* steps: each event
 * schedules its successor and one timer that the next event cancels.
 */
function seedEvents(sim: Scheduler, gaps: Int32Array, pending: number, operations: number): void {
  let next = 0;
  let timer: EventHandle | undefined;
  const event = (): void => {
    if (timer !== undefined) sim.cancel(timer);
    timer = sim.schedule(sim.now + 300_000, () => {});
    sim.schedule(sim.now + (gaps[next++ % operations] as number), event);
  };
  for (let i = 0; i < pending; i++) sim.schedule(gaps[i] as number, event);
}

export async function kernelGroup(options: KernelOptions = KERNEL_DEFAULTS): Promise<Measure[]> {
  const { pending, operations, timeMs, seed } = options;
  const gaps = increments(seed, Math.max(pending, operations));
  const bench = new Bench({ name: 'kernel', time: timeMs, iterations: 16, warmupTime: 100, throws: true });

  let heap = new EventQueue<number>();
  let array = new SortedArrayQueue<number>();
  let sim = new Simulation();
  let arraySim = new SortedArraySimulation();

  bench
    .add('EventQueue hold', () => hold(heap, gaps, operations), {
      beforeEach: () => { heap = new EventQueue(); fill(heap, gaps, pending); },
    })
    .add('SortedArrayQueue hold', () => hold(array, gaps, operations), {
      beforeEach: () => { array = new SortedArrayQueue(); fill(array, gaps, pending); },
    })
    .add('EventQueue hold+cancel', () => holdWithCancel(heap, gaps, operations), {
      beforeEach: () => { heap = new EventQueue(); fill(heap, gaps, pending); },
    })
    .add('SortedArrayQueue hold+cancel', () => holdWithCancel(array, gaps, operations), {
      beforeEach: () => { array = new SortedArrayQueue(); fill(array, gaps, pending); },
    })
    .add('Simulation step', () => { for (let i = 0; i < operations; i++) sim.step(); }, {
      beforeEach: () => { sim = new Simulation(); seedEvents(sim, gaps, pending, operations); },
    })
    .add('SortedArraySimulation step', () => { for (let i = 0; i < operations; i++) arraySim.step(); }, {
      beforeEach: () => { arraySim = new SortedArraySimulation(); seedEvents(arraySim, gaps, pending, operations); },
    });
  await bench.run();

  const rate = (name: string) => {
    const task = bench.getTask(name);
    if (task === undefined) throw new Error(`no task ${name}`);
    return throughputOf(task, operations);
  };
  const per = `ops/s (${pending.toLocaleString('en-US')} pending)`;
  return [
    faster('kernel', 'heap push/pop (hold)', per, rate('EventQueue hold'), {
      name: 'sorted array',
      value: rate('SortedArrayQueue hold'),
    }),
    faster('kernel', 'heap push/pop + cancel', per, rate('EventQueue hold+cancel'), {
      name: 'sorted array',
      value: rate('SortedArrayQueue hold+cancel'),
    }),
    faster('kernel', 'Simulation.step', `steps/s (${pending.toLocaleString('en-US')} pending)`, rate('Simulation step'), {
      name: 'step over sorted array',
      value: rate('SortedArraySimulation step'),
    }),
  ];
}
