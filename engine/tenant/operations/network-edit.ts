/**
 * Correcting the network of dynamic emergency calling after it was made: Set- and Remove- of
 * network regions, sites, subnets and trusted IP addresses, and Remove- of LIS entries
 * (docs/rules.md §1, NET010-NET013, reusing NET001-NET009 for what New- already checks). Every
 * check runs before anything is written, so a refusal leaves the tenant as it was.
 */
import { sameData } from '../changes.js';
import type { LisEntries, NetworkRegion, NetworkSite, NetworkSubnet, Tenant, TrustedIpAddress } from '../model.js';
import { formatIpv4, networkId, normaliseBssid, parseIpv4, validMaskBits } from '../network-address.js';
import { addNetworkSite } from './setup.js';
import { attach, changed, checkAddress, networkOf, same } from './network.js';
import { refuse, succeed, type OpResult } from './result.js';

function missing(what: string, id: string, make: string): ReturnType<typeof refuse> {
  return refuse('NET010', `there is no ${what} ${id}; create it with ${make}, or list what exists with ${make.replace(/^New-/, 'Get-')}.`);
}

// ---------------------------------------------------------------- regions

export interface SetNetworkRegionParams {
  id: string;
  description?: string;
}

/** Set-CsTenantNetworkRegion: a region holds only its description (CentralSite is not used by Teams). */
export function setNetworkRegion(t: Tenant, p: SetNetworkRegionParams): OpResult<NetworkRegion> {
  const network = networkOf(t);
  const at = network.regions.findIndex((r) => same(r.id, p.id));
  const current = network.regions[at];
  if (current === undefined) return missing('network region', p.id, 'New-CsTenantNetworkRegion');
  const next: NetworkRegion = { ...current, ...(p.description === undefined ? {} : { description: p.description }) };
  if (sameData(next, current)) return succeed(current, [], []);
  network.regions[at] = next;
  attach(t, network);
  return succeed(next, [`Network region ${next.id} changed`], changed('region', next.id));
}

/** Remove-CsTenantNetworkRegion: refused while a site still names the region (NET012). */
export function removeNetworkRegion(t: Tenant, id: string): OpResult<NetworkRegion> {
  const network = networkOf(t);
  const current = network.regions.find((r) => same(r.id, id));
  if (current === undefined) return missing('network region', id, 'New-CsTenantNetworkRegion');
  const sites = t.networkSites.filter((s) => s.networkRegionId != null && same(s.networkRegionId, current.id)).map((s) => s.id);
  if (sites.length > 0) {
    return refuse(
      'NET012',
      `network region ${current.id} is still the region of network site${sites.length === 1 ? '' : 's'} ${sites.join(', ')}; move ${sites.length === 1 ? 'it' : 'them'} first with Set-CsTenantNetworkSite -NetworkRegionID.`,
    );
  }
  network.regions = network.regions.filter((r) => r !== current);
  attach(t, network);
  return succeed(current, [`Network region ${current.id} removed`], changed('region', current.id));
}

// ---------------------------------------------------------------- sites

export interface SetNetworkSiteParams {
  id: string;
  description?: string;
  networkRegionId?: string | null;
  emergencyCallRoutingPolicy?: string | null;
  emergencyCallingPolicy?: string | null;
}

/** Set-CsTenantNetworkSite: the region (NET002) and the emergency policy (NET003) as New- checks them. */
export function setNetworkSite(t: Tenant, p: SetNetworkSiteParams): OpResult<NetworkSite> {
  const at = t.networkSites.findIndex((s) => same(s.id, p.id));
  const current = t.networkSites[at];
  if (current === undefined) return missing('network site', p.id, 'New-CsTenantNetworkSite');
  const next: NetworkSite = {
    ...current,
    ...(p.description === undefined ? {} : { description: p.description }),
    ...(p.networkRegionId === undefined ? {} : { networkRegionId: p.networkRegionId }),
    ...(p.emergencyCallRoutingPolicy === undefined ? {} : { emergencyCallRoutingPolicy: p.emergencyCallRoutingPolicy }),
    ...(p.emergencyCallingPolicy === undefined ? {} : { emergencyCallingPolicy: p.emergencyCallingPolicy }),
  };
  if (sameData(next, current)) return succeed(current, [], []);
  // Checked as a new site among the others, on a copy, so a refusal writes nothing.
  const trial: Tenant = { ...t, networkSites: t.networkSites.filter((_, i) => i !== at) };
  const added = addNetworkSite(trial, next);
  if (!added.ok) return added;
  t.networkSites[at] = structuredClone(next);
  return succeed(next, [`Network site ${next.id} changed`], changed('site', next.id));
}

