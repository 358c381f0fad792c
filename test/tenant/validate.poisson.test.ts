import { describe, expect, it } from 'vitest';
import { poissonTailAtLeast } from '../../engine/tenant/poisson.js';

describe('poissonTailAtLeast', () => {
  it('gives P(N >= 2) for mean 0.3 as 1 - e^-0.3 (1 + 0.3)', () => {
    expect(poissonTailAtLeast(2, 0.3)).toBeCloseTo(0.0369363131, 10);
  });

  it('gives P(N >= 1) for mean 1 as 1 - e^-1', () => {
    expect(poissonTailAtLeast(1, 1)).toBeCloseTo(0.6321205588, 10);
  });

  it('gives P(N >= 3) for mean 5 as 1 - e^-5 (1 + 5 + 12.5)', () => {
    expect(poissonTailAtLeast(3, 5)).toBeCloseTo(0.8753479805, 10);
  });

  it('keeps the digits of a tiny tail: P(N >= 10) for mean 1 is 1.1142548e-7', () => {
    expect(poissonTailAtLeast(10, 1) / 1.1142547834e-7).toBeCloseTo(1, 8);
  });

  it('is 1 for a count of 0, whatever the mean', () => {
    expect(poissonTailAtLeast(0, 0)).toBe(1);
  });

  it('is 0 for a positive count when the mean is 0', () => {
    expect(poissonTailAtLeast(1, 0)).toBe(0);
  });

  it('does not underflow for a large mean', () => {
    expect(poissonTailAtLeast(1000, 1000)).toBeCloseTo(0.5042052442, 9);
  });

  it('refuses a negative mean', () => {
    expect(() => poissonTailAtLeast(1, -1)).toThrow(RangeError);
  });
});
