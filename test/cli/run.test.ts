import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { smallScenario, outboundWorkload, toYaml, type ScenarioObject } from '../fixtures/run/small-tenant.js';
import { runCli } from './run-cli.js';

const FIXTURE = 'test/fixtures/run/small-office.yaml';
const dir = mkdtempSync(join(tmpdir(), 'callsim-run-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let written = 0;
function scenarioFile(change: (s: ScenarioObject) => void): string {
  const s = smallScenario();
  s.workload = { outbound: outboundWorkload() };
  change(s);
  const file = join(dir, `scenario-${written++}.yaml`);
  writeFileSync(file, toYaml(s));
  return file;
}

const outputs = (name: string): { json: string; calls: string } => ({ json: join(dir, `${name}.json`), calls: join(dir, `${name}.csv`) });

const STACK_FRAME = /\n\s+at /;

describe('callsim run exit codes', () => {
  it('exits 0 and prints the summary with each expectation when every expectation passes', async () => {
    const { code, stdout, stderr } = await runCli('run', FIXTURE, '--no-progress');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Small office, every kind of call\n {2}seed 7, 2 replications of .+ warm-up; mean over replications/);
    expect(stdout).toContain('\nExpectations\n  pass outbound.outcome.OUT006 = 0\n  pass outbound.calls = ');
    expect(stderr).toBe(`note: the tenant has 0 error and 1 warning findings (callsim validate ${FIXTURE}); the run shows what they do.\n`);
  });

  it('exits 1 when an expectation fails, naming it and why', async () => {
    const file = scenarioFile((s) => (s.expect = [{ metric: 'outbound.calls', max: 0 }, { metric: 'outbound.outcome.OUT002', equals: 0 }]));
    const { code, stdout } = await runCli('run', file);
    expect(code).toBe(1);
    expect(stdout).toMatch(/\n {2}FAIL outbound\.calls: outbound\.calls = \d+ is above the maximum 0\n/);
    expect(stdout).toContain('\n  pass outbound.outcome.OUT002 = 0\n');
  });

  it('exits 2 before running when an expectation names a metric that does not exist', async () => {
    const file = scenarioFile((s) => (s.expect = [{ metric: 'outbound.outcome.OUT999', max: 0 }]));
    const { code, stdout, stderr } = await runCli('run', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/:\d+:\d+: unknown_metric: no metric named outbound\.outcome\.OUT999; did you mean outbound\.outcome\.OUT00\d\?/);
  });

  it('lets through the figures of a callback pool a timeline may still create', async () => {
    const file = scenarioFile((s) => (s.expect = [{ metric: 'callbackPool.Later.size', max: 5 }]));
    const { code, stdout } = await runCli('run', file);
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL callbackPool.Later.size: no metric named callbackPool.Later.size');
  });

  it('exits 2 for a missing file, saying so in one line', async () => {
    const { code, stdout, stderr } = await runCli('run', join(dir, 'no-such.yaml'));
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/no-such\.yaml:1:1: file_unreadable: cannot read .*no-such\.yaml: no such file/);
    expect(stderr).not.toMatch(STACK_FRAME);
  });

  it('exits 2 for a scenario with issues, listing them', async () => {
    const { code, stdout, stderr } = await runCli('run', 'test/fixtures/scenarios/unknown-key.yaml');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain('test/fixtures/scenarios/unknown-key.yaml:58:7: unrecognized_keys: unknown key "phoneNumber"');
    expect(stderr).toContain('test/fixtures/scenarios/unknown-key.yaml: the scenario cannot be run until these are fixed\n');
  });

  it.each([
    ['--seed', '-1', '--seed must be a whole number >= 0'],
    ['--seed', 'abc', '--seed must be a whole number >= 0'],
    ['--seed', '1.5', '--seed must be a whole number >= 0'],
    ['--replications', '0', '--replications must be a whole number >= 1'],
    ['--horizon', 'soon', 'expected a duration such as 30d'],
    ['--horizon', '0', 'expected a duration such as 30d'],
  ])('exits 2 for %s %s without a stack trace, writing no files', async (option, value, message) => {
    const out = outputs(`bad-${option}-${value}`);
    const { code, stdout, stderr } = await runCli('run', FIXTURE, option, value, '--json', out.json, '--calls', out.calls);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect([existsSync(out.json), existsSync(out.calls)]).toEqual([false, false]);
  });
});