/** Remove-CsTenantNetworkSite: refused while a subnet, or a user's fixed client location, names the site (NET013). */
export function removeNetworkSite(t: Tenant, id: string): OpResult<NetworkSite> {
  const current = t.networkSites.find((s) => same(s.id, id));
  if (current === undefined) return missing('network site', id, 'New-CsTenantNetworkSite');
  const subnets = (t.network?.subnets ?? []).filter((s) => s.networkSiteId !== null && same(s.networkSiteId, current.id)).map((s) => `${s.subnetId}/${s.maskBits}`);
  if (subnets.length > 0) {
    return refuse(
      'NET013',
      `network site ${current.id} still holds subnet${subnets.length === 1 ? '' : 's'} ${subnets.join(', ')}; move ${subnets.length === 1 ? 'it' : 'them'} with Set-CsTenantNetworkSubnet -NetworkSiteID, or remove ${subnets.length === 1 ? 'it' : 'them'} with Remove-CsTenantNetworkSubnet, first.`,
    );
  }
  const users = t.users.filter((u) => u.clientLocation.networkSiteId !== null && same(u.clientLocation.networkSiteId, current.id)).map((u) => u.userPrincipalName);
  if (users.length > 0) {
    const shown = users.length > 3 ? `${users.slice(0, 3).join(', ')} and ${users.length - 3} more` : users.join(', ');
    return refuse('NET013', `network site ${current.id} is the fixed client location (clientLocation.networkSite) of ${shown}; change those users in the scenario first.`);
  }
  t.networkSites = t.networkSites.filter((s) => s !== current);
  return succeed(current, [`Network site ${current.id} removed`], changed('site', current.id));
}

// ---------------------------------------------------------------- subnets

/** Remove-CsTenantNetworkSubnet -Identity: the subnet by its network ID (host bits as given). */
export function removeNetworkSubnet(t: Tenant, subnetId: string): OpResult<NetworkSubnet> {
  const checked = checkAddress('subnet', subnetId);
  if ('ok' in checked) return checked;
  const network = networkOf(t);
  const current = network.subnets.find((s) => parseIpv4(s.subnetId) === checked.address);
  if (current === undefined) return missing('network subnet', subnetId, 'New-CsTenantNetworkSubnet');
  network.subnets = network.subnets.filter((s) => s !== current);
  attach(t, network);
  return succeed(current, [`Network subnet ${current.subnetId}/${current.maskBits} removed`], changed('subnet', current.subnetId));
}

// ---------------------------------------------------------------- trusted IP addresses

export interface SetTrustedIpParams {
  ipAddress: string;
  maskBits?: number;
  description?: string;
}

function findTrustedIp(t: Tenant, text: string): ReturnType<typeof refuse> | { at: number; current: TrustedIpAddress } {
  const checked = checkAddress('IPAddress', text);
  if ('ok' in checked) return checked;
  const network = networkOf(t);
  const at = network.trustedIps.findIndex((x) => parseIpv4(x.ipAddress) === checked.address);
  const current = network.trustedIps[at];
  if (current === undefined) return missing('trusted IP address', text, 'New-CsTenantTrustedIPAddress');
  return { at, current };
}

