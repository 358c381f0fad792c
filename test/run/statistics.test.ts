/**
 * The engine against closed forms: outbound billing under whole-minute rounding, and the Poisson
 * count of outbound calls. Fixture: test/fixtures/statistics/billing.yaml (40 users x 1.5 calls an
 * hour = 60 an hour, no profile; every call answered after 8 s of ringing; talk time exponential
 * with mean 3 minutes; US at 0.02 a minute; a balance that never runs out; no warm-up).
 *
 * Counts are pooled over the replications (independent seeds), and the bounds use the closed-form
 * variance of the quantity at the pooled sample size, at 99.9% (z = 3.29). Each test also shows
 * that a plausible bug gives a value outside its bound, so the test can fail.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { CALLER_TIMING_MS } from '../../engine/run/index.js';
import type { RunResult } from '../../engine/run/index.js';
import { LONG, perReplication, pooled, runFixture, Z999 } from './statistics-support.js';

const MEAN_TALK_MINUTES = 3;
const RATE_PER_MINUTE = 0.02;
const CALLS_PER_HOUR = 60;

/** ceil(X) for X ~ Exp(mean m) minutes is geometric on 1, 2, ... with q = e^(-1/m). */
function billedMinutesMoments(m: number): { mean: number; variance: number } {
  const q = Math.exp(-1 / m);
  return { mean: 1 / (1 - q), variance: q / (1 - q) ** 2 };
}

/** E[ceil(X + c)] for X ~ Exp(mean m), 0 <= c < 1: what billing the ring time as well would give. */
function billedWithOffset(m: number, c: number): number {
  const q = Math.exp(-1 / m);
  return 1 + (Math.exp(c / m) * q) / (1 - q);
}

/** E[round(X)]: what rounding to the nearest minute instead of up would give. */
function billedRounded(m: number): number {
  const q = Math.exp(-1 / m);
  return (Math.exp(0.5 / m) * q) / (1 - q);
}

function checks(replications: number): void {
  let result: RunResult;
  let horizonMs = 0;
  beforeAll(async () => {
    const run = await runFixture('billing.yaml', replications);
    result = run.result;
    horizonMs = run.loaded.scenario.horizon;
  }, 600_000);

  test('an answered call is billed 1 / (1 - e^(-1/m)) whole minutes on average for exponential talk with mean m', () => {
    const answered = pooled(result, 'outbound.answered');
    const observed = pooled(result, 'outbound.billedMinutes') / answered;
    const { mean, variance } = billedMinutesMoments(MEAN_TALK_MINUTES);
    // Each answered call bills an independent ceil(X): the mean of `answered` of them has
    // standard error sqrt(variance / answered). (Talk times are rounded to the millisecond first,
    // which moves the mean by under 1e-5 minutes.)
    const bound = Z999 * Math.sqrt(variance / answered);
    expect(answered).toBe(pooled(result, 'outbound.calls'));
    expect(Math.abs(observed - mean)).toBeLessThan(bound);
    // Billing the 8 s of ringing too, or rounding to the nearest minute, lies outside the bound.
    expect(Math.abs(billedWithOffset(MEAN_TALK_MINUTES, CALLER_TIMING_MS.ringAnswered / 60_000) - observed)).toBeGreaterThan(bound);
    expect(Math.abs(billedRounded(MEAN_TALK_MINUTES) - observed)).toBeGreaterThan(bound);
  });

  test('credits spent are exactly the billed minutes times the rate in every replication', () => {
    const billed = perReplication(result, 'outbound.billedMinutes');
    const spent = perReplication(result, 'credits.spent');
    // Deterministic: every call goes to the US, so each debit is its minutes x 0.02 (the
    // collector rounds money to 1e-6).
    expect(spent.map((s) => s.toFixed(6))).toEqual(billed.map((b) => (b * RATE_PER_MINUTE).toFixed(6)));
    expect(billed.every((b) => b > 0)).toBe(true);
  });

  test('the number of outbound calls is Poisson with mean rate x horizon, less the calls still going at the end', () => {
    // A call is counted when it finishes before the horizon: those starting within one call
    // duration D of the end are lost, rate x E[D] of them, D = 8 s ring + mean talk.
    const meanCallHours = (CALLER_TIMING_MS.ringAnswered / 60_000 + MEAN_TALK_MINUTES) / 60;
    const expected = replications * CALLS_PER_HOUR * (horizonMs / 3_600_000 - meanCallHours);
    const observed = pooled(result, 'outbound.calls');
    // The pooled count is Poisson: its variance is its mean.
    const bound = Z999 * Math.sqrt(expected);
    expect(Math.abs(observed - expected)).toBeLessThan(bound);
    // A rate off by 5% (say 57 calls an hour) lies outside the bound.
    expect(Math.abs(observed - 0.95 * expected)).toBeGreaterThan(bound);
  });
}

// `npm test` runs the short version; `npm run test:long` (CALLSIM_LONG_STATS=1, the second step of
// .ci/run) runs the long one instead. Neither is skipped: a test that is not registered is not reported.
if (LONG) {
  describe('billing and arrivals of outbound calls, long (CALLSIM_LONG_STATS, 12 replications)', () => {
    checks(12);
  });
} else {
  describe('billing and arrivals of outbound calls (2 replications of 7 days)', () => {
    checks(2);
  });
}
