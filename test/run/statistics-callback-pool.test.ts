/**
 * A callback pool of one number (c = 1) under Poisson emergency calls, against closed forms.
 * Fixture: test/fixtures/statistics/callback-pool.yaml: emergency calls at a constant
 * lambda = 2 an hour, a pool of one number reserved for 60 minutes from each call's start, no
 * callbacks, a 1-hour warm-up (after one reservation length the state is the stationary one).
 *
 * Every emergency call reserves the number from its start (a new reservation, a renewal, or a
 * displacement), so the number is reserved at time t exactly when some call started in
 * (t - 60 min, t]: with probability 1 - e^(-lambda) at any fixed time, and, by PASTA, as seen by
 * an arriving call. A call found it reserved when it displaced the holder (EMG004) or renewed its own
 * reservation (EMG007).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { studentTQuantile } from '../../engine/metrics/index.js';
import type { RunResult } from '../../engine/run/index.js';
import { binomialBound, LONG, perReplication, pooled, runFixture, Z999 } from './statistics-support.js';

const LAMBDA = 2;
/** Emergency call durations, uniform on [2, 10] minutes, in hours. */
const DURATION_HOURS = { min: 2 / 60, max: 10 / 60 };

const reservedShare = 1 - Math.exp(-LAMBDA);

/**
 * What a pool that timed the 60 minutes from the call's END would give:
 * 1 - E[e^(-lambda (1 + D))] for the previous call's duration D.
 */
const reservedShareFromCallEnd =
  1 -
  (Math.exp(-LAMBDA) * (Math.exp(-LAMBDA * DURATION_HOURS.min) - Math.exp(-LAMBDA * DURATION_HOURS.max))) /
    (LAMBDA * (DURATION_HOURS.max - DURATION_HOURS.min));

/**
 * Variance of the share of [0, T] hours in which the number is reserved: (2 / T) times the
 * integral of the autocovariance of the indicator, e^(-lambda (1 + s)) - e^(-2 lambda) for
 * s < 1 hour and 0 beyond, which is e^(-lambda)(1 - e^(-lambda)) / lambda - e^(-2 lambda).
 */
function timeShareVariance(hours: number): number {
  const integral = (Math.exp(-LAMBDA) * (1 - Math.exp(-LAMBDA))) / LAMBDA - Math.exp(-2 * LAMBDA);
  return (2 * integral) / hours;
}

function checks(replications: number): void {
  let result: RunResult;
  let observedHours = 0;
  beforeAll(async () => {
    const run = await runFixture('callback-pool.yaml', replications);
    result = run.result;
    observedHours = (run.loaded.scenario.horizon - run.loaded.scenario.warmup) / 3_600_000;
  }, 600_000);

  test('an emergency call finds the only callback number reserved with probability 1 - e^(-lambda)', () => {
    const calls = pooled(result, 'emergency.calls');
    const foundReserved = pooled(result, 'emergency.outcome.EMG004') + pooled(result, 'emergency.outcome.EMG007');
    const observed = foundReserved / calls;
    // Call i finds it reserved iff the gap since call i - 1 is under 60 minutes: the gaps are
    // independent exponentials, so the count is binomial.
    const bound = binomialBound(reservedShare, calls, Z999);
    expect(pooled(result, 'emergency.outcome.EMG003') + foundReserved).toBe(calls);
    expect(Math.abs(observed - reservedShare)).toBeLessThan(bound);
    expect(Math.abs(reservedShareFromCallEnd - observed)).toBeGreaterThan(bound);
  });

  test('the only callback number is reserved 1 - e^(-lambda) of the time', () => {
    const shares = perReplication(result, 'callbackPool.Seattle.allReservedShare');
    const observed = shares.reduce((s, v) => s + v, 0) / shares.length;
    // Replications are independent and equally long: the mean's variance is one's over R.
    const bound = Z999 * Math.sqrt(timeShareVariance(observedHours) / replications);
    expect(Math.abs(observed - reservedShare)).toBeLessThan(bound);
    expect(Math.abs(reservedShareFromCallEnd - observed)).toBeGreaterThan(bound);
  });
}

// `npm test` runs the short version; `npm run test:long` (CALLSIM_LONG_STATS=1, the second step of
// .ci/run) runs the long one instead. Neither is skipped: a test that is not registered is not reported.
if (LONG) {
  describe('a callback pool of one number, long (CALLSIM_LONG_STATS, 24 replications)', () => {
    checks(24);
  });
} else {
  describe('a callback pool of one number (4 replications of 50 days)', () => {
    checks(4);
  });
}

/**
 * Two numbers (c = 2, reuse `first`), lambda = 1 an hour. Each call reserves one number, so both
 * can only be reserved when at least two calls started in the last 60 minutes: P(all reserved)
 * <= P(Poisson(lambda) >= 2) = 1 - e^(-lambda)(1 + lambda), whatever the selection and reuse
 * rules (with `first` reuse it is strictly less: a displaced later call can leave the other number
 * to expire). The shares are not binomial here (the state links successive calls), so the bound
 * allows the 99.9% Student t half-width over the replications.
 */
// No long version: `npm run test:long` leaves it to `npm test`.
if (!LONG) {
  describe('a callback pool of two numbers (8 replications of 25 days)', () => {
    const lambda = 1;
    const poissonBound = 1 - Math.exp(-lambda) * (1 + lambda);
    let result: RunResult;
    beforeAll(async () => {
      ({ result } = await runFixture('callback-pool-two.yaml'));
    }, 600_000);

    const upperLimit = (shares: number[]): { mean: number; limit: number } => {
      const n = shares.length;
      const mean = shares.reduce((s, v) => s + v, 0) / n;
      const variance = shares.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
      return { mean, limit: poissonBound + studentTQuantile(0.9995, n - 1) * Math.sqrt(variance / n) };
    };

    test('an emergency call finds both numbers reserved no more often than two calls come within 60 minutes', () => {
      const calls = perReplication(result, 'emergency.calls');
      const displacing = perReplication(result, 'emergency.outcome.EMG004');
      const { mean, limit } = upperLimit(displacing.map((d, i) => d / (calls[i] ?? 1)));
      expect(mean).toBeGreaterThan(0);
      expect(mean).toBeLessThan(limit);
      // A pool that only ever used its first number would be full 1 - e^(-lambda) of the time.
      expect(1 - Math.exp(-lambda)).toBeGreaterThan(limit);
    });

    test('both numbers are reserved no more of the time than two calls come within 60 minutes', () => {
      const { mean, limit } = upperLimit(perReplication(result, 'callbackPool.Seattle.allReservedShare'));
      expect(mean).toBeGreaterThan(0);
      expect(mean).toBeLessThan(limit);
      expect(1 - Math.exp(-lambda)).toBeGreaterThan(limit);
    });
  });
}
