import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DAY } from '../../engine/kernel/index.js';
import { runBareCalls } from '../../bench/run/bare-calls.js';
import { loadBenchScenario } from '../../bench/run/scenario.js';

const seattle = join(dirname(fileURLToPath(import.meta.url)), '../../scenarios/seattle.yaml');

describe('the run benchmark scenario', () => {
  it('resizes the Seattle population and horizon, with one replication and no warm-up', () => {
    const { scenario, tenant } = loadBenchScenario(seattle, 120, 30);
    expect(tenant.users).toHaveLength(120);
    expect(scenario.horizon).toBe(30 * DAY);
    expect(scenario.warmup).toBe(0);
    expect(scenario.replications).toBe(1);
    expect(scenario.seed).toBe(42);
  });

  it('finishes every call it is given through the kernel and driver alone', () => {
    expect(runBareCalls({ outbound: 40, inbound: 30, emergency: 6, callback: 5, queue: 0 }, DAY)).toBe(81);
  });
});
