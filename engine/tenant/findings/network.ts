/**
 * The network of dynamic emergency calling (NET040-NET044): what leaves callers with only the
 * resource account number's static location. NET040-NET042 read the tenant alone; NET043 and
 * NET044 need the scenario's client places (`workload.clients`).
 */
import { matchClientNetwork, placesFor, LIS_ELEMENTS, type ClientPlaceSpec } from '../client-network.js';
import { effectiveEmergencyCallRoutingPolicy, findEmergencyCallRoutingPolicy } from '../lookup.js';
import type { Tenant, User } from '../model.js';
import { formatIpv4, networkId, parseCidr, parseIpv4 } from '../network-address.js';
import { psQuote } from '../ps-quote.js';
import { finding, type Finding } from './finding.js';
import { mixesSharedCallingWithDirectRouting } from './sites.js';

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function networkFindings(tenant: Tenant): Finding[] {
  const network = tenant.network;
  if (network === undefined) return [];
  const out: Finding[] = [];
  const siteSubnets = network.subnets.filter((s) => s.networkSiteId !== null);
  for (const subnet of siteSubnets) {
    const id = networkId(parseIpv4(subnet.subnetId) ?? 0, subnet.maskBits);
    if (network.lis.subnets.some((e) => parseIpv4(e.subnet) === id)) continue;
    const site = subnet.networkSiteId ?? '';
    out.push(
      finding(
        'NET040',
        'networkSite',
        site,
        `subnet ${subnet.subnetId}/${subnet.maskBits} of network site ${site} has no LIS location: clients there get a dynamic location only from an access point, port or switch in LIS, else the static location of the resource account number (NET027).`,
        `Set-CsOnlineLisSubnet -Subnet ${formatIpv4(id)} -LocationId '<the location of ${site}>'`,
      ),
    );
  }
  const withPolicy = tenant.networkSites.filter((s) => s.emergencyCallRoutingPolicy !== null);
  if (withPolicy.length > 0 && !mixesSharedCallingWithDirectRouting(tenant)) {
    for (const site of tenant.networkSites) {
      if (site.emergencyCallRoutingPolicy !== null || !siteSubnets.some((s) => same(s.networkSiteId ?? '', site.id))) continue;
      out.push(
        finding(
          'NET041',
          'networkSite',
          site.id,
          `network site ${site.id} has subnets but no emergency call routing policy, while ${withPolicy.map((s) => s.id).join(', ')} ${withPolicy.length === 1 ? 'has one' : 'have one'}: clients at ${site.id} keep their own policy (EMG006).`,
          `Set-CsTenantNetworkSite -Identity ${psQuote(site.id)} -EmergencyCallRoutingPolicy '<a custom policy>'`,
        ),
      );
    }
  }
  if (siteSubnets.length > 0 && network.trustedIps.length === 0) {
    out.push(
      finding(
        'NET042',
        'tenant',
        'trustedIps',
        `network sites have ${siteSubnets.length} subnet${siteSubnets.length === 1 ? '' : 's'} but the tenant has no trusted IP address: no client is on the trusted network, so none gets a dynamic location or a site policy (NET021).`,
        "New-CsTenantTrustedIPAddress -IPAddress '<public address of each office>' -MaskBits 32",
      ),
    );
  }
  return out;
}

/** The network site whose subnet holds *subnet* (a CIDR), regardless of trust, or null. */
function siteOfSubnet(tenant: Tenant, subnet: string): string | null {
  const local = parseCidr(subnet);
  if (local === undefined) return null;
  const holder = (tenant.network?.subnets ?? []).find(
    (s) => s.networkSiteId !== null && networkId(local.address, s.maskBits) === networkId(parseIpv4(s.subnetId) ?? 0, s.maskBits),
  );
  return holder?.networkSiteId ?? null;
}

