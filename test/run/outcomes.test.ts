/**
 * Every call outcome of docs/rules.md section 3 is produced by a small scenario run through
 * runScenario: the intended outcome is counted, and where the scenario leaves no other possibility
 * the other outcomes of that kind are not.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../engine/run/index.js';
import {
  CALLBACK_NUMBERS,
  MAIN_NUMBER,
  emergencyWorkload,
  inboundWorkload,
  mean,
  nonZero,
  outboundWorkload,
  run,
  smallScenario,
  type ScenarioObject,
} from '../fixtures/run/small-tenant.js';

function withOutbound(change: (s: ScenarioObject) => void = () => {}): ScenarioObject {
  const s = smallScenario();
  s.workload = { outbound: outboundWorkload() };
  change(s);
  return s;
}

function withInbound(behaviour: ScenarioObject, change: (s: ScenarioObject) => void = () => {}): ScenarioObject {
  const s = smallScenario();
  s.workload = { inbound: inboundWorkload(behaviour) };
  change(s);
  return s;
}

function withEmergency(perUserPerHour: number, callback?: ScenarioObject, change: (s: ScenarioObject) => void = () => {}): ScenarioObject {
  const s = smallScenario();
  s.horizon = '3d';
  s.workload = { emergency: emergencyWorkload(perUserPerHour, callback) };
  change(s);
  return s;
}

/** Few enough emergency calls, with short reservations, that no two overlap. */
const LIGHT = 0.05;
const shortReservation = (s: ScenarioObject): void => {
  s.settings = { callbackPool: { reservation: '15m' } };
};

/** Only `outcome` among the outcomes of its kind, and at least one call of it. */
function expectOnly(result: RunResult, kind: string, outcome: string): void {
  const calls = mean(result, `${kind}.calls`);
  expect(calls).toBeGreaterThan(0);
  expect(nonZero(result, `${kind}.outcome.`)).toEqual({ [`${kind}.outcome.${outcome}`]: calls });
}

const oneUser = (s: ScenarioObject): void => {
  s.tenant.users = s.tenant.users.slice(0, 1);
  delete s.tenant.autoAttendants[0].operator;
  s.tenant.autoAttendants[0].defaultCallFlow.then.menu.options = [{ key: '9', action: 'DisconnectCall' }];
};

describe('outbound outcomes', () => {
  it('OUT001: a Shared Calling user with a funded resource account connects with the shared number', () => {
    expectOnly(run(withOutbound()), 'outbound', 'OUT001');
  });

  it('OUT002: a user without a Teams Phone licence is not a Shared Calling user', () => {
    const result = run(withOutbound((s) => s.tenant.users.forEach((u: ScenarioObject) => (u.licences = []))));
    expectOnly(result, 'outbound', 'OUT002');
  });

  it('OUT003: a Global voice routing policy with PSTN usages routes the call outside Shared Calling', () => {
    const result = run(
      withOutbound((s) => {
        s.tenant.pstnUsages = ['US-Local'];
        s.tenant.policies.voiceRouting = [{ identity: 'Global', onlinePstnUsages: ['US-Local'] }];
        s.tenant.policies.grants = s.tenant.policies.grants.filter((g: ScenarioObject) => g.policyType !== 'VoiceRouting');
      }),
    );
    expectOnly(result, 'outbound', 'OUT003');
  });

  it('OUT004: after the resource account number is ported out, calls fail', () => {
    const result = run(
      withOutbound((s) => {
        s.horizon = '2d';
        s.timeline = [{ at: '1d', do: 'Move-CsSimPhoneNumberOut', TelephoneNumber: MAIN_NUMBER }];
      }),
    );
    expect(nonZero(result, 'outbound.outcome.')).toEqual({
      'outbound.outcome.OUT001': expect.any(Number),
      'outbound.outcome.OUT004': expect.any(Number),
    });
  });

  it('OUT005: a resource account without a Pay-As-You-Go Calling Plan licence is not funded', () => {
    const result = run(withOutbound((s) => (s.tenant.resourceAccounts[0].licences = ['TeamsPhoneResourceAccount', 'CommunicationsCredits'])));
    expectOnly(result, 'outbound', 'OUT005');
  });

  it('OUT006: with a zero balance and no auto-recharge, every call fails', () => {
    const result = run(withOutbound((s) => (s.tenant.credits = { balance: 0, autoRecharge: null, ratesPerMinute: { default: 0.02 } })));
    expectOnly(result, 'outbound', 'OUT006');
  });

  it('OUT007: with a channel cap of 1 and heavy traffic, some calls find the channel busy', () => {
    const result = run(
      withOutbound((s) => {
        s.workload.outbound = outboundWorkload(20);
        s.settings = { channelCap: 1 };
      }),
    );
    expect(mean(result, 'outbound.outcome.OUT007')).toBeGreaterThan(0);
    expect(mean(result, 'outbound.outcome.OUT001')).toBeGreaterThan(0);
  });

  it('OUT007 never happens without a channel cap, even with heavy traffic', () => {
    const result = run(withOutbound((s) => (s.workload.outbound = outboundWorkload(20))));
    expectOnly(result, 'outbound', 'OUT001');
  });
});

