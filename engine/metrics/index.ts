// The metrics' public API: counters, running moments, time-weighted gauges, level time series
// and confidence intervals. Every result is plain sums or moments, so replications merge exactly.
export { Counter } from './counter.js';
export { Welford } from './welford.js';
export type { Moments } from './welford.js';
export { TimeWeighted, gaugeMean, gaugeFractionAtLeast, mergeGaugeSummaries } from './time-weighted.js';
export type { GaugeSummary, TimeWeightedOptions } from './time-weighted.js';
export { TimeSeries } from './time-series.js';
export type { SeriesPoint } from './time-series.js';
export { confidenceInterval, confidenceIntervalOfMoments } from './confidence.js';
export type { ConfidenceInterval } from './confidence.js';
export { studentTCdf, studentTQuantile } from './student-t.js';
