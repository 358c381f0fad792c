/** `callsim run FILE`: simulate a scenario and report its figures with confidence intervals. */
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  metricNames,
  metricProblem,
  readableName,
  runInParallel,
  runScenario,
  workersAvailable,
  type CallRecord,
  type Engine,
  type RunResult,
} from '../../engine/run/index.js';
import {
  bytesText,
  cannotFit,
  costWarning,
  durationHint,
  estimateCost,
  formatIssue,
  loadScenarioFile,
  MAX_DURATION_MS,
  parseDuration,
  REFUSE_BYTES,
  scenarioFindings,
  workloadNotes,
} from '../../engine/scenario/index.js';
import { formatFigure } from '../format-figure.js';
import { wholeNumber } from '../option-parsers.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode, type Output } from '../io.js';
import { CSV_HEADER, csvLine } from '../calls-csv.js';
import { resultsDocument } from '../results-document.js';
import { reportOf } from './report.js';
import { OutputFileError, outputProblem, WholeFileWriter, type OutputRequest } from '../write-whole.js';
import { ProgressBar, wantProgress } from '../progress.js';

interface RunCliOptions {
  jobs?: number;
  engine?: Engine;
  seed?: number;
  replications?: number;
  horizon?: number;
  json?: string;
  calls?: string;
  html?: string;
  progress?: boolean;
  force?: boolean;
}


function duration(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0 || ms > MAX_DURATION_MS) {
    const hint = ms === 0 ? 'a run needs a horizon longer than 0' : ms !== undefined && ms > MAX_DURATION_MS ? 'at most 100 years (36525d)' : durationHint(value);
    throw new InvalidArgumentError(`expected a duration such as 30d, 12h or 90m${hint === undefined ? '' : `; ${hint}`}.`);
  }
  return ms;
}

/** A simulated span in the largest whole unit that fits: "14 days", "36 h", "90 min". */
function span(ms: number): string {
  const day = 86_400_000;
  if (ms % day === 0) return `${ms / day} day${ms === day ? '' : 's'}`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  return `${Math.round(ms / 60_000)} min`;
}


/** Short labels for outcome IDs in the summary table (docs/rules.md §3 has the full rules). */
export const OUTCOME_LABELS: Readonly<Record<string, string>> = {
  OUT001: 'placed with the shared number as caller ID (answered or not)',
  OUT002: 'not a Shared Calling user: failed',
  OUT003: "routed by the user's own number or routing",
  OUT004: 'resource account has no number: failed',
  OUT005: 'not funded: "not set up for this feature"',
  OUT006: 'credit balance at zero: failed',
  OUT007: 'channel cap reached: failed',
  INB001: 'no auto attendant: not answered',
  INB002: 'flow run: holiday (counts which flow ran, not an outcome)',
  INB003: 'flow run: after hours (counts which flow ran, not an outcome)',
  INB004: 'flow run: business hours (counts which flow ran, not an outcome)',
  INB010: 'transferred to a user, who answered',
  INB011: 'transferred to the operator',
  INB012: 'dial by name: more than 5 matches',
  INB013: 'outside dial scope or not found',
  INB014: 'no or invalid input 3 times',
  INB015: 'ended by the flow (disconnect or redirect), not a failure',
  INB016: "user did not answer: left in voicemail",
  INB017: 'user did not answer, no voicemail: ended',
  INB018: 'shared number not in service',
  INB019: 'toll-free with no credit: not answered',
  INB020: 'channel cap reached: busy',
  CQ020: 'answered by a call queue agent',
  CQ021: 'hung up while waiting in a call queue',
  CQ022: 'call queue full: overflow action',
  CQ023: 'call queue timed out: timeout action',
  CQ024: 'no call queue agent opted in: no-agents action',
  CQ025: 'sent on to a call queue or attendant (ends a leg, not a call)',
  CQ026: 'came back to a queue or attendant it had been through: disconnected',
  CQ027: 'sent to a resource account that answers for nothing',
  EMG001: 'not recognised as an emergency number',
  EMG003: 'free callback number reserved',
  EMG004: "callback number taken from another caller",
  EMG005: "resource account's number as callback number",
  EMG007: 'repeat caller kept their callback number',
  EMG008: "carried by the user's own routing",
  EMG009: 'FAILED: caller cannot call the PSTN',
  EMG010: 'FAILED: no route for the number type',
  EMG011: 'FAILED: no callback number',
  EMG012: 'FAILED: no location',
  EMG013: 'test call (933)',
  CBK001: 'reservation active: rang its holder',
  CBK002: 'no active reservation',
  CBK003: "resource account's number: auto attendant",
  CBK004: 'rang the caller, who did not answer',
};

