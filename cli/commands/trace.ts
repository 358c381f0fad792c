/** `callsim trace FILE`: how calls of replication 0 were routed, step by step (docs/traces.md). */
import { Command, InvalidArgumentError } from 'commander';
import { formatTrace, metricProblem, runReplication, type CallTrace } from '../../engine/run/index.js';
import { CALL_FLOW_OUTCOME, CALL_OUTCOME_IDS, type CallKind } from '../../engine/machines/index.js';
import { estimateCost, formatIssue, loadScenarioFile } from '../../engine/scenario/index.js';
import { ProgressBar, wantProgress } from '../progress.js';
import { wholeNumber } from '../option-parsers.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode } from '../io.js';
import { OutputFileError, outputProblem, sameFile, writeFileWhole } from '../write-whole.js';
import { stepThroughPage } from '../step-through/index.js';

interface TraceCliOptions {
  kind?: CallKind;
  outcome?: string;
  call?: number;
  limit: number;
  seed?: number;
  json?: boolean;
  progress?: boolean;
  /** Also write the step-through page of the traced calls here (cli/step-through). */
  html?: string;
}

const KINDS = Object.keys(CALL_OUTCOME_IDS) as CallKind[];

/** The call flows (INB002 holiday, INB003 after hours, INB004 business hours): listed in rules.md §3, kept in an inbound call's `details.flow`. */
const FLOWS: readonly string[] = Object.values(CALL_FLOW_OUTCOME);

const isFlow = (id: string): boolean => FLOWS.includes(id);

/**
 * Rules §3 lists EMG002 (location) and EMG006 (routing) as steps every carried emergency call
 * takes, not as endings: they name themselves in the reason of each emergency call that was
 * located or routed, which is what `--outcome EMG002` / `EMG006` selects. The LIS lookup's
 * steps (NET020-NET028) are selected the same way.
 */
const STEPS: readonly string[] = ['EMG002', 'EMG006', 'NET020', 'NET021', 'NET022', 'NET023', 'NET024', 'NET025', 'NET026', 'NET027', 'NET028'];

const isStep = (id: string): boolean => STEPS.includes(id);

/**
 * CQ025 (an attendant or queue sends the call on to another one) ends a leg, never a call: the
 * record ends in the last leg's outcome. `--outcome CQ025` selects the queue calls whose inbound
 * part was handed off, as a step they took.
 */
const HAND_OFF = 'CQ025';

/** Whether *trace* took step *id*: an emergency call's (its reason names it: `; EMG002 location ...`), or the hand-off (CQ025). */
export function tookStep(trace: CallTrace, id: string): boolean {
  // The attendant's machine ends its leg in `handedOff` when it sends the call on.
  if (id === HAND_OFF) return trace.steps.some((s) => s.step === 'enter' && s.machine === 'inbound' && s.state === 'handedOff');
  if (trace.kind !== 'emergency') return false;
  // NET028 (the client's site policy in effect) shows as the routing's site override.
  if (id === 'NET028') {
    const routing = (trace.details as { routing?: { siteOverride?: unknown } } | null)?.routing;
    return routing?.siteOverride === true;
  }
  // The LIS steps name themselves in the location part of the reason: `by NET022 accessPoint`, `after NET026, NET027 fallback`.
  if (id.startsWith('NET')) return new RegExp(`\\b${id}\\b`).test(trace.reason);
  return trace.reason.includes(`; ${id} `) || trace.reason.includes(`(${id} `);
}

/** The call flow an inbound call ran (its details' `flow`), or undefined. */
function flowOf(trace: CallTrace): string | undefined {
  const details = trace.details;
  if (typeof details !== 'object' || details === null || !('flow' in details)) return undefined;
  const flow = (details as { flow: unknown }).flow;
  return typeof flow === 'string' ? flow : undefined;
}


