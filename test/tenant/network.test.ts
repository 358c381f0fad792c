/**
 * Issue 11: the network of dynamic emergency calling. The cmdlets as Microsoft's documentation
 * writes them, their refusals (NET001-NET009), the client match, and the findings (NET040-NET044);
 * the Get-/Set-/Remove- counterparts that correct the network (NET010-NET013) and a timeline that
 * removes a LIS entry mid-run.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScriptOnTenant } from '../../engine/powershell/index.js';
import { runScenario, type CallRecord } from '../../engine/run/index.js';
import { loadScenarioText, scenarioFindings } from '../../engine/scenario/index.js';
import { addLocation, addUser, emptyTenant, invokeCmdlet, matchClientNetwork, type Tenant } from '../../engine/tenant/index.js';
import { must, newUser } from './fixtures.js';

const corpus = (file: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/ps-corpus/${file}`, import.meta.url)), 'utf8');

/** A tenant with the locations the documentation's examples name (by their GUIDs) and `hq`. */
function tenantWithLocations(): Tenant {
  const t = emptyTenant();
  for (const id of ['d7714269-ee52-4635-97b0-d7c228801d24', 'b2804a1a-e4cf-47df-8964-3eaf6fe1ae3a', '9905bca0-6fb0-11ec-84a4-25019013784a', 'efd7273e-3092-4a56-8541-f5c896bb6fee', 'f037a9ad-4334-455a-a1c5-3838ec0f5d02', 'hq', 'branch']) {
    const added = addLocation(t, { locationId: id, civicAddressId: `civic-${id}`, description: '', companyName: 'Contoso', houseNumber: '1', streetName: 'Main St', city: 'Seattle', stateOrProvince: 'WA', postalCode: '98101', countryOrRegion: 'US' });
    if (!added.ok) throw new Error(added.refusal.message);
  }
  return t;
}

/** A user whose client is fixed at *site* (clientLocation.networkSite); returns the UPN. */
function newUserAt(t: Tenant, site: string): string {
  const added = addUser(t, newUser('u-at-site', 'fixed@contoso.com', { clientLocation: { networkSiteId: site, dynamicLocationId: null } }));
  if (!added.ok) throw new Error(added.refusal.message);
  return 'fixed@contoso.com';
}

function run(t: Tenant, name: string, named: Record<string, string | number | boolean>) {
  return invokeCmdlet(t, { name, named, positional: [] });
}

function refusal(t: Tenant, name: string, named: Record<string, string | number | boolean>): string {
  const result = run(t, name, named);
  if (result.ok) throw new Error(`${name} was accepted`);
  return result.refusal.message;
}

describe('the network cmdlets replay the documentation examples', () => {
  const examples = [
    'New-CsTenantNetworkRegion.example1.ps1',
    'New-CsTenantNetworkSite.example1.ps1',
    'New-CsTenantNetworkSite.example2.ps1',
    'New-CsTenantNetworkSite.example3.ps1',
    'New-CsTenantNetworkSubnet.example1.ps1',
    'New-CsTenantNetworkSubnet.example2.ps1',
    'New-CsTenantTrustedIPAddress.example1.ps1',
    'New-CsTenantTrustedIPAddress.example2.ps1',
    'New-CsTenantTrustedIPAddress.example3.ps1',
    'Set-CsOnlineLisWirelessAccessPoint.example1.ps1',
    'Set-CsOnlineLisWirelessAccessPoint.example2.ps1',
    'Set-CsOnlineLisSwitch.example1.ps1',
    'Set-CsOnlineLisPort.example1.ps1',
    'Set-CsOnlineLisPort.example2.ps1',
    'Set-CsOnlineLisPort.example3.ps1',
    'Set-CsOnlineLisSubnet.example1.ps1',
    'Set-CsOnlineLisSubnet.example2.ps1',
  ];

  it('runs each against a tenant holding what it names, refusing only the IPv6 ones (NET005)', () => {
    const t = tenantWithLocations();
    // What the examples assume exists beforehand: the regions and site1.
    const setup = runScriptOnTenant(t, 'New-CsTenantNetworkRegion -NetworkRegionID RegionRedmond\nNew-CsTenantNetworkRegion -NetworkRegionID RedmondRegion\nNew-CsTenantNetworkSite -NetworkSiteID site1', 'setup.ps1');
    expect(setup.entries.filter((e) => e.kind === 'error')).toEqual([]);
    const errors: [string, string | undefined][] = [];
    for (const file of examples) {
      const transcript = runScriptOnTenant(t, corpus(file), file);
      expect(transcript.completed, file).toBe(true);
      for (const e of transcript.entries) if (e.kind === 'error') errors.push([file, e.code]);
    }
    expect(errors).toEqual([
      ['New-CsTenantNetworkSubnet.example2.ps1', 'NET005'],
      ['New-CsTenantTrustedIPAddress.example3.ps1', 'NET005'],
      ['Set-CsOnlineLisSubnet.example2.ps1', 'NET005'],
    ]);
    const network = t.network;
    expect(network?.regions.map((r) => r.id)).toEqual(['RegionRedmond', 'RedmondRegion', 'RegionA']);
    expect(t.networkSites.map((s) => [s.id, s.networkRegionId ?? null])).toEqual([
      ['site1', null],
      ['MicrosoftSite1', 'RegionRedmond'],
      ['site2', 'RedmondRegion'],
      ['site3', 'RedmondRegion'],
    ]);
    // 192.168.0.1 with 24 mask bits, as the example writes it: the range of 192.168.0.0/24.
    expect(network?.subnets).toEqual([{ subnetId: '192.168.0.1', maskBits: 24, networkSiteId: 'site1', description: '' }]);
    expect(network?.trustedIps.map((x) => `${x.ipAddress}/${x.maskBits}`)).toEqual(['192.168.0.1/32', '192.168.2.0/24']);
    expect(network?.lis.wirelessAccessPoints.map((x) => x.bssid)).toEqual(['F0-6E-0B-C2-03-23', 'F0-6E-0B-C2-04-*']);
    expect(network?.lis.switches.map((x) => x.chassisId)).toEqual(['B8-BE-BF-4A-A3-00']);
    expect(network?.lis.ports.map((x) => `${x.chassisId}/${x.portId}`)).toEqual(['0B-23-CD-16-AA-CC/12174', '0B-23-CD-16-AA-CC/0A-25-55-AB-CD-FF', '55123/12174']);
    expect(network?.lis.subnets.map((x) => x.subnet)).toEqual(['10.10.10.128']);
  });
});

