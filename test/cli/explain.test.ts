import { describe, expect, it } from 'vitest';
import { RULE_IDS, RULES } from '../../engine/tenant/index.js';
import { runCli } from './run-cli.js';

describe('callsim explain', () => {
  it('prints the rule of each ID given, in any case, with its kind', async () => {
    const { code, stdout } = await runCli('explain', 'sc003', 'RA010');
    expect(code).toBe(0);
    expect(stdout).toBe(`SC003 (refusal): ${RULES.SC003.text}\nRA010 (finding, warning): ${RULES.RA010.text}\n`);
  });

  it('lists every rule under its section with no ID given', async () => {
    const { code, stdout } = await runCli('explain');
    expect(code).toBe(0);
    for (const id of RULE_IDS) expect(stdout).toMatch(new RegExp(`^  ${id} `, 'm'));
    expect(stdout.indexOf('Refusals')).toBeLessThan(stdout.indexOf('Findings'));
    expect(stdout.indexOf('Findings')).toBeLessThan(stdout.indexOf('Call outcomes'));
  });

  it('exits 2 for a word that is no rule ID, and still explains the others', async () => {
    const { code, stdout, stderr } = await runCli('explain', 'SC999', 'OUT004');
    expect(code).toBe(2);
    expect(stderr).toContain('SC999 is not a rule ID of docs/rules.md');
    expect(stdout).toContain('OUT004 (outcome): ');
  });
});