/** Set-CsTenantTrustedIPAddress: another mask (NET004; NET001 when it then equals another range) or description. */
export function setTrustedIpAddress(t: Tenant, p: SetTrustedIpParams): OpResult<TrustedIpAddress> {
  const found = findTrustedIp(t, p.ipAddress);
  if ('ok' in found) return found;
  const { at, current } = found;
  const next: TrustedIpAddress = {
    ...current,
    ...(p.maskBits === undefined ? {} : { maskBits: p.maskBits }),
    ...(p.description === undefined ? {} : { description: p.description }),
  };
  if (sameData(next, current)) return succeed(current, [], []);
  if (!validMaskBits(next.maskBits)) return refuse('NET004', `-MaskBits ${next.maskBits} is not a mask length: IPv4 takes 0 to 32.`);
  const network = networkOf(t);
  const range = networkId(parseIpv4(next.ipAddress) ?? 0, next.maskBits);
  const twin = network.trustedIps.find((x, i) => i !== at && x.maskBits === next.maskBits && networkId(parseIpv4(x.ipAddress) ?? 0, x.maskBits) === range);
  if (twin !== undefined) return refuse('NET001', `trusted IP address ${twin.ipAddress}/${twin.maskBits} already holds that range.`);
  network.trustedIps[at] = next;
  attach(t, network);
  return succeed(next, [`Trusted IP address ${next.ipAddress}/${next.maskBits} changed`], changed('trustedIp', next.ipAddress));
}

export function removeTrustedIpAddress(t: Tenant, ipAddress: string): OpResult<TrustedIpAddress> {
  const found = findTrustedIp(t, ipAddress);
  if ('ok' in found) return found;
  const network = networkOf(t);
  network.trustedIps = network.trustedIps.filter((_, i) => i !== found.at);
  attach(t, network);
  const { current } = found;
  return succeed(current, [`Trusted IP address ${current.ipAddress}/${current.maskBits} removed`], changed('trustedIp', current.ipAddress));
}

// ---------------------------------------------------------------- LIS entries

/** Removes the entry *matches* finds; none is NET011 (callers next fall to the next LIS element). */
function removeLis<T extends { locationId: string }>(
  t: Tenant,
  noun: 'WirelessAccessPoint' | 'Switch' | 'Port' | 'Subnet',
  pick: (lis: LisEntries) => T[],
  put: (lis: LisEntries, list: T[]) => void,
  matches: (x: T) => boolean,
  label: string,
): OpResult<T> {
  const network = networkOf(t);
  const current = pick(network.lis).find(matches);
  if (current === undefined) {
    return refuse('NET011', `LIS has no ${label}; Get-CsOnlineLis${noun} lists the entries it has.`);
  }
  put(network.lis, pick(network.lis).filter((x) => x !== current));
  attach(t, network);
  return succeed(current, [`LIS ${label} removed (was location ${current.locationId})`], changed('lis', label));
}

export function removeLisWirelessAccessPoint(t: Tenant, bssidText: string) {
  const bssid = normaliseBssid(bssidText);
  if (bssid === undefined) return refuse('NET008', `BSSID ${JSON.stringify(bssidText)} is not six hexadecimal octets such as F0-6E-0B-C2-03-23 (a * may stand for its last one or two characters).`);
  return removeLis(t, 'WirelessAccessPoint', (lis) => lis.wirelessAccessPoints, (lis, list) => (lis.wirelessAccessPoints = list), (x) => x.bssid === bssid, `wireless access point ${bssid}`);
}

export function removeLisSwitch(t: Tenant, chassisId: string) {
  if (chassisId.trim() === '') return refuse('NET008', 'a switch needs a -ChassisID (usually its MAC address).');
  return removeLis(t, 'Switch', (lis) => lis.switches, (lis, list) => (lis.switches = list), (x) => same(x.chassisId, chassisId), `switch ${chassisId}`);
}

export function removeLisPort(t: Tenant, chassisId: string, portId: string) {
  if (chassisId.trim() === '' || portId.trim() === '') return refuse('NET008', 'a port needs a -ChassisID and a -PortID.');
  return removeLis(t, 'Port', (lis) => lis.ports, (lis, list) => (lis.ports = list), (x) => same(x.chassisId, chassisId) && same(x.portId, portId), `port ${chassisId}/${portId}`);
}

export function removeLisSubnet(t: Tenant, subnetText: string) {
  const checked = checkAddress('subnet', subnetText);
  if ('ok' in checked) return checked;
  const subnet = formatIpv4(checked.address);
  return removeLis(t, 'Subnet', (lis) => lis.subnets, (lis, list) => (lis.subnets = list), (x) => x.subnet === subnet, `subnet ${subnet}`);
}
