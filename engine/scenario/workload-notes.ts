/**
 * Notes on a workload that asks for something the tenant does not offer: callers dialling an
 * emergency string no policy knows, or pressing menu keys no menu maps. Such a scenario may be a
 * deliberate what-if, so these are notes, not errors; each names the outcome the calls will get.
 */
import type { Tenant } from '../tenant/index.js';
import type { Scenario } from './scenario.js';

export interface WorkloadNote {
  /** The call outcome the mismatch leads to (docs/rules.md §3). */
  outcome: 'EMG001' | 'INB014';
  /** Where in the scenario, as a dotted path. */
  path: string;
  message: string;
}

export function workloadNotes(scenario: Scenario, tenant: Tenant): WorkloadNote[] {
  const notes: WorkloadNote[] = [];
  const known = new Set<string>();
  for (const policy of tenant.emergencyCallRoutingPolicies) {
    for (const n of policy.emergencyNumbers) {
      known.add(n.emergencyDialString);
      for (const mask of n.emergencyDialMask) known.add(mask);
    }
  }
  for (const [dialled, weight] of Object.entries(scenario.workload.emergency?.dialStrings ?? {})) {
    if (weight > 0 && !known.has(dialled)) {
      notes.push({
        outcome: 'EMG001',
        path: `workload.emergency.dialStrings.${dialled}`,
        message: `callers dial ${dialled}, which no emergency call routing policy has as a dial string or mask: those calls are not emergency calls (EMG001)`,
      });
    }
  }
  const mapped = new Set<string>();
  for (const aa of tenant.autoAttendants) {
    const flows = [aa.defaultCallFlow, aa.afterHoursCallFlow, ...aa.holidays.map((h) => h.callFlow)];
    for (const flow of flows) {
      if (flow?.action.kind === 'menu') for (const o of flow.action.menu.options) mapped.add(o.key);
    }
  }
  for (const [key, weight] of Object.entries(scenario.workload.inbound?.behaviour.keys ?? {})) {
    if (weight > 0 && !mapped.has(key) && key !== '*' && key !== '#') {
      notes.push({
        outcome: 'INB014',
        path: `workload.inbound.behaviour.keys.${key}`,
        message: `callers press ${key}, which no auto attendant menu maps: it counts as invalid input and, repeated, ends in INB014`,
      });
    }
  }
  return notes;
}