describe('network refusals', () => {
  function base(): Tenant {
    const t = tenantWithLocations();
    for (const [name, named] of [
      ['New-CsTeamsEmergencyCallRoutingPolicy', { Identity: 'HQ-Emergency' }],
      ['New-CsTenantNetworkRegion', { NetworkRegionID: 'PNW' }],
      ['New-CsTenantNetworkSite', { NetworkSiteID: 'HQ', NetworkRegionID: 'PNW' }],
      ['New-CsTenantNetworkSubnet', { SubnetID: '10.1.0.0', MaskBits: 16, NetworkSiteID: 'HQ' }],
    ] as const) {
      const result = run(t, name, named);
      if (!result.ok) throw new Error(result.refusal.message);
    }
    return t;
  }

  it('refuses each broken rule with its ID and leaves the tenant as it was', () => {
    const cases: [string, Record<string, string | number>, string][] = [
      ['New-CsTenantNetworkRegion', { NetworkRegionID: 'pnw' }, 'NET001'],
      ['New-CsTenantNetworkSite', { NetworkSiteID: 'hq' }, 'NET001'],
      ['New-CsTenantTrustedIPAddress', { IPAddress: '203.0.113.0', MaskBits: 24 }, 'ok'],
      ['New-CsTenantNetworkSite', { NetworkSiteID: 'Branch', NetworkRegionID: 'EMEA' }, 'NET002'],
      ['New-CsTenantNetworkSite', { NetworkSiteID: 'Branch', EmergencyCallRoutingPolicy: 'Global' }, 'NET003'],
      ['New-CsTenantNetworkSite', { NetworkSiteID: 'Branch', EmergencyCallRoutingPolicy: 'Nowhere' }, 'NET003'],
      ['New-CsTenantNetworkSubnet', { SubnetID: '10.2.0', MaskBits: 24, NetworkSiteID: 'HQ' }, 'NET004'],
      ['New-CsTenantNetworkSubnet', { SubnetID: '10.2.0.0', MaskBits: 33, NetworkSiteID: 'HQ' }, 'NET004'],
      ['New-CsTenantTrustedIPAddress', { IPAddress: '203.0.113.256' }, 'NET004'],
      ['New-CsTenantNetworkSubnet', { SubnetID: 'fd00::', MaskBits: 64, NetworkSiteID: 'HQ' }, 'NET005'],
      ['New-CsTenantNetworkSubnet', { SubnetID: '10.2.0.0', MaskBits: 24, NetworkSiteID: 'Branch' }, 'NET006'],
      ['New-CsTenantNetworkSubnet', { SubnetID: '10.1.4.0', MaskBits: 24, NetworkSiteID: 'HQ' }, 'NET007'],
      ['New-CsTenantNetworkSubnet', { SubnetID: '10.0.0.0', MaskBits: 8 }, 'NET007'],
      ['Set-CsOnlineLisWirelessAccessPoint', { BSSID: 'F0-6E-0B-C2-03', LocationId: 'hq' }, 'NET008'],
      ['Set-CsOnlineLisWirelessAccessPoint', { BSSID: 'F0-6E-*', LocationId: 'hq' }, 'NET008'],
      ['Set-CsOnlineLisWirelessAccessPoint', { BSSID: 'F0-6E-0B-C2-03-23', LocationId: 'nowhere' }, 'NET009'],
      ['Set-CsOnlineLisSwitch', { ChassisID: 'B8-BE-BF-4A-A3-00', LocationId: 'nowhere' }, 'NET009'],
      ['Set-CsOnlineLisPort', { ChassisID: 'B8-BE-BF-4A-A3-00', PortID: '1', LocationId: 'nowhere' }, 'NET009'],
      ['Set-CsOnlineLisSubnet', { Subnet: '10.1.0.0', LocationId: 'nowhere' }, 'NET009'],
    ];
    for (const [name, named, code] of cases) {
      const t = base();
      const before = structuredClone(t);
      const result = run(t, name, named);
      if (code === 'ok') {
        expect(result.ok, `${name} ${JSON.stringify(named)}`).toBe(true);
        continue;
      }
      expect(result.ok ? 'accepted' : result.refusal.message, `${name} ${JSON.stringify(named)}`).toMatch(new RegExp(`^${code}: `));
      expect(t).toEqual(before);
    }
  });

  it('moves a subnet to another site with Set-CsTenantNetworkSubnet, and refuses a mask that overlaps another (NET007)', () => {
    const t = base();
    expect(run(t, 'New-CsTenantNetworkSite', { NetworkSiteID: 'Branch' }).ok).toBe(true);
    expect(run(t, 'New-CsTenantNetworkSubnet', { SubnetID: '10.2.0.0', MaskBits: 24, NetworkSiteID: 'HQ' }).ok).toBe(true);
    expect(run(t, 'Set-CsTenantNetworkSubnet', { Identity: '10.2.0.0', NetworkSiteID: 'Branch' }).ok).toBe(true);
    expect(t.network?.subnets.map((x) => [x.subnetId, x.networkSiteId])).toEqual([['10.1.0.0', 'HQ'], ['10.2.0.0', 'Branch']]);
    const before = structuredClone(t);
    expect(refusal(t, 'Set-CsTenantNetworkSubnet', { Identity: '10.2.0.0', MaskBits: 8 })).toMatch(/^NET007: /);
    expect(refusal(t, 'Set-CsTenantNetworkSubnet', { Identity: '10.2.0.0', NetworkSiteID: 'Nowhere' })).toMatch(/^NET006: /);
    expect(t).toEqual(before);
  });

  it('a refused first network cmdlet leaves a tenant without a network as it was', () => {
    const t = tenantWithLocations();
    expect(refusal(t, 'Set-CsOnlineLisSubnet', { Subnet: '10.1.0.0', LocationId: 'nowhere' })).toMatch(/^NET009: /);
    expect(t.network).toBeUndefined();
  });
});

