/**
 * The refusal rules of docs/rules.md §1 re-checked over a whole tenant, for validate's POL001:
 * a tenant loaded from a file, or changed in ways the operations would refuse. Uses the same
 * checks as the operations (operations/checks.ts), so each rule has one implementation.
 *
 * NUM001 and GRT001 are about operations, not states: a policy's emergency number that is
 * assigned shows as SC008, and a grant of a removed policy falls back (allowed).
 */
import type { Refusal } from './cmdlet.js';
import type { Tenant } from './model.js';
import { holderName, numberViolations, sharedCallingPolicyViolations } from './operations/checks.js';
import { refusal } from './operations/result.js';

/** Every violation, in a fixed order: numbers in inventory order, then policies in tenant order. */
export function tenantInvariantViolations(tenant: Tenant): Refusal[] {
  const found: Refusal[] = [];
  const seen = new Set<string>();
  const holders = new Map<string, string>();
  for (const number of tenant.numbers) {
    if (seen.has(number.telephoneNumber)) {
      found.push(refusal('NUM003', `${number.telephoneNumber} is in the number inventory twice.`));
    }
    seen.add(number.telephoneNumber);
    found.push(...numberViolations(tenant, number));
    const holder = number.assignedPstnTargetId;
    if (holder !== null) {
      const first = holders.get(holder);
      if (first !== undefined) {
        found.push(refusal('NUM004', `${holderName(tenant, holder)} holds both ${first} and ${number.telephoneNumber}; callsim models one number per user or resource account.`));
      } else {
        holders.set(holder, number.telephoneNumber);
      }
    }
  }
  const policyNames = new Set<string>();
  for (const policy of tenant.sharedCallingPolicies) {
    const key = policy.identity.toLowerCase();
    if (policyNames.has(key)) {
      found.push(refusal('SC001', `there are two Shared Calling policies named ${policy.identity}; policy names are unique.`));
    }
    policyNames.add(key);
    found.push(...sharedCallingPolicyViolations(tenant, policy));
  }
  if (!policyNames.has('global')) {
    found.push(refusal('SC001', 'the tenant has no Global Shared Calling policy; it always exists.'));
  }
  return found;
}
