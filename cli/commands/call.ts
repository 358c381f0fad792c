/** `callsim call FILE --user U ...`: one call made on purpose at a simulated time, traced (docs/traces.md). */
import { Command, InvalidArgumentError } from 'commander';
import { formatTrace, metricProblem, placeCalls, type BeforeCall, type CallRequest, type CallTrace, type InboundCallerChoice, type PlacedCallRequest } from '../../engine/run/index.js';
import { DURATION_FORMAT, formatIssue, loadScenarioFile, parseDuration } from '../../engine/scenario/index.js';
import { wholeNumber } from '../option-parsers.js';
import { stepThroughPage } from '../step-through/index.js';
import { OutputFileError, outputProblem, sameFile, writeFileWhole } from '../write-whole.js';
import { EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode } from '../io.js';

interface CallCliOptions {
  user: string;
  dial?: string;
  inbound?: boolean;
  callbackTo?: string;
  at?: string;
  caller: string;
  before: string[];
  callbackAfter?: string;
  patience?: string;
  workload?: boolean;
  answer: boolean;
  duration: string;
  seed?: number;
  json?: boolean;
  html?: string;
  client?: string;
}

function duration(name: string): (value: string) => string {
  return (value) => {
    if (parseDuration(value) === undefined) throw new InvalidArgumentError(`${name} takes ${DURATION_FORMAT}.`);
    return value;
  };
}

const CALLER_INPUT = /^(auto|name|extension|none|invalid|[0-9])$/;

function caller(value: string): string {
  if (!CALLER_INPUT.test(value)) {
    throw new InvalidArgumentError('expected auto, name, extension, none, invalid or a menu key 0-9.');
  }
  return value;
}

/** `--before caller:INPUT`: a PSTN caller, not a user, places the call. */
const PSTN_CALLER = 'caller';

function before(value: string, previous: string[]): string[] {
  const at = value.lastIndexOf(':');
  const shape = 'expected UPN:DIALLED (e.g. user02@contoso.com:911 or user03@contoso.com:+14255550123) or caller:INPUT (a PSTN caller dials the shared number and, at its menu, does INPUT as --caller takes it: e.g. caller:1).';
  if (at <= 0 || at === value.length - 1) throw new InvalidArgumentError(shape);
  if (value.slice(0, at).toLowerCase() === PSTN_CALLER && !CALLER_INPUT.test(value.slice(at + 1))) throw new InvalidArgumentError(shape);
  return [...previous, value];
}

/** One --before value as the call it asks for; a PSTN caller asks for *user* (the --user). */
function beforeCall(value: string, user: string): BeforeCall {
  const at = value.lastIndexOf(':');
  const who = value.slice(0, at);
  const what = value.slice(at + 1);
  return who.toLowerCase() === PSTN_CALLER ? { kind: 'inbound', user, caller: callerChoice(what) } : { kind: 'dial', user: who, dialled: what };
}

/** *text* as ms from the scenario's start: a duration (`3d9h`), or an ISO date-time with its offset. */
function atMs(text: string, startEpochMs: number): number | string {
  const d = parseDuration(text);
  if (d !== undefined) return d;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const ms = Date.parse(text) - startEpochMs;
    if (Number.isNaN(ms)) return `--at ${text} is not a date-time`;
    if (ms < 0) return `--at ${text} is before the scenario's start`;
    return ms;
  }
  return `--at takes the time since the scenario's start (${DURATION_FORMAT}) or an ISO date-time with its offset, such as 2026-03-03T09:30:00-08:00`;
}

function callerChoice(value: string): InboundCallerChoice {
  return /^[0-9]$/.test(value) ? { key: value } : (value as InboundCallerChoice);
}

/** One line for a call made before the main one: who, when, how it ended. */
function summaryLine(trace: CallTrace): string {
  return `  ${trace.kind} call ${trace.callId} by ${trace.caller ?? 'a PSTN caller'}, started ${trace.startedAtLocal}: ${trace.reason}`;
}

