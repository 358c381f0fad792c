/**
 * The fixed scenario of the run group: scenarios/seattle.yaml with its generated population
 * raised to *users*, one replication, no warm-up (so every simulated call is counted) and the
 * given horizon. Same file, same seed, so every bench run does the same work.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { loadScenarioText, type Scenario } from '../../engine/scenario/index.js';
import type { Tenant } from '../../engine/tenant/index.js';

export interface BenchScenario {
  scenario: Scenario;
  tenant: Tenant;
}

/** Raise Error if the file does not load or has no generated population to resize. */
export function loadBenchScenario(file: string, users: number, horizonDays: number): BenchScenario {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const generated = doc.getIn(['tenant', 'users', 0, 'generate']);
  if (typeof generated !== 'number') throw new Error(`${file}: tenant.users[0] is not a generated population.`);
  doc.setIn(['tenant', 'users', 0, 'generate'], users);
  doc.setIn(['horizon'], `${horizonDays}d`);
  doc.setIn(['warmup'], '0s');
  doc.setIn(['replications'], 1);
  const loaded = loadScenarioText(doc.toString(), file);
  if (!loaded.ok) {
    const first = loaded.issues[0];
    throw new Error(`${file} (resized for the bench) does not load: ${first?.message ?? 'unknown issue'}`);
  }
  return { scenario: loaded.scenario, tenant: loaded.tenant };
}
