import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `run --jobs N` starts worker threads from compiled JavaScript, which the test runner's on-the-fly
 * TypeScript does not give them; so this builds the CLI once into a folder inside the repository
 * (where node_modules resolves) and runs it as a user would.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const build = join(root, `.test-build-${process.pid}`);
const out = mkdtempSync(join(tmpdir(), 'callsim-jobs-'));
const scenario = join(root, 'scenarios/small-callback-pool.yaml');

function callsim(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(build, 'cli/main.js'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('callsim run --jobs', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--outDir', build], { stdio: 'pipe' });
  }, 120_000);
  afterAll(() => {
    rmSync(build, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('gives byte for byte the results of one thread', () => {
    const one = callsim('run', scenario, '--replications', '3', '--jobs', '1', '--json', join(out, 'one.json'));
    const two = callsim('run', scenario, '--replications', '3', '--jobs', '2', '--json', join(out, 'two.json'));
    expect([one.status, two.status]).toEqual([0, 0]);
    expect(two.stdout).toBe(one.stdout);
    expect(readFileSync(join(out, 'two.json'), 'utf8')).toBe(readFileSync(join(out, 'one.json'), 'utf8'));
  });

  it('refuses --calls with more than one job, before running', () => {
    const r = callsim('run', scenario, '--jobs', '2', '--calls', join(out, 'calls.csv'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('use it with --jobs 1');
    expect(r.stdout).toBe('');
  });
});
