import { describe, expect, it } from 'vitest';
import { createStreams, EventQueue, NORMAL, URGENT, type QueueEntry } from '../../engine/kernel/index.js';
import { SortedArrayQueue } from '../../bench/kernel/sorted-array-queue.js';

/** The same random schedule/cancel/pop script on a queue; the payloads in the order popped. */
function replay(queue: {
  schedule(time: number, priority: typeof NORMAL | typeof URGENT, payload: number): QueueEntry<number>;
  cancel(handle: QueueEntry<number>): boolean;
  pop(): QueueEntry<number> | undefined;
}): number[] {
  const stream = createStreams(7, 0).stream('test/bench/queue');
  const handles: QueueEntry<number>[] = [];
  const popped: number[] = [];
  for (let i = 0; i < 2_000; i++) {
    const u = stream.next();
    if (u < 0.5) {
      // Few distinct times, so ties on time and priority are common.
      handles.push(queue.schedule(Math.floor(stream.next() * 50), stream.next() < 0.2 ? URGENT : NORMAL, i));
    } else if (u < 0.7) {
      const handle = handles[Math.floor(stream.next() * handles.length)];
      if (handle !== undefined) queue.cancel(handle);
    } else {
      const entry = queue.pop();
      if (entry !== undefined) popped.push(entry.payload);
    }
  }
  for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) popped.push(entry.payload);
  return popped;
}

describe('SortedArrayQueue (the kernel benchmark baseline)', () => {
  it('pops the same entries in the same order as EventQueue for the same schedules and cancellations', () => {
    expect(replay(new SortedArrayQueue<number>())).toEqual(replay(new EventQueue<number>()));
  });

  it('refuses to cancel an entry twice or after it was popped', () => {
    const queue = new SortedArrayQueue<string>();
    const a = queue.schedule(5, NORMAL, 'a');
    const b = queue.schedule(9, NORMAL, 'b');
    expect(queue.cancel(a)).toBe(true);
    expect(queue.cancel(a)).toBe(false);
    expect(queue.pop()).toBe(b);
    expect(queue.cancel(b)).toBe(false);
  });
});
