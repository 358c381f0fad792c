/** `callsim compare A B`: what changes between two scenarios, with paired confidence intervals. */
import { Command } from 'commander';
import { compareRuns, metricNames, metricProblem, pointOverrides, runScenario, type MetricComparison, type RunResult, type SweepAxis } from '../../engine/run/index.js';
import { collectSet } from '../sweep-setup.js';
import { costWarning, estimateCost, formatIssue, loadScenarioFile } from '../../engine/scenario/index.js';
import { ProgressBar, wantProgress } from '../progress.js';
import { formatFigure } from '../format-figure.js';
import { wholeNumber } from '../option-parsers.js';
import { EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode } from '../io.js';
import { comparisonDocument } from '../results-document.js';
import { OutputFileError, outputProblem, writeFileWhole } from '../write-whole.js';
import { reportOf } from './report.js';

interface CompareOptions {
  seed?: number;
  replications?: number;
  json?: boolean;
  html?: string;
  all?: boolean;
  progress?: boolean;
  set?: SweepAxis[];
}



/** A difference whose 95% interval leaves out 0: the change, not the noise, moved the figure. */
function significant(c: MetricComparison): boolean {
  const d = c.difference;
  return d.lower !== null && d.upper !== null && (d.lower > 0 || d.upper < 0);
}

