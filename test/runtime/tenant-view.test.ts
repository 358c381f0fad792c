import { describe, expect, it } from 'vitest';
import { TenantView } from '../../engine/runtime/tenant-view.js';
import { emptyTenant } from '../../engine/tenant/empty-tenant.js';
import type { PhoneNumber, Tenant } from '../../engine/tenant/model.js';
import { makeUser } from './fixtures.js';

function number(telephoneNumber: string, assignedPstnTargetId: string | null): PhoneNumber {
  return {
    telephoneNumber,
    numberType: 'CallingPlan',
    callingPlanUsage: assignedPstnTargetId === 'ra1' ? 'Service' : 'Subscriber',
    isoCountryCode: 'US',
    locationId: 'loc1',
    operator: null,
    assignedPstnTargetId,
    sharedCallingUnsupported: false,
  };
}

/** Seattle policy on resource account ra1 (+14255550100), emergency number +14255550001. */
function seattleTenant(): Tenant {
  const tenant = emptyTenant();
  tenant.numbers.push(number('+14255550100', 'ra1'), number('+14255550001', null), number('+14255550200', 'owner'));
  tenant.resourceAccounts.push({
    objectId: 'ra1',
    userPrincipalName: 'main-aa@contoso.com',
    displayName: 'Main AA',
    applicationType: 'AutoAttendant',
    licences: ['TeamsPhoneResourceAccount', 'PayAsYouGoCallingPlan', 'CommunicationsCredits'],
    voiceRoutingPolicy: null,
    autoAttendantId: 'aa1',
  });
  tenant.sharedCallingPolicies.push(
    { identity: 'Seattle', resourceAccount: 'ra1', emergencyNumbers: ['+14255550001'], description: '' },
    { identity: 'Tacoma', resourceAccount: null, emergencyNumbers: [], description: '' },
  );
  tenant.users.push(
    makeUser('direct', { policies: { sharedCalling: 'Seattle', voiceRouting: null, emergencyCallRouting: null } }),
    makeUser('grouped', { groups: ['g-high', 'g-low'] }),
    makeUser('owner', { licences: ['TeamsPhone', 'CallingPlan'] }),
  );
  tenant.groupPolicyAssignments.push(
    { policyType: 'SharedCalling', groupId: 'g-low', policyName: 'Tacoma', rank: 2 },
    { policyType: 'SharedCalling', groupId: 'g-high', policyName: 'Seattle', rank: 1 },
  );
  return tenant;
}

describe('user facts', () => {
  it('resolves a directly granted policy with its resource account and number', () => {
    const facts = new TenantView(seattleTenant()).user('direct');
    expect([
      facts?.sharedCallingPolicy?.identity,
      facts?.sharedCallingPolicySource,
      facts?.resourceAccount?.objectId,
      facts?.resourceAccountNumber?.telephoneNumber,
    ]).toEqual(['Seattle', 'direct', 'ra1', '+14255550100']);
  });

  it('takes the group grant with the lowest rank, as the tenant lookup decides', () => {
    const facts = new TenantView(seattleTenant()).user('grouped');
    expect([facts?.sharedCallingPolicy?.identity, facts?.sharedCallingPolicySource]).toEqual(['Seattle', 'group']);
  });

  it('gives a user on the empty Global policy no resource account', () => {
    const facts = new TenantView(seattleTenant()).user('owner');
    expect([facts?.sharedCallingPolicy?.identity, facts?.resourceAccount]).toEqual(['Global', undefined]);
  });

  it('finds the number of a user who has one, and their licences', () => {
    const facts = new TenantView(seattleTenant()).user('owner');
    expect([facts?.ownNumber?.telephoneNumber, facts?.hasTeamsPhoneLicence, facts?.hasCallingPlanLicence]).toEqual([
      '+14255550200',
      true,
      true,
    ]);
  });

  it('counts the PSTN usages of the effective voice routing policy', () => {
    const tenant = seattleTenant();
    tenant.voiceRoutingPolicies[0] = { identity: 'Global', onlinePstnUsages: ['US', 'Intl'] };
    expect(new TenantView(tenant).user('direct')?.voiceRoutingUsageCount).toBe(2);
  });

  it('answers undefined for an unknown user', () => {
    expect(new TenantView(seattleTenant()).user('nobody')).toBeUndefined();
  });
});

describe('caching', () => {
  it('returns the same facts until invalidated', () => {
    const view = new TenantView(seattleTenant());
    expect(view.user('direct')).toBe(view.user('direct'));
  });

  it('keeps stale facts after a change until invalidated', () => {
    const tenant = seattleTenant();
    const view = new TenantView(tenant);
    view.user('direct');
    tenant.numbers[0] = number('+14255550100', null); // the resource account's number is removed
    expect(view.user('direct')?.resourceAccountNumber?.telephoneNumber).toBe('+14255550100');
  });

  it('sees a change of the tenant after invalidate', () => {
    const tenant = seattleTenant();
    const view = new TenantView(tenant);
    view.user('direct');
    tenant.numbers[0] = number('+14255550100', null);
    view.invalidate();
    expect(view.user('direct')?.resourceAccountNumber).toBeUndefined();
  });

  it('looks at a new tenant given to invalidate', () => {
    const view = new TenantView(seattleTenant());
    const next = seattleTenant();
    next.users[0] = makeUser('direct');
    view.invalidate(next);
    expect(view.user('direct')?.sharedCallingPolicy?.identity).toBe('Global');
  });
});

describe('number facts', () => {
  it('finds the resource account behind a shared number', () => {
    const facts = new TenantView(seattleTenant()).number('+14255550100');
    expect([facts.resourceAccount?.objectId, facts.user, facts.emergencyNumberOf]).toEqual(['ra1', undefined, undefined]);
  });

  it('finds the policy that holds an emergency callback number', () => {
    expect(new TenantView(seattleTenant()).number('+14255550001').emergencyNumberOf?.identity).toBe('Seattle');
  });

  it('knows nothing of a number outside the inventory', () => {
    expect(new TenantView(seattleTenant()).number('+19995550000')).toEqual({
      number: undefined,
      resourceAccount: undefined,
      user: undefined,
      emergencyNumberOf: undefined,
    });
  });
});
