/**
 * The callback-pool load test written by hand: the limit callsim's speed is measured against.
 * The same model as bench/pool/callback-pool.yaml, with none of callsim's generality: Poisson
 * emergency calls at *ratePerHour* from *users* users drawn uniformly, a pool of *poolSize*
 * numbers each held for *reservationMs* from the call's start; a caller who holds a number renews
 * it (EMG007), else takes the first free one in list order (EMG003), else takes the first number
 * of the list from its holder (EMG004, reuse `first`) or, with `oldest`, the one reserved longest
 * ago. Typed arrays, no objects per call, one random source.
 */
import seedrandom from 'seedrandom';

export interface PoolModel {
  users: number;
  poolSize: number;
  ratePerHour: number;
  reservationMs: number;
  reuse: 'first' | 'oldest';
}

export interface PoolResult {
  calls: number;
  /** Calls that found no free number and took someone's (EMG004). */
  displaced: number;
  renewed: number;
}

const HOUR = 3_600_000;

/** Simulate *calls* emergency calls of *model* with seed *seed*. */
export function runHandLoop(model: PoolModel, calls: number, seed: string): PoolResult {
  const random = seedrandom.alea(seed);
  const holder = new Int32Array(model.poolSize).fill(-1);
  const startedAt = new Float64Array(model.poolSize);
  const expiresAt = new Float64Array(model.poolSize);
  const meanGap = HOUR / model.ratePerHour;
  let now = 0;
  let displaced = 0;
  let renewed = 0;
  for (let call = 0; call < calls; call++) {
    now -= meanGap * Math.log(1 - random());
    const t = Math.round(now);
    const user = Math.min(model.users - 1, Math.floor(random() * model.users));
    let held = -1;
    let free = -1;
    let oldest = 0;
    for (let n = 0; n < model.poolSize; n++) {
      const active = holder[n] !== -1 && (expiresAt[n] as number) > t;
      if (active && holder[n] === user) held = n;
      if (!active && free === -1) free = n;
      if (active && (startedAt[n] as number) < (startedAt[oldest] as number)) oldest = n;
    }
    let take: number;
    if (held !== -1) {
      take = held;
      renewed++;
    } else if (free !== -1) take = free;
    else {
      take = model.reuse === 'first' ? 0 : oldest;
      displaced++;
    }
    holder[take] = user;
    startedAt[take] = t;
    expiresAt[take] = t + model.reservationMs;
  }
  return { calls, displaced, renewed };
}
