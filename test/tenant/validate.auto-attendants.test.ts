import { describe, expect, it } from 'vitest';
import type { AutoAttendant, Menu } from '../../engine/tenant/model.js';
import { validate } from '../../engine/tenant/validate.js';
import { attendantOf, compliantSeattleTenant, summary, userOf } from './validate-fixtures.js';

const AA = 'autoAttendant:aa-main';

function defaultMenu(attendant: AutoAttendant): Menu {
  const action = attendant.defaultCallFlow.action;
  if (action.kind !== 'menu') throw new Error('fixture default flow has a menu');
  return action.menu;
}

describe('validate: auto attendants', () => {
  it('AA001: a menu option on * is an error, since * is reserved', () => {
    const tenant = compliantSeattleTenant();
    defaultMenu(attendantOf(tenant)).options[2]!.key = '*';
    const findings = validate(tenant);
    expect(summary(findings)).toEqual([`error AA001 ${AA}`]);
    expect(findings[0]?.message).toContain('reserved');
  });

  it('AA001: a menu option on # is an error', () => {
    const tenant = compliantSeattleTenant();
    defaultMenu(attendantOf(tenant)).options[2]!.key = '#';
    expect(summary(validate(tenant))).toEqual([`error AA001 ${AA}`]);
  });

  it('AA001: a menu option on a key other than 0-9 is an error', () => {
    const tenant = compliantSeattleTenant();
    defaultMenu(attendantOf(tenant)).options[2]!.key = '10';
    expect(summary(validate(tenant))).toEqual([`error AA001 ${AA}`]);
  });

  it('AA001: two options on one key are an error', () => {
    const tenant = compliantSeattleTenant();
    defaultMenu(attendantOf(tenant)).options[2]!.key = '1';
    const findings = validate(tenant);
    expect(summary(findings)).toEqual([`error AA001 ${AA}`]);
    expect(findings[0]?.message).toContain('key 1 maps to more than one option');
  });

  it('AA002: a business-hours range not aligned to 15 minutes is an error', () => {
    const tenant = compliantSeattleTenant();
    attendantOf(tenant).businessHours!.Monday = [{ start: '08:10', end: '17:00' }];
    expect(summary(validate(tenant))).toEqual([`error AA002 ${AA}`]);
  });

  it('AA002: a business-hours range that ends before it starts is an error', () => {
    const tenant = compliantSeattleTenant();
    attendantOf(tenant).businessHours!.Monday = [{ start: '17:00', end: '08:00' }];
    expect(summary(validate(tenant))).toEqual([`error AA002 ${AA}`]);
  });

  it('AA002: a range ending at 24:00 is the end of the day and fine', () => {
    const tenant = compliantSeattleTenant();
    attendantOf(tenant).businessHours!.Saturday = [{ start: '09:00', end: '24:00' }];
    expect(summary(validate(tenant))).toEqual([]);
  });

  it('AA002: more than 20 holidays is an error', () => {
    const tenant = compliantSeattleTenant();
    const attendant = attendantOf(tenant);
    attendant.holidays = Array.from({ length: 21 }, (_, i) => ({
      name: `Day ${i + 1}`,
      ranges: [{ start: `2027-03-${String(i + 1).padStart(2, '0')}T00:00`, end: `2027-03-${String(i + 2).padStart(2, '0')}T00:00` }],
      callFlow: { name: `Day ${i + 1}`, greeting: 'Closed.', action: { kind: 'disconnect' } },
    }));
    expect(summary(validate(tenant))).toEqual([`error AA002 ${AA}`]);
  });

  it('AA002: a holiday with more than 10 date-time ranges is an error', () => {
    const tenant = compliantSeattleTenant();
    attendantOf(tenant).holidays[0]!.ranges = Array.from({ length: 11 }, (_, i) => ({
      start: `2027-01-${String(i + 1).padStart(2, '0')}T00:00`,
      end: `2027-01-${String(i + 1).padStart(2, '0')}T12:00`,
    }));
    expect(summary(validate(tenant))).toEqual([`error AA002 ${AA}`]);
  });

  it('AA003: a menu transfer to a user who does not exist is an error', () => {
    const tenant = compliantSeattleTenant();
    defaultMenu(attendantOf(tenant)).options[1]!.target = { type: 'User', id: 'zoe@contoso.com' };
    const findings = validate(tenant);
    expect(summary(findings)).toEqual([`error AA003 ${AA}`]);
    expect(findings[0]?.message).toContain('zoe@contoso.com does not exist');
  });

  it('AA003: an operator who is not Enterprise Voice enabled is an error', () => {
    const tenant = compliantSeattleTenant();
    const frank = { ...userOf(tenant, 'alice@contoso.com'), objectId: 'u-frank', userPrincipalName: 'frank@contoso.com' };
    frank.policies = { sharedCalling: null, voiceRouting: null, emergencyCallRouting: null };
    frank.enterpriseVoiceEnabled = false;
    tenant.users.push(frank);
    attendantOf(tenant).operator = { type: 'User', id: 'frank@contoso.com' };
    expect(summary(validate(tenant))).toEqual([`error AA003 ${AA}`]);
  });

  it('AA003: a redirect to an auto attendant that does not exist is an error', () => {
    const tenant = compliantSeattleTenant();
    attendantOf(tenant).afterHoursCallFlow!.action = { kind: 'redirect', target: { type: 'ConfigurationEndpoint', id: 'aa-gone' } };
    expect(summary(validate(tenant))).toEqual([`error AA003 ${AA}`]);
  });

  it('AA003: a transfer to a resource account that does not exist is an error', () => {
    const tenant = compliantSeattleTenant();
    defaultMenu(attendantOf(tenant)).options[1]!.target = { type: 'ApplicationEndpoint', id: 'queue@contoso.com' };
    expect(summary(validate(tenant))).toEqual([`error AA003 ${AA}`]);
  });

  it('AA003: an option that transfers to the operator when none is set is an error', () => {
    const tenant = compliantSeattleTenant();
    attendantOf(tenant).operator = null;
    expect(summary(validate(tenant))).toEqual([`error AA003 ${AA}`]);
  });

  it('AA003: an external target that is not E.164 is an error', () => {
    const tenant = compliantSeattleTenant();
    defaultMenu(attendantOf(tenant)).options[1]!.target = { type: 'ExternalPstn', id: 'tel:+1425555' };
    expect(summary(validate(tenant))).toEqual([`error AA003 ${AA}`]);
  });

  it('AA003: an external E.164 target given as a tel: URI is fine', () => {
    const tenant = compliantSeattleTenant();
    defaultMenu(attendantOf(tenant)).options[1]!.target = { type: 'ExternalPstn', id: 'tel:+14255559999' };
    expect(summary(validate(tenant))).toEqual([]);
  });

  it('AA003: an external toll-free target is an error', () => {
    const tenant = compliantSeattleTenant();
    defaultMenu(attendantOf(tenant)).options[1]!.target = { type: 'ExternalPstn', id: '+18005550199' };
    const findings = validate(tenant);
    expect(summary(findings)).toEqual([`error AA003 ${AA}`]);
    expect(findings[0]?.message).toContain('toll-free');
  });

  it('AA003: an external target on another trunk than the transferring resource account is an error', () => {
    const tenant = compliantSeattleTenant();
    tenant.numbers.push({
      telephoneNumber: '+12065550123',
      numberType: 'DirectRouting',
      callingPlanUsage: null,
      isoCountryCode: 'US',
      locationId: null,
      operator: null,
      assignedPstnTargetId: null,
      sharedCallingUnsupported: false,
    });
    defaultMenu(attendantOf(tenant)).options[1]!.target = { type: 'ExternalPstn', id: '+12065550123' };
    const findings = validate(tenant);
    expect(summary(findings)).toEqual([`error AA003 ${AA}`]);
    expect(findings[0]?.message).toContain('is DirectRouting while resource account main-aa@contoso.com transfers over CallingPlan');
  });

  it('AA004: an after-hours call flow under 24/7 business hours is a warning', () => {
    const tenant = compliantSeattleTenant();
    attendantOf(tenant).businessHours = null;
    expect(summary(validate(tenant))).toEqual([`warning AA004 ${AA}`]);
  });

  it('AA005: two overlapping holidays of one attendant are an error', () => {
    const tenant = compliantSeattleTenant();
    attendantOf(tenant).holidays[1]!.ranges = [{ start: '2027-01-01T12:00', end: '2027-01-03T00:00' }];
    const findings = validate(tenant);
    expect(summary(findings)).toEqual([`error AA005 ${AA}`]);
    expect(findings[0]?.message).toContain('New Year and Independence Day overlap');
  });

  it('AA005: a holiday that starts when another ends does not overlap it', () => {
    const tenant = compliantSeattleTenant();
    attendantOf(tenant).holidays[1]!.ranges = [{ start: '2027-01-02T00:00', end: '2027-01-03T00:00' }];
    expect(summary(validate(tenant))).toEqual([]);
  });
});
