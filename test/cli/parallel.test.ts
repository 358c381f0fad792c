import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, callsim, removeBuild, root } from './built-cli.js';
import { runCli } from './run-cli.js';

/**
 * `run --jobs N` starts worker threads from compiled JavaScript, which the test runner's on-the-fly
 * TypeScript does not give them; so these run the built CLI as a user would (test/cli/built-cli.ts).
 * In process (runCli) the same run stays on one thread: the reference for "the same bytes".
 */
const out = mkdtempSync(join(tmpdir(), 'callsim-jobs-'));
const scenario = join(root, 'scenarios/small-callback-pool.yaml');

describe('callsim run --jobs', () => {
  beforeAll(buildCli, 120_000);
  afterAll(() => {
    removeBuild();
    rmSync(out, { recursive: true, force: true });
  });

  it('gives byte for byte the results of one thread', () => {
    const one = callsim(['run', scenario, '--replications', '3', '--jobs', '1', '--json', join(out, 'one.json'), '--html', join(out, 'one.html')]);
    const two = callsim(['run', scenario, '--replications', '3', '--jobs', '2', '--json', join(out, 'two.json'), '--html', join(out, 'two.html')]);
    expect([one.status, two.status]).toEqual([0, 0]);
    expect(two.stdout).toBe(one.stdout);
    expect(readFileSync(join(out, 'two.json'), 'utf8')).toBe(readFileSync(join(out, 'one.json'), 'utf8'));
    expect(readFileSync(join(out, 'two.html'), 'utf8')).toBe(readFileSync(join(out, 'one.html'), 'utf8'));
  });

  it('writes --calls with --jobs 2 byte for byte as --jobs 1 and as one thread in process, replication by replication', async () => {
    // 5 replications of about 90 kB of records each (64 kB a message): more replications than threads, and records
    // sent from the threads in several pieces.
    const args = (jobs: string, name: string): string[] => ['run', scenario, '--replications', '5', '--jobs', jobs, '--calls', join(out, `${name}.csv`), '--json', join(out, `${name}.json`)];
    const one = callsim(args('1', 'calls-one'));
    const two = callsim(args('2', 'calls-two'));
    const inProcess = await runCli(...args('1', 'calls-in-process'));
    expect([one.status, two.status, inProcess.code]).toEqual([0, 0, 0]);
    const csv = (name: string): string => readFileSync(join(out, `${name}.csv`), 'utf8');
    expect(csv('calls-two')).toBe(csv('calls-one'));
    expect(csv('calls-two')).toBe(csv('calls-in-process'));
    expect(readFileSync(join(out, 'calls-two.json'), 'utf8')).toBe(readFileSync(join(out, 'calls-in-process.json'), 'utf8'));
    expect(two.stdout).toBe(inProcess.stdout);
    const replications = csv('calls-two')
      .split('\n')
      .slice(1, -1)
      .map((line) => Number(line.split(',')[0]));
    expect(replications.length).toBeGreaterThan(500);
    expect(replications).toEqual([...replications].sort((a, b) => a - b));
    expect(new Set(replications)).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('gives the same bytes with --engine xstate (the reference) as with the default compiled engine, on threads and in process', async () => {
    const args = (engine: string, name: string): string[] => ['run', join(root, 'scenarios/seattle.yaml'), '--replications', '2', '--jobs', '2', '--engine', engine, '--calls', join(out, `${name}.csv`), '--json', join(out, `${name}.json`)];
    const compiled = callsim(args('compiled', 'engine-compiled'));
    const reference = callsim(args('xstate', 'engine-xstate'));
    const inProcess = await runCli(...args('xstate', 'engine-in-process'));
    expect([compiled.status, reference.status, inProcess.code]).toEqual([0, 0, 0]);
    const read = (name: string): string => readFileSync(join(out, name), 'utf8');
    expect(read('engine-compiled.csv')).toBe(read('engine-xstate.csv'));
    expect(read('engine-compiled.json')).toBe(read('engine-xstate.json'));
    expect(read('engine-in-process.csv')).toBe(read('engine-xstate.csv'));
    expect(compiled.stdout).toBe(reference.stdout);
    expect(read('engine-compiled.csv').split('\n').length).toBeGreaterThan(1000);
  });
});
