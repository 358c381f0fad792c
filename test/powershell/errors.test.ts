import { describe, expect, it } from 'vitest';
import type { CmdletResult } from '../../engine/tenant/cmdlet.js';
import { runScript } from '../../engine/powershell/index.js';
import { object, ok, recordingInvoker } from './fake-invoker.js';

const num003: CmdletResult = {
  ok: false,
  refusal: { code: 'NUM003', message: 'NUM003: +1425555433 is not a valid North American number: +1 takes exactly ten digits.' },
};
const unknownCmdlet: CmdletResult = {
  ok: false,
  refusal: { code: 'UnknownCmdlet', message: 'UnknownCmdlet', suggestion: 'Get-CsOnlineLisCivicAddress' },
};
const unknownParameter: CmdletResult = {
  ok: false,
  refusal: { code: 'UnknownParameter', message: "A parameter cannot be found that matches parameter name 'Bogus'." },
};

function run(source: string, responses: Parameters<typeof recordingInvoker>[0] = {}, fileName = 'step3.ps1') {
  const { invoke, calls } = recordingInvoker(responses);
  return { transcript: runScript(source, { fileName, invoke }), calls };
}

describe('errors at run time', () => {
  it('prints a refused cmdlet in PowerShell shape with its rule ID and position, and goes on', () => {
    const source = "# header\nSet-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -EmergencyNumbers @{add='+1425555433'}\nGet-After\n";
    const { transcript, calls } = run(source, { 'set-csteamssharedcallingroutingpolicy': num003 });
    expect(calls.map((c) => c.name)).toEqual(['Set-CsTeamsSharedCallingRoutingPolicy', 'Get-After']);
    const error = transcript.entries.find((e) => e.kind === 'error');
    expect(error).toMatchObject({ line: 2, column: 1, code: 'NUM003' });
    expect(error?.text.split('\n')).toEqual([
      'Set-CsTeamsSharedCallingRoutingPolicy : NUM003: +1425555433 is not a valid North American number: +1 takes exactly ten digits.',
      'At step3.ps1:2 char:1',
      "+ Set-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -EmergencyNumbers @{add='+1425555433'}",
      '+ ~',
      '+ CategoryInfo: InvalidArgument (NUM003)',
    ]);
    expect(transcript.completed).toBe(true);
  });

  it('stops the script when a cmdlet refuses under -ErrorAction Stop outside try', () => {
    const { transcript, calls } = run('Set-N -ErrorAction Stop\nGet-After\n', { 'set-n': num003 });
    expect(calls.map((c) => c.name)).toEqual(['Set-N']);
    expect(transcript.completed).toBe(false);
    expect(transcript.entries.at(-1)).toMatchObject({ kind: 'error', code: 'NUM003' });
  });

  it('does not catch a refusal without -ErrorAction Stop: it prints and try goes on', () => {
    const { transcript } = run('try { Set-N; Write-Host after } catch { Write-Host caught }\n', { 'set-n': num003 });
    expect(transcript.entries.map((e) => e.kind)).toEqual(['error', 'host']);
    expect(transcript.entries[1]?.text).toBe('after');
  });

  it('suggests the nearest cmdlet name for an unknown cmdlet, with line:column', () => {
    const source = "$x = 1\n  $CivicAddress = Get-CsOnlineLisCivicAdress -City Seattle\nGet-After\n";
    const { transcript, calls } = run(source, { 'get-csonlinelisciviccadress': unknownCmdlet, 'get-csonlineliscivicadress': unknownCmdlet });
    const error = transcript.entries.find((e) => e.kind === 'error');
    expect(error).toMatchObject({ line: 2, column: 19, code: 'UnknownCmdlet' });
    expect(error?.text).toContain(
      "The term 'Get-CsOnlineLisCivicAdress' is not recognized as a name of a cmdlet, function, script file, or executable program. Did you mean Get-CsOnlineLisCivicAddress?",
    );
    expect(error?.text).toContain('At step3.ps1:2 char:19');
    expect(calls.at(-1)?.name).toBe('Get-After');
  });

  it('names an unknown cmdlet without a suggestion when none is close', () => {
    const unknown: CmdletResult = { ok: false, refusal: { code: 'UnknownCmdlet', message: 'UnknownCmdlet' } };
    const { transcript } = run('Frobnicate-Everything\n', { 'frobnicate-everything': unknown });
    expect(transcript.entries[0]?.text.split('\n')[0]).toBe(
      "The term 'Frobnicate-Everything' is not recognized as a name of a cmdlet, function, script file, or executable program.",
    );
  });

  it('catches an unknown cmdlet in try without -ErrorAction Stop', () => {
    const { transcript } = run('try { Get-Nope } catch { Write-Host caught }\n', { 'get-nope': unknownCmdlet });
    expect(transcript.entries.map((e) => [e.kind, e.code])).toEqual([
      ['warning', 'Caught'],
      ['host', undefined],
    ]);
  });

  it('ends only its statement on a binding error', () => {
    const { transcript, calls } = run('Set-N -Bogus 1 | Set-M\nGet-After\n', { 'set-n': unknownParameter });
    expect(calls.map((c) => c.name)).toEqual(['Set-N', 'Get-After']);
    expect(transcript.entries[0]).toMatchObject({ kind: 'error', code: 'UnknownParameter' });
    expect(transcript.entries[0]?.text).toContain("Set-N : A parameter cannot be found that matches parameter name 'Bogus'.");
  });

  it('warns when a variable that was never set is read', () => {
    const { transcript, calls } = run('Set-N -Identity $nobody\n');
    expect(calls[0]?.named['Identity']).toBeNull();
    expect(transcript.entries[0]).toMatchObject({ kind: 'warning', code: 'UnsetVariable', line: 1, column: 17 });
    expect(transcript.entries[0]?.text).toBe("The variable '$nobody' has not been set; its value is $null.");
  });

  it('warns when an object lacks the property a script reads', () => {
    const civic = object('CivicAddress', 'Seattle', { CivicAddressId: 'abc' });
    const { transcript, calls } = run('$c = Get-C\nSet-N -LocationId $c.DefaultLocationId\n', { 'get-c': ok([civic]) });
    expect(calls[1]?.named['LocationId']).toBeNull();
    const warning = transcript.entries.find((e) => e.kind === 'warning');
    expect(warning).toMatchObject({ code: 'MissingProperty', line: 2, column: 19 });
    expect(warning?.text).toBe("the CivicAddress 'Seattle' has no property 'DefaultLocationId'; its value is $null.");
  });

  it('refuses an -ErrorAction other than Stop or Continue', () => {
    const { transcript, calls } = run('Set-N -ErrorAction Inquire\n');
    expect(calls).toEqual([]);
    expect(transcript.entries[0]?.text).toContain('-ErrorAction Inquire is not supported: use Stop or Continue.');
  });

  it('refuses a parameter given twice', () => {
    const { transcript, calls } = run('Set-N -Identity a -identity b\n');
    expect(calls).toEqual([]);
    expect(transcript.entries[0]).toMatchObject({ kind: 'error', code: 'InvalidParameterValue', column: 19 });
    expect(transcript.entries[0]?.text).toContain("parameter 'identity' is specified more than once");
  });

  it('refuses parameters to Write-Host', () => {
    const { transcript } = run('Write-Host -ForegroundColor Red hi\n');
    expect(transcript.entries[0]?.text).toContain('Write-Host parameters (-ForegroundColor) are not supported');
  });
});

