/**
 * `callsim shell [BASE.yaml]`: an interactive prompt to practise the cmdlets on a simulated
 * tenant. The logic is cli/shell/session.ts; this file only wires it to node:readline.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { Command } from 'commander';
import { formatIssue, loadScenarioFile, scenarioFindings } from '../../engine/scenario/index.js';
import { emptyTenant, validate } from '../../engine/tenant/index.js';
import { EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode, type Output } from '../io.js';
import { completeLine } from '../shell/complete.js';
import { ShellSession } from '../shell/session.js';

export interface ShellStreams {
  input: Readable;
  output: Output;
  /** Where a line's internal error (a bug of callsim's) is reported; *output* when not given. */
  errors?: Output;
  /** A terminal gets prompts, history and tab completion; piped input gets the answers only. */
  terminal: Writable | undefined;
}

/** Reads lines from *streams.input* into *session* until `exit` or the end of the input. */
export async function runShell(session: ShellSession, streams: ShellStreams): Promise<void> {
  const terminal = streams.terminal;
  const rl = createInterface({
    input: streams.input,
    ...(terminal === undefined ? { terminal: false } : { output: terminal, terminal: true, completer: completeLine, historySize: 1000 }),
  });
  const showPrompt = (): void => {
    if (terminal === undefined) return;
    rl.setPrompt(session.prompt());
    rl.prompt();
  };
  rl.on('SIGINT', () => {
    // Ctrl-C drops a half-typed command, as PowerShell does; on an empty prompt it leaves.
    const typed = rl.line !== '';
    if (session.cancel() || typed) {
      // Ctrl-E then Ctrl-U: to the end of the line, then delete it all.
      rl.write(null, { ctrl: true, name: 'e' });
      rl.write(null, { ctrl: true, name: 'u' });
      streams.output.write('\n');
      showPrompt();
    } else rl.close();
  });
  showPrompt();
  let exited = false;
  for await (const line of rl) {
    const result = session.handle(line);
    streams.output.write(result.output);
    if (result.bug !== undefined) (streams.errors ?? streams.output).write(result.bug);
    if (result.exit) {
      exited = true;
      break;
    }
    showPrompt();
  }
  rl.close();
  if (!exited) {
    const last = session.finish();
    streams.output.write(last.output);
    if (last.bug !== undefined) (streams.errors ?? streams.output).write(last.bug);
  }
}

/**
 * What ends a session in which a line ran into an internal error: the lines were reported as they
 * happened and the session went on, but the exit code still says a bug happened (70, EXIT_INTERNAL,
 * through the program's report of internal errors), with the first one as the cause.
 */
export class ShellBugsError extends Error {
  constructor(bugs: readonly unknown[]) {
    super(
      `${bugs.length === 1 ? '1 line' : `${bugs.length} lines`} of this shell session ran into an internal error, reported above; the session went on after each`,
      { cause: bugs[0] },
    );
    this.name = 'ShellBugsError';
  }
}

/**
 * The program's report of an internal error (cli/program.ts), as text. Loaded when the shell
 * starts: the program imports this command, so a static import would be a cycle.
 */
async function programBugReport(debug: boolean): Promise<(error: unknown) => string> {
  const { reportInternalError } = await import('../program.js');
  return (error) => {
    let text = '';
    reportInternalError(error, { write: (s: string) => (text += s) }, debug);
    return text;
  };
}

/**
 * Runs the shell. A line that runs into an internal error is reported (on standard error, with the
 * stack when *debug*) and the session goes on; at the end such a session throws ShellBugsError, so
 * that the program exits 70 as for any bug.
 */
export async function startShell(base: string | undefined, io: CliIo, input: Readable, options: { debug?: boolean } = {}): Promise<ExitCode> {
  const reportBug = await programBugReport(options.debug === true);
  let session: ShellSession;
  let from: string;
  if (base === undefined) {
    session = new ShellSession({ tenant: emptyTenant(), findings: (t) => validate(t), reportBug });
    from = 'an empty tenant';
  } else {
    const loaded = await loadScenarioFile(base);
    if (!loaded.ok) {
      for (const issue of loaded.issues) io.stderr.write(`${formatIssue(issue)}\n`);
      io.stderr.write(`${base}: the scenario cannot be used until its issues are fixed\n`);
      return EXIT_UNUSABLE;
    }
    const scenario = loaded.scenario;
    session = new ShellSession({ tenant: loaded.tenant, findings: (t) => scenarioFindings(scenario, t), reportBug });
    from = `the tenant of ${base} ("${scenario.name}")`;
  }
  const isTty = (input as Readable & { isTTY?: boolean }).isTTY === true && process.stdout.isTTY;
  io.stdout.write(`callsim shell: Teams PowerShell on ${from}. Type help for help, exit to leave.\n`);
  await runShell(session, { input, output: io.stdout, errors: io.stderr, terminal: isTty ? process.stdout : undefined });
  if (session.bugs.length > 0) throw new ShellBugsError(session.bugs);
  return EXIT_OK;
}

/** CALLSIM_DEBUG set to anything but empty or 0 (as cli/program.ts reads it). */
function debugFromEnvironment(): boolean {
  const value = process.env.CALLSIM_DEBUG;
  return value !== undefined && value !== '' && value !== '0';
}

export function shellCommand(io: CliIo, done: (code: ExitCode) => void, input: Readable = process.stdin): Command {
  return new Command('shell')
    .description('Practise the Teams cmdlets at a prompt, on a simulated tenant that keeps each change.')
    .argument('[scenario]', 'scenario file whose tenant to start from (default: an empty tenant)')
    .addHelpText(
      'after',
      `
At the prompt: any command of the PowerShell subset (engine/powershell/README.md), and
validate, explain RULEID, help, exit. Tab completes cmdlet and parameter names.

No line ends the session but exit: errors are printed and the session goes on with its tenant
and variables. A line that runs into a bug of callsim's is reported on standard error, and the
session goes on too.

Exit codes: 0 after exit or end of input, 2 the scenario cannot be used, 70 a bug in callsim
(see callsim --help), also at the end of a session in which a line ran into one.

Examples:
  $ callsim shell scenarios/seattle.yaml
  $ callsim shell < test/fixtures/ps/empty-start.ps1`,
    )
    .action(async (scenario: string | undefined, _options: unknown, command: Command) => {
      const { debug } = command.optsWithGlobals<{ debug?: boolean }>();
      done(await startShell(scenario, io, input, { debug: debug === true || debugFromEnvironment() }));
    });
}
