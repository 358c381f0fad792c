/** The `--calls` CSV names people by UPN: the caller column, reasons and details (cli/calls-csv.ts). */
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../cli/calls-csv.js';
import type { CallRecord } from '../../engine/run/index.js';

const ALICE_ID = '7c33b2e6-eb98-5348-b360-0fcd9d4c0d20';
const CAROL_ID = 'd3c44809-5752-55e4-927f-a36f29fd363f';
const names = new Map([
  [ALICE_ID, 'alice@contoso.com'],
  [CAROL_ID, 'carol@contoso.com'],
]);
const name = (id: string): string => names.get(id) ?? id;

describe('the --calls CSV', () => {
  it('names the caller, the user a callback rang (reason and details) by UPN', () => {
    const callback: CallRecord = {
      replication: 0,
      call: 43,
      kind: 'callback',
      startMs: 0,
      endMs: 0,
      callerId: ALICE_ID,
      outcome: 'CBK001',
      reason: `CBK001: misrouted: another user holds the number's active reservation and is rung (${CAROL_ID}).`,
      details: { reachedCaller: false, destination: 'otherUser', rangUserId: CAROL_ID, dialledNumber: '+14255556789' },
    };
    const line = csvLine(callback, Date.UTC(2026, 2, 2), name);
    expect(line).toBe(
      '0,43,callback,0,0,2026-03-02T00:00:00.000Z,alice@contoso.com,CBK001,' +
        "CBK001: misrouted: another user holds the number's active reservation and is rung (carol@contoso.com)." +
        ',' +
        '"{""reachedCaller"":false,""destination"":""otherUser"",""rangUserId"":""carol@contoso.com"",""dialledNumber"":""+14255556789""}"\n',
    );
    expect(line).not.toContain(CAROL_ID);
  });

  it('leaves an ObjectId it cannot name (a user a timeline added) as it is, and an inbound caller empty', () => {
    const unknown = '00000000-0000-5000-8000-000000000000';
    const record: CallRecord = { replication: 0, call: 1, kind: 'inbound', startMs: 0, endMs: 0, callerId: null, outcome: 'INB010', reason: `INB010: to ${unknown}.`, details: null };
    expect(csvLine(record, 0, name)).toBe(`0,1,inbound,0,0,1970-01-01T00:00:00.000Z,,INB010,INB010: to ${unknown}.,null\n`);
  });
});
