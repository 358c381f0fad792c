import type { Tenant } from './model.js';

/**
 * A tenant as Teams creates it: no numbers, users or accounts, and the built-in Global instance
 * of each policy type (Global Shared Calling policy with no resource account, Global voice routing
 * policy with no PSTN usages, Global emergency call routing policy with no emergency numbers).
 */
export function emptyTenant(): Tenant {
  return {
    locations: [],
    numbers: [],
    users: [],
    groups: [],
    resourceAccounts: [],
    credits: {
      currency: 'USD',
      balance: 0,
      postpaidOverage: false,
      autoRecharge: null,
      ratesPerMinute: { default: 0 },
      tollFreeInboundRatePerMinute: 0,
    },
    autoAttendants: [],
    pstnUsages: [],
    voiceRoutingPolicies: [{ identity: 'Global', onlinePstnUsages: [] }],
    emergencyCallRoutingPolicies: [
      { identity: 'Global', emergencyNumbers: [], allowEnhancedEmergencyServices: false, description: '' },
    ],
    networkSites: [],
    sharedCallingPolicies: [{ identity: 'Global', resourceAccount: null, emergencyNumbers: [], description: '' }],
    groupPolicyAssignments: [],
    tenantGrants: { SharedCalling: null, VoiceRouting: null, EmergencyCallRouting: null },
  };
}