describe('what the network makes of a client', () => {
  function office(): Tenant {
    const t = tenantWithLocations();
    const script = [
      'New-CsTenantNetworkSite -NetworkSiteID HQ',
      'New-CsTenantNetworkSubnet -SubnetID 10.1.0.0 -MaskBits 16 -NetworkSiteID HQ',
      'New-CsTenantTrustedIPAddress -IPAddress 203.0.113.0 -MaskBits 28',
      'Set-CsOnlineLisWirelessAccessPoint -BSSID F0-6E-0B-C2-04-* -LocationId branch',
      'Set-CsOnlineLisWirelessAccessPoint -BSSID F0-6E-0B-C2-04-23 -LocationId hq',
      'Set-CsOnlineLisSwitch -ChassisID B8-BE-BF-4A-A3-00 -LocationId branch',
      'Set-CsOnlineLisPort -ChassisID B8-BE-BF-4A-A3-00 -PortID 12 -LocationId hq',
      'Set-CsOnlineLisSubnet -Subnet 10.1.0.0 -LocationId hq',
    ].join('\n');
    const transcript = runScriptOnTenant(t, script, 'office.ps1');
    expect(transcript.entries.filter((e) => e.kind === 'error')).toEqual([]);
    return t;
  }
  const client = { publicIp: '203.0.113.5', subnet: '10.1.0.0/16', bssid: null, chassisId: null, portId: null };

  it('matches every element LIS holds, an exact BSSID before a range, and the site whose subnet holds the client', () => {
    const t = office();
    expect(matchClientNetwork(t, { ...client, bssid: 'f0:6e:0b:c2:04:23', chassisId: 'b8-be-bf-4a-a3-00', portId: '12' })).toEqual({
      trusted: true,
      siteId: 'HQ',
      lis: { accessPoint: 'hq', port: 'hq', switch: 'branch', subnet: 'hq' },
    });
    expect(matchClientNetwork(t, { ...client, bssid: 'F0-6E-0B-C2-04-99', chassisId: 'B8-BE-BF-4A-A3-00', portId: '13' }).lis).toEqual({ accessPoint: 'branch', port: null, switch: 'branch', subnet: 'hq' });
    // A smaller local subnet inside HQ's range is at HQ, but LIS knows only HQ's network ID.
    expect(matchClientNetwork(t, { ...client, subnet: '10.1.7.0/24' })).toEqual({ trusted: true, siteId: 'HQ', lis: { accessPoint: null, port: null, switch: null, subnet: null } });
  });

  it('knows no site for a client behind an untrusted address (NET028), though LIS would match', () => {
    const t = office();
    expect(matchClientNetwork(t, { ...client, publicIp: '192.0.2.77' })).toEqual({ trusted: false, siteId: null, lis: { accessPoint: null, port: null, switch: null, subnet: 'hq' } });
  });
});