export async function callFile(file: string, options: CallCliOptions, io: CliIo): Promise<ExitCode> {
  const fail = (text: string): ExitCode => {
    io.stderr.write(`callsim call: ${text}\n`);
    return EXIT_UNUSABLE;
  };
  const chosen = [options.dial !== undefined, options.inbound === true, options.callbackTo !== undefined].filter(Boolean).length;
  if (chosen !== 1) return fail('give exactly one of --dial STRING, --inbound, --callback-to NUMBER (see callsim call --help).');
  if (options.callbackAfter !== undefined && options.dial === undefined) return fail('--callback-after follows an emergency call: use it with --dial.');
  if (options.caller !== 'auto' && options.inbound !== true) return fail('--caller is what an inbound caller does: use it with --inbound.');
  if (options.patience !== undefined && options.inbound !== true) return fail('--patience is how long an inbound caller waits in a call queue: use it with --inbound.');
  const htmlProblem = options.html === undefined ? undefined : outputProblem([{ option: '--html', path: options.html }]);
  if (htmlProblem !== undefined) return fail(htmlProblem);
  const loaded = await loadScenarioFile(file, { metricProblem });
  if (!loaded.ok) {
    for (const issue of loaded.issues) io.stderr.write(`${formatIssue(issue)}\n`);
    io.stderr.write(`${file}: the scenario cannot be used until these are fixed\n`);
    return EXIT_UNUSABLE;
  }
  const { scenario, tenant } = loaded;
  // Without --at the call is as early as it can be: right after the --before calls, a minute apart.
  const at = options.at === undefined ? options.before.length * 60_000 : atMs(options.at, scenario.startEpochMs);
  if (typeof at === 'string') return fail(at);
  // Past the horizon the scenario says nothing: its workload and timeline end there.
  if (at >= scenario.horizon) return fail(`--at ${options.at ?? ''} is at or after the scenario's horizon (${scenario.horizon / 3_600_000}h from its start).`);
  const main: PlacedCallRequest =
    options.dial !== undefined
      ? { kind: 'dial', user: options.user, dialled: options.dial }
      : options.inbound === true
        ? { kind: 'inbound', user: options.user, caller: callerChoice(options.caller) }
        : { kind: 'callback', user: options.user, number: options.callbackTo ?? '' };
  const request: CallRequest = {
    atMs: at,
    main,
    before: options.before.map((b) => beforeCall(b, options.user)),
    callbackAfterMs: options.callbackAfter === undefined ? null : (parseDuration(options.callbackAfter) ?? 0),
    workload: options.workload === true,
    answers: options.answer,
    patienceMs: options.patience === undefined ? null : (parseDuration(options.patience) ?? null),
    durationMs: parseDuration(options.duration) ?? 300_000,
    seed: options.seed ?? scenario.seed,
    ...(options.client === undefined ? {} : { client: options.client }),
  };
  const outcome = placeCalls(scenario, tenant, request);
  if (!outcome.ok) return fail(outcome.error);
  const { traces, mainCallId, notes, timeline, description } = outcome.result;
  if (options.html !== undefined) {
    // The page steps through the call and any callback; earlier calls only set the scene.
    const stepped = traces.filter((t) => t.callId >= mainCallId);
    try {
      writeFileWhole(options.html, stepThroughPage(`${file}, seed ${request.seed}: ${description}`, stepped), io.stdout);
    } catch (error) {
      if (!(error instanceof OutputFileError)) throw error;
      return fail(`cannot write --html ${error.path}: ${error.message}`);
    }
    // The page went to standard output: the text would spoil it.
    if (options.html === '-' || sameFile(options.html, '-')) return EXIT_OK;
  }
  if (options.json === true) {
    io.stdout.write(`${JSON.stringify({ scenario: scenario.name, seed: request.seed, atMs: at, workload: request.workload, description, mainCallId, traces, notes }, null, 2)}\n`);
    return EXIT_OK;
  }
  const out: string[] = [`Call: ${description}${request.workload ? ", amid the scenario's workload" : ''}.`, ''];
  const applied = timeline.filter((t) => t.at <= at);
  if (applied.length > 0) {
    out.push('Timeline changes in effect by then:');
    for (const t of applied) out.push(`  ${t.ok ? '' : 'refused: '}${t.text}`);
    out.push('');
  }
  const earlier = traces.filter((t) => t.callId < mainCallId);
  if (earlier.length > 0) {
    out.push('Calls made before it:');
    for (const t of earlier) out.push(summaryLine(t));
    out.push('');
  }
  const shown = traces.filter((t) => t.callId >= mainCallId);
  io.stdout.write(`${out.join('\n')}\n${shown.map((t) => formatTrace(t, false)).join('\n')}`);
  for (const note of notes) io.stdout.write(`\n${note}\n`);
  return EXIT_OK;
}

