/**
 * A whole sweep from a file: every point's scenario loaded with its changes (each checked as if
 * written in the file), the header every shard shares, and the units run on this thread. The CLI
 * (`callsim sweep`, which also runs shards) and the library's `sweep()` share it.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Engine } from '../calls/index.js';
import { formatIssue, loadScenarioFile, parseOverridePath, parseOverrideValue, type Scenario, type ScenarioOverride } from '../scenario/index.js';
import type { Tenant } from '../tenant/index.js';
import { metricProblem } from './metric-names.js';
import { assembleSweep, gridPoints, runSweepUnit, sweepUnits, type SweepAxis, type SweepHeader, type SweepResult, type SweepUnitResult } from './sweep.js';

/** The overrides of one point of the grid. */
export function pointOverrides(set: Readonly<Record<string, string>>): ScenarioOverride[] {
  return Object.entries(set).map(([path, text]) => ({ text: `${path}=${text}`, path: parseOverridePath(path) ?? [path], value: parseOverrideValue(text) }));
}

export interface PreparedSweep {
  header: SweepHeader;
  loaded: { scenario: Scenario; tenant: Tenant }[];
}

/** The sweep's points loaded, or the problems (each already a line to print). */
export async function prepareSweep(
  file: string,
  axes: readonly SweepAxis[],
  options: { seed?: number; replications?: number },
): Promise<{ ok: true; sweep: PreparedSweep } | { ok: false; lines: string[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    // loadScenarioFile says why, located as every other command says it.
    const l = await loadScenarioFile(file);
    return { ok: false, lines: l.ok ? [`${file}: cannot be read`] : l.issues.map(formatIssue) };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const grid = gridPoints(axes);
  const loaded: { scenario: Scenario; tenant: Tenant }[] = [];
  for (const set of grid) {
    const l = await loadScenarioFile(file, { metricProblem, overrides: pointOverrides(set) });
    if (!l.ok) {
      const where = Object.keys(set).length === 0 ? '' : ` with ${Object.entries(set).map(([p, v]) => `${p}=${v}`).join(' ')}`;
      return { ok: false, lines: [...l.issues.map(formatIssue), `${file}${where}: the scenario cannot be run until these are fixed`] };
    }
    loaded.push(l);
  }
  const base = loaded[0];
  if (base === undefined) return { ok: false, lines: ['the sweep has no points'] };
  // Every point runs the base's seed and replications unless told: neighbouring points then pair.
  const header: SweepHeader = {
    scenario: { name: base.scenario.name, file, description: base.scenario.description, sha256 },
    seed: options.seed ?? base.scenario.seed,
    replications: options.replications ?? Math.max(2, base.scenario.replications),
    horizonMs: base.scenario.horizon,
    axes: [...axes],
    points: grid.map((set, index) => ({ index, set, warmupMs: loaded[index]?.scenario.warmup ?? 0, expect: loaded[index]?.scenario.expect ?? [] })),
  };
  // A point whose --set changed the horizon runs to its own: the header keeps the first's only when all agree.
  const horizons = new Set(loaded.map((l) => l.scenario.horizon));
  if (horizons.size > 1) return { ok: false, lines: ['--set horizon with several values: a sweep runs every point to one horizon; run one sweep per horizon'] };
  return { ok: true, sweep: { header, loaded } };
}

export interface SweepRunOptions {
  engine?: Engine;
  /** *done* units (point x replication) out of *total*, after each unit. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the sweep between units: the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Every unit of a prepared sweep, on this thread, in unit order. It lets the event loop turn
 * between units, so a timer or another task can abort it through the signal.
 */
export async function runPreparedSweep(prepared: PreparedSweep, options: SweepRunOptions = {}): Promise<SweepResult> {
  const { header, loaded } = prepared;
  const units = sweepUnits(header.points.length, header.replications);
  const results: SweepUnitResult[] = [];
  for (const unit of units) {
    options.signal?.throwIfAborted();
    const point = loaded[unit.point];
    if (point === undefined) throw new RangeError(`unit of point ${unit.point}, which the sweep does not have`);
    results.push(runSweepUnit(point, header, unit, options.engine));
    options.onProgress?.(results.length, units.length);
    await nextTurn();
  }
  options.signal?.throwIfAborted();
  return assembleSweep(header, results);
}
