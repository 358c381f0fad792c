import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const scenario = (name: string): string => fileURLToPath(new URL(`../../scenarios/${name}`, import.meta.url));

describe('callsim compare', () => {
  it('marks what the what-if changed beyond noise, and only that by default', async () => {
    const { code, stdout } = await runCli('compare', scenario('small-callback-pool.yaml'), scenario('large-callback-pool.yaml'), '--replications', '3');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\* emergency\.outcome\.EMG004 +[\d.]+ +0 +-[\d.]+ +\[-[\d.]+, -[\d.]+\]$/m);
    expect(stdout).toContain('3 paired replications');
    expect(stdout).not.toMatch(/^. emergency\.calls /m);
    expect(stdout).toMatch(/figures are the same in both; --all shows them/);
  });

  it('prints one JSON document with --json', async () => {
    const { code, stdout } = await runCli('compare', scenario('small-callback-pool.yaml'), scenario('large-callback-pool.yaml'), '--replications', '2', '--json');
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { format: string; replications: number; metrics: { metric: string }[] };
    expect([doc.format, doc.replications]).toEqual(['callsim-comparison', 2]);
    expect(doc.metrics.some((m) => m.metric === 'emergency.calls')).toBe(true);
  });

  it('exits 2 when either scenario cannot be used, naming it', async () => {
    const { code, stderr } = await runCli('compare', scenario('seattle.yaml'), 'no-such-file.yaml');
    expect(code).toBe(2);
    expect(stderr).toContain('no-such-file.yaml');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for fewer than two replications: no interval without two', async () => {
    const { code } = await runCli('compare', scenario('seattle.yaml'), scenario('seattle.yaml'), '--replications', '1');
    expect(code).toBe(2);
  });
});
