/** `callsim sweep FILE --set PATH=V1,V2 ...`: one scenario over a grid of changes, paired point to point. */
import { Command, Option } from 'commander';
import {
  assembleSweep,
  partDocument,
  prepareSweep,
  runSweepUnit,
  shardUnits,
  sweepDocument,
  sweepUnits,
  type Engine,
  type SweepAxis,
  type SweepResult,
} from '../../engine/run/index.js';
import { formatFigure } from '../format-figure.js';
import { wholeNumber } from '../option-parsers.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode, type Output } from '../io.js';
import { collectSet, parseShard } from '../sweep-setup.js';
import { OutputFileError, writeFileWhole } from '../write-whole.js';

interface SweepOptions {
  set?: SweepAxis[];
  seed?: number;
  replications?: number;
  json?: string;
  shard?: string;
  metric?: string[];
  all?: boolean;
  engine?: Engine;
}

function interval(lower: number | null, upper: number | null): string {
  return lower === null || upper === null ? '-' : `[${formatFigure(lower)}, ${formatFigure(upper)}]`;
}

/**
 * A table per figure that moves between points (all with --all, or those named by --metric):
 * each point's mean and half-width, and its paired difference from the point before it on the
 * last axis (* when that difference's interval leaves out 0).
 */
export function formatSweep(sweep: SweepResult, out: Output, options: { all?: boolean; metric?: string[] }): void {
  const { header } = sweep;
  const last = header.axes[header.axes.length - 1];
  out.write(`${header.scenario.name} (${header.scenario.file})\n`);
  out.write(`seed ${header.seed}, ${header.replications} replications per point, ${header.points.length} points; mean ± 95% CI half-width; Δ = paired difference from the point above on ${last?.path ?? 'the last axis'} (* its interval leaves out 0)\n`);
  const wanted = (name: string): boolean => options.metric === undefined || options.metric.some((m) => name === m || name.startsWith(`${m}.`));
  const width = Math.max(...header.points.map((p) => Object.entries(p.set).map(([k, v]) => `${k}=${v}`).join(' ').length), 5);
  let hidden = 0;
  for (const [name, figure] of Object.entries(sweep.figures)) {
    if (!wanted(name)) continue;
    const means = new Set(figure.points.map((p) => p.mean));
    if (options.all !== true && options.metric === undefined && means.size <= 1) {
      hidden++;
      continue;
    }
    out.write(`\n${name}\n`);
    header.points.forEach((point, i) => {
      const s = figure.points[i];
      const label = Object.entries(point.set).map(([k, v]) => `${k}=${v}`).join(' ');
      const d = last === undefined ? undefined : figure.differences.find((x) => x.axis === last.path && x.to === i);
      const significant = d !== undefined && d.lower !== null && d.upper !== null && (d.lower > 0 || d.upper < 0);
      const value = `${formatFigure(s?.mean ?? null)} ± ${formatFigure(s?.halfWidth ?? null)}`;
      const diff = d === undefined ? '' : `${significant ? '*' : ' '} Δ ${formatFigure(d.mean)} ${interval(d.lower, d.upper)}`;
      out.write(`  ${label.padEnd(width)}  ${value.padStart(22)}  ${diff}\n`.replace(/ +\n$/, '\n'));
    });
  }
  if (hidden > 0) out.write(`\n(${hidden} figures are the same at every point; --all shows them)\n`);
  const failed = sweep.runs.flatMap((r, i) => r.expectations.filter((e) => !e.passed).map((e) => `point ${i}: ${e.message}`));
  if (failed.length > 0) out.write(`\nExpectations failed\n${failed.map((f) => `  FAIL ${f}\n`).join('')}`);
}