function kind(value: string): CallKind {
  if (!(KINDS as string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${KINDS.join(', ')}.`);
  return value as CallKind;
}

function outcome(value: string): string {
  const id = value.toUpperCase();
  if (!isFlow(id) && !isStep(id) && !KINDS.some((k) => (CALL_OUTCOME_IDS[k] as readonly string[]).includes(id))) {
    throw new InvalidArgumentError(
      'expected a call outcome ID from docs/rules.md §3, such as OUT006 or INB012; a call flow: INB002, INB003, INB004; or an emergency step: EMG002 (location), EMG006 (routing), NET020-NET028 (the LIS lookup).',
    );
  }
  return id;
}

function kindOf(outcomeId: string): CallKind | undefined {
  if (isFlow(outcomeId)) return 'inbound';
  if (outcomeId === HAND_OFF) return 'queue';
  if (isStep(outcomeId)) return 'emergency';
  return KINDS.find((k) => (CALL_OUTCOME_IDS[k] as readonly string[]).includes(outcomeId));
}

/** Thrown from `onTrace` once enough calls matched, to stop the replication early. */
class EnoughTraces extends Error {}

/** What the user asked for, in words: "inbound call ended in INB012". */
function wanted(options: TraceCliOptions, kindWanted: CallKind | undefined): string {
  const what = `${kindWanted ?? ''} call${options.call === undefined ? '' : ` ${options.call}`}`.trim();
  if (options.outcome === undefined) return what;
  if (isStep(options.outcome) || options.outcome === HAND_OFF) return `${what} took the step ${options.outcome}`;
  return isFlow(options.outcome) ? `${what} ran the call flow ${options.outcome}` : `${what} ended in ${options.outcome}`;
}

export async function traceFile(file: string, options: TraceCliOptions, io: CliIo): Promise<ExitCode> {
  const kindWanted = options.kind ?? (options.outcome === undefined ? undefined : kindOf(options.outcome));
  if (options.outcome !== undefined && kindWanted !== kindOf(options.outcome)) {
    io.stderr.write(`callsim trace: ${options.outcome} is not an outcome of ${kindWanted ?? 'any'} calls (it is for ${kindOf(options.outcome) ?? 'no'} calls).\n`);
    return EXIT_UNUSABLE;
  }
  const htmlProblem = options.html === undefined ? undefined : outputProblem([{ option: '--html', path: options.html }]);
  if (htmlProblem !== undefined) {
    io.stderr.write(`callsim trace: ${htmlProblem}\n`);
    return EXIT_UNUSABLE;
  }
  const loaded = await loadScenarioFile(file, { metricProblem });
  if (!loaded.ok) {
    for (const issue of loaded.issues) io.stderr.write(`${formatIssue(issue)}\n`);
    io.stderr.write(`${file}: the scenario cannot be traced until these are fixed\n`);
    return EXIT_UNUSABLE;
  }
  const { scenario, tenant } = loaded;
  const seed = options.seed ?? scenario.seed;
  const matched: CallTrace[] = [];
  // Calls of the kind asked for that finished, by outcome: what to say when none matched.
  const finished = new Map<string, number>();
  // --outcome INB002/INB003/INB004 asks for the call flow an inbound call ran, not how it ended.
  const byFlow = options.outcome !== undefined && isFlow(options.outcome);
  // --outcome EMG002/EMG006 asks for the emergency calls that took that step, CQ025 for the queue calls handed off.
  const step = options.outcome !== undefined && (isStep(options.outcome) || options.outcome === HAND_OFF) ? options.outcome : undefined;
  let started = 0;
  // Replication 0 to the horizon, or until enough calls matched: a bar if that may take a while.
  const estimate = estimateCost(scenario, tenant.users.length, { replications: 1 });
  const bar = wantProgress(options, io.stderrIsTty === true, estimate.wallSeconds)
    ? new ProgressBar(io.stderr, { total: 1, unit: 'replication', expectedCalls: estimate.calls })
    : undefined;
  try {
    runReplication(scenario, tenant, seed, 0, {
      ...(bar === undefined ? {} : { onProgress: (reached: number, horizon: number) => bar.update(reached / horizon) }),
      // Headings show local time in the scenario's zone (runReplication passes it to the tracer).
      trace: {
        select: (call) => {
          started++;
          bar?.call();
          // A queue call starts as an inbound call, which an attendant then sends on (CQ025).
          const startsAs = kindWanted === 'queue' ? 'inbound' : kindWanted;
          return (startsAs === undefined || call.kind === startsAs) && (options.call === undefined || call.callId === options.call);
        },
        onTrace: (trace) => {
          if (kindWanted === 'queue' && !(CALL_OUTCOME_IDS.queue as readonly string[]).includes(trace.outcome)) return;
          const key = byFlow ? (flowOf(trace) ?? 'no flow') : step !== undefined && tookStep(trace, step) ? step : trace.outcome;
          finished.set(key, (finished.get(key) ?? 0) + 1);
          if (options.outcome !== undefined && key !== options.outcome) return;
          matched.push(trace);
          if (matched.length >= options.limit) throw new EnoughTraces();
        },
      },
    });
  } catch (error) {
    // Anything but the early stop is a bug of ours (the scenario loaded): exit 70, not 2.
    if (!(error instanceof EnoughTraces)) throw error;
  } finally {
    // The traces follow on stdout: the bar leaves no line behind.
    bar?.clear();
  }
  if (matched.length === 0) {
    const total = [...finished.values()].reduce((a, b) => a + b, 0);
    const byOutcome = [...finished.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, n]) => `${id} ${n}`)
      .join(', ');
    let had: string;
    if (options.call !== undefined && total === 0) {
      had =
        options.call >= started
          ? `the run made only ${started} calls (numbered from 0)`
          : `call ${options.call} did not finish before the horizon${kindWanted === undefined ? '' : ` or is not a ${kindWanted} call`}`;
    } else {
      const calls = `${total} ${kindWanted === undefined ? '' : `${kindWanted} `}call${total === 1 ? '' : 's'} finished${byFlow ? ', by flow' : ''}`;
      had = `${options.outcome === undefined ? '' : 'the run had 0 of them; '}${calls}${byOutcome === '' ? '' : ` (${byOutcome})`}`;
    }
    io.stderr.write(`callsim trace: no ${wanted(options, kindWanted)} in replication 0 of ${file} (seed ${seed}); ${had}.\n`);
    return EXIT_FINDINGS;
  }
  if (options.html !== undefined) {
    try {
      writeFileWhole(options.html, stepThroughPage(`${file}, seed ${seed}, replication 0`, matched), io.stdout);
    } catch (error) {
      if (!(error instanceof OutputFileError)) throw error;
      io.stderr.write(`callsim trace: cannot write --html ${error.path}: ${error.message}\n`);
      return EXIT_UNUSABLE;
    }
    // The page went to standard output: the text would spoil it.
    if (options.html === '-' || sameFile(options.html, '-')) return EXIT_OK;
  }
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify({ scenario: scenario.name, seed, replication: 0, traces: matched }, null, 2)}\n`);
  } else {
    io.stdout.write(matched.map((t) => formatTrace(t)).join('\n'));
  }
  return EXIT_OK;
}

