/**
 * callsim sweep and merge: a sweep split into shards and merged is byte for byte the sweep run
 * whole, however many shards; parts that do not belong together are refused; a --set that names
 * no place in the scenario is an error that names it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { neighbourPairs, shardUnits, sweepUnits } from '../../engine/run/index.js';
import { splitOverrideValues } from '../../engine/scenario/index.js';
import { parseShard } from '../../cli/sweep-setup.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'callsim-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Few calls: one simulated day of the small pool, 2 x 2 points, 3 replications = 12 units.
const SWEEP = [
  'sweep',
  'scenarios/small-callback-pool.yaml',
  '--set',
  'settings.callbackPool.reuse=first,oldest',
  '--set',
  'workload.emergency.rate.perUserPerHour=0.003,0.005',
  '--set',
  'horizon=1d',
  '--replications',
  '3',
];

describe('sweep shards and merge', () => {
  it('merges shards into the bytes of the whole sweep, for 1, 2, 5 and 13 shards', async () => {
    const whole = join(dir, 'whole.json');
    const run = await runCli(...SWEEP, '--json', whole);
    expect(run.stderr).toBe('');
    const wholeBytes = readFileSync(whole, 'utf8');
    const doc = JSON.parse(wholeBytes) as { format: string; points: unknown[]; figures: Record<string, { points: unknown[]; differences: unknown[] }> };
    expect(doc.format).toBe('callsim-sweep');
    expect(doc.points).toHaveLength(4);
    // Two axes of two values: each axis pairs two points twice.
    expect(doc.figures['emergency.calls']?.differences).toHaveLength(4);
    for (const count of [1, 2, 5, 13]) {
      const parts: string[] = [];
      for (let i = 0; i < count; i++) {
        const part = join(dir, `part-${count}-${i}.json`);
        const shard = await runCli(...SWEEP, '--shard', `${i}/${count}`, '--json', part);
        expect(shard.code, shard.stderr).toBe(0);
        parts.push(part);
      }
      // Given in reverse: the order of the parts does not matter.
      const merged = await runCli('merge', ...parts.reverse(), '-o', join(dir, `merged-${count}.json`));
      expect(merged.code, merged.stderr).toBe(0);
      expect(readFileSync(join(dir, `merged-${count}.json`), 'utf8'), `${count} shards`).toBe(wholeBytes);
    }
  });

  it('refuses a missing shard, a repeated one, and a part of another sweep', async () => {
    const parts = [join(dir, 'part-2-0.json'), join(dir, 'part-2-1.json')];
    const missing = await runCli('merge', parts[0] ?? '');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/6 units are missing/);
    const twice = await runCli('merge', parts[0] ?? '', parts[0] ?? '', parts[1] ?? '');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/6 units appear more than once/);
    const other = join(dir, 'other.json');
    expect((await runCli(...SWEEP.slice(0, -1), '2', '--shard', '0/1', '--json', other)).code).toBe(0);
    const mixed = await runCli('merge', parts[0] ?? '', other);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/does not belong with .*replications/);
    const notPart = await runCli('merge', join(dir, 'whole.json'));
    expect(notPart.stderr).toMatch(/not a sweep part/);
  });
});

describe('--set', () => {
  it('names a path that is not in the scenario', async () => {
    const r = await runCli('sweep', 'scenarios/small-callback-pool.yaml', '--set', 'tenant.policies.sharedCalling.3.identity=x');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--set tenant.policies.sharedCalling.3.identity=x: tenant.policies.sharedCalling is a list of 1; there is no element 3');
    const unknown = await runCli('sweep', 'scenarios/small-callback-pool.yaml', '--set', 'settings.callbackPool.size=4');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/small-callback-pool.yaml:\d+:\d+: unrecognized_keys: --set settings.callbackPool.size=4: unknown key "size"/);
    const bad = await runCli('sweep', 'scenarios/small-callback-pool.yaml', '--set', 'settings.callbackPool.reuse=newest');
    expect(bad.stderr).toMatch(/--set settings.callbackPool.reuse=newest: .*"first" \| "oldest"/);
  });

  it('compare --set runs a file against itself changed', async () => {
    const r = await runCli('compare', 'scenarios/small-callback-pool.yaml', '--set', 'settings.callbackPool.reuse=oldest', '--set', 'horizon=1d', '--replications', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('B: Two callback numbers for 300 users (scenarios/small-callback-pool.yaml with settings.callbackPool.reuse=oldest horizon=1d)');
  });

  it('splits values at commas outside brackets and quotes', () => {
    expect(splitOverrideValues('[a, b],[c],"x,y"')).toEqual(['[a, b]', '[c]', '"x,y"']);
  });
});

describe('units and shards', () => {
  it('cover every unit once, in order', () => {
    const units = sweepUnits(3, 4);
    for (const count of [1, 2, 5, 12, 20]) {
      const joined = Array.from({ length: count }, (_, i) => shardUnits(units, i, count)).flat();
      expect(joined).toEqual(units);
    }
  });

  it('pairs neighbouring points along each axis', () => {
    expect(neighbourPairs([{ path: 'a', values: ['1', '2'] }, { path: 'b', values: ['x', 'y', 'z'] }])).toEqual([
      { axis: 'a', from: 0, to: 3 },
      { axis: 'a', from: 1, to: 4 },
      { axis: 'a', from: 2, to: 5 },
      { axis: 'b', from: 0, to: 1 },
      { axis: 'b', from: 1, to: 2 },
      { axis: 'b', from: 3, to: 4 },
      { axis: 'b', from: 4, to: 5 },
    ]);
  });

  it('reads the shard from Slurm and Kubernetes variables', () => {
    expect(parseShard('auto', { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '8' })).toEqual({ index: 4, count: 8 });
    expect(parseShard('auto/3', { JOB_COMPLETION_INDEX: '2' })).toEqual({ index: 2, count: 3 });
    expect(parseShard('auto', { JOB_COMPLETION_INDEX: '2' })).toMatch(/give it as --shard auto\/N/);
    expect(parseShard('auto', {})).toMatch(/neither SLURM_ARRAY_TASK_ID/);
    expect(parseShard('3/3', {})).toMatch(/0 <= I < N/);
  });
});
