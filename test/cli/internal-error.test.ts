import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './run-cli.js';

/**
 * A bug of ours (an error no check of the input foresaw) is not "unusable input": it exits 70
 * (EX_SOFTWARE), says it is callsim's and what to report, and shows the stack with --debug or
 * CALLSIM_DEBUG=1. The bugs are planted: loading `on-fire.yaml` fails, and so does a run with
 * seed 666 (after the output files are opened).
 */
vi.mock('../../engine/scenario/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../engine/scenario/index.js')>();
  return {
    ...original,
    loadScenarioFile: (file: string, ...rest: unknown[]) =>
      file === 'on-fire.yaml' ? Promise.reject(new Error('the disk caught fire')) : (original.loadScenarioFile as (...a: unknown[]) => unknown)(file, ...rest),
  };
});
vi.mock('../../engine/run/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../engine/run/index.js')>();
  return {
    ...original,
    runScenario: (loaded: Parameters<typeof original.runScenario>[0], options: Parameters<typeof original.runScenario>[1] = {}) => {
      if (options.seed === 666) throw new Error('a replication lost its clock', { cause: new RangeError('time went backwards') });
      return original.runScenario(loaded, options);
    },
  };
});

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const report = (stack: 'above' | 'asked'): string =>
  `This is a bug in callsim ${version} (Node.js ${process.version}), not a problem with your input. Please report it with the command you ran, the files it read, and ` +
  `${stack === 'above' ? 'the stack trace above' : 'the stack trace that --debug (or CALLSIM_DEBUG=1) prints'}.\n`;
const STACK_FRAME = /\n {4}at /;

const dir = mkdtempSync(join(tmpdir(), 'callsim-internal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('callsim internal errors', () => {
  it('exit 70, not 2, saying the bug is ours and what to report, without a stack trace', async () => {
    expect(await runCli('validate', 'on-fire.yaml')).toEqual({
      code: 70,
      stdout: '',
      stderr: `callsim: internal error: the disk caught fire\n${report('asked')}`,
    });
  });

  it.each([
    ['before the command', ['--debug', 'validate', 'on-fire.yaml']],
    ['after the command', ['validate', 'on-fire.yaml', '--debug']],
  ])('show the stack trace with --debug %s', async (_where, argv) => {
    const { code, stdout, stderr } = await runCli(...argv);
    expect([code, stdout]).toEqual([70, '']);
    expect(stderr).toMatch(/^callsim: internal error: the disk caught fire\nError: the disk caught fire\n {4}at /);
    expect(stderr.endsWith(report('above'))).toBe(true);
  });

  it('show the stack trace with CALLSIM_DEBUG=1, and not with CALLSIM_DEBUG=0', async () => {
    vi.stubEnv('CALLSIM_DEBUG', '1');
    const shown = await runCli('validate', 'on-fire.yaml');
    expect([shown.code, STACK_FRAME.test(shown.stderr)]).toEqual([70, true]);
    vi.stubEnv('CALLSIM_DEBUG', '0');
    const hidden = await runCli('validate', 'on-fire.yaml');
    expect([hidden.code, STACK_FRAME.test(hidden.stderr)]).toEqual([70, false]);
  });

  it('in a run exit 70 with the stack and its cause under --debug, leaving no output file behind', async () => {
    const json = join(dir, 'results.json');
    const calls = join(dir, 'calls.csv');
    const { code, stdout, stderr } = await runCli('run', 'test/fixtures/run/small-office.yaml', '--seed', '666', '--json', json, '--calls', calls, '--debug');
    expect([code, stdout]).toEqual([70, '']);
    expect(stderr).not.toContain('callsim run:');
    expect(stderr).toContain('\ncallsim: internal error: a replication lost its clock\nError: a replication lost its clock\n    at ');
    expect(stderr).toMatch(/\nCaused by: RangeError: time went backwards\n {4}at /);
    expect(readdirSync(dir)).toEqual([]);
  });
});
