import { describe, expect, it } from 'vitest';
import { loadScenarioFile, loadScenarioText, type LoadResult } from '../../engine/scenario/index.js';

const header = `version: 1
name: t
seed: 1
start: 2026-03-02T00:00:00-08:00
horizon: 14d
`;

/** A small valid tenant: one location, a service number, a resource account and policy Seattle. */
const tenant = `tenant:
  locations:
    - { id: hq, address: { houseNumber: "1", street: Main St, city: Seattle, state: WA, postalCode: "98101", country: US } }
  numbers:
    - { number: "+14255550100", type: CallingPlan, usage: Service, country: US, location: hq }
    - { number: "+14255556789", type: CallingPlan, usage: Subscriber, country: US, location: hq }
  groups:
    - { id: staff, name: Staff }
  users:
    - { upn: alice@contoso.com, givenName: Alice, surname: A, licences: [TeamsPhone], groups: [staff] }
  resourceAccounts:
    - { upn: main@contoso.com, type: AutoAttendant, licences: [TeamsPhoneResourceAccount, PayAsYouGoCallingPlan, CommunicationsCredits], number: "+14255550100" }
  policies:
    sharedCalling:
      - { identity: Seattle, resourceAccount: main@contoso.com, emergencyNumbers: ["+14255556789"] }
    grants:
      - { policyType: SharedCalling, policy: Seattle, group: staff, rank: 1 }
`;

function issues(result: LoadResult) {
  return result.ok ? [] : result.issues.map((i) => ({ code: i.code, line: i.line, column: i.column, path: i.path }));
}

describe('loadScenarioText', () => {
  it('loads a valid scenario into a frozen scenario and a tenant built by the cmdlets', () => {
    const result = loadScenarioText(header + tenant, 't.yaml');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(Object.isFrozen(result.scenario.settings.callbackPool)).toBe(true);
    expect(result.tenant.sharedCallingPolicies.find((p) => p.identity === 'Seattle')?.emergencyNumbers).toEqual(['+14255556789']);
    expect(result.tenant.numbers.find((n) => n.telephoneNumber === '+14255550100')?.assignedPstnTargetId).toBe(result.tenant.resourceAccounts[0]?.objectId);
  });

  it('reads the start offset and durations in milliseconds', () => {
    const result = loadScenarioText(header + tenant, 't.yaml');
    expect(result.ok && [result.scenario.startOffsetMinutes, result.scenario.horizon, result.scenario.startEpochMs]).toEqual([
      -480,
      14 * 86_400_000,
      Date.parse('2026-03-02T08:00:00Z'),
    ]);
  });

  it('reports a declaration the cmdlets refuse with its rule ID at the declaring node', () => {
    const text = header + tenant.replace('usage: Subscriber', 'usage: Service');
    // SC009: with a service number on the resource account, emergency numbers must be subscriber numbers.
    expect(issues(loadScenarioText(text, 't.yaml'))).toEqual([
      { code: 'SC009', line: 20, column: 9, path: ['tenant', 'policies', 'sharedCalling', 0] },
    ]);
  });

  it('reports a number that is not E.164 (NUM003) at the number itself', () => {
    const text = header + tenant.replace('"+14255556789", type', '"tel:+14255556789", type');
    expect(issues(loadScenarioText(text, 't.yaml'))[0]).toEqual({ code: 'NUM003', line: 11, column: 17, path: ['tenant', 'numbers', 1, 'number'] });
  });

  it('reports a user in an undeclared group at the group', () => {
    const text = header + tenant.replace('groups: [staff] }', 'groups: [sales] }');
    expect(issues(loadScenarioText(text, 't.yaml'))).toEqual([
      { code: 'unknown_reference', line: 15, column: 96, path: ['tenant', 'users', 0, 'groups', 0] },
    ]);
  });

  it('reports a policy naming an unknown resource account at the resource account', () => {
    const text = header + tenant.replace('resourceAccount: main@contoso.com', 'resourceAccount: nobody@contoso.com');
    expect(issues(loadScenarioText(text, 't.yaml'))).toEqual([
      { code: 'unknown_reference', line: 20, column: 47, path: ['tenant', 'policies', 'sharedCalling', 0, 'resourceAccount'] },
    ]);
  });

  it('reports a grant of an unknown policy (GRT001) at the policy name', () => {
    const text = header + tenant.replace('policy: Seattle', 'policy: Seatle');
    expect(issues(loadScenarioText(text, 't.yaml')).map((i) => [i.code, i.path])).toEqual([
      ['GRT001', ['tenant', 'policies', 'grants', 0, 'policy']],
    ]);
  });

  it('collects every issue, sorted by line and column', () => {
    const text = header.replace('horizon: 14d', 'horizon: 14 days') + tenant.replace('type: AutoAttendant,', 'type: AutoAttendant, colour: blue,');
    const found = issues(loadScenarioText(text, 't.yaml'));
    expect(found.map((i) => [i.code, i.line])).toEqual([
      ['invalid_format', 5],
      ['unrecognized_keys', 17],
    ]);
  });

  it('runs tenant.script after the declarations', () => {
    const text = `${header + tenant}  script: setup.ps1\n`;
    const script = "New-CsOnlineVoiceRoutingPolicy -Identity NoPstn -OnlinePstnUsages @()\nGrant-CsOnlineVoiceRoutingPolicy -Identity alice@contoso.com -PolicyName NoPstn\n";
    const result = loadScenarioText(text, 't.yaml', { readScript: (path) => ({ text: script, file: path }) });
    expect(result.ok && result.tenant.users[0]?.policies.voiceRouting).toBe('NoPstn');
  });

  it('reports an error of tenant.script with its code at its line in the script file', () => {
    const text = `${header + tenant}  script: setup.ps1\n`;
    const script = "# remove an emergency number that is still in the policy's pool\nRemove-CsOnlineTelephoneNumber -TelephoneNumber +14255556789\n";
    const result = loadScenarioText(text, 't.yaml', { readScript: (path) => ({ text: script, file: path }) });
    expect(result.ok ? [] : result.issues.map((i) => [i.code, i.file, i.line, i.column])).toEqual([['NUM001', 'setup.ps1', 2, 1]]);
  });

  it('reports a tenant.script that cannot be read at the script key', () => {
    const text = `${header + tenant}  script: setup.ps1\n`;
    expect(issues(loadScenarioText(text, 't.yaml')).map((i) => [i.code, i.line])).toEqual([['file_unreadable', 23]]);
  });

  it('gives generated users deterministic ObjectIds and reports a template problem once', () => {
    const generated = `    - { generate: 3, width: 2, template: { upn: "u{n}@contoso.com", givenName: U, surname: "{n}", groups: [sales] } }\n`;
    const text = header + tenant.replace('  resourceAccounts:\n', `${generated}  resourceAccounts:\n`);
    expect(issues(loadScenarioText(text, 't.yaml')).map((i) => [i.code, i.path])).toEqual([
      ['unknown_reference', ['tenant', 'users', 1, 'template', 'groups', 0]],
    ]);
  });

  it('loads JSON as well as YAML', () => {
    const json = JSON.stringify({ version: 1, name: 'j', seed: 1, start: '2026-03-02T00:00:00Z', horizon: '1d', tenant: {} });
    expect(loadScenarioText(json, 't.json').ok).toBe(true);
  });
});

