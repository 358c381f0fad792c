/** The `callsim` program: assembles the subcommands and maps every way out to one exit code. */
import { Command, CommanderError } from 'commander';
import { psCommand } from './commands/ps.js';
import { compareCommand } from './commands/compare.js';
import { diagramCommand } from './commands/diagram.js';
import { explainCommand } from './commands/explain.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { shellCommand } from './commands/shell.js';
import { traceCommand } from './commands/trace.js';
import { callCommand } from './commands/call.js';
import { validateCommand } from './commands/validate.js';
import { sweepCommand } from './commands/sweep.js';
import { mergeCommand } from './commands/merge.js';
import { sizePoolCommand } from './commands/size-pool.js';
import { EXIT_INTERNAL, EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode, type Output } from './io.js';
import packageJson from '../package.json' with { type: 'json' };

export const VERSION: string = packageJson.version;

/** Whether stack traces are wanted: `--debug` among *argv*, or `CALLSIM_DEBUG` set to anything but empty or 0. */
export function debugWanted(argv: readonly string[]): boolean {
  const value = process.env.CALLSIM_DEBUG;
  return argv.includes('--debug') || (value !== undefined && value !== '' && value !== '0');
}

/** The error's stack, and the stacks of its causes. */
function stackOf(error: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 10; depth++) {
    lines.push(`${depth === 0 ? '' : 'Caused by: '}${e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e)}`);
    e = e instanceof Error ? e.cause : undefined;
  }
  return lines.join('\n');
}

/**
 * A bug of callsim's own (an error no check of the input foresaw): says so, what to send, and how
 * to get the stack trace, which *debug* prints. The exit code that goes with it is EXIT_INTERNAL.
 */
export function reportInternalError(error: unknown, stderr: Output, debug: boolean): void {
  stderr.write(`callsim: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (debug) stderr.write(`${stackOf(error)}\n`);
  stderr.write(
    `This is a bug in callsim ${VERSION} (Node.js ${process.version}), not a problem with your input. Please report it ` +
      `with the command you ran, the files it read, and ${debug ? 'the stack trace above' : 'the stack trace that --debug (or CALLSIM_DEBUG=1) prints'}.\n`,
  );
}

/**
 * Runs callsim with `argv` (the user's arguments, without node and the script) and returns the
 * exit code. Never throws: an unexpected error (a bug of ours) is reported by
 * `reportInternalError` and exits EXIT_INTERNAL (70).
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: ExitCode = EXIT_OK;
  const done = (code: ExitCode): void => {
    exitCode = code;
  };
  const program = new Command('callsim')
    .description('Simulate Microsoft Teams Phone Shared Calling: tenant configuration, cmdlets and scenario files.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--debug', 'on an internal error, print the stack trace (also CALLSIM_DEBUG=1)')
    .helpOption('-h, --help', 'show help')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run callsim --help for usage)')
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  $ callsim run scenarios/seattle.yaml --replications 10 --json results.json
  $ callsim trace scenarios/seattle.yaml --outcome INB010
  $ callsim compare scenarios/small-callback-pool.yaml scenarios/large-callback-pool.yaml
  $ callsim validate scenarios/seattle.yaml
  $ callsim explain RA010
  $ callsim schema > schema/scenario.schema.json

Exit codes:
  0    done; no check failed
  1    a check failed (validate errors, a failed expectation, a refused cmdlet, no call traced)
  2    the input cannot be used: a file, an option, or an output file that cannot be written
  70   internal error: a bug in callsim, not in your input; please report it with the stack
       trace that --debug (or CALLSIM_DEBUG=1) prints
  130  interrupted by Ctrl-C (SIGINT); 143 by SIGTERM. Unfinished output files are removed.`,
    );
  for (const command of [runCommand(io, done, io.stderrIsTty === true), validateCommand(io, done), psCommand(io, done), shellCommand(io, done), schemaCommand(io, done), traceCommand(io, done), callCommand(io, done), compareCommand(io, done), reportCommand(io, done), explainCommand(io, done), diagramCommand(io, done), sweepCommand(io, done), mergeCommand(io, done), sizePoolCommand(io, done)]) {
    program.addCommand(command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) }));
  }
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT_UNUSABLE;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; everything else is a usage error.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help'
        ? EXIT_OK
        : EXIT_UNUSABLE;
    }
    const debug = program.opts<{ debug?: boolean }>().debug === true || debugWanted(argv);
    reportInternalError(error, io.stderr, debug);
    return EXIT_INTERNAL;
  }
}
