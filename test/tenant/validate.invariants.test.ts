import { describe, expect, it } from 'vitest';
import { validate } from '../../engine/tenant/validate.js';
import { RESOURCE_ACCOUNT_ID, RESOURCE_ACCOUNT_UPN, SHARED_NUMBER, compliantSeattleTenant, numberOf, summary, userOf } from './validate-fixtures.js';

describe('validate: refusal rules over the loaded tenant (POL001)', () => {
  it('POL001: a shared number without an emergency location is an error naming SC003', () => {
    const tenant = compliantSeattleTenant();
    numberOf(tenant, SHARED_NUMBER).locationId = null;
    const findings = validate(tenant);
    expect(summary(findings)).toEqual(['error POL001 tenant:tenant']);
    expect(findings[0]?.message).toMatch(/^POL001 \(SC003\): /);
  });

  it('POL001: an emergency number of one country beside a shared number of another is an error naming SC005', () => {
    const tenant = compliantSeattleTenant();
    numberOf(tenant, '+14255554321').isoCountryCode = 'CA';
    const findings = validate(tenant);
    expect(summary(findings)).toEqual(['error POL001 tenant:tenant']);
    expect(findings[0]?.message).toMatch(/^POL001 \(SC005\): /);
  });

  it('POL001: a Calling Plan number on a user without a Calling Plan licence is an error naming NUM006', () => {
    const tenant = compliantSeattleTenant();
    tenant.sharedCallingPolicies.find((p) => p.identity === 'Seattle')!.emergencyNumbers = ['+14255554321'];
    numberOf(tenant, '+14255556789').assignedPstnTargetId = userOf(tenant, 'bob@contoso.com').objectId;
    const findings = validate(tenant);
    expect(summary(findings)).toEqual(['error POL001 tenant:tenant', 'warning USR003 user:bob@contoso.com']);
    expect(findings[0]?.message).toMatch(/^POL001 \(NUM006\): /);
  });

  it('POL001 leaves a number on an unlicensed resource account to RA011 (NUM007 is not repeated)', () => {
    const tenant = compliantSeattleTenant();
    const account = tenant.resourceAccounts.find((r) => r.objectId === RESOURCE_ACCOUNT_ID)!;
    account.licences = account.licences.filter((l) => l !== 'TeamsPhoneResourceAccount');
    expect(summary(validate(tenant))).toEqual([`error RA011 resourceAccount:${RESOURCE_ACCOUNT_UPN}`]);
  });

  it("POL001: the resource account's own number among the emergency numbers is an error naming SC008, not SC009", () => {
    const tenant = compliantSeattleTenant();
    tenant.sharedCallingPolicies.find((p) => p.identity === 'Seattle')!.emergencyNumbers.push(SHARED_NUMBER);
    const findings = validate(tenant);
    expect(summary(findings)).toEqual(['error POL001 tenant:tenant']);
    expect(findings[0]?.message).toMatch(/^POL001 \(SC008\): the emergency number \+14255550100 is the number of resource account/);
  });
});
