/**
 * A whole run: replications with independent seeds, every figure reported as the mean over
 * replications with a 95% Student t confidence interval, and the scenario's `expect` list checked.
 */
import { confidenceInterval } from '../metrics/index.js';
import type { Scenario } from '../scenario/index.js';
import type { Tenant } from '../tenant/index.js';
import { HOUR_OF_WEEK_FLOWS, type CallRecord, type Engine, type ReplicationFigures, type SeriesOfReplication } from '../calls/index.js';
import { runReplication, type ReplicationResult } from './replication.js';
import type { TimelineOutcome } from './timeline-change.js';

export interface RunOptions {
  seed?: number;
  replications?: number;
  horizonMs?: number;
  onCall?: (record: CallRecord) => void;
  /**
   * Called as the run goes: *done* replications out of *total*, fractional within a replication
   * (one call per simulated day). Asking for progress does not change the results.
   */
  onProgress?: (done: number, total: number) => void;
  /** Which executor runs the call machines (ReplicationOptions.engine). */
  engine?: Engine;
  /**
   * Stops the run between replications and between simulated days (ReplicationOptions.signal):
   * it throws the signal's reason, by default a DOMException named AbortError.
   */
  signal?: AbortSignal;
}

export interface MetricSummary {
  /** Mean over the replications where the figure is defined (e.g. a share with no callbacks is not). */
  mean: number | null;
  /** Half-width of the 95% confidence interval; null with fewer than two replications. */
  halfWidth: number | null;
  lower: number | null;
  upper: number | null;
  /** Replications that defined the figure. */
  n: number;
  /** One value per replication, in order (null where undefined). */
  values: (number | null)[];
}

export interface ExpectationResult {
  metric: string;
  min?: number;
  max?: number;
  equals?: number;
  observed: number | null;
  passed: boolean;
  /** Why it failed, in words; empty when it passed. */
  message: string;
}

export interface RunResult {
  scenario: { name: string; file: string; description: string };
  seed: number;
  replications: number;
  horizonMs: number;
  warmupMs: number;
  metrics: Record<string, MetricSummary>;
  /** What each timeline change did, per replication (they are the same in every replication). */
  timeline: TimelineOutcome[];
  expectations: ExpectationResult[];
  series: RunSeries;
}

/** A run's figures without its time series: what a sweep keeps of each point, and what pairs. */
export type RunFigures = Omit<RunResult, 'series'>;

/**
 * What the report draws: the paths of replication 0 (a sample of what one run of the scenario
 * looks like; the figures are over all replications), and inbound calls by local hour of the week
 * as the mean over the replications.
 */
export interface RunSeries extends Omit<SeriesOfReplication, 'inboundByHourOfWeek'> {
  replication: number;
  /** The scenario's `start` (UTC epoch ms) and the zone its local times are in (null: the fixed offset of `start`). */
  startEpochMs: number;
  timeZone: string | null;
  startOffsetMinutes: number;
  /** Flow (INB002, INB003, INB004, `none`) -> 168 means, Monday 00:00 local first. */
  inboundByHourOfWeek: Record<string, number[]>;
}

export function summarise(values: readonly number[]): MetricSummary {
  const defined = values.filter((v) => Number.isFinite(v));
  const cleaned = values.map((v) => (Number.isFinite(v) ? v : null));
  if (defined.length === 0) return { mean: null, halfWidth: null, lower: null, upper: null, n: 0, values: cleaned };
  const ci = confidenceInterval(defined);
  const known = Number.isFinite(ci.halfWidth);
  return {
    mean: ci.mean,
    halfWidth: known ? ci.halfWidth : null,
    lower: known ? ci.lower : null,
    upper: known ? ci.upper : null,
    n: defined.length,
    values: cleaned,
  };
}

