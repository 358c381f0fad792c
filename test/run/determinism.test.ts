/**
 * A run is a pure function of (scenario, seed): the same inputs give the same bytes, replication i
 * does not depend on the others, and each purpose draws from its own random stream (common random
 * numbers), so changing one part of a scenario leaves the figures of the others as they were.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReplication, runScenario, type CallRecord } from '../../engine/run/index.js';
import { runCli } from '../cli/run-cli.js';
import { everyKindScenario, inboundWorkload, load, type ScenarioObject } from '../fixtures/run/small-tenant.js';

const FIXTURE = 'test/fixtures/run/small-office.yaml';
const dir = mkdtempSync(join(tmpdir(), 'callsim-determinism-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runToFiles(name: string, ...extra: string[]): Promise<{ json: Buffer; csv: Buffer }> {
  const json = join(dir, `${name}.json`);
  const csv = join(dir, `${name}.csv`);
  const { code } = await runCli('run', FIXTURE, '--json', json, '--calls', csv, '--no-progress', ...extra);
  expect(code).toBe(0);
  return { json: readFileSync(json), csv: readFileSync(csv) };
}

function recordsOf(scenario: ScenarioObject, kind: string, seed = 11): Omit<CallRecord, 'call'>[] {
  const records: Omit<CallRecord, 'call'>[] = [];
  // Call numbers are shared by all kinds, so they shift when another kind's calls change.
  runScenario(load(scenario), { seed, replications: 1, onCall: ({ call: _call, ...r }) => r.kind === kind && records.push(r) });
  return records;
}

function figuresOf(scenario: ScenarioObject, prefix: string, seed = 11): Record<string, (number | null)[]> {
  const result = runScenario(load(scenario), { seed, replications: 2 });
  return Object.fromEntries(Object.entries(result.metrics).filter(([name]) => name.startsWith(prefix)).map(([name, m]) => [name, m.values]));
}

describe('the same scenario and seed', () => {
  it('write byte-identical --json and --calls files when run twice', async () => {
    const first = await runToFiles('first');
    const second = await runToFiles('second');
    expect(first.json.length).toBeGreaterThan(1000);
    expect(first.csv.toString().split('\n').length).toBeGreaterThan(100);
    expect(second.json.equals(first.json)).toBe(true);
    expect(second.csv.equals(first.csv)).toBe(true);
  });

  it('give different figures with a different seed', async () => {
    const seven = JSON.parse((await runToFiles('seed7', '--seed', '7')).json.toString());
    const eight = JSON.parse((await runToFiles('seed8', '--seed', '8')).json.toString());
    expect(eight.seed).toBe(8);
    expect(eight.metrics['outbound.calls'].values).not.toEqual(seven.metrics['outbound.calls'].values);
    expect(eight.metrics['inbound.calls'].values).not.toEqual(seven.metrics['inbound.calls'].values);
  });
});

describe('replication i', () => {
  const loaded = load(everyKindScenario());
  const whole: CallRecord[] = [];
  const run = runScenario(loaded, { seed: 5, replications: 3, onCall: (r) => whole.push(r) });

  it.each([0, 1, 2])('%i has the same figures run alone as within a run of three', (i) => {
    const alone = runReplication(loaded.scenario, loaded.tenant, 5, i);
    for (const [name, value] of Object.entries(alone.figures)) {
      expect([name, run.metrics[name]?.values[i]]).toEqual([name, Number.isFinite(value) ? value : null]);
    }
  });

  it('2 run alone finishes the same calls, in the same order, as within the run', () => {
    const alone: CallRecord[] = [];
    runReplication(loaded.scenario, loaded.tenant, 5, 2, { onCall: (r) => alone.push(r) });
    expect(alone.length).toBeGreaterThan(0);
    expect(alone).toEqual(whole.filter((r) => r.replication === 2));
  });

  it('differ from one another (each replication has its own seed)', () => {
    expect(new Set(run.metrics['outbound.calls']?.values).size).toBeGreaterThan(1);
  });
});

describe('common random numbers', () => {
  it('a different inbound behaviour leaves the outbound calls of the same seed unchanged', () => {
    const base = everyKindScenario();
    const changed = everyKindScenario();
    changed.workload.inbound = inboundWorkload({ keys: { '9': 1 } }, 6);
    // The change is real: the inbound figures move.
    expect(figuresOf(changed, 'inbound.')).not.toEqual(figuresOf(base, 'inbound.'));
    expect(figuresOf(changed, 'outbound.')).toEqual(figuresOf(base, 'outbound.'));
    expect(recordsOf(changed, 'outbound')).toEqual(recordsOf(base, 'outbound'));
  });

  it('removing the emergency workload leaves the outbound and inbound calls unchanged', () => {
    const base = everyKindScenario();
    const changed = everyKindScenario();
    delete changed.workload.emergency;
    expect(recordsOf(changed, 'outbound')).toEqual(recordsOf(base, 'outbound'));
    expect(recordsOf(changed, 'inbound')).toEqual(recordsOf(base, 'inbound'));
  });

  it('a callback delay change leaves the emergency calls unchanged', () => {
    const base = everyKindScenario();
    const changed = everyKindScenario();
    changed.workload.emergency.callback = { probability: 0.5, delay: { fixed: '90m' } };
    expect(figuresOf(changed, 'callback.')).not.toEqual(figuresOf(base, 'callback.'));
    expect(recordsOf(changed, 'emergency')).toEqual(recordsOf(base, 'emergency'));
  });
});
