/**
 * SITE001: network-site emergency call routing policies are not used in a tenant that mixes
 * Calling Plan or Operator Connect Shared Calling with Direct Routing (EMG006).
 */
import type { Tenant } from '../model.js';
import { finding, type Finding } from './finding.js';
import { sharedLines } from './shared-calling.js';
import { psQuote } from '../ps-quote.js';

/** What makes the tenant "mixed", for the message; undefined when it is not. */
export function mixedTenant(tenant: Tenant): { sharedCalling: string; directRouting: string } | undefined {
  const lines = sharedLines(tenant);
  const cpOrOc = lines.find((l) => l.number !== undefined && l.number.numberType !== 'DirectRouting');
  if (cpOrOc?.number === undefined) return undefined;
  const drLine = lines.find((l) => l.number?.numberType === 'DirectRouting');
  if (drLine?.number !== undefined) {
    return {
      sharedCalling: `policy ${cpOrOc.policy.identity} shares ${cpOrOc.number.numberType} number ${cpOrOc.number.telephoneNumber}`,
      directRouting: `policy ${drLine.policy.identity} shares Direct Routing number ${drLine.number.telephoneNumber}`,
    };
  }
  const drNumber = tenant.numbers.find((n) => n.numberType === 'DirectRouting' && n.assignedPstnTargetId !== null);
  if (drNumber === undefined) return undefined;
  return {
    sharedCalling: `policy ${cpOrOc.policy.identity} shares ${cpOrOc.number.numberType} number ${cpOrOc.number.telephoneNumber}`,
    directRouting: `Direct Routing number ${drNumber.telephoneNumber} is assigned`,
  };
}

/**
 * Whether the tenant has Calling Plan or Operator Connect Shared Calling beside Direct Routing, where
 * network-site emergency call routing policies cannot be used (EMG006).
 */
export function mixesSharedCallingWithDirectRouting(tenant: Tenant): boolean {
  return mixedTenant(tenant) !== undefined;
}

export function siteFindings(tenant: Tenant): Finding[] {
  const sites = tenant.networkSites.filter((s) => s.emergencyCallRoutingPolicy !== null);
  if (sites.length === 0) return [];
  const mixed = mixedTenant(tenant);
  if (mixed === undefined) return [];
  return sites.map((site) =>
    finding(
      'SITE001',
      'networkSite',
      site.id,
      `network site ${site.id} has emergency call routing policy ${site.emergencyCallRoutingPolicy ?? ''}, but the tenant mixes Calling Plan or Operator Connect Shared Calling (${mixed.sharedCalling}) with Direct Routing (${mixed.directRouting}): site policies cannot be used there (EMG006).`,
      `Set-CsTenantNetworkSite -Identity ${psQuote(site.id)} -EmergencyCallRoutingPolicy $null, and grant the emergency call routing policy to users instead`,
    ),
  );
}
