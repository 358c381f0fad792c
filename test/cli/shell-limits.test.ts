/**
 * `callsim shell` cannot be knocked over (issue 13): no line ends the session. Each reproducer is
 * typed into one session, which reports it and goes on with its variables and its tenant; a line
 * that runs into a bug of callsim's is reported as one, and the session goes on too.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runShell } from '../../cli/commands/shell.js';
import { ShellSession } from '../../cli/shell/session.js';
import { loadScenarioFile, scenarioFindings } from '../../engine/scenario/index.js';
import { emptyTenant, validate, type Tenant } from '../../engine/tenant/index.js';

const BASE = 'test/fixtures/ps/article-base.yaml';

async function articleSession(): Promise<ShellSession> {
  const loaded = await loadScenarioFile(BASE);
  if (!loaded.ok) throw new Error('fixture does not load');
  const scenario = loaded.scenario;
  return new ShellSession({ tenant: loaded.tenant, findings: (t) => scenarioFindings(scenario, t) });
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Feeds *lines* to *session*: what it printed, and whether any line reported a bug or ended it. */
function feed(session: ShellSession, lines: string[]): { output: string; bugs: number; exits: number } {
  let output = '';
  let bugs = 0;
  let exits = 0;
  for (const line of lines) {
    const result = session.handle(line);
    output += result.output;
    if (result.bug !== undefined) bugs++;
    if (result.exit) exits++;
  }
  return { output, bugs, exits };
}

describe('callsim shell: no line ends the session', () => {
  it('reports 1,000 nested parentheses as a parse error, and keeps the variables and the tenant (the reproducer ended the session)', async () => {
    const session = await articleSession();
    feed(session, ["$ecbn = '+14255556789'", '$ra = Get-CsOnlineUser -Identity main-aa@contoso.com']);
    const deep = feed(session, [`$x = ${'('.repeat(1000)}1${')'.repeat(1000)}`]);
    expect([deep.output.split('\n')[0], deep.output.split('\n')[1], deep.bugs, deep.exits]).toEqual([
      "the script nests more than 100 levels deep here, callsim's limit (each ( ), $( ), @( ), @{ } or { } inside another is a level, as is each link of a -eq/-like chain or a .Member chain)",
      'At line:1 char:106',
      0,
      0,
    ]);
    const after = feed(session, [
      'New-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -ResourceAccount $ra.Identity -EmergencyNumbers @{add=$ecbn}',
      'Get-CsTeamsSharedCallingRoutingPolicy -Identity Seattle',
    ]);
    expect(after.output).toContain('Shared Calling policy Seattle created: resource account main-aa@contoso.com (+14255550100), emergency numbers +14255556789\n');
    expect(after.output).toMatch(/^Identity +: Tag:Seattle$/m);
  });

  it('reports each "$s$s" past 1,000,000 characters at line:1 and goes on (the reproducer was an internal error)', () => {
    const session = new ShellSession({ tenant: emptyTenant(), findings: (t) => validate(t) });
    const { output, bugs } = feed(session, ['$s = "ab"', ...Array.from({ length: 27 }, () => '$s = "$s$s"'), '$s.Length']);
    const errors = output.split('\n').filter((l) => l.startsWith('The string would be'));
    expect([errors.length, errors[0], output.split('\n').filter((l) => l.startsWith('At ')).at(0), output.trimEnd().split('\n').at(-1), bugs]).toEqual([
      9,
      "The string would be 1,048,576 characters long, more than callsim's limit of 1,000,000.",
      'At line:1 char:6',
      '524288',
      0,
    ]);
  });

  it('prints nothing for 22 doublings of $a = $a, $a (the reproducer printed 100 MB)', () => {
    const session = new ShellSession({ tenant: emptyTenant(), findings: (t) => validate(t) });
    expect(feed(session, ['$a = 1', ...Array.from({ length: 22 }, () => '$a = $a, $a')])).toEqual({ output: '', bugs: 0, exits: 0 });
    expect(feed(session, ['$a']).output).toBe('{System.Object[], System.Object[]}\n{System.Object[], System.Object[]}\n');
  });

  it('answers 5,000 lines of $h = @{add=$h} in a few seconds at most, refusing each past 100 levels (the reproducer took 95 s and 1.9 GB)', () => {
    const session = new ShellSession({ tenant: emptyTenant(), findings: (t) => validate(t) });
    const started = cpuMs();
    const { output, bugs } = feed(session, ['$h = 1', ...Array.from({ length: 5000 }, () => '$h = @{add=$h}')]);
    const errors = output.split('\n').filter((l) => l.startsWith('The value would nest'));
    expect([errors.length, errors[0], bugs, cpuMs() - started < 5000]).toEqual([
      4900,
      "The value would nest arrays and hashtables 101 levels deep, more than callsim's limit of 100.",
      0,
      true,
    ]);
  });

  it('reports a line that runs into a bug of callsim\'s, keeps the variables, and goes on', () => {
    // A tenant whose every property read fails: any cmdlet that reaches it runs into an internal error.
    const broken = new Proxy(emptyTenant(), {
      get(target, key, receiver) {
        if (typeof key === 'string' && key !== 'then') throw new Error(`tenant broken at ${key}`);
        return Reflect.get(target, key, receiver) as unknown;
      },
    }) as Tenant;
    const session = new ShellSession({ tenant: broken, findings: (t) => validate(t) });
    const lines = ["$kept = 'yes'", 'Get-CsOnlineUser -Identity a@contoso.com', 'Write-Host $kept'].map((line) => session.handle(line));
    expect(lines.map((r) => [r.output, r.bug?.split('\n')[0], r.exit])).toEqual([
      ['', undefined, false],
      ['', expect.stringMatching(/^callsim: internal error: tenant broken at /) as unknown, false],
      ['yes\n', undefined, false],
    ]);
    expect(lines[1]?.bug).toContain('The shell goes on: the tenant and the variables keep what the line did before the error.');
    expect(session.bugs).toHaveLength(1);
  });

  it('reports a bug in validate the same way', () => {
    const session = new ShellSession({
      tenant: emptyTenant(),
      findings: () => {
        throw new Error('findings broken');
      },
    });
    expect([session.handle('validate').bug?.split('\n')[0], session.handle('Write-Host on').output]).toEqual(['callsim: internal error: findings broken', 'on\n']);
  });

  it('writes the report of a bug to the error stream and reads on (runShell)', async () => {
    let output = '';
    let errors = '';
    const session = new ShellSession({
      tenant: emptyTenant(),
      findings: () => {
        throw new Error('findings broken');
      },
    });
    await runShell(session, {
      input: Readable.from(['validate\n', 'Write-Host after\n']),
      output: { write: (s: string) => (output += s) },
      errors: { write: (s: string) => (errors += s) },
      terminal: undefined,
    });
    expect([output, errors.split('\n')[0]]).toEqual(['after\n', 'callsim: internal error: findings broken']);
  });
});
