import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('callsim usage', () => {
  it('exits 2 for an unknown option, without a stack trace', async () => {
    const { code, stderr } = await runCli('validate', 'scenarios/seattle.yaml', '--colour');
    expect([code, stderr.includes("unknown option '--colour'"), stderr.includes('    at ')]).toEqual([2, true, false]);
  });

  it('exits 2 for an unknown command', async () => {
    expect((await runCli('simulate')).code).toBe(2);
  });

  it('exits 2 for a missing argument', async () => {
    const { code, stderr } = await runCli('validate');
    expect([code, stderr.includes("missing required argument 'file'")]).toEqual([2, true]);
  });

  it('exits 2 and shows help when run with no arguments', async () => {
    const { code, stderr } = await runCli();
    expect([code, stderr.includes('Usage: callsim')]).toEqual([2, true]);
  });

  it('exits 0 for --help and shows examples', async () => {
    const { code, stdout } = await runCli('validate', '--help');
    expect([code, stdout.includes('--json'), stdout.includes('Examples:')]).toEqual([0, true, true]);
  });

  it("exits 0 for --version, printing package.json's version", async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await runCli('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('lists every exit code in --help, internal errors and interruptions included', async () => {
    const { code, stdout } = await runCli('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\nExit codes:\n {2}0 .*\n {2}1 .*\n {2}2 .*\n {2}70 {3}internal error: a bug in callsim.*--debug \(or CALLSIM_DEBUG=1\)[^\n]*\n {2}130 {2}interrupted by Ctrl-C \(SIGINT\); 143 by SIGTERM/s);
    expect(stdout).toContain('--debug');
  });
});

describe('callsim schema', () => {
  it('prints the JSON Schema that is committed as schema/scenario.schema.json', async () => {
    const { code, stdout } = await runCli('schema');
    expect([code, stdout]).toEqual([0, readFileSync('schema/scenario.schema.json', 'utf8')]);
  });
});
