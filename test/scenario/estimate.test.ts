/**
 * The cost estimate (issue 13, item 2): expected calls in closed form, memory and time from the
 * measured constants, and the thresholds of the warning and of run's refusal.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/run/index.js';
import {
  cannotFit,
  COST,
  costWarning,
  estimateCost,
  formatIssue,
  isLarge,
  loadScenarioText,
  profileMultipliers,
  REFUSE_BYTES,
  WARN_BYTES,
  WARN_CALLS,
  type Profile,
  type Workload,
} from '../../engine/scenario/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const minutes = (n: number) => n * 60_000;

/** A workload of one kind of call (the schema's shape after defaults, as the loader gives it). */
function inboundAt(rate: { perHour: number } | { perUserPerHour: number }, profile?: Profile): Workload {
  return {
    inbound: {
      rate,
      ...(profile === undefined ? {} : { profile }),
      duration: { exponential: { mean: minutes(4) } },
      behaviour: { keys: {}, dialByName: 1, dialByExtension: 0, noInput: 0, invalidInput: 0 },
      userAnswerProbability: 1,
    },
  } as Workload;
}

describe('estimateCost: expected calls in closed form', () => {
  it('a Poisson rate: rate × hours × replications', () => {
    const e = estimateCost({ workload: inboundAt({ perHour: 12 }), horizon: 14 * DAY, replications: 5 }, 40);
    expect(e.callsPerReplication).toBeCloseTo(12 * 336, 9);
    expect(e.calls).toBeCloseTo(12 * 336 * 5, 9);
  });

  it('a per-user rate is multiplied by the users; options override replications and horizon', () => {
    const e = estimateCost({ workload: inboundAt({ perUserPerHour: 0.5 }), horizon: 14 * DAY, replications: 5 }, 40, { replications: 3, horizonMs: 2 * DAY });
    expect([e.replications, e.horizonMs]).toEqual([3, 2 * DAY]);
    expect(e.calls).toBeCloseTo(0.5 * 40 * 48 * 3, 9);
  });

  it("a profile scales the rate by its mean multiplier over the week's 168 hours", () => {
    expect(profileMultipliers('businessHours')).toEqual({ mean: (40 + 128 * 0.1) / 168, peak: 1 });
    const weekday = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 17 ? 2 : 0));
    const weekend = Array.from({ length: 24 }, () => 0.5);
    expect(profileMultipliers({ weekday, weekend })).toEqual({ mean: (5 * 16 + 2 * 12) / 168, peak: 2 });
    const e = estimateCost({ workload: inboundAt({ perHour: 12 }, 'businessHours'), horizon: 7 * DAY, replications: 1 }, 0);
    // A whole week: exactly the business hours at 12 and the rest at 1.2.
    expect(e.calls).toBeCloseTo(40 * 12 + 128 * 1.2, 9);
  });

  it('an emergency call brings its callback with the callback probability', () => {
    const workload = {
      emergency: {
        rate: { perUserPerHour: 0.001 },
        dialStrings: { '911': 1 },
        duration: { fixed: minutes(5) },
        callback: { probability: 0.3, delay: { fixed: minutes(20) }, answerProbability: 1 },
      },
    } as Workload;
    const e = estimateCost({ workload, horizon: 10 * DAY, replications: 2 }, 100);
    expect(e.calls).toBeCloseTo(0.001 * 100 * 240 * 1.3 * 2, 9);
  });

  it('comes within a few percent of the calls a run simulates', () => {
    const text = readFileSync(new URL('../fixtures/statistics/seattle-500.yaml', import.meta.url), 'utf8').replace(/^warmup: .*$/m, 'warmup: 0s');
    const loaded = loadScenarioText(text, 'seattle-500.yaml');
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    const e = estimateCost(loaded.scenario, loaded.tenant.users.length, { replications: 1, horizonMs: 14 * DAY });
    const result = runScenario(loaded, { replications: 1, horizonMs: 14 * DAY });
    const simulated = ['outbound', 'inbound', 'emergency', 'callback'].reduce((sum, kind) => sum + (result.metrics[`${kind}.calls`]?.mean ?? 0), 0);
    expect(Math.abs(simulated - e.calls) / e.calls).toBeLessThan(0.05);
  });
});

describe('estimateCost: memory and time', () => {
  it('adds the users (in the loaded tenant and each thread copy), the calls at once and the figures kept', () => {
    const base = estimateCost({ workload: {} as Workload, horizon: DAY, replications: 1 }, 0, { figures: 0 });
    expect(base.memoryBytes).toBe(COST.baseBytes);
    const users = estimateCost({ workload: {} as Workload, horizon: DAY, replications: 4 }, 1_000, { figures: 0, jobs: 2 });
    expect(users.memoryBytes - COST.baseBytes).toBe(1_000 * COST.bytesPerUser * 3);
    const figures = estimateCost({ workload: {} as Workload, horizon: DAY, replications: 1_000 }, 0, { figures: 80 });
    expect(figures.memoryBytes - COST.baseBytes).toBe(1_000 * 80 * COST.bytesPerFigure);
  });

  it("calls at once follow Little's law at the busiest hour, plus four standard deviations", () => {
    // 600 calls an hour holding 4 min of talk and the 1-minute overhead: 50 at once on average.
    const e = estimateCost({ workload: inboundAt({ perHour: 600 }), horizon: DAY, replications: 1 }, 0);
    expect(e.concurrentCalls).toBeCloseTo(50 + 4 * Math.sqrt(50), 9);
  });

  it('time is calls × the per-call cost, plus each replication and its users; threads share the wall time', () => {
    const e = estimateCost({ workload: inboundAt({ perHour: 1_000 }), horizon: 10 * DAY, replications: 4 }, 10, { jobs: 2 });
    expect(e.seconds).toBeCloseTo(240_000 * 4 * COST.secondsPerCall + 4 * (COST.secondsPerReplication + 10 * COST.secondsPerUserReplication), 9);
    expect(e.wallSeconds).toBeCloseTo(e.seconds / 2, 9);
    expect(estimateCost({ workload: inboundAt({ perHour: 1_000 }), horizon: 10 * DAY, replications: 4 }, 10, { engine: 'xstate' }).seconds).toBeGreaterThan(e.seconds * 5);
  });
});

describe('the warning and the refusal', () => {
  const sized = (calls: number, memoryBytes: number) => ({
    ...estimateCost({ workload: {} as Workload, horizon: DAY, replications: 1 }, 0),
    calls,
    callsPerReplication: calls,
    memoryBytes,
  });

  it('warns above 50 million calls or 4 GB, and says what run will refuse above 16 GB', () => {
    expect([WARN_CALLS, WARN_BYTES, REFUSE_BYTES]).toEqual([50e6, 4 * 2 ** 30, 16 * 2 ** 30]);
    expect([isLarge(sized(50e6, WARN_BYTES)), costWarning(sized(50e6, WARN_BYTES))]).toEqual([false, undefined]);
    expect(costWarning(sized(3.4e9, 1e9))).toMatch(/^a large run \(more than 50 million calls\): about 3\.4 billion calls \(3\.4 billion in each of 1 replication\), 954 MB of memory/);
    const huge = sized(1e6, 20 * 2 ** 30);
    expect([isLarge(huge), cannotFit(huge), cannotFit(sized(1e6, REFUSE_BYTES))]).toEqual([true, true, false]);
    expect(costWarning(huge)).toMatch(/more than 4 GB of memory\): .*20 GB of memory.*; callsim run refuses more than 16 GB of memory unless given --force\.$/);
  });
});
