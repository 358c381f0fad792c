import { describe, expect, it } from 'vitest';
import type { CmdletObject, CmdletValue } from '../../engine/tenant/cmdlet.js';
import { EMERGENCY_1, EMERGENCY_2, RA_ID, RA_NUMBER, USER_NUMBER, expectRefused, must, seattleTenant, seattleWithPolicy } from './fixtures.js';

function objects(values: CmdletValue[]): CmdletObject[] {
  return values.filter((v): v is CmdletObject => v !== null && typeof v === 'object' && !Array.isArray(v) && v.kind === 'object');
}

function texts(values: CmdletValue[]): string[] {
  return objects(values).map((o) => o.text);
}

describe('Get-CsPhoneNumberAssignment', () => {
  it("lists the numbers a Shared Calling policy holds by 'TeamsSharedCallingRoutingPolicy|Tag:Seattle'", () => {
    const t = seattleWithPolicy();
    const out = must(t, 'Get-CsPhoneNumberAssignment', { AssignedPstnTargetId: 'TeamsSharedCallingRoutingPolicy|Tag:Seattle' }).output;
    expect(texts(out)).toEqual([EMERGENCY_1, EMERGENCY_2]);
    expect(objects(out)[0]?.properties['PstnAssignmentStatus']).toBe('PolicyAssigned');
  });

  it("finds the resource account's number by its UPN, as the article's script does", () => {
    const out = objects(must(seattleTenant(), 'Get-CsPhoneNumberAssignment', { AssignedPstnTargetId: 'main-aa@contoso.com' }).output);
    expect(out.map((o) => [o.text, o.properties['NumberType'], o.properties['AssignedPstnTargetId'], o.properties['PstnAssignmentStatus']])).toEqual([
      [RA_NUMBER, 'CallingPlan', RA_ID, 'VoiceApplicationAssigned'],
    ]);
  });

  it('filters by assignment status', () => {
    const out = must(seattleWithPolicy(), 'Get-CsPhoneNumberAssignment', { PstnAssignmentStatus: 'Unassigned' }).output;
    expect(texts(out)).toEqual([USER_NUMBER]);
  });

  it('evaluates a simple -Filter joined by -and', () => {
    const out = must(seattleWithPolicy(), 'Get-CsPhoneNumberAssignment', { Filter: "NumberType -eq 'CallingPlan' -and TelephoneNumber -like '*4321'" }).output;
    expect(texts(out)).toEqual([EMERGENCY_2]);
  });

  it('refuses a -Filter it cannot evaluate, saying so', () => {
    const message = expectRefused(seattleTenant(), { name: 'Get-CsPhoneNumberAssignment', named: { Filter: "NumberType -ne 'CallingPlan'" }, positional: [] }, 'InvalidParameterValue');
    expect(message).toContain('not supported');
  });

  it('pages with -Skip and -Top', () => {
    const out = must(seattleTenant(), 'Get-CsPhoneNumberAssignment', { Skip: 1, Top: 2 }).output;
    expect(texts(out)).toEqual([EMERGENCY_1, EMERGENCY_2]);
  });
});

describe('Get-CsOnlineUser', () => {
  it('lists users and resource accounts with their account type', () => {
    const out = objects(must(seattleTenant(), 'Get-CsOnlineUser').output);
    expect(out.map((o) => [o.properties['UserPrincipalName'], o.properties['AccountType']])).toEqual([
      ['user@contoso.com', 'User'],
      ['main-aa@contoso.com', 'ResourceAccount'],
    ]);
  });

  it('gives the resource account with Identity = ObjectId and its LineUri', () => {
    const ra = objects(must(seattleTenant(), 'Get-CsOnlineUser', { Identity: 'main-aa@contoso.com' }).output)[0];
    expect(ra?.properties['Identity']).toBe(RA_ID);
    expect(ra?.properties['LineUri']).toBe(`tel:${RA_NUMBER}`);
  });
});

