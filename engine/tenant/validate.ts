/**
 * validate(): every finding of docs/rules.md section 2 over a whole tenant, in a fixed order
 * (errors first, then rule ID, then object id), so the same tenant always reads the same.
 */
import type { Tenant } from './model.js';
import { autoAttendantFindings } from './findings/auto-attendants.js';
import { callbackPoolFindings, type CallbackPoolOptions } from './findings/callback-pool.js';
import { callQueueFindings } from './findings/call-queues.js';
import type { Finding } from './findings/finding.js';
import { invariantFindings } from './findings/invariants.js';
import { clientPlaceFindings, networkFindings } from './findings/network.js';
import type { ClientPlaceSpec } from './client-network.js';
import { resourceAccountFindings } from './findings/resource-accounts.js';
import { siteFindings } from './findings/sites.js';
import { userFindings } from './findings/users.js';

export type { Finding, FindingObjectKind, FindingRuleId } from './findings/finding.js';

export interface ValidateOptions {
  /** For RA010: the scenario's emergency workload. Absent: RA010 is not evaluated. */
  emergency?: { callsPerUserPerHour: number; misroute?: CallbackPoolOptions['misroute']; bursty?: boolean };
  /** RA010 threshold, default 0.01. */
  poolOverflowThreshold?: number;
  /** For NET043 and NET044: the scenario's client places (`workload.clients`). */
  clients?: readonly ClientPlaceSpec[];
}

/** RA010's default: at most 1% of emergency calls may find no free callback number. */
export const DEFAULT_POOL_OVERFLOW_THRESHOLD = 0.01;

export function validate(tenant: Tenant, options: ValidateOptions = {}): Finding[] {
  const findings = [
    ...userFindings(tenant),
    ...resourceAccountFindings(tenant),
    ...siteFindings(tenant),
    ...networkFindings(tenant),
    ...clientPlaceFindings(tenant, options.clients ?? []),
    ...autoAttendantFindings(tenant),
    ...callQueueFindings(tenant),
    ...invariantFindings(tenant),
  ];
  if (options.emergency !== undefined) {
    findings.push(
      ...callbackPoolFindings(tenant, {
        callsPerUserPerHour: options.emergency.callsPerUserPerHour,
        threshold: options.poolOverflowThreshold ?? DEFAULT_POOL_OVERFLOW_THRESHOLD,
        ...(options.emergency.misroute === undefined ? {} : { misroute: options.emergency.misroute }),
        ...(options.emergency.bursty === true ? { bursty: true } : {}),
      }),
    );
  }
  return findings.sort(compareFindings);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Errors first, then rule ID, then object id; the message breaks ties between findings on one object. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.severity !== b.severity) return a.severity === 'error' ? -1 : 1;
  return compareText(a.rule, b.rule) || compareText(a.object.id, b.object.id) || compareText(a.message, b.message);
}
