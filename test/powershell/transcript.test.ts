import { describe, expect, it } from 'vitest';
import { formatTranscript, runScript } from '../../engine/powershell/index.js';
import type { CmdletResult } from '../../engine/tenant/index.js';
import { ok, recordingInvoker } from './fake-invoker.js';

describe('formatTranscript', () => {
  it('prints each statement once with the location of its first entry, then what it printed, indented', () => {
    const refused: CmdletResult = { ok: false, refusal: { code: 'SC012', message: 'SC012: Seattle has no emergency number +1.' } };
    const { invoke } = recordingInvoker({ 'set-p': refused, 'grant-p': ok([], ['u: granted Seattle']) });
    const transcript = runScript("PS C:\\> Grant-P -Identity u\nWrite-Host done\nSet-P -X @{remove='+1'}\n", { fileName: 's.ps1', invoke });
    expect(formatTranscript(transcript)).toBe(
      [
        's.ps1:1:1> Grant-P -Identity u',
        "  WARNING: Stripped the console prompt 'PS C:\\>' that the documentation shows in front of the command; it is not part of the command.",
        '  u: granted Seattle',
        's.ps1:2:1> Write-Host done',
        '  done',
        "s.ps1:3:1> Set-P -X @{remove='+1'}",
        '  Set-P : SC012: Seattle has no emergency number +1.',
        '  At s.ps1:3 char:1',
        "  + Set-P -X @{remove='+1'}",
        '  + ~',
        '  + CategoryInfo: InvalidArgument (SC012)',
        '',
      ].join('\n'),
    );
  });

  it('ends with a note when the script stopped', () => {
    const refused: CmdletResult = { ok: false, refusal: { code: 'GRT001', message: 'GRT001: no policy X.' } };
    const { invoke } = recordingInvoker({ 'grant-p': refused });
    const transcript = runScript('Grant-P -PolicyName X -ErrorAction Stop\nGet-Q\n', { fileName: 's.ps1', invoke });
    expect(formatTranscript(transcript).trimEnd().split('\n').at(-1)).toBe('Script stopped.');
  });

  it('ends with a note when the script did not parse', () => {
    const { invoke } = recordingInvoker();
    const transcript = runScript('Get-Q -A <x>\n', { fileName: 's.ps1', invoke });
    expect(formatTranscript(transcript).trimEnd().split('\n').at(-1)).toBe('The script did not run: it has a parse error.');
  });
});
