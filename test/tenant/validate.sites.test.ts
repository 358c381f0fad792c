import { describe, expect, it } from 'vitest';
import type { Tenant } from '../../engine/tenant/model.js';
import { validate } from '../../engine/tenant/validate.js';
import { compliantSeattleTenant, sharedCallingUser, summary } from './validate-fixtures.js';

/** A Direct Routing user with a number of their own, beside the Calling Plan Shared Calling line. */
function withDirectRoutingUser(tenant: Tenant): Tenant {
  const dave = sharedCallingUser('dave');
  dave.policies.sharedCalling = null;
  tenant.users.push(dave);
  tenant.numbers.push({
    telephoneNumber: '+12065550123',
    numberType: 'DirectRouting',
    callingPlanUsage: null,
    isoCountryCode: 'US',
    locationId: 'seattle',
    operator: null,
    assignedPstnTargetId: dave.objectId,
    sharedCallingUnsupported: false,
  });
  return tenant;
}

function withSitePolicy(tenant: Tenant): Tenant {
  tenant.networkSites.push({ id: 'site-seattle', description: 'Seattle office', emergencyCallRoutingPolicy: 'SeattleEmergency' });
  return tenant;
}

describe('validate: network sites', () => {
  it('SITE001: a site emergency call routing policy in a tenant mixing Calling Plan Shared Calling with Direct Routing is an error', () => {
    const findings = validate(withSitePolicy(withDirectRoutingUser(compliantSeattleTenant())));
    expect(summary(findings)).toEqual(['error SITE001 networkSite:site-seattle']);
    expect(findings[0]?.message).toContain('EMG006');
  });

  it('SITE001: a site emergency call routing policy is fine in a Calling Plan only tenant', () => {
    expect(summary(validate(withSitePolicy(compliantSeattleTenant())))).toEqual([]);
  });

  it('SITE001: a mixed tenant whose sites carry no emergency call routing policy is fine', () => {
    const tenant = withDirectRoutingUser(compliantSeattleTenant());
    tenant.networkSites.push({ id: 'site-seattle', description: 'Seattle office', emergencyCallRoutingPolicy: null });
    expect(summary(validate(tenant))).toEqual([]);
  });
});
