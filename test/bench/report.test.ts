import { Bench } from 'tinybench';
import { describe, expect, it } from 'vitest';
import { estimateOf, faster, formatReport, throughputOf } from '../../bench/report.js';

describe('bench report', () => {
  it('gives the mean of samples with a 95% Student t margin', () => {
    const e = estimateOf([10, 12, 14]);
    expect(e.mean).toBe(12);
    // sd 2, n 3, t(2) = 4.303: margin 4.303 * 2 / sqrt(3).
    expect(e.margin).toBeCloseTo((4.302653 * 2) / Math.sqrt(3), 6);
    expect(e.samples).toBe(3);
  });

  it('reads a ratio above 1 as callsim being faster than its baseline', () => {
    const estimate = (mean: number) => ({ mean, margin: 0, rme: 0, samples: 1 });
    const m = faster('kernel', 'x', 'ops/s', estimate(300), { name: 'naive', value: estimate(100) });
    expect(m.ratio).toBe(3);
  });

  it('refuses the throughput of a task that failed, so a failing benchmark fails the report', async () => {
    const bench = new Bench({ time: 0, iterations: 1, warmup: false });
    bench.add('fails', () => {
      throw new Error('broken task');
    });
    await bench.run();
    const task = bench.getTask('fails');
    expect(task).toBeDefined();
    if (task !== undefined) expect(() => throughputOf(task, 10)).toThrow(/"fails" ended errored: broken task/);
  });
});

describe('bench report table', () => {
  it('prints each measure with its baseline and ratio on one line', () => {
    const estimate = (mean: number) => ({ mean, margin: mean / 10, rme: 10, samples: 5 });
    const text = formatReport([faster('kernel', 'hold', 'ops/s', estimate(3000), { name: 'sorted array', value: estimate(1000) })]);
    const [header, , row] = text.split('\n');
    expect(header).toMatch(/^measure\s+unit\s+callsim\s+baseline\s+ratio$/);
    expect(row).toMatch(/^kernel: hold\s+ops\/s\s+3,000 ± 300 \(±10\.0%, n=5\)\s+sorted array: 1,000 ± 100 \(±10\.0%, n=5\)\s+3\.00 x baseline/);
  });
});
