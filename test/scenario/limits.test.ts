/**
 * What `validate` accepts, `run` can run (issue 13, item 1): each value that cannot be simulated is
 * refused when the file loads, at its line and column, with what was expected and why. Each case
 * is scenarios/seattle.yaml with one line changed, as the issue reported them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/run/index.js';
import { formatIssue, loadScenarioText, MAX_DURATION_MS, type ScenarioIssue } from '../../engine/scenario/index.js';
import { ratePerMinute } from '../../engine/runtime/credits-ledger.js';
import { emptyTenant } from '../../engine/tenant/index.js';

const seattle = readFileSync(new URL('../../scenarios/seattle.yaml', import.meta.url), 'utf8');

/** seattle.yaml with *from* replaced by *to* (which must be there). */
function changed(from: string, to: string): string {
  if (!seattle.includes(from)) throw new Error(`seattle.yaml has no ${from}`);
  return seattle.replace(from, to);
}

function load(text: string): ScenarioIssue[] {
  const result = loadScenarioText(text, 'seattle.yaml');
  return result.ok ? [] : result.issues;
}

/** The one issue loading *text* gives, as [code, line:column, path, message]. */
function oneIssue(text: string): [string, string, string, string] {
  const issues = load(text);
  expect(issues, issues.map(formatIssue).join('\n')).toHaveLength(1);
  const i = issues[0] as ScenarioIssue;
  return [i.code, `${i.line}:${i.column}`, i.path.join('.'), formatIssue(i)];
}

describe('values the simulation cannot run are refused at load, located (issue 13 reproducers)', () => {
  it('settings.callbackPool.reservation: 0s', () => {
    const [code, at, path, text] = oneIssue(changed('reservation: 60m }', 'reservation: 0s }'));
    expect([code, at, path]).toEqual(['too_small', '149:69', 'settings.callbackPool.reservation']);
    expect(text).toMatch(/expected a duration longer than 0s; an emergency call reserves its callback number/);
  });

  it('a per-minute rate of 1e308', () => {
    const [code, at, path, text] = oneIssue(changed('ratesPerMinute: { US: 0.02,', 'ratesPerMinute: { US: 1e308,'));
    expect([code, at, path]).toEqual(['too_big', '71:27', 'tenant.credits.ratesPerMinute.US']);
    expect(text).toMatch(/expected a number <= 10000; /);
  });

  it('an outbound lognormal with sigma 30: its 1-in-a-million draw is past a century', () => {
    const [code, at, path, text] = oneIssue(changed('sigma: 0.8', 'sigma: 30'));
    expect([code, at, path]).toEqual(['too_big', '129:49', 'workload.outbound.duration.lognormal.sigma']);
    expect(text).toMatch(/1-in-a-million draw is at most 100 years \(36525d\); with median 3m and sigma 30 it is .* years.*sigma can be at most 3\.5$/);
  });

  it('destinations: { constructor: 1 } with no default rate: the key is data, not Object.prototype.constructor', () => {
    const text = changed('destinations: { US: 0.9, GB: 0.1 }', 'destinations: { constructor: 1 }').replace(
      'ratesPerMinute: { US: 0.02, default: 0.10 }',
      'ratesPerMinute: { US: 0.02 }',
    );
    const [code, at, path, message] = oneIssue(text);
    expect([code, at, path]).toEqual(['unknown_reference', '131:34', 'workload.outbound.destinations.constructor']);
    expect(message).toMatch(/no rate for it and no default/);
  });

  it('settings.attendant.maxMenuAttempts: 1000000000 (at most 100, and why)', () => {
    const [code, at, path, text] = oneIssue(changed('maxMenuAttempts: 3,', 'maxMenuAttempts: 1000000000,'));
    expect([code, at, path]).toEqual(['too_big', '151:33', 'settings.attendant.maxMenuAttempts']);
    expect(text).toMatch(/expected a number <= 100; a caller who gives no valid input 100 times has hung up/);
    expect(load(changed('maxMenuAttempts: 3,', 'maxMenuAttempts: 100,'))).toEqual([]);
  });

  it('inbound.rate: { perHour: 1e308 }', () => {
    const [code, at, path, text] = oneIssue(changed('rate: { perHour: 12 }', 'rate: { perHour: 1e308 }'));
    expect([code, at, path]).toEqual(['too_big', '133:22', 'workload.inbound.rate.perHour']);
    expect(text).toMatch(/expected a number <= 3600000; more than one call a millisecond/);
  });

  it('workload.emergency.rate: { perUserPerHour: 1e308 } (validate used to end with an internal error)', () => {
    const [code, at, path] = oneIssue(changed('rate: { perUserPerHour: 0.0002 }', 'rate: { perUserPerHour: 1e308 }'));
    expect([code, at, path]).toEqual(['too_big', '143:29', 'workload.emergency.rate.perUserPerHour']);
  });

  it('five users entries of generate: 1000000: refused at the entry past a million, before any is made', () => {
    const entry = (i: number) =>
      `    - generate: 1000000\n      template: { upn: "u${i}-{n}@contoso.com", givenName: U, surname: "{n}", licences: [TeamsPhone], groups: [seattle-users] }\n`;
    const text = changed('  resourceAccounts:\n', `${[0, 1, 2, 3, 4].map(entry).join('')}\n  resourceAccounts:\n`);
    const started = Date.now();
    const [code, at, path, message] = oneIssue(text);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect([code, at, path]).toEqual(['too_big', '58:17', 'tenant.users.1.generate']);
    expect(message).toMatch(/expected at most 1,000,000 users in all, declared and generated; with this entry there are 1,000,040 \(and more after it\)/);
  });
});

