/**
 * What `validate` accepts, `run` can run: a property test (issue 13, item 1). A seeded generator
 * makes scenario files from a small valid one with a few values set at or beyond their edges (0,
 * 1e-300, the bounds and one past them, 1e308, Infinity, NaN, keys such as `constructor`). Each
 * must load without throwing; each the loader refuses has every issue located; and each it
 * accepts must get its findings, notes and cost estimate, and run a short horizon to the end.
 *
 * The run's horizon is short in calls, not only in time: a day, or less when the rates are high,
 * so that no case simulates more than about 5,000 calls. The generator is seedrandom's Alea (a
 * dependency already), seeded per case, so a failure names the case that reproduces it.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { metricNames, runScenario } from '../../engine/run/index.js';
import { estimateCost, formatIssue, loadScenarioText, scenarioFindings, workloadNotes } from '../../engine/scenario/index.js';

const DAY = 86_400_000;
/** CALLSIM_PROPERTY_CASES=5000 explores further (case n is the same whatever the count). */
const CASES = Number(process.env.CALLSIM_PROPERTY_CASES ?? 400);
/** Calls a case may simulate, about: the run's horizon is cut to keep to it. */
const CALLS_PER_CASE = 5_000;

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

// ---------------------------------------------------------------- values at and past the edges

const RATES = [0, -1, -0, 1e-300, 1e-10, 1e-9, 2e-9, 0.001, 0.5, 12, 1_000, 3_600_000, 3_600_001, 1e308, Infinity, NaN];
const DURATIONS: unknown[] = ['0s', '0', '1s', '90s', '4m', '1h30m', '14d', '2643d', '2644d', '36525d', '36526d', '5218w', '99999999999999999999w', '-1s', '1.5h', 5, ''];
const SIGMAS = [0, -1, 1e-9, 0.1, 0.8, 3.4, 3.6, 30, 1e308, Infinity];
const PROBABILITIES = [0, -0.1, 0.3, 1, 1.0000001, NaN];
const WEIGHTS = [0, -1, 1e-300, 0.4, 1, 1e12, 1e13, 1e308];
const MONEY = [-1e10, -1e9, 0, 50, 1e9, 1e10, 1e308, -Infinity];
const PER_MINUTE = [0, 0.02, 10_000, 10_001, 1e308];
const MULTIPLIERS = [0, 1e-300, 0.1, 1, 1e6, 1e308];
const COUNTRIES = ['US', 'GB', 'FR', 'constructor', 'toString', 'hasOwnProperty', '__proto__', 'default'];
const DIAL_STRINGS = ['911', '933', '112', 'constructor'];
const KEYS = ['0', '1', '9', '*', '#', 'constructor'];

function weights(random: Random, keys: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of keys) if (random() < 0.5) Object.defineProperty(out, key, { value: pick(random, WEIGHTS), enumerable: true, writable: true, configurable: true });
  return out;
}

function distribution(random: Random): unknown {
  const d = () => pick(random, DURATIONS);
  switch (pick(random, ['exponential', 'fixed', 'uniform', 'lognormal', 'empirical'])) {
    case 'exponential':
      return { exponential: { mean: d() } };
    case 'fixed':
      return { fixed: d() };
    case 'uniform':
      return { uniform: { min: d(), max: d() } };
    case 'lognormal':
      return { lognormal: { median: d(), sigma: pick(random, SIGMAS) } };
    default:
      return { empirical: [{ value: d(), weight: pick(random, WEIGHTS) }, ...(random() < 0.5 ? [{ value: d(), weight: pick(random, WEIGHTS) }] : [])] };
  }
}

function profile(random: Random): unknown {
  switch (pick(random, ['none', 'businessHours', 'hourOfWeek', 'weekdays'])) {
    case 'none':
      return undefined;
    case 'businessHours':
      return 'businessHours';
    case 'hourOfWeek':
      return { hourOfWeek: Array.from({ length: 168 }, () => pick(random, MULTIPLIERS)) };
    default:
      return { weekday: Array.from({ length: 24 }, () => pick(random, MULTIPLIERS)), weekend: Array.from({ length: 24 }, () => pick(random, MULTIPLIERS)) };
  }
}

