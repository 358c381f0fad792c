/**
 * The findings of a loaded scenario: validate() over its tenant, with the scenario's emergency
 * workload so the callback pool can be sized (RA010).
 */
import { effectiveSharedCallingPolicy, validate, type Finding, type MisrouteEstimate, type Tenant } from '../tenant/index.js';
import { oldestReuseMisroutedShare, oldestReuseSizeFor } from '../workload/index.js';
import { sampledDistribution } from './limits.js';
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

export interface ScenarioFindingsOptions {
  /**
   * RA010's misroute estimate where no closed form is exact (reuse of the first number, bursts,
   * redials, a profile): a simulation, which engine/scenario cannot run itself.
   */
  simulateMisroute?: (policy: string, size: number) => MisrouteEstimate | undefined;
}

/**
 * The misrouted callbacks of a pool: the closed form where it is exact (reuse of the oldest
 * reservation, steady Poisson emergency calls, every callback within the reservation), else the
 * simulation the caller offers, else nothing.
 */
function misrouteEstimator(scenario: Scenario, tenant: Tenant, options: ScenarioFindingsOptions): ((policy: string, size: number) => MisrouteEstimate | undefined) | undefined {
  const e = scenario.workload.emergency;
  if (e === undefined) return undefined;
  const steady = e.profile === undefined && (e.incidents?.length ?? 0) === 0 && e.redial === undefined;
  const { reuse, reservation } = scenario.settings.callbackPool;
  return (policy, size) => {
    if (reuse === 'oldest' && steady) {
      const all = tenant.users.length;
      const onPool = tenant.users.filter((u) => effectiveSharedCallingPolicy(tenant, u)?.identity === policy).length;
      const perHour = 'perHour' in e.rate ? e.rate.perHour : e.rate.perUserPerHour * all;
      const callsPerHour = all === 0 ? 0 : (perHour * onPool) / all;
      const duration = sampledDistribution(e.duration);
      const delay = sampledDistribution(e.callback.delay);
      const share = oldestReuseMisroutedShare(size, callsPerHour, reservation, duration, delay);
      if (share !== undefined) {
        return { share, method: 'closed form, exact for reuse of the oldest reservation', sizeForTarget: oldestReuseSizeFor(0.001, callsPerHour, reservation, duration, delay) };
      }
    }
    return options.simulateMisroute?.(policy, size);
  };
}

export function scenarioFindings(scenario: Scenario, tenant: Tenant, options: ScenarioFindingsOptions = {}): Finding[] {
  const callsPerUserPerHour = peakEmergencyCallsPerUserPerHour(scenario, tenant);
  const clients = clientPlaceSpecs(scenario.workload);
  const placed = clients.length === 0 ? {} : { clients };
  if (callsPerUserPerHour === undefined) return validate(tenant, placed);
  const misroute = misrouteEstimator(scenario, tenant, options);
  const e = scenario.workload.emergency;
  const bursty = (e?.incidents?.length ?? 0) > 0 || e?.redial !== undefined;
  return validate(tenant, { emergency: { callsPerUserPerHour, ...(misroute === undefined ? {} : { misroute }), ...(bursty ? { bursty } : {}) }, ...placed });
}
