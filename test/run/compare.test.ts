import { describe, expect, it } from 'vitest';
import { compareRuns, runScenario } from '../../engine/run/index.js';
import { emergencyWorkload, load, outboundWorkload, smallScenario } from '../fixtures/run/small-tenant.js';

function scenario(callbackNumbers: string[]) {
  const s = smallScenario();
  s.horizon = '2d';
  s.replications = 4;
  s.tenant.policies.sharedCalling[0].emergencyNumbers = callbackNumbers;
  s.workload = { outbound: outboundWorkload(1), emergency: emergencyWorkload(2, { probability: 1, delay: { fixed: '30m' } }) };
  return load(s);
}

describe('paired comparison of two runs', () => {
  const a = runScenario(scenario(['+14255556789']));
  const b = runScenario(scenario(['+14255556789', '+14255554321']));
  const byMetric = new Map(compareRuns(a, b).map((c) => [c.metric, c]));

  it('gives the difference b - a replication by replication, with its interval', () => {
    const c = byMetric.get('emergency.outcome.EMG004');
    expect(c).toBeDefined();
    const expected = c?.a.values.map((va, i) => (c.b.values[i] as number) - (va as number));
    expect(c?.difference.values).toEqual(expected);
    expect(c?.difference.n).toBe(4);
    // One number for this many emergency calls is busy far more often than two.
    expect(c?.difference.upper).toBeLessThan(0);
  });

  it('finds no difference at all where the change cannot reach (common random numbers)', () => {
    const outbound = byMetric.get('outbound.calls');
    expect(outbound?.difference.values).toEqual([0, 0, 0, 0]);
    expect(byMetric.get('credits.spent')?.difference.values).toEqual([0, 0, 0, 0]);
  });

  it('refuses to pair runs with different seeds or replications', () => {
    const other = runScenario(scenario(['+14255556789']), { seed: 8 });
    expect(() => compareRuns(a, other)).toThrow(RangeError);
  });
});
