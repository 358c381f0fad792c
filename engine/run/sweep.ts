/**
 * A sweep: one scenario run at every point of a grid of `--set` changes, each point with the same
 * seed and replication indices, so the named random streams give neighbouring points the same
 * calls wherever the change does not reach and their paired difference is the change's.
 *
 * The work splits into units (point x replication). A unit's result depends on the unit alone
 * (its point's scenario, the seed, its replication index), so units may run anywhere, in any
 * order, and `sweepDocument` over all of them gives the same bytes however they were split
 * (docs/sweeps.md: shards and merge).
 */
import type { Scenario } from '../scenario/index.js';
import type { Tenant } from '../tenant/index.js';
import type { Engine } from '../calls/index.js';
import { compareRuns } from './compare.js';
import { runReplication } from './replication.js';
import { checkExpectations, summarise, type ExpectationResult, type MetricSummary, type RunFigures } from './run-scenario.js';
import type { TimelineOutcome } from './timeline-change.js';

export const SWEEP_FORMAT_VERSION = 1;

export interface SweepAxis {
  /** The dotted PATH of `--set PATH=V1,V2,...`. */
  path: string;
  /** The values as written, in order. */
  values: string[];
}

/** What the whole document needs to know of one point, whichever shard ran its units. */
export interface SweepPointHeader {
  index: number;
  /** PATH -> value as written, one per axis. */
  set: Record<string, string>;
  warmupMs: number;
  expect: Scenario['expect'];
}

/** Everything that must be equal for units to belong to one sweep. */
export interface SweepHeader {
  scenario: { name: string; file: string; description: string; sha256: string };
  seed: number;
  replications: number;
  horizonMs: number;
  axes: SweepAxis[];
  points: SweepPointHeader[];
}

export interface SweepUnit {
  point: number;
  replication: number;
}

export interface SweepUnitResult extends SweepUnit {
  /** A figure undefined in this replication is NaN here and null once written as JSON. */
  figures: Record<string, number | null>;
  timeline: TimelineOutcome[];
}

/** The points of the grid: the first axis varies slowest. */
export function gridPoints(axes: readonly SweepAxis[]): Record<string, string>[] {
  let points: Record<string, string>[] = [{}];
  for (const axis of axes) points = points.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.path]: v })));
  return points;
}

/** Every unit, point by point, replications in order within a point. */
export function sweepUnits(points: number, replications: number): SweepUnit[] {
  const units: SweepUnit[] = [];
  for (let point = 0; point < points; point++) for (let replication = 0; replication < replications; replication++) units.push({ point, replication });
  return units;
}

/**
 * Shard *index* of *count* (0-based): a contiguous run of units, so a shard loads few points.
 * Shards differ in size by at most one unit; with more shards than units some are empty.
 */
export function shardUnits(units: readonly SweepUnit[], index: number, count: number): SweepUnit[] {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`shard ${index}/${count}: expected 0 <= index < count`);
  }
  const from = Math.floor((units.length * index) / count);
  const to = Math.floor((units.length * (index + 1)) / count);
  return units.slice(from, to);
}

/** One unit: a replication of its point's scenario, with the sweep's seed and the unit's index. */
export function runSweepUnit(
  loaded: { scenario: Scenario; tenant: Tenant },
  header: Pick<SweepHeader, 'seed' | 'horizonMs'>,
  unit: SweepUnit,
  engine?: Engine,
): SweepUnitResult {
  const result = runReplication(loaded.scenario, loaded.tenant, header.seed, unit.replication, {
    horizonMs: header.horizonMs,
    ...(engine === undefined ? {} : { engine }),
  });
  return { point: unit.point, replication: unit.replication, figures: result.figures, timeline: result.timeline };
}

