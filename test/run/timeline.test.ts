/**
 * A timeline change at time t is in place for every call that starts at or after t and for none
 * before: the tenant a call sees is the tenant at its start.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type CallRecord } from '../../engine/run/index.js';
import {
  CALLBACK_NUMBERS,
  MAIN_NUMBER,
  emergencyWorkload,
  load,
  mean,
  outboundWorkload,
  smallScenario,
  type ScenarioObject,
} from '../fixtures/run/small-tenant.js';

const HOUR = 3_600_000;
const T = 12 * HOUR;

function runWithRecords(scenario: ScenarioObject): { records: CallRecord[]; result: ReturnType<typeof runScenario> } {
  const records: CallRecord[] = [];
  const result = runScenario(load(scenario), { onCall: (r) => records.push(r) });
  return { records, result };
}

/** The outcomes of the calls that started before T and at or after it. */
function outcomesAround(records: readonly CallRecord[]): { before: Set<string>; after: Set<string> } {
  return {
    before: new Set(records.filter((r) => r.startMs < T).map((r) => r.outcome)),
    after: new Set(records.filter((r) => r.startMs >= T).map((r) => r.outcome)),
  };
}

function outboundWith(timeline: ScenarioObject[], change: (s: ScenarioObject) => void = () => {}): ScenarioObject {
  const s = smallScenario();
  s.workload = { outbound: outboundWorkload(2) };
  s.timeline = timeline;
  change(s);
  return s;
}

describe('a timeline change at 12 h', () => {
  it('porting the resource account number out makes OUT004 appear only for calls that start after it', () => {
    const { records, result } = runWithRecords(outboundWith([{ at: '12h', do: 'Move-CsSimPhoneNumberOut', TelephoneNumber: MAIN_NUMBER }]));
    expect(outcomesAround(records)).toEqual({ before: new Set(['OUT001']), after: new Set(['OUT004']) });
    expect(result.timeline).toEqual([{ at: T, index: 0, ok: true, text: expect.stringContaining('Move-CsSimPhoneNumberOut') }]);
    expect(mean(result, 'timeline.applied')).toBe(1);
  });

  it('a ps: line does the same as the cmdlet entry', () => {
    const { records } = runWithRecords(outboundWith([{ at: '12h', ps: `Move-CsSimPhoneNumberOut -TelephoneNumber '${MAIN_NUMBER}'` }]));
    expect(outcomesAround(records)).toEqual({ before: new Set(['OUT001']), after: new Set(['OUT004']) });
  });

  it('Add-CsSimCommunicationsCredits restores outbound calling after OUT006', () => {
    const { records, result } = runWithRecords(
      outboundWith([{ at: '12h', do: 'Add-CsSimCommunicationsCredits', Amount: 100 }], (s) => {
        s.tenant.credits = { balance: 0, autoRecharge: null, ratesPerMinute: { default: 0.02 } };
      }),
    );
    expect(outcomesAround(records)).toEqual({ before: new Set(['OUT006']), after: new Set(['OUT001']) });
    expect(mean(result, 'credits.fundsAdded')).toBe(100);
    expect(mean(result, 'credits.finalBalance')).toBeCloseTo(100 - mean(result, 'credits.spent'), 6);
  });

  it('removing the first callback number from the pool leaves only the second for later emergency calls', () => {
    const s = smallScenario();
    s.workload = { emergency: emergencyWorkload(0.3) };
    s.timeline = [{ at: '12h', do: 'Set-CsTeamsSharedCallingRoutingPolicy', Identity: 'Seattle', EmergencyNumbers: { remove: [CALLBACK_NUMBERS[0]] } }];
    const { records } = runWithRecords(s);
    const numbers = (from: number, to: number): Set<unknown> =>
      new Set(records.filter((r) => r.startMs >= from && r.startMs < to).map((r) => (r.details as { callbackNumber: unknown }).callbackNumber));
    // A reservation made before 12 h may still be renewed until 13 h by the same caller (EMG007).
    expect(numbers(0, T).has(CALLBACK_NUMBERS[0])).toBe(true);
    expect(numbers(T + HOUR, Infinity)).toEqual(new Set([CALLBACK_NUMBERS[1]]));
  });

  it('removing a callback number shrinks the pool its figures are measured against', () => {
    const s = smallScenario();
    s.workload = { emergency: emergencyWorkload(1) };
    s.timeline = [{ at: '1h', do: 'Set-CsTeamsSharedCallingRoutingPolicy', Identity: 'Seattle', EmergencyNumbers: { remove: [CALLBACK_NUMBERS[0]] } }];
    const { result } = runWithRecords(s);
    expect(mean(result, 'callbackPool.Seattle.size')).toBe(1);
    // Three users calling once an hour keep the one remaining number reserved most of the time.
    expect(mean(result, 'callbackPool.Seattle.allReservedShare')).toBeGreaterThan(0.5);
    expect(mean(result, 'callbackPool.Seattle.peakReserved')).toBe(1);
  });

  it('removing every callback number turns later emergency calls into EMG005', () => {
    const s = smallScenario();
    s.workload = { emergency: emergencyWorkload(0.3) };
    s.timeline = [{ at: '12h', do: 'Set-CsTeamsSharedCallingRoutingPolicy', Identity: 'Seattle', EmergencyNumbers: { remove: [...CALLBACK_NUMBERS] } }];
    const { records } = runWithRecords(s);
    const after = outcomesAround(records).after;
    expect(outcomesAround(records).before.has('EMG005')).toBe(false);
    expect(after).toEqual(new Set(['EMG005']));
  });
});
