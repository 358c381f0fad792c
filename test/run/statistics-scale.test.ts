/**
 * The scale checks of the default scenario (scenarios/seattle.yaml) with 500 users
 * (test/fixtures/statistics/seattle-500.yaml), about 2,000 calls a simulated day.
 *
 * `npm test`: 30 days run to the end and count every call exactly once.
 *
 * `npm run test:long` (CALLSIM_LONG_STATS=1, the second step of .ci/run): the README's claim that
 * memory does not grow with the number of calls. A 60-day run (about 118,000 calls) takes the
 * live heap (heapUsed right after a full collection, so garbage not yet collected does not count)
 * every 10,000 calls. From 20,000 calls (the first ones warm up: compiled code, caches, the first
 * reservations) to 110,000 it may grow by at most 1 MiB: about 12 bytes a call over the 90,000
 * calls in between. Holding anything per call fails that: measured, a Set of the call ids adds
 * about 2.2 MB, one small object per call about 3.9 MB, a call's record with its details far
 * more. What a correct run holds grows with the tenant (users, numbers, reservations), not with
 * calls: measured, it moves by about 0.3 MB over those 90,000 calls. No timing is asserted.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, test } from 'vitest';
import type { CallRecord, RunResult } from '../../engine/run/index.js';
import { runScenario } from '../../engine/run/index.js';
import { CALL_OUTCOME_IDS, HAND_OFF_OUTCOMES } from '../../engine/machines/index.js';
import { LONG, loadFixture, pooled, type Loaded } from './statistics-support.js';

// The default scenario has no call queues, so no queue calls and no queue figures.
const KINDS = (Object.keys(CALL_OUTCOME_IDS) as (keyof typeof CALL_OUTCOME_IDS)[]).filter((kind) => kind !== 'queue');

// `npm test` runs the 30-day checks; `npm run test:long` runs the memory check instead. Neither
// is skipped: a test that is not registered is not reported.
if (!LONG) {
  describe('the default scenario with 500 users for 30 days', () => {
    let loaded: Loaded;
    let result: RunResult;
    const recordsByKind = new Map<string, number>();
    const callIds = new Set<number>();
    beforeAll(async () => {
      loaded = await loadFixture('seattle-500.yaml');
      result = runScenario(loaded, {
        onCall: (record: CallRecord) => {
          recordsByKind.set(record.kind, (recordsByKind.get(record.kind) ?? 0) + 1);
          callIds.add(record.call);
        },
      });
    }, 600_000);

    test('runs 30 days with 500 users and makes every kind of call', () => {
      expect(loaded.tenant.users).toHaveLength(500);
      expect(result.horizonMs).toBe(30 * 86_400_000);
      for (const kind of ['outbound', 'inbound', 'emergency'] as const) expect(pooled(result, `${kind}.calls`)).toBeGreaterThan(0);
    });

    test("each kind's outcome counts sum to its number of calls", () => {
      for (const kind of KINDS) {
        // A hand-off (CQ025) ends a leg, never a call: no figure counts it.
        const ids = (CALL_OUTCOME_IDS[kind] as readonly string[]).filter((id) => !(HAND_OFF_OUTCOMES as readonly string[]).includes(id));
        const outcomes = ids.reduce((s, id) => s + pooled(result, `${kind}.outcome.${id}`), 0);
        expect({ kind, outcomes }).toEqual({ kind, outcomes: pooled(result, `${kind}.calls`) });
      }
    });

    test('each finished call is reported once, under its own id, and counted in its kind', () => {
      const total = KINDS.reduce((s, kind) => s + pooled(result, `${kind}.calls`), 0);
      expect(callIds.size).toBe(total);
      for (const kind of KINDS) expect(recordsByKind.get(kind) ?? 0).toBe(pooled(result, `${kind}.calls`));
    });
  });
} else {
  describe('the default scenario with 500 users for 60 days, long (CALLSIM_LONG_STATS)', () => {
    const EVERY = 10_000;
    const FROM = 20_000;
    const TOLERANCE = 2 ** 20;

    test('holds at most 1 MiB more after 110,000 calls than after 20,000 (about 12 bytes a call)', async () => {
      const loaded = await loadFixture('seattle-500.yaml');
      // A full collection on demand, as `node --expose-gc` gives, without a flag on the command line.
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      const live = new Map<number, number>();
      let calls = 0;
      runScenario(loaded, {
        replications: 1,
        horizonMs: 60 * 86_400_000,
        onCall: () => {
          if (++calls % EVERY !== 0) return;
          gc();
          live.set(calls, process.memoryUsage().heapUsed);
        },
      });
      const last = Math.floor(calls / EVERY) * EVERY;
      const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(2);
      const samples = [...live].map(([n, bytes]) => `${n / 1000}k: ${mib(bytes)} MiB`).join(', ');
      // Enough calls after the warm-up for a leak of a few bytes a call to show.
      expect(last - FROM, samples).toBeGreaterThanOrEqual(90_000);
      const growth = (live.get(FROM + 90_000) ?? NaN) - (live.get(FROM) ?? NaN);
      expect(growth, `live heap after a full collection, by calls finished: ${samples}`).toBeLessThan(TOLERANCE);
    }, 600_000);
  });
}
