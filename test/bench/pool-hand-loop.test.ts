/**
 * The bench's hand-written pool loop (the limit callsim's speed is set against) must simulate the
 * same model as callsim, or its speed says nothing: it agrees with a closed form where one is
 * exact, and with callsim on the bench's own scenario.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runHandLoop } from '../../bench/pool/hand-loop.js';
import { runScenario } from '../../engine/run/index.js';
import { loadScenarioText } from '../../engine/scenario/index.js';

/** P(N >= c) for N ~ Poisson(a). */
function poissonTail(a: number, c: number): number {
  let term = Math.exp(-a);
  let below = 0;
  for (let k = 0; k < c; k++) {
    below += term;
    term *= a / (k + 1);
  }
  return 1 - below;
}

const Z999 = 3.2905; // two-sided 99.9%

describe('the hand-written pool loop', () => {
  it('gives P(Poisson(A) >= c) with reuse of the oldest reservation and no repeat callers (exact there)', () => {
    // Every caller new (10^9 users), reservations of 60 minutes, 3 calls an hour, 5 numbers: a
    // call finds none free exactly when 5 others came in the hour before it (PASTA).
    const calls = 400_000;
    const r = runHandLoop({ users: 1e9, poolSize: 5, ratePerHour: 3, reservationMs: 3_600_000, reuse: 'oldest' }, calls, 'pool/closed-form');
    const expected = poissonTail(3, 5);
    // Arrivals in overlapping hours are correlated: the binomial half-width is widened 3 times
    // (a variance inflation bound for 60-minute windows at 3 calls an hour), still a fixed seed.
    const halfWidth = 3 * Z999 * Math.sqrt((expected * (1 - expected)) / calls);
    expect(Math.abs(r.displaced / calls - expected)).toBeLessThan(halfWidth);
    expect(expected).toBeCloseTo(0.1847, 4);
  });

  it("gives callsim's share of calls that find no free number on the bench's pool scenario", () => {
    const file = new URL('../../bench/pool/callback-pool.yaml', import.meta.url);
    const loaded = loadScenarioText(readFileSync(file, 'utf8'), 'callback-pool.yaml');
    if (!loaded.ok) throw new Error('bench/pool/callback-pool.yaml does not load');
    const result = runScenario(loaded, { horizonMs: 700 * 86_400_000 });
    const calls = result.metrics['emergency.calls']?.mean ?? 0;
    const callsimShare = (result.metrics['emergency.outcome.EMG004']?.mean ?? 0) / calls;
    const handCalls = 1_000_000;
    const hand = runHandLoop({ users: 300, poolSize: 5, ratePerHour: 3, reservationMs: 3_600_000, reuse: 'first' }, handCalls, 'pool/against-callsim');
    const handShare = hand.displaced / handCalls;
    // Two independent estimates of one share: 99.9% interval of their difference, widened 3x for
    // the correlation of overlapping hours as above.
    const p = (callsimShare * calls + hand.displaced) / (calls + handCalls);
    const halfWidth = 3 * Z999 * Math.sqrt(p * (1 - p) * (1 / calls + 1 / handCalls));
    expect(calls).toBeGreaterThan(45_000);
    expect(Math.abs(callsimShare - handShare)).toBeLessThan(halfWidth);
    // Reuse of the first number displaces less often than the Poisson bound (docs/rules.md EMG004).
    expect(handShare).toBeLessThan(poissonTail(3, 5));
  });
});
