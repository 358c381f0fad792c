/**
 * validate's RA010 states the misrouted callbacks of the scenario's own pool: in closed form when
 * it is exact (reuse of the oldest reservation, steady calls), simulated otherwise, saying which,
 * with the pool size that brings them to 0.1%.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oldestReuseMisroutedShare, oldestReuseSizeFor } from '../../engine/workload/index.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'callsim-ra010-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('RA010 misroute estimate', () => {
  it('is the closed form for reuse of the oldest reservation', async () => {
    const file = join(dir, 'oldest.yaml');
    writeFileSync(file, readFileSync('scenarios/small-callback-pool.yaml', 'utf8').replace('reuse: first', 'reuse: oldest'));
    const { code, stdout } = await runCli('validate', file);
    expect(code).toBe(0);
    // 300 users x 0.005 = 1.5 calls an hour; duration U(2m, 10m), delay U(5m, 30m).
    const uniform = (min: number, max: number) => ({ kind: 'uniform' as const, min: min * 60_000, max: max * 60_000 });
    const share = oldestReuseMisroutedShare(2, 1.5, 3_600_000, uniform(2, 10), uniform(5, 30));
    const size = oldestReuseSizeFor(0.001, 1.5, 3_600_000, uniform(2, 10), uniform(5, 30));
    expect(share).toBeGreaterThan(0.1);
    expect(share).toBeLessThan(0.13);
    expect(stdout).toContain(`Misrouted callbacks (CBK001): about 12% (closed form, exact for reuse of the oldest reservation); ${size} numbers would bring them to 0.1% or less.`);
  });

  it('is simulated for the default reuse of the first number, and says so', async () => {
    const { stdout } = await runCli('validate', 'scenarios/small-callback-pool.yaml');
    expect(stdout).toMatch(/Misrouted callbacks \(CBK001\): about \d+% \(simulated: [\d,]+ emergency calls of this workload alone, as no closed form is exact for reuse of the first number\); \d+ numbers would bring them to 0\.1% or less\./);
  });

  it('fires for bursts the Poisson bound leaves out, and not for the same steady traffic', async () => {
    const burst = await runCli('validate', 'scenarios/campus-incident.yaml');
    expect(burst.stdout).toMatch(/P\(no free number\) <= 0\.0069% .*yet with the workload's bursts and redials, which the bound leaves out, about \d+% of emergency calls find no free number, above 1%/);
    expect(burst.stdout).toMatch(/numbers in all bring misrouted callbacks to 0\.1% or less under this workload \(simulated\)/);
    const file = join(dir, 'steady.yaml');
    writeFileSync(file, readFileSync('scenarios/campus-incident.yaml', 'utf8').replace(/\n    incidents:\n.*\n/, '\n').replace(/\n    redial: .*\n/, '\n'));
    const steady = await runCli('validate', file);
    expect(steady.stdout).toContain('0 errors, 0 warnings');
  });
});
