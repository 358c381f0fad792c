/**
 * Each broken variant of scenarios/seattle.yaml in test/fixtures/scenarios shows exactly one rule:
 * a refusal while building the tenant, or a finding of the built tenant.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, scenarioFindings } from '../../engine/scenario/index.js';

const dir = 'test/fixtures/scenarios';

/** The rule IDs a file produces: its issue codes if it cannot load, else its distinct finding rules. */
async function rulesOf(file: string): Promise<{ loads: boolean; rules: string[] }> {
  const result = await loadScenarioFile(`${dir}/${file}`);
  if (!result.ok) return { loads: false, rules: result.issues.map((i) => i.code) };
  return { loads: true, rules: [...new Set(scenarioFindings(result.scenario, result.tenant).map((f) => f.rule))] };
}

describe('broken scenario fixtures', () => {
  it('scenarios/seattle.yaml itself loads with no findings at all', async () => {
    const result = await loadScenarioFile('scenarios/seattle.yaml');
    expect(result.ok ? scenarioFindings(result.scenario, result.tenant) : result.issues).toEqual([]);
  });

  it.each([
    ['sc003-number-without-location.yaml', 'SC003'],
    ['sc006-australian-service-number.yaml', 'SC006'],
    ['sc009-service-number-as-emergency-number.yaml', 'SC009'],
    ['num001-release-held-number.yaml', 'NUM001'],
    ['script-article-typo.yaml', 'NUM003'],
  ])('%s is refused while loading with exactly %s', async (file, rule) => {
    expect(await rulesOf(file)).toEqual({ loads: false, rules: [rule] });
  });

  it.each([
    ['usr004-global-vrp-with-usages.yaml', 'USR004'],
    ['ra002-no-payg-licence.yaml', 'RA002'],
    ['ra009-no-emergency-numbers.yaml', 'RA009'],
  ])('%s loads and has exactly the finding %s', async (file, rule) => {
    expect(await rulesOf(file)).toEqual({ loads: true, rules: [rule] });
  });
});
