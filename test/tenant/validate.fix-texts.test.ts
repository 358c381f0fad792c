/**
 * The `fix:` lines validate prints paste into PowerShell and `callsim shell` as they read: a value
 * PowerShell would not take bare (an `;ext=` number, a name with a space or an apostrophe) is
 * quoted, and the cmdlet receives exactly the value the finding is about.
 */
import { describe, expect, it } from 'vitest';
import { parseScript, runScript, runScriptOnTenant } from '../../engine/powershell/index.js';
import type { CmdletInvocation } from '../../engine/tenant/cmdlet.js';
import { psQuote } from '../../engine/tenant/index.js';
import type { Tenant } from '../../engine/tenant/model.js';
import { validate, type Finding } from '../../engine/tenant/validate.js';
import { recordingInvoker } from '../powershell/fake-invoker.js';
import { compliantSeattleTenant, userOf } from './validate-fixtures.js';

const ODD_UPN = "o'brien@contoso.com";
const ODD_POLICY = 'Seattle Office';
const EXTENSION_NUMBER = '+14255550100;ext=101';

/** The compliant tenant with awkward names: a user with an apostrophe, a policy with a space. */
function awkwardTenant(): Tenant {
  const tenant = compliantSeattleTenant();
  const bob = userOf(tenant, 'bob@contoso.com');
  bob.userPrincipalName = ODD_UPN;
  const seattle = tenant.sharedCallingPolicies.find((p) => p.identity === 'Seattle');
  if (seattle === undefined) throw new Error('fixture has policy Seattle');
  seattle.identity = ODD_POLICY;
  for (const u of tenant.users) u.policies.sharedCalling = ODD_POLICY;
  return tenant;
}

/** Runs a fix line against a recording invoker: the parse must succeed and call one cmdlet per statement. */
function invocationsOf(fix: string): CmdletInvocation[] {
  const parsed = parseScript(fix, 'fix.ps1');
  expect(parsed.ok, fix).toBe(true);
  const { invoke, calls } = recordingInvoker();
  const transcript = runScript(fix, { fileName: 'fix.ps1', invoke });
  expect(transcript.entries.filter((e) => e.kind === 'error'), fix).toEqual([]);
  return calls;
}

function only(findings: Finding[], rule: string): Finding {
  const found = findings.filter((f) => f.rule === rule);
  expect(found).toHaveLength(1);
  return found[0] as Finding;
}

/** The compliant Seattle tenant with bob on a Direct Routing number with an extension (USR003). */
function bobOnExtensionNumber(): Tenant {
  const tenant = compliantSeattleTenant();
  const bob = userOf(tenant, 'bob@contoso.com');
  tenant.numbers.push({
    telephoneNumber: EXTENSION_NUMBER,
    numberType: 'DirectRouting',
    callingPlanUsage: null,
    isoCountryCode: 'US',
    locationId: null,
    operator: null,
    assignedPstnTargetId: bob.objectId,
    sharedCallingUnsupported: false,
  });
  tenant.voiceRoutingPolicies.push({ identity: 'DR-Seattle', onlinePstnUsages: ['SeattleTrunk'] });
  bob.policies.voiceRouting = 'DR-Seattle';
  return tenant;
}

