/** What other parts (the CLI, benches) may import from engine/run. */
export { assembleRun, runScenario, summarise, checkExpectations } from './run-scenario.js';
export type { RunOptions, RunResult, RunFigures, RunSeries, MetricSummary, ExpectationResult } from './run-scenario.js';
export { runReplication } from './replication.js';
export { runInParallel, workersAvailable, type ParallelRunOptions, type RecordSerializerFactory } from './parallel.js';
export { CALLER_TIMING_MS, PROMPT_MS } from '../calls/index.js';
export type { ReplicationOptions, ReplicationResult } from './replication.js';
export type { TimelineOutcome } from './timeline-change.js';
export type { CallRecord, CreditEvent, Displacement, Engine, MisroutedCallback, PoolSeries, ReplicationFigures } from '../calls/index.js';
export { HOUR_OF_WEEK_FLOWS } from '../calls/index.js';
export type { SampledPoint } from '../metrics/index.js';
export { formatTrace } from './trace.js';
export type { CallTrace, TraceFact, TraceOptions, TraceStep } from './trace.js';
// The step-through page (cli/step-through) shows the same times and guard rules as the text.
export { guardRuleId, since, type TraceTransition } from './trace.js';
export { metricNames, metricProblem } from './metric-names.js';
export { compareRuns } from './compare.js';
export type { MetricComparison } from './compare.js';
export { explainUser, nearestUpn } from './explain-user.js';
export type { CallExplanation, ExplainUserResult, GuardDecision, InboundExplanation, PolicyExplanation, UserExplanation } from './explain-user.js';
export { namedValue, readableName, withNames } from './readable-names.js';
export { destinationCountry, placeCalls } from './call.js';
export type { BeforeCall, CallOutcome, CallRequest, CallResult, InboundCallerChoice, PlacedCallRequest } from './call.js';
export { assembleSweep, gridPoints, neighbourPairs, runSweepUnit, shardUnits, sweepDocument, sweepUnits, unitProblems, SWEEP_FORMAT_VERSION } from './sweep.js';
export type { SweepAxis, SweepDifference, SweepFigure, SweepHeader, SweepPointHeader, SweepResult, SweepUnit, SweepUnitResult } from './sweep.js';
export { pointOverrides, prepareSweep, runPreparedSweep, type PreparedSweep, type SweepRunOptions } from './sweep-run.js';
export { mergeParts, partDocument, readPart, type SweepPart } from './sweep-parts.js';
export { oldestReuseClosedForm, poolFigures, POOL_FIGURES } from './pool-sizing.js';
export type { ClosedForm, ClosedFormInput, PoolFigureName, PoolFigures } from './pool-sizing.js';
