/**
 * Arrivals of one kind of call, as kernel events: each arrival schedules the next, so the queue
 * holds one pending arrival per kind whatever the horizon.
 */
import type { RandomStream } from '../kernel/index.js';
import type { CallKind } from '../machines/index.js';
import { createArrivals, type ArrivalProcess } from '../workload/index.js';
import type { CallServices } from './services.js';

/** Schedule *arrive* at each arrival of *process* before the horizon, drawn from `arrivals/<kind>`. */
export function scheduleArrivals(services: CallServices, kind: CallKind, process: ArrivalProcess, arrive: () => void): void {
  const { sim, horizon } = services;
  const arrivals = createArrivals(process);
  const stream = services.stream(`arrivals/${kind}`);
  let exact = 0;
  // NOTE: one callback for every arrival of the kind, not a closure per arrival.
  const tick = (): void => {
    arrive();
    next();
  };
  const next = (): void => {
    exact = arrivals.next(exact, stream);
    if (!(exact < horizon)) return;
    const at = Math.max(sim.now, Math.round(exact));
    if (at >= horizon) return;
    sim.schedule(at, tick);
  };
  next();
}

/** One of *items*, uniformly; one draw whatever the size, so the stream stays aligned when the population changes. */
export function pickUniform<T>(items: readonly T[], stream: RandomStream): T | undefined {
  const u = stream.next();
  return items.length === 0 ? undefined : items[Math.min(items.length - 1, Math.floor(u * items.length))];
}
