import type { SimTime } from './time.js';

/** Runs before NORMAL events of the same time (SimPy's URGENT), e.g. a run's stop or a reply. */
export const URGENT = 0;
/** The priority of ordinary events. */
export const NORMAL = 1;
export type Priority = typeof URGENT | typeof NORMAL;

const QUEUED = 0;
const CANCELLED = 1;
const POPPED = 2;

/**
 * One scheduled entry. It is also the handle that `cancel` takes: holding it costs nothing extra,
 * and cancelling needs no lookup.
 */
export interface QueueEntry<T> {
  readonly time: SimTime;
  readonly priority: Priority;
  /** Insertion counter: among equal (time, priority) the earlier schedule comes first. */
  readonly seq: number;
  readonly payload: T;
}

interface Entry<T> extends QueueEntry<T> {
  state: typeof QUEUED | typeof CANCELLED | typeof POPPED;
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

/**
 * A binary min-heap of entries keyed by (time, priority, seq); nothing else decides the order.
 *
 * Cancellation is lazy: a cancelled entry stays in the heap until it reaches the top and is
 * dropped. So that a long run with many cancelled timers does not grow, the heap is rebuilt
 * without them whenever they outnumber the live entries.
 */
export class EventQueue<T> {
  private heap: Entry<T>[] = [];
  private seq = 0;
  private live = 0;

  /** The number of live (scheduled, not cancelled, not popped) entries. */
  get size(): number {
    return this.live;
  }

  /** Schedule *payload* at *time* with *priority*; return the entry, which is its handle. */
  schedule(time: SimTime, priority: Priority, payload: T): QueueEntry<T> {
    const entry: Entry<T> = { time, priority, seq: this.seq++, payload, state: QUEUED };
    this.heap.push(entry);
    this.siftUp(this.heap.length - 1);
    this.live++;
    return entry;
  }

  /**
   * Cancel the entry *handle* so it is never popped. Return false (and do nothing) if it was
   * already popped or cancelled.
   */
  cancel(handle: QueueEntry<T>): boolean {
    const entry = handle as Entry<T>;
    if (entry.state !== QUEUED) return false;
    entry.state = CANCELLED;
    this.live--;
    const dead = this.heap.length - this.live;
    if (dead > 64 && dead > this.live) this.compact();
    return true;
  }

  /** The time of the next live entry, or Infinity when there is none. */
  peek(): SimTime {
    this.dropCancelledTop();
    const top = this.heap[0];
    return top === undefined ? Infinity : top.time;
  }

  /** Remove and return the next live entry, or undefined when there is none. */
  pop(): QueueEntry<T> | undefined {
    this.dropCancelledTop();
    const top = this.removeTop();
    if (top === undefined) return undefined;
    top.state = POPPED;
    this.live--;
    return top;
  }

  private dropCancelledTop(): void {
    let top = this.heap[0];
    while (top !== undefined && top.state === CANCELLED) {
      this.removeTop();
      top = this.heap[0];
    }
  }

  private removeTop(): Entry<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (heap.length > 0) {
      heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private compact(): void {
    this.heap = this.heap.filter((entry) => entry.state === QUEUED);
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  // NOTE: the sifts move a hole instead of swapping, and index with `as Entry<T>` because every
  // index they touch is inside the heap.
  private siftUp(index: number): void {
    const heap = this.heap;
    const entry = heap[index] as Entry<T>;
    let i = index;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex] as Entry<T>;
      if (!before(entry, parent)) break;
      heap[i] = parent;
      i = parentIndex;
    }
    heap[i] = entry;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const n = heap.length;
    const entry = heap[index] as Entry<T>;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      let childEntry = heap[left] as Entry<T>;
      if (right < n) {
        const rightEntry = heap[right] as Entry<T>;
        if (before(rightEntry, childEntry)) {
          child = right;
          childEntry = rightEntry;
        }
      }
      if (!before(childEntry, entry)) break;
      heap[i] = childEntry;
      i = child;
    }
    heap[i] = entry;
  }
}
