import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../engine/run/index.js';
import {
  MAIN_NUMBER,
  emergencyWorkload,
  inboundWorkload,
  mean,
  outboundWorkload,
  run,
  smallScenario,
  type ScenarioObject,
} from '../fixtures/run/small-tenant.js';

/** Every record of a run of *s*. */
function records(s: ScenarioObject): { result: ReturnType<typeof run>; calls: CallRecord[] } {
  const calls: CallRecord[] = [];
  const result = run(s, { onCall: (r) => calls.push(r) });
  return { result, calls };
}

/**
 * Each bullet of "The whole call in its machine": a call decision that used to be made beside the
 * machines (or not at all), now made by a machine and ended with an outcome ID.
 */
describe('emergency calls that fail, fail', () => {
  it('routes nothing when a Calling Plan tenant gives its emergency numbers PSTN usages (USR006): EMG010, counted as failed', () => {
    const s = smallScenario();
    s.tenant.policies.emergencyCallRouting = [
      { identity: 'Emergency', emergencyNumbers: [{ dialString: '911', pstnUsage: 'US-Emergency' }] },
    ];
    s.tenant.pstnUsages = ['US-Emergency'];
    s.workload = { emergency: emergencyWorkload(1) };
    const { result, calls } = records(s);
    expect(mean(result, 'emergency.outcome.EMG010')).toBeGreaterThan(0);
    expect(mean(result, 'emergency.failed')).toBe(mean(result, 'emergency.calls'));
    expect(mean(result, 'emergency.failedShare')).toBe(1);
    expect(mean(result, 'emergency.outcome.EMG003')).toBe(0);
    expect(mean(result, 'callbackPool.Seattle.reservations')).toBe(0);
    expect(calls.every((c) => c.outcome === 'EMG010' && (c.details as { callbackNumber: unknown }).callbackNumber === null)).toBe(true);
  });

  it('presents no callback number after the shared number is ported with an empty list: EMG011, never EMG005 with a null number', () => {
    const s = smallScenario();
    s.tenant.policies.sharedCalling[0].emergencyNumbers = [];
    s.horizon = '2d';
    s.timeline = [{ at: '1d', do: 'Move-CsSimPhoneNumberOut', TelephoneNumber: MAIN_NUMBER }];
    s.workload = { emergency: emergencyWorkload(1) };
    const { result, calls } = records(s);
    const after = calls.filter((c) => c.startMs >= 86_400_000);
    const before = calls.filter((c) => c.startMs < 86_400_000);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after.map((c) => c.outcome))).toEqual(new Set(['EMG011']));
    expect(new Set(before.map((c) => c.outcome))).toEqual(new Set(['EMG005']));
    for (const c of calls.filter((c) => c.outcome === 'EMG005')) expect((c.details as { callbackNumber: unknown }).callbackNumber).toBe(MAIN_NUMBER);
    expect(mean(result, 'emergency.failed')).toBe(after.length);
  });

  it('tells the emergency service no location once the shared number (and its static location) is ported: EMG012, still called back', () => {
    const s = smallScenario();
    s.timeline = [{ at: '0s', do: 'Move-CsSimPhoneNumberOut', TelephoneNumber: MAIN_NUMBER }];
    s.workload = { emergency: emergencyWorkload(1, { probability: 1, delay: { fixed: '5m' } }) };
    const { result, calls } = records(s);
    const emergencies = calls.filter((c) => c.kind === 'emergency');
    expect(emergencies.length).toBeGreaterThan(0);
    for (const c of emergencies) {
      expect(c.outcome).toBe('EMG012');
      expect(c.details).toMatchObject({ location: { source: 'none' }, callbackNumber: expect.stringMatching(/^\+1425555/) });
    }
    expect(mean(result, 'emergency.failed')).toBe(emergencies.length);
    expect(mean(result, 'callback.calls')).toBeGreaterThan(0);
  });
});

describe('a dialled string that is no emergency number (EMG001)', () => {
  it('goes on as an outbound call in the same call: decided and billed by the outbound rules, with EMG001 in its record', () => {
    const s = smallScenario();
    s.workload = { emergency: { ...emergencyWorkload(1), dialStrings: { '912': 1 } } };
    const { result, calls } = records(s);
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) {
      expect(c.kind).toBe('outbound');
      expect(c.outcome).toBe('OUT001');
      expect(c.reason).toMatch(/^OUT001: .*\(after EMG001: /);
      expect(c.details).toMatchObject({ billedMinutes: 5, before: { outcome: 'EMG001', details: { dialledString: '912' } } });
      // Ring, then the five minutes of the call.
      expect(c.endMs - c.startMs).toBe(8_000 + 300_000);
    }
    expect(mean(result, 'emergency.outcome.EMG001')).toBe(calls.length);
    expect(mean(result, 'emergency.calls')).toBe(calls.length);
    expect(mean(result, 'outbound.outcome.OUT001')).toBe(calls.length);
    expect(mean(result, 'outbound.billedMinutes')).toBe(5 * calls.length);
    expect(mean(result, 'credits.spent')).toBeCloseTo(5 * 0.02 * calls.length, 9);
    expect(result.metrics['emergency.failedShare']?.mean).toBeNull();
  });
});

