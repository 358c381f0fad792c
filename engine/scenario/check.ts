/**
 * The findings of a loaded scenario: validate() over its tenant, with the scenario's emergency
 * workload so the callback pool can be sized (RA010).
 */
import { validate, type Finding, type Tenant } from '../tenant/index.js';
import { clientPlaceSpecs } from './client-places.js';
import { profileMultipliers } from './rates.js';
import type { Scenario } from './scenario.js';

/** Emergency calls per user per hour at the busiest hour, or undefined without an emergency workload. */
export function peakEmergencyCallsPerUserPerHour(scenario: Scenario, tenant: Tenant): number | undefined {
  const emergency = scenario.workload.emergency;
  if (emergency === undefined) return undefined;
  const perUser =
    'perUserPerHour' in emergency.rate
      ? emergency.rate.perUserPerHour
      : tenant.users.length === 0
        ? 0
        : emergency.rate.perHour / tenant.users.length;
  // The busiest hour: the pool must hold at the peak, not on average.
  return perUser * profileMultipliers(emergency.profile).peak;
}

export function scenarioFindings(scenario: Scenario, tenant: Tenant): Finding[] {
  const callsPerUserPerHour = peakEmergencyCallsPerUserPerHour(scenario, tenant);
  const clients = clientPlaceSpecs(scenario.workload);
  return validate(tenant, {
    ...(callsPerUserPerHour === undefined ? {} : { emergency: { callsPerUserPerHour } }),
    ...(clients.length === 0 ? {} : { clients }),
  });
}