describe('network findings', () => {
  const library = (file: string) => {
    const path = fileURLToPath(new URL(`../../scenarios/${file}`, import.meta.url));
    const loaded = loadScenarioText(readFileSync(path, 'utf8'), path);
    if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
    return scenarioFindings(loaded.scenario, loaded.tenant);
  };

  it('name the Bellevue subnet missing from LIS and estimate the share of calls located only statically', () => {
    const findings = library('branch-site-missing-lis.yaml');
    expect(findings.map((f) => [f.rule, f.object.id])).toEqual([
      ['NET040', 'Bellevue'],
      ['NET044', 'clients'],
    ]);
    expect(findings[0]?.message).toContain('subnet 10.2.0.0/24 of network site Bellevue has no LIS location');
    expect(findings[0]?.fix).toMatch(/^Set-CsOnlineLisSubnet -Subnet 10\.2\.0\.0 /);
    // Ten of forty users are at Bellevue, always: a quarter of the calls, exactly.
    expect(findings[1]?.message).toContain('an estimated 25.0% of emergency calls get no dynamic location');
  });

  it('estimate the VPN and home shares of remote workers', () => {
    const findings = library('remote-workers-vpn.yaml');
    expect(findings.map((f) => f.rule)).toEqual(['NET044']);
    expect(findings[0]?.message).toContain('60.0%');
    expect(findings[0]?.message).toContain('vpn 40.0%, home 20.0%');
  });

  it('report sites without policies, missing trusted IPs and LIS locations nobody reaches', () => {
    const t = tenantWithLocations();
    const script = [
      'New-CsTeamsEmergencyCallRoutingPolicy -Identity HQ-Emergency',
      'New-CsTenantNetworkSite -NetworkSiteID HQ -EmergencyCallRoutingPolicy HQ-Emergency',
      'New-CsTenantNetworkSite -NetworkSiteID Branch',
      'New-CsTenantNetworkSubnet -SubnetID 10.1.0.0 -MaskBits 16 -NetworkSiteID HQ',
      'New-CsTenantNetworkSubnet -SubnetID 10.2.0.0 -MaskBits 24 -NetworkSiteID Branch',
      'Set-CsOnlineLisSubnet -Subnet 10.1.0.0 -LocationId hq',
      'Set-CsOnlineLisSubnet -Subnet 10.2.0.0 -LocationId branch',
    ].join('\n');
    expect(runScriptOnTenant(t, script, 'sites.ps1').entries.filter((e) => e.kind === 'error')).toEqual([]);
    const text = `version: 1\nname: t\nseed: 1\nstart: 2026-03-02T00:00:00-08:00\nhorizon: 1d\ntenant: {}\n`;
    const loaded = loadScenarioText(text, 't.yaml');
    if (!loaded.ok) throw new Error('does not load');
    const scenario = { ...loaded.scenario, workload: { clients: [{ name: 'hq', share: 1, kind: 'office' as const, publicIp: '203.0.113.5', subnet: '10.1.0.0/16' }] } };
    const findings = scenarioFindings(scenario, t);
    expect(findings.map((f) => [f.rule, f.object.id])).toEqual([
      ['NET042', 'trustedIps'],
      ['NET041', 'Branch'],
      ['NET043', 'branch'],
    ]);
  });
});

