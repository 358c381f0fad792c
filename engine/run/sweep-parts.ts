/**
 * Partial sweep documents: what one shard ran (`callsim sweep --shard I/N`), and their merge into
 * the whole sweep. A part carries the sweep's header, so the merge needs no scenario file and can
 * refuse parts that do not belong together.
 */
import { assembleSweep, SWEEP_FORMAT_VERSION, unitProblems, type SweepHeader, type SweepResult, type SweepUnitResult } from './sweep.js';

export interface SweepPart {
  header: SweepHeader;
  shard: { index: number; count: number };
  units: SweepUnitResult[];
}

export function partDocument(part: SweepPart): object {
  return { format: 'callsim-sweep-part', sweepFormatVersion: SWEEP_FORMAT_VERSION, header: part.header, shard: part.shard, units: part.units };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A part read back from its JSON text, or what is wrong with it (naming *file*). */
export function readPart(text: string, file: string): { ok: true; part: SweepPart } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `${file}: not JSON (${error instanceof Error ? error.message : String(error)}); expected a part written by callsim sweep --shard` };
  }
  if (!isRecord(value) || value.format !== 'callsim-sweep-part') {
    return { ok: false, problem: `${file}: not a sweep part (its "format" is ${isRecord(value) ? JSON.stringify(value.format) : 'missing'}, expected "callsim-sweep-part"); write parts with callsim sweep --shard I/N -o FILE` };
  }
  if (value.sweepFormatVersion !== SWEEP_FORMAT_VERSION) {
    return { ok: false, problem: `${file}: sweepFormatVersion ${JSON.stringify(value.sweepFormatVersion)}, expected ${SWEEP_FORMAT_VERSION}; merge parts written by the same callsim version` };
  }
  const { header, shard, units } = value;
  if (!isRecord(header) || !isRecord(shard) || !Array.isArray(units) || !units.every((u) => isRecord(u) && typeof u.point === 'number' && typeof u.replication === 'number' && isRecord(u.figures))) {
    return { ok: false, problem: `${file}: a sweep part without its header, shard or units; was it edited?` };
  }
  // The shapes were written by partDocument; the checks above catch a file that is not one.
  return { ok: true, part: value as unknown as SweepPart };
}

/** The header fields, in the order a difference is reported. */
const HEADER_FIELDS = ['scenario', 'seed', 'replications', 'horizonMs', 'axes', 'points'] as const;

/**
 * The whole sweep from its parts (given with their file names), or every reason the parts do not
 * make one: different scenarios (by content hash) or options, units missing or run twice.
 */
export function mergeParts(parts: readonly { file: string; part: SweepPart }[]): { ok: true; sweep: SweepResult } | { ok: false; problems: string[] } {
  const first = parts[0];
  if (first === undefined) return { ok: false, problems: ['no parts to merge'] };
  const problems: string[] = [];
  for (const { file, part } of parts.slice(1)) {
    for (const field of HEADER_FIELDS) {
      if (JSON.stringify(part.header[field]) === JSON.stringify(first.part.header[field])) continue;
      const a = part.header.scenario;
      const b = first.part.header.scenario;
      const what =
        field !== 'scenario'
          ? field
          : a.sha256 === b.sha256
            ? `scenario path (${a.file} against ${b.file}: the same file given by another path; run every shard with the same path)`
            : `scenario (sha256 ${a.sha256.slice(0, 12)} against ${b.sha256.slice(0, 12)}: a different or edited file)`;
      problems.push(`${file} does not belong with ${first.file}: its ${what} is not the same; merge only parts of one sweep (same file, --set, --seed, --replications)`);
      break;
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const units = parts.flatMap((p) => p.part.units);
  const unitIssues = unitProblems(first.part.header, units);
  const counts = [...new Set(parts.map((p) => p.part.shard.count))];
  if (unitIssues.length > 0) {
    const shards = parts.map((p) => `${p.part.shard.index}/${p.part.shard.count}`).join(', ');
    return { ok: false, problems: [...unitIssues.map((i) => `${i} (parts given: shards ${shards}${counts.length === 1 ? `; expected shards 0 to ${(counts[0] ?? 1) - 1}` : ''})`)] };
  }
  return { ok: true, sweep: assembleSweep(first.part.header, units) };
}