export function checkExpectations(
  expectations: Scenario['expect'],
  metrics: Readonly<Record<string, MetricSummary>>,
): ExpectationResult[] {
  return expectations.map((e) => {
    const base = { metric: e.metric, ...(e.min === undefined ? {} : { min: e.min }), ...(e.max === undefined ? {} : { max: e.max }), ...(e.equals === undefined ? {} : { equals: e.equals }) };
    const summary = metrics[e.metric];
    if (summary === undefined) {
      const near = Object.keys(metrics).filter((m) => m.split('.')[0] === e.metric.split('.')[0]).slice(0, 5);
      return { ...base, observed: null, passed: false, message: `no metric named ${e.metric}${near.length > 0 ? ` (metrics of that kind: ${near.join(', ')}, ...)` : ''}` };
    }
    const observed = summary.mean;
    if (observed === null) return { ...base, observed, passed: false, message: `${e.metric} is undefined in every replication` };
    const problems: string[] = [];
    if (e.min !== undefined && observed < e.min) problems.push(`below the minimum ${e.min}`);
    if (e.max !== undefined && observed > e.max) problems.push(`above the maximum ${e.max}`);
    if (e.equals !== undefined && observed !== e.equals) problems.push(`not equal to ${e.equals}`);
    return { ...base, observed, passed: problems.length === 0, message: problems.length === 0 ? '' : `${e.metric} = ${observed} is ${problems.join(' and ')}` };
  });
}

export function runScenario(loaded: { scenario: Scenario; tenant: Tenant }, options: RunOptions = {}): RunResult {
  const { scenario, tenant } = loaded;
  const seed = options.seed ?? scenario.seed;
  const replications = options.replications ?? scenario.replications;
  const horizonMs = options.horizonMs ?? scenario.horizon;
  const results: ReplicationResult[] = [];
  for (let i = 0; i < replications; i++) {
    results.push(
      runReplication(scenario, tenant, seed, i, {
        horizonMs,
        ...(options.engine === undefined ? {} : { engine: options.engine }),
        ...(options.onCall === undefined ? {} : { onCall: options.onCall }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.onProgress === undefined
          ? {}
          : { onProgress: (reached: number, horizon: number) => options.onProgress?.(i + reached / horizon, replications) }),
      }),
    );
  }
  return assembleRun(scenario, seed, horizonMs, results);
}

/**
 * The run from its replications' results, in replication order: how `runScenario` ends, and how
 * replications run elsewhere (other threads) are put together, to the same bytes.
 */
export function assembleRun(scenario: Scenario, seed: number, horizonMs: number, results: readonly ReplicationResult[]): RunResult {
  const ordered = [...results].sort((x, y) => x.replication - y.replication);
  const perReplication: ReplicationFigures[] = ordered.map((r) => r.figures);
  const names = [...new Set(perReplication.flatMap((f) => Object.keys(f)))].sort();
  const metrics: Record<string, MetricSummary> = {};
  for (const name of names) metrics[name] = summarise(perReplication.map((f) => f[name] ?? NaN));
  return {
    scenario: { name: scenario.name, file: scenario.file, description: scenario.description },
    seed,
    replications: ordered.length,
    horizonMs,
    warmupMs: Math.min(scenario.warmup, horizonMs),
    metrics,
    timeline: ordered[0]?.timeline ?? [],
    expectations: checkExpectations(scenario.expect, metrics),
    series: runSeries(scenario, ordered),
  };
}

function runSeries(scenario: Scenario, ordered: readonly ReplicationResult[]): RunSeries {
  const first = ordered[0]?.series;
  const byHour: Record<string, number[]> = {};
  for (const flow of HOUR_OF_WEEK_FLOWS) {
    const sums = new Array<number>(168).fill(0);
    for (const r of ordered) (r.series.inboundByHourOfWeek[flow] ?? []).forEach((n, h) => (sums[h] = (sums[h] ?? 0) + n));
    byHour[flow] = sums.map((s) => (ordered.length === 0 ? 0 : s / ordered.length));
  }
  return {
    replication: ordered[0]?.replication ?? 0,
    currency: first?.currency ?? '',
    startEpochMs: scenario.startEpochMs,
    timeZone: scenario.timeZone,
    startOffsetMinutes: scenario.startOffsetMinutes,
    stepMs: first?.stepMs ?? 0,
    balance: first?.balance ?? [],
    creditEvents: first?.creditEvents ?? [],
    pools: first?.pools ?? [],
    displacements: first?.displacements ?? [],
    misroutedCallbacks: first?.misroutedCallbacks ?? [],
    omitted: first?.omitted ?? { creditEvents: 0, displacements: 0, misroutedCallbacks: 0 },
    inboundByHourOfWeek: byHour,
  };
}