/**
 * Labels for figures that are not outcome IDs, by full name. `outbound.answered` is printed right
 * under `outbound.outcome.OUT001`, of which it is the part the far end answered.
 */
export const METRIC_LABELS: Readonly<Record<string, string>> = {
  'outbound.answered': 'of the OUT001 calls, those the far end answered',
  'inbound.transferAnswered': 'of the transfers, those the user answered (INB010)',
};

/** Figures printed right under another one they are part of, rather than in name order. */
const SHOWN_UNDER: Readonly<Record<string, string>> = { 'outbound.answered': 'outbound.outcome.OUT001' };

/** The section's rows with each SHOWN_UNDER figure moved right under the figure it is part of. */
function ordered<T>(rows: [string, T][]): [string, T][] {
  const moved = new Set(rows.filter(([name]) => SHOWN_UNDER[name] !== undefined && rows.some(([n]) => n === SHOWN_UNDER[name])).map(([name]) => name));
  const result: [string, T][] = [];
  for (const row of rows) {
    if (moved.has(row[0])) continue;
    result.push(row);
    for (const under of rows) if (moved.has(under[0]) && SHOWN_UNDER[under[0]] === row[0]) result.push(under);
  }
  return result;
}

const SECTIONS: [prefix: string, title: string][] = [
  ['outbound.', 'Outbound calls (Shared Calling users dial the PSTN)'],
  ['inbound.', 'Inbound calls (PSTN callers dial the shared number)'],
  ['emergency.', 'Emergency calls'],
  ['callback.', 'Emergency service callbacks'],
  ['queue.', 'Call queues (inbound calls an attendant sent on to a queue or attendant)'],
  ['callbackPool.', 'Callback number pools'],
  ['channels.', 'Channels in use (per resource account)'],
  ['credits.', 'Communications Credits'],
  ['timeline.', 'Timeline changes'],
];

/** The readable summary: one section per kind, figures that are zero in every replication left out. */
export function formatSummary(result: RunResult, out: Output): void {
  const reps = result.replications;
  out.write(
    `${result.scenario.name}\n  seed ${result.seed}, ${reps} replication${reps === 1 ? '' : 's'} of ${span(result.horizonMs)}` +
      `${result.warmupMs > 0 ? ` after a ${span(result.warmupMs)} warm-up` : ''}; mean over replications ± 95% CI half-width\n`,
  );
  let hidden = 0;
  for (const [prefix, title] of SECTIONS) {
    const rows = Object.entries(result.metrics).filter(([name]) => name.startsWith(prefix));
    const shown = ordered(rows).filter(([name, m]) => name.endsWith('.calls') || m.values.some((v) => v !== null && v !== 0));
    hidden += rows.length - shown.length;
    if (shown.length === 0) continue;
    out.write(`\n${title}\n`);
    for (const [name, m] of shown) {
      const id = name.split('.').pop() ?? '';
      const text = METRIC_LABELS[name] ?? OUTCOME_LABELS[id];
      const label = text === undefined ? name : `${name}  ${text}`;
      out.write(`  ${label.padEnd(80)} ${formatFigure(m.mean).padStart(12)} ± ${formatFigure(m.halfWidth)}\n`);
    }
  }
  if (hidden > 0) out.write(`\n(${hidden} figures that are 0 in every replication are not shown; --json FILE has them all)\n`);
  const refused = result.timeline.filter((t) => !t.ok);
  for (const t of refused) out.write(`timeline[${t.index}] at ${t.at} ms refused: ${t.text}\n`);
  if (result.expectations.length > 0) {
    out.write('\nExpectations\n');
    for (const e of result.expectations) {
      out.write(`  ${e.passed ? 'pass' : 'FAIL'} ${e.metric}${e.passed ? ` = ${formatFigure(e.observed)}` : `: ${e.message}`}\n`);
    }
  }
}

