/**
 * The tenant's network for dynamic emergency calling (docs/rules.md §1, NET001-NET009): network
 * regions and subnets (New-CsTenantNetworkRegion, New-CsTenantNetworkSubnet), trusted IP addresses
 * (New-CsTenantTrustedIPAddress) and the LIS entries that bind a network element to an emergency
 * location (Set-CsOnlineLis*). Sites are added by `addNetworkSite` (setup.ts).
 */
import { sameData, type TenantChange } from '../changes.js';
import type { LisEntries, NetworkRegion, NetworkSubnet, Tenant, TenantNetwork, TrustedIpAddress } from '../model.js';
import {
  formatIpv4,
  networkId,
  normaliseBssid,
  parseIpv4,
  rangesOverlap,
  validMaskBits,
} from '../network-address.js';
import { refuse, succeed, type OpResult, type Refused } from './result.js';

export function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The tenant's network to check against and add to. A tenant gets one only when something is
 * added (`attach`), so tenants without a network, and refused cmdlets, leave it absent.
 */
export function networkOf(t: Tenant): TenantNetwork {
  return t.network ?? { regions: [], subnets: [], trustedIps: [], lis: { wirelessAccessPoints: [], switches: [], ports: [], subnets: [] } };
}

export function attach(t: Tenant, network: TenantNetwork): void {
  t.network = network;
}

export function changed(element: 'region' | 'site' | 'subnet' | 'trustedIp' | 'lis', id: string): TenantChange[] {
  return [{ type: 'networkChanged', element, id }];
}

export function newNetworkRegion(t: Tenant, region: NetworkRegion): OpResult<NetworkRegion> {
  if (region.id.trim() === '') return refuse('NET001', 'a network region needs an -NetworkRegionID.');
  const network = networkOf(t);
  if (network.regions.some((r) => same(r.id, region.id))) return refuse('NET001', `a network region ${region.id} already exists.`);
  const stored = { ...region };
  network.regions.push(stored);
  attach(t, network);
  return succeed(stored, [`Network region ${region.id} added`], changed('region', region.id));
}

/** An IPv4 address and mask the way NET004 and NET005 want them: dotted IPv4, 0-32 bits. */
export function checkAddress(what: string, text: string): Refused | { address: number } {
  if (text.includes(':')) {
    return refuse('NET005', `${what} ${text} is an IPv6 address: Teams takes it, but callsim models IPv4 networks only; describe the network with its IPv4 addresses.`);
  }
  const address = parseIpv4(text);
  if (address === undefined) return refuse('NET004', `${what} ${JSON.stringify(text)} is not a dotted IPv4 address such as 10.10.10.0.`);
  return { address };
}

/**
 * The range an address and mask cover. Host bits may be set (Microsoft's own example is
 * 192.168.0.1 with -MaskBits 24): the range is that of the network ID.
 */
export function checkRange(what: string, text: string, maskBits: number): Refused | { address: number; network: number } {
  const checked = checkAddress(what, text);
  if ('ok' in checked) return checked;
  if (!validMaskBits(maskBits)) return refuse('NET004', `-MaskBits ${maskBits} is not a mask length: IPv4 takes 0 to 32.`);
  return { address: checked.address, network: networkId(checked.address, maskBits) };
}

export function newNetworkSubnet(t: Tenant, subnet: NetworkSubnet): OpResult<NetworkSubnet> {
  const range = checkRange('subnet', subnet.subnetId, subnet.maskBits);
  if ('ok' in range) return range;
  const siteId = subnet.networkSiteId;
  if (siteId !== null && !t.networkSites.some((s) => same(s.id, siteId))) {
    return refuse('NET006', `network site ${siteId} does not exist; create it first with New-CsTenantNetworkSite -NetworkSiteID ${siteId}.`);
  }
  const network = networkOf(t);
  const mine = { network: range.network, maskBits: subnet.maskBits };
  for (const other of network.subnets) {
    const theirs = { network: networkId(parseIpv4(other.subnetId) ?? 0, other.maskBits), maskBits: other.maskBits };
    if (rangesOverlap(mine, theirs)) {
      const where = other.networkSiteId === null ? 'no site' : `site ${other.networkSiteId}`;
      return refuse(
        'NET007',
        `subnet ${subnet.subnetId}/${subnet.maskBits} overlaps subnet ${other.subnetId}/${other.maskBits} (${where}): a subnet belongs to exactly one site; change that one with Set-CsTenantNetworkSubnet.`,
      );
    }
  }
  const stored = { ...subnet, subnetId: formatIpv4(range.address) };
  network.subnets.push(stored);
  attach(t, network);
  const site = siteId === null ? '' : ` in site ${siteId}`;
  return succeed(stored, [`Network subnet ${stored.subnetId}/${stored.maskBits} added${site}`], changed('subnet', stored.subnetId));
}

export function newTrustedIpAddress(t: Tenant, ip: TrustedIpAddress): OpResult<TrustedIpAddress> {
  const range = checkRange('IPAddress', ip.ipAddress, ip.maskBits);
  if ('ok' in range) return range;
  const network = networkOf(t);
  const text = formatIpv4(range.address);
  if (network.trustedIps.some((x) => networkId(parseIpv4(x.ipAddress) ?? 0, x.maskBits) === range.network && x.maskBits === ip.maskBits)) {
    return refuse('NET001', `trusted IP address ${text}/${ip.maskBits} already exists.`);
  }
  const stored = { ...ip, ipAddress: text };
  network.trustedIps.push(stored);
  attach(t, network);
  return succeed(stored, [`Trusted IP address ${text}/${ip.maskBits} added`], changed('trustedIp', text));
}

