import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, runScenario, sweep, sweepDocument } from '../../engine/index.js';
import { root } from '../cli/built-cli.js';

/**
 * callsim as a user's program gets it: the package is compiled, packed with `npm pack` and
 * installed into a new project, whose ES module scripts `import ... from 'callsim'`.
 *
 * No network: the project gets a lock file made from callsim's own (its runtime dependencies at
 * the versions `npm ci` installed, with their integrity), so `npm ci --offline` takes every
 * dependency from the npm cache that `npm ci` of this repository filled. Where that cache is
 * empty (node_modules got some other way) the install fails and says so; run `npm ci` first.
 */
const work = mkdtempSync(join(tmpdir(), 'callsim-pack-'));
const staging = join(work, 'package');
const project = join(work, 'project');
const scenario = join(root, 'scenarios/small-callback-pool.yaml');
let packedFiles: string[] = [];
let tarball = '';

function node(script: string, args: readonly string[] = [], cwd = project): string {
  return execFileSync(process.execPath, [script, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

function npm(args: readonly string[], cwd: string): string {
  try {
    return execFileSync('npm', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`npm ${args.join(' ')} failed${/ENOTCACHED/.test(stderr) ? ' (a dependency is not in the npm cache: run npm ci first)' : ''}:\n${stderr}`);
  }
}

/** The example of README.md's "Use it as a library", as written. */
function readmeExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use it as a library'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (code === undefined) throw new Error('README.md: no js example under "Use it as a library"');
  return code;
}

beforeAll(() => {
  // The package as `npm pack` sees it after its prepack build: the compiled dist and the files
  // package.json lists (copied, so that the repository's own dist is left alone).
  mkdirSync(staging, { recursive: true });
  try {
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.json'), '--outDir', join(staging, 'dist')], { stdio: 'pipe' });
  } catch (error) {
    // A type error elsewhere still writes the JavaScript; `npm test` type-checks before this runs.
    if (readdirSync(join(staging, 'dist/engine')).length === 0) throw error;
  }
  for (const name of ['package.json', 'README.md', 'LICENSE', 'schema', 'scenarios', 'docs']) cpSync(join(root, name), join(staging, name), { recursive: true });
  const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], staging)) as { filename: string; files: { path: string }[] }[];
  if (packed === undefined) throw new Error('npm pack wrote no package');
  packedFiles = packed.files.map((f) => f.path);
  tarball = join(work, packed.filename);

  mkdirSync(project);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; license: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const from = `file:../${packed.filename}`;
  const packages: Record<string, unknown> = {
    '': { name: 'callsim-user', version: '1.0.0', dependencies: { callsim: from } },
    'node_modules/callsim': { version: pkg.version, resolved: from, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
  };
  for (const [path, entry] of Object.entries(lock.packages)) if (path.startsWith('node_modules/') && entry.dev !== true) packages[path] = entry;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'callsim-user', version: '1.0.0', private: true, type: 'module', dependencies: { callsim: from } }, null, 2));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ name: 'callsim-user', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));
  npm(['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], project);
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships the library, its declarations and the CLI, and no tests', () => {
    expect(tarball).toMatch(/callsim-\d+\.\d+\.\d+\.tgz$/);
    expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/engine/index.js', 'dist/engine/index.d.ts', 'dist/engine/run/replication-worker.js', 'dist/cli/main.js', 'dist/package.json', 'schema/scenario.schema.json']));
    expect(packedFiles.filter((f) => /(^|\/)(test|tests|__tests__)\//.test(f) || /\.(test|spec)\.[cm]?[jt]s$/.test(f))).toEqual([]);
    expect(packedFiles.filter((f) => f.startsWith('dist/bench/') || f.startsWith('test/') || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs the callsim command, which runs', () => {
    // dist/cli/program.js reads its version from dist/package.json, which tsc writes beside it.
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    expect(node(join(project, 'node_modules/.bin/callsim'), ['--version']).trim()).toBe(version);
    expect(node(join(project, 'node_modules/.bin/callsim'), ['run', scenario, '--replications', '2', '--jobs', '2'])).toMatch(/^Two callback numbers for 300 users\n[\s\S]*callback\.misrouted/);
  });

  it("runs README's example from a new project, to the figure the engine gives in process", async () => {
    writeFileSync(join(project, 'readme-example.mjs'), readmeExample());
    // Run from the repository, where the example's relative scenario path points.
    const printed = node(join(project, 'readme-example.mjs'), [], root);
    const loaded = await loadScenario(scenario);
    const misrouted = (await runScenario(loaded, { replications: 4 })).metrics['callback.misrouted'];
    expect(misrouted?.mean).toBeGreaterThan(0);
    expect(printed).toBe(`\nmisrouted callbacks per replication: ${misrouted?.mean?.toFixed(2)} ± ${misrouted?.halfWidth?.toFixed(2)}\n`);
  });

  it('gives the same results on 0, 1 and 2 threads, stops on an aborted signal, names bad input, and sweeps', async () => {
    writeFileSync(
      join(project, 'check.mjs'),
      `import { loadScenario, runScenario, sweep, sweepDocument, ScenarioError } from 'callsim';
const file = process.argv[2];
const loaded = await loadScenario(file);
const options = { replications: 3 };
const runs = await Promise.all([0, 1, 2].map((jobs) => runScenario(loaded, { ...options, jobs })));
const calls = [];
await runScenario(loaded, { ...options, jobs: 2, onCall: (r) => calls.push(r.replication + '/' + r.call) });
const outcome = (promise) => promise.then(() => 'finished', (e) => e.name);
const stopped = [];
for (const jobs of [0, 2]) {
  const controller = new AbortController();
  let progress = 0;
  const onProgress = () => { if (++progress === 2) controller.abort(); };
  stopped.push({ jobs, error: await outcome(runScenario(loaded, { ...options, jobs, signal: controller.signal, onProgress })), progress });
}
const already = await outcome(runScenario(loaded, { signal: AbortSignal.abort() }));
let bad;
try { await loadScenario({ text: 'version: 1\\nname: x\\n', file: 'bad.yaml' }); } catch (e) { bad = { error: e.name, isScenarioError: e instanceof ScenarioError, issues: e.issues.length, message: e.message.split('\\n')[0] }; }
const swept = sweepDocument(await sweep(file, { set: { 'settings.callbackPool.reuse': ['first', 'oldest'] }, replications: 2 }));
console.log(JSON.stringify({ results: runs.map((r) => JSON.stringify(r)), calls, stopped, already, bad, swept }));
`,
    );
    const out = JSON.parse(node(join(project, 'check.mjs'), [scenario])) as {
      results: string[];
      calls: string[];
      stopped: { jobs: number; error: string; progress: number }[];
      already: string;
      bad: { error: string; isScenarioError: boolean; issues: number; message: string };
      swept: object;
    };
    const loaded = await loadScenario(scenario);
    const inProcess = JSON.stringify(await runScenario(loaded, { replications: 3 }));
    expect(out.results).toEqual([inProcess, inProcess, inProcess]);
    // Records in one thread's order: replication by replication.
    const order = out.calls.map((c) => Number(c.split('/')[0]));
    expect(order.length).toBeGreaterThan(100);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Aborted at the second progress report of a 3-day replication, well before the run's 9 days.
    expect(out.stopped.map((s) => [s.jobs, s.error])).toEqual([[0, 'AbortError'], [2, 'AbortError']]);
    expect(out.stopped.find((s) => s.jobs === 0)?.progress).toBe(2);
    expect(out.already).toBe('AbortError');
    expect(out.bad).toMatchObject({ error: 'ScenarioError', isScenarioError: true });
    expect(out.bad.issues).toBeGreaterThan(0);
    expect(out.bad.message).toMatch(/^bad\.yaml:\d+:\d+/);
    const sweptInProcess = sweepDocument(await sweep(scenario, { set: { 'settings.callbackPool.reuse': ['first', 'oldest'] }, replications: 2 }));
    expect(out.swept).toEqual(JSON.parse(JSON.stringify(sweptInProcess)));
  });

  it('gives TypeScript users the declarations: typed results, and a wrong call is a type error', () => {
    writeFileSync(
      join(project, 'typed.ts'),
      `import { loadScenario, runScenario, type RunResult, type MetricSummary } from 'callsim';
const loaded = await loadScenario('scenario.yaml');
const result: RunResult = await runScenario(loaded, { replications: 2, jobs: 2, signal: new AbortController().signal, onProgress: (done: number, total: number) => void [done, total] });
const misrouted: MetricSummary | undefined = result.metrics['callback.misrouted'];
export const mean: number | null | undefined = misrouted?.mean;
// @ts-expect-error: replications is a number
await runScenario(loaded, { replications: 'two' });
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(root, 'node_modules/@types')] },
        files: ['typed.ts'],
      }),
    );
    // tsc prints the errors on stdout and exits non-zero: an unused @ts-expect-error is one.
    expect(() => node(join(root, 'node_modules/typescript/bin/tsc'), ['-p', join(project, 'tsconfig.json')])).not.toThrow();
  });
});
