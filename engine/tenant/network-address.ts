/**
 * IPv4 addresses, subnets and BSSIDs as the network cmdlets take them (NET004, NET005, NET008).
 *
 * IPv4 only [choice]: Teams takes IPv6 too, but a subnet of a site is matched the same way, and
 * an IPv4 model is enough to ask where a caller is. An address is kept as the text the
 * administrator typed (normalised) and compared as a 32-bit number.
 */

/** The dotted IPv4 address as an unsigned 32-bit number, or undefined when it is not one. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** The network ID of *address* under a mask of *maskBits* (the host bits set to zero). */
export function networkId(address: number, maskBits: number): number {
  const size = 2 ** (32 - maskBits);
  return Math.floor(address / size) * size;
}

export function validMaskBits(maskBits: number): boolean {
  return Number.isInteger(maskBits) && maskBits >= 0 && maskBits <= 32;
}

/** An IPv4 range: its network ID and mask length. */
export interface Ipv4Range {
  network: number;
  maskBits: number;
}

export function rangeContains(range: Ipv4Range, address: number): boolean {
  return networkId(address, range.maskBits) === range.network;
}

/** Two ranges overlap when one contains the other's network ID (ranges nest or are disjoint). */
export function rangesOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.maskBits <= b.maskBits ? rangeContains(a, b.network) : rangeContains(b, a.network);
}

/** "10.1.0.0/24" as a range with its host address; undefined when it is not dotted IPv4 with 0-32 bits. */
export function parseCidr(text: string): { address: number; maskBits: number } | undefined {
  const [ip, bits, extra] = text.trim().split('/');
  if (ip === undefined || bits === undefined || extra !== undefined || !/^\d{1,2}$/.test(bits)) return undefined;
  const address = parseIpv4(ip);
  const maskBits = Number(bits);
  if (address === undefined || !validMaskBits(maskBits)) return undefined;
  return { address, maskBits };
}

const OCTET = '[0-9A-F]{2}';

/**
 * A BSSID in the form the LIS keeps it (upper case, dashes), or undefined when it is not six hex
 * octets. A `*` may stand for the last one or two characters (F0-6E-0B-C2-04-*, F0-6E-0B-C2-04-2*):
 * the entry covers every BSSID of that range.
 */
export function normaliseBssid(text: string): string | undefined {
  const upper = text.trim().toUpperCase().replace(/:/g, '-');
  if (new RegExp(`^(${OCTET}-){5}${OCTET}$`).test(upper)) return upper;
  if (new RegExp(`^(${OCTET}-){5}[0-9A-F]?\\*$`).test(upper)) return upper;
  return undefined;
}

/** Whether the LIS entry *pattern* (normalised, maybe ending in `*`) covers *bssid*. */
export function bssidMatches(pattern: string, bssid: string): boolean {
  return pattern.endsWith('*') ? bssid.startsWith(pattern.slice(0, -1)) : pattern === bssid;
}
