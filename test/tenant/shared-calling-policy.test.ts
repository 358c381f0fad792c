import { describe, expect, it } from 'vitest';
import type { CmdletValue } from '../../engine/tenant/cmdlet.js';
import { acquireNumber, addResourceAccount, findSharedCallingPolicy, invokeCmdlet, type ResourceAccount, type Tenant } from '../../engine/tenant/index.js';
import {
  EMERGENCY_1,
  EMERGENCY_2,
  RA_ID,
  SEATTLE,
  USER_NUMBER,
  cmd,
  expectRefused,
  hashtable,
  must,
  number,
  ok,
  seattleTenant,
  seattleWithPolicy,
} from './fixtures.js';

const NEW = 'New-CsTeamsSharedCallingRoutingPolicy';
const SET = 'Set-CsTeamsSharedCallingRoutingPolicy';

function newPolicy(named: Record<string, CmdletValue>) {
  return { name: NEW, named, positional: [] };
}

function setPolicy(named: Record<string, CmdletValue>) {
  return { name: SET, named, positional: [] };
}

/** A second resource account, optionally with a number (assigned through the cmdlet). */
function addAccount(t: Tenant, upn: string, id: string, phone?: string, location?: string): void {
  const ra: ResourceAccount = {
    objectId: id,
    userPrincipalName: upn,
    displayName: upn,
    applicationType: 'AutoAttendant',
    licences: ['TeamsPhoneResourceAccount'],
    voiceRoutingPolicy: null,
    autoAttendantId: null,
  };
  ok(addResourceAccount(t, ra));
  if (phone !== undefined) {
    const n = t.numbers.find((x) => x.telephoneNumber === phone);
    must(t, 'Set-CsPhoneNumberAssignment', {
      Identity: upn,
      TelephoneNumber: phone,
      NumberType: n?.numberType ?? 'CallingPlan',
      ...(location === undefined ? {} : { LocationId: location }),
    });
  }
}

