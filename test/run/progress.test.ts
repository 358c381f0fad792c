import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/run/index.js';
import { emergencyWorkload, inboundWorkload, load, outboundWorkload, smallScenario } from '../fixtures/run/small-tenant.js';

function scenario() {
  const s = smallScenario();
  s.horizon = '3d';
  s.replications = 2;
  s.workload = {
    outbound: outboundWorkload(2),
    inbound: inboundWorkload({ keys: { '1': 1 } }),
    emergency: emergencyWorkload(0.01),
  };
  return load(s);
}

describe('run progress', () => {
  it('reports each simulated day of each replication, ending at the total', () => {
    const ticks: number[] = [];
    runScenario(scenario(), { onProgress: (done, total) => ticks.push(done * (6 / total)) });
    expect(ticks.map((t) => Math.round(t * 1e9) / 1e9)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('does not change a single figure when asked for', () => {
    const loaded = scenario();
    const quiet = runScenario(loaded);
    const watched = runScenario(loaded, { onProgress: () => {} });
    expect(JSON.stringify(watched)).toBe(JSON.stringify(quiet));
  });
});
