// The metrics' public API: time-weighted gauges and Student t confidence intervals. Every result
// is plain sums or moments, so replications merge exactly.
export { TimeWeighted, gaugeMean, gaugeFractionAtLeast, mergeGaugeSummaries } from './time-weighted.js';
export type { GaugeSummary, TimeWeightedOptions } from './time-weighted.js';
export { confidenceInterval } from './confidence.js';
export type { ConfidenceInterval } from './confidence.js';
export { studentTCdf, studentTQuantile } from './student-t.js';
export { MAX_SAMPLED_POINTS, SampledLevel, samplingStep } from './sampled-level.js';
export type { SampledPoint } from './sampled-level.js';
