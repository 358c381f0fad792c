/**
 * The closed forms against published values and exact identities, so the simulation is held to
 * formulas that are right themselves.
 */
import { describe, expect, it } from 'vitest';
import {
  erlangAAbandonment,
  erlangB,
  erlangC,
  erlangCMeanWait,
  erlangCWaitExceeds,
  mmckBlocking,
} from '../../engine/metrics/queueing-theory.js';

describe('queueing theory', () => {
  it('gives Erlang B as the tables do', () => {
    // Erlang B tables: 5 circuits at 3 Erlangs block 11.0%; 10 circuits at 5 Erlangs 1.84%.
    expect(erlangB(5, 3)).toBeCloseTo(0.11005, 4);
    expect(erlangB(10, 5)).toBeCloseTo(0.01838, 4);
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
  });

  it('gives Erlang C and the M/M/c mean wait as the textbook examples do', () => {
    // M/M/2 at 1 Erlang: P(wait) = 1/3, and Wq = (1/3) / (2 - 1) talk times.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangCMeanWait(2, 1, 1)).toBeCloseTo(1 / 3, 12);
    // M/M/1 is rho for P(wait) and rho / (1 - rho) talk times of wait.
    expect(erlangC(1, 0.8)).toBeCloseTo(0.8, 12);
    expect(erlangCMeanWait(1, 0.8, 1)).toBeCloseTo(4, 12);
    // The call-centre example: 10 agents, 8 Erlangs, wait 40.9% of the time.
    expect(erlangC(10, 8)).toBeCloseTo(0.4092, 3);
    expect(erlangCWaitExceeds(10, 8, 180, 0)).toBeCloseTo(erlangC(10, 8), 12);
    expect(erlangC(3, 3)).toBe(1);
  });

  it('gives M/M/1/K blocking in closed form and M/M/c/c as Erlang B', () => {
    // M/M/1/K: (1 - rho) rho^K / (1 - rho^(K + 1)); rho 0.5, K 2: 1/7.
    expect(mmckBlocking(1, 2, 0.5)).toBeCloseTo(1 / 7, 12);
    expect(mmckBlocking(5, 5, 3)).toBeCloseTo(erlangB(5, 3), 12);
  });

  it('gives Erlang A as the infinite-server identity when patience equals talk time, and Erlang C-like none without patience', () => {
    // theta = mu: everyone leaves at rate mu, so the number in the system is Poisson(a) and the
    // abandonment share is E[(N - c)+] / a. For c = 1, a = 1: e^-1.
    expect(erlangAAbandonment(1, 1, 1, 1)).toBeCloseTo(Math.exp(-1), 9);
    // c = 2, a = 3: E[(N - 2)+] = a - 2 + 2 P(N=0) + P(N=1) = 1 + 2e^-3 + 3e^-3.
    expect(erlangAAbandonment(2, 3, 1, 1)).toBeCloseTo((1 + 5 * Math.exp(-3)) / 3, 9);
    expect(erlangAAbandonment(4, 3, 1, 1e-9)).toBeLessThan(1e-6);
  });
});
