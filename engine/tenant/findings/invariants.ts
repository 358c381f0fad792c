/**
 * POL001: the refusal rules of docs/rules.md section 1 hold for a loaded tenant too. Each broken
 * SC0xx/NUM0xx rule becomes an error finding that names it ("POL001 (SC003): ...").
 */
import { tenantInvariantViolations } from '../invariants.js';
import type { Tenant } from '../model.js';
import { finding, type Finding } from './finding.js';

/**
 * SC002 (a policy's resource account without a number) is left to RA007: docs/rules.md allows
 * removing or porting that number afterwards, and a tenant cannot tell how it got there, so the
 * state is reported once, as RA007, not also as a broken refusal rule. NUM007 (a number on a
 * resource account without a Teams Phone Resource Account licence) is left to RA011, which
 * reports every such account, with a number or without.
 */
const REPORTED_ELSEWHERE = new Set<string>(['SC002', 'NUM007']);

export function invariantFindings(tenant: Tenant): Finding[] {
  return tenantInvariantViolations(tenant)
    .filter((v) => !REPORTED_ELSEWHERE.has(v.code))
    .map((v) => {
      const text = v.message.startsWith(`${v.code}: `) ? v.message.slice(v.code.length + 2) : v.message;
      return finding(
        'POL001',
        'tenant',
        'tenant',
        text,
        `Change the tenant so that ${v.code} holds (docs/rules.md section 1); the cmdlets would have refused this state.`,
        `POL001 (${v.code})`,
      );
    });
}