export async function runFile(file: string, options: RunCliOptions, io: CliIo, stderrIsTty: boolean): Promise<ExitCode> {
  // Output paths are checked before anything is loaded or run: an empty path, two outputs that
  // are the same file, a folder that does not exist cost no work and leave nothing behind.
  const requests: OutputRequest[] = [
    ...(options.json === undefined ? [] : [{ option: '--json', path: options.json }]),
    ...(options.calls === undefined ? [] : [{ option: '--calls', path: options.calls }]),
    ...(options.html === undefined ? [] : [{ option: '--html', path: options.html }]),
  ];
  const problem = outputProblem(requests);
  if (problem !== undefined) {
    io.stderr.write(`callsim run: ${problem}\n`);
    return EXIT_UNUSABLE;
  }
  const loaded = await loadScenarioFile(file, { metricProblem });
  if (!loaded.ok) {
    for (const issue of loaded.issues) io.stderr.write(`${formatIssue(issue)}\n`);
    io.stderr.write(`${file}: the scenario cannot be run until these are fixed\n`);
    return EXIT_UNUSABLE;
  }
  const findings = scenarioFindings(loaded.scenario, loaded.tenant);
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (findings.length > 0) {
    io.stderr.write(`note: the tenant has ${errors} error and ${findings.length - errors} warning findings (callsim validate ${file}); the run shows what they do.\n`);
  }
  for (const n of workloadNotes(loaded.scenario, loaded.tenant)) io.stderr.write(`note ${n.outcome} ${n.path}: ${n.message}\n`);
  const horizon = options.horizon ?? loaded.scenario.horizon;
  if (options.horizon !== undefined && options.horizon <= loaded.scenario.warmup) {
    io.stderr.write(`callsim run: --horizon ${span(options.horizon)} is not longer than the scenario's warm-up (${span(loaded.scenario.warmup)}), so nothing would be measured; give a longer --horizon.\n`);
    return EXIT_UNUSABLE;
  }
  if (options.horizon !== undefined) {
    for (const entry of loaded.scenario.timeline) {
      if (entry.at >= horizon) io.stderr.write(`note: timeline[${entry.index}] (at ${span(entry.at)}) is at or after --horizon ${span(horizon)} and will not run.\n`);
    }
  }
  const jobs = options.jobs ?? 1;
  const replications = options.replications ?? loaded.scenario.replications;
  // What the run will cost, before any of it runs: a warning for a large one, and a refusal of
  // one that cannot fit in memory unless --force (engine/scenario/estimate.ts).
  const estimate = estimateCost(loaded.scenario, loaded.tenant.users.length, {
    replications,
    horizonMs: horizon,
    jobs,
    figures: metricNames(loaded.tenant).length,
    ...(options.engine === undefined ? {} : { engine: options.engine }),
  });
  const warning = costWarning(estimate);
  if (warning !== undefined) io.stderr.write(`warning: ${warning}\n`);
  if (cannotFit(estimate) && options.force !== true) {
    io.stderr.write(
      `callsim run: refused: the run would need about ${bytesText(estimate.memoryBytes)} of memory, more than ${bytesText(REFUSE_BYTES)}; ` +
        'give fewer --replications, a shorter --horizon or fewer --jobs, or --force to run it anyway.\n',
    );
    return EXIT_UNUSABLE;
  }
  // Both output files are opened before the run, so a path that cannot be written costs no simulated time.
  const opened: { option: string; file: WholeFileWriter }[] = [];
  try {
    for (const r of requests) opened.push({ option: r.option, file: new WholeFileWriter(r.path, io.stdout) });
  } catch (error) {
    for (const o of opened) o.file.abort();
    if (!(error instanceof OutputFileError)) throw error;
    const option = requests[opened.length]?.option ?? '';
    io.stderr.write(`callsim run: cannot write ${option} ${error.path}: ${error.message}\n`);
    return EXIT_UNUSABLE;
  }
  const jsonFile = opened.find((o) => o.option === '--json')?.file;
  const callsFile = opened.find((o) => o.option === '--calls')?.file;
  const htmlFile = opened.find((o) => o.option === '--html')?.file;
  // With an output on standard output, the summary goes to stderr so that the output stays clean.
  const summary = opened.some((o) => o.file.toStdout) ? io.stderr : io.stdout;
  let bar: ProgressBar | undefined;
  try {
    callsFile?.write(CSV_HEADER);
    // A bar only where someone watches (a terminal) and only for runs long enough to wait for.
    bar = wantProgress(options, stderrIsTty, estimate.wallSeconds)
      ? new ProgressBar(io.stderr, { total: replications, unit: 'replications', expectedCalls: estimate.calls })
      : undefined;
    const progress = bar === undefined ? undefined : (done: number): void => bar?.update(done);
    const startEpochMs = loaded.scenario.startEpochMs;
    const name = readableName(loaded.tenant);
    // On this thread the bar counts the calls; replications on workers only say how far they got.
    const onCall =
      callsFile === undefined && bar === undefined
        ? undefined
        : (r: CallRecord): void => {
            callsFile?.write(csvLine(r, startEpochMs, name));
            bar?.call();
          };
    const seed = options.seed ?? loaded.scenario.seed;
    // Replications run on worker threads with --jobs N, and also with one job when files are
    // written: the main thread then stays free to write them in order and, on Ctrl-C, to remove
    // the unfinished ones at once rather than when the simulation next looks up. (Where there is
    // no compiled worker, as under a test runner, they run here: the results are the same.)
    const onWorkers = workersAvailable() && ((jobs > 1 && replications > 1) || opened.length > 0);
    const result = onWorkers
      ? await runInParallel(loaded, {
          seed,
          replications,
          horizonMs: horizon,
          jobs,
          engine: options.engine ?? 'compiled',
          // The CSV is made on the worker threads; this thread only writes it.
          ...(callsFile === undefined ? {} : { recordText: { module: new URL('../calls-csv.js', import.meta.url), onText: (text: string) => callsFile.write(text) } }),
          ...(progress === undefined ? {} : { onProgress: progress }),
        })
      : runScenario(loaded, {
          seed,
          replications,
          horizonMs: horizon,
          engine: options.engine ?? 'compiled',
          ...(onCall === undefined ? {} : { onCall }),
          ...(progress === undefined ? {} : { onProgress: progress }),
        });
    bar?.finish();
    jsonFile?.write(`${JSON.stringify(resultsDocument(result), null, 2)}\n`);
    if (htmlFile !== undefined) htmlFile.write(await reportOf(resultsDocument(result), file));
    formatSummary(result, summary);
    callsFile?.commit();
    jsonFile?.commit();
    htmlFile?.commit();
    return result.expectations.every((e) => e.passed) ? EXIT_OK : EXIT_FINDINGS;
  } catch (error) {
    // The bar's line ends before whatever is said about the failure.
    bar?.finish();
    for (const o of opened) o.file.abort();
    // A file that cannot be written is the user's to fix; anything else is a bug of ours (exit 70).
    if (!(error instanceof OutputFileError)) throw error;
    const option = opened.find((o) => o.file.path === error.path)?.option ?? 'output';
    io.stderr.write(`callsim run: cannot write ${option} ${error.path}: ${error.message}\n`);
    return EXIT_UNUSABLE;
  }
}

