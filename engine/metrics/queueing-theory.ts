/**
 * Closed forms of textbook queues, to hold the call-queue simulation to (test/run/
 * queue-theory.test.ts): Erlang B and C (M/M/c), M/M/c/K, and Erlang A (M/M/c+M, callers who
 * hang up after an exponential patience). *a* is the offered load in Erlangs (arrival rate x
 * mean talk time), *c* the agents; rates are per the same unit of time.
 */

/** Erlang B: the share of calls blocked with *c* agents and no waiting room, by the stable recursion. */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: the share of calls that wait at all (P(wait > 0)); 1 when the load is c or more. */
export function erlangC(c: number, a: number): number {
  if (a >= c) return 1;
  const b = erlangB(c, a);
  return b / (1 - (a / c) * (1 - b));
}

/** M/M/c mean wait in queue, in the unit of *meanTalk*: C(c, a) x meanTalk / (c - a). */
export function erlangCMeanWait(c: number, a: number, meanTalk: number): number {
  return a >= c ? Infinity : (erlangC(c, a) * meanTalk) / (c - a);
}

/** M/M/c: P(wait > t) = C(c, a) x exp(-(c - a) t / meanTalk). */
export function erlangCWaitExceeds(c: number, a: number, meanTalk: number, t: number): number {
  return erlangC(c, a) * Math.exp((-(c - a) * t) / meanTalk);
}

/**
 * M/M/c/K: the share of arrivals that find all K places (c agents and K - c waiting) taken, i.e.
 * a call queue's overflow share with -OverflowThreshold K - c.
 */
export function mmckBlocking(c: number, k: number, a: number): number {
  // Stationary probabilities up to a common factor, built term by term (no factorials to overflow).
  let term = 1;
  let total = 1;
  for (let j = 1; j <= k; j++) {
    term *= a / Math.min(j, c);
    total += term;
  }
  return term / total;
}

/**
 * Erlang A (M/M/c+M): the share of callers who hang up before an agent answers, with arrival
 * rate *lambda*, talk rate *mu* and patience rate *theta* (1 / mean patience). Summed over the
 * birth-death chain's stationary distribution until its terms no longer count.
 */
export function erlangAAbandonment(c: number, lambda: number, mu: number, theta: number): number {
  let term = 1;
  let total = 1;
  for (let j = 1; j <= c; j++) {
    term *= lambda / (j * mu);
    total += term;
  }
  let abandonRate = 0;
  for (let j = c + 1; j < c + 1_000_000; j++) {
    term *= lambda / (c * mu + (j - c) * theta);
    total += term;
    abandonRate += (j - c) * theta * term;
    if (term < 1e-18 * total && j > c + 10) break;
  }
  return abandonRate / total / lambda;
}
