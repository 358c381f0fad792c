/**
 * Article step 3 practised end to end: `callsim ps` builds the auto attendant of
 * scenarios/holidays-and-after-hours.yaml with cmdlets (test/fixtures/ps/aa-step3.ps1) and writes
 * the tenant; `callsim run` on that file answers callers exactly as the YAML attendant does. And
 * `callsim shell` knows the cmdlets, line by line and by tab completion.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { completeLine } from '../../cli/shell/complete.js';
import { ShellSession } from '../../cli/shell/session.js';
import { loadScenarioFile, scenarioFindings } from '../../engine/scenario/index.js';
import { runCli } from './run-cli.js';

const BASE = 'test/fixtures/ps/aa-step3-base.yaml';
const SCRIPT = 'test/fixtures/ps/aa-step3.ps1';
const LIBRARY = 'scenarios/holidays-and-after-hours.yaml';

const dir = mkdtempSync(join(tmpdir(), 'callsim-aa-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('callsim ps: article step 3 with cmdlets', () => {
  it('builds and associates the attendant with no refusal and no finding, and writes the tenant', async () => {
    const { code, stdout } = await runCli('ps', SCRIPT, '--tenant', BASE, '-o', join(dir, 'after.yaml'));
    expect(code).toBe(0);
    expect(stdout).toContain('Resource account main-aa@contoso.com associated with auto attendant Contoso Seattle');
    expect(stdout).toContain('0 commands refused; 0 errors, 0 warnings');
    expect(readdirSync(dir)).toContain('after.yaml');
  });

  it('gives callers the same calls as the equivalent YAML attendant (callsim run, same seed: every figure equal)', async () => {
    const after = join(dir, 'after.yaml');
    if (!readdirSync(dir).includes('after.yaml')) await runCli('ps', SCRIPT, '--tenant', BASE, '-o', after);
    const ran = await runCli('run', after, '--json', join(dir, 'cmdlets.json'));
    const yaml = await runCli('run', LIBRARY, '--json', join(dir, 'yaml.json'));
    expect([ran.code, yaml.code]).toEqual([0, 0]);
    const a = JSON.parse(readFileSync(join(dir, 'cmdlets.json'), 'utf8')) as Record<string, unknown>;
    const b = JSON.parse(readFileSync(join(dir, 'yaml.json'), 'utf8')) as Record<string, unknown>;
    const metrics = a['metrics'] as Record<string, unknown>;
    // All three flows ran, so the comparison covers business hours, after hours and the holiday.
    expect(Object.keys(metrics)).toEqual(expect.arrayContaining(['inbound.flow.INB002', 'inbound.flow.INB003', 'inbound.flow.INB004', 'inbound.outcome.INB010']));
    expect(metrics).toEqual(b['metrics']);
    expect(a['timeline']).toEqual(b['timeline']);
    expect(ran.stdout).toBe(yaml.stdout);
  });
});

describe('a scenario timeline applies the association and attendant cmdlets', () => {
  it('leaves callers unanswered (INB001) while the number has no attendant, until a new one is associated', async () => {
    const text = readFileSync(LIBRARY, 'utf8').replace(
      'expect:\n',
      [
        'timeline:',
        '  - { at: 3d, do: Remove-CsOnlineApplicationInstanceAssociation, Identities: [main-aa@contoso.com] }',
        '  - { at: 3d, do: Remove-CsAutoAttendant, Identity: seattle-main }',
        '  - { at: 5d, ps: "$bye = New-CsAutoAttendantMenuOption -Action DisconnectCall -DtmfResponse Automatic; $flow = New-CsAutoAttendantCallFlow -Name Closed -Menu (New-CsAutoAttendantMenu -Name M -MenuOptions @($bye)); $aa = New-CsAutoAttendant -Name Later -LanguageId en-US -TimeZoneId UTC -DefaultCallFlow $flow; New-CsOnlineApplicationInstanceAssociation -Identities main-aa@contoso.com -ConfigurationId $aa.Identity -ConfigurationType AutoAttendant" }',
        'expect:',
        '',
      ].join('\n'),
    );
    const file = join(dir, 'timeline.yaml');
    writeFileSync(file, text);
    const { code, stdout } = await runCli('run', file, '--json', join(dir, 'timeline.json'));
    expect(code).toBe(0);
    const metrics = (JSON.parse(readFileSync(join(dir, 'timeline.json'), 'utf8')) as { metrics: Record<string, { mean: number }> }).metrics;
    // Two of the seven days have no attendant: about 2/7 of the ~650 calls (the exact count is the seed's).
    expect(metrics['inbound.outcome.INB001']?.mean).toBeGreaterThan(100);
    expect(metrics['inbound.outcome.INB001']?.mean).toBeLessThan(300);
    expect(stdout).toContain('inbound.outcome.INB001');
  });
});

describe('callsim shell: the auto attendant cmdlets', () => {
  it('builds an attendant line by line and associates it', async () => {
    const loaded = await loadScenarioFile(BASE);
    if (!loaded.ok) throw new Error('fixture does not load');
    const scenario = loaded.scenario;
    const session = new ShellSession({ tenant: loaded.tenant, findings: (t) => scenarioFindings(scenario, t) });
    const output = [
      '$bye = New-CsAutoAttendantMenuOption -Action DisconnectCall -DtmfResponse Automatic',
      '$flow = New-CsAutoAttendantCallFlow -Name Closed -Menu (New-CsAutoAttendantMenu -Name M -MenuOptions @($bye))',
      '$aa = New-CsAutoAttendant -Name Small -LanguageId en-US -TimeZoneId "Pacific Standard Time" -DefaultCallFlow $flow',
      'New-CsOnlineApplicationInstanceAssociation -Identities main-aa@contoso.com -ConfigurationId $aa.Identity -ConfigurationType AutoAttendant',
      'New-CsAutoAttendantMenuOption -Action DisconnectCall -DtmfResponse ToneStar',
    ]
      .map((line) => session.handle(line).output)
      .join('');
    expect(output).toContain('Auto attendant Small');
    expect(output).toContain('Resource account main-aa@contoso.com associated with auto attendant Small');
    expect(output).toMatch(/New-CsAutoAttendantMenuOption : AA001: -DtmfResponse ToneStar is reserved/);
  });

  it('completes the new cmdlet names and their parameters', () => {
    expect(completeLine('New-CsAutoAttendantC')[0]).toEqual(['New-CsAutoAttendantCallableEntity', 'New-CsAutoAttendantCallFlow', 'New-CsAutoAttendantCallHandlingAssociation']);
    expect(completeLine('$s = New-CsOnlineSch')[0]).toEqual(['New-CsOnlineSchedule']);
    expect(completeLine('New-CsOnlineApplicationInstanceAssociation -Config')[0]).toEqual(['-ConfigurationId', '-ConfigurationType']);
    expect(completeLine('New-CsOnlineSchedule -Name x -Week')[0]).toEqual(['-WeeklyRecurrentSchedule']);
  });
});