describe('timeline', () => {
  const load = (entries: string) => loadScenarioText(`${header + tenant}timeline:\n${entries}`, 't.yaml');

  it('binds entries in time order without applying them to the returned tenant', () => {
    const result = load(
      `  - { at: 3d, do: Set-CsTeamsSharedCallingRoutingPolicy, Identity: Seattle, EmergencyNumbers: { remove: ["+14255556789"] } }\n` +
        `  - { at: 1d, do: Grant-CsTeamsSharedCallingRoutingPolicy, Identity: alice@contoso.com, PolicyName: Seattle }\n`,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.scenario.timeline.map((e) => [e.at, e.kind === 'cmdlet' ? e.invocation.name : e.source, e.index])).toEqual([
      [86_400_000, 'Grant-CsTeamsSharedCallingRoutingPolicy', 1],
      [259_200_000, 'Set-CsTeamsSharedCallingRoutingPolicy', 0],
    ]);
    expect(result.tenant.sharedCallingPolicies.find((p) => p.identity === 'Seattle')?.emergencyNumbers).toEqual(['+14255556789']);
  });

  it('passes mappings as hashtables with lower-case keys', () => {
    const result = load(`  - { at: 3d, do: Set-CsTeamsSharedCallingRoutingPolicy, Identity: Seattle, EmergencyNumbers: { Remove: ["+14255556789"] } }\n`);
    const entry = result.ok ? result.scenario.timeline[0] : undefined;
    expect(entry?.kind === 'cmdlet' && entry.invocation.named['EmergencyNumbers']).toEqual({ kind: 'hashtable', entries: { remove: ['+14255556789'] } });
  });

  it('reports an unknown parameter at the parameter', () => {
    const result = load(`  - { at: 3d, do: Set-CsTeamsSharedCallingRoutingPolicy, Identity: Seattle, Colour: blue }\n`);
    expect(issues(result).map((i) => [i.code, i.path])).toEqual([['UnknownParameter', ['timeline', 0, 'Colour']]]);
  });

  it('reports an unknown cmdlet at its name', () => {
    const result = load(`  - { at: 3d, do: Set-CsTeamsSharedCallingPolicy, Identity: Seattle }\n`);
    expect(issues(result).map((i) => [i.code, i.path])).toEqual([['UnknownCmdlet', ['timeline', 0, 'do']]]);
  });

  it('reports an entry after the horizon', () => {
    const result = load(`  - { at: 15d, do: Grant-CsTeamsSharedCallingRoutingPolicy, Identity: alice@contoso.com, PolicyName: Seattle }\n`);
    expect(issues(result).map((i) => [i.code, i.path])).toEqual([['too_big', ['timeline', 0, 'at']]]);
  });

  it('binds a line of PowerShell as a ps entry', () => {
    const result = load(`  - { at: 1d, ps: "Set-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -EmergencyNumbers @{remove='+14255556789'}" }\n`);
    expect(result.ok && result.scenario.timeline.map((e) => e.kind)).toEqual(['ps']);
  });

  it('reports a line of PowerShell the cmdlets refuse at its ps node, with the rule ID', () => {
    const result = load(`  - { at: 1d, ps: "Remove-CsOnlineTelephoneNumber -TelephoneNumber +14255556789" }\n`);
    expect(issues(result).map((i) => [i.code, i.path])).toEqual([['NUM001', ['timeline', 0, 'ps']]]);
  });
});

