import { describe, expect, it } from 'vitest';
import { acquireNumber, addLocation, addResourceAccount, addUser, assignNumber, findNumber, findUser, portOutNumber, releaseNumber, setEnterpriseVoice } from '../../engine/tenant/index.js';
import {
  EMERGENCY_1,
  RA_ID,
  RA_NUMBER,
  SEATTLE,
  USER_ID,
  USER_NUMBER,
  cmd,
  expectOpRefused,
  expectRefused,
  must,
  newUser,
  number,
  ok,
  seattleTenant,
  seattleWithPolicy,
} from './fixtures.js';

const SET = 'Set-CsPhoneNumberAssignment';
const REMOVE = 'Remove-CsPhoneNumberAssignment';

function assign(identity: string, phone: string, type = 'CallingPlan') {
  return { name: SET, named: { Identity: identity, TelephoneNumber: phone, NumberType: type }, positional: [] };
}

describe('Set-CsPhoneNumberAssignment', () => {
  it('NUM005: assigning a number to a user turns EnterpriseVoiceEnabled on', () => {
    const t = seattleTenant();
    const r = must(t, SET, { Identity: 'user@contoso.com', PhoneNumber: USER_NUMBER, PhoneNumberType: 'CallingPlan' });
    expect(findUser(t, USER_ID)?.enterpriseVoiceEnabled).toBe(true);
    expect(findNumber(t, USER_NUMBER)?.assignedPstnTargetId).toBe(USER_ID);
    expect(r.changes).toContain('user@contoso.com: EnterpriseVoiceEnabled set to True (NUM005)');
  });

  it('NUM001: refuses assigning an emergency number of a Shared Calling policy', () => {
    const message = expectRefused(seattleWithPolicy(), assign('user@contoso.com', EMERGENCY_1), 'NUM001');
    expect(message).toContain("-EmergencyNumbers @{remove='+14255556789'}");
  });

  it('NUM002: refuses a Calling Plan subscriber number on a resource account', () => {
    const t = seattleTenant();
    must(t, REMOVE, { Identity: RA_ID, RemoveAll: true });
    expectRefused(t, assign('main-aa@contoso.com', USER_NUMBER), 'NUM002');
  });

  it('NUM002: refuses a Calling Plan service number on a user', () => {
    const t = seattleTenant();
    ok(acquireNumber(t, number('+14255550200', { callingPlanUsage: 'Service' })));
    expectRefused(t, assign('user@contoso.com', '+14255550200'), 'NUM002');
  });

  it('NUM003: refuses a number typed with tel:', () => {
    expectRefused(seattleTenant(), assign('user@contoso.com', `tel:${USER_NUMBER}`), 'NUM003');
  });

  it('NUM003: refuses a -NumberType that is not the number\'s type', () => {
    expectRefused(seattleTenant(), assign('user@contoso.com', USER_NUMBER, 'DirectRouting'), 'NUM003');
  });

  it('NUM004: refuses a number already assigned to someone else', () => {
    expectRefused(seattleTenant(), assign('user@contoso.com', RA_NUMBER), 'NUM004');
  });

  it('NUM004: refuses a second number for a user who already holds one', () => {
    const t = seattleTenant();
    must(t, SET, { Identity: 'user@contoso.com', PhoneNumber: USER_NUMBER, PhoneNumberType: 'CallingPlan' });
    ok(acquireNumber(t, number('+14255550124')));
    expectRefused(t, assign('user@contoso.com', '+14255550124'), 'NUM004');
  });

  it('assigning a number the target already holds again changes nothing', () => {
    const t = seattleTenant();
    const before = structuredClone(t);
    const r = must(t, SET, { Identity: 'main-aa@contoso.com', PhoneNumber: RA_NUMBER, PhoneNumberType: 'CallingPlan' });
    expect(r.changes).toEqual([]);
    expect(t).toEqual(before);
  });

  it('NUM004: refuses a LocationId that names no location', () => {
    expectRefused(seattleTenant(), { name: SET, named: { TelephoneNumber: RA_NUMBER, LocationId: 'nowhere' }, positional: [] }, 'NUM004');
  });

  it('sets the location of a number (LocationUpdate set)', () => {
    const t = seattleTenant();
    ok(acquireNumber(t, number('+14255550200', { callingPlanUsage: 'Service' })));
    must(t, SET, { TelephoneNumber: '+14255550200', LocationId: SEATTLE });
    expect(findNumber(t, '+14255550200')?.locationId).toBe(SEATTLE);
  });

  it("NUM004: refuses clearing the location of a Calling Plan number with 'null'", () => {
    expectRefused(seattleTenant(), { name: SET, named: { TelephoneNumber: RA_NUMBER, LocationId: 'null' }, positional: [] }, 'NUM004');
  });

  it('clears the location of a Direct Routing number with $null', () => {
    const t = seattleTenant();
    ok(acquireNumber(t, number('+12065550000', { numberType: 'DirectRouting', callingPlanUsage: null, locationId: SEATTLE })));
    must(t, SET, { TelephoneNumber: '+12065550000', LocationId: null });
    expect(findNumber(t, '+12065550000')?.locationId).toBeNull();
  });

  it('sets EnterpriseVoiceEnabled (Attribute set)', () => {
    const t = seattleTenant();
    must(t, SET, { Identity: 'user@contoso.com', EnterpriseVoiceEnabled: true });
    expect(findUser(t, USER_ID)?.enterpriseVoiceEnabled).toBe(true);
  });

  it('NUM005: refuses -EnterpriseVoiceEnabled $false for a user who holds a number, and says to remove the number', () => {
    const t = seattleTenant();
    must(t, SET, { Identity: 'user@contoso.com', PhoneNumber: USER_NUMBER, PhoneNumberType: 'CallingPlan' });
    const message = expectRefused(t, { name: SET, named: { Identity: 'user@contoso.com', EnterpriseVoiceEnabled: false }, positional: [] }, 'NUM005');
    expect(message).toContain(`Remove-CsPhoneNumberAssignment -Identity user@contoso.com -PhoneNumber ${USER_NUMBER} -PhoneNumberType CallingPlan`);
    expect(findUser(t, USER_ID)?.enterpriseVoiceEnabled).toBe(true);
  });

  it('NUM005: the typed operation refuses it too, and quotes an ;ext= number in the Remove command it suggests', () => {
    const t = seattleTenant();
    ok(acquireNumber(t, number('+12065550000;ext=101', { numberType: 'DirectRouting', callingPlanUsage: null })));
    must(t, SET, { Identity: 'user@contoso.com', PhoneNumber: '+12065550000;ext=101', PhoneNumberType: 'DirectRouting' });
    const message = expectOpRefused(t, (x) => setEnterpriseVoice(x, { identity: 'user@contoso.com', enabled: false }), 'NUM005');
    expect(message).toContain("-PhoneNumber '+12065550000;ext=101' -PhoneNumberType DirectRouting");
  });

  it('NUM005: turns EnterpriseVoiceEnabled off for a user who holds no number', () => {
    const t = seattleTenant();
    must(t, SET, { Identity: 'user@contoso.com', EnterpriseVoiceEnabled: true });
    const r = must(t, SET, { Identity: 'user@contoso.com', EnterpriseVoiceEnabled: false });
    expect([findUser(t, USER_ID)?.enterpriseVoiceEnabled, r.changes]).toEqual([false, ['user@contoso.com: EnterpriseVoiceEnabled set to False']]);
  });

  it('NUM005: -EnterpriseVoiceEnabled $true for a number holder is allowed (it changes nothing)', () => {
    const t = seattleTenant();
    must(t, SET, { Identity: 'user@contoso.com', PhoneNumber: USER_NUMBER, PhoneNumberType: 'CallingPlan' });
    const before = structuredClone(t);
    must(t, SET, { Identity: 'user@contoso.com', EnterpriseVoiceEnabled: true });
    expect(t).toEqual(before);
  });

  it('NUM006: refuses a Calling Plan number for a user without a Calling Plan licence, in the words Teams uses', () => {
    const t = seattleTenant();
    ok(addUser(t, newUser('66666666-6666-4666-8666-666666666666', 'nolicence@contoso.com')));
    const message = expectRefused(t, assign('nolicence@contoso.com', USER_NUMBER), 'NUM006');
    expect(message).toContain("nolicence@contoso.com lacks appropriate licenses to assign a 'CallingPlan' number");
  });

  it('NUM006: the typed operation refuses it too', () => {
    const t = seattleTenant();
    ok(addUser(t, newUser('66666666-6666-4666-8666-666666666666', 'nolicence@contoso.com')));
    expectOpRefused(t, (x) => assignNumber(x, { identity: 'nolicence@contoso.com', telephoneNumber: USER_NUMBER, numberType: 'CallingPlan' }), 'NUM006');
  });

  it('NUM006: assigns a Calling Plan number to a user with a Calling Plan licence', () => {
    const t = seattleTenant();
    must(t, SET, { Identity: 'user@contoso.com', PhoneNumber: USER_NUMBER, PhoneNumberType: 'CallingPlan' });
    expect(findNumber(t, USER_NUMBER)?.assignedPstnTargetId).toBe(USER_ID);
  });

  it('NUM006: a Direct Routing or Operator Connect number needs no Calling Plan licence', () => {
    const t = seattleTenant();
    ok(addUser(t, newUser('66666666-6666-4666-8666-666666666666', 'nolicence@contoso.com')));
    ok(addUser(t, newUser('77777777-7777-4777-8777-777777777777', 'oc@contoso.com')));
    ok(acquireNumber(t, number('+12065550000;ext=101', { numberType: 'DirectRouting', callingPlanUsage: null })));
    ok(acquireNumber(t, number('+12065550001', { numberType: 'OperatorConnect', callingPlanUsage: null })));
    must(t, SET, { Identity: 'nolicence@contoso.com', PhoneNumber: '+12065550000;ext=101', PhoneNumberType: 'DirectRouting' });
    must(t, SET, { Identity: 'oc@contoso.com', PhoneNumber: '+12065550001', PhoneNumberType: 'OperatorConnect' });
    expect([findNumber(t, '+12065550000;ext=101')?.assignedPstnTargetId, findNumber(t, '+12065550001')?.assignedPstnTargetId]).toEqual([
      '66666666-6666-4666-8666-666666666666',
      '77777777-7777-4777-8777-777777777777',
    ]);
  });

  it('NUM007: refuses a number for a resource account without a Teams Phone Resource Account licence', () => {
    const t = seattleTenant();
    must(t, 'New-CsOnlineApplicationInstance', { UserPrincipalName: 'cq@contoso.com', ApplicationId: '11cd3e2e-fccb-42ad-ad00-878b93575e07', DisplayName: 'Queue' });
    ok(acquireNumber(t, number('+14255550200', { callingPlanUsage: 'Service' })));
    ok(acquireNumber(t, number('+12065550000', { numberType: 'DirectRouting', callingPlanUsage: null })));
    const message = expectRefused(t, assign('cq@contoso.com', '+14255550200'), 'NUM007');
    expect(message).toContain('no Microsoft Teams Phone Resource Account licence');
    expectRefused(t, assign('cq@contoso.com', '+12065550000', 'DirectRouting'), 'NUM007');
  });

  it('NUM007: assigns a number to a resource account with a Teams Phone Resource Account licence', () => {
    const t = seattleTenant();
    ok(addResourceAccount(t, { objectId: 'ra-cq', userPrincipalName: 'cq@contoso.com', displayName: 'Queue', applicationType: 'CallQueue', licences: ['TeamsPhoneResourceAccount'], voiceRoutingPolicy: null, autoAttendantId: null }));
    ok(acquireNumber(t, number('+14255550200', { callingPlanUsage: 'Service' })));
    must(t, SET, { Identity: 'cq@contoso.com', PhoneNumber: '+14255550200', PhoneNumberType: 'CallingPlan' });
    expect(findNumber(t, '+14255550200')?.assignedPstnTargetId).toBe('ra-cq');
  });
});

