/**
 * The scale check: the default scenario (scenarios/seattle.yaml) with 500 users for 30 days
 * (test/fixtures/statistics/seattle-500.yaml) runs to the end and counts every call exactly once.
 * No timing is asserted. With CALLSIM_SCALE_MEASURE=1 a further test prints wall time and peak
 * heap for 7 and 30 days, to show memory does not grow with the number of calls:
 *   CALLSIM_SCALE_MEASURE=1 NODE_OPTIONS=--expose-gc npx vitest run test/run/statistics-scale.test.ts -t prints
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { CallRecord, RunResult } from '../../engine/run/index.js';
import { runScenario } from '../../engine/run/index.js';
import { CALL_OUTCOME_IDS } from '../../engine/machines/index.js';
import { loadFixture, pooled, type Loaded } from './statistics-support.js';

const KINDS = Object.keys(CALL_OUTCOME_IDS) as (keyof typeof CALL_OUTCOME_IDS)[];

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
      const outcomes = CALL_OUTCOME_IDS[kind].reduce((s, id) => s + pooled(result, `${kind}.outcome.${id}`), 0);
      expect({ kind, outcomes }).toEqual({ kind, outcomes: pooled(result, `${kind}.calls`) });
    }
  });

  test('each finished call is reported once, under its own id, and counted in its kind', () => {
    const total = KINDS.reduce((s, kind) => s + pooled(result, `${kind}.calls`), 0);
    expect(callIds.size).toBe(total);
    for (const kind of KINDS) expect(recordsByKind.get(kind) ?? 0).toBe(pooled(result, `${kind}.calls`));
  });
});

describe.skipIf(!process.env.CALLSIM_SCALE_MEASURE)('wall time and peak heap, 7 against 30 days (prints, asserts nothing of time)', () => {
  test('prints the figures', async () => {
    const loaded = await loadFixture('seattle-500.yaml');
    const gc = (globalThis as { gc?: () => void }).gc;
    const lines: string[] = [];
    for (const days of [7, 30]) {
      gc?.();
      const base = process.memoryUsage().heapUsed;
      let peak = base;
      let live = 0;
      const liveAt: string[] = [];
      let calls = 0;
      const t0 = performance.now();
      runScenario(loaded, {
        horizonMs: days * 86_400_000,
        onCall: () => {
          // Sampled every 500 calls: heapUsed includes garbage not yet collected, so the peak is
          // an upper bound on what the run holds.
          if (++calls % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
          // With --expose-gc, every 10,000 calls: the heap still in use after a full collection.
          if (gc !== undefined && calls % 10_000 === 0) {
            gc();
            live = process.memoryUsage().heapUsed;
            liveAt.push(`${calls / 1000}k: ${(live / 2 ** 20).toFixed(1)}`);
          }
        },
      });
      const seconds = (performance.now() - t0) / 1000;
      lines.push(
        `${days} days: ${calls} calls, ${seconds.toFixed(1)} s (with the sampled collections), heap at start ` +
          `${(base / 2 ** 20).toFixed(1)} MiB, peak heap ${(peak / 2 ** 20).toFixed(1)} MiB, max RSS so far ` +
          `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; live heap after GC (MiB) ${liveAt.join(', ') || 'n/a (no --expose-gc)'}`,
      );
    }
    console.log(lines.join('\n'));
    expect(lines).toHaveLength(2);
  }, 600_000);
});