describe('a place behind an untrusted address on a site subnet', () => {
  it('is reported as NET042 for its site, with the trusted IP to add', () => {
    const t = tenantWithLocations();
    const script = [
      'New-CsTenantNetworkSite -NetworkSiteID Branch',
      'New-CsTenantNetworkSubnet -SubnetID 10.2.0.0 -MaskBits 24 -NetworkSiteID Branch',
      'New-CsTenantTrustedIPAddress -IPAddress 203.0.113.0 -MaskBits 28',
      'Set-CsOnlineLisSubnet -Subnet 10.2.0.0 -LocationId branch',
    ].join('\n');
    expect(runScriptOnTenant(t, script, 'branch.ps1').entries.filter((e) => e.kind === 'error')).toEqual([]);
    const loaded = loadScenarioText('version: 1\nname: t\nseed: 1\nstart: 2026-03-02T00:00:00-08:00\nhorizon: 1d\ntenant: {}\n', 't.yaml');
    if (!loaded.ok) throw new Error('does not load');
    const scenario = { ...loaded.scenario, workload: { clients: [{ name: 'branch', share: 1, kind: 'office' as const, publicIp: '198.51.100.18', subnet: '10.2.0.0/24' }] } };
    const findings = scenarioFindings(scenario, t);
    expect(findings.map((f) => [f.rule, f.object.id, f.fix])).toEqual([['NET042', 'Branch', 'New-CsTenantTrustedIPAddress -IPAddress 198.51.100.18']]);
  });
});

describe('the branch-site scenario, run', () => {
  it('locates every Bellevue 911 call only by the static address of the main number, and Seattle ones where they are', () => {
    const path = fileURLToPath(new URL('../../scenarios/branch-site-missing-lis.yaml', import.meta.url));
    const loaded = loadScenarioText(readFileSync(path, 'utf8'), path);
    if (!loaded.ok) throw new Error('does not load');
    const records: CallRecord[] = [];
    runScenario(loaded, { replications: 1, onCall: (r) => records.push(r) });
    const upn = new Map(loaded.tenant.users.map((u) => [u.objectId, u.userPrincipalName]));
    const located = records
      .filter((r) => r.kind === 'emergency')
      .map((r) => ({ upn: upn.get(r.callerId ?? '') ?? '', location: (r.details as { location: { source: string; locationId: string; rule: string; site: string } | null }).location }));
    const bellevue = located.filter((c) => c.upn.startsWith('bellevue'));
    const seattle = located.filter((c) => c.upn.startsWith('user'));
    expect(bellevue.length).toBeGreaterThan(0);
    expect(seattle.length).toBeGreaterThan(0);
    for (const c of bellevue) expect(c.location).toEqual({ source: 'static', locationId: 'seattle-hq', rule: 'NET026', site: 'Bellevue' });
    for (const c of seattle) expect(c.location).toMatchObject({ source: 'dynamic', locationId: 'seattle-hq', site: 'Seattle' });
  });
});

describe('a timeline that changes the network', () => {
  it('moves Bellevue callers from the static address to their own once the subnet is put in LIS on day 7', () => {
    const path = fileURLToPath(new URL('../../scenarios/branch-site-missing-lis.yaml', import.meta.url));
    const text = readFileSync(path, 'utf8').replace(
      /^timeline: \[\]$/m,
      'timeline:\n  - { at: 7d, do: Set-CsOnlineLisSubnet, Subnet: 10.2.0.0, LocationId: bellevue-2f }',
    );
    const loaded = loadScenarioText(text, path);
    if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
    const records: CallRecord[] = [];
    runScenario(loaded, { replications: 1, onCall: (r) => records.push(r) });
    const upn = new Map(loaded.tenant.users.map((u) => [u.objectId, u.userPrincipalName]));
    const day7 = 7 * 24 * 3_600_000;
    const bellevue = records.filter((r) => r.kind === 'emergency' && (upn.get(r.callerId ?? '') ?? '').startsWith('bellevue'));
    const where = (r: CallRecord) => (r.details as { location: { locationId: string; rule: string } }).location;
    const before = bellevue.filter((r) => r.startMs < day7);
    const after = bellevue.filter((r) => r.startMs >= day7);
    expect(before.length).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    for (const r of before) expect(where(r)).toMatchObject({ locationId: 'seattle-hq', rule: 'NET026' });
    for (const r of after) expect(where(r)).toMatchObject({ locationId: 'bellevue-2f', rule: 'NET025' });
  });
});