describe('what a successful statement shows', () => {
  it('lists the changes and warnings a cmdlet reports', () => {
    const { transcript } = run('Set-P -Identity Seattle\n', { 'set-p': ok([], ['Seattle: removed +14255554321'], ['careful']) });
    expect(transcript.entries.map((e) => [e.kind, e.text])).toEqual([
      ['warning', 'careful'],
      ['ok', 'Seattle: removed +14255554321'],
    ]);
  });

  it('says so when a cmdlet changed nothing', () => {
    const { transcript } = run('Grant-P -Identity u\n');
    expect(transcript.entries.map((e) => e.text)).toEqual(['Grant-P: done, nothing changed']);
  });

  it('prints nothing for an assignment, as PowerShell does: its entry only marks that it ran', () => {
    const ra = object('OnlineUser', 'main-aa@contoso.com', { Identity: 'main-aa@contoso.com' });
    const variables = new Map();
    const { invoke } = recordingInvoker({ 'get-u': ok([ra]) });
    const transcript = runScript('$ra = Get-U\n', { fileName: 'step3.ps1', invoke, variables });
    expect([transcript.entries, variables.get('ra')]).toEqual([[{ line: 1, column: 1, source: '$ra = Get-U', kind: 'assigned', text: '' }], ra]);
  });

  it('prints uncaptured Get- output as a list of properties', () => {
    const policy = object('SharedCallingRoutingPolicy', 'Seattle', { Identity: 'Seattle', EmergencyNumbers: ['+1', '+2'] });
    const { transcript } = run('Get-P\n', { 'get-p': ok([policy]) });
    expect(transcript.entries[0]).toMatchObject({ kind: 'output', text: 'Identity         : Seattle\nEmergencyNumbers : {+1, +2}' });
  });

  it('says when a Get- cmdlet returned nothing', () => {
    const { transcript } = run('Get-P -Identity nothing\n');
    expect(transcript.entries[0]).toMatchObject({ kind: 'output', text: '(no objects returned)' });
  });
});