const rate = (random: Random) => (random() < 0.5 ? { perHour: pick(random, RATES) } : { perUserPerHour: pick(random, RATES) });

// ---------------------------------------------------------------- the scenario

/** A small scenario that loads and runs: a Shared Calling tenant with an attendant menu and a pool of two. */
function base(users: number): Record<string, any> {
  return {
    version: 1,
    name: 'property',
    seed: 7,
    start: '2026-03-02T00:00:00-08:00',
    horizon: '2d',
    warmup: '0s',
    replications: 1,
    tenant: {
      locations: [{ id: 'hq', address: { houseNumber: '1', street: 'Main St', city: 'Seattle', state: 'WA', postalCode: '98101', country: 'US' } }],
      numbers: [
        { number: '+14255550100', type: 'CallingPlan', usage: 'Service', country: 'US', location: 'hq' },
        { number: '+14255556789', type: 'CallingPlan', usage: 'Subscriber', country: 'US', location: 'hq' },
        { number: '+14255554321', type: 'CallingPlan', usage: 'Subscriber', country: 'US', location: 'hq' },
      ],
      groups: [{ id: 'staff', name: 'Staff' }],
      users: [
        { upn: 'alice@contoso.com', givenName: 'Alice', surname: 'A', extension: '101', licences: ['TeamsPhone'], groups: ['staff'] },
        ...(users > 0 ? [{ generate: users, width: 3, template: { upn: 'u{n}@contoso.com', givenName: 'U', surname: '{n}', extension: '2{n}', licences: ['TeamsPhone'], groups: ['staff'] } }] : []),
      ],
      resourceAccounts: [
        {
          upn: 'main@contoso.com',
          type: 'AutoAttendant',
          licences: ['TeamsPhoneResourceAccount', 'PayAsYouGoCallingPlan', 'CommunicationsCredits'],
          number: '+14255550100',
          autoAttendant: 'main',
        },
      ],
      credits: { balance: 50, autoRecharge: { threshold: 10, amount: 50, failureProbability: 0 }, ratesPerMinute: { US: 0.02, default: 0.1 } },
      autoAttendants: [
        {
          id: 'main',
          name: 'Main',
          timeZone: 'America/Los_Angeles',
          businessHours: { Monday: [{ start: '09:00', end: '17:00' }] },
          defaultCallFlow: {
            then: {
              menu: {
                directorySearch: 'ByName',
                options: [
                  { key: '1', action: 'TransferCallToTarget', target: { type: 'User', id: 'alice@contoso.com' } },
                  { key: '0', action: 'TransferCallToOperator' },
                ],
              },
            },
          },
          operator: { type: 'User', id: 'alice@contoso.com' },
        },
      ],
      policies: {
        voiceRouting: [{ identity: 'NoPstn', onlinePstnUsages: [] }],
        emergencyCallRouting: [{ identity: 'Em', emergencyNumbers: [{ dialString: '911' }, { dialString: '933' }] }],
        sharedCalling: [{ identity: 'Seattle', resourceAccount: 'main@contoso.com', emergencyNumbers: ['+14255556789', '+14255554321'] }],
        grants: [
          { policyType: 'SharedCalling', policy: 'Seattle', group: 'staff', rank: 1 },
          { policyType: 'VoiceRouting', policy: 'NoPstn', group: 'staff', rank: 1 },
          { policyType: 'EmergencyCallRouting', policy: 'Em', group: 'staff', rank: 1 },
        ],
      },
    },
    workload: {
      outbound: { rate: { perUserPerHour: 0.5 }, duration: { lognormal: { median: '3m', sigma: 0.8 } }, answerProbability: 0.8, destinations: { US: 0.9, GB: 0.1 } },
      inbound: {
        rate: { perHour: 12 },
        duration: { exponential: { mean: '4m' } },
        behaviour: { keys: { '1': 0.4, '0': 0.1 }, dialByName: 0.3, dialByExtension: 0.1, noInput: 0.05, invalidInput: 0.05 },
        userAnswerProbability: 0.7,
      },
      emergency: {
        rate: { perUserPerHour: 0.01 },
        dialStrings: { '911': 0.95, '933': 0.05 },
        duration: { uniform: { min: '2m', max: '10m' } },
        callback: { probability: 0.3, delay: { exponential: { mean: '20m' } } },
      },
    },
    settings: { callbackPool: { reservation: '60m' }, attendant: { maxMenuAttempts: 3, inputTimeout: '5s' } },
    timeline: [{ at: '1d', do: 'Set-CsTeamsSharedCallingRoutingPolicy', Identity: 'Seattle', EmergencyNumbers: { remove: ['+14255554321'] } }],
  };
}

