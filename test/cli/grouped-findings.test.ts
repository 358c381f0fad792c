/**
 * `ps` and the shell's `validate` group a long run of one rule as `callsim validate` does: the
 * first three findings, then one line naming the other objects, since the fix is the same.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ShellSession } from '../../cli/shell/session.js';
import { loadScenarioFile, scenarioFindings } from '../../engine/scenario/index.js';
import { runCli } from './run-cli.js';

// Ten new hires caught by a Global voice routing policy with usages: ten USR004 findings.
const SCENARIO = 'scenarios/global-vrp-with-usages.yaml';
const dir = mkdtempSync(join(tmpdir(), 'callsim-grouped-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function usr004Lines(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('error USR004'));
}

describe('grouped findings', () => {
  it('callsim validate, ps and the shell print the same three findings and one summary line for ten USR004', async () => {
    const validated = await runCli('validate', SCENARIO);
    const script = join(dir, 'nothing.ps1');
    writeFileSync(script, 'Get-CsOnlineUser -Identity user01@contoso.com\n');
    const replayed = await runCli('ps', script, '--tenant', SCENARIO);
    const loaded = await loadScenarioFile(SCENARIO);
    if (!loaded.ok) throw new Error(`${SCENARIO} does not load`);
    const scenario = loaded.scenario;
    const shell = new ShellSession({ tenant: loaded.tenant, findings: (t) => scenarioFindings(scenario, t) }).handle('validate').output;

    for (const text of [validated.stdout, replayed.stdout, shell]) {
      const lines = usr004Lines(text);
      expect(lines).toHaveLength(4);
      expect(lines[3]).toMatch(/^error USR004: 7 more like the above \(/);
    }
    expect(usr004Lines(replayed.stdout)).toEqual(usr004Lines(validated.stdout));
  });
});
