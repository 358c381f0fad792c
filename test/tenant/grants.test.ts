import { describe, expect, it } from 'vitest';
import { addUser, effectivePolicyName, findUser, type Tenant, type User } from '../../engine/tenant/index.js';
import { EMERGENCY_2, RA_ID, USER_ID, expectRefused, hashtable, must, newUser, ok, seattleTenant } from './fixtures.js';

const GRANT = 'Grant-CsTeamsSharedCallingRoutingPolicy';

/** Seattle tenant with three policies on the same resource account. */
function threePolicies(): Tenant {
  const t = seattleTenant();
  must(t, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Direct', ResourceAccount: RA_ID });
  must(t, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'GroupA', ResourceAccount: RA_ID });
  must(t, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'GroupB', ResourceAccount: RA_ID, EmergencyNumbers: hashtable({ add: EMERGENCY_2 }) });
  must(t, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Tenant', ResourceAccount: RA_ID });
  ok(addUser(t, newUser('u-2', 'both@contoso.com', { groups: ['sales', 'support'] })));
  return t;
}

function effective(t: Tenant, upn: string) {
  const user = findUser(t, upn) as User;
  return effectivePolicyName(t, user, 'SharedCalling');
}

describe('Grant-CsTeamsSharedCallingRoutingPolicy', () => {
  it('grants a policy to a user by UPN', () => {
    const t = threePolicies();
    must(t, GRANT, { Identity: 'user@contoso.com', PolicyName: 'Direct' });
    expect(findUser(t, USER_ID)?.policies.sharedCalling).toBe('Direct');
  });

  it('GRT001: refuses a policy that does not exist', () => {
    expectRefused(threePolicies(), { name: GRANT, named: { Identity: 'user@contoso.com', PolicyName: 'Nowhere' }, positional: [] }, 'GRT001');
  });

  it('GRT001: refuses a user that does not exist', () => {
    expectRefused(threePolicies(), { name: GRANT, named: { Identity: 'ghost@contoso.com', PolicyName: 'Direct' }, positional: [] }, 'GRT001');
  });

  it('GRT001: refuses a group that does not exist', () => {
    expectRefused(threePolicies(), { name: GRANT, named: { Group: 'nobody', Rank: 1, PolicyName: 'GroupA' }, positional: [] }, 'GRT001');
  });

  it('-PolicyName $null removes the direct grant', () => {
    const t = threePolicies();
    must(t, GRANT, { Identity: 'user@contoso.com', PolicyName: 'Direct' });
    must(t, GRANT, { Identity: 'user@contoso.com', PolicyName: null });
    expect(findUser(t, USER_ID)?.policies.sharedCalling).toBeNull();
  });
});

describe('effective Shared Calling policy', () => {
  it('a direct grant beats group and tenant grants', () => {
    const t = threePolicies();
    must(t, GRANT, { Group: 'sales', Rank: 1, PolicyName: 'GroupA' });
    must(t, GRANT, { Global: true, PolicyName: 'Tenant' });
    must(t, GRANT, { Identity: 'user@contoso.com', PolicyName: 'Direct' });
    expect(effective(t, 'user@contoso.com')).toEqual({ name: 'Direct', source: 'direct' });
  });

  it('the group grant with the lowest rank wins', () => {
    const t = threePolicies();
    must(t, GRANT, { Group: 'sales', Rank: 2, PolicyName: 'GroupA' });
    must(t, GRANT, { Group: 'support', Rank: 1, PolicyName: 'GroupB' });
    expect(effective(t, 'both@contoso.com')).toEqual({ name: 'GroupB', source: 'group' });
  });

  it('a group grant beats the tenant-wide grant', () => {
    const t = threePolicies();
    must(t, GRANT, { Global: true, PolicyName: 'Tenant' });
    must(t, GRANT, { Group: 'sales', Rank: 1, PolicyName: 'GroupA' });
    expect(effective(t, 'user@contoso.com')).toEqual({ name: 'GroupA', source: 'group' });
  });

  it('the tenant-wide grant beats Global', () => {
    const t = threePolicies();
    must(t, GRANT, { Global: true, PolicyName: 'Tenant' });
    expect(effective(t, 'user@contoso.com')).toEqual({ name: 'Tenant', source: 'tenant' });
  });

  it('with no grant the user has Global', () => {
    expect(effective(threePolicies(), 'user@contoso.com')).toEqual({ name: 'Global', source: 'global' });
  });

  it('a removed policy falls back to the next grant', () => {
    const t = threePolicies();
    must(t, GRANT, { Global: true, PolicyName: 'Tenant' });
    must(t, GRANT, { Identity: 'user@contoso.com', PolicyName: 'Direct' });
    must(t, 'Remove-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Direct' });
    expect(effective(t, 'user@contoso.com')).toEqual({ name: 'Tenant', source: 'tenant' });
  });
});

describe('other grants', () => {
  it('grants an online voice routing policy to a resource account', () => {
    const t = seattleTenant();
    must(t, 'Set-CsOnlinePstnUsage', { Identity: 'Global', Usage: hashtable({ add: 'US' }) });
    must(t, 'New-CsOnlineVoiceRoutingPolicy', { Identity: 'Seattle', OnlinePstnUsages: 'US' });
    must(t, 'Grant-CsOnlineVoiceRoutingPolicy', { Identity: 'main-aa@contoso.com', PolicyName: 'Seattle' });
    expect(t.resourceAccounts[0]?.voiceRoutingPolicy).toBe('Seattle');
  });

  it('GRT001: refuses an emergency call routing policy that does not exist', () => {
    expectRefused(seattleTenant(), { name: 'Grant-CsTeamsEmergencyCallRoutingPolicy', named: { Identity: 'user@contoso.com', PolicyName: 'Nowhere' }, positional: [] }, 'GRT001');
  });
});