describe('Remove-CsPhoneNumberAssignment', () => {
  it('NUM005: removing a user\'s number turns EnterpriseVoiceEnabled off', () => {
    const t = seattleTenant();
    must(t, SET, { Identity: 'user@contoso.com', PhoneNumber: USER_NUMBER, PhoneNumberType: 'CallingPlan' });
    must(t, REMOVE, { Identity: 'user@contoso.com', PhoneNumber: USER_NUMBER, PhoneNumberType: 'CallingPlan', Notify: true });
    expect(findUser(t, USER_ID)?.enterpriseVoiceEnabled).toBe(false);
    expect(findNumber(t, USER_NUMBER)?.assignedPstnTargetId).toBeNull();
  });

  it("removing the resource account's own number is allowed and the policy stays, with an OUT004 warning", () => {
    const t = seattleWithPolicy();
    const r = must(t, REMOVE, { Identity: 'main-aa@contoso.com', RemoveAll: true });
    expect(r.warnings[0]).toContain('OUT004');
    expect(t.sharedCallingPolicies.map((p) => p.identity)).toContain('Seattle');
  });

  it('NUM001: refuses removing an emergency number of a policy as if it were assigned', () => {
    expectRefused(seattleWithPolicy(), { name: REMOVE, named: { Identity: 'user@contoso.com', TelephoneNumber: EMERGENCY_1, NumberType: 'CallingPlan' }, positional: [] }, 'NUM001');
  });

  it('NUM004: refuses removing a number the identity does not hold', () => {
    expectRefused(seattleTenant(), { name: REMOVE, named: { Identity: 'user@contoso.com', TelephoneNumber: RA_NUMBER, NumberType: 'CallingPlan' }, positional: [] }, 'NUM004');
  });

  it('accepts the assignment-blocking switches', () => {
    const t = seattleTenant();
    expect(cmd(t, REMOVE, { Identity: RA_ID, RemoveAll: true, AssignmentBlockedDays: 30 }).ok).toBe(true);
  });
});

