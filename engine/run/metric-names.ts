/**
 * The metric names a run of a tenant reports, so an `expect` entry that names none of them is
 * caught when the scenario loads rather than after a long run.
 */
import { ReplicationCollector } from '../calls/index.js';
import { CallbackPools, sharedResourceAccountIds } from '../runtime/index.js';
import type { Tenant } from '../tenant/index.js';

/** Figures every callback pool has, under `callbackPool.<policy>.`. */
const POOL_FIGURE = /^callbackPool\.[A-Za-z0-9_-]+\.(size|reservations|renewals|displaced|meanReserved|peakReserved|allReservedShare)$/;

const namesByTenant = new WeakMap<Tenant, string[]>();

/**
 * Every metric a run of *tenant* reports (pools added later by the timeline aside), worked out
 * once per tenant: a scenario's expect list asks for each of its entries.
 */
export function metricNames(tenant: Tenant): string[] {
  let names = namesByTenant.get(tenant);
  if (names === undefined) {
    const collector = new ReplicationCollector(0, 0);
    collector.watchPools(new CallbackPools(tenant).all());
    collector.watchNetwork(tenant);
    collector.watchChannels(tenant, sharedResourceAccountIds(tenant));
    collector.watchQueues(tenant);
    names = Object.keys(collector.figures(0, 0));
    namesByTenant.set(tenant, names);
  }
  return names;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/**
 * What is wrong with `expect` naming *metric* for *tenant*, or undefined when a run reports it.
 * A pool figure of a policy the timeline may create is let through.
 */
export function metricProblem(metric: string, tenant: Tenant): string | undefined {
  const names = metricNames(tenant);
  if (names.includes(metric) || POOL_FIGURE.test(metric)) return undefined;
  const nearest = [...names].sort((a, b) => editDistance(metric, a) - editDistance(metric, b) || a.localeCompare(b))[0];
  return `no metric named ${metric}${nearest === undefined ? '' : `; did you mean ${nearest}?`} (docs/results-format.md lists them all)`;
}