describe('the bounds, at and past their edges', () => {
  it('a rate is bounded at the busiest hour with its users and profile, not only as written', () => {
    // 100,000 calls a user-hour is within perUserPerHour's own bound; times 40 users it is not.
    const [code, , path, text] = oneIssue(changed('rate: { perUserPerHour: 0.5 }', 'rate: { perUserPerHour: 100000 }'));
    expect([code, path]).toEqual(['too_big', 'workload.outbound.rate.perUserPerHour']);
    expect(text).toMatch(/at most 3,600,000 calls an hour at the busiest hour .*; perUserPerHour 100000 × 40 users is 4000000$/);
    expect(load(changed('rate: { perUserPerHour: 0.5 }', 'rate: { perUserPerHour: 90000 }'))).toEqual([]);
  });

  it('a rate so small it is 0 in all but name is refused (write 0); 0 itself is fine', () => {
    const [code, , path, text] = oneIssue(changed('rate: { perHour: 12 }', 'rate: { perHour: 1e-300 }'));
    expect([code, path]).toEqual(['too_small', 'workload.inbound.rate.perHour']);
    expect(text).toMatch(/the profile's mean multiplier 0\.314 is 3\.14e-301: write 0 for no calls$/);
    expect(load(changed('rate: { perHour: 12 }', 'rate: { perHour: 0 }'))).toEqual([]);
  });

  it('durations are at most 100 years, the horizon included', () => {
    expect(load(changed('horizon: 14d', 'horizon: 36525d'))).toEqual([]);
    const [code, at, path, text] = oneIssue(changed('horizon: 14d', 'horizon: 36526d'));
    expect([code, at, path]).toEqual(['too_big', '17:10', 'horizon']);
    expect(text).toMatch(/expected a duration of at most 100 years \(36525d\); simulated time is whole milliseconds/);
    expect(oneIssue(changed('horizon: 14d', `horizon: ${'9'.repeat(400)}w`))[0]).toBe('too_big');
    expect(MAX_DURATION_MS).toBe(36_525 * 86_400_000);
  });

  it('an exponential whose 1-in-a-million draw is past a century names the largest mean', () => {
    const [code, , path, text] = oneIssue(changed('{ exponential: { mean: 4m } }', '{ exponential: { mean: 2644d } }'));
    expect([code, path]).toEqual(['too_big', 'workload.inbound.duration.exponential.mean']);
    expect(text).toMatch(/expected a mean of at most 2643d\d+h\d+m\d+s, so that a draw exceeds 100 years/);
    expect(load(changed('{ exponential: { mean: 4m } }', '{ exponential: { mean: 2643d } }'))).toEqual([]);
  });

  it('a uniform with min above max, and an empirical table with nothing to draw', () => {
    expect(oneIssue(changed('{ uniform: { min: 2m, max: 10m } }', '{ uniform: { min: 10m, max: 2m } }')).slice(0, 3)).toEqual([
      'too_small',
      '145:43',
      'workload.emergency.duration.uniform.max',
    ]);
    const [code, , path, text] = oneIssue(changed('{ exponential: { mean: 4m } }', '{ empirical: [{ value: 1m, weight: 0 }] }'));
    expect([code, path]).toEqual(['custom', 'workload.inbound.duration.empirical']);
    expect(text).toMatch(/expected at least one value with a weight above 0/);
  });

  it('money within a billion, weights within 1e12', () => {
    expect(oneIssue(changed('balance: 50', 'balance: -1e308')).slice(0, 3)).toEqual(['too_small', '69:14', 'tenant.credits.balance']);
    expect(oneIssue(changed('amount: 50,', 'amount: 1e10,'))[2]).toBe('tenant.credits.autoRecharge.amount');
    expect(oneIssue(changed('dialByName: 0.4', 'dialByName: 1e308'))[2]).toBe('workload.inbound.behaviour.dialByName');
  });
});

describe('data keys are read as data', () => {
  it('ratePerMinute does not find Object.prototype members for a country', () => {
    const credits = { ...emptyTenant().credits, ratesPerMinute: { US: 0.02 } };
    for (const country of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(() => ratePerMinute(credits, country)).toThrow(/No rate for/);
    }
    expect(ratePerMinute({ ...credits, ratesPerMinute: { US: 0.02, default: 0.1 } }, 'constructor')).toBe(0.1);
    expect(ratePerMinute({ ...credits, ratesPerMinute: { constructor: 0.3, default: 0.1 } }, 'constructor')).toBe(0.3);
  });

  it('a destination named constructor with a default rate runs, billed at the default', () => {
    const text = changed('destinations: { US: 0.9, GB: 0.1 }', 'destinations: { constructor: 1 }').replace('horizon: 14d', 'horizon: 3d');
    const loaded = loadScenarioText(text, 'seattle.yaml');
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    const result = runScenario(loaded, { replications: 1 });
    expect(result.metrics['credits.spent']?.mean).toBeGreaterThan(0);
  });
});