describe('New-CsTeamsSharedCallingRoutingPolicy', () => {
  it('creates the Seattle policy of the article and describes it in one change line', () => {
    const t = seattleTenant();
    const r = must(t, NEW, { Identity: 'Seattle', ResourceAccount: RA_ID, EmergencyNumbers: hashtable({ add: [EMERGENCY_1, EMERGENCY_2] }) });
    expect(r.changes).toEqual([
      'Shared Calling policy Seattle created: resource account main-aa@contoso.com (+14255550100), emergency numbers +14255556789, +14255554321',
    ]);
    expect(findSharedCallingPolicy(t, 'Tag:Seattle')).toEqual({ identity: 'Seattle', resourceAccount: RA_ID, emergencyNumbers: [EMERGENCY_1, EMERGENCY_2], description: '' });
  });

  it('accepts the resource account UPN but warns that Teams needs the ObjectId', () => {
    const t = seattleTenant();
    const r = must(t, NEW, { Identity: 'Seattle', ResourceAccount: 'main-aa@contoso.com', EmergencyNumbers: hashtable({ add: EMERGENCY_1 }) });
    expect(r.warnings[0]).toContain('(Get-CsOnlineUser main-aa@contoso.com).Identity');
    expect(findSharedCallingPolicy(t, 'Seattle')?.resourceAccount).toBe(RA_ID);
  });

  it('SC001: refuses a policy without -ResourceAccount', () => {
    expectRefused(seattleTenant(), newPolicy({ Identity: 'Seattle' }), 'SC001');
  });

  it('SC001: refuses a resource account that does not exist', () => {
    expectRefused(seattleTenant(), newPolicy({ Identity: 'Seattle', ResourceAccount: 'nobody@contoso.com' }), 'SC001');
  });

  it('SC001: refuses to create a second policy with the same identity', () => {
    expectRefused(seattleWithPolicy(), newPolicy({ Identity: 'seattle', ResourceAccount: RA_ID }), 'SC001');
  });

  it('SC001: refuses to create Global', () => {
    expectRefused(seattleTenant(), newPolicy({ Identity: 'Global', ResourceAccount: RA_ID }), 'SC001');
  });

  it('SC002: refuses a resource account without a phone number', () => {
    const t = seattleTenant();
    addAccount(t, 'cq@contoso.com', 'ra-2');
    expect(expectRefused(t, newPolicy({ Identity: 'X', ResourceAccount: 'ra-2' }), 'SC002')).toContain('cq@contoso.com');
  });

  it('SC003: refuses a resource account number without an emergency location, saying how to set one', () => {
    const t = seattleTenant();
    ok(acquireNumber(t, number('+14255550200', { callingPlanUsage: 'Service' })));
    addAccount(t, 'aa2@contoso.com', 'ra-2', '+14255550200');
    const message = expectRefused(t, newPolicy({ Identity: 'X', ResourceAccount: 'ra-2' }), 'SC003');
    expect(message).toContain('Set-CsPhoneNumberAssignment -PhoneNumber +14255550200 -LocationId <id>');
  });

  it('SC004: refuses an Operator Connect emergency number with a Calling Plan resource account number', () => {
    const t = seattleTenant();
    ok(acquireNumber(t, number('+14255550300', { numberType: 'OperatorConnect', callingPlanUsage: null })));
    expectRefused(t, newPolicy({ Identity: 'X', ResourceAccount: RA_ID, EmergencyNumbers: hashtable({ add: '+14255550300' }) }), 'SC004');
  });

  it('SC004: accepts Operator Connect emergency numbers with an Operator Connect resource account number', () => {
    const t = seattleTenant();
    const oc = { numberType: 'OperatorConnect' as const, callingPlanUsage: null };
    ok(acquireNumber(t, number('+14255550300', { ...oc, locationId: SEATTLE })));
    ok(acquireNumber(t, number('+14255550301', oc)));
    addAccount(t, 'oc@contoso.com', 'ra-oc', '+14255550300');
    expect(cmd(t, NEW, { Identity: 'OC', ResourceAccount: 'ra-oc', EmergencyNumbers: hashtable({ add: '+14255550301' }) }).ok).toBe(true);
  });

  it('SC005: refuses an emergency number of another country', () => {
    const t = seattleTenant();
    ok(acquireNumber(t, number('+16045550100', { isoCountryCode: 'CA' })));
    expectRefused(t, newPolicy({ Identity: 'X', ResourceAccount: RA_ID, EmergencyNumbers: hashtable({ add: '+16045550100' }) }), 'SC005');
  });

  it('SC006: refuses a Calling Plan service number in Japan', () => {
    const t = seattleTenant();
    ok(acquireNumber(t, number('+81312345678', { callingPlanUsage: 'Service', isoCountryCode: 'JP', locationId: SEATTLE })));
    addAccount(t, 'tokyo@contoso.com', 'ra-jp', '+81312345678');
    expect(expectRefused(t, newPolicy({ Identity: 'Tokyo', ResourceAccount: 'ra-jp' }), 'SC006')).toContain('JP');
  });

  it('SC006: refuses a service number the TNS desk marked unsupported', () => {
    const t = seattleTenant();
    ok(acquireNumber(t, number('+14255550200', { callingPlanUsage: 'Service', locationId: SEATTLE, sharedCallingUnsupported: true })));
    addAccount(t, 'aa2@contoso.com', 'ra-2', '+14255550200');
    expectRefused(t, newPolicy({ Identity: 'X', ResourceAccount: 'ra-2' }), 'SC006');
  });

  it('SC006: accepts an Operator Connect number in Japan', () => {
    const t = seattleTenant();
    ok(acquireNumber(t, number('+81312345678', { numberType: 'OperatorConnect', callingPlanUsage: null, isoCountryCode: 'JP', locationId: SEATTLE })));
    addAccount(t, 'tokyo@contoso.com', 'ra-jp', '+81312345678');
    expect(cmd(t, NEW, { Identity: 'Tokyo', ResourceAccount: 'ra-jp' }).ok).toBe(true);
  });

  it('SC007: refuses an emergency number that another policy holds', () => {
    const t = seattleWithPolicy();
    const message = expectRefused(t, newPolicy({ Identity: 'Redmond', ResourceAccount: RA_ID, EmergencyNumbers: hashtable({ add: EMERGENCY_1 }) }), 'SC007');
    expect(message).toContain('Seattle');
  });

  it('SC007: lets one resource account serve two policies with distinct emergency numbers', () => {
    const t = seattleWithPolicy();
    expect(cmd(t, NEW, { Identity: 'Redmond', ResourceAccount: RA_ID, EmergencyNumbers: hashtable({ add: USER_NUMBER }) }).ok).toBe(true);
  });

  it('SC008: refuses an emergency number assigned to a user', () => {
    const t = seattleTenant();
    must(t, 'Set-CsPhoneNumberAssignment', { Identity: 'user@contoso.com', TelephoneNumber: USER_NUMBER, NumberType: 'CallingPlan' });
    expectRefused(t, newPolicy({ Identity: 'X', ResourceAccount: RA_ID, EmergencyNumbers: hashtable({ add: USER_NUMBER }) }), 'SC008');
  });

  it("SC008, not SC009: refuses the resource account's own service number as an emergency number of a new policy", () => {
    const t = seattleTenant();
    const message = expectRefused(t, newPolicy({ Identity: 'X', ResourceAccount: RA_ID, EmergencyNumbers: hashtable({ add: '+14255550100' }) }), 'SC008');
    expect(message).toContain('is the number of resource account main-aa@contoso.com itself');
    expect(message).not.toContain('subscriber');
  });

  it("SC008, not SC009: refuses adding the resource account's own number to an existing policy's list", () => {
    const t = seattleWithPolicy();
    expectRefused(t, setPolicy({ Identity: 'Seattle', EmergencyNumbers: hashtable({ add: '+14255550100' }) }), 'SC008');
  });

  it('SC008 before SC004: an assigned number of another type is refused as assigned', () => {
    const t = seattleTenant();
    addAccount(t, 'dr@contoso.com', 'ra-dr');
    ok(acquireNumber(t, number('+12065550000', { numberType: 'DirectRouting', callingPlanUsage: null })));
    must(t, 'Set-CsPhoneNumberAssignment', { Identity: 'ra-dr', TelephoneNumber: '+12065550000', NumberType: 'DirectRouting' });
    expectRefused(t, newPolicy({ Identity: 'X', ResourceAccount: RA_ID, EmergencyNumbers: hashtable({ add: '+12065550000' }) }), 'SC008');
  });

  it('SC008: accepts unassigned subscriber numbers beside the resource account number', () => {
    const t = seattleTenant();
    must(t, NEW, { Identity: 'X', ResourceAccount: RA_ID, EmergencyNumbers: hashtable({ add: [EMERGENCY_1, EMERGENCY_2] }) });
    expect(findSharedCallingPolicy(t, 'X')?.emergencyNumbers).toEqual([EMERGENCY_1, EMERGENCY_2]);
  });

  it('SC009: refuses a Calling Plan service emergency number when the resource account has a service number', () => {
    const t = seattleTenant();
    ok(acquireNumber(t, number('+14255550200', { callingPlanUsage: 'Service' })));
    expectRefused(t, newPolicy({ Identity: 'X', ResourceAccount: RA_ID, EmergencyNumbers: hashtable({ add: '+14255550200' }) }), 'SC009');
  });

  it('SC010: refuses an empty emergency list with a toll-free resource account number', () => {
    const t = seattleTenant();
    ok(acquireNumber(t, number('+18005550100', { callingPlanUsage: 'TollFreeService', locationId: SEATTLE })));
    addAccount(t, 'tollfree@contoso.com', 'ra-tf', '+18005550100');
    expectRefused(t, newPolicy({ Identity: 'TF', ResourceAccount: 'ra-tf' }), 'SC010');
  });

  it('SC010: accepts a toll-free resource account number with subscriber emergency numbers', () => {
    const t = seattleTenant();
    ok(acquireNumber(t, number('+18005550100', { callingPlanUsage: 'TollFreeService', locationId: SEATTLE })));
    addAccount(t, 'tollfree@contoso.com', 'ra-tf', '+18005550100');
    expect(cmd(t, NEW, { Identity: 'TF', ResourceAccount: 'ra-tf', EmergencyNumbers: hashtable({ add: EMERGENCY_1 }) }).ok).toBe(true);
  });

  it('SC011: refuses an emergency number the tenant has not acquired', () => {
    expectRefused(seattleTenant(), newPolicy({ Identity: 'X', ResourceAccount: RA_ID, EmergencyNumbers: hashtable({ add: '+14255559999' }) }), 'SC011');
  });

  it('NUM003: refuses a malformed emergency number', () => {
    expectRefused(seattleTenant(), newPolicy({ Identity: 'X', ResourceAccount: RA_ID, EmergencyNumbers: hashtable({ add: '+1425555433' }) }), 'NUM003');
  });
});

