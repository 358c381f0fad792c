import { describe, expect, it } from 'vitest';
import { RULES } from '../../engine/tenant/rules.js';
import { validate } from '../../engine/tenant/validate.js';
import { USER_UPNS, compliantSeattleTenant, summary, userOf } from './validate-fixtures.js';

describe('validate', () => {
  it('finds nothing in a tenant set up as Microsoft documents it', () => {
    expect(validate(compliantSeattleTenant())).toEqual([]);
  });

  it('finds nothing in a tenant set up as Microsoft documents it, with a light emergency workload', () => {
    expect(validate(compliantSeattleTenant(), { emergency: { callsPerUserPerHour: 0.001 } })).toEqual([]);
  });

  it('lists errors before warnings, then by rule ID, then by object id', () => {
    const tenant = compliantSeattleTenant();
    userOf(tenant, 'carol@contoso.com').licences = []; // USR001 error
    userOf(tenant, 'bob@contoso.com').licences = []; // USR001 error
    userOf(tenant, 'alice@contoso.com').hiddenFromAddressLists = true; // USR010 warning
    tenant.resourceAccounts[0]!.autoAttendantId = null; // RA001 warning; the attendant no longer answers
    tenant.sharedCallingPolicies[1]!.emergencyNumbers = []; // RA009 warning
    expect(summary(validate(tenant))).toEqual([
      'error USR001 user:bob@contoso.com',
      'error USR001 user:carol@contoso.com',
      'warning RA001 resourceAccount:main-aa@contoso.com',
      'warning RA009 sharedCallingPolicy:Seattle',
    ]);
  });

  it('starts every message with its rule ID and takes the severity from the rule catalogue', () => {
    const tenant = compliantSeattleTenant();
    for (const upn of USER_UPNS) userOf(tenant, upn).enterpriseVoiceEnabled = false;
    tenant.credits.balance = 0;
    tenant.credits.autoRecharge = null;
    const findings = validate(tenant);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.message.startsWith(`${f.rule}: `)).toBe(true);
      expect(f.severity).toBe(RULES[f.rule].severity);
      expect(f.message).not.toContain('\n');
      expect(f.fix).not.toBe('');
    }
  });

  it('does not change the tenant it validates', () => {
    const tenant = compliantSeattleTenant();
    userOf(tenant, 'bob@contoso.com').licences = [];
    const before = structuredClone(tenant);
    validate(tenant, { emergency: { callsPerUserPerHour: 1 } });
    expect(tenant).toEqual(before);
  });
});
