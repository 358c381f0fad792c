/**
 * Issue 11: where the caller is, for a client the workload placed on a network. Every branch of
 * the emergency machine's LIS lookup, with the rule ID it reports (NET020-NET028, EMG012).
 */
import { describe, expect, it } from 'vitest';
import { emergencyMachine, type EmergencyCallInput } from '../../engine/machines/emergency.js';
import { drive } from './drive.js';
import { emergencyCall as call, placedClient } from './samples.js';

function located(change: (c: EmergencyCallInput) => void) {
  const output = drive(emergencyMachine, call(change)).snapshot.output as { outcome: string; reason: string; details: { location: unknown; routing: { siteOverride: boolean } | null } };
  return output;
}

const sitePolicy = { identity: 'HQ-Emergency', emergencyNumbers: [{ dialString: '911', dialMasks: [], pstnUsage: null }] };

describe('the location of a client placed on a network', () => {
  it('takes the access point first, then the port, the switch and the subnet (NET022-NET025)', () => {
    const all = { accessPoint: 'loc-3f', port: 'loc-desk', switch: 'loc-2f', subnet: 'loc-hq' };
    expect(located((c) => { c.location.network = placedClient(all); }).details.location).toEqual({ source: 'dynamic', locationId: 'loc-3f', element: 'accessPoint', rule: 'NET022', site: 'HQ' });
    expect(located((c) => { c.location.network = placedClient({ ...all, accessPoint: undefined }); }).details.location).toMatchObject({ locationId: 'loc-desk', element: 'port', rule: 'NET023' });
    expect(located((c) => { c.location.network = placedClient({ switch: 'loc-2f', subnet: 'loc-hq' }); }).details.location).toMatchObject({ locationId: 'loc-2f', element: 'switch', rule: 'NET024' });
    const bySubnet = located((c) => { c.location.network = placedClient({ subnet: 'loc-hq' }); });
    expect(bySubnet.details.location).toMatchObject({ source: 'dynamic', locationId: 'loc-hq', element: 'subnet', rule: 'NET025' });
    expect(bySubnet.reason).toContain('EMG002 location dynamic loc-hq by NET025 subnet');
  });

  it('ignores the user\'s fixed dynamic location once the client is placed', () => {
    const output = located((c) => {
      c.location.dynamicLocationId = 'loc-fixed';
      c.location.network = placedClient({});
    });
    expect(output.details.location).toMatchObject({ source: 'static', locationId: 'loc-hq', rule: 'NET026' });
  });

  it('falls back to the resource account number\'s static location (NET027) for each reason', () => {
    const noMatch = located((c) => { c.location.network = placedClient({}); });
    expect(noMatch.details.location).toEqual({ source: 'static', locationId: 'loc-hq', rule: 'NET026', site: 'HQ' });
    expect(noMatch.reason).toContain('EMG002 location static loc-hq after NET026, NET027 fallback');
    const offNetwork = located((c) => { c.location.network = { ...placedClient({ subnet: 'loc-hq' }), trusted: false, siteId: null }; });
    expect(offNetwork.details.location).toEqual({ source: 'static', locationId: 'loc-hq', rule: 'NET021', site: null });
    const enhancedOff = located((c) => { c.location.network = { ...placedClient({ accessPoint: 'loc-3f' }), enhancedEmergencyServices: { userPolicy: false, sitePolicy: true } }; });
    expect(enhancedOff.details.location).toMatchObject({ source: 'static', rule: 'NET020' });
  });

  it('fails as EMG012 when the resource account number has no location either', () => {
    const output = located((c) => {
      c.location.network = placedClient({});
      c.location.staticLocationId = null;
    });
    expect(output.outcome).toBe('EMG012');
    expect(output.details.location).toEqual({ source: 'none', locationId: null, rule: 'NET026', site: 'HQ' });
  });

  it('uses AllowEnhancedEmergencyServices of the site policy when the site policy overrides (EMG006)', () => {
    const output = located((c) => {
      c.sitePolicy = sitePolicy;
      c.location.network = { ...placedClient({ accessPoint: 'loc-3f' }), enhancedEmergencyServices: { userPolicy: true, sitePolicy: false } };
    });
    expect(output.details.routing?.siteOverride).toBe(true);
    expect(output.details.location).toMatchObject({ source: 'static', rule: 'NET020' });
  });

  it('gives an untrusted client no site policy (NET028), and a trusted one its site policy', () => {
    const untrusted = located((c) => {
      c.sitePolicy = sitePolicy;
      c.location.network = { ...placedClient({}), trusted: false };
    });
    expect(untrusted.details.routing?.siteOverride).toBe(false);
    const trusted = located((c) => {
      c.sitePolicy = sitePolicy;
      c.location.network = placedClient({});
    });
    expect(trusted.details.routing?.siteOverride).toBe(true);
  });

  it('keeps the user\'s policy in a tenant that mixes Shared Calling with Direct Routing (EMG006)', () => {
    const output = located((c) => {
      c.sitePolicy = sitePolicy;
      c.tenantMixesSharedCallingWithDirectRouting = true;
      c.location.network = placedClient({ subnet: 'loc-hq' });
    });
    expect(output.details.routing?.siteOverride).toBe(false);
    expect(output.details.location).toMatchObject({ rule: 'NET025' });
  });
});
