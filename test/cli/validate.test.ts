import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const fixture = (name: string) => `test/fixtures/scenarios/${name}.yaml`;

describe('callsim validate', () => {
  it('exits 0 for scenarios/seattle.yaml and says it has no errors or warnings', async () => {
    const { code, stdout } = await runCli('validate', 'scenarios/seattle.yaml');
    expect([code, stdout]).toEqual([0, 'scenarios/seattle.yaml: scenario "Seattle office shares the main number" loaded; 0 errors, 0 warnings\n']);
  });

  it('exits 1 when the tenant has findings with errors, printing each with its fix', async () => {
    const { code, stdout } = await runCli('validate', fixture('ra002-no-payg-licence'));
    expect(code).toBe(1);
    expect(stdout).toMatch(/^error RA002 resourceAccount main-aa@contoso\.com: RA002: .*\n {2}fix: .+\n/);
    expect(stdout).toContain('1 error, 0 warnings');
  });

  it('exits 0 when the findings are only warnings', async () => {
    const { code, stdout } = await runCli('validate', fixture('ra009-no-emergency-numbers'));
    expect([code, stdout.startsWith('warning RA009 sharedCallingPolicy Seattle: RA009: ')]).toEqual([0, true]);
  });

  it('exits 2 for a YAML syntax error, printed with line:column', async () => {
    const { code, stdout } = await runCli('validate', fixture('yaml-syntax-error'));
    expect(code).toBe(2);
    expect(stdout).toMatch(/^test\/fixtures\/scenarios\/yaml-syntax-error\.yaml:141:5: yaml_syntax: /);
  });

  it('exits 2 for an unknown key, printed at the key with the allowed keys', async () => {
    const { code, stdout } = await runCli('validate', fixture('unknown-key'));
    expect(code).toBe(2);
    expect(stdout.split('\n')[0]).toBe(
      'test/fixtures/scenarios/unknown-key.yaml:58:7: unrecognized_keys: unknown key "phoneNumber" in tenant.resourceAccounts[0] (expected one of the keys upn, displayName, objectId, type, licences, number, voiceRoutingPolicy, autoAttendant, callQueue)',
    );
  });

  it('exits 2 for a dangling reference, printed at the referring node', async () => {
    const { code, stdout } = await runCli('validate', fixture('dangling-reference'));
    expect(code).toBe(2);
    expect(stdout.split('\n')[0]).toMatch(/^test\/fixtures\/scenarios\/dangling-reference\.yaml:117:62: unknown_reference: group "seatle-users" is not declared/);
  });

  it('reports a syntax error, an unknown key and a dangling reference in one file, in line order', async () => {
    const { code, stdout } = await runCli('validate', fixture('syntax-unknown-key-and-dangling'));
    const located = stdout.split('\n').filter((l) => l.startsWith('test/')).map((l) => l.split(': ').slice(0, 2).join(': '));
    expect([code, located]).toEqual([
      2,
      [
        'test/fixtures/scenarios/syntax-unknown-key-and-dangling.yaml:58:7: unrecognized_keys',
        'test/fixtures/scenarios/syntax-unknown-key-and-dangling.yaml:118:62: unknown_reference',
        'test/fixtures/scenarios/syntax-unknown-key-and-dangling.yaml:142:5: yaml_syntax',
        'test/fixtures/scenarios/syntax-unknown-key-and-dangling.yaml: 3 issues; the scenario cannot be used until they are fixed',
      ],
    ]);
  });

  it('prints a refusal once, with its rule ID and location', async () => {
    const { code, stdout } = await runCli('validate', fixture('sc003-number-without-location'));
    expect([code, stdout.split('\n')[0]?.startsWith('test/fixtures/scenarios/sc003-number-without-location.yaml:111:9: SC003: the number +14255550100')]).toEqual([2, true]);
  });

  it('locates an error of tenant.script in the script file, relative to the scenario', async () => {
    const { code, stdout } = await runCli('validate', fixture('script-article-typo'));
    expect([code, stdout.split('\n')[0]?.split(': ').slice(0, 2)]).toEqual([2, ['test/fixtures/scenarios/article-typo.ps1:3:1', 'NUM003']]);
  });

  it('exits 2 for a file that does not exist', async () => {
    const { code, stdout } = await runCli('validate', 'no/such/file.yaml');
    expect([code, stdout.split('\n')[0]]).toEqual([2, 'no/such/file.yaml:1:1: file_unreadable: cannot read no/such/file.yaml: no such file (expected a readable scenario file)']);
  });

  it('prints one stable JSON document with --json', async () => {
    const { code, stdout } = await runCli('validate', fixture('dangling-reference'), '--json');
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(code).toBe(2);
    expect(Object.keys(report)).toEqual(['file', 'usable', 'exitCode', 'scenario', 'issues', 'findings', 'notes', 'estimate', 'summary']);
    expect(report).toMatchObject({
      usable: false,
      exitCode: 2,
      estimate: null,
      issues: [{ code: 'unknown_reference', path: ['tenant', 'policies', 'grants', 0, 'group'], line: 117, column: 62 }],
      summary: { issues: 1, errors: 0, warnings: 0 },
    });
  });

  it('prints findings in the JSON document of a usable scenario', async () => {
    const { stdout } = await runCli('validate', fixture('ra002-no-payg-licence'), '--json');
    expect(JSON.parse(stdout)).toMatchObject({ usable: true, exitCode: 1, findings: [{ rule: 'RA002', severity: 'error', object: { kind: 'resourceAccount', id: 'main-aa@contoso.com' } }] });
  });
});
