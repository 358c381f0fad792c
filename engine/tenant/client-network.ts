/**
 * What the tenant's network makes of one client's network: whether its public address is
 * trusted, which network site its subnet belongs to, and which LIS entry each of its network
 * elements matches. Facts only: the emergency machine decides which of them wins (NET020-NET028),
 * and `validate` uses the same facts to say which locations are reachable (NET043, NET044).
 */
import type { Tenant, User } from './model.js';
import { bssidMatches, networkId, normaliseBssid, parseCidr, parseIpv4, rangeContains } from './network-address.js';

/** The network a Teams client reports: its public address, local subnet, access point and switch port. */
export interface ClientNetwork {
  publicIp: string | null;
  /** The client's local subnet, `10.2.0.0/24` (its address with the mask it was given). */
  subnet: string | null;
  bssid: string | null;
  chassisId: string | null;
  portId: string | null;
}

export type LisElement = 'accessPoint' | 'port' | 'switch' | 'subnet';
export const LIS_ELEMENTS: readonly LisElement[] = ['accessPoint', 'port', 'switch', 'subnet'];

export interface ClientNetworkMatch {
  /** The public address is in a trusted IP range (New-CsTenantTrustedIPAddress). */
  trusted: boolean;
  /** The network site whose subnet holds the client's subnet (the longest such subnet), or null. */
  siteId: string | null;
  /** LocationId that LIS holds for each of the client's elements, or null where it holds none. */
  lis: Record<LisElement, string | null>;
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function matchClientNetwork(t: Tenant, c: ClientNetwork): ClientNetworkMatch {
  const network = t.network;
  const lis: Record<LisElement, string | null> = { accessPoint: null, port: null, switch: null, subnet: null };
  if (network === undefined) return { trusted: false, siteId: null, lis };
  const publicIp = c.publicIp === null ? undefined : parseIpv4(c.publicIp);
  const trusted =
    publicIp !== undefined &&
    network.trustedIps.some((ip) => rangeContains({ network: networkId(parseIpv4(ip.ipAddress) ?? 0, ip.maskBits), maskBits: ip.maskBits }, publicIp));
  const local = c.subnet === null ? undefined : parseCidr(c.subnet);
  let siteId: string | null = null;
  if (local !== undefined) {
    let longest = -1;
    for (const s of network.subnets) {
      const range = { network: networkId(parseIpv4(s.subnetId) ?? 0, s.maskBits), maskBits: s.maskBits };
      if (s.networkSiteId !== null && s.maskBits > longest && rangeContains(range, local.address)) {
        siteId = s.networkSiteId;
        longest = s.maskBits;
      }
    }
    const id = networkId(local.address, local.maskBits);
    lis.subnet = network.lis.subnets.find((e) => parseIpv4(e.subnet) === id)?.locationId ?? null;
  }
  const bssid = c.bssid === null ? undefined : normaliseBssid(c.bssid);
  if (bssid !== undefined) {
    // An exact entry beats a range that covers it.
    const exact = network.lis.wirelessAccessPoints.find((e) => e.bssid === bssid);
    lis.accessPoint = (exact ?? network.lis.wirelessAccessPoints.find((e) => bssidMatches(e.bssid, bssid)))?.locationId ?? null;
  }
  const chassisId = c.chassisId;
  if (chassisId !== null) {
    const portId = c.portId;
    lis.port = portId === null ? null : (network.lis.ports.find((e) => same(e.chassisId, chassisId) && same(e.portId, portId))?.locationId ?? null);
    lis.switch = network.lis.switches.find((e) => same(e.chassisId, chassisId))?.locationId ?? null;
  }
  // NET028: off the trusted network no site is recognised (nor its policy handed out).
  return { trusted, siteId: trusted ? siteId : null, lis };
}

/** A place of the workload's `clients`, as far as the tenant needs it (NET043, NET044). */
export interface ClientPlaceSpec {
  name: string;
  share: number;
  /** Lower-case UPNs, or null when the place names no users. */
  users: string[] | null;
  /** Lower-case group ids, or null when the place names no groups. */
  groups: string[] | null;
  network: ClientNetwork;
}

/**
 * The places that fit *user*, as a weighted table (empty: none fits): the places that name the
 * user by UPN; else those of the user's groups; else those that name nobody.
 */
export function placesFor<P extends ClientPlaceSpec>(user: User, places: readonly P[]): { value: P; weight: number }[] {
  const upn = user.userPrincipalName.toLowerCase();
  const groups = user.groups.map((g) => g.toLowerCase());
  const table = (fits: (p: P) => boolean) => places.filter((p) => p.share > 0 && fits(p)).map((p) => ({ value: p, weight: p.share }));
  const byUser = table((p) => p.users !== null && p.users.includes(upn));
  if (byUser.length > 0) return byUser;
  const byGroup = table((p) => p.users === null && p.groups !== null && p.groups.some((g) => groups.includes(g)));
  if (byGroup.length > 0) return byGroup;
  return table((p) => p.users === null && p.groups === null);
}
