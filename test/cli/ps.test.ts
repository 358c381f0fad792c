import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScriptOnTenant } from '../../engine/powershell/index.js';
import { loadScenarioFile } from '../../engine/scenario/index.js';
import { emptyTenant } from '../../engine/tenant/index.js';
import { runCli } from './run-cli.js';

const BASE = 'test/fixtures/ps/article-base.yaml';
const STEPS = 'test/powershell/fixtures/article-steps-9-10.ps1';
const CORPUS = 'test/fixtures/ps-corpus/shared-calling-scenario.ps1';

const made: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'callsim-ps-'));
  made.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The statement headers of the text transcript: `file:line:column> first line`. */
function headers(stdout: string, file: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith(`${file}:`) && l.includes('> ')).map((l) => l.split('> ')[0] ?? '');
}

describe('callsim ps: the article Step 9 and Step 10 replayed over the article tenant', () => {
  it('shows every command of the script in the transcript, in order', async () => {
    const { stdout } = await runCli('ps', STEPS, '--tenant', BASE);
    expect(headers(stdout, STEPS)).toEqual([4, 5, 6, 7, 8, 9, 10].map((line) => `${STEPS}:${line}:1`));
  });

  it('refuses the +1425555433 add with NUM003 in PowerShell shape at 9:1, and exits 1', async () => {
    const { code, stdout } = await runCli('ps', STEPS, '--tenant', BASE);
    const lines = stdout.split('\n');
    const at = lines.findIndex((l) => l.includes('Set-CsTeamsSharedCallingRoutingPolicy : NUM003: "+1425555433"'));
    expect([code, lines[at + 1]?.trim(), lines.at(at + 4)?.trim()]).toEqual([1, `At ${STEPS}:9 char:1`, '+ CategoryInfo: InvalidArgument (NUM003)']);
  });

  it('prints the findings of the resulting tenant after the transcript, and a summary', async () => {
    const { stdout } = await runCli('ps', STEPS, '--tenant', BASE);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.filter((l) => /^(error|warning) /.test(l)).map((l) => l.split(':')[0])).toEqual([
      'error USR005 user user@contoso.com',
      'warning RA001 resourceAccount main-aa@contoso.com',
      'warning RA004 resourceAccount main-aa@contoso.com',
    ]);
    expect(lines.at(-1)).toBe(`${STEPS}: 1 command refused; 1 error, 2 warnings`);
  });

  it('writes with -o a scenario that loads back to the tenant the script produced', async () => {
    const out = join(tempDir(), 'after.yaml');
    const { code } = await runCli('ps', STEPS, '--tenant', BASE, '-o', out);
    const base = await loadScenarioFile(BASE);
    if (!base.ok) throw new Error('fixture does not load');
    runScriptOnTenant(base.tenant, readFileSync(STEPS, 'utf8'), STEPS);
    const written = await loadScenarioFile(out);
    expect(code).toBe(1);
    expect(written.ok && written.tenant).toEqual(base.tenant);
  });

  it('keeps the other top-level fields of the base when writing with -o', async () => {
    const out = join(tempDir(), 'after.yaml');
    await runCli('ps', STEPS, '--tenant', BASE, '-o', out);
    const [base, written] = [await loadScenarioFile(BASE), await loadScenarioFile(out)];
    const fields = (r: typeof base) => (r.ok ? { ...r.scenario, file: '' } : r.issues);
    expect(fields(written)).toEqual(fields(base));
    expect(readFileSync(out, 'utf8')).toContain('# Kept as written when `callsim ps -o` replaces the tenant.');
  });

  it('prints the transcript and findings as one JSON document with --json', async () => {
    const { code, stdout } = await runCli('ps', STEPS, '--tenant', BASE, '--json');
    const report = JSON.parse(stdout) as { transcript: { kind: string; code?: string; line: number; column: number }[] } & Record<string, unknown>;
    expect(code).toBe(1);
    expect(Object.keys(report)).toEqual(['script', 'tenant', 'usable', 'exitCode', 'issues', 'transcript', 'completed', 'refused', 'findings', 'summary', 'output']);
    expect(report.transcript.filter((e) => e.kind === 'error')).toMatchObject([{ code: 'NUM003', line: 9, column: 1 }]);
    expect(report['summary']).toEqual({ refused: 1, errors: 1, warnings: 2 });
  });
});

