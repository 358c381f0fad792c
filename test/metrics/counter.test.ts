import { describe, expect, it } from 'vitest';
import { Counter } from '../../engine/metrics/index.js';

describe('Counter', () => {
  it('counts by key, 0 for a key never counted', () => {
    const counter = new Counter();
    counter.add('OUT001');
    counter.add('OUT001');
    counter.add('OUT006', 3);
    expect([counter.get('OUT001'), counter.get('OUT006'), counter.get('EMR001'), counter.total]).toEqual([2, 3, 0, 5]);
  });

  it('lists entries sorted by key', () => {
    const counter = new Counter();
    counter.add('b');
    counter.add('a');
    expect(counter.entries()).toEqual([['a', 1], ['b', 1]]);
  });

  it('merges another counter by adding its counts', () => {
    const a = new Counter();
    const b = new Counter();
    a.add('x', 2);
    b.add('x', 5);
    b.add('y');
    expect(a.merge(b).entries()).toEqual([['x', 7], ['y', 1]]);
  });
});