describe('inbound outcomes', () => {
  it('INB001: a shared number with no auto attendant behind it is not answered', () => {
    const result = run(withInbound({ keys: { '1': 1 } }, (s) => delete s.tenant.resourceAccounts[0].autoAttendant));
    expectOnly(result, 'inbound', 'INB001');
    expect(nonZero(result, 'inbound.flow.')).toEqual({});
  });

  it('INB004 and INB003: business hours and after hours flows run by the attendant clock', () => {
    const result = run(
      withInbound({ keys: { '9': 1 } }, (s) => {
        s.tenant.autoAttendants[0].businessHours = { Monday: [{ start: '09:00', end: '17:00' }] };
        s.tenant.autoAttendants[0].afterHoursCallFlow = { then: 'disconnect' };
      }),
    );
    expect(nonZero(result, 'inbound.flow.')).toEqual({ 'inbound.flow.INB003': expect.any(Number), 'inbound.flow.INB004': expect.any(Number) });
    // About a third of a 24 h day is business hours.
    const business = mean(result, 'inbound.flow.INB004') / mean(result, 'inbound.calls');
    expect(business).toBeGreaterThan(0.2);
    expect(business).toBeLessThan(0.5);
  });

  it('INB002: a holiday covering the whole run beats business hours', () => {
    const result = run(
      withInbound({ keys: { '9': 1 } }, (s) => {
        s.tenant.autoAttendants[0].businessHours = { Monday: [{ start: '09:00', end: '17:00' }] };
        s.tenant.autoAttendants[0].afterHoursCallFlow = { then: 'disconnect' };
        s.tenant.autoAttendants[0].holidays = [
          { name: 'Closed', ranges: [{ start: '2026-03-01T00:00', end: '2026-03-04T00:00' }], callFlow: { then: 'disconnect' } },
        ];
      }),
    );
    expect(mean(result, 'inbound.calls')).toBeGreaterThan(0);
    expect(nonZero(result, 'inbound.flow.')).toEqual({ 'inbound.flow.INB002': mean(result, 'inbound.calls') });
  });

  it('INB010: pressing the key of a transfer reaches the user, who answers', () => {
    const result = run(withInbound({ keys: { '1': 1 } }));
    expectOnly(result, 'inbound', 'INB010');
    expect(mean(result, 'inbound.transferAnswered')).toBe(mean(result, 'inbound.calls'));
  });

  it('INB011: pressing the operator key transfers to the operator', () => {
    expectOnly(run(withInbound({ keys: { '0': 1 } })), 'inbound', 'INB011');
  });

  it('INB012: dial by name with six users of the same surname fails the search', () => {
    const result = run(
      withInbound({ dialByName: 1, targetUsers: ['alice@contoso.com'] }, (s) => {
        for (let n = 1; n <= 5; n++) {
          s.tenant.users.push({ upn: `jones${n}@contoso.com`, givenName: `J${n}`, surname: 'Jones', licences: ['TeamsPhone'], groups: ['users'] });
        }
      }),
    );
    expectOnly(result, 'inbound', 'INB012');
  });

  it('INB013: dial by extension of a user the dial scope excludes is not found', () => {
    const result = run(
      withInbound({ dialByExtension: 1, targetUsers: ['carol@contoso.com'] }, (s) => {
        s.tenant.users[2].groups = ['users', 'hidden'];
        s.tenant.autoAttendants[0].defaultCallFlow.then.menu.directorySearch = 'ByExtension';
        s.tenant.autoAttendants[0].dialScope = { include: ['users'], exclude: ['hidden'] };
      }),
    );
    expectOnly(result, 'inbound', 'INB013');
  });

  it('INB014: a caller who makes no input is sent to the operator after the menu replays', () => {
    expectOnly(run(withInbound({ noInput: 1 })), 'inbound', 'INB014');
  });

  it('INB015: a menu option that disconnects ends the call', () => {
    expectOnly(run(withInbound({ keys: { '9': 1 } })), 'inbound', 'INB015');
  });
});

