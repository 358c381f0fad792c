/**
 * The scenario's `timeZone`: the local time of workload profiles. Written, it is checked like an
 * auto attendant's; absent, it is the first auto attendant's zone, or null (the fixed offset of
 * `start`) when the tenant has none.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, type LoadResult } from '../../engine/scenario/index.js';

const SEATTLE = readFileSync(new URL('../../scenarios/seattle.yaml', import.meta.url), 'utf8');

/** scenarios/seattle.yaml with one piece of text replaced (the replaced text must be there). */
function seattleWith(from: string, to: string): string {
  if (!SEATTLE.includes(from)) throw new Error(`seattle.yaml has no "${from}"`);
  return SEATTLE.replace(from, to);
}

const START = 'start: 2026-03-02T00:00:00-08:00\n';

/** A tenant with no auto attendant. */
const NO_ATTENDANT = `version: 1
name: t
seed: 1
${START}horizon: 7d
tenant:
  users:
    - { upn: alice@contoso.com, givenName: Alice, surname: A, licences: [TeamsPhone] }
`;

function timeZoneOf(result: LoadResult): string | null {
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.scenario.timeZone;
}

function issues(result: LoadResult) {
  return result.ok ? [] : result.issues.map((i) => ({ code: i.code, line: i.line, column: i.column, message: i.message, expected: i.expected }));
}

describe('scenario timeZone', () => {
  it("defaults to the first auto attendant's time zone", () => {
    expect(timeZoneOf(loadScenarioText(SEATTLE, 'seattle.yaml'))).toBe('America/Los_Angeles');
  });

  it('takes the first auto attendant in file order when there are several', () => {
    const first = `  autoAttendants:
    - id: london
      name: Contoso London
      timeZone: Europe/London
      defaultCallFlow: { then: disconnect }
`;
    expect(timeZoneOf(loadScenarioText(seattleWith('  autoAttendants:\n', first), 'seattle.yaml'))).toBe('Europe/London');
  });

  it('is the one written at the top level when there is one', () => {
    expect(timeZoneOf(loadScenarioText(seattleWith(START, `${START}timeZone: Asia/Tokyo\n`), 'seattle.yaml'))).toBe('Asia/Tokyo');
    expect(timeZoneOf(loadScenarioText(NO_ATTENDANT.replace(START, `${START}timeZone: Europe/Paris\n`), 't.yaml'))).toBe('Europe/Paris');
  });

  it('is null without one and without auto attendants: profiles keep the offset of start', () => {
    const result = loadScenarioText(NO_ATTENDANT, 't.yaml');
    expect(timeZoneOf(result)).toBeNull();
    expect(result.ok && result.scenario.startOffsetMinutes).toBe(-480);
  });

  it('reports an unknown zone at file:line:column, worded like an auto attendant time zone', () => {
    const result = loadScenarioText(seattleWith(START, `${START}timeZone: Pacific/Seattle\n`), 'seattle.yaml');
    const attendant = loadScenarioText(seattleWith('timeZone: America/Los_Angeles', 'timeZone: Pacific/Seattle'), 'seattle.yaml');
    const line = SEATTLE.split('\n').indexOf(START.trim()) + 2;
    expect(issues(result)).toEqual([
      { code: 'custom', line, column: 11, message: 'timeZone: expected an IANA time zone such as America/Los_Angeles', expected: 'an IANA time zone such as America/Los_Angeles' },
    ]);
    expect(issues(attendant).map((i) => i.expected)).toEqual(['an IANA time zone such as America/Los_Angeles']);
  });

  it('refuses a zone that is not a string', () => {
    const result = loadScenarioText(NO_ATTENDANT.replace(START, `${START}timeZone: -8\n`), 't.yaml');
    expect(issues(result)).toHaveLength(1);
    expect(issues(result)[0]).toMatchObject({ line: 5, column: 11 });
  });
});
