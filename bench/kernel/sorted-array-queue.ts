import type { Priority, QueueEntry } from '../../engine/kernel/index.js';

interface Entry<T> extends QueueEntry<T> {
  cancelled: boolean;
}

/** Whether *a* comes after *b* in the kernel's order (time, priority, seq). */
function after<T>(a: QueueEntry<T>, b: QueueEntry<T>): boolean {
  if (a.time !== b.time) return a.time > b.time;
  if (a.priority !== b.priority) return a.priority > b.priority;
  return a.seq > b.seq;
}

/**
 * The naive event queue the kernel's heap is measured against: one array kept sorted by
 * (time, priority, seq), latest first, so that `pop` takes the end in O(1). `schedule` finds its
 * place by binary search and `cancel` removes the entry at once; both shift the array (O(n)).
 * Same operations and same order as EventQueue, so a benchmark can swap one for the other.
 */
export class SortedArrayQueue<T> {
  private readonly entries: Entry<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.entries.length;
  }

  schedule(time: number, priority: Priority, payload: T): QueueEntry<T> {
    const entry: Entry<T> = { time, priority, seq: this.seq++, payload, cancelled: false };
    this.entries.splice(this.insertionIndex(entry), 0, entry);
    return entry;
  }

  cancel(handle: QueueEntry<T>): boolean {
    const entry = handle as Entry<T>;
    if (entry.cancelled) return false;
    const index = this.insertionIndex(entry) - 1;
    if (this.entries[index] !== entry) return false;
    this.entries.splice(index, 1);
    entry.cancelled = true;
    return true;
  }

  peek(): number {
    return this.entries[this.entries.length - 1]?.time ?? Infinity;
  }

  pop(): QueueEntry<T> | undefined {
    return this.entries.pop();
  }

  /** The first index whose entry comes before *entry* (the array is latest first). */
  private insertionIndex(entry: QueueEntry<T>): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (after(this.entries[mid] as Entry<T>, entry) || this.entries[mid] === entry) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