describe('releasing and porting out numbers', () => {
  it('NUM001: refuses releasing an emergency number of a policy', () => {
    expectOpRefused(seattleWithPolicy(), (t) => releaseNumber(t, EMERGENCY_1), 'NUM001');
  });

  it('NUM001: refuses porting out an emergency number of a policy', () => {
    expectOpRefused(seattleWithPolicy(), (t) => portOutNumber(t, EMERGENCY_1), 'NUM001');
  });

  it("ports out the resource account's own number, leaving the policy", () => {
    const t = seattleWithPolicy();
    const r = must(t, 'Move-CsSimPhoneNumberOut', { TelephoneNumber: RA_NUMBER });
    expect(findNumber(t, RA_NUMBER)).toBeUndefined();
    expect(r.warnings[0]).toContain('OUT004');
  });

  it('releases a number after it was removed from the policy', () => {
    const t = seattleWithPolicy();
    must(t, 'Set-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Seattle', EmergencyNumbers: { kind: 'hashtable', entries: { remove: EMERGENCY_1 } } });
    must(t, 'Remove-CsOnlineTelephoneNumber', { TelephoneNumber: EMERGENCY_1 });
    expect(findNumber(t, EMERGENCY_1)).toBeUndefined();
  });

  it('NUM001: releasing a list leaves every number in place when one is refused', () => {
    expectRefused(seattleWithPolicy(), { name: 'Remove-CsOnlineTelephoneNumber', named: { TelephoneNumber: [USER_NUMBER, EMERGENCY_1] }, positional: [] }, 'NUM001');
  });
});

describe('setup operations', () => {
  it('NUM004: refuses a duplicate LocationId', () => {
    const t = seattleTenant();
    const copy = structuredClone(t.locations[0]);
    if (copy === undefined) throw new Error('fixture has a location');
    expectOpRefused(t, (x) => addLocation(x, copy), 'NUM004');
  });

  it('NUM003: refuses acquiring a number twice', () => {
    expectOpRefused(seattleTenant(), (t) => acquireNumber(t, number(USER_NUMBER)), 'NUM003');
  });

  it('NUM003: refuses a Calling Plan number without its usage', () => {
    expectOpRefused(seattleTenant(), (t) => acquireNumber(t, number('+14255550999', { callingPlanUsage: null })), 'NUM003');
  });

  it('NUM004: refuses a number whose location does not exist', () => {
    expectOpRefused(seattleTenant(), (t) => acquireNumber(t, number('+14255550999', { locationId: 'nowhere' })), 'NUM004');
  });
});
