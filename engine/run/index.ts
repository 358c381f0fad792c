/** What other parts (the CLI, benches) may import from engine/run. */
export { assembleRun, runScenario, summarise, checkExpectations } from './run-scenario.js';
export type { RunOptions, RunResult, RunSeries, MetricSummary, ExpectationResult } from './run-scenario.js';
export { runReplication } from './replication.js';
export { CALLER_TIMING_MS, PROMPT_MS } from '../calls/index.js';
export type { ReplicationOptions, ReplicationResult } from './replication.js';
export type { TimelineOutcome } from './timeline-change.js';
export type { CallRecord, CreditEvent, Displacement, Engine, MisroutedCallback, PoolSeries, ReplicationFigures } from '../calls/index.js';
export { HOUR_OF_WEEK_FLOWS } from '../calls/index.js';
export type { SampledPoint } from '../metrics/index.js';
export { formatTrace } from './trace.js';
export type { CallTrace, TraceFact, TraceOptions, TraceStep } from './trace.js';
export { metricNames, metricProblem } from './metric-names.js';
export { compareRuns } from './compare.js';
export type { MetricComparison } from './compare.js';
export { explainUser, nearestUpn } from './explain-user.js';
export type { CallExplanation, ExplainUserResult, GuardDecision, InboundExplanation, PolicyExplanation, UserExplanation } from './explain-user.js';
