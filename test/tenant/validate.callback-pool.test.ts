import { describe, expect, it } from 'vitest';
import { validate } from '../../engine/tenant/validate.js';
import { compliantSeattleTenant, summary, withUsers } from './validate-fixtures.js';

describe('validate: callback pool size (RA010)', () => {
  it('RA010: 2 callback numbers for 300 users at 0.001 calls per user-hour is a warning stating the Poisson bound', () => {
    const findings = validate(withUsers(compliantSeattleTenant(), 300), { emergency: { callsPerUserPerHour: 0.001 } });
    expect(summary(findings)).toEqual(['warning RA010 sharedCallingPolicy:Seattle']);
    expect(findings[0]?.message).toBe(
      'RA010: policy Seattle: 2 callback numbers for 300 users at 0.001 emergency calls per user-hour; ' +
        'P(no free number) <= 3.7% (Poisson bound: P(N >= 2), N ~ Poisson(0.3) emergency calls in 60 min), above 1%.',
    );
  });

  it('RA010: the fix says how many callback numbers bring the bound under the threshold', () => {
    const findings = validate(withUsers(compliantSeattleTenant(), 300), { emergency: { callsPerUserPerHour: 0.001 } });
    // P(N >= 3) for mean 0.3 is 0.0036, under 1%.
    expect(findings[0]?.fix).toContain('3 numbers in all bring the bound to 0.36%');
  });

  it('RA010: the same pool is fine under a 5% threshold, since its bound is 3.7%', () => {
    const findings = validate(withUsers(compliantSeattleTenant(), 300), {
      emergency: { callsPerUserPerHour: 0.001 },
      poolOverflowThreshold: 0.05,
    });
    expect(summary(findings)).toEqual([]);
  });

  it('RA010: the same pool is a warning under a 3.6% threshold, just below its bound', () => {
    const findings = validate(withUsers(compliantSeattleTenant(), 300), {
      emergency: { callsPerUserPerHour: 0.001 },
      poolOverflowThreshold: 0.036,
    });
    expect(summary(findings)).toEqual(['warning RA010 sharedCallingPolicy:Seattle']);
  });

  it('RA010: 2 callback numbers for 100 users at 0.001 calls per user-hour stay under 1% (bound 0.47%)', () => {
    const findings = validate(withUsers(compliantSeattleTenant(), 100), { emergency: { callsPerUserPerHour: 0.001 } });
    expect(summary(findings)).toEqual([]);
  });

  it('RA010: is not evaluated without an emergency workload', () => {
    expect(summary(validate(withUsers(compliantSeattleTenant(), 300)))).toEqual([]);
  });

  it('RA010: counts only the users whose effective policy it is', () => {
    const tenant = withUsers(compliantSeattleTenant(), 300);
    for (const u of tenant.users.slice(100)) {
      u.policies.sharedCalling = null;
      u.enterpriseVoiceEnabled = false; // not a Shared Calling user, so no USR008 either
    }
    expect(summary(validate(tenant, { emergency: { callsPerUserPerHour: 0.001 } }))).toEqual([]);
  });
});
