import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const fixture = fileURLToPath(new URL('../fixtures/scenarios/usr004-global-vrp-with-usages.yaml', import.meta.url));

describe('callsim validate output for many findings of one rule', () => {
  it('prints the first three in full and summarises the rest by the objects they are about', async () => {
    const { code, stdout } = await runCli('validate', fixture);
    expect(code).toBe(1);
    expect(stdout.match(/^error USR004 user /gm)).toHaveLength(3);
    expect(stdout).toMatch(/^error USR004: 37 more like the above \(user04@contoso\.com, .*\); --json lists each$/m);
    expect(stdout).toMatch(/40 errors, 0 warnings/);
  });

  it('still lists every finding in --json', async () => {
    const { stdout } = await runCli('validate', fixture, '--json');
    const report = JSON.parse(stdout) as { findings: { rule: string }[] };
    expect(report.findings.filter((f) => f.rule === 'USR004')).toHaveLength(40);
  });
});
