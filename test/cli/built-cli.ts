/**
 * The CLI built as a user runs it, for tests that need what only compiled JavaScript gives: worker
 * threads (`run --jobs`, and `run` writing files), signals, and the process's own standard output.
 * Each test file builds its own copy into a folder inside the repository (where node_modules
 * resolves), removed by `removeBuild`.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const build = join(root, `.test-build-${process.pid}`);
const mainJs = join(build, 'cli/main.js');

/**
 * Compiles the CLI. A type error elsewhere does not stop it: tsc still writes the JavaScript, and
 * `npm test` type-checks everything before these tests run.
 */
export function buildCli(): void {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--outDir', build], { stdio: 'pipe' });
  } catch (error) {
    if (!existsSync(mainJs)) throw error;
  }
}

export function removeBuild(): void {
  rmSync(build, { recursive: true, force: true });
}

export interface Finished {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built callsim to the end. */
export function callsim(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Finished {
  const r = spawnSync(process.execPath, [mainJs, ...args], { encoding: 'utf8', timeout: 120_000, cwd: options.cwd ?? root, env: options.env ?? process.env });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the built callsim and returns it with a promise of how it ended. */
export function startCallsim(args: readonly string[], options: { cwd?: string } = {}): { child: ChildProcess; finished: Promise<Finished> } {
  const child = spawn(process.execPath, [mainJs, ...args], { cwd: options.cwd ?? root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const finished = new Promise<Finished>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
  return { child, finished };
}
