/**
 * RA010: is a policy's emergency callback pool big enough for the users who share it?
 *
 * A callback number stays reserved for 60 minutes after the emergency call that took it (EMG003),
 * and each active reservation was made or renewed by a distinct call in the last 60 minutes. So an
 * arriving call can find all c numbers reserved only if at least c other emergency calls arrived
 * in the previous 60 minutes. With Poisson arrivals at rate lambda per hour, and PASTA (an arrival
 * sees the time-average state), P(no free number) <= P(N >= c) with N ~ Poisson(lambda * 1 h).
 */
import { effectiveSharedCallingPolicy } from '../lookup.js';
import type { Tenant } from '../model.js';
import { poissonTailAtLeast } from '../poisson.js';
import { finding, type Finding } from './finding.js';
import { sharedLines } from './shared-calling.js';
import { psQuote } from '../ps-quote.js';

/** What the scenario's own workload makes of a pool's callbacks, where the scenario can say. */
export interface MisrouteEstimate {
  /** Share of callbacks that ring another user (CBK001 misrouted). */
  share: number;
  /** How it was found, in words: "closed form, exact for ..." or "simulated, ...". */
  method: string;
  /** The fewest numbers that bring it to MISROUTE_TARGET or less, if found. */
  sizeForTarget: number | undefined;
  /** Share of emergency calls that found no free number, where simulated (bursts and redials included). */
  noFreeShare?: number;
}

/** The misrouted share RA010 names a pool size for: one callback in a thousand. */
export const MISROUTE_TARGET = 0.001;

export interface CallbackPoolOptions {
  /** The scenario's emergency workload. */
  callsPerUserPerHour: number;
  /** Largest acceptable P(no free number), e.g. 0.01. */
  threshold: number;
  /** The misrouted callbacks of a policy's pool of *size* numbers, as the scenario's workload makes them. */
  misroute?: (policy: string, size: number) => MisrouteEstimate | undefined;
  /**
   * The workload has bursts or redials, which the Poisson bound leaves out: a pool within the
   * bound is still a finding when the simulated share finding no free number is above the threshold.
   */
  bursty?: boolean;
}

/** The reservation of a callback number, in hours (EMG003). */
const RESERVATION_HOURS = 1;

/** A number for a message: no float noise such as 0.30000000000000004. */
function plain(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** Two significant figures, e.g. 3.7%, 12%, 0.0042%. */
function percent(probability: number): string {
  const value = probability * 100;
  return value >= 10 ? `${value.toFixed(0)}%` : `${plain(Number(value.toPrecision(2)))}%`;
}

/** The fewest callback numbers whose bound is within the threshold (for the fix); capped so it ends. */
function numbersNeeded(mean: number, threshold: number): number {
  let count = 1;
  while (poissonTailAtLeast(count, mean) > threshold && count < 10_000) count++;
  return count;
}

export function callbackPoolFindings(tenant: Tenant, options: CallbackPoolOptions): Finding[] {
  const { callsPerUserPerHour, threshold } = options;
  const findings: Finding[] = [];
  for (const line of sharedLines(tenant)) {
    const count = line.policy.emergencyNumbers.length;
    if (count === 0) continue; // RA009 and EMG005 cover an empty pool
    const users = tenant.users.filter((u) => effectiveSharedCallingPolicy(tenant, u) === line.policy).length;
    const mean = users * callsPerUserPerHour * RESERVATION_HOURS;
    const bound = poissonTailAtLeast(count, mean);
    const policy = line.policy.identity;
    if (bound <= threshold && options.bursty !== true) continue;
    const misroute = options.misroute?.(policy, count);
    const burst = bound <= threshold;
    if (burst && (misroute?.noFreeShare === undefined || misroute.noFreeShare <= threshold)) continue;
    const needed = numbersNeeded(mean, threshold);
    const misrouteText =
      misroute === undefined
        ? ''
        : ` Misrouted callbacks (CBK001): about ${percent(misroute.share)} (${misroute.method})` +
          `${misroute.sizeForTarget === undefined ? '' : `; ${misroute.sizeForTarget} numbers would bring them to ${percent(MISROUTE_TARGET)} or less`}.`;
    findings.push(
      finding(
        'RA010',
        'sharedCallingPolicy',
        policy,
        `policy ${policy}: ${count} callback ${count === 1 ? 'number' : 'numbers'} for ${users} ${users === 1 ? 'user' : 'users'} at ${plain(callsPerUserPerHour)} emergency calls per user-hour; P(no free number) <= ${percent(bound)} (Poisson bound: P(N >= ${count}), N ~ Poisson(${plain(mean)}) emergency calls in 60 min)${burst ? `, yet with the workload's bursts and redials, which the bound leaves out, about ${percent(misroute?.noFreeShare ?? 0)} of emergency calls find no free number` : ''}, above ${percent(threshold)}.${misrouteText}`,
        burst && misroute?.sizeForTarget !== undefined
          ? `Set-CsTeamsSharedCallingRoutingPolicy -Identity ${psQuote(policy)} -EmergencyNumbers @{add=...}: ${misroute.sizeForTarget} numbers in all bring misrouted callbacks to ${percent(MISROUTE_TARGET)} or less under this workload (simulated).`
          : `Set-CsTeamsSharedCallingRoutingPolicy -Identity ${psQuote(policy)} -EmergencyNumbers @{add=...}: ${needed} numbers in all bring the bound to ${percent(poissonTailAtLeast(needed, mean))}.`,
      ),
    );
  }
  return findings;
}
