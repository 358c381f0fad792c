/**
 * The tenant part's public index: what other parts (scenario, runtime, powershell, cli) may
 * import. Anything not named here is internal and may change.
 */
export type * from './model.js';
export { NUMBER_TYPES, CALLING_PLAN_USAGES, WEEKDAYS, CALL_QUEUE_ROUTING_METHODS } from './model.js';
export { RULES, RULE_IDS, isRuleId } from './rules.js';
export { RULE_GUIDE, type RuleGuide } from './rule-guide.js';
export type { RuleId, RuleKind, RuleDefinition, Severity } from './rules.js';
export type {
  BindingErrorCode,
  CmdletInvocation,
  CmdletObject,
  CmdletResult,
  CmdletValue,
  Hashtable,
  Refusal,
} from './cmdlet.js';
export { emptyTenant } from './empty-tenant.js';
export { TENANT_CHANGE_TYPES } from './changes.js';
export type {
  ChangeOf,
  CreditsChange,
  DirectoryChange,
  GrantChange,
  GrantedTo,
  NumberChange,
  SharedCallingChange,
  TenantChange,
  TenantChangeType,
  VoicePolicyChange,
} from './changes.js';
export {
  effectiveEmergencyCallRoutingPolicy,
  effectivePolicyName,
  effectiveSharedCallingPolicy,
  effectiveVoiceRoutingPolicy,
  findEmergencyCallRoutingPolicy,
  findLocation,
  findNumber,
  findResourceAccount,
  findSharedCallingPolicy,
  findUser,
  findVoiceRoutingPolicy,
  hasPstnUsages,
  isExtensionDialingNumber,
  numberAssignedTo,
  ownCallingNumber,
  policyHoldingEmergencyNumber,
  policyKey,
} from './lookup.js';
export type { EffectivePolicyName, GrantSource } from './lookup.js';
export { normalizeTelephoneNumber, hasExtension } from './phone-number.js';
export type { NormalizedNumber } from './phone-number.js';
export { psQuote } from './ps-quote.js';

export type { OpResult } from './operations/result.js';
export type { ListChange } from './operations/list-modifier.js';
export {
  acquireNumber,
  addAutoAttendant,
  addCommunicationsCredits,
  addGroup,
  addLocation,
  addNetworkSite,
  addResourceAccount,
  addUser,
  associateAutoAttendant,
  portOutNumber,
  releaseNumber,
  setAutoAttendant,
  setCommunicationsCredits,
} from './operations/setup.js';
export type { AcquireNumberParams } from './operations/setup.js';
export { newSharedCallingPolicy, removeSharedCallingPolicy, setSharedCallingPolicy } from './operations/shared-calling.js';
export type { NewSharedCallingPolicyParams, SetSharedCallingPolicyParams } from './operations/shared-calling.js';
export { assignNumber, setEnterpriseVoice, setNumberLocation, unassignNumber } from './operations/number-assignment.js';
export type { AssignNumberParams, AssignmentCategory, UnassignNumberParams } from './operations/number-assignment.js';
export {
  CALL_QUEUE_LIMITS,
  associateCallQueue,
  callQueuesOf,
  defaultCallQueue,
  findCallQueue,
  newCallQueue,
  removeCallQueue,
  setCallQueue,
} from './operations/call-queue.js';
export { grantPolicy } from './operations/grants.js';
export type { GrantParams, GrantTarget } from './operations/grants.js';
export {
  newEmergencyCallRoutingPolicy,
  newVoiceRoutingPolicy,
  setEmergencyCallRoutingPolicy,
  setPstnUsages,
  setVoiceRoutingPolicy,
} from './operations/voice-policies.js';
export { APPLICATION_IDS, newApplicationInstance, newCivicAddress, newLocationAtCivicAddress } from './operations/directory.js';
export { SHARED_CALLING_UNSUPPORTED_SERVICE_COUNTRIES } from './operations/checks.js';

export { invokeCmdlet, cmdletCatalogue, suggestCmdlet } from './cmdlets/index.js';
export type { CatalogueEntry } from './cmdlets/index.js';
export { tenantInvariantViolations } from './invariants.js';
export { validate, DEFAULT_POOL_OVERFLOW_THRESHOLD } from './validate.js';
export type { ValidateOptions, Finding, FindingObjectKind, FindingRuleId } from './validate.js';
export { mixesSharedCallingWithDirectRouting } from './findings/sites.js';
export { poissonTailAtLeast } from './poisson.js';
export type { MisrouteEstimate } from './findings/callback-pool.js';
export { matchClientNetwork, placesFor, LIS_ELEMENTS } from './client-network.js';
export type { ClientNetwork, ClientNetworkMatch, ClientPlaceSpec, LisElement } from './client-network.js';
export type { LisEntries, NetworkRegion, NetworkSubnet, TenantNetwork, TrustedIpAddress } from './model.js';
export { normaliseBssid, parseCidr, parseIpv4 } from './network-address.js';