describe('callsim ps: other scripts and unusable input', () => {
  it('replays the corpus shared-calling-scenario.ps1 with no command refused and no error finding', async () => {
    const { code, stdout } = await runCli('ps', CORPUS, '--tenant', BASE);
    expect([code, stdout.trimEnd().split('\n').at(-1)]).toEqual([0, `${CORPUS}: 0 commands refused; 0 errors, 2 warnings`]);
  });

  it('writes with -o after the corpus shared-calling-scenario.ps1 a scenario that loads back to the tenant the script produced', async () => {
    const out = join(tempDir(), 'after.yaml');
    const { code } = await runCli('ps', CORPUS, '--tenant', BASE, '-o', out);
    const base = await loadScenarioFile(BASE);
    if (!base.ok) throw new Error('fixture does not load');
    runScriptOnTenant(base.tenant, readFileSync(CORPUS, 'utf8'), CORPUS);
    const written = await loadScenarioFile(out);
    expect(code).toBe(0);
    expect(written.ok && written.tenant).toEqual(base.tenant);
  });

  it('writes with -o after New-CsOnlineLisCivicAddress a scenario that loads back to the same tenant', async () => {
    const dir = tempDir();
    const script = join(dir, 'civic.ps1');
    const out = join(dir, 'civic.yaml');
    writeFileSync(script, "New-CsOnlineLisCivicAddress -HouseNumber 1 -StreetName 'Main Street' -City Seattle -StateOrProvince WA -PostalCode 98101 -CountryOrRegion US\n");
    const { code } = await runCli('ps', script, '-o', out);
    const expected = emptyTenant();
    runScriptOnTenant(expected, readFileSync(script, 'utf8'), script);
    const written = await loadScenarioFile(out);
    expect([code, written.ok && written.tenant]).toEqual([0, expected]);
  });

  it('treats a script whose last character is a line-continuation backtick as a parse error, and exits 2', async () => {
    const dir = tempDir();
    const script = join(dir, 'trailing.ps1');
    writeFileSync(script, 'Get-CsOnlineUser `');
    const { code, stderr } = await runCli('ps', script);
    expect([code, stderr.split('\n')[0]?.split(': ').slice(0, 2)]).toEqual([2, [`${script}:1:18`, 'ParseError']]);
  });

  it('exits 2 for a script with a parse error, printed with file:line:column, and runs nothing', async () => {
    const { code, stdout, stderr } = await runCli('ps', 'test/fixtures/ps/parse-error.ps1', '--tenant', BASE);
    expect([code, stdout, stderr.split('\n')[0]?.split(': ').slice(0, 2)]).toEqual([2, '', ['test/fixtures/ps/parse-error.ps1:5:31', 'ParseError']]);
  });

  it('exits 2 for a script that does not exist, with one line and no stack trace', async () => {
    const { code, stdout, stderr } = await runCli('ps', 'no/such/script.ps1', '--tenant', BASE);
    expect([code, stdout, stderr]).toEqual([
      2,
      '',
      'no/such/script.ps1:1:1: file_unreadable: cannot read no/such/script.ps1: no such file (expected a readable PowerShell script)\n1 issue: the script did not run\n',
    ]);
  });

  it('exits 2 for a --tenant file that does not exist, with no stack trace', async () => {
    const { code, stderr } = await runCli('ps', STEPS, '--tenant', 'no/such/base.yaml');
    expect([code, stderr.split('\n')[0], /\n\s+at /.test(stderr)]).toEqual([
      2,
      'no/such/base.yaml:1:1: file_unreadable: cannot read no/such/base.yaml: no such file (expected a readable scenario file (--tenant))',
      false,
    ]);
  });

  it('starts from an empty tenant without --tenant, and says so', async () => {
    const { code, stdout } = await runCli('ps', 'test/fixtures/ps/empty-start.ps1');
    expect([code, stdout.split('\n')[0]]).toEqual([0, 'No --tenant given: starting from an empty tenant.']);
    expect(stdout).toContain('(no objects returned)');
  });

  it('writes with -o and without --tenant a new scenario that loads back to the same tenant', async () => {
    const out = join(tempDir(), 'new.yaml');
    const { code } = await runCli('ps', 'test/fixtures/ps/empty-start.ps1', '-o', out);
    const written = await loadScenarioFile(out);
    expect([code, written.ok && written.scenario.name, written.ok && written.tenant.credits.balance]).toEqual([0, 'Tenant after test/fixtures/ps/empty-start.ps1', 25]);
  });
});
