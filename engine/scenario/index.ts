/** What other parts may import from engine/scenario. */
export { loadScenarioFile, loadScenarioText, type LoadOptions, type LoadResult } from './load.js';
export type { ScenarioIssue } from './issues.js';
export { compareIssues, formatIssue } from './issues.js';
export type { Scenario } from './scenario.js';
export type { TimelineEntry } from './timeline.js';
export { toCmdletValue } from './timeline.js';
export { scenarioFindings, peakEmergencyCallsPerUserPerHour, type ScenarioFindingsOptions } from './check.js';
export { scenarioJsonSchema } from './schema.js';
export type { Distribution, Expectation, Profile, Settings, Workload } from './schema.js';
export { DURATION_FORMAT, durationHint, parseDuration } from './duration.js';
export { objectIdFor } from './object-id.js';
export { firstDifference, tenantSection, writeScenario, type NewScenarioFields, type WriteScenarioResult } from './write-scenario.js';
export { decodeText, readFailure, type DecodedText } from './text-file.js';
export { workloadNotes, type WorkloadNote } from './workload-notes.js';
export {
  bytesText,
  cannotFit,
  costWarning,
  countText,
  COST,
  describeEstimate,
  estimateCost,
  isLarge,
  REFUSE_BYTES,
  secondsText,
  WARN_BYTES,
  WARN_CALLS,
  type CostEstimate,
  type CostOptions,
} from './estimate.js';
export { MAX_CALLS_PER_HOUR, MAX_DURATION_MS, MAX_MENU_ATTEMPTS, MAX_USERS, MIN_CALLS_PER_HOUR } from './limits.js';
export { kindRates, profileMultipliers, type KindRate } from './rates.js';
export { sampledDistribution } from './limits.js';
export { applyOverrides, parseOverridePath, parseOverrideValue, splitOverrideValues, type ScenarioOverride } from './overrides.js';
export { findPoolPolicy, plainPoolDocument, poolSizeOverrides, type PlainPoolWorkload, type PoolTarget } from './pool-scenario.js';
export { clientPlaceSpecs } from './client-places.js';
