import { NORMAL } from '../../engine/kernel/index.js';
import type { EventCallback, EventHandle, Priority, Scheduler } from '../../engine/kernel/index.js';
import { SortedArrayQueue } from './sorted-array-queue.js';

/**
 * The kernel's Simulation loop over the naive sorted-array queue: the baseline of the `step`
 * benchmark. It keeps only what a step needs (clock, schedule, cancel, step); Simulation's
 * argument checks are left out, which favours the baseline slightly.
 */
export class SortedArraySimulation implements Scheduler {
  private readonly queue = new SortedArrayQueue<EventCallback>();
  private time = 0;

  get now(): number {
    return this.time;
  }

  schedule(time: number, callback: EventCallback, priority: Priority = NORMAL): EventHandle {
    return this.queue.schedule(time, priority, callback);
  }

  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  step(): boolean {
    const entry = this.queue.pop();
    if (entry === undefined) return false;
    this.time = entry.time;
    entry.payload();
    return true;
  }

  run(): void {
    while (this.step());
  }
}