describe('workload clients that cannot be placed', () => {
  it('are issues at their file position, naming what was expected', () => {
    const text = [
      'version: 1',
      'name: t',
      'seed: 1',
      'start: 2026-03-02T00:00:00-08:00',
      'horizon: 1d',
      'tenant: {}',
      'workload:',
      '  clients:',
      '    - { name: a, share: 1, publicIp: 203.0.113.300, subnet: 10.2.0.0/40, bssid: F0-6E }',
      '    - { name: b, share: 1, users: [nobody@contoso.com], groups: [nogroup], portId: "12" }',
      '',
    ].join('\n');
    const loaded = loadScenarioText(text, 't.yaml');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues.map((i) => `${i.line}:${i.column} ${i.message}`)).toEqual([
      expect.stringMatching(/^9:\d+ "203\.0\.113\.300" is not a dotted IPv4 address \(NET004\)$/),
      expect.stringMatching(/^9:\d+ "10\.2\.0\.0\/40" is not an IPv4 subnet with a mask of 0-32 bits \(NET004\)$/),
      expect.stringMatching(/^9:\d+ "F0-6E" is not a BSSID \(NET008\)$/),
      expect.stringMatching(/^10:\d+ user "nobody@contoso.com" is not declared in tenant.users$/),
      expect.stringMatching(/^10:\d+ group "nogroup" is not declared in tenant.groups$/),
      expect.stringMatching(/^10:\d+ a port is known by its switch: give the chassisId too$/),
    ]);
  });
});

