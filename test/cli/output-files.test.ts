import { execFileSync } from 'node:child_process';
import { createReadStream, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, callsim, removeBuild, root, startCallsim } from './built-cli.js';
import { runCli } from './run-cli.js';

/**
 * Output files of `callsim run` and `callsim ps -o` (cli/write-whole.ts): what is left behind when
 * a run is interrupted, paths refused before any work, special files written through, and write
 * errors that name the file. Signals, worker threads and the process's own standard output need
 * the built CLI (test/cli/built-cli.ts); the rest runs in process.
 */
const scenario = join(root, 'scenarios/small-callback-pool.yaml');
const seattle = join(root, 'scenarios/seattle.yaml');
const base = mkdtempSync(join(tmpdir(), 'callsim-outputs-'));
let folders = 0;

/** A new empty folder for one test. */
function folder(): string {
  const dir = join(base, `t${folders++}`);
  mkdirSync(dir);
  return dir;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The refusal of an output path: the only line on stderr, so nothing was loaded (loading prints a note for this scenario). */
function refusedBeforeWork(r: { status: number | null; stdout: string; stderr: string }, message: string): void {
  expect(r).toMatchObject({ status: 2, stdout: '', stderr: `callsim run: ${message}\n` });
}

beforeAll(buildCli, 120_000);
afterAll(() => {
  removeBuild();
  rmSync(base, { recursive: true, force: true });
});

describe('callsim run interrupted', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('leaves neither output nor temporary file on %s, and ends by that signal (the shell shows %i)', async (signal, shellCode) => {
    const dir = folder();
    // Far longer than the test waits: 200 replications of 60 days of the default scenario.
    const { child, finished } = startCallsim(['run', seattle, '--replications', '200', '--horizon', '60d', '--json', 'results.json', '--calls', 'calls.csv'], { cwd: dir });
    // Until both temporary files exist (the run has started writing), or 10 s at most.
    for (let waited = 0; waited < 10_000 && readdirSync(dir).filter((f) => f.endsWith('.tmp')).length < 2; waited += 20) await sleep(20);
    expect(readdirSync(dir).sort()).toEqual([`.calls.csv.${child.pid}.tmp`, `.results.json.${child.pid}.tmp`]);
    child.kill(signal);
    const r = await finished;
    // Ended by the signal itself, which a shell reports as 128 + its number: 130 and 143.
    expect(r.signal).toBe(signal);
    expect(128 + constants.signals[signal]).toBe(shellCode);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`callsim: stopped by ${signal}; not written: results.json, calls.csv\n`);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('removes the temporary files when the reader of --calls - goes away (EPIPE)', () => {
    const dir = folder();
    const main = join(root, `.test-build-${process.pid}`, 'cli/main.js');
    // `head -1` reads the header and leaves; the run then cannot write its records.
    const shown = execFileSync('sh', ['-c', `"${process.execPath}" "${main}" run "${seattle}" --replications 20 --calls - --json results.json | head -1`], { cwd: dir, encoding: 'utf8' });
    expect(shown).toBe('replication,call,kind,start_ms,end_ms,start,caller,outcome,reason,details\n');
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});

describe('output paths refused before any work', () => {
  it('refuses --json X --calls X, writing nothing', () => {
    const dir = folder();
    refusedBeforeWork(callsim(['run', scenario, '--json', 'X', '--calls', 'X'], { cwd: dir }), '--json X and --calls X name the same file; give each its own');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses two names of one file: ./X and X, a link and its file', () => {
    const dir = folder();
    writeFileSync(join(dir, 'results.txt'), 'kept\n');
    symlinkSync('results.txt', join(dir, 'link.txt'));
    refusedBeforeWork(callsim(['run', scenario, '--json', 'new.json', '--calls', './new.json'], { cwd: dir }), '--json new.json and --calls ./new.json name the same file; give each its own');
    refusedBeforeWork(callsim(['run', scenario, '--json', 'link.txt', '--calls', 'results.txt'], { cwd: dir }), '--json link.txt and --calls results.txt name the same file; give each its own');
    expect(readdirSync(dir).sort()).toEqual(['link.txt', 'results.txt']);
    expect(readFileSync(join(dir, 'results.txt'), 'utf8')).toBe('kept\n');
  });

  it('refuses both outputs on standard output', () => {
    refusedBeforeWork(callsim(['run', scenario, '--json', '-', '--calls', '/dev/stdout']), '--json - and --calls /dev/stdout would both write to standard output; give one of them a file');
  });

  it.each([['--json'], ['--calls']])('refuses an empty %s path', (option) => {
    const dir = folder();
    refusedBeforeWork(callsim(['run', scenario, option, ''], { cwd: dir }), `${option} needs a file name, and got an empty one (- writes to standard output)`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a --calls folder that does not exist before loading the scenario', () => {
    const missing = join(folder(), 'missing');
    refusedBeforeWork(callsim(['run', scenario, '--calls', join(missing, 'calls.csv')]), `cannot write --calls ${join(missing, 'calls.csv')}: the folder ${missing} does not exist (create it first)`);
  });

  it('refuses ps -o that is empty or the script itself, before the script runs', async () => {
    const dir = folder();
    const script = join(dir, 'setup.ps1');
    writeFileSync(script, 'New-CsOnlineVoiceRoutingPolicy -Identity NoPstn -OnlinePstnUsages @()\n');
    expect(await runCli('ps', script, '-o', '')).toEqual({ code: 2, stdout: '', stderr: 'callsim ps: -o needs a file name, and got an empty one (- writes to standard output)\n' });
    expect(await runCli('ps', script, '-o', script)).toEqual({ code: 2, stdout: '', stderr: `callsim ps: -o ${script} is the script itself; give the scenario its own file\n` });
    expect(await runCli('ps', script, '--json', '-o', '-')).toEqual({ code: 2, stdout: '', stderr: 'callsim ps: -o - and --json would both write to standard output; give -o a file\n' });
    expect(readFileSync(script, 'utf8')).toContain('New-CsOnlineVoiceRoutingPolicy');
  });
});

describe('special files written through', () => {
  it('writes --json /dev/stdout through the pipe it is, with the summary on stderr', () => {
    const r = callsim(['run', scenario, '--json', '/dev/stdout']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'callsim-results', formatVersion: 2 });
    expect(r.stderr).toContain('mean over replications');
  });

  it('writes through a link to /dev/stdout, leaving the link a link', () => {
    const dir = folder();
    symlinkSync('/dev/stdout', join(dir, 'out'));
    const r = callsim(['run', scenario, '--calls', 'out'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('replication,call,kind,start_ms,end_ms,start,caller,outcome,reason,details');
    expect(lstatSync(join(dir, 'out')).isSymbolicLink()).toBe(true);
  });

  it('writes - to standard output, the same bytes as a file', async () => {
    const dir = folder();
    const toFile = await runCli('run', scenario, '--calls', join(dir, 'calls.csv'));
    const toStdout = await runCli('run', scenario, '--calls', '-');
    expect([toFile.code, toStdout.code]).toEqual([0, 0]);
    expect(toStdout.stdout).toBe(readFileSync(join(dir, 'calls.csv'), 'utf8'));
    expect(toStdout.stderr).toContain(toFile.stdout);
  });

  it('writes --calls into a named pipe without replacing it', async () => {
    const dir = folder();
    const fifo = join(dir, 'calls.fifo');
    execFileSync('mkfifo', [fifo]);
    const read = new Promise<string>((resolve, reject) => {
      let text = '';
      createReadStream(fifo, 'utf8')
        .on('data', (s) => (text += String(s)))
        .on('end', () => resolve(text))
        .on('error', reject);
    });
    const { finished } = startCallsim(['run', scenario, '--calls', fifo]);
    const [r, text] = await Promise.all([finished, read]);
    expect(r.status).toBe(0);
    const reference = callsim(['run', scenario, '--calls', join(dir, 'calls.csv')]);
    expect(reference.status).toBe(0);
    expect(text).toBe(readFileSync(join(dir, 'calls.csv'), 'utf8'));
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['calls.csv', 'calls.fifo']);
  }, 60_000);

  it('names the file a write fails on: --calls /dev/full is a full disk', async () => {
    const { code, stdout, stderr } = await runCli('run', scenario, '--calls', '/dev/full', '--json', join(folder(), 'results.json'));
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/\ncallsim run: cannot write --calls \/dev\/full: no space left on the device \(ENOSPC\)\n$/);
  });

  it('names the file a write fails on in a run on worker threads', () => {
    const dir = folder();
    const r = callsim(['run', scenario, '--jobs', '2', '--replications', '2', '--json', '/dev/full', '--calls', 'calls.csv'], { cwd: dir });
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(/\ncallsim run: cannot write --json \/dev\/full: no space left on the device \(ENOSPC\)\n$/);
    expect(readdirSync(dir)).toEqual([]);
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });
});

describe('callsim ps -o -', () => {
  it('writes the scenario to standard output and the transcript to stderr', async () => {
    const dir = folder();
    const script = join(dir, 'setup.ps1');
    writeFileSync(script, 'New-CsOnlineVoiceRoutingPolicy -Identity NoPstn -OnlinePstnUsages @()\n');
    const { code, stdout, stderr } = await runCli('ps', script, '-o', '-');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^(#.*\n)*[a-z]+:/);
    expect(stdout).toContain('NoPstn');
    expect(stderr).toContain('No --tenant given: starting from an empty tenant.\n');
    expect(stderr).not.toContain('wrote -');
    // What went to standard output is a scenario file: validate loads it back.
    writeFileSync(join(dir, 'after.yaml'), stdout);
    expect((await runCli('validate', join(dir, 'after.yaml'))).code).not.toBe(2);
  });
});
