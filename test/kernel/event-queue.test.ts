import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { EventQueue, NORMAL, URGENT } from '../../engine/kernel/index.js';
import type { Priority } from '../../engine/kernel/index.js';

function drain<T>(queue: EventQueue<T>): T[] {
  const out: T[] = [];
  for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) out.push(entry.payload);
  return out;
}

describe('EventQueue', () => {
  it('pops entries in time order', () => {
    const queue = new EventQueue<string>();
    queue.schedule(30, NORMAL, 'c');
    queue.schedule(10, NORMAL, 'a');
    queue.schedule(20, NORMAL, 'b');
    expect(drain(queue)).toEqual(['a', 'b', 'c']);
  });

  it('breaks a tie in time by priority, URGENT first', () => {
    const queue = new EventQueue<string>();
    queue.schedule(5, NORMAL, 'normal');
    queue.schedule(5, URGENT, 'urgent');
    expect(drain(queue)).toEqual(['urgent', 'normal']);
  });

  it('breaks a tie in time and priority by insertion order', () => {
    const queue = new EventQueue<number>();
    for (let i = 0; i < 20; i++) queue.schedule(7, NORMAL, i);
    expect(drain(queue)).toEqual([...Array(20).keys()]);
  });

  it('never pops a cancelled entry and counts only live ones', () => {
    const queue = new EventQueue<string>();
    queue.schedule(1, NORMAL, 'a');
    const b = queue.schedule(2, NORMAL, 'b');
    queue.schedule(3, NORMAL, 'c');
    expect(queue.cancel(b)).toBe(true);
    expect(queue.size).toBe(2);
    expect(drain(queue)).toEqual(['a', 'c']);
  });

  it('refuses to cancel an entry twice or after it was popped', () => {
    const queue = new EventQueue<string>();
    const a = queue.schedule(1, NORMAL, 'a');
    const b = queue.schedule(2, NORMAL, 'b');
    queue.pop();
    expect([queue.cancel(a), queue.cancel(b), queue.cancel(b), queue.size]).toEqual([false, true, false, 0]);
  });

  it('peeks at the next live time, skipping a cancelled top, and Infinity when empty', () => {
    const queue = new EventQueue<string>();
    expect(queue.peek()).toBe(Infinity);
    const first = queue.schedule(1, NORMAL, 'a');
    queue.schedule(4, NORMAL, 'b');
    queue.cancel(first);
    expect(queue.peek()).toBe(4);
  });

  it('does not keep cancelled entries once they outnumber live ones', () => {
    const queue = new EventQueue<number>();
    queue.schedule(1_000_000, NORMAL, -1);
    for (let i = 0; i < 10_000; i++) queue.cancel(queue.schedule(1_000 + i, NORMAL, i));
    // Reach into the heap: the point of the test is its length, which the API does not expose.
    const heapLength = (queue as unknown as { heap: unknown[] }).heap.length;
    expect(heapLength).toBeLessThanOrEqual(200);
    expect(drain(queue)).toEqual([-1]);
  });

  it('matches a sorted-array model under random schedules, cancels, peeks and pops', () => {
    const rng = seedrandom.alea('event-queue-property');
    const queue = new EventQueue<number>();
    type ModelEntry = { time: number; priority: Priority; seq: number };
    let model: ModelEntry[] = [];
    const handles = new Map<number, ReturnType<typeof queue.schedule>>();
    let seq = 0;
    let now = 0;
    for (let op = 0; op < 20_000; op++) {
      const r = rng();
      if (r < 0.5) {
        // Small time range so that ties in time and priority are frequent.
        const time = now + Math.floor(rng() * 20);
        const priority: Priority = rng() < 0.3 ? URGENT : NORMAL;
        handles.set(seq, queue.schedule(time, priority, seq));
        model.push({ time, priority, seq });
        seq++;
      } else if (r < 0.7 && model.length > 0) {
        const victim = model[Math.floor(rng() * model.length)] as ModelEntry;
        const handle = handles.get(victim.seq);
        if (handle === undefined) throw new Error('model out of step');
        expect(queue.cancel(handle)).toBe(true);
        model = model.filter((e) => e.seq !== victim.seq);
      } else {
        model.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq);
        const expected = model.shift();
        const got = queue.pop();
        expect(got?.payload).toBe(expected?.seq);
        if (got !== undefined) now = got.time;
      }
      expect(queue.size).toBe(model.length);
      expect(queue.peek()).toBe(model.length === 0 ? Infinity : Math.min(...model.map((e) => e.time)));
    }
  });
});