describe('number changes that would break a policy', () => {
  it("SC003: refuses clearing the location of a policy's Direct Routing resource account number", () => {
    const t = seattleTenant();
    const dr = { numberType: 'DirectRouting' as const, callingPlanUsage: null };
    ok(acquireNumber(t, number('+12065550000', { ...dr, locationId: SEATTLE })));
    addAccount(t, 'dr@contoso.com', 'ra-dr', '+12065550000');
    must(t, NEW, { Identity: 'DR', ResourceAccount: 'ra-dr' });
    expectRefused(t, { name: 'Set-CsPhoneNumberAssignment', named: { TelephoneNumber: '+12065550000', LocationId: 'null' }, positional: [] }, 'SC003');
  });

  it("SC004: refuses giving a policy's resource account a new number of another type than its emergency numbers", () => {
    const t = seattleWithPolicy();
    must(t, 'Remove-CsPhoneNumberAssignment', { Identity: RA_ID, RemoveAll: true });
    ok(acquireNumber(t, number('+14255550300', { numberType: 'OperatorConnect', callingPlanUsage: null, locationId: SEATTLE })));
    expectRefused(t, { name: 'Set-CsPhoneNumberAssignment', named: { Identity: RA_ID, TelephoneNumber: '+14255550300', NumberType: 'OperatorConnect' }, positional: [] }, 'SC004');
  });

  it("gives a policy's resource account a new number that fits the policy", () => {
    const t = seattleWithPolicy();
    must(t, 'Remove-CsPhoneNumberAssignment', { Identity: RA_ID, RemoveAll: true });
    ok(acquireNumber(t, number('+14255550200', { callingPlanUsage: 'Service', locationId: SEATTLE })));
    expect(cmd(t, 'Set-CsPhoneNumberAssignment', { Identity: RA_ID, TelephoneNumber: '+14255550200', NumberType: 'CallingPlan' }).ok).toBe(true);
  });
});

