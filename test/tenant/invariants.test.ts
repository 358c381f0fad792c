import { describe, expect, it } from 'vitest';
import { tenantInvariantViolations } from '../../engine/tenant/index.js';
import { EMERGENCY_1, RA_NUMBER, USER_ID, seattleTenant, seattleWithPolicy } from './fixtures.js';

function codes(t: Parameters<typeof tenantInvariantViolations>[0]): string[] {
  return tenantInvariantViolations(t).map((r) => r.code);
}

describe('tenantInvariantViolations', () => {
  it('finds nothing in a tenant built through the cmdlets', () => {
    expect(tenantInvariantViolations(seattleWithPolicy())).toEqual([]);
  });

  it('SC008: finds an emergency number that is also assigned to a user', () => {
    const t = seattleWithPolicy();
    const n = t.numbers.find((x) => x.telephoneNumber === EMERGENCY_1);
    if (n === undefined) throw new Error('fixture number');
    n.assignedPstnTargetId = USER_ID;
    t.users[0]!.enterpriseVoiceEnabled = true;
    expect(codes(t)).toEqual(['SC008']);
  });

  it('SC003: finds a resource account number whose location was cleared', () => {
    const t = seattleWithPolicy();
    const n = t.numbers.find((x) => x.telephoneNumber === RA_NUMBER);
    if (n === undefined) throw new Error('fixture number');
    n.locationId = null;
    expect(codes(t)).toEqual(['SC003']);
  });

  it('NUM005: finds a user who holds a number but is not Enterprise Voice enabled', () => {
    const t = seattleTenant();
    const n = t.numbers.find((x) => x.assignedPstnTargetId === null && x.callingPlanUsage === 'Subscriber');
    if (n === undefined) throw new Error('fixture number');
    n.assignedPstnTargetId = USER_ID;
    expect(codes(t)).toEqual(['NUM005']);
  });

  it('NUM006: finds a Calling Plan number held by a user without a Calling Plan licence', () => {
    const t = seattleTenant();
    t.users[0]!.licences = ['TeamsPhone'];
    t.users[0]!.enterpriseVoiceEnabled = true;
    const n = t.numbers.find((x) => x.assignedPstnTargetId === null && x.callingPlanUsage === 'Subscriber');
    if (n === undefined) throw new Error('fixture number');
    n.assignedPstnTargetId = USER_ID;
    expect(codes(t)).toEqual(['NUM006']);
  });

  it('NUM007: finds a number held by a resource account without a Teams Phone Resource Account licence', () => {
    const t = seattleTenant();
    t.resourceAccounts[0]!.licences = ['PayAsYouGoCallingPlan', 'CommunicationsCredits'];
    expect(codes(t)).toEqual(['NUM007']);
  });

  it("SC008: finds the resource account's own number in its policy's emergency numbers, before SC009", () => {
    const t = seattleWithPolicy();
    t.sharedCallingPolicies.find((p) => p.identity === 'Seattle')!.emergencyNumbers.push(RA_NUMBER);
    expect(codes(t)).toEqual(['SC008']);
  });

  it('NUM002 and NUM004: finds a subscriber number on a resource account that already has one', () => {
    const t = seattleTenant();
    const ra = t.resourceAccounts[0]!.objectId;
    const n = t.numbers.find((x) => x.assignedPstnTargetId === null && x.callingPlanUsage === 'Subscriber');
    if (n === undefined) throw new Error('fixture number');
    n.assignedPstnTargetId = ra;
    expect(codes(t)).toEqual(['NUM002', 'NUM004']);
  });

  it('SC007 and SC012: finds a number in two policies and twice in one list, each time it occurs', () => {
    const t = seattleWithPolicy();
    t.sharedCallingPolicies.push({ identity: 'Copy', resourceAccount: t.resourceAccounts[0]!.objectId, emergencyNumbers: [EMERGENCY_1, EMERGENCY_1], description: '' });
    expect(codes(t)).toEqual(['SC007', 'SC007', 'SC012']);
  });

  it('reports in the same order every time', () => {
    const t = seattleWithPolicy();
    t.numbers.forEach((n) => (n.locationId = 'gone'));
    expect(tenantInvariantViolations(t)).toEqual(tenantInvariantViolations(structuredClone(t)));
  });
});