/** The changes a case may make, each setting one value at or past an edge. */
const MUTATIONS: ((s: Record<string, any>, random: Random) => void)[] = [
  (s, r) => (s.horizon = pick(r, DURATIONS)),
  (s, r) => (s.warmup = pick(r, DURATIONS)),
  (s, r) => (s.start = pick(r, ['2026-03-02T00:00:00-08:00', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59+14:00', '2026-10-25T01:30:00+01:00'])),
  (s, r) => (s.timeZone = pick(r, ['UTC', 'Pacific/Kiritimati', 'Australia/Lord_Howe', 'Europe/London'])),
  (s, r) => (s.replications = pick(r, [1, 2, 1e6, 0, 2 ** 53])),
  (s, r) => (s.workload.outbound.rate = rate(r)),
  (s, r) => (s.workload.inbound.rate = rate(r)),
  (s, r) => (s.workload.emergency.rate = rate(r)),
  (s, r) => (s.workload.outbound.profile = profile(r)),
  (s, r) => (s.workload.inbound.profile = profile(r)),
  (s, r) => (s.workload.emergency.profile = profile(r)),
  (s, r) => (s.workload.outbound.duration = distribution(r)),
  (s, r) => (s.workload.inbound.duration = distribution(r)),
  (s, r) => (s.workload.emergency.duration = distribution(r)),
  (s, r) => (s.workload.emergency.callback.delay = distribution(r)),
  (s, r) => (s.workload.emergency.callback.probability = pick(r, PROBABILITIES)),
  (s, r) => (s.workload.emergency.callback.answerProbability = pick(r, PROBABILITIES)),
  (s, r) => (s.workload.outbound.answerProbability = pick(r, PROBABILITIES)),
  (s, r) => (s.workload.inbound.userAnswerProbability = pick(r, PROBABILITIES)),
  (s, r) => (s.workload.outbound.destinations = weights(r, COUNTRIES)),
  (s, r) => (s.workload.emergency.dialStrings = weights(r, DIAL_STRINGS)),
  (s, r) => (s.workload.inbound.behaviour.keys = weights(r, KEYS)),
  (s, r) => (s.workload.inbound.behaviour[pick(r, ['dialByName', 'dialByExtension', 'noInput', 'invalidInput'])] = pick(r, WEIGHTS)),
  (s, r) => (s.workload.inbound.behaviour = { keys: {} }),
  (s, r) => (s.workload.inbound.behaviour.targetUsers = pick(r, [[], ['alice@contoso.com'], ['u001@contoso.com', 'alice@contoso.com']])),
  // Left out after the other changes (scenarioCase), which may still reach into it.
  (s, r) => (s.leaveOut = pick(r, ['outbound', 'inbound', 'emergency'])),
  (s, r) => (s.tenant.credits.balance = pick(r, MONEY)),
  (s, r) => (s.tenant.credits.autoRecharge = pick(r, [null, { threshold: pick(r, MONEY), amount: pick(r, MONEY), failureProbability: pick(r, PROBABILITIES) }])),
  (s, r) => (s.tenant.credits.ratesPerMinute = Object.fromEntries(COUNTRIES.filter(() => r() < 0.4).map((c) => [c, pick(r, PER_MINUTE)]))),
  (s, r) => (s.tenant.credits.tollFreeInboundRatePerMinute = pick(r, PER_MINUTE)),
  (s, r) => (s.tenant.credits.postpaidOverage = r() < 0.5),
  (s, r) => (s.settings.callbackPool.reservation = pick(r, DURATIONS)),
  (s, r) => (s.settings.callbackPool.selection = pick(r, ['first-free', 'round-robin'])),
  (s, r) => (s.settings.callbackPool.reuse = pick(r, ['first', 'oldest'])),
  (s, r) => (s.settings.attendant.maxMenuAttempts = pick(r, [0, 1, 3, 100, 101, 1e9, 2.5])),
  (s, r) => (s.settings.attendant.inputTimeout = pick(r, DURATIONS)),
  (s, r) => (s.settings.channelCap = pick(r, [null, -1, 0, 1, 5, 1e6, 2 ** 53])),
  (s, r) => (s.settings.callbackWithoutReservation = pick(r, ['auto-attendant', 'not-in-service'])),
  (s, r) => (s.settings.testCalls = { dialStrings: pick(r, [[], ['933'], ['911']]), treatAsEmergency: r() < 0.5 }),
  (s, r) => (s.timeline[0].at = pick(r, DURATIONS)),
  (s) => (s.tenant.policies.sharedCalling[0].emergencyNumbers = []),
  (s) => (s.tenant.autoAttendants[0].defaultCallFlow.then = 'disconnect'),
];

/** Case *n*: the base with a few values (up to four) at or past their edges. */
function scenarioCase(n: number): string {
  const random = seedrandom.alea(`callsim-property/${n}`);
  const s = base(pick(random, [0, 3, 40]));
  const changes = Math.floor(random() * 5);
  for (let i = 0; i < changes; i++) pick(random, MUTATIONS)(s, random);
  if (s.leaveOut !== undefined) delete s.workload[s.leaveOut];
  delete s.leaveOut;
  return stringify(s);
}

describe('what validate accepts, run can run (property test)', () => {
  it(`${CASES} scenarios with values at and past their edges: each loads, and each accepted one runs`, () => {
    let accepted = 0;
    for (let n = 0; n < CASES; n++) {
      const text = scenarioCase(n);
      const where = `case ${n} (scenarioCase(${n}) in test/scenario/property.test.ts):\n${text}`;
      let loaded: ReturnType<typeof loadScenarioText>;
      try {
        loaded = loadScenarioText(text, `case-${n}.yaml`);
      } catch (error) {
        throw new Error(`the loader threw on ${where}`, { cause: error });
      }
      if (!loaded.ok) {
        // Refused: every issue says where and what.
        for (const issue of loaded.issues) {
          expect(issue.line >= 1 && issue.column >= 1 && issue.code !== '' && issue.message !== '', `${formatIssue(issue)} in ${where}`).toBe(true);
        }
        continue;
      }
      accepted++;
      try {
        // What validate does with it: findings, notes, the metric names of `expect`, the estimate.
        scenarioFindings(loaded.scenario, loaded.tenant);
        workloadNotes(loaded.scenario, loaded.tenant);
        metricNames(loaded.tenant);
        const estimate = estimateCost(loaded.scenario, loaded.tenant.users.length);
        for (const value of [estimate.calls, estimate.memoryBytes, estimate.seconds, estimate.concurrentCalls]) {
          expect(Number.isFinite(value) && value >= 0, `estimate ${JSON.stringify(estimate)} of ${where}`).toBe(true);
        }
        // A day, or as much of one as holds about CALLS_PER_CASE calls.
        const callsPerMs = estimate.callsPerReplication / loaded.scenario.horizon;
        const horizonMs = Math.max(1, Math.min(loaded.scenario.horizon, DAY, Math.floor(CALLS_PER_CASE / Math.max(callsPerMs, 1e-12))));
        const result = runScenario(loaded, { replications: 1, horizonMs });
        expect(result.replications).toBe(1);
      } catch (error) {
        throw new Error(`an accepted scenario failed: ${error instanceof Error ? error.message : String(error)}\n${where}`, { cause: error });
      }
    }
    // The generator must reach the run often enough for the property to mean something.
    if (process.env.CALLSIM_PROPERTY_CASES !== undefined) console.log(`${accepted} of ${CASES} accepted and run`);
    expect(accepted).toBeGreaterThan(CASES / 4);
  });
});