export async function compareFiles(fileA: string, fileB: string | undefined, options: CompareOptions, io: CliIo): Promise<ExitCode> {
  const problem = options.html === undefined ? undefined : outputProblem([{ option: '--html', path: options.html }]);
  if (problem !== undefined) {
    io.stderr.write(`callsim compare: ${problem}\n`);
    return EXIT_UNUSABLE;
  }
  const sets = options.set ?? [];
  const several = sets.find((s) => s.values.length !== 1);
  if (several !== undefined) {
    io.stderr.write(`callsim compare: --set ${several.path} has ${several.values.length} values; compare takes one per path (callsim sweep takes several)\n`);
    return EXIT_UNUSABLE;
  }
  if (fileB === undefined && sets.length === 0) {
    io.stderr.write('callsim compare: give a second scenario B, or --set PATH=VALUE to compare A with A changed\n');
    return EXIT_UNUSABLE;
  }
  // B is A itself with the changes when no B is given: one file plus changes.
  const overrides = pointOverrides(Object.fromEntries(sets.map((s) => [s.path, s.values[0] ?? ''])));
  const loadedA = await loadScenarioFile(fileA, { metricProblem });
  const loadedB = await loadScenarioFile(fileB ?? fileA, { metricProblem, overrides });
  const nameB = `${fileB ?? fileA}${sets.length === 0 ? '' : ` with ${sets.map((s) => `${s.path}=${s.values[0] ?? ''}`).join(' ')}`}`;
  let unusable = false;
  for (const [file, loaded] of [[fileA, loadedA], [nameB, loadedB]] as const) {
    if (loaded.ok) continue;
    unusable = true;
    for (const issue of loaded.issues) io.stderr.write(`${formatIssue(issue)}\n`);
    io.stderr.write(`${file}: the scenario cannot be run until these are fixed\n`);
  }
  if (!loadedA.ok || !loadedB.ok || unusable) return EXIT_UNUSABLE;
  // Both runs take A's seed and replications unless told otherwise, so they pair.
  const seed = options.seed ?? loadedA.scenario.seed;
  const replications = options.replications ?? Math.max(loadedA.scenario.replications, loadedB.scenario.replications, 2);
  // What the two runs will cost: a warning for a large one, a progress bar for a long one.
  const estimates = [loadedA, loadedB].map((l) => estimateCost(l.scenario, l.tenant.users.length, { replications, figures: metricNames(l.tenant).length }));
  estimates.forEach((e, i) => {
    const warning = costWarning(e);
    if (warning !== undefined) io.stderr.write(`warning: ${i === 0 ? 'A' : 'B'} (${i === 0 ? fileA : fileB}): ${warning}\n`);
  });
  const [estimateA, estimateB] = estimates as [(typeof estimates)[0], (typeof estimates)[0]];
  const bar = wantProgress(options, io.stderrIsTty === true, estimateA.wallSeconds + estimateB.wallSeconds)
    ? new ProgressBar(io.stderr, { total: 2 * replications, unit: 'replications', expectedCalls: estimateA.calls + estimateB.calls })
    : undefined;
  const watched = (before: number) =>
    bar === undefined ? {} : { onProgress: (done: number) => bar.update(before + done), onCall: () => bar.call() };
  let a: RunResult;
  let b: RunResult;
  try {
    a = runScenario(loadedA, { seed, replications, ...watched(0) });
    b = runScenario(loadedB, { seed, replications, ...watched(replications) });
  } finally {
    bar?.finish();
  }
  const comparisons = compareRuns(a, b);
  if (options.html !== undefined) {
    try {
      writeFileWhole(options.html, await reportOf(comparisonDocument(a, b, seed, replications, comparisons), `${fileA} / ${fileB}`), io.stdout);
    } catch (error) {
      if (!(error instanceof OutputFileError)) throw error;
      io.stderr.write(`callsim compare: cannot write --html ${error.path}: ${error.message}\n`);
      return EXIT_UNUSABLE;
    }
  }
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify(comparisonDocument(a, b, seed, replications, comparisons), null, 2)}\n`);
    return EXIT_OK;
  }
  const shown = comparisons.filter((c) => options.all === true || c.a.mean !== c.b.mean);
  io.stdout.write(`A: ${a.scenario.name} (${fileA})\nB: ${b.scenario.name} (${nameB})\n`);
  io.stdout.write(`seed ${seed}, ${replications} paired replications (common random numbers); difference B - A with its 95% CI; * = the interval leaves out 0\n\n`);
  io.stdout.write(`  ${'metric'.padEnd(46)} ${'A'.padStart(12)} ${'B'.padStart(12)} ${'B - A'.padStart(12)}   95% CI\n`);
  for (const c of shown) {
    const d = c.difference;
    const ci = d.lower === null || d.upper === null ? '-' : `[${formatFigure(d.lower)}, ${formatFigure(d.upper)}]`;
    io.stdout.write(`${significant(c) ? '*' : ' '} ${c.metric.padEnd(46)} ${formatFigure(c.a.mean).padStart(12)} ${formatFigure(c.b.mean).padStart(12)} ${formatFigure(d.mean).padStart(12)}   ${ci}\n`);
  }
  const same = comparisons.length - shown.length;
  if (same > 0) io.stdout.write(`\n(${same} figures are the same in both; --all shows them)\n`);
  return EXIT_OK;
}

export function compareCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('compare')
    .description('Run two scenarios with the same seed and show what changes, with paired 95% confidence intervals.')
    .argument('<a>', 'the scenario as it is (YAML or JSON)')
    .argument('[b]', 'the what-if variant (default: A with the --set changes)')
    .option('--set <path=value>', 'change B at a dotted PATH before it runs, as callsim sweep does (repeatable)', collectSet)
    .option('--seed <n>', "seed for both runs (default: A's)", wholeNumber('--seed', 0))
    .option('--replications <n>', 'paired replications (default: the larger of the two, at least 2)', wholeNumber('--replications', 2))
    .option('--all', 'also list the figures that are the same in both')
    .option('--json', 'print the comparison as one JSON document')
    .option('--html <file>', 'also write the comparison as an HTML page (callsim report --help): each moved figure with its paired interval')
    .option('--no-progress', 'never draw the progress bar on stderr')
    .addHelpText(
      'after',
      `
Both scenarios draw their random numbers from streams named for their purpose, so a change to
one part (the pool size, a timeline cmdlet) leaves the others' numbers alone, and the difference
replication by replication shows what the change did, with much less noise than two separate runs.

A pair of runs estimated at more than 50 million calls or 4 GB of memory gets a warning with the
estimate. On a terminal, runs expected to take more than about 2 s draw a progress bar on stderr.

Examples:
  $ callsim compare scenarios/small-callback-pool.yaml scenarios/large-callback-pool.yaml
  $ callsim compare scenarios/seattle.yaml scenarios/port-the-number.yaml --replications 10
  $ callsim compare scenarios/small-callback-pool.yaml --set settings.callbackPool.reuse=oldest
  $ callsim compare scenarios/small-callback-pool.yaml scenarios/large-callback-pool.yaml --replications 3 --html compare.html`,
    )
    .action(async (a: string, b: string | undefined, options: CompareOptions) => {
      done(await compareFiles(a, b, options, io));
    });
}
