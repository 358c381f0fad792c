/**
 * Every `$ callsim ...` example in every command's --help (and callsim's own) runs against the
 * repository's files and exits 0. Examples that write a file (`> FILE`, `--json FILE` of run,
 * `--calls FILE`, `-o FILE`) write it into a temporary folder instead; `< FILE` feeds the shell.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { startShell } from '../../cli/commands/shell.js';
import { runCli } from './run-cli.js';

const COMMANDS = ['run', 'validate', 'ps', 'shell', 'schema', 'trace', 'call', 'compare', 'report', 'explain', 'diagram', 'sweep', 'merge', 'size-pool'];

const dir = mkdtempSync(join(tmpdir(), 'callsim-help-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The `$ callsim ...` lines of a help text, without `$ callsim` and any trailing `(comment)`. */
function examples(help: string): string[] {
  return help
    .split('\n')
    .map((l) => /^\s*\$ callsim (.*)$/.exec(l)?.[1])
    .filter((l): l is string => l !== undefined)
    .map((l) => l.replace(/\s+\(.*\)\s*$/, '').trim());
}

interface Example {
  argv: string[];
  input?: string;
}

/** The example's argv with every file it would write moved into the temporary folder. */
function prepare(line: string): Example {
  const tokens = line.split(/\s+/);
  const argv: string[] = [];
  let input: string | undefined;
  const command = tokens[0];
  const writesFile = (option: string): boolean =>
    option === '--calls' || option === '-o' || option === '--output' || option === '--html' || (option === '--json' && command === 'run');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1];
    if (token === '>') {
      i++; // standard output is captured by runCli; nothing is written into the repository
    } else if (token === '<') {
      input = next === undefined ? '' : readFileSync(next, 'utf8');
      i++;
    } else if (writesFile(token) && next !== undefined && !next.startsWith('-')) {
      argv.push(token, join(dir, basename(next)));
      i++;
    } else if (command === 'report' && token.endsWith('.json')) {
      argv.push(join(dir, basename(token))); // the document an earlier example of the same help wrote
    } else argv.push(token);
  }
  return input === undefined ? { argv } : { argv, input };
}

async function run(example: Example): Promise<{ code: number; stderr: string }> {
  if (example.argv[0] === 'shell') {
    // In process the shell would read the test runner's stdin: give it the example's input (or none).
    let stderr = '';
    const code = await startShell(
      example.argv[1],
      { stdout: { write: () => undefined }, stderr: { write: (s: string) => (stderr += s) } },
      Readable.from(example.input === undefined ? [] : [example.input]),
    );
    return { code, stderr };
  }
  return runCli(...example.argv);
}

describe('--help examples', () => {
  it('every command shows at least one example', async () => {
    for (const command of COMMANDS) expect(examples((await runCli(command, '--help')).stdout), command).not.toEqual([]);
  });

  for (const command of [undefined, ...COMMANDS]) {
    it(`every example in callsim ${command ?? ''} --help exits 0`, async () => {
      const help = (await runCli(...(command === undefined ? [] : [command]), '--help')).stdout;
      for (const line of examples(help)) {
        const result = await run(prepare(line));
        expect({ example: `callsim ${line}`, code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ example: `callsim ${line}`, code: 0, stderr: '' });
      }
    }, 120_000);
  }
});
