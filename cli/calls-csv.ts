/** The `--calls` CSV (docs/results-format.md): one record per counted call, the same on any thread. */
import type { CallRecord } from '../engine/run/index.js';

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const CSV_HEADER = 'replication,call,kind,start_ms,end_ms,start,caller,outcome,reason,details\n';

/** One call's record, ending in a newline; *startEpochMs* is the scenario's start, for the `start` column. */
export function csvLine(r: CallRecord, startEpochMs: number): string {
  return (
    [
      String(r.replication),
      String(r.call),
      r.kind,
      String(r.startMs),
      String(r.endMs),
      new Date(startEpochMs + r.startMs).toISOString(),
      r.callerId ?? '',
      r.outcome,
      csvField(r.reason),
      csvField(JSON.stringify(r.details)),
    ].join(',') + '\n'
  );
}
