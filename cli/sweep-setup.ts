/**
 * From `FILE --set PATH=V1,V2 ... --shard I/N` to a sweep: the axes and the shard as the command
 * line gives them; loading every point is the engine's (engine/run/sweep-run.ts).
 */
import { InvalidArgumentError } from 'commander';
import type { SweepAxis } from '../engine/run/index.js';
import { parseOverridePath, splitOverrideValues } from '../engine/scenario/index.js';

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