export function traceCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('trace')
    .description('Show how calls were routed in replication 0: states, guard values, effects on credits and the callback pool, outcome and rule.')
    .argument('<file>', 'scenario file, YAML or JSON')
    .option('--kind <kind>', `only calls of this kind: ${KINDS.join(', ')}`, kind)
    .option(
      '--outcome <id>',
      'only calls that ended in this outcome ID (docs/rules.md §3), e.g. OUT006; a call flow ID (INB002 holiday, INB003 after hours, INB004 business hours) selects the inbound calls that ran that flow, EMG002 or EMG006 the emergency calls that were located or routed, NET020-NET028 those whose LIS lookup took that step, CQ025 the queue calls an attendant handed off',
      outcome,
    )
    .option('--call <n>', 'only the call with this number (as in `callsim run --calls`)', wholeNumber('--call', 0))
    .option('--limit <n>', 'show at most this many calls, the first to finish', wholeNumber('--limit', 1), 1)
    .option('--seed <n>', "seed (default: the scenario's)", wholeNumber('--seed', 0))
    .option('--json', 'print the traces as JSON')
    .option('--html <file>', 'also write the step-through page of the traced calls: their machines\' diagrams beside the timeline, stepped with Next/Previous or the arrow keys (docs/traces.md); - for standard output, instead of the text')
    .option('--no-progress', 'never draw the progress bar on stderr')
    .addHelpText(
      'after',
      `
On a terminal, a replication expected to take more than about 2 s draws a progress bar on stderr
(it counts the calls started), cleared when the traces are printed.

Exit codes: 0 traced, 1 no call matched (the message says what the run had), 2 the scenario or an
option cannot be used, 70 a bug in callsim (see callsim --help).

Examples:
  $ callsim trace scenarios/out-of-credit.yaml --outcome OUT006
  $ callsim trace scenarios/holidays-and-after-hours.yaml --outcome INB003     (calls that ran the after-hours flow)
  $ callsim trace scenarios/seattle.yaml --kind inbound --limit 3
  $ callsim trace scenarios/seattle.yaml --call 42 --json
  $ callsim trace scenarios/small-callback-pool.yaml --kind emergency --html call.html   (open call.html in a browser)`,
    )
    .action(async (file: string, options: TraceCliOptions) => {
      done(await traceFile(file, options, io));
    });
}
