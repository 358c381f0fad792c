/**
 * `callsim size-pool FILE` (or from plain numbers): how many emergency callback numbers a policy
 * needs. Each pool size runs with both reuse settings (EMG004), same seed, same calls; the table
 * gives the share of emergency calls finding no free number, displaced reservations and the
 * callbacks that miss the caller, each with its 95% interval, the closed form beside the
 * simulated figure where one exists (reuse of the oldest reservation), and the smallest size
 * meeting a target.
 */
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import {
  metricProblem,
  oldestReuseClosedForm,
  poolFigures,
  runScenario,
  type ClosedForm,
  type MetricSummary,
  type PoolFigureName,
  type PoolFigures,
} from '../../engine/run/index.js';
import {
  findPoolPolicy,
  formatIssue,
  loadScenarioFile,
  loadScenarioText,
  parseDuration,
  parseOverrideValue,
  plainPoolDocument,
  poolSizeOverrides,
  readFailure,
  type LoadResult,
  type Scenario,
  type ScenarioOverride,
} from '../../engine/scenario/index.js';
import { effectiveSharedCallingPolicy, type Tenant } from '../../engine/tenant/index.js';
import { formatFigure } from '../format-figure.js';
import { wholeNumber } from '../option-parsers.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode, type Output } from '../io.js';
import { OutputFileError, writeFileWhole } from '../write-whole.js';

interface SizePoolOptions {
  policy?: string;
  sizes: string;
  target?: string;
  users?: number;
  emergencyRate?: string;
  callbackProbability?: string;
  callbackDelay?: string;
  duration?: string;
  horizon?: string;
  replications?: number;
  seed?: number;
  json?: string;
}

const REUSES = ['first', 'oldest'] as const;
type Reuse = (typeof REUSES)[number];

const FIGURE_LABELS: Record<PoolFigureName, string> = {
  noFreeShare: 'no free number',
  displaced: 'displaced',
  misroutedShare: 'misrouted',
  toAttendantShare: 'to attendant',
  unansweredShare: 'unanswered',
};

/** Names a --target may use for each figure. */
const TARGET_NAMES: Record<string, PoolFigureName> = {
  nofree: 'noFreeShare',
  misrouted: 'misroutedShare',
  attendant: 'toAttendantShare',
  unanswered: 'unansweredShare',
};

interface Target {
  text: string;
  figure: PoolFigureName;
  max: number;
}

/** `0..12` or `1,2,5`: pool sizes, ascending and distinct. */
export function parseSizes(text: string): number[] | string {
  const range = /^(\d+)\.\.(\d+)$/.exec(text.trim());
  const sizes = range !== null ? Array.from({ length: Math.max(0, Number(range[2]) - Number(range[1]) + 1) }, (_, i) => Number(range[1]) + i) : text.split(',').map((s) => (/^\d+$/.test(s.trim()) ? Number(s) : NaN));
  if (sizes.length === 0 || sizes.some((n) => !Number.isSafeInteger(n) || n > 1000)) return `POOL005: --sizes ${text}: expected A..B or a comma-separated list of whole numbers up to 1000, such as 0..12`;
  return [...new Set(sizes)].sort((a, b) => a - b);
}