describe('emergency outcomes', () => {
  it('EMG001: a dial string the emergency policy does not list is an ordinary call', () => {
    const result = run(withEmergency(0.2, undefined, (s) => (s.workload.emergency.dialStrings = { '912': 1 })));
    expectOnly(result, 'emergency', 'EMG001');
    expect(mean(result, 'callbackPool.Seattle.reservations')).toBe(0);
  });

  it('EMG003: a light emergency load always finds a free callback number', () => {
    const result = run(withEmergency(LIGHT, undefined, shortReservation));
    expectOnly(result, 'emergency', 'EMG003');
    expect(mean(result, 'emergency.route.CallingPlanOrOperatorConnect')).toBe(mean(result, 'emergency.calls'));
  });

  it('EMG004: two callback numbers and heavy emergency traffic reuse a reserved number', () => {
    const result = run(withEmergency(1));
    expect(mean(result, 'emergency.outcome.EMG004')).toBeGreaterThan(0);
    expect(mean(result, 'callbackPool.Seattle.displaced')).toBeGreaterThan(0);
  });

  it('EMG005: with an empty callback number list the resource account number is the callback number', () => {
    const result = run(withEmergency(0.2, undefined, (s) => (s.tenant.policies.sharedCalling[0].emergencyNumbers = [])));
    expectOnly(result, 'emergency', 'EMG005');
  });

  it('EMG007: one user calling again within the hour keeps the number', () => {
    const result = run(withEmergency(1, undefined, oneUser));
    expect(nonZero(result, 'emergency.outcome.')).toEqual({
      'emergency.outcome.EMG003': expect.any(Number),
      'emergency.outcome.EMG007': expect.any(Number),
    });
    expect(mean(result, 'callbackPool.Seattle.displaced')).toBe(0);
  });

  it('EMG002: a user with a dynamic location sends it instead of the number\'s static one', () => {
    const result = run(withEmergency(0.2, undefined, (s) => s.tenant.users.forEach((u: ScenarioObject) => (u.clientLocation = { dynamicLocation: 'branch' }))));
    expect(nonZero(result, 'emergency.location.')).toEqual({ 'emergency.location.dynamic': mean(result, 'emergency.calls') });
  });

  it('EMG002: without a dynamic location the resource account number\'s static location is sent', () => {
    const result = run(withEmergency(0.2));
    expect(nonZero(result, 'emergency.location.')).toEqual({ 'emergency.location.static': mean(result, 'emergency.calls') });
  });

  it('EMG002: with no dynamic location and the resource account number ported out, no location is sent', () => {
    const result = run(withEmergency(0.2, undefined, (s) => (s.timeline = [{ at: '1m', do: 'Move-CsSimPhoneNumberOut', TelephoneNumber: MAIN_NUMBER }])));
    expect(nonZero(result, 'emergency.location.')).toEqual({ 'emergency.location.none': mean(result, 'emergency.calls') });
  });

  it('EMG006: a network site policy with PSTN usages overrides the user\'s and routes by Direct Routing', () => {
    const result = run(
      withEmergency(0.2, undefined, (s) => {
        s.tenant.pstnUsages = ['Emergency-DR'];
        s.tenant.policies.emergencyCallRouting.push({ identity: 'Site-Emergency', emergencyNumbers: [{ dialString: '911', pstnUsage: 'Emergency-DR' }] });
        s.tenant.networkSites = [{ id: 'branch-site', emergencyCallRoutingPolicy: 'Site-Emergency' }];
        s.tenant.users.forEach((u: ScenarioObject) => (u.clientLocation = { networkSite: 'branch-site' }));
      }),
    );
    const calls = mean(result, 'emergency.calls');
    expect(calls).toBeGreaterThan(0);
    expect(nonZero(result, 'emergency.route.')).toEqual({ 'emergency.route.DirectRouting': calls });
    expect(mean(result, 'emergency.siteOverride')).toBe(calls);
  });
});

