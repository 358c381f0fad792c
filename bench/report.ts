import type { Task } from 'tinybench';
import { confidenceInterval } from '../engine/metrics/index.js';

/** A mean with the half-width of its 95% confidence interval, from *samples* samples. */
export interface Estimate {
  mean: number;
  /** Half-width of the 95% interval, in the unit of `mean`. */
  margin: number;
  /** `margin` as a percentage of `mean`. */
  rme: number;
  samples: number;
}

/**
 * One line of the report: a measure of callsim next to a baseline measured in the same run, and
 * their ratio. For a throughput the ratio is value / baseline (how many times faster callsim is);
 * for memory it is long run / short run (about 1 when memory does not grow with calls).
 */
export interface Measure {
  group: 'kernel' | 'machines' | 'run' | 'pool';
  name: string;
  unit: string;
  value: Estimate;
  baseline: { name: string; value: Estimate };
  ratio: number;
  /** How to read the ratio, e.g. "x faster than baseline". */
  reading: string;
}

/**
 * The throughput of a tinybench task that does *operations* operations per iteration, in
 * operations per second. The margin carries over the latency's relative margin (first-order).
 * Raise Error if the task did not complete: a failed task must fail the run.
 */
export function throughputOf(task: Task, operations: number): Estimate {
  const result = task.result;
  if (result.state !== 'completed') {
    const why = result.state === 'errored' ? `: ${result.error.message}` : '';
    throw new Error(`benchmark task "${task.name}" ended ${result.state}${why}`, {
      cause: result.state === 'errored' ? result.error : undefined,
    });
  }
  const { mean: latencyMs, rme, samplesCount } = result.latency;
  const mean = (operations * 1000) / latencyMs;
  return { mean, margin: (mean * rme) / 100, rme, samples: samplesCount };
}

/** The mean and 95% margin of plain samples (used for memory, measured outside tinybench). */
export function estimateOf(samples: readonly number[]): Estimate {
  const ci = confidenceInterval(samples, 0.95);
  // One sample says nothing about its spread: a margin of 0, as tinybench reports for one sample.
  const margin = Number.isFinite(ci.halfWidth) ? ci.halfWidth : 0;
  return { mean: ci.mean, margin, rme: ci.mean === 0 ? 0 : (100 * margin) / Math.abs(ci.mean), samples: ci.n };
}

/** A throughput measure: *value* against *baseline*, ratio value / baseline. */
export function faster(
  group: Measure['group'],
  name: string,
  unit: string,
  value: Estimate,
  baseline: { name: string; value: Estimate },
): Measure {
  return { group, name, unit, value, baseline, ratio: value.mean / baseline.value.mean, reading: 'x baseline (>1: callsim faster)' };
}

function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 100) return Math.round(x).toLocaleString('en-US');
  return x.toPrecision(3);
}

export function formatEstimate(e: Estimate): string {
  return `${formatNumber(e.mean)} ± ${formatNumber(e.margin)} (±${e.rme.toFixed(1)}%, n=${e.samples})`;
}

/** The report as rows for console.table. */
export function reportRows(measures: readonly Measure[]): Record<string, string>[] {
  return measures.map((m) => ({
    measure: `${m.group}: ${m.name}`,
    unit: m.unit,
    callsim: formatEstimate(m.value),
    baseline: `${m.baseline.name}: ${formatEstimate(m.baseline.value)}`,
    ratio: `${m.ratio.toFixed(2)} ${m.reading}`,
  }));
}

/** The report as a plain text table, one measure a line, columns padded to their widest cell. */
export function formatReport(measures: readonly Measure[]): string {
  const rows = reportRows(measures);
  const columns = ['measure', 'unit', 'callsim', 'baseline', 'ratio'];
  const cells = [columns, ...rows.map((row) => columns.map((c) => row[c] ?? ''))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => (line[i] ?? '').length)));
  const line = (values: readonly string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns), rule, ...cells.slice(1).map(line)].join('\n');
}
