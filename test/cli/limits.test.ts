/**
 * Issue 13's reproducers through the commands: each is scenarios/seattle.yaml with one line
 * changed, and `validate` and `run` each end in seconds with exit 2 and a located message, never
 * an internal error. Then the cost estimate: validate's warning and its --json figures, run's
 * warning and its refusal of a run that cannot fit in memory.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const seattle = readFileSync(new URL('../../scenarios/seattle.yaml', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'callsim-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** seattle.yaml with each [from, to] replaced, written to *name*. */
function variant(name: string, ...changes: [string, string][]): string {
  let text = seattle;
  for (const [from, to] of changes) {
    if (!text.includes(from)) throw new Error(`seattle.yaml has no ${from}`);
    text = text.replace(from, to);
  }
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const generated = (i: number) =>
  `    - generate: 1000000\n      template: { upn: "u${i}-{n}@contoso.com", givenName: U, surname: "{n}", licences: [TeamsPhone], groups: [seattle-users] }\n`;

const REPRODUCERS: [name: string, changes: [string, string][], located: RegExp][] = [
  ['reservation.yaml', [['reservation: 60m }', 'reservation: 0s }']], /:149:69: too_small: settings\.callbackPool\.reservation: expected a duration longer than 0s/],
  ['rate-per-minute.yaml', [['ratesPerMinute: { US: 0.02,', 'ratesPerMinute: { US: 1e308,']], /:71:27: too_big: tenant\.credits\.ratesPerMinute\.US: expected a number <= 10000/],
  ['sigma.yaml', [['sigma: 0.8', 'sigma: 30']], /:129:49: too_big: workload\.outbound\.duration\.lognormal\.sigma: expected a distribution whose 1-in-a-million draw/],
  [
    'constructor.yaml',
    [
      ['destinations: { US: 0.9, GB: 0.1 }', 'destinations: { constructor: 1 }'],
      ['ratesPerMinute: { US: 0.02, default: 0.10 }', 'ratesPerMinute: { US: 0.02 }'],
    ],
    /:131:34: unknown_reference: outbound calls go to constructor, but tenant\.credits\.ratesPerMinute has no rate for it and no default/,
  ],
  ['menu-attempts.yaml', [['maxMenuAttempts: 3,', 'maxMenuAttempts: 1000000000,']], /:151:33: too_big: settings\.attendant\.maxMenuAttempts: expected a number <= 100; /],
  ['inbound-rate.yaml', [['rate: { perHour: 12 }', 'rate: { perHour: 1e308 }']], /:133:22: too_big: workload\.inbound\.rate\.perHour: expected a number <= 3600000/],
  ['emergency-rate.yaml', [['rate: { perUserPerHour: 0.0002 }', 'rate: { perUserPerHour: 1e308 }']], /:143:29: too_big: workload\.emergency\.rate\.perUserPerHour: /],
  ['users.yaml', [['  resourceAccounts:\n', `${[0, 1, 2, 3, 4].map(generated).join('')}\n  resourceAccounts:\n`]], /:58:17: too_big: tenant\.users\[1\]\.generate: expected at most 1,000,000 users in all/],
];

describe('the reproducers of issue 13 end in seconds with a located message', () => {
  for (const [name, changes, located] of REPRODUCERS) {
    it(`${name}: validate, run, trace and compare exit 2 at the value`, async () => {
      const file = variant(name, ...changes);
      const started = Date.now();
      const validated = await runCli('validate', file);
      const ran = await runCli('run', file);
      const traced = await runCli('trace', file);
      const compared = await runCli('compare', 'scenarios/seattle.yaml', file);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect([validated.code, validated.stdout]).toEqual([2, expect.stringMatching(located)]);
      for (const r of [ran, traced, compared]) expect([r.code, r.stdout, r.stderr]).toEqual([2, '', expect.stringMatching(located)]);
      expect(validated.stdout + ran.stderr + traced.stderr + compared.stderr).not.toMatch(/internal error/);
    });
  }
});

describe('the cost estimate', () => {
  it('validate warns about a large run with the estimate, and the exit code stays 0', async () => {
    const file = variant('million-replications.yaml', ['replications: 5', 'replications: 1000000']);
    const r = await runCli('validate', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^warning: a large run \(more than 50 million calls and more than 4 GB of memory\): about 3\.4 billion calls \(3,3\d\d in each of 1 million replications\), 4\.\d GB of memory at the peak \(40 users, \d+ calls at once\), and \d\.\d hours\. /m,
    );
  });

  it('validate --json gives the estimate, with no warning for a small run', async () => {
    const r = await runCli('validate', 'scenarios/seattle.yaml', '--json');
    const report = JSON.parse(r.stdout) as { estimate: { calls: number; callsPerReplication: number; memoryBytes: number; warning: string | null } };
    // outbound 0.5 × 40 users and inbound 12 an hour, both at the business-hours mean 52.8/168, plus
    // emergency 0.0002 × 40 an hour with 30% callbacks; 336 hours, 5 replications.
    const perHour = (0.5 * 40 + 12) * (52.8 / 168) + 0.0002 * 40 * 1.3;
    expect(report.estimate.callsPerReplication).toBe(Math.round(perHour * 336));
    expect(report.estimate.calls).toBe(Math.round(perHour * 336 * 5));
    expect(report.estimate.warning).toBeNull();
    expect(report.estimate.memoryBytes).toBeLessThan(200e6);
  });

  it('run warns, and refuses what cannot fit in memory unless --force, before any output file', async () => {
    const json = join(dir, 'never.json');
    const r = await runCli('run', 'scenarios/seattle.yaml', '--replications', '100000000', '--json', json);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^warning: a large run \(more than 50 million calls and more than 4 GB of memory\): about 340 billion calls/);
    expect(r.stderr).toMatch(
      /\ncallsim run: refused: the run would need about \d+ GB of memory, more than 16 GB; give fewer --replications, a shorter --horizon or fewer --jobs, or --force to run it anyway\.\n$/,
    );
    expect(existsSync(json)).toBe(false);
  });

  it('run refuses a horizon past 100 years as an option error', async () => {
    const r = await runCli('run', 'scenarios/seattle.yaml', '--horizon', '36526d');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/argument '36526d' is invalid\. expected a duration such as 30d, 12h or 90m; at most 100 years \(36525d\)\./);
  });

  it('run --help tells of the estimate, the warning, --force and the progress bar', async () => {
    const r = await runCli('run', '--help');
    expect(r.stdout).toMatch(/--force +run even what the estimate says cannot fit in memory/);
    expect(r.stdout).toMatch(/Above 50 million\s+calls or 4 GB it prints a warning with the estimate; above 16 GB it refuses unless --force\./);
    expect(r.stdout).toMatch(/a run expected to take more than about 2 s draws a progress bar on stderr/);
  });
});