export function runCommand(io: CliIo, done: (code: ExitCode) => void, stderrIsTty = false): Command {
  return new Command('run')
    .description('Simulate a scenario: inbound, outbound and emergency calls and callbacks, with figures over replications.')
    .argument('<file>', 'scenario file, YAML or JSON')
    .option('--seed <n>', "seed (default: the scenario's)", wholeNumber('--seed', 0))
    .option('--jobs <n>', 'run replications on N threads at once (default 1; results are the same bytes)', wholeNumber('--jobs', 1))
    .option('--replications <n>', "independent replications (default: the scenario's)", wholeNumber('--replications', 1))
    .option('--horizon <duration>', "simulated time per replication, e.g. 30d (default: the scenario's)", duration)
    .option('--json <file>', 'write the results document (docs/results-format.md) to FILE (- for standard output)')
    .option('--calls <file>', 'write one CSV record per finished call to FILE, streamed (- for standard output)')
    .option('--html <file>', 'write the HTML report (callsim report --help) to FILE: one page, no script, no network')
    .option('--no-progress', 'never draw the progress bar on stderr')
    .option('--force', 'run even what the estimate says cannot fit in memory (more than 16 GB)')
    .addOption(
      new Option('--engine <engine>', 'what runs the call machines: compiled (fast, the default) or xstate (the reference); the results are the same bytes')
        .choices(['compiled', 'xstate']),
    )
    .addHelpText(
      'after',
      `
Output files are written whole or not at all: to a temporary file beside FILE, renamed into
place when the run ends, removed when it fails or is interrupted. --json and --calls must name
different files. - (or /dev/stdout) writes to standard output, and the summary then goes to
stderr; a pipe, a terminal or another special file is written through, never replaced. With
--jobs N the --calls records come in the same order as on one thread.

Before it starts, run estimates the work: the expected calls (each kind's rate, times the users
for per-user rates, times the profile's mean multiplier, times the horizon and the
replications), the memory (users, calls at once, figures kept) and the time. Above 50 million
calls or 4 GB it prints a warning with the estimate; above 16 GB it refuses unless --force. On a
terminal, a run expected to take more than about 2 s draws a progress bar on stderr (calls,
replications, elapsed time, time left); never into a pipe or a file, and never with --no-progress.

Exit codes: 0 ran and every expectation passed, 1 an expectation failed, 2 the scenario, an
option or an output file cannot be used, or the run cannot fit in memory (see --force), 70 a
bug in callsim (see callsim --help), 130 / 143 interrupted by Ctrl-C (SIGINT) / SIGTERM:
unfinished output files are removed.

Examples:
  $ callsim run scenarios/seattle.yaml
  $ callsim run scenarios/seattle.yaml --seed 7 --replications 20 --horizon 30d --json results.json
  $ callsim run scenarios/seattle.yaml --calls calls.csv
  $ callsim run scenarios/small-callback-pool.yaml --replications 3 --horizon 7d --html report.html
  $ callsim run scenarios/seattle.yaml --replications 20 --jobs 2 --calls calls.csv`,
    )
    .action(async (file: string, options: RunCliOptions) => {
      done(await runFile(file, options, io, stderrIsTty));
    });
}

export { EXIT_FINDINGS };
