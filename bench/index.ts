/**
 * `npm run bench`: runs the kernel, machines and run groups and prints one report, each measure
 * next to a baseline measured in the same run and their ratio; the report is also written to
 * bench/last-run.json. `npm run bench -- kernel machines` runs only the groups named. Nothing here
 * asserts a time: the ratios are for people and CI to read.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kernelGroup } from './kernel/index.js';
import { machinesGroup } from './machines/index.js';
import { formatReport, type Measure } from './report.js';
import { POOL_DEFAULTS, poolGroup } from './pool/index.js';
import { RUN_DEFAULTS, runGroup } from './run/index.js';

// dist/bench/index.js -> the repository's root.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  const started = Date.now();
  const groups = [
    ['kernel', () => kernelGroup()],
    ['machines', () => machinesGroup()],
    ['run', () => runGroup({ file: join(root, 'scenarios', 'seattle.yaml'), ...RUN_DEFAULTS })],
    ['pool', () => poolGroup({ file: join(root, 'bench', 'pool', 'callback-pool.yaml'), ...POOL_DEFAULTS })],
  ] as const;
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !groups.some(([group]) => group === name));
  if (unknown.length > 0) throw new Error(`unknown bench group ${unknown.join(', ')}; the groups are ${groups.map(([g]) => g).join(', ')}.`);
  const measures: Measure[] = [];
  for (const [name, group] of groups) {
    if (asked.length > 0 && !asked.includes(name)) continue;
    const groupStarted = Date.now();
    console.error(`bench: ${name}...`);
    measures.push(...(await group()));
    console.error(`bench: ${name} took ${((Date.now() - groupStarted) / 1000).toFixed(1)} s`);
  }
  console.log(formatReport(measures));
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    wallSeconds: (Date.now() - started) / 1000,
    measures,
  };
  writeFileSync(join(root, 'bench', 'last-run.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wall time ${report.wallSeconds.toFixed(1)} s; report written to bench/last-run.json`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