export async function sweepFile(file: string, options: SweepOptions, io: CliIo, env: NodeJS.ProcessEnv): Promise<ExitCode> {
  const axes = options.set ?? [];
  const shard = options.shard === undefined ? undefined : parseShard(options.shard, env);
  if (typeof shard === 'string') {
    io.stderr.write(`callsim sweep: ${shard}\n`);
    return EXIT_UNUSABLE;
  }
  if (shard !== undefined && (options.json === undefined || options.json === '-')) {
    io.stderr.write('callsim sweep: --shard writes a part for callsim merge; name its file with --json PART.json\n');
    return EXIT_UNUSABLE;
  }
  const prepared = await prepareSweep(file, axes, options);
  if (!prepared.ok) {
    for (const line of prepared.lines) io.stderr.write(`${line}\n`);
    return EXIT_UNUSABLE;
  }
  const { header, loaded } = prepared.sweep;
  const all = sweepUnits(header.points.length, header.replications);
  const units = shard === undefined ? all : shardUnits(all, shard.index, shard.count);
  const results = units.map((u) => {
    const point = loaded[u.point];
    if (point === undefined) throw new RangeError(`unit of point ${u.point}, which the sweep does not have`);
    return runSweepUnit(point, header, u, options.engine);
  });
  try {
    if (shard !== undefined) {
      writeFileWhole(options.json ?? '-', `${JSON.stringify(partDocument({ header, shard, units: results }))}\n`, io.stdout);
      io.stderr.write(`shard ${shard.index}/${shard.count}: ${results.length} of ${all.length} units written to ${options.json}\n`);
      return EXIT_OK;
    }
    const sweep = assembleSweep(header, results);
    if (options.json !== undefined) writeFileWhole(options.json, `${JSON.stringify(sweepDocument(sweep), null, 2)}\n`, io.stdout);
    formatSweep(sweep, options.json === '-' ? io.stderr : io.stdout, options);
    return sweep.runs.every((r) => r.expectations.every((e) => e.passed)) ? EXIT_OK : EXIT_FINDINGS;
  } catch (error) {
    if (!(error instanceof OutputFileError)) throw error;
    io.stderr.write(`callsim sweep: cannot write --json ${error.path}: ${error.message}\n`);
    return EXIT_UNUSABLE;
  }
}

export function sweepCommand(io: CliIo, done: (code: ExitCode) => void, env: NodeJS.ProcessEnv = process.env): Command {
  return new Command('sweep')
    .description('Run one scenario at every point of a grid of --set changes, with paired differences between neighbouring points.')
    .argument('<file>', 'scenario file, YAML or JSON')
    .option('--set <path=values>', 'a dotted PATH into the scenario and its values, comma-separated (repeat for more axes; the first varies slowest)', collectSet)
    .option('--seed <n>', "seed for every point (default: the scenario's)", wholeNumber('--seed', 0))
    .option('--replications <n>', "replications per point (default: the scenario's, at least 2)", wholeNumber('--replications', 1))
    .option('--json <file>', 'write the sweep document (docs/sweeps.md) to FILE (- for standard output)')
    .option('--shard <i/n>', 'run only shard I of N (0-based) and write a part for callsim merge to --json; auto reads SLURM_ARRAY_TASK_ID, auto/N reads JOB_COMPLETION_INDEX')
    .option('--metric <name...>', 'show only these figures (a name or a prefix such as callback)')
    .option('--all', 'also show the figures that are the same at every point')
    .addOption(new Option('--engine <name>', 'which executor runs the call machines (same bytes)').choices(['compiled', 'xstate']))
    .addHelpText(
      'after',
      `
Every point runs with the same seed and replication indices, so the named random streams give
neighbouring points the same calls wherever the change does not reach, and the paired
difference between them is the change's. A value is read as YAML: 5 is a number, oldest a
string, [a, b] a list. Each changed scenario is checked as if the change were in the file.

A sweep splits into units (point x replication) whose results depend on the unit alone:
--shard I/N runs a slice and writes a part; callsim merge puts the parts together into the very
bytes the whole sweep writes on one machine (docs/sweeps.md shows a Slurm array job and a
Kubernetes indexed Job).

Examples:
  $ callsim sweep scenarios/small-callback-pool.yaml --set settings.callbackPool.reuse=first,oldest --replications 3
  $ callsim sweep scenarios/small-callback-pool.yaml --set workload.emergency.rate.perUserPerHour=0.004,0.005 --metric callback.misrouted --replications 3
  $ callsim sweep scenarios/small-callback-pool.yaml --set settings.callbackPool.reuse=first,oldest --replications 3 --shard 0/2 --json /dev/null`,
    )
    .action(async (file: string, options: SweepOptions) => {
      done(await sweepFile(file, options, io, env));
    });
}
