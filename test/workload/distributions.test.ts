import { describe, expect, it } from 'vitest';
import { createStreams } from '../../engine/kernel/index.js';
import { bernoulli, distributionProblem, MAX_SAMPLE, mean, normalQuantile, sample, TAIL_PROBABILITY, upperQuantile, variance, weightedChoice } from '../../engine/workload/distributions.js';
import type { Distribution } from '../../engine/workload/distributions.js';
import { meanBound, sampleMoments, varianceBound, Z999 } from './statistics.js';

const N = 100_000;

const cases: Array<[string, Distribution]> = [
  ['exponential', { kind: 'exponential', mean: 180_000 }],
  ['uniform', { kind: 'uniform', min: 10_000, max: 70_000 }],
  ['lognormal', { kind: 'lognormal', median: 120_000, sigma: 0.6 }],
  [
    'empirical',
    {
      kind: 'empirical',
      table: [
        { value: 5_000, weight: 1 },
        { value: 60_000, weight: 3 },
        { value: 600_000, weight: 0.5 },
      ],
    },
  ],
];

function draws(d: Distribution, name: string): number[] {
  const stream = createStreams(2026, 0).stream(`test/${name}`);
  return Array.from({ length: N }, () => sample(d, stream));
}

describe('sample', () => {
  it.each(cases)('draws %s values whose mean is within the 99.9 percent bound of the closed form', (name, d) => {
    const { mean: observed } = sampleMoments(draws(d, name));
    expect(Math.abs(observed - mean(d))).toBeLessThan(meanBound(variance(d), N));
  });

  it.each(cases)('draws %s values whose variance is within the 99.9 percent bound of the closed form', (name, d) => {
    const m = sampleMoments(draws(d, name));
    expect(Math.abs(m.variance - variance(d))).toBeLessThan(varianceBound(m.m4, m.variance, N));
  });

  it('returns a fixed value and still draws one number, keeping the stream aligned', () => {
    const a = createStreams(1, 0).stream('x');
    const b = createStreams(1, 0).stream('x');
    expect(sample({ kind: 'fixed', value: 42 }, a)).toBe(42);
    sample({ kind: 'exponential', mean: 1 }, b);
    expect(a.next()).toBe(b.next());
  });

  it('gives the same draws for the same seed', () => {
    const d: Distribution = { kind: 'lognormal', median: 1, sigma: 1 };
    expect(draws(d, 'same').slice(0, 5)).toEqual(draws(d, 'same').slice(0, 5));
  });
});

describe('mean and variance', () => {
  it('give the lognormal closed forms', () => {
    const d: Distribution = { kind: 'lognormal', median: Math.E, sigma: 1 };
    expect(mean(d)).toBeCloseTo(Math.exp(1.5), 12);
    expect(variance(d)).toBeCloseTo((Math.E - 1) * Math.exp(3), 12);
  });
});

describe('weightedChoice', () => {
  it('chooses each value in proportion to its weight, within the 99.9% binomial bound', () => {
    const stream = createStreams(2026, 0).stream('test/choice');
    const table = [
      { value: 'zero', weight: 0 },
      { value: '1', weight: 2 },
      { value: '2', weight: 5 },
      { value: '3', weight: 3 },
    ];
    const counts = new Map<string, number>();
    for (let i = 0; i < N; i++) {
      const v = weightedChoice(table, stream);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect(counts.get('zero')).toBeUndefined();
    for (const { value, weight } of table.slice(1)) {
      const p = weight / 10;
      expect(Math.abs((counts.get(value) ?? 0) - N * p)).toBeLessThan(Z999 * Math.sqrt(N * p * (1 - p)));
    }
  });

  it('refuses a table with no positive weight', () => {
    const stream = createStreams(1, 0).stream('x');
    expect(() => weightedChoice([{ value: 'a', weight: 0 }], stream)).toThrow(RangeError);
  });
});

describe('bernoulli', () => {
  it('is true with probability p, within the 99.9% binomial bound', () => {
    const stream = createStreams(2026, 0).stream('test/bernoulli');
    let hits = 0;
    for (let i = 0; i < N; i++) if (bernoulli(0.07, stream)) hits++;
    expect(Math.abs(hits - N * 0.07)).toBeLessThan(Z999 * Math.sqrt(N * 0.07 * 0.93));
  });
});

describe('distributionProblem', () => {
  it('names what is wrong with a distribution and accepts a valid one', () => {
    expect(distributionProblem({ kind: 'uniform', min: 5, max: 1 })).toMatch(/min <= max/);
    expect(distributionProblem({ kind: 'empirical', table: [{ value: 1, weight: 0 }] })).toMatch(/positive weight/);
    expect(distributionProblem({ kind: 'lognormal', median: 60_000, sigma: 0.5 })).toBeUndefined();
  });
});

describe('normalQuantile', () => {
  it('gives the familiar quantiles', () => {
    expect([normalQuantile(0.5), normalQuantile(0.975), normalQuantile(0.9995)].map((z) => z.toFixed(4))).toEqual(['0.0000', '1.9600', '3.2905']);
  });

  it('is symmetric about the median, in both tails', () => {
    expect(normalQuantile(0.001)).toBeCloseTo(-normalQuantile(0.999), 9);
  });
});

describe('upperQuantile', () => {
  it('is the value a draw exceeds with probability p, in closed form', () => {
    expect(upperQuantile({ kind: 'exponential', mean: 100 }, 1e-6)).toBeCloseTo(100 * Math.log(1e6), 9);
    expect(upperQuantile({ kind: 'fixed', value: 7 }, 0.5)).toBe(7);
    expect(upperQuantile({ kind: 'uniform', min: 10, max: 20 }, 0.1)).toBeCloseTo(19, 9);
    expect(upperQuantile({ kind: 'lognormal', median: 60, sigma: 0.5 }, 0.025)).toBeCloseTo(60 * Math.exp(0.5 * 1.959964), 3);
    expect(TAIL_PROBABILITY).toBe(1e-6);
  });

  it('of an empirical table: the smallest value with at most p of the weight above it', () => {
    const table = [
      { value: 1, weight: 98 },
      { value: 5, weight: 1 },
      { value: 9, weight: 1 },
      { value: 1_000, weight: 0 },
    ];
    expect([0.001, 0.01, 0.015, 0.02, 0.5].map((p) => upperQuantile({ kind: 'empirical', table }, p))).toEqual([9, 5, 5, 1, 1]);
  });

  it('agrees with the draws: about p of them exceed it', () => {
    const d: Distribution = { kind: 'lognormal', median: 120_000, sigma: 0.6 };
    const q = upperQuantile(d, 0.01);
    const stream = createStreams(3, 0).stream('upper-quantile');
    let above = 0;
    for (let i = 0; i < N; i++) if (sample(d, stream) > q) above++;
    expect(Math.abs(above / N - 0.01)).toBeLessThan(0.002);
  });
});

describe('sample', () => {
  it('never returns more than MAX_SAMPLE, so a draw added to a simulated time stays an integer number of ms', () => {
    const top = { next: () => 1 - 2 ** -53 };
    expect(sample({ kind: 'lognormal', median: 1_000, sigma: 30 }, top)).toBe(MAX_SAMPLE);
    expect(sample({ kind: 'exponential', mean: 1e300 }, top)).toBe(MAX_SAMPLE);
    expect(Number.isSafeInteger(Math.round(MAX_SAMPLE) + 36_525 * 86_400_000)).toBe(true);
  });
});