/** What is wrong with a set of unit results for *header*: missing or repeated units. */
export function unitProblems(header: SweepHeader, results: readonly SweepUnitResult[]): string[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  for (const r of results) {
    const key = `${r.point}/${r.replication}`;
    if (r.point >= header.points.length || r.replication >= header.replications || r.point < 0 || r.replication < 0) {
      problems.push(`unit point ${r.point} replication ${r.replication} is outside the sweep (${header.points.length} points x ${header.replications} replications)`);
    }
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const repeated = [...seen].filter(([, n]) => n > 1).map(([k]) => k);
  if (repeated.length > 0) problems.push(`${repeated.length} units appear more than once (point/replication: ${repeated.slice(0, 5).join(', ')}${repeated.length > 5 ? ', ...' : ''})`);
  const missing = sweepUnits(header.points.length, header.replications)
    .map((u) => `${u.point}/${u.replication}`)
    .filter((k) => !seen.has(k));
  if (missing.length > 0) problems.push(`${missing.length} units are missing (point/replication: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''})`);
  return problems;
}

/** A point's run, as `assembleRun` makes it, from its units in replication order. */
function pointRun(header: SweepHeader, point: SweepPointHeader, units: readonly SweepUnitResult[]): RunFigures {
  const ordered = [...units].sort((x, y) => x.replication - y.replication);
  const names = [...new Set(ordered.flatMap((u) => Object.keys(u.figures)))].sort();
  const metrics: Record<string, MetricSummary> = {};
  for (const name of names) metrics[name] = summarise(ordered.map((u) => u.figures[name] ?? NaN));
  return {
    scenario: { name: header.scenario.name, file: header.scenario.file, description: header.scenario.description },
    seed: header.seed,
    replications: ordered.length,
    horizonMs: header.horizonMs,
    warmupMs: Math.min(point.warmupMs, header.horizonMs),
    metrics,
    timeline: ordered[0]?.timeline ?? [],
    expectations: checkExpectations(point.expect, metrics),
  };
}

export interface SweepDifference {
  /** The axis whose value changed, and the two points: *to* - *from*, replication by replication. */
  axis: string;
  from: number;
  to: number;
  mean: number | null;
  halfWidth: number | null;
  lower: number | null;
  upper: number | null;
  n: number;
}

export interface SweepFigure {
  /** One summary per point, in point order. */
  points: MetricSummary[];
  differences: SweepDifference[];
}

export interface SweepResult {
  header: SweepHeader;
  runs: RunFigures[];
  figures: Record<string, SweepFigure>;
}

/** Neighbouring points: the same values on every axis but one, which moves one step. */
export function neighbourPairs(axes: readonly SweepAxis[]): { axis: string; from: number; to: number }[] {
  const sizes = axes.map((a) => a.values.length);
  const total = sizes.reduce((x, y) => x * y, 1);
  const pairs: { axis: string; from: number; to: number }[] = [];
  axes.forEach((axis, k) => {
    const stride = sizes.slice(k + 1).reduce((x, y) => x * y, 1);
    for (let p = 0; p < total; p++) {
      const position = Math.floor(p / stride) % (sizes[k] ?? 1);
      if (position + 1 < (sizes[k] ?? 0)) pairs.push({ axis: axis.path, from: p, to: p + stride });
    }
  });
  return pairs;
}

/** The sweep from all its units (in any order). Raise RangeError if units are missing or repeated. */
export function assembleSweep(header: SweepHeader, results: readonly SweepUnitResult[]): SweepResult {
  const problems = unitProblems(header, results);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const runs = header.points.map((point) => pointRun(header, point, results.filter((r) => r.point === point.index)));
  const names = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))].sort();
  const empty = summarise([]);
  const figures: Record<string, SweepFigure> = {};
  for (const name of names) figures[name] = { points: runs.map((r) => r.metrics[name] ?? empty), differences: [] };
  for (const pair of neighbourPairs(header.axes)) {
    const a = runs[pair.from];
    const b = runs[pair.to];
    if (a === undefined || b === undefined) continue;
    for (const c of compareRuns(a, b)) {
      const { mean, halfWidth, lower, upper, n } = c.difference;
      figures[c.metric]?.differences.push({ ...pair, mean, halfWidth, lower, upper, n });
    }
  }
  return { header, runs, figures };
}

/** The sweep document (docs/sweeps.md), the same bytes however its units were run. */
export function sweepDocument(sweep: SweepResult): object {
  const { header } = sweep;
  return {
    format: 'callsim-sweep',
    sweepFormatVersion: SWEEP_FORMAT_VERSION,
    scenario: header.scenario,
    seed: header.seed,
    replications: header.replications,
    horizonMs: header.horizonMs,
    confidenceLevel: 0.95,
    axes: header.axes,
    points: header.points.map((p, i) => ({
      index: p.index,
      set: p.set,
      warmupMs: Math.min(p.warmupMs, header.horizonMs),
      timeline: sweep.runs[i]?.timeline ?? [],
      expectations: sweep.runs[i]?.expectations ?? [],
    })),
    figures: sweep.figures,
  };
}