describe('Set-CsTeamsSharedCallingRoutingPolicy -EmergencyNumbers', () => {
  it('removes a number with @{remove=...}', () => {
    const t = seattleWithPolicy();
    const r = must(t, SET, { Identity: 'Seattle', EmergencyNumbers: hashtable({ remove: EMERGENCY_2 }) });
    expect(findSharedCallingPolicy(t, 'Seattle')?.emergencyNumbers).toEqual([EMERGENCY_1]);
    expect(r.changes[0]).toContain('removed +14255554321');
  });

  it('replaces the list with a plain list', () => {
    const t = seattleWithPolicy();
    must(t, SET, { Identity: 'Seattle', EmergencyNumbers: [EMERGENCY_2] });
    expect(findSharedCallingPolicy(t, 'Seattle')?.emergencyNumbers).toEqual([EMERGENCY_2]);
  });

  it('replaces the list with @{replace=...}', () => {
    const t = seattleWithPolicy();
    must(t, SET, { Identity: 'Seattle', EmergencyNumbers: hashtable({ replace: [EMERGENCY_2, EMERGENCY_1] }) });
    expect(findSharedCallingPolicy(t, 'Seattle')?.emergencyNumbers).toEqual([EMERGENCY_2, EMERGENCY_1]);
  });

  it('accepts numbers given as numeric values', () => {
    const t = seattleWithPolicy();
    must(t, SET, { Identity: 'Seattle', EmergencyNumbers: hashtable({ add: 14255550123 }) });
    expect(findSharedCallingPolicy(t, 'Seattle')?.emergencyNumbers).toContain(USER_NUMBER);
  });

  it('SC012: refuses removing a number the policy lacks', () => {
    expectRefused(seattleWithPolicy(), setPolicy({ Identity: 'Seattle', EmergencyNumbers: hashtable({ remove: USER_NUMBER }) }), 'SC012');
  });

  it('SC012: refuses adding a number the policy already has', () => {
    expectRefused(seattleWithPolicy(), setPolicy({ Identity: 'Seattle', EmergencyNumbers: hashtable({ add: EMERGENCY_1 }) }), 'SC012');
  });

  it('SC012: refuses adding the same number twice in one call', () => {
    expectRefused(seattleWithPolicy(), setPolicy({ Identity: 'Seattle', EmergencyNumbers: hashtable({ add: [USER_NUMBER, USER_NUMBER] }) }), 'SC012');
  });

  it('SC010: refuses emptying the list of a toll-free resource account policy', () => {
    const t = seattleTenant();
    ok(acquireNumber(t, number('+18005550100', { callingPlanUsage: 'TollFreeService', locationId: SEATTLE })));
    addAccount(t, 'tollfree@contoso.com', 'ra-tf', '+18005550100');
    must(t, NEW, { Identity: 'TF', ResourceAccount: 'ra-tf', EmergencyNumbers: hashtable({ add: EMERGENCY_1 }) });
    expectRefused(t, setPolicy({ Identity: 'TF', EmergencyNumbers: hashtable({ remove: EMERGENCY_1 }) }), 'SC010');
  });

  it('SC001: refuses a policy that does not exist', () => {
    expectRefused(seattleWithPolicy(), setPolicy({ Identity: 'Nowhere', Description: 'x' }), 'SC001');
  });
});

