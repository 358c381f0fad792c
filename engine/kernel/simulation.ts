import { EventQueue, NORMAL } from './event-queue.js';
import type { Priority, QueueEntry } from './event-queue.js';
import type { SimTime } from './time.js';

/** What runs when a scheduled event's time comes; it reads the clock from the simulation. */
export type EventCallback = () => void;

/** The handle of a scheduled event, for `cancel`. */
export type EventHandle = QueueEntry<EventCallback>;

/** What a client of the kernel (the machine driver, arrivals, the timeline) needs from it. */
export interface Scheduler {
  readonly now: SimTime;
  schedule(time: SimTime, callback: EventCallback, priority?: Priority): EventHandle;
  cancel(handle: EventHandle): boolean;
}

/**
 * The simulation environment, after SimPy's: the clock `now`, one event queue, `step()` and
 * `run({ until })`. Calls, resources and arrivals live elsewhere and only schedule callbacks here.
 */
export class Simulation implements Scheduler {
  private readonly queue = new EventQueue<EventCallback>();
  private time: SimTime;

  /** Start the clock at *start* (default 0). Raise RangeError if it is not an integer. */
  constructor(start: SimTime = 0) {
    if (!Number.isSafeInteger(start)) throw new RangeError(`start must be an integer number of milliseconds, got ${start}.`);
    this.time = start;
  }

  /** The current simulated time in milliseconds. */
  get now(): SimTime {
    return this.time;
  }

  /** The number of events scheduled and not yet run or cancelled. */
  get pending(): number {
    return this.queue.size;
  }

  /**
   * Schedule *callback* at *time* with *priority* (default NORMAL). Events of the same time run
   * by priority, then in the order they were scheduled. Raise RangeError if *time* is not an
   * integer or is before `now`.
   */
  schedule(time: SimTime, callback: EventCallback, priority: Priority = NORMAL): EventHandle {
    if (!Number.isSafeInteger(time)) throw new RangeError(`event time must be an integer number of milliseconds, got ${time}.`);
    if (time < this.time) throw new RangeError(`event time ${time} is before now (${this.time}).`);
    return this.queue.schedule(time, priority, callback);
  }

  /** Cancel a scheduled event. Return false if it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  /** The time of the next event, or Infinity when none is scheduled. */
  peek(): SimTime {
    return this.queue.peek();
  }

  /**
   * Advance the clock to the next event and run it. Return false, leaving the clock alone, when
   * no event is scheduled. An error thrown by the callback stops the step and propagates: a
   * failed event is never silently ignored.
   */
  step(): boolean {
    const entry = this.queue.pop();
    if (entry === undefined) return false;
    this.time = entry.time;
    entry.payload();
    return true;
  }

  /**
   * Run events until none is left or, with *until*, every event before *until*; the clock then
   * stands at *until*. Events at exactly *until* are not run, so a later `run` resumes with them.
   * Raise RangeError if *until* is not an integer or is not after `now`.
   */
  run(options: { until?: SimTime } = {}): void {
    const { until } = options;
    if (until === undefined) {
      while (this.step());
      return;
    }
    if (!Number.isSafeInteger(until)) throw new RangeError(`until must be an integer number of milliseconds, got ${until}.`);
    if (until <= this.time) throw new RangeError(`until (${until}) must be after now (${this.time}).`);
    while (this.queue.peek() < until) this.step();
    this.time = until;
  }
}
