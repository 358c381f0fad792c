/** The `--calls` CSV (docs/results-format.md): one record per counted call, the same on any thread. */
import { namedValue, readableName, withNames, type CallRecord } from '../engine/run/index.js';
import type { Scenario } from '../engine/scenario/index.js';
import type { Tenant } from '../engine/tenant/index.js';

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

/**
 * The serializer the parallel runner's worker threads import (engine/run/parallel.ts,
 * `recordText`): the records of a run of *scenario*, named after the tenant as loaded (users a
 * timeline adds keep their ObjectIds), exactly as `csvLine` writes them on the main thread.
 */
export function recordSerializer(scenario: Scenario, tenant: Tenant): (record: CallRecord) => string {
  const name = readableName(tenant);
  return (record) => csvLine(record, scenario.startEpochMs, name);
}