describe('Get- and Remove-CsTeamsSharedCallingRoutingPolicy', () => {
  it('lists Global and every tag policy with no arguments', () => {
    const t = seattleWithPolicy();
    expect(must(t, 'Get-CsTeamsSharedCallingRoutingPolicy').output.map((o) => (o as { text: string }).text)).toEqual(['Global', 'Tag:Seattle']);
  });

  it('-Filter "tag:*" leaves out Global', () => {
    const t = seattleWithPolicy();
    expect(must(t, 'Get-CsTeamsSharedCallingRoutingPolicy', { Filter: 'tag:*' }).output.map((o) => (o as { text: string }).text)).toEqual(['Tag:Seattle']);
  });

  it('removes the policies piped from Get -Filter "tag:*"', () => {
    const t = seattleWithPolicy();
    for (const policy of must(t, 'Get-CsTeamsSharedCallingRoutingPolicy', { Filter: 'tag:*' }).output) {
      expect(invokeCmdlet(t, { name: 'Remove-CsTeamsSharedCallingRoutingPolicy', named: {}, positional: [], pipelineInput: policy }).ok).toBe(true);
    }
    expect(t.sharedCallingPolicies.map((p) => p.identity)).toEqual(['Global']);
  });

  it('SC001: resets Global to empty instead of removing it', () => {
    const t = seattleTenant();
    must(t, SET, { Identity: 'Global', ResourceAccount: RA_ID, EmergencyNumbers: [EMERGENCY_1] });
    const r = must(t, 'Remove-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Global' });
    expect(r.changes[0]).toContain('reset to empty');
    expect(findSharedCallingPolicy(t, 'Global')).toEqual({ identity: 'Global', resourceAccount: null, emergencyNumbers: [], description: '' });
  });

  it('SC001: refuses removing a policy that does not exist', () => {
    expectRefused(seattleTenant(), { name: 'Remove-CsTeamsSharedCallingRoutingPolicy', named: { Identity: 'Nowhere' }, positional: [] }, 'SC001');
  });
});