describe('correcting the network: the Get-, Set- and Remove- counterparts', () => {
  const office = [
    'New-CsTeamsEmergencyCallRoutingPolicy -Identity HQ-Emergency',
    'New-CsTenantNetworkRegion -NetworkRegionID PNW',
    'New-CsTenantNetworkSite -NetworkSiteID HQ -NetworkRegionID PNW',
    'New-CsTenantNetworkSite -NetworkSiteID Branch -NetworkRegionID PNW',
    'New-CsTenantNetworkSubnet -SubnetID 10.1.0.0 -MaskBits 16 -NetworkSiteID HQ',
    'New-CsTenantNetworkSubnet -SubnetID 10.2.0.0 -MaskBits 24 -NetworkSiteID Branch',
    'New-CsTenantTrustedIPAddress -IPAddress 203.0.113.0 -MaskBits 28',
    'Set-CsOnlineLisWirelessAccessPoint -BSSID F0-6E-0B-C2-04-* -LocationId branch',
    'Set-CsOnlineLisSwitch -ChassisID B8-BE-BF-4A-A3-00 -LocationId hq',
    'Set-CsOnlineLisPort -ChassisID B8-BE-BF-4A-A3-00 -PortID 12 -LocationId hq',
    'Set-CsOnlineLisSubnet -Subnet 10.1.0.0 -LocationId hq',
  ].join('\n');

  function built(): Tenant {
    const t = tenantWithLocations();
    expect(runScriptOnTenant(t, office, 'office.ps1').entries.filter((e) => e.kind === 'error')).toEqual([]);
    return t;
  }

  const outputs = (t: Tenant, script: string) =>
    runScriptOnTenant(t, script, 'get.ps1').entries.map((e) => {
      if (e.kind === 'error') throw new Error(e.text);
      return e.text;
    });

  it('Get- cmdlets list what exists, by -Identity or by a -Filter with wildcards, and change nothing', () => {
    const t = built();
    const before = structuredClone(t);
    const [regions, sites, subnet, filtered, trusted, aps, switches, ports, lisSubnets] = outputs(
      t,
      [
        'Get-CsTenantNetworkRegion',
        'Get-CsTenantNetworkSite -Filter B*',
        'Get-CsTenantNetworkSubnet -Identity 10.2.0.0',
        'Get-CsTenantNetworkSubnet -Filter 10.1.*',
        'Get-CsTenantTrustedIPAddress',
        'Get-CsOnlineLisWirelessAccessPoint -BSSID f0-6e-0b-c2-04-*',
        'Get-CsOnlineLisSwitch',
        'Get-CsOnlineLisPort -ChassisID b8-be-bf-4a-a3-00 -PortID 12',
        'Get-CsOnlineLisSubnet -Subnet 10.1.0.0',
      ].join('\n'),
    );
    expect(regions).toMatch(/NetworkRegionID *: PNW/);
    expect(sites).toMatch(/NetworkSiteID *: Branch/);
    expect(sites).not.toMatch(/HQ/);
    expect(subnet).toMatch(/NetworkSiteID *: Branch/);
    expect(filtered).toMatch(/SubnetID *: 10\.1\.0\.0/);
    expect(filtered).not.toMatch(/10\.2/);
    expect(trusted).toMatch(/MaskBits *: 28/);
    expect(aps).toMatch(/BSSID *: F0-6E-0B-C2-04-\*\nLocationId *: branch/);
    expect(switches).toMatch(/ChassisID *: B8-BE-BF-4A-A3-00/);
    expect(ports).toMatch(/PortID *: 12/);
    expect(lisSubnets).toMatch(/Subnet *: 10\.1\.0\.0\nLocationId *: hq/);
    expect(outputs(t, 'Get-CsTenantNetworkSubnet -Identity 10.9.0.0')).toEqual(['(no objects returned)']);
    expect(t).toEqual(before);
  });

  it('Set- and Remove- cmdlets change the network, each with its transcript line', () => {
    const t = built();
    const lines = outputs(
      t,
      [
        'Set-CsTenantNetworkRegion -Identity PNW -Description "Puget Sound"',
        'Set-CsTenantNetworkSite -Identity Branch -EmergencyCallRoutingPolicy HQ-Emergency -NetworkRegionID $null',
        'Set-CsTenantTrustedIPAddress -Identity 203.0.113.0 -MaskBits 24',
        'Get-CsOnlineLisPort | Remove-CsOnlineLisPort',
        'Remove-CsOnlineLisSwitch -ChassisID b8-be-bf-4a-a3-00',
        'Remove-CsOnlineLisWirelessAccessPoint -BSSID F0-6E-0B-C2-04-*',
        'Remove-CsOnlineLisSubnet -Subnet 10.1.0.0',
        'Remove-CsTenantNetworkSubnet -Identity 10.2.0.0',
        'Remove-CsTenantNetworkSite -Identity Branch',
        'Set-CsTenantNetworkSite -Identity HQ -NetworkRegionID $null',
        'Remove-CsTenantNetworkRegion -Identity PNW',
        'Remove-CsTenantTrustedIPAddress -Identity 203.0.113.0',
      ].join('\n'),
    );
    expect(lines).toEqual([
      'Network region PNW changed',
      'Network site Branch changed',
      'Trusted IP address 203.0.113.0/24 changed',
      'LIS port B8-BE-BF-4A-A3-00/12 removed (was location hq)',
      'LIS switch b8-be-bf-4a-a3-00 removed (was location hq)',
      'LIS wireless access point F0-6E-0B-C2-04-* removed (was location branch)',
      'LIS subnet 10.1.0.0 removed (was location hq)',
      'Network subnet 10.2.0.0/24 removed',
      'Network site Branch removed',
      'Network site HQ changed',
      'Network region PNW removed',
      'Trusted IP address 203.0.113.0/24 removed',
    ]);
    expect(t.network).toEqual({ regions: [], subnets: [{ subnetId: '10.1.0.0', maskBits: 16, networkSiteId: 'HQ', description: '' }], trustedIps: [], lis: { wirelessAccessPoints: [], switches: [], ports: [], subnets: [] } });
    expect(t.networkSites.map((s) => [s.id, s.networkRegionId ?? null])).toEqual([['HQ', null]]);
  });

  it('refuses each broken rule with its rule ID at line:column and leaves the tenant as it was', () => {
    const t = built();
    const before = structuredClone(t);
    const script = [
      'Set-CsTenantNetworkRegion -Identity EMEA -Description x',
      'Remove-CsTenantNetworkRegion -Identity PNW',
      'Set-CsTenantNetworkSite -Identity Nowhere -Description x',
      '  Set-CsTenantNetworkSite -Identity HQ -NetworkRegionID EMEA',
      'Set-CsTenantNetworkSite -Identity HQ -EmergencyCallRoutingPolicy Global',
      'Remove-CsTenantNetworkSite -Identity HQ',
      'Remove-CsTenantNetworkSubnet -Identity 10.9.0.0',
      'Remove-CsTenantNetworkSubnet -Identity fd00::',
      'Set-CsTenantTrustedIPAddress -Identity 198.51.100.0 -MaskBits 24',
      'Set-CsTenantTrustedIPAddress -Identity 203.0.113.0 -MaskBits 40',
      'Remove-CsTenantTrustedIPAddress -Identity 203.0.113',
      'Remove-CsOnlineLisWirelessAccessPoint -BSSID F0-6E-0B-C2-04-23',
      'Remove-CsOnlineLisWirelessAccessPoint -BSSID F0-6E',
      'Remove-CsOnlineLisSwitch -ChassisID 00-00-00-00-00-00',
      'Remove-CsOnlineLisPort -ChassisID B8-BE-BF-4A-A3-00 -PortID 13',
      'Remove-CsOnlineLisSubnet -Subnet 10.2.0.0',
    ].join('\n');
    const transcript = runScriptOnTenant(t, script, 'fix.ps1');
    expect(transcript.entries.map((e) => `${e.line}:${e.column} ${e.kind} ${e.code ?? ''}`)).toEqual([
      '1:1 error NET010',
      '2:1 error NET012',
      '3:1 error NET010',
      '4:3 error NET002',
      '5:1 error NET003',
      '6:1 error NET013',
      '7:1 error NET010',
      '8:1 error NET005',
      '9:1 error NET010',
      '10:1 error NET004',
      '11:1 error NET004',
      '12:1 error NET011',
      '13:1 error NET008',
      '14:1 error NET011',
      '15:1 error NET011',
      '16:1 error NET011',
    ]);
    for (const e of transcript.entries) expect(e.text).toContain(`${e.code}: `);
    expect(t).toEqual(before);
  });

  it('refuses removing a site that is a user\'s fixed client location (NET013)', () => {
    const t = built();
    must(t, 'Remove-CsTenantNetworkSubnet', { Identity: '10.2.0.0' });
    const user = newUserAt(t, 'Branch');
    const before = structuredClone(t);
    expect(refusal(t, 'Remove-CsTenantNetworkSite', { Identity: 'branch' })).toBe(`NET013: network site Branch is the fixed client location (clientLocation.networkSite) of ${user}; change those users in the scenario first.`);
    expect(t).toEqual(before);
  });
});

