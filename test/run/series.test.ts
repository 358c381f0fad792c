/**
 * The series of the results document (what the HTML report draws) agree with the figures of the
 * same replication, cost the figures nothing, and are the same for the same seed.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../../engine/run/index.js';
import { loadScenarioFile } from '../../engine/scenario/index.js';

async function run(file: string, replications: number, horizonMs?: number): Promise<RunResult> {
  const loaded = await loadScenarioFile(file);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return runScenario(loaded, { replications, ...(horizonMs === undefined ? {} : { horizonMs }) });
}

/** Replication 0's value of *metric*. */
function first(result: RunResult, metric: string): number | null | undefined {
  return result.metrics[metric]?.values[0];
}

describe('the series of a run', () => {
  it('add up to the figures: inbound calls by hour and flow, recharges, the final balance', async () => {
    const result = await run('scenarios/seattle.yaml', 2, 7 * 86_400_000);
    const { series, warmupMs } = result;
    for (const flow of ['INB002', 'INB003', 'INB004']) {
      const byHour = series.inboundByHourOfWeek[flow] ?? [];
      expect(byHour).toHaveLength(168);
      expect(byHour.reduce((a, b) => a + b, 0)).toBeCloseTo(result.metrics[`inbound.flow.${flow}`]?.mean ?? NaN, 9);
    }
    const all = Object.values(series.inboundByHourOfWeek).reduce((sum, h) => sum + h.reduce((a, b) => a + b, 0), 0);
    expect(all).toBeCloseTo(result.metrics['inbound.calls']?.mean ?? NaN, 9);
    const recharges = series.creditEvents.filter((e) => e.kind === 'recharge' && e.atMs >= warmupMs);
    expect(recharges.length).toBeGreaterThan(0);
    expect(recharges).toHaveLength(first(result, 'credits.recharges') ?? NaN);
    const last = series.balance.at(-1);
    expect(last?.[1]).toBe(first(result, 'credits.finalBalance'));
  });

  it('link each misrouted callback to the displacement that took its number, and sample within the bound', async () => {
    const result = await run('scenarios/small-callback-pool.yaml', 2, 3 * 86_400_000);
    const { series, warmupMs } = result;
    const pool = series.pools[0];
    expect(pool?.policy).toBe('Campus');
    expect(series.displacements.filter((d) => d.atMs >= warmupMs)).toHaveLength(first(result, 'callbackPool.Campus.displaced') ?? NaN);
    // 3 days at 5-minute intervals.
    expect(series.stepMs).toBe(300_000);
    expect(pool?.reserved).toHaveLength(864);
    expect(Math.max(...(pool?.reserved ?? []).map((p) => p[3]))).toBeLessThanOrEqual(2);
    expect(series.misroutedCallbacks).toHaveLength(first(result, 'callback.misrouted') ?? NaN);
    const linked = series.misroutedCallbacks.filter((c) => c.displacement !== null);
    expect(linked.length).toBeGreaterThan(0);
    for (const c of linked) {
      const d = series.displacements[c.displacement ?? -1];
      // The displacement took this number from this caller, before the callback, and lists it.
      expect(d).toMatchObject({ number: c.number, lost: c.caller });
      expect(d?.atMs).toBeLessThanOrEqual(c.atMs);
      expect(d?.misroutedCallbacks).toContain(c.call);
      expect(c.rang).not.toBe(c.caller);
    }
    expect(series.displacements[0]?.lost).toMatch(/@/); // people by UPN
  });

  it('are the same for the same seed', async () => {
    const a = await run('test/fixtures/run/small-office.yaml', 2);
    const b = await run('test/fixtures/run/small-office.yaml', 2);
    expect(JSON.stringify(b.series)).toBe(JSON.stringify(a.series));
  });
});
