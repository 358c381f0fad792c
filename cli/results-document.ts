/**
 * The `--json` results document (docs/results-format.md), the comparison document of
 * `compare --json`, and reading either back for `callsim report`. Its `formatVersion` changes
 * whenever a field changes meaning or disappears; new fields may be added within a version.
 */
import { z } from 'zod';
import type { MetricComparison, RunResult, RunSeries } from '../engine/run/index.js';

/** 2: `series` (what the HTML report draws) was added. */
export const RESULTS_FORMAT_VERSION = 2;
export const COMPARISON_FORMAT_VERSION = 1;

export function resultsDocument(result: RunResult): object {
  return {
    format: 'callsim-results',
    formatVersion: RESULTS_FORMAT_VERSION,
    scenario: result.scenario,
    seed: result.seed,
    replications: result.replications,
    horizonMs: result.horizonMs,
    warmupMs: result.warmupMs,
    confidenceLevel: 0.95,
    metrics: result.metrics,
    timeline: result.timeline,
    expectations: result.expectations,
    series: result.series,
  };
}

/** What `compare --json` prints (and `compare --html` draws). */
export function comparisonDocument(a: RunResult, b: RunResult, seed: number, replications: number, metrics: MetricComparison[]): object {
  return { format: 'callsim-comparison', formatVersion: COMPARISON_FORMAT_VERSION, a: a.scenario, b: b.scenario, seed, replications, confidenceLevel: 0.95, metrics };
}

const figure = z.number().nullable();
const summary = z.object({ mean: figure, halfWidth: figure, lower: figure, upper: figure, n: z.number(), values: z.array(figure) });
const scenario = z.object({ name: z.string(), file: z.string(), description: z.string() });
const point = z.tuple([z.number(), z.number(), z.number(), z.number()]);

const resultsShape = z.object({
  format: z.literal('callsim-results'),
  formatVersion: z.literal(RESULTS_FORMAT_VERSION),
  scenario,
  seed: z.number(),
  replications: z.number(),
  horizonMs: z.number(),
  warmupMs: z.number(),
  metrics: z.record(z.string(), summary),
  timeline: z.array(z.object({ at: z.number(), index: z.number(), ok: z.boolean(), text: z.string() })),
  expectations: z.array(z.object({ metric: z.string(), observed: figure, passed: z.boolean(), message: z.string() })),
  series: z.object({
    replication: z.number(),
    currency: z.string(),
    startEpochMs: z.number(),
    timeZone: z.string().nullable(),
    startOffsetMinutes: z.number(),
    stepMs: z.number(),
    balance: z.array(point),
    creditEvents: z.array(z.object({ atMs: z.number(), kind: z.enum(['recharge', 'rechargeFailed', 'fundsAdded']), amount: z.number(), balance: z.number() })),
    pools: z.array(z.object({ policy: z.string(), reserved: z.array(point), size: z.array(point) })),
    displacements: z.array(
      z.object({ id: z.number(), atMs: z.number(), policy: z.string(), number: z.string(), lost: z.string(), took: z.string(), misroutedCallbacks: z.array(z.number()) }),
    ),
    misroutedCallbacks: z.array(
      z.object({ call: z.number(), atMs: z.number(), number: z.string(), caller: z.string(), rang: z.string(), displacement: z.number().nullable() }),
    ),
    omitted: z.object({ creditEvents: z.number(), displacements: z.number(), misroutedCallbacks: z.number() }),
    inboundByHourOfWeek: z.record(z.string(), z.array(z.number())),
  }),
});

const comparisonShape = z.object({
  format: z.literal('callsim-comparison'),
  formatVersion: z.literal(COMPARISON_FORMAT_VERSION),
  a: scenario,
  b: scenario,
  seed: z.number(),
  replications: z.number(),
  metrics: z.array(z.object({ metric: z.string(), a: summary, b: summary, difference: summary })),
});

export type ResultsDocument = z.infer<typeof resultsShape> & { series: RunSeries };
export type ComparisonDocument = z.infer<typeof comparisonShape>;
export type ReportInput = { kind: 'results'; document: ResultsDocument } | { kind: 'comparison'; document: ComparisonDocument };

/** Bad input for `callsim report`: the message says what was expected, in words. */
export class DocumentError extends Error {}

/**
 * A results document (`run --json`) or a comparison document (`compare --json`) from *text*.
 * Throws a DocumentError naming *file* and what is wrong: not JSON, not one of callsim's
 * documents, a format version this callsim does not read, or a field that is missing.
 */
export function readReportInput(text: string, file: string): ReportInput {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DocumentError(`${file}: not JSON (${error instanceof Error ? error.message : String(error)}); expected the results document of callsim run --json or callsim compare --json`);
  }
  const head = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const expected: Record<string, number> = { 'callsim-results': RESULTS_FORMAT_VERSION, 'callsim-comparison': COMPARISON_FORMAT_VERSION };
  const format = head['format'];
  if (typeof format !== 'string' || expected[format] === undefined) {
    throw new DocumentError(
      `${file}: not a callsim results document (its "format" is ${JSON.stringify(format ?? null)}); expected "callsim-results" (callsim run --json) or "callsim-comparison" (callsim compare --json)`,
    );
  }
  if (head['formatVersion'] !== expected[format]) {
    throw new DocumentError(
      `${file}: ${format} formatVersion ${JSON.stringify(head['formatVersion'] ?? null)}, but this callsim reads version ${expected[format]} (docs/results-format.md); run the scenario again with this callsim to get one`,
    );
  }
  const parsed = format === 'callsim-results' ? resultsShape.safeParse(data) : comparisonShape.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'the document' : issue.path.map(String).join('.');
    throw new DocumentError(`${file}: ${where}: ${issue?.message ?? 'not as docs/results-format.md describes'}`);
  }
  return format === 'callsim-results'
    ? { kind: 'results', document: parsed.data as ResultsDocument }
    : { kind: 'comparison', document: parsed.data as ComparisonDocument };
}
