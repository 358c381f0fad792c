/** The `--calls` CSV (docs/results-format.md): one record per counted call, the same on any thread. */
import { namedValue, withNames, type CallRecord } from '../engine/run/index.js';

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const CSV_HEADER = 'replication,call,kind,start_ms,end_ms,start,caller,outcome,reason,details\n';

/**
 * One call's record, ending in a newline; *startEpochMs* is the scenario's start, for the `start`
 * column; *name* turns ObjectIds into UPNs (`readableName` of the tenant), so the caller and the
 * people a reason or the details mention are named as an administrator knows them.
 */
export function csvLine(r: CallRecord, startEpochMs: number, name: (id: string) => string): string {
  return (
    [
      String(r.replication),
      String(r.call),
      r.kind,
      String(r.startMs),
      String(r.endMs),
      new Date(startEpochMs + r.startMs).toISOString(),
      csvField(r.callerId === null ? '' : name(r.callerId)),
      r.outcome,
      csvField(withNames(r.reason, name)),
      csvField(JSON.stringify(namedValue(r.details, name))),
    ].join(',') + '\n'
  );
}
