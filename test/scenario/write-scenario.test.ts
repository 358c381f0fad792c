import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstDifference, loadScenarioFile, loadScenarioText, writeScenario } from '../../engine/scenario/index.js';
import { emptyTenant, invokeCmdlet } from '../../engine/tenant/index.js';

const SEATTLE = 'scenarios/seattle.yaml';

async function seattle() {
  const loaded = await loadScenarioFile(SEATTLE);
  if (!loaded.ok) throw new Error('scenarios/seattle.yaml does not load');
  return loaded;
}

describe('writeScenario', () => {
  it('writes the tenant of scenarios/seattle.yaml so that it loads back deep-equal', async () => {
    const { tenant } = await seattle();
    const written = writeScenario(tenant, { text: readFileSync(SEATTLE, 'utf8') }, 'out.yaml');
    const reloaded = written.ok ? loadScenarioText(written.text, 'out.yaml') : undefined;
    expect(reloaded?.ok && reloaded.tenant).toEqual(tenant);
  });

  it('keeps the base file\'s other top-level fields and their comments', async () => {
    const { tenant, scenario } = await seattle();
    const written = writeScenario(tenant, { text: readFileSync(SEATTLE, 'utf8') }, 'out.yaml');
    const text = written.ok ? written.text : '';
    const reloaded = loadScenarioText(text, SEATTLE);
    expect(reloaded.ok && reloaded.scenario).toEqual(scenario);
    expect(text).toContain('# The example of Microsoft\'s "Configure Shared Calling" article, step by step');
  });

  it('writes a change made by a cmdlet, so the reloaded tenant has it', async () => {
    const { tenant } = await seattle();
    invokeCmdlet(tenant, { name: 'Set-CsTeamsSharedCallingRoutingPolicy', named: { Identity: 'Seattle', EmergencyNumbers: { kind: 'hashtable', entries: { remove: '+14255554321' } } }, positional: [] });
    const written = writeScenario(tenant, { text: readFileSync(SEATTLE, 'utf8') }, 'out.yaml');
    const reloaded = written.ok ? loadScenarioText(written.text, 'out.yaml') : undefined;
    expect(reloaded?.ok && reloaded.tenant.sharedCallingPolicies.find((p) => p.identity === 'Seattle')?.emergencyNumbers).toEqual(['+14255556789']);
  });

  it('names a scenario written without a base by the fields given, in a fixed key order', () => {
    const written = writeScenario(emptyTenant(), { fields: { name: 'Fresh', seed: 3, start: '2026-01-05T00:00:00Z', horizon: '1d' } }, 'new.yaml');
    expect(written.ok && written.text).toBe('version: 1\nname: Fresh\nseed: 3\nstart: 2026-01-05T00:00:00Z\nhorizon: 1d\ntenant: {}\n');
  });

  it('writes the civic address id that New-CsOnlineLisCivicAddress chose, so the location loads back deep-equal', () => {
    const tenant = emptyTenant();
    invokeCmdlet(tenant, { name: 'New-CsOnlineLisCivicAddress', named: { City: 'Seattle', StreetName: 'Main Street', HouseNumber: '1', PostalCode: '98101', StateOrProvince: 'WA', CountryOrRegion: 'US' }, positional: [] });
    const written = writeScenario(tenant, { fields: { name: 'x', seed: 1, start: '2026-01-05T00:00:00Z', horizon: '1d' } }, 'new.yaml');
    const reloaded = written.ok ? loadScenarioText(written.text, 'new.yaml') : undefined;
    expect(reloaded?.ok && reloaded.tenant.locations).toEqual(tenant.locations);
  });

  it('writes an emergency call routing policy with -AllowEnhancedEmergencyServices so it loads back deep-equal', () => {
    const tenant = emptyTenant();
    invokeCmdlet(tenant, { name: 'New-CsTeamsEmergencyCallRoutingPolicy', named: { Identity: 'E911', AllowEnhancedEmergencyServices: true }, positional: [] });
    const written = writeScenario(tenant, { fields: { name: 'x', seed: 1, start: '2026-01-05T00:00:00Z', horizon: '1d' } }, 'new.yaml');
    const reloaded = written.ok ? loadScenarioText(written.text, 'new.yaml') : undefined;
    expect(reloaded?.ok && reloaded.tenant.emergencyCallRoutingPolicies).toEqual(tenant.emergencyCallRoutingPolicies);
  });

  it('refuses a tenant the format cannot hold, naming the first field that would differ', () => {
    const tenant = emptyTenant();
    // No cmdlet makes a field the format lacks today; one added to the data stands for a future one.
    tenant.groups.push(Object.assign({ id: 'g1', displayName: 'Sales' }, { source: 'imported' }));
    const written = writeScenario(tenant, { fields: { name: 'x', seed: 1, start: '2026-01-05T00:00:00Z', horizon: '1d' } }, 'new.yaml');
    expect(written).toEqual({ ok: false, reason: 'the scenario format cannot hold this tenant: it loads back different at tenant.groups[0].source', issues: [] });
  });
});

describe('firstDifference', () => {
  it('names the path of the first differing leaf, with list indexes', () => {
    expect(firstDifference({ users: [{ a: 1 }, { a: 2, b: [1, 2] }] }, { users: [{ a: 1 }, { a: 2, b: [1, 3] }] })).toBe('tenant.users[1].b[1]');
  });

  it('returns undefined for deep-equal values', () => {
    expect(firstDifference({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBeUndefined();
  });
});
