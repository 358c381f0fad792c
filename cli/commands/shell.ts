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
    if (result.exit) {
      exited = true;
      break;
    }
    showPrompt();
  }
  rl.close();
  if (!exited) streams.output.write(session.finish().output);
}

export async function startShell(base: string | undefined, io: CliIo, input: Readable): Promise<ExitCode> {
  let session: ShellSession;
  let from: string;
  if (base === undefined) {
    session = new ShellSession({ tenant: emptyTenant(), findings: (t) => validate(t) });
    from = 'an empty tenant';
  } else {
    const loaded = await loadScenarioFile(base);
    if (!loaded.ok) {
      for (const issue of loaded.issues) io.stderr.write(`${formatIssue(issue)}\n`);
      io.stderr.write(`${base}: the scenario cannot be used until its issues are fixed\n`);
      return EXIT_UNUSABLE;
    }
    const scenario = loaded.scenario;
    session = new ShellSession({ tenant: loaded.tenant, findings: (t) => scenarioFindings(scenario, t) });
    from = `the tenant of ${base} ("${scenario.name}")`;
  }
  const isTty = (input as Readable & { isTTY?: boolean }).isTTY === true && process.stdout.isTTY;
  io.stdout.write(`callsim shell: Teams PowerShell on ${from}. Type help for help, exit to leave.\n`);
  await runShell(session, { input, output: io.stdout, terminal: isTty ? process.stdout : undefined });
  return EXIT_OK;
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

Exit codes: 0 after exit or end of input, 2 the scenario cannot be used, 70 a bug in callsim
(see callsim --help).

Examples:
  $ callsim shell scenarios/seattle.yaml
  $ callsim shell < steps.ps1`,
    )
    .action(async (scenario: string | undefined) => {
      done(await startShell(scenario, io, input));
    });
}
