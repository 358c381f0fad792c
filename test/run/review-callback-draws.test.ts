/**
 * Review: whether an emergency call is called back is drawn for that call, not for whichever
 * emergency call happens to finish next, so a what-if change that makes some calls end sooner
 * (EMG001 ends at once) leaves the callbacks of the other calls as they were (common random numbers).
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type CallRecord } from '../../engine/run/index.js';
import { emergencyWorkload, load, smallScenario, type ScenarioObject } from '../fixtures/run/small-tenant.js';

const MINUTE = 60_000;
/** The fixture's emergency calls last 5 minutes; callbacks come 10 minutes after the call ends. */
const CALL_TO_CALLBACK_MS = 15 * MINUTE;

function scenario(change: (s: ScenarioObject) => void = () => {}): ScenarioObject {
  const s = smallScenario();
  s.horizon = '3d';
  s.settings = { callbackPool: { reservation: '15m' } };
  s.workload = { emergency: { ...emergencyWorkload(0.5, { probability: 0.5, delay: { fixed: '10m' } }), dialStrings: { '911': 1, '933': 1 } } };
  change(s);
  return s;
}

/** Start times of the 911 calls, and of those 911 calls that were called back. */
function callbacksOf911Calls(s: ScenarioObject): { started: number[]; calledBack: number[] } {
  const records: CallRecord[] = [];
  runScenario(load(s), { seed: 5, replications: 1, onCall: (r) => records.push(r) });
  const started = records
    .filter((r) => r.kind === 'emergency' && (r.details as { dialledString: string }).dialledString === '911')
    .map((r) => r.startMs)
    .sort((a, b) => a - b);
  const starts = new Set(started);
  const calledBack = records
    .filter((r) => r.kind === 'callback')
    .map((r) => r.startMs - CALL_TO_CALLBACK_MS)
    .filter((t) => starts.has(t))
    .sort((a, b) => a - b);
  return { started, calledBack };
}

describe('common random numbers for callbacks', () => {
  it('turning another dial string into EMG001 leaves which 911 calls are called back unchanged', () => {
    const base = callbacksOf911Calls(scenario());
    const changed = callbacksOf911Calls(
      scenario((s) => (s.tenant.policies.emergencyCallRouting[0].emergencyNumbers = [{ dialString: '911' }])),
    );
    expect(base.started.length).toBeGreaterThan(20);
    expect(changed.started).toEqual(base.started);
    expect(changed.calledBack.length).toBeGreaterThan(0);
    expect(changed.calledBack).toEqual(base.calledBack);
  });
});