/** `misrouted<=0.1%`: a figure, and the largest share it may have. */
export function parseTarget(text: string): Target | string {
  // Quotes the shell would have removed (a script that passes them on) are not part of the target.
  const m = /^\s*([A-Za-z]+)\s*<=?\s*([\d.]+)\s*(%?)\s*$/.exec(text.replace(/^\s*(['"])(.*)\1\s*$/, '$2'));
  const figure = m === null ? undefined : TARGET_NAMES[(m[1] ?? '').toLowerCase()];
  const value = m === null ? NaN : Number(m[2]) / (m[3] === '%' ? 100 : 1);
  if (m === null || figure === undefined || !Number.isFinite(value) || value < 0 || value > 1) {
    return `POOL005: --target ${text}: expected FIGURE<=SHARE with FIGURE one of ${Object.keys(TARGET_NAMES).join(', ')} and SHARE such as 0.1% or 0.001`;
  }
  return { text: text.trim(), figure, max: value };
}

/** A distribution from the command line: `10m` (fixed), `5m..30m` (uniform), or the file's YAML form. */
export function parseDistribution(text: string): unknown {
  const range = /^\s*(\S+)\s*\.\.\s*(\S+)\s*$/.exec(text);
  if (range !== null) return { uniform: { min: range[1], max: range[2] } };
  if (parseDuration(text.trim()) !== undefined) return { fixed: text.trim() };
  return parseOverrideValue(text);
}

/** `0.02/user/day`, `0.001/user/hour` or a bare number (per user per day): calls per user per day. */
export function parseEmergencyRate(text: string): number | string {
  const m = /^\s*([\d.eE+-]+)\s*(?:\/\s*user\s*\/\s*(day|hour|h|d))?\s*$/.exec(text);
  const value = m === null ? NaN : Number(m[1]) * (m[2] === 'hour' || m[2] === 'h' ? 24 : 1);
  if (m === null || !Number.isFinite(value) || value < 0) return `POOL006: --emergency-rate ${text}: expected calls per user per day such as 0.02/user/day (or /user/hour)`;
  return value;
}

function percent(x: number | null): string {
  if (x === null) return '-';
  const p = x * 100;
  return p === 0 ? '0%' : p >= 10 ? `${p.toFixed(1)}%` : `${Number(p.toPrecision(2))}%`;
}

function cell(s: MetricSummary, share: boolean): string {
  const f = share ? percent : formatFigure;
  if (s.mean === null) return '-';
  return s.lower === null || s.upper === null ? f(s.mean) : `${f(s.mean)} [${f(Math.max(0, s.lower))}, ${f(s.upper)}]`;
}

interface Row {
  size: number;
  reuse: Reuse;
  figures: PoolFigures;
  closedForm: ClosedForm | null;
}

/** Emergency calls an hour into the pool, when the rate is constant (no profile); else undefined. */
function poolCallsPerHour(scenario: Scenario, tenant: Tenant, policy: string): number | undefined {
  const e = scenario.workload.emergency;
  // Bursts, redials and profiles make the arrivals other than Poisson at a constant rate.
  if (e === undefined || e.profile !== undefined || (e.incidents?.length ?? 0) > 0 || e.redial !== undefined) return undefined;
  const all = tenant.users.length;
  const onPool = tenant.users.filter((u) => effectiveSharedCallingPolicy(tenant, u)?.identity === policy).length;
  const perHour = 'perHour' in e.rate ? e.rate.perHour : e.rate.perUserPerHour * all;
  return all === 0 ? 0 : (perHour * onPool) / all;
}

function smallest(rows: readonly Row[], reuse: Reuse, target: Target, from: 'upper' | 'closedForm'): number | undefined {
  for (const row of rows.filter((r) => r.reuse === reuse)) {
    const value = from === 'upper' ? row.figures[target.figure].upper ?? row.figures[target.figure].mean : target.figure === 'noFreeShare' ? row.closedForm?.noFreeShare : target.figure === 'misroutedShare' ? row.closedForm?.misroutedShare : undefined;
    if (value !== undefined && value !== null && value <= target.max) return row.size;
  }
  return undefined;
}

function printTable(out: Output, rows: readonly Row[], reuse: Reuse): void {
  const withForm = rows.some((r) => r.reuse === reuse && r.closedForm !== null);
  out.write(`\nreuse: ${reuse}${reuse === 'first' ? ' (the default: the first number in the list is taken)' : ' (the oldest reservation is taken)'}\n`);
  const head = ['size', FIGURE_LABELS.noFreeShare, ...(withForm ? ['(closed form)'] : []), FIGURE_LABELS.displaced, FIGURE_LABELS.misroutedShare, ...(withForm ? ['(closed form)'] : []), FIGURE_LABELS.toAttendantShare, FIGURE_LABELS.unansweredShare];
  const lines = rows
    .filter((r) => r.reuse === reuse)
    .map((r) => [
      String(r.size),
      cell(r.figures.noFreeShare, true),
      ...(withForm ? [r.closedForm === null ? '-' : percent(r.closedForm.noFreeShare)] : []),
      cell(r.figures.displaced, false),
      cell(r.figures.misroutedShare, true),
      ...(withForm ? [r.closedForm?.misroutedShare === undefined ? '-' : percent(r.closedForm.misroutedShare)] : []),
      cell(r.figures.toAttendantShare, true),
      cell(r.figures.unansweredShare, true),
    ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const render = (cols: readonly string[]): string => `  ${cols.map((c, i) => (i === 0 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()}\n`;
  out.write(render(head));
  for (const l of lines) out.write(render(l));
}

export async function sizePool(file: string | undefined, options: SizePoolOptions, io: CliIo): Promise<ExitCode> {
  const fail = (message: string): ExitCode => {
    io.stderr.write(`callsim size-pool: ${message}\n`);
    return EXIT_UNUSABLE;
  };
  const sizes = parseSizes(options.sizes);
  if (typeof sizes === 'string') return fail(sizes);
  const target = options.target === undefined ? undefined : parseTarget(options.target);
  if (typeof target === 'string') return fail(target);
  const plain = options.users !== undefined || options.emergencyRate !== undefined;
  if (plain === (file !== undefined)) return fail('POOL006: give a scenario FILE, or plain numbers (--users N --emergency-rate R/user/day), not both');

  let document: unknown;
  let load: (overrides: ScenarioOverride[]) => Promise<LoadResult>;
  let where: string;
  if (plain) {
    if (options.users === undefined || options.emergencyRate === undefined) return fail('POOL006: plain numbers need both --users N and --emergency-rate R/user/day');
    const rate = parseEmergencyRate(options.emergencyRate);
    if (typeof rate === 'string') return fail(rate);
    const probability = Number(options.callbackProbability ?? '1');
    if (!(probability >= 0 && probability <= 1)) return fail(`POOL006: --callback-probability ${options.callbackProbability ?? ''}: expected a probability from 0 to 1`);
    // About 5,000 emergency calls a replication, after a warm-up of two reservations.
    const callsPerDay = options.users * rate;
    const days = callsPerDay <= 0 ? 1 : Math.min(3650, Math.max(1, Math.ceil(5000 / callsPerDay)));
    document = plainPoolDocument({
      users: options.users,
      emergencyCallsPerUserPerDay: rate,
      callbackProbability: probability,
      callbackDelay: parseDistribution(options.callbackDelay ?? '10m'),
      duration: parseDistribution(options.duration ?? '5m'),
      horizon: `${days}d2h`,
      warmup: '2h',
      replications: 10,
      seed: 1,
    });
    where = `(plain numbers: --users ${options.users} --emergency-rate ${options.emergencyRate})`;
    const text = JSON.stringify(document);
    load = (overrides) => Promise.resolve(loadScenarioText(text, where, { metricProblem, overrides }));
  } else {
    const path = file ?? '';
    try {
      document = parseYaml(await readFile(path, 'utf8')) as unknown;
    } catch (error) {
      const l = await loadScenarioFile(path);
      if (!l.ok) {
        for (const issue of l.issues) io.stderr.write(`${formatIssue(issue)}\n`);
        return EXIT_UNUSABLE;
      }
      return fail(`${path}: ${error instanceof Error ? readFailure(error) : String(error)}`);
    }
    where = path;
    load = (overrides) => loadScenarioFile(path, { metricProblem, overrides });
  }
  const policy = findPoolPolicy(document, options.policy);
  if (typeof policy === 'string') return fail(`${where}: ${policy}`);
  const common: ScenarioOverride[] = [
    ...(options.horizon === undefined ? [] : [{ text: `horizon=${options.horizon}`, path: ['horizon'], value: options.horizon }]),
    ...(options.replications === undefined ? [] : [{ text: `replications=${options.replications}`, path: ['replications'], value: options.replications }]),
  ];

  const rows: Row[] = [];
  let described = false;
  for (const reuse of REUSES) {
    for (const size of sizes) {
      const sized = poolSizeOverrides(document, policy, size);
      if (typeof sized === 'string') return fail(`${where}: ${sized}`);
      const loaded = await load([...common, ...sized, { text: `settings.callbackPool.reuse=${reuse}`, path: ['settings', 'callbackPool', 'reuse'], value: reuse }]);
      if (!loaded.ok) {
        for (const issue of loaded.issues) io.stderr.write(`${formatIssue(issue)}\n`);
        return fail(`${where} with ${size} callback numbers cannot be run until these are fixed`);
      }
      const { scenario, tenant } = loaded;
      const emergency = scenario.workload.emergency;
      if (emergency === undefined) return fail(`${where}: POOL007: the scenario has no emergency workload (workload.emergency), so nothing uses the pool`);
      const callsPerHour = poolCallsPerHour(scenario, tenant, policy.identity);
      if (!described) {
        described = true;
        const onPool = tenant.users.filter((u) => effectiveSharedCallingPolicy(tenant, u)?.identity === policy.identity).length;
        io.stdout.write(
          `Callback pool of policy ${policy.identity}: ${onPool} users, ${callsPerHour === undefined ? 'emergency calls not at one steady rate (a profile, incidents or redials), so no closed form' : `${formatFigure(callsPerHour)} emergency calls an hour`}, ` +
            `reservation ${scenario.settings.callbackPool.reservation / 60_000} min; ${scenario.replications} replications of ${formatFigure((scenario.horizon - scenario.warmup) / 86_400_000)} days per size (seed ${options.seed ?? scenario.seed}).\n` +
            'Shares with their 95% intervals: no free number = emergency calls that took a reserved number (EMG004); displaced = reservations lost, per replication;\n' +
            'misrouted (CBK001 to another user), to attendant (CBK002, CBK003) and unanswered (CBK004) are shares of callbacks.\n',
        );
      }
      const run = runScenario(loaded, { seed: options.seed ?? scenario.seed });
      const closedForm =
        reuse === 'oldest' && size > 0 && callsPerHour !== undefined
          ? oldestReuseClosedForm(size, { callsPerHour, reservationMs: scenario.settings.callbackPool.reservation, duration: emergency.duration, callbackDelay: emergency.callback.delay })
          : null;
      rows.push({ size, reuse, figures: poolFigures(run, policy.identity), closedForm });
    }
  }
  for (const reuse of REUSES) printTable(io.stdout, rows, reuse);
  if (rows.some((r) => r.closedForm !== null)) {
    io.stdout.write('\nclosed form: P(Poisson(calls in one reservation) >= size) and E[P(Poisson(calls in duration + delay) >= size)], exact for reuse of the oldest reservation with distinct callers (docs/pool-sizing.md).\n');
  }
  let met = true;
  if (target !== undefined) {
    io.stdout.write(`\nSmallest size with ${target.text} (at the 95% upper bound):\n`);
    for (const reuse of REUSES) {
      const size = smallest(rows, reuse, target, 'upper');
      const form = reuse === 'oldest' ? smallest(rows, reuse, target, 'closedForm') : undefined;
      if (size === undefined) met = false;
      io.stdout.write(`  reuse ${reuse.padEnd(6)}  ${size === undefined ? `none of ${sizes.join(', ')}; try larger --sizes` : String(size)}${form === undefined ? '' : ` (closed form: ${form})`}\n`);
    }
  }
  if (options.json !== undefined) {
    const doc = { format: 'callsim-pool-sizing', poolSizingFormatVersion: 1, source: where, policy: policy.identity, confidenceLevel: 0.95, target: target ?? null, rows };
    try {
      writeFileWhole(options.json, `${JSON.stringify(doc, null, 2)}\n`, io.stdout);
    } catch (error) {
      if (!(error instanceof OutputFileError)) throw error;
      return fail(`cannot write --json ${error.path}: ${error.message}`);
    }
  }
  return met ? EXIT_OK : EXIT_FINDINGS;
}

export function sizePoolCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('size-pool')
    .description('How many emergency callback numbers a Shared Calling policy needs: each pool size simulated with both reuse settings.')
    .argument('[file]', 'scenario file (or give plain numbers: --users and --emergency-rate)')
    .option('--policy <identity>', 'the Shared Calling policy whose pool is sized (default: the only one)')
    .option('--sizes <sizes>', 'pool sizes: A..B or a list such as 1,2,4', '0..12')
    .option('--target <figure<=share>', "the figure to meet, e.g. 'misrouted<=0.1%' (nofree, misrouted, attendant, unanswered)")
    .option('--users <n>', 'plain numbers: users on the policy', wholeNumber('--users', 1))
    .option('--emergency-rate <rate>', 'plain numbers: emergency calls per user per day, e.g. 0.02/user/day')
    .option('--callback-probability <p>', 'plain numbers: share of emergency calls called back (default 1)')
    .option('--callback-delay <dist>', 'plain numbers: delay of the callback after the call ends: 10m, 5m..30m or YAML such as {exponential: {mean: 10m}} (default 10m)')
    .option('--duration <dist>', 'plain numbers: emergency call duration, same forms (default 5m)')
    .option('--horizon <duration>', "simulated time per replication (default: the scenario's; plain numbers: about 5,000 calls)")
    .option('--replications <n>', "replications per size (default: the scenario's; plain numbers: 10)", wholeNumber('--replications', 2))
    .option('--seed <n>', "seed (default: the scenario's)", wholeNumber('--seed', 0))
    .option('--json <file>', 'also write the table as JSON to FILE')
    .addHelpText(
      'after',
      `
Every size and reuse setting runs the same emergency calls and callbacks (same seed, named
random streams), so the rows differ by the pool alone. Exit 1 when --target is met by none of
the sizes.

Examples:
  $ callsim size-pool scenarios/small-callback-pool.yaml --sizes 1..6 --replications 3 --target 'misrouted<=1%'
  $ callsim size-pool --users 300 --emergency-rate 0.12/user/day --callback-probability 0.5 --callback-delay 5m..30m --sizes 3..7 --replications 4 --horizon 20d2h --target 'misrouted<=1%'`,
    )
    .action(async (file: string | undefined, options: SizePoolOptions) => {
      done(await sizePool(file, options, io));
    });
}

