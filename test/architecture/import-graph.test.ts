import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * DESIGN.md's dependency direction, checked on the real import graph: cli -> engine; inside the
 * engine, the kernel knows nothing of Teams, machines know nothing of the kernel, the tenant knows
 * nothing of calls, the PowerShell interpreter only reaches the tenant, and the run (wiring only)
 * never reaches the machines: every call decision lives under engine/calls and engine/machines.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** engine part (kernel, tenant, ...) or 'cli' / 'bench' for a file, by its folder. */
function partOf(file: string): string {
  const parts = relative(root, file).split(sep);
  return parts[0] === 'engine' ? `engine/${parts[1]}` : (parts[0] ?? '');
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
    if (m[1] !== undefined) found.push(resolve(dirname(file), m[1]));
  }
  return found;
}

/** Which engine parts each part may import (besides itself). */
const ALLOWED: Record<string, string[]> = {
  'engine/kernel': [],
  'engine/metrics': [],
  'engine/tenant': [],
  'engine/machines': ['engine/tenant'],
  'engine/workload': ['engine/kernel', 'engine/tenant'],
  'engine/runtime': ['engine/tenant', 'engine/kernel', 'engine/machines', 'engine/metrics', 'engine/workload'],
  'engine/scenario': ['engine/tenant', 'engine/powershell', 'engine/workload', 'engine/kernel'],
  'engine/powershell': ['engine/tenant'],
  // One module per kind of call: arrival, facts, machine, effects on the runtime, record.
  'engine/calls': ['engine/kernel', 'engine/machines', 'engine/metrics', 'engine/runtime', 'engine/tenant', 'engine/workload'],
  // The run wires every part together for one scenario and decides nothing about a call: it may
  // not reach the machines, whose guards are where call decisions live, except through the calls.
  'engine/run': [
    'engine/calls',
    'engine/kernel',
    'engine/metrics',
    'engine/powershell',
    'engine/runtime',
    'engine/scenario',
    'engine/tenant',
    'engine/workload',
  ],
  // The package's public entry (package.json exports): what a library user imports, from each
  // part's index.ts.
  'engine/index.ts': ['engine/run', 'engine/scenario', 'engine/tenant'],
};

describe('import graph', () => {
  const files = sourceFiles(join(root, 'engine'));

  it('keeps every engine part to the dependencies DESIGN.md allows', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = partOf(file);
      const allowed = ALLOWED[from];
      for (const target of relativeImports(file)) {
        const to = partOf(target);
        if (to === from) continue;
        if (allowed === undefined || !allowed.includes(to)) {
          violations.push(`${relative(root, file)} imports ${relative(root, target)} (${from} -> ${to})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('reaches another engine part only through its index.ts, the list of what it offers', () => {
    const deep: string[] = [];
    for (const file of files) {
      const from = partOf(file);
      for (const target of relativeImports(file)) {
        const to = partOf(target);
        if (to !== from && to.startsWith('engine/') && !target.endsWith(`${sep}index.js`)) {
          deep.push(`${relative(root, file)} imports ${relative(root, target)}`);
        }
      }
    }
    expect(deep).toEqual([]);
  });

  it('keeps the public entry at the top: nothing in the engine imports engine/index.ts', () => {
    const entry = join(root, 'engine', 'index.js');
    const offenders = files.filter((f) => relativeImports(f).includes(entry)).map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('never imports the CLI from the engine', () => {
    const offenders = files.filter((f) => relativeImports(f).some((t) => partOf(t) === 'cli'));
    expect(offenders).toEqual([]);
  });

  it('has no import cycles inside the engine', () => {
    const graph = new Map<string, string[]>();
    for (const f of files) graph.set(f, relativeImports(f).map((t) => t.replace(/\.js$/, '.ts')));
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (node: string, path: string[]): void => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(node)), node].map((p) => relative(root, p)).join(' -> '));
        return;
      }
      state.set(node, 'visiting');
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('never reads the shared folder that only the developers have', () => {
    const all = [...files, ...sourceFiles(join(root, 'cli')), ...sourceFiles(join(root, 'test'))];
    const offenders = all.filter((f) => f !== fileURLToPath(import.meta.url) && /(\.\.\/shared|\/work\/shared)\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});
