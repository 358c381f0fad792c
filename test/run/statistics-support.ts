/**
 * What the statistical tests of a run share: loading a fixture, pooling a figure over the
 * replications, and the 99.9% bounds of test/workload/statistics.ts. With a fixed seed every test
 * is deterministic; a bound says how far a correct engine strays in 99.9% of seeds, so a failure
 * means a wrong engine rather than bad luck.
 */
import { runScenario, type RunResult } from '../../engine/run/index.js';
import { loadScenarioFile, type Scenario } from '../../engine/scenario/index.js';
import type { Tenant } from '../../engine/tenant/index.js';

export { Z999 } from '../workload/statistics.js';

/** Set CALLSIM_LONG_STATS=1 to run the long versions (more replications, tighter bounds). */
export const LONG = process.env.CALLSIM_LONG_STATS !== undefined && process.env.CALLSIM_LONG_STATS !== '';

export interface Loaded {
  scenario: Scenario;
  tenant: Tenant;
}

export async function loadFixture(name: string): Promise<Loaded> {
  const loaded = await loadScenarioFile(`test/fixtures/statistics/${name}`);
  if (!loaded.ok) throw new Error(`${name}: ${JSON.stringify(loaded.issues)}`);
  return { scenario: loaded.scenario, tenant: loaded.tenant };
}

export async function runFixture(name: string, replications?: number): Promise<{ loaded: Loaded; result: RunResult }> {
  const loaded = await loadFixture(name);
  return { loaded, result: runScenario(loaded, replications === undefined ? {} : { replications }) };
}

/** The values of *metric*, one per replication (0 where a replication did not define it). */
export function perReplication(result: RunResult, metric: string): number[] {
  const summary = result.metrics[metric];
  if (summary === undefined) throw new Error(`no metric ${metric}`);
  return summary.values.map((v) => v ?? 0);
}

/** *metric* summed over the replications: counts from independent replications pool exactly. */
export function pooled(result: RunResult, metric: string): number {
  return perReplication(result, metric).reduce((s, v) => s + v, 0);
}

/** Half-width of the 99.9% bound on a share estimated from *n* independent trials. */
export function binomialBound(p: number, n: number, z: number): number {
  return z * Math.sqrt((p * (1 - p)) / n);
}