describe('a timeline that removes a LIS entry', () => {
  it('moves Seattle Wi-Fi callers from their access point to the subnet (NET025) on day 5, then to no dynamic location (NET026) on day 10', () => {
    const path = fileURLToPath(new URL('../../scenarios/branch-site-missing-lis.yaml', import.meta.url));
    const text = readFileSync(path, 'utf8').replace(
      /^timeline: \[\]$/m,
      [
        'timeline:',
        '  - { at: 5d, do: Remove-CsOnlineLisWirelessAccessPoint, BSSID: F0-6E-0B-C2-03-23 }',
        '  - { at: 10d, do: Remove-CsOnlineLisSubnet, Subnet: 10.1.0.0 }',
      ].join('\n'),
    );
    const loaded = loadScenarioText(text, path);
    if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
    const records: CallRecord[] = [];
    runScenario(loaded, { replications: 1, onCall: (r) => records.push(r) });
    const day = 24 * 3_600_000;
    type Located = { source: string; locationId: string; rule: string; element?: string };
    const where = (r: CallRecord) => (r.details as { location: Located }).location;
    const upn = new Map(loaded.tenant.users.map((u) => [u.objectId, u.userPrincipalName]));
    // Seattle callers that are not at a desk port (those stay located by their port, NET023).
    const wifi = records.filter((r) => r.kind === 'emergency' && (upn.get(r.callerId ?? '') ?? '').startsWith('user') && where(r).rule !== 'NET023');
    const rules = (from: number, to: number) => [...new Set(wifi.filter((r) => r.startMs >= from * day && r.startMs < to * day).map((r) => `${where(r).rule} ${where(r).source} ${where(r).locationId}`))];
    expect(rules(0, 5)).toEqual(['NET022 dynamic seattle-hq']);
    expect(rules(5, 10)).toEqual(['NET025 dynamic seattle-hq']);
    expect(rules(10, 15)).toEqual(['NET026 static seattle-hq']);
  });
});

describe('parameters Teams stores that callsim does not simulate', () => {
  it('are taken with a warning naming them, never silently: the site is made and says what it did not simulate', () => {
    const t = tenantWithLocations();
    const central = must(t, 'New-CsTenantNetworkRegion', { Identity: 'PNW', CentralSite: 'Seattle' });
    expect(central.warnings[0]).toMatch(/^-CentralSite is stored by Teams but not simulated here/);
    const region = run(t, 'New-CsTenantNetworkRegion', { Identity: 'EMEA' });
    expect(region.ok && region.warnings).toEqual([]);
    const site = run(t, 'New-CsTenantNetworkSite', { Identity: 'Bellevue', NetworkRegionID: 'PNW', EnableLocationBasedRouting: true, SiteAddress: '500 108th Ave NE' });
    expect(site.ok).toBe(true);
    if (!site.ok) return;
    expect(site.warnings).toHaveLength(1);
    expect(site.warnings[0]).toMatch(/^-EnableLocationBasedRouting, -SiteAddress are stored by Teams but not simulated here: /);
    expect(t.networkSites.map((s) => s.id)).toContain('Bellevue');
    const changed = run(t, 'Set-CsTenantNetworkSite', { Identity: 'Bellevue', LocationPolicy: 'TestTR' });
    expect(changed.ok && changed.warnings[0]).toMatch(/^-LocationPolicy is stored by Teams but not simulated here/);
  });
});