export function callCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('call')
    .description('Make one call on purpose at a simulated time, with the state the scenario has built by then, and trace it step by step.')
    .argument('<file>', 'scenario file, YAML or JSON')
    .requiredOption('--user <upn>', 'the user who calls (--dial), whom the inbound caller asks for (--inbound), or whose emergency call is called back (--callback-to)')
    .option('--dial <string>', 'the user dials this: 911, 933 or another string (checked against their emergency numbers first, as Teams does), or a PSTN number +E.164 (an outbound call)')
    .option('--inbound', "a PSTN caller dials the shared number of the user's Shared Calling policy and asks the auto attendant for the user")
    .option('--callback-to <number>', 'the emergency service calls this number back for an emergency call the user made')
    .option('--at <time>', "when: the time since the scenario's start (e.g. 2d9h30m) or an ISO date-time with offset (default: the start, or a minute after the last --before call)")
    .option('--caller <input>', 'with --inbound, what the caller does at the menu: auto (reach the user: their menu key, else by name or extension as the menu offers), name, extension, none, invalid, or a key 0-9', caller, 'auto')
    .option(
      '--before <upn:dialled>',
      "first, this user dials this, or with caller:INPUT a PSTN caller dials the --user's shared number and does INPUT at the menu as --caller takes it (repeatable; a minute apart, the last a minute before --at), e.g. to fill the callback pool, or to keep a queue's agents busy and its line full",
      before,
      [],
    )
    .option('--callback-after <duration>', "after the --dial emergency call ends, the emergency service calls back the number it presented this much later", duration('--callback-after'))
    .option('--client <place>', "with --dial of an emergency number, the caller's client is at this place of the scenario's workload.clients (its network: public IP, subnet, access point, switch port), so the LIS lookup runs from there")
    .option('--workload', "also run the scenario's workload up to the call, so credits, channels and the callback pool are what the run would have (replication 0)")
    .option('--patience <duration>', 'with --inbound, the caller hangs up after waiting this long in a call queue (CQ021; default: they wait as long as the queue keeps them)', duration('--patience'))
    .option('--no-answer', "the far end, the user transferred to, a call queue's agents offered the call, or the person a callback rings does not answer (for every call placed, --before ones too)")
    .option('--duration <duration>', 'how long each call lasts once answered', duration('--duration'), '5m')
    .option('--seed <n>', "seed (default: the scenario's)", wholeNumber('--seed', 0))
    .option('--json', 'print the traces as JSON')
    .option('--html <file>', "also write the step-through page of the call (and its callback): the machine's diagram beside the timeline, stepped with Next/Previous or the arrow keys (docs/traces.md); - for standard output, instead of the text")
    .addHelpText(
      'after',
      `
The call meets the tenant as the scenario's timeline has changed it by --at. Runtime state is
never set by hand: it is what --workload's run left by then (the Communications Credits balance,
channels in use, callback reservations, queue agents and waiting callers), or what the --before
calls did (caller:KEY: an earlier PSTN caller an agent answers keeps them busy for --duration).
What the calls placed here do (answer, talk, wait in a queue) is what the options say. Calls made before are
summarised in one line each; the call and any callback are traced as \`callsim trace\` prints.

Exit codes: 0 traced, 2 the scenario, an option or a user cannot be used, 70 a bug in callsim.

Examples:
  $ callsim call scenarios/seattle.yaml --user user05@contoso.com --dial 911
  $ callsim call scenarios/seattle.yaml --user user05@contoso.com --dial 911 --callback-after 10m
  $ callsim call scenarios/seattle.yaml --user user05@contoso.com --dial 911 --html call.html     (open call.html in a browser)
  $ callsim call scenarios/seattle.yaml --user user05@contoso.com --dial 911 --before user02@contoso.com:911 --before user03@contoso.com:911     (EMG004: user02 loses a number)
  $ callsim call scenarios/seattle.yaml --user user05@contoso.com --callback-to +14255556789 --before user02@contoso.com:911     (CBK001 misrouted)
  $ callsim call scenarios/seattle.yaml --user user05@contoso.com --dial +442071234567 --at 1d10h
  $ callsim call scenarios/remote-workers-vpn.yaml --user user05@contoso.com --dial 911 --client home     (NET021: off the trusted network)
  $ callsim call scenarios/seattle.yaml --user user05@contoso.com --inbound --at 10h --caller name
  $ callsim call scenarios/queue-every-ending.yaml --user user05@contoso.com --inbound --at 10h --caller 1 --before caller:1 --before caller:1     (CQ022: the agent is busy, a caller waits)
  $ callsim call scenarios/queue-every-ending.yaml --user user05@contoso.com --inbound --at 10h --caller 1 --before caller:1 --patience 1m     (CQ021)
  $ callsim call scenarios/port-the-number.yaml --user user05@contoso.com --dial +14255550123 --at 3d10h     (OUT004)
  $ callsim call scenarios/out-of-credit.yaml --user user05@contoso.com --dial +14255550123 --at 3d10h --workload     (OUT006)`,
    )
    .action(async (file: string, options: CallCliOptions) => {
      done(await callFile(file, options, io));
    });
}
