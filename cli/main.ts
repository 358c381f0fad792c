#!/usr/bin/env node
/** The `callsim` bin: runs the program on the process's arguments and sets the exit code once. */
import { main } from './program.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stderrIsTty: process.stderr.isTTY === true,
});