describe('validate: fix texts paste into PowerShell', () => {
  it('psQuote leaves plain values bare and quotes the rest, doubling apostrophes', () => {
    expect(['bob@contoso.com', '+14255550100', 'Seattle', 'aa-main', 'Tag:Seattle'].map(psQuote)).toEqual([
      'bob@contoso.com',
      '+14255550100',
      'Seattle',
      'aa-main',
      'Tag:Seattle',
    ]);
    expect([EXTENSION_NUMBER, ODD_POLICY, ODD_UPN, '-x', '@x', '$x', 'a#b', ''].map(psQuote)).toEqual([
      "'+14255550100;ext=101'",
      "'Seattle Office'",
      "'o''brien@contoso.com'",
      "'-x'",
      "'@x'",
      "'$x'",
      "'a#b'",
      "''",
    ]);
  });

  it("USR003: the fix for an ;ext= number passes the whole number, extension included", () => {
    const tenant = bobOnExtensionNumber();
    const fix = only(validate(tenant), 'USR003').fix;
    const [call] = invocationsOf(fix);
    expect([call?.name, call?.named]).toEqual([
      'Remove-CsPhoneNumberAssignment',
      { Identity: 'bob@contoso.com', PhoneNumber: EXTENSION_NUMBER, PhoneNumberType: 'DirectRouting' },
    ]);
  });

  it('USR003: run in callsim against the tenant, the fix removes the number and the finding', () => {
    const tenant = bobOnExtensionNumber();
    const transcript = runScriptOnTenant(tenant, only(validate(tenant), 'USR003').fix, 'fix.ps1');
    expect(transcript.entries.filter((e) => e.kind === 'error')).toEqual([]);
    expect(validate(tenant).map((f) => f.rule)).not.toContain('USR003');
  });

  it('USR002, USR008 and USR010: a UPN with an apostrophe and a policy name with a space reach the cmdlet whole', () => {
    const tenant = awkwardTenant();
    const bob = userOf(tenant, ODD_UPN);
    bob.hiddenFromAddressLists = true;
    bob.enterpriseVoiceEnabled = false;
    const usr002 = invocationsOf(only(validate(tenant), 'USR002').fix);
    const usr010 = invocationsOf(only(validate(tenant), 'USR010').fix);
    expect([usr002[0]?.named, usr010[0]?.named]).toEqual([
      { Identity: ODD_UPN, EnterpriseVoiceEnabled: true },
      { Identity: ODD_UPN, HiddenFromAddressListsEnabled: false },
    ]);
    bob.enterpriseVoiceEnabled = true;
    bob.policies.sharedCalling = null;
    const usr008 = invocationsOf(only(validate(tenant), 'USR008').fix);
    expect(usr008[0]?.named).toEqual({ Identity: ODD_UPN, PolicyName: ODD_POLICY });
  });

  it('USR004 and USR005: both statements of a fix parse, with the names quoted', () => {
    const tenant = awkwardTenant();
    const bob = userOf(tenant, ODD_UPN);
    bob.policies.voiceRouting = null;
    tenant.voiceRoutingPolicies[0]!.onlinePstnUsages = ['Local'];
    tenant.voiceRoutingPolicies.find((p) => p.identity === 'NoPSTN')!.identity = 'No PSTN';
    for (const u of tenant.users) if (u.policies.voiceRouting === 'NoPSTN') u.policies.voiceRouting = 'No PSTN';
    const usr004 = invocationsOf(only(validate(tenant), 'USR004').fix);
    expect(usr004[0]?.named).toEqual({ Identity: ODD_UPN, PolicyName: 'No PSTN' });
    bob.policies.emergencyCallRouting = null;
    tenant.emergencyCallRoutingPolicies.find((p) => p.identity === 'SeattleEmergency')!.identity = 'Seattle Emergency';
    for (const u of tenant.users) if (u.policies.emergencyCallRouting === 'SeattleEmergency') u.policies.emergencyCallRouting = 'Seattle Emergency';
    const usr005 = invocationsOf(only(validate(tenant), 'USR005').fix);
    expect(usr005[0]?.named).toEqual({ Identity: ODD_UPN, PolicyName: 'Seattle Emergency' });
  });

  it('RA009: the policy name is quoted in the fix', () => {
    const tenant = awkwardTenant();
    tenant.sharedCallingPolicies.find((p) => p.identity === ODD_POLICY)!.emergencyNumbers = [];
    const ra009 = invocationsOf(only(validate(tenant), 'RA009').fix);
    expect(ra009[0]?.named['Identity']).toBe(ODD_POLICY);
  });
});