function checkLocation(t: Tenant, locationId: string): Refused | undefined {
  if (t.locations.some((l) => same(l.locationId, locationId))) return undefined;
  return refuse('NET009', `location ${locationId} does not exist; LIS entries name a location made with New-CsOnlineLisLocation (Get-CsOnlineLisLocation lists them).`);
}

/** Replaces the entry *matches* finds, or adds one: the Set-CsOnlineLis* cmdlets create or modify. */
function upsert<T extends { locationId: string }>(
  t: Tenant,
  pick: (lis: LisEntries) => T[],
  entry: T,
  matches: (x: T) => boolean,
  label: string,
): OpResult<T> {
  const network = networkOf(t);
  const list = pick(network.lis);
  const at = list.findIndex(matches);
  if (at >= 0 && sameData(list[at], entry)) return succeed(entry, [], []);
  if (at >= 0) list[at] = entry;
  else list.push(entry);
  attach(t, network);
  return succeed(entry, [`LIS ${label} ${at >= 0 ? 'changed' : 'added'}: location ${entry.locationId}`], changed('lis', label));
}

export function setLisWirelessAccessPoint(t: Tenant, p: LisEntries['wirelessAccessPoints'][number]) {
  const bssid = normaliseBssid(p.bssid);
  if (bssid === undefined) {
    return refuse('NET008', `BSSID ${JSON.stringify(p.bssid)} is not six hexadecimal octets such as F0-6E-0B-C2-03-23 (a * may stand for its last one or two characters, F0-6E-0B-C2-04-*).`);
  }
  const missing = checkLocation(t, p.locationId);
  if (missing !== undefined) return missing;
  return upsert(t, (lis) => lis.wirelessAccessPoints, { ...p, bssid }, (x) => x.bssid === bssid, `wireless access point ${bssid}`);
}

export function setLisSwitch(t: Tenant, p: LisEntries['switches'][number]) {
  if (p.chassisId.trim() === '') return refuse('NET008', 'a switch needs a -ChassisID (usually its MAC address).');
  const missing = checkLocation(t, p.locationId);
  if (missing !== undefined) return missing;
  return upsert(t, (lis) => lis.switches, { ...p }, (x) => same(x.chassisId, p.chassisId), `switch ${p.chassisId}`);
}

export function setLisPort(t: Tenant, p: LisEntries['ports'][number]) {
  if (p.chassisId.trim() === '' || p.portId.trim() === '') return refuse('NET008', 'a port needs a -ChassisID and a -PortID.');
  const missing = checkLocation(t, p.locationId);
  if (missing !== undefined) return missing;
  return upsert(
    t,
    (lis) => lis.ports,
    { ...p },
    (x) => same(x.chassisId, p.chassisId) && same(x.portId, p.portId),
    `port ${p.chassisId}/${p.portId}`,
  );
}

export function setLisSubnet(t: Tenant, p: LisEntries['subnets'][number]) {
  const checked = checkAddress('subnet', p.subnet);
  if ('ok' in checked) return checked;
  const missing = checkLocation(t, p.locationId);
  if (missing !== undefined) return missing;
  const subnet = formatIpv4(checked.address);
  return upsert(t, (lis) => lis.subnets, { ...p, subnet }, (x) => x.subnet === subnet, `subnet ${subnet}`);
}

export interface SetNetworkSubnetParams {
  subnetId: string;
  maskBits?: number;
  networkSiteId?: string | null;
  description?: string;
}

/** Set-CsTenantNetworkSubnet: moves a subnet to another site, or changes its mask or description. */
export function setNetworkSubnet(t: Tenant, p: SetNetworkSubnetParams): OpResult<NetworkSubnet> {
  const checked = checkAddress('subnet', p.subnetId);
  if ('ok' in checked) return checked;
  const network = networkOf(t);
  const at = network.subnets.findIndex((s) => parseIpv4(s.subnetId) === checked.address);
  const current = network.subnets[at];
  if (current === undefined) return refuse('NET006', `there is no network subnet ${p.subnetId}; create it with New-CsTenantNetworkSubnet.`);
  const next: NetworkSubnet = {
    ...current,
    ...(p.maskBits === undefined ? {} : { maskBits: p.maskBits }),
    ...(p.networkSiteId === undefined ? {} : { networkSiteId: p.networkSiteId }),
    ...(p.description === undefined ? {} : { description: p.description }),
  };
  if (sameData(next, current)) return succeed(current, [], []);
  // Checked as a new subnet among the others: its mask (NET004), its site (NET006), overlaps (NET007).
  const others = { ...network, subnets: network.subnets.filter((_, i) => i !== at) };
  const trial: Tenant = { ...t, network: structuredClone(others) };
  const added = newNetworkSubnet(trial, next);
  if (!added.ok) return added;
  network.subnets[at] = next;
  attach(t, network);
  const site = next.networkSiteId === null ? 'no site' : `site ${next.networkSiteId}`;
  return succeed(next, [`Network subnet ${next.subnetId}/${next.maskBits} changed: ${site}`], changed('subnet', next.subnetId));
}
