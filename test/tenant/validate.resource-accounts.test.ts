import { describe, expect, it } from 'vitest';
import type { Tenant } from '../../engine/tenant/model.js';
import { validate } from '../../engine/tenant/validate.js';
import {
  RESOURCE_ACCOUNT_ID,
  SHARED_NUMBER,
  compliantSeattleTenant,
  numberOf,
  summary,
} from './validate-fixtures.js';

const RA = 'resourceAccount:main-aa@contoso.com';

function mainAccount(tenant: Tenant) {
  const account = tenant.resourceAccounts.find((r) => r.objectId === RESOURCE_ACCOUNT_ID);
  if (account === undefined) throw new Error('fixture has no resource account');
  return account;
}

function seattlePolicy(tenant: Tenant) {
  const policy = tenant.sharedCallingPolicies.find((p) => p.identity === 'Seattle');
  if (policy === undefined) throw new Error('fixture has no Seattle policy');
  return policy;
}

/** Moves the whole Seattle line (shared and emergency numbers) to another number type. */
function lineOfType(tenant: Tenant, numberType: 'DirectRouting' | 'OperatorConnect'): void {
  for (const n of tenant.numbers) {
    n.numberType = numberType;
    n.callingPlanUsage = null;
    n.operator = numberType === 'OperatorConnect' ? { name: 'Fabrikam Telecom', supportsSharedCalling: true } : null;
  }
}

function emptyCredits(tenant: Tenant): void {
  tenant.credits.balance = 0;
  tenant.credits.autoRecharge = null;
}