describe('inbound talk time', () => {
  it('lasts the ring and the sampled conversation after an answered transfer, not a fixed 15 s', () => {
    const s = smallScenario();
    s.workload = { inbound: { ...inboundWorkload({ keys: { '1': 1 } }), duration: { fixed: '7m' } } };
    const { calls } = records(s);
    const answered = calls.filter((c) => c.outcome === 'INB010');
    expect(answered.length).toBeGreaterThan(0);
    // greeting 5 s + menu 8 s + key press 2 s + ring 8 s + 7 minutes
    for (const c of answered) expect(c.endMs - c.startMs).toBe(5_000 + 8_000 + 2_000 + 8_000 + 420_000);
  });

  it("sends unanswered transfers to the user's voicemail (INB016), or disconnects them where the user has none (INB017)", () => {
    const s = smallScenario();
    s.workload = { inbound: { ...inboundWorkload({ keys: { '1': 1 } }), userAnswerProbability: 0 } };
    const withVoicemail = run(s);
    expect(mean(withVoicemail, 'inbound.outcome.INB016')).toBe(mean(withVoicemail, 'inbound.calls'));
    s.tenant.users[0].voicemail = false;
    const without = run(s);
    expect(mean(without, 'inbound.outcome.INB017')).toBe(mean(without, 'inbound.calls'));
    expect(mean(without, 'inbound.outcome.INB016')).toBe(0);
  });

  it('bills a toll-free call at its end for its whole length, talk included', () => {
    const s = smallScenario();
    s.tenant.numbers[0].usage = 'TollFreeService';
    s.tenant.credits = { balance: 1000, ratesPerMinute: { US: 0.02, default: 0.1 }, tollFreeInboundRatePerMinute: 0.03 };
    s.workload = { inbound: { ...inboundWorkload({ keys: { '1': 1 } }), duration: { fixed: '7m' } } };
    const { result, calls } = records(s);
    // 7 min 23 s from dialling to hang-up: 8 whole minutes each.
    expect(calls.every((c) => c.outcome === 'INB010')).toBe(true);
    expect(mean(result, 'credits.tollFreeSpent')).toBeCloseTo(calls.length * 8 * 0.03, 9);
  });

  it('holds a channel of the resource account for the whole conversation, so inbound and outbound calls share the cap', () => {
    const s = smallScenario();
    s.settings = { channelCap: 1 };
    s.workload = {
      inbound: { ...inboundWorkload({ keys: { '1': 1 } }, 4), duration: { fixed: '30m' } },
      outbound: outboundWorkload(1),
    };
    const result = run(s);
    expect(mean(result, 'channels.main-aa_contoso_com.peakInUse')).toBe(1);
    expect(mean(result, 'outbound.outcome.OUT007')).toBeGreaterThan(0);
    expect(mean(result, 'inbound.outcome.INB020')).toBeGreaterThan(0);
  });
});

describe('calls that never reach the tenant end in an outcome of their own', () => {
  it('inbound calls to a ported shared number end INB018 (not INB001), with a record', () => {
    const s = smallScenario();
    s.horizon = '2d';
    s.workload = { inbound: inboundWorkload({ keys: { '1': 1 } }, 20) };
    s.timeline = [{ at: '1d', do: 'Move-CsSimPhoneNumberOut', TelephoneNumber: MAIN_NUMBER }];
    const { result, calls } = records(s);
    expect(mean(result, 'inbound.outcome.INB018')).toBeGreaterThan(0);
    expect(mean(result, 'inbound.outcome.INB001')).toBe(0);
    expect(calls.filter((c) => c.outcome === 'INB018').every((c) => c.startMs >= 86_400_000 && c.endMs === c.startMs)).toBe(true);
  });

  it('a toll-free number at a zero balance is not answered (RA012): INB019, nothing billed', () => {
    const s = smallScenario();
    s.tenant.numbers[0].usage = 'TollFreeService';
    s.tenant.credits = { balance: 0, ratesPerMinute: { US: 0.02, default: 0.1 }, tollFreeInboundRatePerMinute: 0.03 };
    s.workload = { inbound: inboundWorkload({ keys: { '1': 1 } }, 20) };
    const result = run(s);
    expect(mean(result, 'inbound.outcome.INB019')).toBe(mean(result, 'inbound.calls'));
    expect(mean(result, 'inbound.calls')).toBeGreaterThan(0);
    expect(mean(result, 'credits.tollFreeSpent')).toBe(0);
  });

  it('an emergency call by a user with no Teams Phone licence fails (EMG009) and takes nothing from the pool', () => {
    const s = smallScenario();
    s.tenant.users = s.tenant.users.filter((u: { upn: string }) => u.upn === 'carol@contoso.com');
    s.tenant.users[0].licences = [];
    s.tenant.autoAttendants[0].defaultCallFlow.then = 'disconnect';
    s.tenant.autoAttendants[0].operator = undefined;
    s.workload = { emergency: emergencyWorkload(1) };
    const result = run(s);
    expect(mean(result, 'emergency.outcome.EMG009')).toBe(mean(result, 'emergency.calls'));
    expect(mean(result, 'emergency.calls')).toBeGreaterThan(0);
    expect(mean(result, 'callbackPool.Seattle.reservations')).toBe(0);
  });
});

