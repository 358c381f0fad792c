/**
 * The `--json` results document (docs/results-format.md). Its `formatVersion` changes whenever a
 * field changes meaning or disappears; new fields may be added within a version.
 */
import type { RunResult } from '../engine/run/index.js';

export const RESULTS_FORMAT_VERSION = 1;

export function resultsDocument(result: RunResult): object {
  return {
    format: 'callsim-results',
    formatVersion: RESULTS_FORMAT_VERSION,
    scenario: result.scenario,
    seed: result.seed,
    replications: result.replications,
    horizonMs: result.horizonMs,
    warmupMs: result.warmupMs,
    confidenceLevel: 0.95,
    metrics: result.metrics,
    timeline: result.timeline,
    expectations: result.expectations,
  };
}
