/**
 * Closed forms of a callback pool under reuse of the oldest reservation (EMG004), with Poisson
 * emergency calls and distinct callers: the numbers held at any moment are those of the last
 * min(c, N) callers, N the calls of the last reservation time T. So an arriving call finds none
 * free with probability P(Poisson(lambda T) >= c), and a callback D after the call's start
 * (D < T) rings someone else exactly when c or more calls came in between:
 * P(misrouted) = E[P(Poisson(lambda D) >= c)]. engine/run/pool-sizing.ts tests them against the
 * simulation.
 */
import { poissonTailAtLeast } from '../tenant/index.js';
import { upperQuantile, type Distribution } from './distributions.js';

/** Quadrature points: a distribution's own values where it has few, else quantile midpoints. */
function points(d: Distribution, count: number): { value: number; weight: number }[] {
  if (d.kind === 'fixed') return [{ value: d.value, weight: 1 }];
  if (d.kind === 'empirical') {
    const total = d.table.reduce((s, r) => s + r.weight, 0);
    return d.table.filter((r) => r.weight > 0).map((r) => ({ value: r.value, weight: r.weight / total }));
  }
  return Array.from({ length: count }, (_, i) => ({ value: upperQuantile(d, 1 - (i + 0.5) / count), weight: 1 / count }));
}

export function oldestReuseNoFreeShare(size: number, callsPerHour: number, reservationMs: number): number {
  return poissonTailAtLeast(size, (callsPerHour * reservationMs) / 3_600_000);
}

/**
 * P(callback misrouted) for *size* numbers; undefined where a callback may come at or after the
 * reservation's end (the form covers D < T only). Exact over fixed and empirical distributions,
 * 200 quantile midpoints each otherwise.
 */
export function oldestReuseMisroutedShare(size: number, callsPerHour: number, reservationMs: number, duration: Distribution, callbackDelay: Distribution): number | undefined {
  const perMs = callsPerHour / 3_600_000;
  let share = 0;
  for (const a of points(duration, 200)) {
    for (const b of points(callbackDelay, 200)) {
      const d = a.value + b.value;
      if (d >= reservationMs) return undefined;
      share += a.weight * b.weight * poissonTailAtLeast(size, perMs * d);
    }
  }
  return share;
}

/** The fewest numbers (up to *limit*) whose misrouted share is at most *target*, or undefined. */
export function oldestReuseSizeFor(target: number, callsPerHour: number, reservationMs: number, duration: Distribution, callbackDelay: Distribution, limit = 1000): number | undefined {
  for (let size = 1; size <= limit; size++) {
    const share = oldestReuseMisroutedShare(size, callsPerHour, reservationMs, duration, callbackDelay);
    if (share === undefined) return undefined;
    if (share <= target) return size;
  }
  return undefined;
}
