import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { rulePage } from '../../cli/rule-page.js';
import { runShell } from '../../cli/commands/shell.js';
import { completeLine } from '../../cli/shell/complete.js';
import { CONTINUATION_PROMPT, PROMPT, ShellSession } from '../../cli/shell/session.js';
import { loadScenarioFile, scenarioFindings } from '../../engine/scenario/index.js';
import { emptyTenant, validate } from '../../engine/tenant/index.js';
import { runCli } from './run-cli.js';

const BASE = 'test/fixtures/ps/article-base.yaml';

async function articleSession(): Promise<ShellSession> {
  const loaded = await loadScenarioFile(BASE);
  if (!loaded.ok) throw new Error('fixture does not load');
  const scenario = loaded.scenario;
  return new ShellSession({ tenant: loaded.tenant, findings: (t) => scenarioFindings(scenario, t) });
}

function emptySession(): ShellSession {
  return new ShellSession({ tenant: emptyTenant(), findings: (t) => validate(t) });
}

/** Feeds *lines* to *session* and returns everything it printed. */
function feed(session: ShellSession, lines: string[]): string {
  return lines.map((line) => session.handle(line).output).join('');
}

describe('callsim shell session', () => {
  it('keeps variables from one line to the next', async () => {
    const output = feed(await articleSession(), [
      "$ecbn1 = '+14255556789'",
      '$ra = Get-CsOnlineUser -Identity main-aa@contoso.com',
      'New-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -ResourceAccount $ra.Identity -EmergencyNumbers @{add=$ecbn1}',
    ]);
    expect(output).toContain('Shared Calling policy Seattle created: resource account main-aa@contoso.com (+14255550100), emergency numbers +14255556789\n');
  });

  it('keeps the tenant changes from one line to the next', async () => {
    const session = await articleSession();
    feed(session, ['$ra = Get-CsOnlineUser -Identity main-aa@contoso.com', 'New-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -ResourceAccount $ra.Identity']);
    expect(feed(session, ['Get-CsTeamsSharedCallingRoutingPolicy -Identity Seattle'])).toMatch(/^Identity +: Tag:Seattle$/m);
  });

  it('prints a refusal in PowerShell shape, at line:1 as the console does', async () => {
    const output = feed(await articleSession(), ["Set-CsTeamsSharedCallingRoutingPolicy -Identity Global -EmergencyNumbers @{add='+1425555433'}"]);
    expect(output.split('\n').slice(0, 2)).toEqual([
      'Set-CsTeamsSharedCallingRoutingPolicy : NUM003: "+1425555433" has 9 digits after +1; a North American number has exactly 10 (area code and 7 digits).',
      'At line:1 char:1',
    ]);
  });

  it('prints the findings of the tenant as it is now for validate', async () => {
    const session = await articleSession();
    const before = feed(session, ['validate']).split(':')[0];
    feed(session, [
      '$ra = Get-CsOnlineUser -Identity main-aa@contoso.com',
      'New-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -ResourceAccount $ra.Identity',
      'Grant-CsTeamsSharedCallingRoutingPolicy -PolicyName Seattle -Identity user@contoso.com',
    ]);
    const after = feed(session, ['validate']).split('\n');
    expect([before, after[0]?.split(':')[0], after.at(-2)]).toEqual(['error USR008 user user@contoso.com', 'error USR005 user user@contoso.com', 'validate: 1 error(s), 3 warning(s)']);
  });

  it('says so when validate finds nothing', () => {
    expect(feed(emptySession(), ['validate'])).toBe('validate: no findings\n');
  });

  it('prints the text of a rule for explain RULEID, in any case', () => {
    // The same plain-text page as `callsim explain SC002`.
    const out = feed(emptySession(), ['explain sc002']);
    expect(out).toBe(`${rulePage('SC002').trimEnd()}\n`);
    expect(out).toContain('The resource account named in a policy must have a phone number.');
    expect(out).not.toMatch(/\*\*|`/);
  });

  it('says what a rule ID looks like for explain with an unknown ID', () => {
    expect(feed(emptySession(), ['explain XY1'])).toBe('explain: XY1 is not a rule ID of docs/rules.md (they look like SC003, NUM001, RA002; callsim explain lists them)\n');
  });

  it('lists the shell commands and every cmdlet for help', () => {
    const output = feed(emptySession(), ['help']);
    expect([output.includes('  explain RULEID'), output.includes('  Grant-CsTeamsSharedCallingRoutingPolicy\n')]).toEqual([true, true]);
  });

  it('asks for the caller to stop on exit', () => {
    expect(emptySession().handle('exit')).toEqual({ output: '', exit: true });
  });

  it('waits for the rest of an open block, with the continuation prompt, then runs it whole', () => {
    const session = emptySession();
    const first = session.handle('if ($true) {');
    const prompt = session.prompt();
    const second = session.handle('  Write-Host inside');
    const last = session.handle('}');
    expect([first.output, prompt, second.output, last.output, session.prompt()]).toEqual(['', CONTINUATION_PROMPT, '', 'inside\n', PROMPT]);
  });

  it('continues a line that ends with a backtick', () => {
    const session = emptySession();
    expect([session.handle('Write-Host one `').output, session.handle('two').output]).toEqual(['', 'one two\n']);
  });

  it('runs what is buffered when an empty line ends the continuation, reporting its parse error', () => {
    const session = emptySession();
    session.handle('if ($true) {');
    expect(session.handle('').output.split('\n').slice(0, 2)).toEqual(["expected '}' to close the block opened at 1:12", 'At line:1 char:13']);
  });

  it('drops a half-typed block on cancel', () => {
    const session = emptySession();
    session.handle('if ($true) {');
    expect([session.cancel(), session.prompt(), session.handle('Write-Host after').output]).toEqual([true, PROMPT, 'after\n']);
  });
});

describe('runShell', () => {
  it('reads lines from a stream until exit, without a terminal', async () => {
    let output = '';
    await runShell(emptySession(), {
      input: Readable.from(["$x = 'kept'\n", 'Write-Host $x\n', 'exit\n', 'Write-Host never\n']),
      output: { write: (s: string) => (output += s) },
      terminal: undefined,
    });
    expect(output).toBe('kept\n');
  });

  it('runs a block still open when the input ends', async () => {
    let output = '';
    await runShell(emptySession(), { input: Readable.from(['if ($true) {\n', 'Write-Host end\n', '}']), output: { write: (s: string) => (output += s) }, terminal: undefined });
    expect(output).toBe('end\n');
  });
});

describe('shell tab completion', () => {
  it('completes cmdlet names at the start of a line', () => {
    expect(completeLine('New-CsTeamsSh')).toEqual([['New-CsTeamsSharedCallingRoutingPolicy'], 'New-CsTeamsSh']);
  });

  it('completes cmdlet names after an assignment, ignoring case', () => {
    expect(completeLine('$ra = get-csonlineu')).toEqual([['Get-CsOnlineUser'], 'get-csonlineu']);
  });

  it('completes the parameters of the cmdlet being typed', () => {
    expect(completeLine('Grant-CsTeamsSharedCallingRoutingPolicy -Pol')).toEqual([['-PolicyName'], '-Pol']);
  });

  it('completes parameters after a hashtable argument of the same cmdlet', () => {
    expect(completeLine('New-CsTeamsSharedCallingRoutingPolicy -EmergencyNumbers @{add=$a} -Res')).toEqual([['-ResourceAccount'], '-Res']);
  });

  it('completes the parameters of the last command of a pipeline', () => {
    expect(completeLine('Get-CsOnlineUser -Identity x | Grant-CsTeamsSharedCallingRoutingPolicy -Gl')).toEqual([['-Global'], '-Gl']);
  });

  it('offers the shell commands at the start of a line', () => {
    expect(completeLine('val')).toEqual([['validate'], 'val']);
  });

  it('completes rule IDs after explain', () => {
    expect(completeLine('explain USR00')[0]).toEqual(['USR001', 'USR002', 'USR003', 'USR004', 'USR005', 'USR006', 'USR007', 'USR008', 'USR009']);
  });

  it('offers nothing inside an argument value', () => {
    expect(completeLine('Get-CsOnlineUser -Identity us')).toEqual([[], 'us']);
  });
});

describe('callsim shell', () => {
  it('exits 2 for a scenario that does not exist, before reading any input', async () => {
    const { code, stderr } = await runCli('shell', 'no/such/base.yaml');
    expect([code, stderr.split('\n')[0]]).toEqual([2, 'no/such/base.yaml:1:1: file_unreadable: cannot read no/such/base.yaml: no such file (expected a readable scenario file)']);
  });
});
