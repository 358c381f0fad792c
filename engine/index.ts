/**
 * callsim as a library: the package's one public entry (`import { ... } from 'callsim'`,
 * package.json `exports`). What is here is what the CLI runs, under the names a program wants:
 *
 * ```js
 * import { loadScenario, runScenario } from 'callsim';
 * const loaded = await loadScenario('scenarios/small-callback-pool.yaml');
 * const result = await runScenario(loaded, { replications: 3, signal: AbortSignal.timeout(60_000) });
 * console.log(result.metrics['callback.misrouted']?.mean);
 * ```
 *
 * Figures, outcome IDs and results are those of `callsim run` (docs/results-format.md, and
 * docs/rules.md for every ID); the same scenario and seed give the same results on any number
 * of threads.
 */
import { fileURLToPath } from 'node:url';
import {
  metricProblem,
  prepareSweep,
  runInParallel,
  runPreparedSweep,
  runScenario as runOnThisThread,
  workersAvailable,
  type RunOptions,
  type RunResult,
  type SweepAxis,
  type SweepResult,
  type SweepRunOptions,
} from './run/index.js';
import { formatIssue, loadScenarioFile, loadScenarioText, scenarioFindings, type Scenario, type ScenarioIssue } from './scenario/index.js';
import type { Finding, Tenant } from './tenant/index.js';

/** A scenario file as loaded: the frozen scenario and the tenant its cmdlets built. */
export interface LoadedScenario {
  scenario: Scenario;
  tenant: Tenant;
}

/**
 * A scenario that cannot be used: `issues` has each problem located at file:line:column with what
 * was expected and its rule ID or code; the message is those issues, one a line, as
 * `callsim validate` prints them.
 */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    message: string,
    readonly issues: readonly ScenarioIssue[] = [],
  ) {
    super(message);
  }
}

/**
 * Loads a scenario from a file (a path or a file: URL) or from its text (`{ text, file? }`, YAML
 * or JSON; `file` names it in messages). It rejects with a ScenarioError listing every problem.
 * From text, a `tenant.script` cannot be read (it is relative to a file): use a file for those.
 * `loadScenarioFile` and `loadScenarioText` return the issues instead of throwing them.
 */
export async function loadScenario(source: string | URL | { text: string; file?: string }): Promise<LoadedScenario> {
  const result =
    typeof source === 'string' || source instanceof URL
      ? await loadScenarioFile(source instanceof URL ? fileURLToPath(source) : source, { metricProblem })
      : loadScenarioText(source.text, source.file ?? 'scenario.yaml', { metricProblem });
  if (!result.ok) throw new ScenarioError(result.issues.map(formatIssue).join('\n'), result.issues);
  return { scenario: result.scenario, tenant: result.tenant };
}

export interface RunScenarioOptions extends RunOptions {
  /**
   * Worker threads to run the replications on (default 1; more run replications side by side, to
   * the same results). The calling thread stays free, and an aborted signal stops the threads at
   * once. 0 runs them on the calling thread, which is then busy until the run ends: the signal is
   * seen between simulated days and replications, so only a callback (onProgress, onCall) can
   * abort it in time. Where there is no compiled worker (the TypeScript sources run by a test
   * runner) the run is on the calling thread whatever `jobs` says.
   */
  jobs?: number;
}

/**
 * Runs a loaded scenario: its replications (seed, replications and horizon from the scenario
 * unless given), every figure as the mean over replications with a 95% confidence interval, and
 * its `expect` list checked. `onProgress(done, total)` counts replications, fractional within
 * one; `onCall` receives each call's record (after the warm-up) in replication order. An aborted
 * `signal` rejects with its reason (by default a DOMException named AbortError).
 */
export async function runScenario(loaded: LoadedScenario, options: RunScenarioOptions = {}): Promise<RunResult> {
  const jobs = options.jobs ?? 1;
  const replications = options.replications ?? loaded.scenario.replications;
  if (jobs < 1 || replications < 1 || !workersAvailable()) return runOnThisThread(loaded, options);
  return runInParallel(loaded, {
    seed: options.seed ?? loaded.scenario.seed,
    replications,
    horizonMs: options.horizonMs ?? loaded.scenario.horizon,
    jobs,
    engine: options.engine ?? 'compiled',
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.onCall === undefined ? {} : { onCall: options.onCall }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}

export interface SweepOptions extends SweepRunOptions {
  /**
   * The grid: a dotted path into the scenario document -> its values, each read as YAML as
   * `--set PATH=V1,V2` reads it (5 a number, oldest a string). The first path varies slowest.
   */
  set?: Record<string, readonly (string | number | boolean)[]>;
  /** Seed for every point (default: the scenario's). */
  seed?: number;
  /** Replications per point (default: the scenario's, at least 2). */
  replications?: number;
}

/**
 * `callsim sweep` as a function: the scenario file run at every point of the grid with the same
 * seed and replication indices, each figure per point and the paired differences between
 * neighbouring points (docs/sweeps.md; `sweepDocument` gives the JSON the CLI writes). It runs on
 * the calling thread and lets the event loop turn between units (point x replication), where the
 * signal is seen; `onProgress(done, total)` counts units. A point that cannot be loaded rejects
 * with a ScenarioError.
 */
export async function sweep(file: string, options: SweepOptions = {}): Promise<SweepResult> {
  const axes: SweepAxis[] = Object.entries(options.set ?? {}).map(([path, values]) => ({ path, values: values.map(String) }));
  const prepared = await prepareSweep(file, axes, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.replications === undefined ? {} : { replications: options.replications }),
  });
  if (!prepared.ok) throw new ScenarioError(prepared.lines.join('\n'));
  return runPreparedSweep(prepared.sweep, options);
}

/**
 * The findings of `callsim validate` for a loaded scenario (docs/rules.md §2), each with its rule,
 * severity, the object it is about and how to fix it. RA010's misroute risk is the closed form
 * here; the CLI adds a simulated figure where the closed form is not exact.
 */
export function validate(loaded: LoadedScenario): Finding[] {
  return scenarioFindings(loaded.scenario, loaded.tenant);
}

// What a program needs besides: the non-throwing loaders, one replication, comparing two runs,
// calls placed on purpose, the sweep document, and the types of everything returned.
export { formatIssue, loadScenarioFile, loadScenarioText, scenarioFindings } from './scenario/index.js';
export type { LoadResult, Scenario, ScenarioIssue } from './scenario/index.js';
export { compareRuns, metricNames, placeCalls, runReplication, sweepDocument } from './run/index.js';
export type {
  CallOutcome,
  CallRecord,
  CallRequest,
  CallResult,
  Engine,
  ExpectationResult,
  MetricComparison,
  MetricSummary,
  ReplicationOptions,
  ReplicationResult,
  RunFigures,
  RunOptions,
  RunResult,
  RunSeries,
  SweepAxis,
  SweepDifference,
  SweepFigure,
  SweepResult,
  SweepRunOptions,
  TimelineOutcome,
} from './run/index.js';
export type { Finding, Tenant } from './tenant/index.js';
