import { describe, expect, it } from 'vitest';
import { runScriptOnTenant } from '../../engine/powershell/index.js';
import { articleTenant } from './article-tenant.js';

describe('a parameter that needs a value but is given none', () => {
  it("is PowerShell's missing-argument error at the parameter, and the script goes on", () => {
    const script = 'Get-CsOnlineUser -Identity\nWrite-Host next';
    const transcript = runScriptOnTenant(articleTenant(), script, 'missing.ps1');
    const errors = transcript.entries.filter((e) => e.kind === 'error');
    expect(errors.map((e) => [e.code, e.line, e.column])).toEqual([['MissingParameter', 1, 18]]);
    expect(errors[0]?.text).toContain("Missing an argument for parameter 'Identity'");
    expect(transcript.entries.some((e) => e.kind === 'host' && e.text === 'next')).toBe(true);
  });

  it('is recognised from an unambiguous prefix too, before the next parameter', () => {
    const script = 'Grant-CsTeamsSharedCallingRoutingPolicy -PolicyName Seattle -Ident';
    const errors = runScriptOnTenant(articleTenant(), script, 'prefix.ps1').entries.filter((e) => e.kind === 'error');
    expect(errors.map((e) => e.code)).toEqual(['MissingParameter']);
  });

  it('leaves switches alone: -Global needs no value', () => {
    const script = 'Grant-CsTeamsSharedCallingRoutingPolicy -PolicyName Seattle -Global';
    const errors = runScriptOnTenant(articleTenant(), script, 'switch.ps1').entries.filter((e) => e.kind === 'error');
    expect(errors.map((e) => e.code)).not.toContain('MissingParameter');
  });
});
