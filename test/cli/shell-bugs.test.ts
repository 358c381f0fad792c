/**
 * `callsim shell` when a line runs into a bug of callsim's: the line is reported on standard error
 * as the program reports any internal error (with the stack under --debug), the session goes on,
 * and at its end startShell throws ShellBugsError so that the program exits 70, as for any bug.
 * The bug is made by a mock of the interpreter that fails on one cmdlet name.
 */
import { Readable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { ShellBugsError, startShell } from '../../cli/commands/shell.js';
import { reportInternalError } from '../../cli/program.js';

vi.mock('../../engine/powershell/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../engine/powershell/index.js')>();
  return {
    ...original,
    runScriptOnTenant: (...args: Parameters<typeof original.runScriptOnTenant>) => {
      if (args[1].includes('Invoke-Bug')) throw new Error('a bug on purpose');
      return original.runScriptOnTenant(...args);
    },
  };
});

async function shell(lines: string[], options: { debug?: boolean } = {}) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  let thrown: unknown;
  try {
    await startShell(undefined, io, Readable.from(lines.map((l) => `${l}\n`)), options);
  } catch (error) {
    thrown = error;
  }
  return { stdout, stderr, thrown };
}

describe('callsim shell: a line that runs into a bug', () => {
  it('is reported on standard error, the session goes on, and the session ends as a bug (exit 70)', async () => {
    const { stdout, stderr, thrown } = await shell(["$x = 'kept'", 'Invoke-Bug', 'Write-Host $x']);
    expect(stdout.split('\n').slice(1)).toEqual(['kept', '']);
    expect(stderr.split('\n').slice(0, 2)).toEqual([
      'callsim: internal error: a bug on purpose',
      expect.stringMatching(/^This is a bug in callsim .*the stack trace that --debug \(or CALLSIM_DEBUG=1\) prints\.$/) as unknown,
    ]);
    expect(stderr).toContain('The shell goes on: the tenant and the variables keep what the line did before the error.\n');
    expect(thrown).toBeInstanceOf(ShellBugsError);
    expect([(thrown as Error).message, ((thrown as Error).cause as Error).message]).toEqual([
      '1 line of this shell session ran into an internal error, reported above; the session went on after each',
      'a bug on purpose',
    ]);
  });

  it('prints the stack of the line\'s bug with --debug, and the program reports the session with it as the cause', async () => {
    const { stderr, thrown } = await shell(['Invoke-Bug'], { debug: true });
    expect(stderr).toMatch(/^Error: a bug on purpose\n\s+at /m);
    let report = '';
    reportInternalError(thrown, { write: (s: string) => (report += s) }, true);
    expect(report).toMatch(/^callsim: internal error: 1 line of this shell session ran into an internal error/);
    expect(report).toMatch(/^Caused by: Error: a bug on purpose$/m);
  });

  it('ends as before when no line ran into a bug', async () => {
    const { thrown, stderr } = await shell(['Write-Host fine']);
    expect([thrown, stderr]).toEqual([undefined, '']);
  });
});
