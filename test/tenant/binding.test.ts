import { describe, expect, it } from 'vitest';
import { cmdletCatalogue, findNumber, findUser, invokeCmdlet } from '../../engine/tenant/index.js';
import { RA_ID, USER_ID, USER_NUMBER, cmd, expectRefused, must, seattleTenant } from './fixtures.js';

describe('cmdlet binding', () => {
  it('matches cmdlet and parameter names in any case', () => {
    const t = seattleTenant();
    must(t, 'set-csphonenumberassignment', { IDENTITY: 'user@contoso.com', telephonenumber: USER_NUMBER, NumberTYPE: 'callingplan' });
    expect(findNumber(t, USER_NUMBER)?.assignedPstnTargetId).toBe(USER_ID);
  });

  it('takes -PhoneNumber and -PhoneNumberType as aliases', () => {
    const t = seattleTenant();
    must(t, 'Set-CsPhoneNumberAssignment', { Identity: 'user@contoso.com', PhoneNumber: USER_NUMBER, PhoneNumberType: 'CallingPlan' });
    expect(findNumber(t, USER_NUMBER)?.assignedPstnTargetId).toBe(USER_ID);
  });

  it('accepts an unambiguous parameter-name prefix', () => {
    const t = seattleTenant();
    must(t, 'Set-CsPhoneNumberAssignment', { Ident: 'user@contoso.com', Tel: USER_NUMBER, NumberT: 'CallingPlan' });
    expect(findNumber(t, USER_NUMBER)?.assignedPstnTargetId).toBe(USER_ID);
  });

  it('refuses an ambiguous prefix, naming the candidates', () => {
    const message = expectRefused(seattleTenant(), { name: 'Get-CsPhoneNumberAssignment', named: { TelephoneNumberC: '425', Telephone: '1' }, positional: [] }, 'UnknownParameter');
    expect(message).toContain('-TelephoneNumberContain');
  });

  it('refuses an unknown parameter and lists the valid ones', () => {
    const message = expectRefused(seattleTenant(), { name: 'Grant-CsTeamsSharedCallingRoutingPolicy', named: { User: 'x' }, positional: [] }, 'UnknownParameter');
    expect(message).toContain('-Identity, -PolicyName, -Group, -Rank, -Global');
  });

  it('suggests the nearest cmdlet for a misspelled name', () => {
    const r = invokeCmdlet(seattleTenant(), { name: 'Get-CsOnlineLisCivicAdress', named: {}, positional: [] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.code).toBe('UnknownCmdlet');
    expect(r.refusal.suggestion).toBe('Get-CsOnlineLisCivicAddress');
  });

  it('gives no suggestion for a name far from every cmdlet', () => {
    const r = invokeCmdlet(seattleTenant(), { name: 'Format-Table', named: {}, positional: [] });
    expect(r.ok ? 'ok' : r.refusal.suggestion).toBeUndefined();
  });

  it('binds positional arguments in order', () => {
    const t = seattleTenant();
    must(t, 'New-CsTeamsSharedCallingRoutingPolicy', { ResourceAccount: RA_ID }, ['Redmond']);
    expect(t.sharedCallingPolicies.map((p) => p.identity)).toContain('Redmond');
  });

  it('binds a positional argument within the parameter set the named ones chose', () => {
    const t = seattleTenant();
    must(t, 'Grant-CsTeamsSharedCallingRoutingPolicy', { Global: true }, ['Global']);
    expect(t.tenantGrants.SharedCalling).toBe('Global');
  });

  it('binds an object to a string parameter as its text', () => {
    const t = seattleTenant();
    const user = must(t, 'Get-CsOnlineUser', { Identity: 'user@contoso.com' }).output[0] ?? null;
    must(t, 'Set-CsPhoneNumberAssignment', { Identity: user, PhoneNumber: USER_NUMBER, PhoneNumberType: 'CallingPlan' });
    expect(findNumber(t, USER_NUMBER)?.assignedPstnTargetId).toBe(USER_ID);
  });

  it('keeps the text of a number bound to a string parameter', () => {
    const t = seattleTenant();
    must(t, 'Set-CsPhoneNumberAssignment', { Identity: 'user@contoso.com', PhoneNumber: 14255550123, PhoneNumberType: 'CallingPlan' });
    expect(findNumber(t, USER_NUMBER)?.assignedPstnTargetId).toBe(USER_ID);
  });

  it('refuses a missing mandatory parameter', () => {
    const message = expectRefused(seattleTenant(), { name: 'Set-CsPhoneNumberAssignment', named: { Identity: 'user@contoso.com', TelephoneNumber: USER_NUMBER }, positional: [] }, 'MissingParameter');
    expect(message).toContain('-NumberType');
  });

  it('refuses parameters of two parameter sets together', () => {
    expectRefused(seattleTenant(), { name: 'Set-CsPhoneNumberAssignment', named: { Identity: 'user@contoso.com', TelephoneNumber: USER_NUMBER, EnterpriseVoiceEnabled: true }, positional: [] }, 'AmbiguousParameterSet');
  });

  it('refuses a value that does not convert to the parameter type', () => {
    expectRefused(seattleTenant(), { name: 'Grant-CsTeamsSharedCallingRoutingPolicy', named: { Group: 'sales', Rank: 'first', PolicyName: 'Global' }, positional: [] }, 'InvalidParameterValue');
  });

  it('-WhatIf reports the change and leaves the tenant as it was', () => {
    const t = seattleTenant();
    const before = structuredClone(t);
    const r = must(t, 'Set-CsPhoneNumberAssignment', { Identity: 'user@contoso.com', PhoneNumber: USER_NUMBER, PhoneNumberType: 'CallingPlan', WhatIf: true });
    expect(r.changes[0]).toMatch(/^What if: \+14255550123 assigned to user user@contoso.com/);
    expect(t).toEqual(before);
  });

  it('accepts common parameters such as -ErrorAction', () => {
    const t = seattleTenant();
    expect(cmd(t, 'Set-CsPhoneNumberAssignment', { Identity: 'user@contoso.com', EnterpriseVoiceEnabled: '$true', ErrorAction: 'Stop' }).ok).toBe(true);
    expect(findUser(t, USER_ID)?.enterpriseVoiceEnabled).toBe(true);
  });
});

describe('cmdletCatalogue', () => {
  it('lists each cmdlet with its parameters and aliases', () => {
    const entry = cmdletCatalogue().find((c) => c.name === 'Set-CsPhoneNumberAssignment');
    expect(entry?.parameters.find((p) => p.name === 'TelephoneNumber')).toEqual({ name: 'TelephoneNumber', aliases: ['PhoneNumber'], type: 'string' });
  });

  it('has no two cmdlets with the same name', () => {
    const names = cmdletCatalogue().map((c) => c.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });
});