describe('callsim run output files', () => {
  it('writes the --json results document whole', async () => {
    const out = outputs('whole');
    const { code } = await runCli('run', FIXTURE, '--json', out.json, '--seed', '3');
    expect(code).toBe(0);
    const doc = JSON.parse(readFileSync(out.json, 'utf8'));
    expect(Object.keys(doc)).toEqual([
      'format',
      'formatVersion',
      'scenario',
      'seed',
      'replications',
      'horizonMs',
      'warmupMs',
      'confidenceLevel',
      'metrics',
      'timeline',
      'expectations',
      'series',
    ]);
    expect(doc).toMatchObject({
      format: 'callsim-results',
      formatVersion: 2,
      scenario: { name: 'Small office, every kind of call', file: FIXTURE },
      seed: 3,
      replications: 2,
      horizonMs: 86_400_000,
      warmupMs: 7_200_000,
      confidenceLevel: 0.95,
      timeline: [],
    });
    expect(Object.keys(doc.metrics['outbound.calls'])).toEqual(['mean', 'halfWidth', 'lower', 'upper', 'n', 'values']);
    expect(doc.metrics['outbound.calls'].values).toHaveLength(2);
    expect(doc.expectations.map((e: { metric: string; passed: boolean }) => [e.metric, e.passed])).toEqual([
      ['outbound.outcome.OUT006', true],
      ['outbound.calls', true],
    ]);
  });

  it('writes one --calls record per counted call, after the header', async () => {
    const out = outputs('calls');
    const { code } = await runCli('run', FIXTURE, '--calls', out.calls, '--json', out.json);
    expect(code).toBe(0);
    const doc = JSON.parse(readFileSync(out.json, 'utf8'));
    const lines = readFileSync(out.calls, 'utf8').split('\n');
    expect(lines[0]).toBe('replication,call,kind,start_ms,end_ms,start,caller,outcome,reason,details');
    expect(lines.at(-1)).toBe('');
    const counted = ['outbound', 'inbound', 'emergency', 'callback']
      .flatMap((kind) => doc.metrics[`${kind}.calls`].values as number[])
      .reduce((a, b) => a + b, 0);
    expect(lines.length - 2).toBe(counted);
    expect(lines[1]).toMatch(/^0,\d+,(outbound|inbound|emergency|callback),\d+,\d+,2026-03-0\dT\d\d:\d\d:\d\d\.\d{3}Z,[^,]*,[A-Z]{3}\d{3},/);
  });

  it('writes the --json document when an expectation fails', async () => {
    const out = outputs('failing');
    const file = scenarioFile((s) => (s.expect = [{ metric: 'outbound.calls', max: 0 }]));
    const { code } = await runCli('run', file, '--json', out.json);
    expect(code).toBe(1);
    expect(JSON.parse(readFileSync(out.json, 'utf8')).expectations[0]).toMatchObject({ metric: 'outbound.calls', max: 0, passed: false });
  });

  it('writes neither file, nor leaves a temporary one, when one of them cannot be written', async () => {
    const out = outputs('unwritable');
    const { code, stderr } = await runCli('run', FIXTURE, '--calls', out.calls, '--json', join(dir, 'missing-dir', 'r.json'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^callsim run: .*missing-dir/m);
    expect(stderr).not.toMatch(STACK_FRAME);
    expect(existsSync(out.calls)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('docs/results-format.md', () => {
  it('describes every metric of a run with every kind of call', async () => {
    const out = outputs('documented');
    await runCli('run', FIXTURE, '--json', out.json);
    const doc = readFileSync('docs/results-format.md', 'utf8');
    const names = Object.keys(JSON.parse(readFileSync(out.json, 'utf8')).metrics).map((n) => n.replace(/^callbackPool\.[^.]+\./, 'callbackPool.<policy>.').replace(/^channels\.[^.]+\./, 'channels.<account>.'));
    // Families of outcomes are written `outbound.outcome.OUT001` ... `OUT007` and `inbound.flow.INB002` / `INB003`.
    const documented = (name: string): boolean => {
      const family = name.slice(0, name.lastIndexOf('.') + 1);
      const last = name.slice(family.length);
      return doc.includes(`\`${name}\``) || (doc.includes(`\`${family}`) && doc.includes(`\`${last}\``));
    };
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((n) => !documented(n))).toEqual([]);
  });
});

describe('callsim run summary', () => {
  it('hides figures that are 0 in every replication and says how many it hid', async () => {
    const out = outputs('summary');
    const { stdout } = await runCli('run', FIXTURE, '--json', out.json);
    const metrics = JSON.parse(readFileSync(out.json, 'utf8')).metrics as Record<string, { values: (number | null)[] }>;
    const allZero = Object.keys(metrics).filter((name) => !name.endsWith('.calls') && metrics[name]?.values.every((v) => v === 0 || v === null));
    expect(allZero).toContain('outbound.outcome.OUT006');
    for (const name of allZero) expect(stdout).not.toContain(`  ${name} `);
    expect(stdout).toContain(`\n(${allZero.length} figures that are 0 in every replication are not shown; --json FILE has them all)\n`);
    expect(stdout).toMatch(/\n {2}outbound\.outcome\.OUT001 .* \d+ ± /);
  });

  it('always shows the call counts, even when they are 0', async () => {
    const file = scenarioFile((s) => (s.workload.outbound = outboundWorkload(0.0001)));
    const { stdout } = await runCli('run', file);
    expect(stdout).toMatch(/\n {2}outbound\.calls +0 ± -\n/);
  });
});
