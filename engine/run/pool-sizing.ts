/**
 * How big must a callback number pool be? The figures `callsim size-pool` reads off a run for
 * one pool, and the closed forms that hold for reuse of the oldest reservation (EMG004).
 *
 * With reuse of the oldest reservation, every arrival takes a free number or the oldest
 * reservation, and a reservation ends after T (the reservation time), so the numbers held at any
 * moment are those of the last min(c, N) callers, N the emergency calls of the last T. Hence,
 * with Poisson arrivals at rate lambda and PASTA, for distinct callers:
 * - an emergency call finds no free number with probability P(Poisson(lambda T) >= c), RA010's
 *   bound, exact here;
 * - a callback D after the call's start (the call's duration plus the callback's delay, D < T)
 *   rings someone else exactly when c or more emergency calls came in (t, t + D]:
 *   P(misrouted) = E[P(Poisson(lambda D) >= c)].
 * A caller who calls again within T renews their number instead (EMG007), which the closed form
 * ignores: it is exact as the users grow many against lambda T. With reuse of the first number
 * no such form is known; the simulated figure stands alone.
 */
import type { Distribution as ScenarioDistribution } from '../scenario/index.js';
import { sampledDistribution } from '../scenario/index.js';
import { oldestReuseMisroutedShare, oldestReuseNoFreeShare } from '../workload/index.js';
import { summarise, type MetricSummary, type RunResult } from './run-scenario.js';

/** The figures of one pool size, each over replications with its 95% interval. */
export interface PoolFigures {
  /** Emergency calls of the pool that found no free number (EMG004) over those that took one. */
  noFreeShare: MetricSummary;
  /** Reservations taken from an earlier caller, per replication (callbackPool.P.displaced). */
  displaced: MetricSummary;
  /** Callbacks that rang another user (CBK001 misrouted), over all callbacks. */
  misroutedShare: MetricSummary;
  /** Callbacks that reached the auto attendant or no service (CBK002, CBK003), over all callbacks. */
  toAttendantShare: MetricSummary;
  /** Callbacks that rang the caller, who did not answer (CBK004), over all callbacks. */
  unansweredShare: MetricSummary;
}

export const POOL_FIGURES = ['noFreeShare', 'displaced', 'misroutedShare', 'toAttendantShare', 'unansweredShare'] as const;
export type PoolFigureName = (typeof POOL_FIGURES)[number];

function values(run: RunResult, metric: string): (number | null)[] {
  return run.metrics[metric]?.values ?? Array.from({ length: run.replications }, () => 0);
}

/** a / b replication by replication; undefined (NaN) where b is 0. */
function ratio(run: RunResult, numerators: readonly string[], denominators: readonly string[]): MetricSummary {
  const sum = (names: readonly string[], i: number): number => names.reduce((s, n) => s + (values(run, n)[i] ?? 0), 0);
  return summarise(
    Array.from({ length: run.replications }, (_, i) => {
      const d = sum(denominators, i);
      return d === 0 ? NaN : sum(numerators, i) / d;
    }),
  );
}

/** The pool figures of *policy*'s pool in *run*. Callback figures are the run's (one pool with emergency traffic). */
export function poolFigures(run: RunResult, policy: string): PoolFigures {
  const pool = (name: string): string => `callbackPool.${policy}.${name}`;
  return {
    noFreeShare: ratio(run, [pool('displaced')], [pool('reservations'), pool('displaced'), pool('renewals')]),
    displaced: summarise(values(run, pool('displaced')).map((v) => v ?? NaN)),
    misroutedShare: ratio(run, ['callback.misrouted'], ['callback.calls']),
    toAttendantShare: ratio(run, ['callback.toAutoAttendant', 'callback.notInService'], ['callback.calls']),
    unansweredShare: ratio(run, ['callback.callerDidNotAnswer'], ['callback.calls']),
  };
}

export interface ClosedFormInput {
  /** Emergency calls an hour into the pool. */
  callsPerHour: number;
  reservationMs: number;
  /** The emergency call's duration, and the callback's delay after it ends. */
  duration: ScenarioDistribution;
  callbackDelay: ScenarioDistribution;
}

export interface ClosedForm {
  noFreeShare: number;
  /** Undefined where a callback may come after the reservation ended (the form covers D < T only). */
  misroutedShare: number | undefined;
}

/** The closed forms for reuse of the oldest reservation at pool size *size* >= 1 (engine/workload/pool-closed-form.ts). */
export function oldestReuseClosedForm(size: number, input: ClosedFormInput): ClosedForm {
  const duration = sampledDistribution(input.duration);
  const delay = sampledDistribution(input.callbackDelay);
  return {
    noFreeShare: oldestReuseNoFreeShare(size, input.callsPerHour, input.reservationMs),
    misroutedShare: oldestReuseMisroutedShare(size, input.callsPerHour, input.reservationMs, duration, delay),
  };
}
