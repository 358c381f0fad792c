/**
 * size-pool's closed forms for reuse of the oldest reservation against the simulation: with
 * Poisson emergency calls and distinct callers, P(no free number) = P(Poisson(lambda T) >= c) and
 * P(callback misrouted) = E[P(Poisson(lambda D) >= c)] exactly (engine/run/pool-sizing.ts).
 *
 * Tolerance: the closed form must lie within the simulated 95% interval widened by half (about
 * 3.4 standard errors with 10 replications), so six checks do not fail by chance when a stream
 * changes; the seed is fixed, so the test is deterministic. 3,000 users at 3 calls an hour make
 * repeat callers (EMG007, which the form ignores) about 0.1% of calls, well inside that.
 */
import { describe, expect, it } from 'vitest';
import { metricProblem, oldestReuseClosedForm, poolFigures, runScenario } from '../../engine/run/index.js';
import { findPoolPolicy, loadScenarioText, plainPoolDocument, poolSizeOverrides } from '../../engine/scenario/index.js';
import { poissonTailAtLeast } from '../../engine/tenant/index.js';

const USERS = 3000;
const CALLS_PER_HOUR = 3;
const document = plainPoolDocument({
  users: USERS,
  emergencyCallsPerUserPerDay: (CALLS_PER_HOUR * 24) / USERS,
  callbackProbability: 1,
  callbackDelay: { uniform: { min: '5m', max: '25m' } },
  duration: { fixed: '5m' },
  horizon: '30d2h',
  warmup: '2h',
  replications: 10,
  seed: 7,
});

describe('size-pool closed form (reuse of the oldest reservation)', () => {
  it('agrees with the simulation within the interval at 3, 4 and 5 numbers', () => {
    const policy = findPoolPolicy(document, undefined);
    if (typeof policy === 'string') throw new Error(policy);
    for (const size of [3, 4, 5]) {
      const sized = poolSizeOverrides(document, policy, size);
      if (typeof sized === 'string') throw new Error(sized);
      const loaded = loadScenarioText(JSON.stringify(document), 'plain', {
        metricProblem,
        overrides: [...sized, { text: 'reuse', path: ['settings', 'callbackPool', 'reuse'], value: 'oldest' }],
      });
      if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
      const figures = poolFigures(runScenario(loaded), 'Pool');
      const form = oldestReuseClosedForm(size, {
        callsPerHour: CALLS_PER_HOUR,
        reservationMs: 3_600_000,
        duration: { fixed: 300_000 },
        callbackDelay: { uniform: { min: 300_000, max: 1_500_000 } },
      });
      expect(form.noFreeShare).toBe(poissonTailAtLeast(size, CALLS_PER_HOUR));
      for (const [name, exact] of [['noFreeShare', form.noFreeShare], ['misroutedShare', form.misroutedShare]] as const) {
        const s = figures[name];
        if (s.mean === null || s.halfWidth === null || exact === undefined) throw new Error(`${name} undefined at ${size}`);
        expect(Math.abs(s.mean - exact), `${name} at ${size} numbers: simulated ${s.mean} ± ${s.halfWidth}, closed form ${exact}`).toBeLessThanOrEqual(1.5 * s.halfWidth);
      }
    }
  });

  it('has no misroute form when a callback can come after the reservation ended', () => {
    const form = oldestReuseClosedForm(2, { callsPerHour: 1, reservationMs: 3_600_000, duration: { fixed: 300_000 }, callbackDelay: { exponential: { mean: 1_200_000 } } });
    expect(form.misroutedShare).toBeUndefined();
  });
});
