import { describe, expect, it } from 'vitest';
import { validate } from '../../engine/tenant/validate.js';
import type { Tenant } from '../../engine/tenant/model.js';
import { attendantOf, compliantSeattleTenant, numberOf, summary, userOf } from './validate-fixtures.js';

const BOB = 'bob@contoso.com';
/** An extension-dialing number as "Configure Shared Calling" step 10 gives it: the shared number's digits and an extension. */
const BOB_EXTENSION_NUMBER = '+14255550100;ext=101';

/** Gives Bob a Direct Routing number with an extension (assigned as plain data, as the other fixtures are). */
function giveBobExtensionNumber(tenant: Tenant): void {
  tenant.numbers.push({
    telephoneNumber: BOB_EXTENSION_NUMBER,
    numberType: 'DirectRouting',
    callingPlanUsage: null,
    isoCountryCode: 'US',
    locationId: null,
    operator: null,
    assignedPstnTargetId: userOf(tenant, BOB).objectId,
    sharedCallingUnsupported: false,
  });
}

describe('validate: users', () => {
  it('USR001: a Shared Calling user without a Teams Phone licence is an error', () => {
    const tenant = compliantSeattleTenant();
    userOf(tenant, BOB).licences = [];
    expect(summary(validate(tenant))).toEqual(['error USR001 user:bob@contoso.com']);
  });

  it('USR002: a Shared Calling user who is not Enterprise Voice enabled is an error', () => {
    const tenant = compliantSeattleTenant();
    userOf(tenant, BOB).enterpriseVoiceEnabled = false;
    expect(summary(validate(tenant))).toEqual(['error USR002 user:bob@contoso.com']);
  });

  it('USR003: a Shared Calling user with a number of their own is a warning naming the number', () => {
    const tenant = compliantSeattleTenant();
    userOf(tenant, BOB).licences.push('CallingPlan'); // a Calling Plan number needs one (NUM006)
    tenant.numbers.push({
      telephoneNumber: '+14255550111',
      numberType: 'CallingPlan',
      callingPlanUsage: 'Subscriber',
      isoCountryCode: 'US',
      locationId: 'seattle',
      operator: null,
      assignedPstnTargetId: userOf(tenant, BOB).objectId,
      sharedCallingUnsupported: false,
    });
    const findings = validate(tenant);
    expect(summary(findings)).toEqual(['warning USR003 user:bob@contoso.com']);
    expect(findings[0]?.message).toContain('+14255550111');
  });

  it('USR004: a Global voice routing policy with PSTN usages is named as the usual cause', () => {
    const tenant = compliantSeattleTenant();
    userOf(tenant, BOB).policies.voiceRouting = null;
    tenant.voiceRoutingPolicies[0]!.onlinePstnUsages = ['Local'];
    const findings = validate(tenant);
    expect(summary(findings)).toEqual(['error USR004 user:bob@contoso.com']);
    expect(findings[0]?.message).toContain('voice routing policy Global (the Global instance) with PSTN usages Local');
    expect(findings[0]?.message).toContain('the usual cause is a Global voice routing policy with usages');
    expect(findings[0]?.fix).toBe('Grant-CsOnlineVoiceRoutingPolicy -Identity bob@contoso.com -PolicyName NoPSTN');
  });

  it('USR004: a directly granted voice routing policy with usages is not blamed on Global', () => {
    const tenant = compliantSeattleTenant();
    tenant.voiceRoutingPolicies.push({ identity: 'DR-Seattle', onlinePstnUsages: ['SeattleTrunk'] });
    userOf(tenant, BOB).policies.voiceRouting = 'DR-Seattle';
    const findings = validate(tenant);
    expect(summary(findings)).toEqual(['error USR004 user:bob@contoso.com']);
    expect(findings[0]?.message).toContain('DR-Seattle (granted directly)');
    expect(findings[0]?.message).not.toContain('usual cause');
  });

  it('USR005: a Shared Calling user left with an empty Global emergency call routing policy is an error', () => {
    const tenant = compliantSeattleTenant();
    userOf(tenant, BOB).policies.emergencyCallRouting = null;
    expect(summary(validate(tenant))).toEqual(['error USR005 user:bob@contoso.com']);
  });

  it('USR006: an emergency call routing policy with PSTN usages for a Calling Plan shared number is an error', () => {
    const tenant = compliantSeattleTenant();
    tenant.emergencyCallRoutingPolicies.push({
      identity: 'DR-Emergency',
      emergencyNumbers: [{ emergencyDialString: '911', emergencyDialMask: [], onlinePstnUsage: 'SeattleTrunk' }],
      allowEnhancedEmergencyServices: true,
      description: '',
    });
    userOf(tenant, BOB).policies.emergencyCallRouting = 'DR-Emergency';
    expect(summary(validate(tenant))).toEqual(['error USR006 user:bob@contoso.com']);
  });

  it('USR006: an emergency call routing policy without PSTN usages for a Direct Routing shared number is an error', () => {
    const tenant = compliantSeattleTenant();
    // A Direct Routing line throughout: number, emergency numbers, and a routed resource account.
    for (const n of tenant.numbers) {
      n.numberType = 'DirectRouting';
      n.callingPlanUsage = null;
    }
    tenant.resourceAccounts[0]!.licences = ['TeamsPhoneResourceAccount'];
    tenant.voiceRoutingPolicies.push({ identity: 'SeattleTrunk', onlinePstnUsages: ['SeattleTrunk'] });
    tenant.resourceAccounts[0]!.voiceRoutingPolicy = 'SeattleTrunk';
    tenant.emergencyCallRoutingPolicies.push({
      identity: 'DR-Emergency',
      emergencyNumbers: [{ emergencyDialString: '911', emergencyDialMask: [], onlinePstnUsage: 'SeattleTrunk' }],
      allowEnhancedEmergencyServices: true,
      description: '',
    });
    for (const u of tenant.users) if (u.userPrincipalName !== BOB) u.policies.emergencyCallRouting = 'DR-Emergency';
    expect(summary(validate(tenant))).toEqual(['error USR006 user:bob@contoso.com']);
  });

  it('USR007: a Shared Calling user outside the auto attendant dial scope is a warning', () => {
    const tenant = compliantSeattleTenant();
    tenant.groups.push({ id: 'g-contractors', displayName: 'Contractors' });
    userOf(tenant, BOB).groups.push('g-contractors');
    attendantOf(tenant).dialScope = { includeGroups: ['g-seattle'], excludeGroups: ['g-contractors'] };
    expect(summary(validate(tenant))).toEqual(['warning USR007 user:bob@contoso.com']);
  });

  it('USR007: a dial scope that includes only another group leaves the user out', () => {
    const tenant = compliantSeattleTenant();
    tenant.groups.push({ id: 'g-sales', displayName: 'Sales' });
    for (const u of tenant.users) if (u.userPrincipalName !== BOB) u.groups.push('g-sales');
    attendantOf(tenant).dialScope = { includeGroups: ['g-sales'], excludeGroups: [] };
    expect(summary(validate(tenant))).toEqual(['warning USR007 user:bob@contoso.com']);
  });

  it('USR008: an Enterprise Voice user with no number under an empty Global Shared Calling policy is an error', () => {
    const tenant = compliantSeattleTenant();
    userOf(tenant, BOB).policies.sharedCalling = null;
    expect(summary(validate(tenant))).toEqual(['error USR008 user:bob@contoso.com']);
  });

  it('USR008: a user with a number of their own is not a Shared Calling concern', () => {
    const tenant = compliantSeattleTenant();
    userOf(tenant, BOB).policies.sharedCalling = null;
    userOf(tenant, BOB).licences.push('CallingPlan'); // a Calling Plan number needs one (NUM006)
    numberOf(tenant, '+14255556789').assignedPstnTargetId = userOf(tenant, BOB).objectId;
    tenant.sharedCallingPolicies[1]!.emergencyNumbers = ['+14255554321'];
    expect(summary(validate(tenant))).toEqual([]);
  });

  it('USR009: dial by extension with a Shared Calling user who has no directory extension is a warning', () => {
    const tenant = compliantSeattleTenant();
    const flow = attendantOf(tenant).defaultCallFlow;
    if (flow.action.kind !== 'menu') throw new Error('fixture default flow has a menu');
    flow.action.menu.directorySearch = 'ByExtension';
    for (const u of tenant.users) if (u.userPrincipalName !== BOB) u.extension = `10${u.objectId.length}`;
    expect(summary(validate(tenant))).toEqual(['warning USR009 user:bob@contoso.com']);
  });

  it('USR010: a Shared Calling user hidden from the address list is a warning while the attendant searches the directory', () => {
    const tenant = compliantSeattleTenant();
    userOf(tenant, BOB).hiddenFromAddressLists = true;
    expect(summary(validate(tenant))).toEqual(['warning USR010 user:bob@contoso.com']);
  });

  it('USR010: a hidden user is not reported when the attendant offers no directory search', () => {
    const tenant = compliantSeattleTenant();
    userOf(tenant, BOB).hiddenFromAddressLists = true;
    const flow = attendantOf(tenant).defaultCallFlow;
    if (flow.action.kind !== 'menu') throw new Error('fixture default flow has a menu');
    flow.action.menu.directorySearch = 'None';
    expect(summary(validate(tenant))).toEqual([]);
  });

  describe('extension dialing (Configure Shared Calling, step 10)', () => {
    it('USR003: a Direct Routing ;ext= number under a voice routing policy without PSTN usages is Shared Calling, not a number of their own', () => {
      const tenant = compliantSeattleTenant();
      giveBobExtensionNumber(tenant);
      expect(summary(validate(tenant))).toEqual([]);
    });

    it('USR003: the same number under a voice routing policy with PSTN usages is their own number, with a quoted fix', () => {
      const tenant = compliantSeattleTenant();
      giveBobExtensionNumber(tenant);
      tenant.voiceRoutingPolicies.push({ identity: 'DR-Seattle', onlinePstnUsages: ['SeattleTrunk'] });
      userOf(tenant, BOB).policies.voiceRouting = 'DR-Seattle';
      const findings = validate(tenant);
      expect(summary(findings)).toEqual(['error USR004 user:bob@contoso.com', 'warning USR003 user:bob@contoso.com']);
      const usr003 = findings[1];
      expect(usr003?.message).toContain(`a number of their own, ${BOB_EXTENSION_NUMBER}`);
      expect(usr003?.message).toContain('extension dialing only under a voice routing policy without PSTN usages');
      expect(usr003?.fix).toBe(`Remove-CsPhoneNumberAssignment -Identity bob@contoso.com -PhoneNumber '${BOB_EXTENSION_NUMBER}' -PhoneNumberType DirectRouting`);
    });

    it('USR003: a Direct Routing number without an extension is still a number of their own', () => {
      const tenant = compliantSeattleTenant();
      giveBobExtensionNumber(tenant);
      numberOf(tenant, BOB_EXTENSION_NUMBER).telephoneNumber = '+14255550199';
      const findings = validate(tenant);
      expect(summary(findings)).toEqual(['warning USR003 user:bob@contoso.com']);
      expect(findings[0]?.fix).toBe('Remove-CsPhoneNumberAssignment -Identity bob@contoso.com -PhoneNumber +14255550199 -PhoneNumberType DirectRouting');
    });

    it('USR008: an Enterprise Voice user whose only number is an extension-dialing number needs a policy with a resource account', () => {
      const tenant = compliantSeattleTenant();
      giveBobExtensionNumber(tenant);
      userOf(tenant, BOB).policies.sharedCalling = null;
      const findings = validate(tenant);
      expect(summary(findings)).toEqual(['error USR008 user:bob@contoso.com']);
      expect(findings[0]?.message).toContain(`only the extension-dialing number ${BOB_EXTENSION_NUMBER}`);
      expect(findings[0]?.fix).toBe('Grant-CsTeamsSharedCallingRoutingPolicy -Identity bob@contoso.com -PolicyName Seattle');
    });

    it("USR009: dial by extension does not read the extension of an extension-dialing number", () => {
      const tenant = compliantSeattleTenant();
      giveBobExtensionNumber(tenant);
      const flow = attendantOf(tenant).defaultCallFlow;
      if (flow.action.kind !== 'menu') throw new Error('fixture default flow has a menu');
      flow.action.menu.directorySearch = 'ByExtension';
      for (const u of tenant.users) if (u.userPrincipalName !== BOB) u.extension = `10${u.objectId.length}`;
      const findings = validate(tenant);
      expect(summary(findings)).toEqual(['warning USR009 user:bob@contoso.com']);
      expect(findings[0]?.message).toContain(`does not read the extension of their Teams number ${BOB_EXTENSION_NUMBER}`);
    });
  });
});
