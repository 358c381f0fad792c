import { describe, expect, it } from 'vitest';
import { validate } from '../../engine/tenant/validate.js';
import { SHARED_NUMBER, compliantSeattleTenant, numberOf, summary } from './validate-fixtures.js';

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
});
