import { describe, expect, it } from 'vitest';
import { runScript } from '../../engine/powershell/index.js';
import { object, ok, recordingInvoker } from './fake-invoker.js';

function run(source: string, responses: Parameters<typeof recordingInvoker>[0] = {}) {
  const { invoke, calls } = recordingInvoker(responses);
  const transcript = runScript(source, { fileName: 'test.ps1', invoke });
  return { transcript, calls };
}

const raAccount = object('OnlineUser', 'main-aa@contoso.com', {
  Identity: 'main-aa@contoso.com',
  UserPrincipalName: 'main-aa@contoso.com',
});

describe('the PowerShell subset', () => {
  it('skips line comments and block comments', () => {
    const { calls } = run('# header\n<# a\nblock #>\nGet-X # trailing\n');
    expect(calls).toEqual([{ name: 'Get-X', named: {}, positional: [] }]);
  });

  it('joins lines ending in a backtick into one command', () => {
    const { calls } = run('Set-X -Identity a `\n  -Description b\n');
    expect(calls[0]?.named).toEqual({ Identity: 'a', Description: 'b' });
  });

  it('reads variable names case-insensitively', () => {
    const { calls } = run("$Number = '+14255556789'\nSet-X -TelephoneNumber $NUMBER\n");
    expect(calls[0]?.named).toEqual({ TelephoneNumber: '+14255556789' });
  });

  it('keeps single-quoted strings literal', () => {
    const { calls } = run("$x = 'a'\nSet-X -Description 'it''s $x'\n");
    expect(calls[0]?.named['Description']).toBe("it's $x");
  });

  it('expands $var and $($x.Y) inside double quotes', () => {
    const { calls } = run('$ra = Get-CsOnlineUser\n$n = 2\nSet-X -Description "ra $($ra.Identity) n=$n."\n', {
      'get-csonlineuser': ok([raAccount]),
    });
    expect(calls[1]?.named['Description']).toBe('ra main-aa@contoso.com n=2.');
  });

  it('accepts curly quotes as double and single quotes', () => {
    const { calls } = run('Set-X -A \u201C+12223334444;ext=6789\u201D -B \u2018x\u2019\n');
    expect(calls[0]?.named).toEqual({ A: '+12223334444;ext=6789', B: 'x' });
  });

  it('reads numbers in expressions as numbers', () => {
    const { calls } = run('$size = 25\nGet-X -ResultSize $size\n');
    expect(calls[0]?.named['ResultSize']).toBe(25);
  });

  it('passes number-like bare words as their text', () => {
    const { calls } = run('Set-X -TelephoneNumber +12065551234 -EmergencyDialString 911 -Rank 10\n');
    expect(calls[0]?.named).toEqual({ TelephoneNumber: '+12065551234', EmergencyDialString: '911', Rank: '10' });
  });

  it('passes e-mails, GUIDs and enum names as bare-word strings', () => {
    const { calls } = run('Get-X -Identity user@contoso.com -LocationId 5aa884e8-d548-4b8e-a289-52bfd5265a6e -NumberType CallingPlan\n');
    expect(calls[0]?.named).toEqual({
      Identity: 'user@contoso.com',
      LocationId: '5aa884e8-d548-4b8e-a289-52bfd5265a6e',
      NumberType: 'CallingPlan',
    });
  });

  it('reads $true, $false and $null in any case', () => {
    const { calls } = run('Set-X -A $True -B $FALSE -C $Null\n');
    expect(calls[0]?.named).toEqual({ A: true, B: false, C: null });
  });

  it('makes an array from a comma list argument', () => {
    const { calls } = run('New-X -OnlinePstnUsages "Long Distance", "Local", "Internal"\n');
    expect(calls[0]?.named['OnlinePstnUsages']).toEqual(['Long Distance', 'Local', 'Internal']);
  });

  it('makes an array from @( )', () => {
    const { calls } = run("$list = @('a'; 'b')\nSet-X -Items $list -Empty @()\n");
    expect(calls[0]?.named).toEqual({ Items: ['a', 'b'], Empty: [] });
  });

  it('makes a hashtable with lower-case keys and array values', () => {
    const { calls } = run("Set-X -EmergencyNumbers @{Add='+14255556677','+14255554321'}\n");
    expect(calls[0]?.named['EmergencyNumbers']).toEqual({
      kind: 'hashtable',
      entries: { add: ['+14255556677', '+14255554321'] },
    });
  });

  it('separates hashtable entries with semicolons or new lines', () => {
    const { calls } = run("Set-X -Usage @{add='a'; remove='b'\n replace = 'c'}\n");
    expect(calls[0]?.named['Usage']).toEqual({ kind: 'hashtable', entries: { add: 'a', remove: 'b', replace: 'c' } });
  });

  it('puts variables holding objects into hashtable values', () => {
    const en = object('TeamsEmergencyNumber', '911', { EmergencyDialString: '911' });
    const { calls } = run('$en1 = New-CsTeamsEmergencyNumber\n$en2 = New-CsTeamsEmergencyNumber\nNew-X -EmergencyNumbers @{add=$en1,$en2}\n', {
      'new-csteamsemergencynumber': ok([en]),
    });
    expect(calls[2]?.named['EmergencyNumbers']).toEqual({ kind: 'hashtable', entries: { add: [en, en] } });
  });

  it('reads object members case-insensitively', () => {
    const { calls } = run('$ra = Get-CsOnlineUser\nNew-X -ResourceAccount $ra.identity\n', { 'get-csonlineuser': ok([raAccount]) });
    expect(calls[1]?.named['ResourceAccount']).toBe('main-aa@contoso.com');
  });

  it('reads .Count of a parenthesised command and of scalars', () => {
    const { transcript } = run('Write-Host (Get-X).Count ("a").Count $null.Count\n', { 'get-x': ok(['a', 'b', 'c']) });
    expect(transcript.entries.filter((e) => e.kind === 'host').map((e) => e.text)).toEqual(['3 1 0']);
  });

  it('reads .Length of arrays and strings', () => {
    const { transcript } = run("$a = 'x','y'\n$s = 'abcd'\nWrite-Host $a.Length $s.Length\n");
    expect(transcript.entries.find((e) => e.kind === 'host')?.text).toBe('2 4');
  });

  it('binds named parameters, positional values and switches', () => {
    const { calls } = run('Grant-X Seattle -Global -Identity u@contoso.com extra\n');
    expect(calls[0]).toEqual({ name: 'Grant-X', named: { Global: true, Identity: 'u@contoso.com' }, positional: ['Seattle', 'extra'] });
  });

  it('treats a parameter with no value before another parameter as a switch', () => {
    const { calls } = run('Remove-X -Identity u -RemoveAll -Notify\n');
    expect(calls[0]?.named).toEqual({ Identity: 'u', RemoveAll: true, Notify: true });
  });

  it('binds colon-bound parameter values', () => {
    const { calls } = run('$v = $false\nNew-X -AllowEnhancedEmergencyServices:$true -Global:$v\n');
    expect(calls[0]?.named).toEqual({ AllowEnhancedEmergencyServices: true, Global: false });
  });

  it('passes each output object of a pipeline as pipeline input to one call of the next cmdlet', () => {
    const a = object('Policy', 'Tag:A', { Identity: 'Tag:A' });
    const b = object('Policy', 'Tag:B', { Identity: 'Tag:B' });
    const { calls } = run('Get-X -Filter "tag:*" | Remove-X\n', { 'get-x': ok([a, b]) });
    expect(calls.slice(1)).toEqual([
      { name: 'Remove-X', named: {}, positional: [], pipelineInput: a },
      { name: 'Remove-X', named: {}, positional: [], pipelineInput: b },
    ]);
  });

  it('passes a -Filter script block on as its text', () => {
    const { calls } = run('Get-CsOnlineUser -Filter {LineURI -eq "tel:+1234,ext:"}\n');
    expect(calls[0]?.named['Filter']).toBe('LineURI -eq "tel:+1234,ext:"');
  });

  it('keeps | ; and , inside quotes', () => {
    const { calls } = run(`Get-X -A 'P|Tag:SC1' -B "117;897" -C "Office 101, 1st Floor"\n`);
    expect(calls[0]?.named).toEqual({ A: 'P|Tag:SC1', B: '117;897', C: 'Office 101, 1st Floor' });
  });

  it('runs statements separated by semicolons', () => {
    const { calls } = run('Get-A; Get-B ;Get-C\n');
    expect(calls.map((c) => c.name)).toEqual(['Get-A', 'Get-B', 'Get-C']);
  });

  it('takes the if branch when -eq matches case-insensitively', () => {
    const number = object('PhoneNumberAssignment', '+14255551000', { NumberType: 'DirectRouting' });
    const source = "$p = Get-N\nif ($p.NumberType -eq 'directrouting') { Set-DR }\nelse { Set-CP }\n";
    expect(run(source, { 'get-n': ok([number]) }).calls.map((c) => c.name)).toEqual(['Get-N', 'Set-DR']);
  });

  it('takes an else on its own line after a blank line', () => {
    const source = "if ('a' -eq 'b') {\n  Set-A\n}\n\nelse {\n  Set-B\n}\n";
    expect(run(source).calls.map((c) => c.name)).toEqual(['Set-B']);
  });

  it('takes the first elseif whose condition holds', () => {
    const source = "if ('a' -ne 'a') { Set-A } elseif ('abc' -notlike 'a*') { Set-B } elseif ('abc' -like 'A?C') { Set-C } else { Set-D }\n";
    expect(run(source).calls.map((c) => c.name)).toEqual(['Set-C']);
  });

  it('matches -like wildcards * and ? and nothing else', () => {
    const source = "if ('+1425.5' -like '+1425?5') { Set-Dot }\nif ('a[b]' -like 'a[b]*') { Set-Bracket }\n";
    expect(run(source).calls.map((c) => c.name)).toEqual(['Set-Dot', 'Set-Bracket']);
  });

  it('loops foreach over each item of a list', () => {
    const numbers = [object('N', '+1', { TelephoneNumber: '+1' }), object('N', '+2', { TelephoneNumber: '+2' })];
    const source = 'foreach ($No in (Get-N)) {\n  Remove-N -TelephoneNumber $no.TelephoneNumber\n}\n';
    const { calls } = run(source, { 'get-n': ok(numbers) });
    expect(calls.slice(1).map((c) => c.named['TelephoneNumber'])).toEqual(['+1', '+2']);
  });

  it('runs catch when a cmdlet refuses under -ErrorAction Stop', () => {
    const refused = { ok: false as const, refusal: { code: 'NUM004' as const, message: 'NUM004: taken.' } };
    const source = 'Try { Set-N -ErrorAction Stop; Set-After } Catch { Write-Host An error occurred }\nSet-Last\n';
    const { calls, transcript } = run(source, { 'set-n': refused });
    expect(calls.map((c) => c.name)).toEqual(['Set-N', 'Set-Last']);
    expect(transcript.entries.filter((e) => e.kind === 'host').map((e) => e.text)).toEqual(['An error occurred']);
  });

  it('does not pass -ErrorAction on to the cmdlet', () => {
    const { calls } = run('Set-N -Identity u -ErrorAction Stop\n');
    expect(calls[0]?.named).toEqual({ Identity: 'u' });
  });

  it('prints Write-Host arguments joined by spaces', () => {
    const { transcript } = run('$n = 3\nWrite-Host $n numbers found in "old location"\n');
    expect(transcript.entries.at(-1)).toMatchObject({ kind: 'host', text: '3 numbers found in old location', line: 2, column: 1 });
  });

  it('strips a PS C:\\> prompt prefix with a warning and runs the command', () => {
    const { calls, transcript } = run('PS C:\\> New-X -Identity "A"\n');
    expect(calls[0]).toEqual({ name: 'New-X', named: { Identity: 'A' }, positional: [] });
    expect(transcript.entries[0]).toMatchObject({ kind: 'warning', code: 'PromptPrefix', line: 1, column: 1 });
  });
});

describe('text pasted from documents', () => {
  it('reads scripts with Windows line endings', () => {
    const { calls } = run("$a = 'x'\r\nif ($a -eq 'x') {\r\n  Set-X -A $a `\r\n   -B 'y'\r\n}\r\n");
    expect(calls).toEqual([{ name: 'Set-X', named: { A: 'x', B: 'y' }, positional: [] }]);
  });

  it('reads an en dash or em dash before a parameter or operator as a hyphen', () => {
    const { calls } = run("if ('a' \u2013eq 'A') { Set-X \u2013Identity u \u2014Global }\n");
    expect(calls[0]?.named).toEqual({ Identity: 'u', Global: true });
  });
});
