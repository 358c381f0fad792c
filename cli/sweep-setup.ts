/**
 * From `FILE --set PATH=V1,V2 ...` to a sweep: the axes, every point's scenario loaded with its
 * changes (each checked as if written in the file), and the header every shard shares.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import { gridPoints, metricProblem, type SweepAxis, type SweepHeader } from '../engine/run/index.js';
import {
  formatIssue,
  loadScenarioFile,
  parseOverridePath,
  parseOverrideValue,
  splitOverrideValues,
  type Scenario,
  type ScenarioOverride,
} from '../engine/scenario/index.js';
import type { Tenant } from '../engine/tenant/index.js';

/** commander's collector for a repeatable `--set PATH=V1,V2,...`. */
export function collectSet(value: string, previous: SweepAxis[] = []): SweepAxis[] {
  const eq = value.indexOf('=');
  const path = eq < 0 ? '' : value.slice(0, eq).trim();
  if (eq < 0 || parseOverridePath(path) === undefined) {
    throw new InvalidArgumentError(`expected PATH=VALUE[,VALUE...] with a dotted PATH into the scenario, such as settings.callbackPool.reuse=first,oldest; got "${value}"`);
  }
  if (previous.some((a) => a.path === path)) throw new InvalidArgumentError(`${path} is set twice; give all its values in one --set ${path}=V1,V2`);
  const values = splitOverrideValues(value.slice(eq + 1));
  if (values.some((v) => v === '')) throw new InvalidArgumentError(`--set ${value}: an empty value; separate values with single commas`);
  return [...previous, { path, values }];
}

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

/**
 * `--shard I/N`, `--shard auto` (Slurm: SLURM_ARRAY_TASK_ID from SLURM_ARRAY_TASK_MIN, of
 * SLURM_ARRAY_TASK_COUNT) or `--shard auto/N` (Kubernetes: JOB_COMPLETION_INDEX, or Slurm's id,
 * of N). Indices are 0-based.
 */
export function parseShard(text: string, env: NodeJS.ProcessEnv): { index: number; count: number } | string {
  const explicit = /^(\d+)\/(\d+)$/.exec(text);
  if (explicit !== null) {
    const index = Number(explicit[1]);
    const count = Number(explicit[2]);
    if (count < 1 || index >= count) return `--shard ${text}: expected I/N with 0 <= I < N (shards count from 0)`;
    return { index, count };
  }
  const auto = /^auto(?:\/(\d+))?$/.exec(text);
  if (auto === null) return `--shard ${text}: expected I/N (such as 0/4), auto (Slurm array) or auto/N (Kubernetes indexed Job of N completions)`;
  const given = auto[1] === undefined ? undefined : Number(auto[1]);
  const slurmId = env.SLURM_ARRAY_TASK_ID;
  const k8sIndex = env.JOB_COMPLETION_INDEX;
  let index: number;
  let count: number | undefined = given;
  if (slurmId !== undefined && slurmId !== '') {
    index = Number(slurmId) - Number(env.SLURM_ARRAY_TASK_MIN ?? 0);
    count ??= env.SLURM_ARRAY_TASK_COUNT === undefined ? undefined : Number(env.SLURM_ARRAY_TASK_COUNT);
  } else if (k8sIndex !== undefined && k8sIndex !== '') {
    index = Number(k8sIndex);
  } else {
    return `--shard ${text}: neither SLURM_ARRAY_TASK_ID (sbatch --array) nor JOB_COMPLETION_INDEX (a Kubernetes indexed Job) is set; give --shard I/N`;
  }
  if (count === undefined) return `--shard ${text}: the number of shards is not known; give it as --shard auto/N`;
  if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 0 || index >= count) {
    return `--shard ${text}: shard ${index} of ${count} from the environment; expected 0 <= index < count (an array of 0-${count - 1}, or SLURM_ARRAY_TASK_MIN set)`;
  }
  return { index, count };
}
