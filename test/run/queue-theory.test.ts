/**
 * The call-queue simulation against queueing theory (engine/metrics/queueing-theory.ts). Fixture
 * test/fixtures/queue/one-queue.yaml: an attendant that sends every inbound call straight to one
 * queue; Poisson arrivals at a constant rate, exponential talk, agents who answer at once and are
 * always there (round robin, presence-based routing), so the queue is M/M/c, and with the
 * patience and the maximum callers these tests set, M/M/c+M (Erlang A) and M/M/c/K.
 *
 * Tolerance: each replication is an independent run; the figure's mean over R replications is
 * held to theory within the 99.9% Student t interval of that mean (t(0.9995, R - 1) s / sqrt(R)),
 * plus 2% of the theoretical value for what a finite run after a 1-day warm-up still carries
 * from its empty start. A fixed seed makes each test deterministic; the interval is what makes
 * the check meaningful for any seed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { studentTQuantile } from '../../engine/metrics/index.js';
import {
  erlangAAbandonment,
  erlangC,
  erlangCMeanWait,
  mmckBlocking,
} from '../../engine/metrics/queueing-theory.js';
import { runScenario, type RunResult } from '../../engine/run/index.js';
import { loadScenarioFile, type Scenario } from '../../engine/scenario/index.js';
import type { Tenant } from '../../engine/tenant/index.js';

const REPLICATIONS = 16;
const MINUTE = 60_000;

interface Setup {
  agents: number;
  callsPerHour: number;
  meanTalkMinutes: number;
  patienceMinutes?: number;
  overflowThreshold?: number;
}

let base: { scenario: Scenario; tenant: Tenant };

beforeAll(async () => {
  const loaded = await loadScenarioFile('test/fixtures/queue/one-queue.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  base = { scenario: loaded.scenario, tenant: loaded.tenant };
});

function run(setup: Setup): RunResult {
  const scenario = structuredClone(base.scenario);
  const tenant = structuredClone(base.tenant);
  const queue = tenant.callQueues?.[0];
  const inbound = scenario.workload.inbound;
  if (queue === undefined || inbound === undefined || inbound.queue === undefined) throw new Error('the fixture has one queue and an inbound workload');
  const agents = tenant.users.slice(0, setup.agents).map((u) => ({ objectId: u.objectId, optIn: true }));
  tenant.callQueues = [{ ...queue, agents, overflowThreshold: setup.overflowThreshold ?? queue.overflowThreshold }];
  inbound.rate = { perHour: setup.callsPerHour };
  inbound.duration = { exponential: { mean: setup.meanTalkMinutes * MINUTE } };
  if (setup.patienceMinutes !== undefined) inbound.queue.patience = { exponential: { mean: setup.patienceMinutes * MINUTE } };
  scenario.horizon = 6 * 86_400_000;
  return runScenario({ scenario, tenant }, { replications: REPLICATIONS });
}

/** The 99.9% interval half-width of the mean of *values*, plus 2% of *expected* for the start-up. */
function tolerance(values: readonly number[], expected: number): number {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  return studentTQuantile(0.9995, n - 1) * (sd / Math.sqrt(n)) + 0.02 * expected;
}

function figure(result: RunResult, metric: string): { mean: number; values: number[] } {
  const summary = result.metrics[metric];
  if (summary === undefined) throw new Error(`no metric ${metric}`);
  return { mean: summary.mean ?? NaN, values: summary.values.map((v) => v ?? NaN) };
}

describe('one call queue against queueing theory', () => {
  it('waits as Erlang C says: P(wait > 0) and the mean wait of M/M/4 at 3.33 Erlangs', () => {
    const setup = { agents: 4, callsPerHour: 40, meanTalkMinutes: 5 };
    const a = (setup.callsPerHour / 60) * setup.meanTalkMinutes;
    const result = run(setup);
    const waited = figure(result, 'queue.Sales.waitedShare');
    const expectedShare = erlangC(4, a);
    const wait = figure(result, 'queue.Sales.waitMeanSeconds');
    const expectedWait = erlangCMeanWait(4, a, setup.meanTalkMinutes * 60);
    expect(Math.abs(waited.mean - expectedShare)).toBeLessThanOrEqual(tolerance(waited.values, expectedShare));
    expect(Math.abs(wait.mean - expectedWait)).toBeLessThanOrEqual(tolerance(wait.values, expectedWait));
    expect(figure(result, 'queue.Sales.abandoned').mean).toBe(0);
  });

  it('loses callers as Erlang A says: the abandonment share of M/M/4+M with a 3-minute mean patience', () => {
    const setup = { agents: 4, callsPerHour: 48, meanTalkMinutes: 5, patienceMinutes: 3 };
    const result = run(setup);
    const abandoned = figure(result, 'queue.Sales.abandonedShare');
    const expected = erlangAAbandonment(4, setup.callsPerHour / 60, 1 / setup.meanTalkMinutes, 1 / setup.patienceMinutes);
    expect(expected).toBeGreaterThan(0.05);
    expect(Math.abs(abandoned.mean - expected)).toBeLessThanOrEqual(tolerance(abandoned.values, expected));
  });

  it('overflows as M/M/c/K says: 4 agents and at most 2 callers waiting, at 5 Erlangs', () => {
    const setup = { agents: 4, callsPerHour: 60, meanTalkMinutes: 5, overflowThreshold: 2 };
    const result = run(setup);
    const offered = figure(result, 'queue.Sales.offered').values;
    const overflowed = figure(result, 'queue.Sales.overflowed').values;
    const shares = overflowed.map((o, i) => o / (offered[i] ?? NaN));
    const mean = shares.reduce((s, v) => s + v, 0) / shares.length;
    const expected = mmckBlocking(4, 6, 5);
    expect(Math.abs(mean - expected)).toBeLessThanOrEqual(tolerance(shares, expected));
  });
});
