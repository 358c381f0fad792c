/**
 * Review: a callback that rings another user (CBK001 misrouted) does so whenever someone else
 * holds the number's active reservation. With a callback delay longer than the reservation, that
 * someone may have reserved the number after the caller's reservation ended, with nobody
 * displaced: the reason must not then claim a displacement (EMG004).
 */
import { describe, expect, it } from 'vitest';
import { runScenario, type CallRecord } from '../../engine/run/index.js';
import { emergencyWorkload, load, mean, smallScenario } from '../fixtures/run/small-tenant.js';

describe('a misrouted callback', () => {
  it('does not blame a displacement (EMG004) in a run where no reservation was displaced', () => {
    const s = smallScenario();
    s.horizon = '20d';
    s.settings = { callbackPool: { reservation: '15m' } };
    // Called back 20 minutes after a 5 minute call: the caller's 15 minute reservation has ended.
    s.workload = { emergency: emergencyWorkload(0.1, { probability: 1, delay: { fixed: '20m' } }) };
    const records: CallRecord[] = [];
    const loaded = load(s);
    const result = runScenario(loaded, { seed: 3, replications: 1, onCall: (r) => records.push(r) });
    expect(mean(result, 'callbackPool.Seattle.displaced')).toBe(0);
    const misrouted = records.filter((r) => r.kind === 'callback' && (r.details as { destination: string }).destination === 'otherUser');
    expect(misrouted.length).toBeGreaterThan(0);
    for (const r of misrouted) {
      expect(r.outcome).toBe('CBK001');
      expect(r.reason).not.toContain('EMG004');
    }
  });
});
