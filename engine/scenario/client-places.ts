/**
 * `workload.clients` against the built tenant: the users and groups a place names exist, and its
 * addresses are what the network cmdlets would take (dotted IPv4, a subnet with its mask, a BSSID).
 */
import { normaliseBssid, parseCidr, parseIpv4, type ClientPlaceSpec, type Tenant } from '../tenant/index.js';
import type { Workload } from './schema.js';
import type { PendingIssue } from './zod-issues.js';

export function clientPlaceIssues(workload: Workload, tenant: Tenant): PendingIssue[] {
  const issues: PendingIssue[] = [];
  const places = workload.clients ?? [];
  places.forEach((p, i) => {
    const path = ['workload', 'clients', i];
    const bad = (key: string, expected: string, message: string) => issues.push({ code: 'invalid_value', path: [...path, key], expected, message });
    if (p.publicIp !== undefined && parseIpv4(p.publicIp) === undefined) bad('publicIp', 'a dotted IPv4 address such as 203.0.113.10', `"${p.publicIp}" is not a dotted IPv4 address (NET004)`);
    if (p.subnet !== undefined && parseCidr(p.subnet) === undefined) bad('subnet', 'a subnet with its mask such as 10.2.0.0/24', `"${p.subnet}" is not an IPv4 subnet with a mask of 0-32 bits (NET004)`);
    if (p.bssid !== undefined && normaliseBssid(p.bssid) === undefined) bad('bssid', 'six hexadecimal octets such as F0-6E-0B-C2-03-23', `"${p.bssid}" is not a BSSID (NET008)`);
    if (p.portId !== undefined && p.chassisId === undefined) bad('portId', 'a chassisId with the portId', 'a port is known by its switch: give the chassisId too');
    (p.users ?? []).forEach((upn, j) => {
      if (tenant.users.some((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase())) return;
      issues.push({ code: 'unknown_reference', path: [...path, 'users', j], expected: 'the upn of a user in tenant.users', message: `user "${upn}" is not declared in tenant.users` });
    });
    (p.groups ?? []).forEach((g, j) => {
      if (tenant.groups.some((x) => x.id.toLowerCase() === g.toLowerCase())) return;
      issues.push({ code: 'unknown_reference', path: [...path, 'groups', j], expected: 'the id of a group in tenant.groups', message: `group "${g}" is not declared in tenant.groups` });
    });
  });
  if (places.length > 0 && !places.some((p) => p.share > 0)) {
    issues.push({ code: 'invalid_value', path: ['workload', 'clients'], expected: 'at least one place with a share above 0', message: 'no client place has a share above 0: no call could be placed' });
  }
  return issues;
}

/** The workload's `clients` as the tenant and the runtime take them (names lower-cased for matching). */
export function clientPlaceSpecs(workload: Workload): (ClientPlaceSpec & { kind: 'office' | 'home' | 'vpn' | 'roaming' })[] {
  return (workload.clients ?? []).map((e) => ({
    name: e.name,
    kind: e.kind,
    share: e.share,
    users: e.users === undefined ? null : e.users.map((u) => u.toLowerCase()),
    groups: e.groups === undefined ? null : e.groups.map((g) => g.toLowerCase()),
    network: { publicIp: e.publicIp ?? null, subnet: e.subnet ?? null, bssid: e.bssid ?? null, chassisId: e.chassisId ?? null, portId: e.portId ?? null },
  }));
}