/** Whether a client at *place* would get a dynamic location, for *user*: the machine's guards in order. */
function getsDynamicLocation(tenant: Tenant, user: User, place: ClientPlaceSpec, mixed: boolean): boolean {
  const match = matchClientNetwork(tenant, place.network);
  const site = match.siteId === null ? undefined : tenant.networkSites.find((s) => same(s.id, match.siteId ?? ''));
  const sitePolicy = site?.emergencyCallRoutingPolicy == null ? undefined : findEmergencyCallRoutingPolicy(tenant, site.emergencyCallRoutingPolicy);
  const policy = sitePolicy !== undefined && !mixed && match.trusted ? sitePolicy : effectiveEmergencyCallRoutingPolicy(tenant, user);
  if (policy?.allowEnhancedEmergencyServices !== true || !match.trusted) return false;
  return LIS_ELEMENTS.some((e) => match.lis[e] !== null);
}

/**
 * NET043 (LIS locations no place reaches) and NET044 (the hidden-location risk). Emergency callers
 * are drawn uniformly over users, and a user's place by the shares of the places that fit them,
 * so the share of calls without a dynamic location is the mean over users of their places' share
 * without one. Users no place fits keep their fixed clientLocation and are left out.
 */
export function clientPlaceFindings(tenant: Tenant, places: readonly ClientPlaceSpec[]): Finding[] {
  const network = tenant.network;
  if (places.length === 0) return [];
  const out: Finding[] = [];
  const mixed = mixesSharedCallingWithDirectRouting(tenant);
  if (network !== undefined) {
    const reached = new Set<string>();
    for (const place of places) {
      const match = matchClientNetwork(tenant, place.network);
      for (const e of LIS_ELEMENTS) if (match.lis[e] !== null) reached.add((match.lis[e] ?? '').toLowerCase());
    }
    const named = [
      ...network.lis.wirelessAccessPoints.map((e) => e.locationId),
      ...network.lis.ports.map((e) => e.locationId),
      ...network.lis.switches.map((e) => e.locationId),
      ...network.lis.subnets.map((e) => e.locationId),
    ];
    for (const locationId of [...new Set(named.map((l) => l.toLowerCase()))].sort()) {
      if (reached.has(locationId)) continue;
      out.push(
        finding(
          'NET043',
          'location',
          locationId,
          `location ${locationId} is named by LIS entries, but no client place of the workload matches any of them: check the BSSIDs, chassis IDs, ports and subnets bound to it.`,
          'Get-CsOnlineLisLocation  # compare each LIS entry bound to it with the network where people sit',
        ),
      );
    }
  }
  // NET042 by place: a place on a site's subnet whose public address no trusted IP holds.
  if (network !== undefined && network.trustedIps.length > 0) {
    for (const place of places) {
      if (place.network.publicIp === null || place.network.subnet === null) continue;
      const match = matchClientNetwork(tenant, place.network);
      if (match.trusted) continue;
      const site = siteOfSubnet(tenant, place.network.subnet);
      if (site === null) continue;
      out.push(
        finding(
          'NET042',
          'networkSite',
          site,
          `clients at place ${place.name} are on a subnet of network site ${site} but leave by public address ${place.network.publicIp}, which no trusted IP address holds: they get no site policy and no dynamic location (NET021).`,
          `New-CsTenantTrustedIPAddress -IPAddress ${place.network.publicIp}`,
        ),
      );
    }
  }
  const byPlace = new Map<string, number>();
  let users = 0;
  let hidden = 0;
  for (const user of tenant.users) {
    const table = placesFor(user, places);
    if (table.length === 0) continue;
    users += 1;
    const total = table.reduce((sum, row) => sum + row.weight, 0);
    for (const row of table) {
      if (getsDynamicLocation(tenant, user, row.value, mixed)) continue;
      const share = row.weight / total;
      hidden += share;
      byPlace.set(row.value.name, (byPlace.get(row.value.name) ?? 0) + share);
    }
  }
  if (users > 0 && hidden > 0) {
    const pct = (x: number) => `${(100 * x / users).toFixed(1)}%`;
    const parts = [...byPlace.entries()].map(([name, share]) => `${name} ${pct(share)}`).join(', ');
    out.push(
      finding(
        'NET044',
        'tenant',
        'clients',
        `an estimated ${pct(hidden)} of emergency calls get no dynamic location, only the static location of the resource account number or none (${parts}); estimated from workload.clients, callers uniform over the ${users} users it places.`,
        "Set-CsOnlineLisSubnet -Subnet '<each office subnet>' -LocationId '<its location>'  # and trusted IPs for every office; remote users confirm their own address",
      ),
    );
  }
  return out;
}