describe('callback outcomes', () => {
  it('CBK001 reached: a callback within the reservation rings the user who called', () => {
    const result = run(withEmergency(LIGHT, { probability: 1, delay: { fixed: '5m' } }, shortReservation));
    expectOnly(result, 'callback', 'CBK001');
        expect(mean(result, 'callback.reached')).toBe(mean(result, 'callback.calls'));
    expect(mean(result, 'callback.notReachedShare')).toBe(0);
  });

  it('CBK001 misrouted: after a displaced reservation the callback rings another user', () => {
    const result = run(withEmergency(1, { probability: 1, delay: { fixed: '30m' } }));
    expect(mean(result, 'callback.outcome.CBK001')).toBeGreaterThan(0);
    expect(mean(result, 'callback.misrouted')).toBeGreaterThan(0);
    expect(mean(result, 'callback.notReachedShare')).toBeGreaterThan(0);
  });

  it('CBK002: a callback after the 60 minute reservation goes to the auto attendant', () => {
    const result = run(withEmergency(LIGHT, { probability: 1, delay: { fixed: '90m' } }));
    expectOnly(result, 'callback', 'CBK002');
    expect(mean(result, 'callback.toAutoAttendant')).toBe(mean(result, 'callback.calls'));
    expect(mean(result, 'callback.notReachedShare')).toBe(1);
  });

  it('CBK002: with the not-in-service setting a late callback hears that the number is not in service', () => {
    const result = run(
      withEmergency(LIGHT, { probability: 1, delay: { fixed: '90m' } }, (s) => (s.settings = { callbackWithoutReservation: 'not-in-service' })),
    );
    expectOnly(result, 'callback', 'CBK002');
    expect(mean(result, 'callback.notInService')).toBe(mean(result, 'callback.calls'));
  });

  it('CBK003: with an empty callback number list the callback reaches the auto attendant', () => {
    const result = run(
      withEmergency(LIGHT, { probability: 1, delay: { fixed: '10m' } }, (s) => (s.tenant.policies.sharedCalling[0].emergencyNumbers = [])),
    );
    expectOnly(result, 'callback', 'CBK003');
    expect(mean(result, 'callback.notReachedShare')).toBe(1);
  });
});

it('a pool\'s size figure is the number of callback numbers of its policy', () => {
  const result = run(withEmergency(LIGHT));
  expect(mean(result, 'callbackPool.Seattle.size')).toBe(CALLBACK_NUMBERS.length);
});