describe('loadScenarioFile', () => {
  it('reports a missing file as one issue', async () => {
    expect(await loadScenarioFile('test/fixtures/scenarios/no-such-file.yaml')).toMatchObject({
      ok: false,
      issues: [{ code: 'file_unreadable', line: 1, column: 1 }],
    });
  });

  it('loads scenarios/seattle.yaml without issues', async () => {
    const result = await loadScenarioFile('scenarios/seattle.yaml');
    expect(result.ok ? result.tenant.users.length : result.issues).toBe(40);
  });
});

describe('refusals at a field', () => {
  it('reports a number assignment the cmdlets refuse (NUM002) at the user\'s number', () => {
    const serviceNumber = '    - { number: "+14255550101", type: CallingPlan, usage: Service, country: US, location: hq }\n';
    const text = header + tenant.replace('  groups:\n', `${serviceNumber}  groups:\n`).replace('groups: [staff] }', 'groups: [staff], number: "+14255550101" }');
    const result = loadScenarioText(text, 't.yaml');
    expect(issues(result).map((i) => [i.code, i.path])).toEqual([['NUM002', ['tenant', 'users', 0, 'number']]]);
  });
});

describe('expect metric names', () => {
  const text = (metric: string): string =>
    `version: 1\nname: x\nseed: 1\nstart: 2026-03-02T00:00:00-08:00\nhorizon: 1d\ntenant: {}\nexpect:\n  - { metric: ${metric}, max: 0 }\n`;
  const problem = (metric: string): string | undefined => (metric === 'outbound.calls' ? undefined : `no metric named ${metric}`);

  it('are checked by the checker the caller passes, at the metric node', () => {
    const result = loadScenarioText(text('outbound.cals'), 'm.yaml', { metricProblem: problem });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      expect.objectContaining({ code: 'unknown_metric', message: 'no metric named outbound.cals', line: 8, column: 15 }),
    ]);
  });

  it('pass when the checker knows them, and are only shape-checked without one', () => {
    expect(loadScenarioText(text('outbound.calls'), 'm.yaml', { metricProblem: problem }).ok).toBe(true);
    expect(loadScenarioText(text('outbound.cals'), 'm.yaml').ok).toBe(true);
  });
});

describe('outbound destinations and the rate table', () => {
  const text = (rates: string): string =>
    `version: 1\nname: x\nseed: 1\nstart: 2026-03-02T00:00:00-08:00\nhorizon: 1d\ntenant:\n  credits: { balance: 10, ratesPerMinute: ${rates} }\n` +
    `workload:\n  outbound: { rate: { perHour: 1 }, duration: { fixed: 2m }, destinations: { US: 1, GB: 1 } }\n`;

  it('refuse a destination that has no rate when the table has no default', () => {
    const result = loadScenarioText(text('{ US: 0.02 }'), 'r.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.code, i.path.join('.'), i.line])).toEqual([['unknown_reference', 'workload.outbound.destinations.GB', 9]]);
  });

  it('accept it when the table has a default or the country', () => {
    expect(loadScenarioText(text('{ US: 0.02, default: 0.1 }'), 'r.yaml').ok).toBe(true);
    expect(loadScenarioText(text('{ US: 0.02, GB: 0.05 }'), 'r.yaml').ok).toBe(true);
  });
});
