/**
 * Paired what-if comparison: two scenarios run with the same seed and replication indices share
 * their random numbers stream by stream (common random numbers), so the difference of a figure
 * replication by replication has far less noise than two independent runs would give.
 */
import { summarise, type MetricSummary, type RunFigures } from './run-scenario.js';

export interface MetricComparison {
  metric: string;
  a: MetricSummary;
  b: MetricSummary;
  /** b - a, replication by replication, with its 95% t interval (paired). */
  difference: MetricSummary;
}

/**
 * Compare every figure two runs share. Raise RangeError if the runs do not pair (different
 * seed or number of replications), since their differences would then not be paired.
 */
export function compareRuns(a: RunFigures, b: RunFigures): MetricComparison[] {
  if (a.seed !== b.seed || a.replications !== b.replications) {
    throw new RangeError(`runs pair only with the same seed and replications (${a.seed}/${a.replications} against ${b.seed}/${b.replications}).`);
  }
  const names = Object.keys(a.metrics).filter((m) => b.metrics[m] !== undefined);
  return names.map((metric) => {
    const ma = a.metrics[metric] as MetricSummary;
    const mb = b.metrics[metric] as MetricSummary;
    const differences = ma.values.map((va, i) => {
      const vb = mb.values[i];
      return va === null || vb === null || vb === undefined ? NaN : vb - va;
    });
    return { metric, a: ma, b: mb, difference: summarise(differences) };
  });
}
