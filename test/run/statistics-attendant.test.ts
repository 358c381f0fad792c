/**
 * The share of inbound calls the auto attendant answers with its business-hours flow (INB004)
 * against the exact share of time it is in business hours. Fixture:
 * test/fixtures/statistics/business-hours.yaml: inbound calls at a constant 150 an hour (no
 * profile, so arrival times are uniform over the horizon), an attendant in America/New_York open
 * 09:00-17:00 Monday to Friday, and a scenario whose start is written in +09:00. The 70 hours run
 * from Friday 12:00 EST to Monday 11:00 EDT, across the start of daylight saving time
 * (2026-03-08), so both the time zone and DST move the share.
 *
 * Each call is independently in business hours with probability p = businessHoursShare(...), so
 * the INB004 count over n calls is binomial: the bound is 3.29 sqrt(p(1 - p) / n) (99.9%).
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { RunResult } from '../../engine/run/index.js';
import { businessHoursShare } from '../../engine/runtime/index.js';
import type { AutoAttendant } from '../../engine/tenant/index.js';
import { binomialBound, LONG, pooled, runFixture, Z999, type Loaded } from './statistics-support.js';

function checks(replications: number): void {
  let result: RunResult;
  let loaded: Loaded;
  beforeAll(async () => {
    ({ result, loaded } = await runFixture('business-hours.yaml', replications));
  }, 600_000);

  const share = (aa: AutoAttendant): number => {
    const { startEpochMs, warmup, horizon } = loaded.scenario;
    return businessHoursShare(aa, startEpochMs + warmup, startEpochMs + horizon);
  };

  test("the share of inbound calls in business hours is the share of time the attendant's own clock is in business hours", () => {
    const aa = loaded.tenant.autoAttendants[0];
    if (aa === undefined) throw new Error('the fixture has an auto attendant');
    const calls = pooled(result, 'inbound.calls');
    const observed = pooled(result, 'inbound.flow.INB004') / calls;
    const expected = share(aa);
    const bound = binomialBound(expected, calls, Z999);
    // Friday 12:00-17:00 and Monday 09:00-11:00 local: 7 of 70 hours.
    expect(expected).toBeCloseTo(0.1, 12);
    expect(pooled(result, 'inbound.flow.INB003') + pooled(result, 'inbound.flow.INB004')).toBe(calls);
    expect(Math.abs(observed - expected)).toBeLessThan(bound);
    // Ignoring DST (New York kept at -05:00: 6 of 70 hours) or reading the schedule in the
    // scenario's +09:00 (8 of 70 hours) gives a share outside the bound.
    for (const wrongZone of ['Etc/GMT+5', 'Asia/Tokyo']) {
      expect(Math.abs(share({ ...aa, timeZone: wrongZone }) - observed)).toBeGreaterThan(bound);
    }
  });
}

// `npm test` runs the short version; `npm run test:long` (CALLSIM_LONG_STATS=1, the second step of
// .ci/run) runs the long one instead. Neither is skipped: a test that is not registered is not reported.
if (LONG) {
  describe('business hours of an auto attendant, long (CALLSIM_LONG_STATS, 16 replications)', () => {
    checks(16);
  });
} else {
  describe('business hours of an auto attendant in another time zone, across DST (2 replications)', () => {
    checks(2);
  });
}
