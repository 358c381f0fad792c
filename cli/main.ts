#!/usr/bin/env node
/** The `callsim` bin: runs the program on the process's arguments and sets the exit code once. */
import { debugWanted, main, reportInternalError } from './program.js';
import { EXIT_INTERNAL, EXIT_UNUSABLE } from './io.js';
import { reasonFor } from './write-whole.js';

for (const [name, stream] of [['standard output', process.stdout], ['standard error', process.stderr]] as const) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // `callsim run ... | head` closes the pipe early: that is the reader's choice, not a crash.
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    // A full disk behind `> file` is the environment's, not a bug of ours.
    if (stream === process.stdout) process.stderr.write(`callsim: cannot write to ${name}: ${reasonFor('-', error, 'through')}\n`);
    process.exit(EXIT_UNUSABLE);
  });
}

// An error outside main's own handling (a callback of a worker thread, a stream) is a bug of ours too.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    reportInternalError(error, process.stderr, debugWanted(process.argv.slice(2)));
    process.exit(EXIT_INTERNAL);
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stderrIsTty: process.stderr.isTTY === true,
});