describe('callbacks and test calls', () => {
  it('counts a callback to the right user who does not answer as not reached (CBK004)', () => {
    const s = smallScenario();
    s.workload = { emergency: emergencyWorkload(0.2, { probability: 1, delay: { fixed: '5m' }, answerProbability: 0 }) };
    const result = run(s);
    expect(mean(result, 'callback.calls')).toBeGreaterThan(0);
    expect(mean(result, 'callback.outcome.CBK004')).toBe(mean(result, 'callback.calls'));
    expect(mean(result, 'callback.reached')).toBe(0);
    expect(mean(result, 'callback.notReachedShare')).toBe(1);
  });

  it('treats 933 as a test call: located, no callback number, no callback, no displacement of 911 callers', () => {
    const s = smallScenario();
    s.workload = {
      emergency: { ...emergencyWorkload(2, { probability: 1, delay: { fixed: '5m' } }), dialStrings: { '933': 1 } },
    };
    const result = run(s);
    expect(mean(result, 'emergency.outcome.EMG013')).toBe(mean(result, 'emergency.calls'));
    expect(mean(result, 'emergency.location.static')).toBe(mean(result, 'emergency.calls'));
    expect(mean(result, 'callback.calls')).toBe(0);
    expect(mean(result, 'callbackPool.Seattle.reservations')).toBe(0);
    s.settings = { testCalls: { treatAsEmergency: true } };
    const asEmergency = run(s);
    expect(mean(asEmergency, 'emergency.outcome.EMG013')).toBe(0);
    expect(mean(asEmergency, 'callbackPool.Seattle.reservations')).toBeGreaterThan(0);
    expect(mean(asEmergency, 'callback.calls')).toBeGreaterThan(0);
  });
});

describe('extension dialing (the article step 10)', () => {
  it("treats a Direct Routing ;ext= number on a no-usage policy as Shared Calling: OUT001 and a pool number, not OUT003 or EMG008", () => {
    const s = smallScenario();
    s.tenant.numbers = [
      { number: MAIN_NUMBER, type: 'DirectRouting', country: 'US', location: 'hq' },
      { number: '+14255556789', type: 'DirectRouting', country: 'US', location: 'hq' },
      { number: '+14255550123;ext=101', type: 'DirectRouting', country: 'US', location: 'hq' },
    ];
    s.tenant.pstnUsages = ['US-DR'];
    s.tenant.policies.voiceRouting.push({ identity: 'DR', onlinePstnUsages: ['US-DR'] });
    s.tenant.resourceAccounts[0].licences = ['TeamsPhoneResourceAccount'];
    s.tenant.resourceAccounts[0].voiceRoutingPolicy = 'DR';
    s.tenant.policies.emergencyCallRouting = [{ identity: 'Emergency', emergencyNumbers: [{ dialString: '911', pstnUsage: 'US-DR' }] }];
    s.tenant.policies.sharedCalling[0].emergencyNumbers = ['+14255556789'];
    s.tenant.users = s.tenant.users.filter((u: { upn: string }) => u.upn === 'alice@contoso.com');
    s.tenant.users[0].number = '+14255550123;ext=101';
    s.workload = { outbound: outboundWorkload(1), emergency: emergencyWorkload(0.5) };
    const result = run(s);
    expect(mean(result, 'outbound.calls')).toBeGreaterThan(0);
    expect(mean(result, 'outbound.outcome.OUT001')).toBe(mean(result, 'outbound.calls'));
    expect(mean(result, 'emergency.outcome.EMG008')).toBe(0);
    expect(mean(result, 'emergency.calls')).toBeGreaterThan(0);
    expect(mean(result, 'callbackPool.Seattle.reservations') + mean(result, 'callbackPool.Seattle.renewals')).toBeGreaterThan(0);
  });
});