describe('validate: resource accounts', () => {
  it('RA001: a shared resource account with no auto attendant is a warning', () => {
    const tenant = compliantSeattleTenant();
    mainAccount(tenant).autoAttendantId = null;
    expect(summary(validate(tenant))).toEqual([`warning RA001 ${RA}`]);
  });

  it('RA002: a Calling Plan service number without a Pay-As-You-Go Calling Plan licence is an error', () => {
    const tenant = compliantSeattleTenant();
    mainAccount(tenant).licences = ['TeamsPhoneResourceAccount', 'CommunicationsCredits'];
    expect(summary(validate(tenant))).toEqual([`error RA002 ${RA}`]);
  });

  it('RA002, RA003: a Direct Routing number needs neither Pay-As-You-Go nor Communications Credits', () => {
    const tenant = compliantSeattleTenant();
    lineOfType(tenant, 'DirectRouting');
    tenant.voiceRoutingPolicies.push({ identity: 'SeattleTrunk', onlinePstnUsages: ['SeattleTrunk'] });
    mainAccount(tenant).voiceRoutingPolicy = 'SeattleTrunk';
    mainAccount(tenant).licences = ['TeamsPhoneResourceAccount'];
    tenant.emergencyCallRoutingPolicies[1]!.emergencyNumbers[0]!.onlinePstnUsage = 'SeattleTrunk';
    expect(summary(validate(tenant))).toEqual([]);
  });

  it('RA002, RA003: an Operator Connect number needs neither Pay-As-You-Go nor Communications Credits', () => {
    const tenant = compliantSeattleTenant();
    lineOfType(tenant, 'OperatorConnect');
    mainAccount(tenant).licences = ['TeamsPhoneResourceAccount'];
    expect(summary(validate(tenant))).toEqual([]);
  });

  it('RA003: a Calling Plan service number without a Communications Credits licence is an error', () => {
    const tenant = compliantSeattleTenant();
    mainAccount(tenant).licences = ['TeamsPhoneResourceAccount', 'PayAsYouGoCallingPlan'];
    expect(summary(validate(tenant))).toEqual([`error RA003 ${RA}`]);
  });

  it('RA003: postpaid overage funds a Calling Plan service number without Communications Credits', () => {
    const tenant = compliantSeattleTenant();
    mainAccount(tenant).licences = ['TeamsPhoneResourceAccount', 'PayAsYouGoCallingPlan'];
    tenant.credits.postpaidOverage = true;
    expect(summary(validate(tenant))).toEqual([]);
  });

  it('RA004: credits at zero without auto-recharge are a warning for a Calling Plan shared number', () => {
    const tenant = compliantSeattleTenant();
    emptyCredits(tenant);
    expect(summary(validate(tenant))).toEqual([`warning RA004 ${RA}`]);
  });

  it('RA004: credits at zero with auto-recharge are fine', () => {
    const tenant = compliantSeattleTenant();
    tenant.credits.balance = 0;
    expect(summary(validate(tenant))).toEqual([]);
  });

  it('RA005: an Operator Connect number from an operator not supporting Shared Calling is a warning', () => {
    const tenant = compliantSeattleTenant();
    lineOfType(tenant, 'OperatorConnect');
    mainAccount(tenant).licences = ['TeamsPhoneResourceAccount'];
    numberOf(tenant, SHARED_NUMBER).operator = { name: 'Northwind Voice', supportsSharedCalling: false };
    const findings = validate(tenant);
    expect(summary(findings)).toEqual([`warning RA005 ${RA}`]);
    expect(findings[0]?.message).toContain('Northwind Voice');
  });

  it('RA006: a Direct Routing number on a resource account without a routed voice routing policy is an error', () => {
    const tenant = compliantSeattleTenant();
    lineOfType(tenant, 'DirectRouting');
    mainAccount(tenant).licences = ['TeamsPhoneResourceAccount'];
    tenant.emergencyCallRoutingPolicies[1]!.emergencyNumbers[0]!.onlinePstnUsage = 'SeattleTrunk';
    expect(summary(validate(tenant))).toEqual([`error RA006 ${RA}`]);
  });

  it('RA007: a policy whose resource account lost its number is an error on the policy', () => {
    const tenant = compliantSeattleTenant();
    numberOf(tenant, SHARED_NUMBER).assignedPstnTargetId = null;
    expect(summary(validate(tenant))).toEqual(['error RA007 sharedCallingPolicy:Seattle']);
  });

  it('RA008: a shared number located outside North America is a warning', () => {
    const tenant = compliantSeattleTenant();
    tenant.locations[0]!.countryOrRegion = 'GB';
    const findings = validate(tenant);
    expect(summary(findings)).toEqual([`warning RA008 ${RA}`]);
    expect(findings[0]?.message).toContain('(GB)');
  });

  it('RA008: a shared number located in Canada is in North America', () => {
    const tenant = compliantSeattleTenant();
    tenant.locations[0]!.countryOrRegion = 'CA';
    expect(summary(validate(tenant))).toEqual([]);
  });

  it('RA009: a policy with no emergency numbers is a warning that names CBK003', () => {
    const tenant = compliantSeattleTenant();
    seattlePolicy(tenant).emergencyNumbers = [];
    const findings = validate(tenant);
    expect(summary(findings)).toEqual(['warning RA009 sharedCallingPolicy:Seattle']);
    expect(findings[0]?.message).toContain('CBK003');
  });

  it('RA011: a resource account without a Teams Phone Resource Account licence is an error', () => {
    const tenant = compliantSeattleTenant();
    mainAccount(tenant).licences = ['PayAsYouGoCallingPlan', 'CommunicationsCredits'];
    expect(summary(validate(tenant))).toEqual([`error RA011 ${RA}`]);
  });

  it('RA012: credits at zero without auto-recharge also stop a toll-free shared number, said on the number', () => {
    const tenant = compliantSeattleTenant();
    numberOf(tenant, SHARED_NUMBER).callingPlanUsage = 'TollFreeService';
    emptyCredits(tenant);
    const findings = validate(tenant);
    expect(summary(findings)).toEqual([`warning RA004 ${RA}`, `warning RA012 number:${SHARED_NUMBER}`]);
    expect(findings[1]?.message).toContain('inbound calls to toll-free number');
  });

  it('RA012: a toll-free number is not reported while credits are funded', () => {
    const tenant = compliantSeattleTenant();
    numberOf(tenant, SHARED_NUMBER).callingPlanUsage = 'TollFreeService';
    expect(summary(validate(tenant))).toEqual([]);
  });
});