describe('directory and location cmdlets', () => {
  it('creates a resource account with New-CsOnlineApplicationInstance, the same id every run', () => {
    const a = seattleTenant();
    const b = seattleTenant();
    const named = { UserPrincipalName: 'cq@contoso.com', ApplicationId: '11cd3e2e-fccb-42ad-ad00-878b93575e07', DisplayName: 'Queue' };
    const first = must(a, 'New-CsOnlineApplicationInstance', named).output;
    const second = must(b, 'New-CsOnlineApplicationInstance', named).output;
    expect(texts(first)).toEqual(texts(second));
    expect(a.resourceAccounts[1]).toMatchObject({ userPrincipalName: 'cq@contoso.com', applicationType: 'CallQueue', licences: [] });
  });

  it('finds the Seattle civic address with its DefaultLocationId', () => {
    const out = objects(must(seattleTenant(), 'Get-CsOnlineLisCivicAddress', { City: 'Seattle' }).output);
    expect(out.map((o) => o.properties['DefaultLocationId'])).toEqual(['seattle-hq']);
  });

  it('creates a civic address and a second location at it', () => {
    const t = seattleTenant();
    const civic = objects(must(t, 'New-CsOnlineLisCivicAddress', { HouseNumber: '2', StreetName: 'Main St', City: 'Redmond', StateOrProvince: 'WA', PostalCode: '98052', CountryOrRegion: 'US', CompanyName: 'Contoso' }).output)[0];
    const floor = objects(must(t, 'New-CsOnlineLisLocation', { CivicAddressId: civic?.text ?? '', Location: '3rd floor' }).output)[0];
    const found = texts(must(t, 'Get-CsOnlineLisLocation', { City: 'Redmond' }).output);
    expect(found).toEqual([civic?.properties['DefaultLocationId'], floor?.text]);
  });
});

describe('emergency call routing and voice routing cmdlets', () => {
  it('builds an emergency call routing policy from New-CsTeamsEmergencyNumber objects', () => {
    const t = seattleTenant();
    const en1 = must(t, 'New-CsTeamsEmergencyNumber', { EmergencyDialString: '911', EmergencyDialMask: '933;112' }).output[0] ?? null;
    must(t, 'New-CsTeamsEmergencyCallRoutingPolicy', { Identity: 'TECRP-CPOC', EmergencyNumbers: { kind: 'hashtable', entries: { add: [en1] } }, AllowEnhancedEmergencyServices: true });
    expect(t.emergencyCallRoutingPolicies[1]).toEqual({
      identity: 'TECRP-CPOC',
      emergencyNumbers: [{ emergencyDialString: '911', emergencyDialMask: ['933', '112'], onlinePstnUsage: null }],
      allowEnhancedEmergencyServices: true,
      description: '',
    });
  });

  it('refuses an emergency number whose PSTN usage does not exist', () => {
    expectRefused(seattleTenant(), { name: 'New-CsTeamsEmergencyNumber', named: { EmergencyDialString: '911', OnlinePSTNUsage: 'WW' }, positional: [] }, 'InvalidParameterValue');
  });

  it('refuses a voice routing policy with a PSTN usage that does not exist', () => {
    expectRefused(seattleTenant(), { name: 'New-CsOnlineVoiceRoutingPolicy', named: { Identity: 'X', OnlinePstnUsages: ['US'] }, positional: [] }, 'InvalidParameterValue');
  });
});

describe('simulator-only credits cmdlets', () => {
  it('adds Communications Credits', () => {
    const t = seattleTenant();
    must(t, 'Add-CsSimCommunicationsCredits', { Amount: 25 });
    expect(t.credits.balance).toBe(25);
  });

  it('sets auto-recharge and turns it off again', () => {
    const t = seattleTenant();
    must(t, 'Set-CsSimCommunicationsCredits', { Balance: 10, AutoRechargeThreshold: 5, AutoRechargeAmount: 20 });
    expect(t.credits.autoRecharge).toEqual({ threshold: 5, amount: 20, failureProbability: 0 });
    must(t, 'Set-CsSimCommunicationsCredits', { AutoRechargeEnabled: false });
    expect(t.credits.autoRecharge).toBeNull();
  });

  it('refuses adding a negative amount', () => {
    expectRefused(seattleTenant(), { name: 'Add-CsSimCommunicationsCredits', named: { Amount: -5 }, positional: [] }, 'InvalidParameterValue');
  });
});
