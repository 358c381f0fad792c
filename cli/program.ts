/** The `callsim` program: assembles the subcommands and maps every way out to one exit code. */
import { Command, CommanderError } from 'commander';
import { psCommand } from './commands/ps.js';
import { compareCommand } from './commands/compare.js';
import { explainCommand } from './commands/explain.js';
import { runCommand } from './commands/run.js';
import { schemaCommand } from './commands/schema.js';
import { shellCommand } from './commands/shell.js';
import { traceCommand } from './commands/trace.js';
import { validateCommand } from './commands/validate.js';
import { EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode } from './io.js';

const VERSION = '0.1.0';

/**
 * Runs callsim with `argv` (the user's arguments, without node and the script) and returns the
 * exit code. Never throws: an unexpected error is one line, no stack trace.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: ExitCode = EXIT_OK;
  const done = (code: ExitCode): void => {
    exitCode = code;
  };
  const program = new Command('callsim')
    .description('Simulate Microsoft Teams Phone Shared Calling: tenant configuration, cmdlets and scenario files.')
    .version(VERSION, '-V, --version', 'print the version')
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
  $ callsim schema > schema/scenario.schema.json`,
    );
  for (const command of [runCommand(io, done, io.stderrIsTty === true), validateCommand(io, done), psCommand(io, done), shellCommand(io, done), schemaCommand(io, done), traceCommand(io, done), compareCommand(io, done), explainCommand(io, done)]) {
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
    io.stderr.write(`callsim: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_UNUSABLE;
  }
}
