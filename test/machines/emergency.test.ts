import { describe, expect, it } from 'vitest';
import { emergencyMachine, type EmergencyCallInput } from '../../engine/machines/emergency.js';
import { drive, effects } from './drive.js';
import { emergencyCall as call } from './samples.js';


const sitePolicy = {
  identity: 'Site-DR',
  emergencyNumbers: [{ dialString: '911', dialMasks: [], pstnUsage: 'US-Emergency-DR' }],
};

describe('emergency call', () => {
  it('reserves the next free number as the callback number (EMG003) at call start', () => {
    const run = drive(emergencyMachine, call());
    expect(run.snapshot.output).toMatchObject({
      callKind: 'emergency',
      outcome: 'EMG003',
      reason: expect.stringMatching(/^EMG003: /),
      details: { callbackNumber: '+14255550201', treatedAsOutbound: false, dialString: '911' },
    });
    expect(effects(run.actions)).toEqual([
      expect.objectContaining({ type: 'reserveCallbackNumber', params: { number: '+14255550201', userId: 'u-ada', mode: 'new' } }),
    ]);
  });

  it('lasts the call duration before it ends', () => {
    const run = drive(emergencyMachine, call());
    expect(run.delays).toEqual([240_000]);
    expect(run.path).toEqual(['onCall', 'freeCallbackNumber']);
  });

  it('keeps the number the caller still holds and renews it (EMG007)', () => {
    const run = drive(emergencyMachine, call((c) => { c.callbackPool.numberHeldByCaller = '+14255550202'; }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'EMG007', details: { callbackNumber: '+14255550202' } });
    expect(effects(run.actions)).toEqual([
      expect.objectContaining({ type: 'reserveCallbackNumber', params: { number: '+14255550202', userId: 'u-ada', mode: 'renew' } }),
    ]);
  });

  it('uses the resource account number and reserves nothing when the pool is empty (EMG005)', () => {
    const run = drive(emergencyMachine, call((c) => {
      c.callbackPool = { size: 0, numberHeldByCaller: null, nextFreeNumber: null, reuseCandidate: null, reuseCandidateHolderId: null };
    }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'EMG005', details: { callbackNumber: '+14255550100' } });
    expect(effects(run.actions)).toEqual([]);
  });

  it('displaces the holder of the reuse candidate when no number is free (EMG004)', () => {
    const run = drive(emergencyMachine, call((c) => {
      c.callbackPool.nextFreeNumber = null;
      c.callbackPool.reuseCandidateHolderId = 'holder-id';
    }));
    // The record names who lost the number, in its details and its reason.
    expect(run.snapshot.output).toMatchObject({
      outcome: 'EMG004',
      reason: expect.stringContaining('its earlier holder (holder-id) loses the reservation'),
      details: { callbackNumber: '+14255550201', displacedUserId: 'holder-id' },
    });
    expect(effects(run.actions)).toEqual([
      expect.objectContaining({ type: 'reserveCallbackNumber', params: expect.objectContaining({ mode: 'displace' }) }),
    ]);
  });

  it('falls back to the resource account number when the pool offers no number at all', () => {
    const run = drive(emergencyMachine, call((c) => {
      c.callbackPool = { size: 2, numberHeldByCaller: null, nextFreeNumber: null, reuseCandidate: null, reuseCandidateHolderId: null };
    }));
    expect(run.snapshot.output).toMatchObject({
      outcome: 'EMG005',
      reason: expect.stringContaining('offered no number'),
      details: { callbackNumber: '+14255550100', callbackSource: 'resourceAccount' },
    });
  });

  it('fails as EMG009 for a caller who cannot call the PSTN: no licence, no Enterprise Voice, or no resource account (USR008)', () => {
    for (const change of [
      (c: EmergencyCallInput) => { c.caller.teamsPhoneLicensed = false; },
      (c: EmergencyCallInput) => { c.caller.enterpriseVoiceEnabled = false; },
      (c: EmergencyCallInput) => { c.sharedCallingPolicyHasResourceAccount = false; },
    ]) {
      const run = drive(emergencyMachine, call(change));
      expect(run.snapshot.output).toMatchObject({ outcome: 'EMG009', details: { callbackNumber: null, routing: null } });
      expect(effects(run.actions)).toEqual([]);
    }
  });

  it('leaves a caller with an own number or a routing policy with usages to their own routing (EMG008), taking nothing from the pool', () => {
    for (const change of [
      (c: EmergencyCallInput) => { c.caller.hasOwnNumber = true; },
      (c: EmergencyCallInput) => { c.caller.voiceRoutingPstnUsageCount = 2; },
    ]) {
      const run = drive(emergencyMachine, call(change));
      expect(run.snapshot.output).toMatchObject({ outcome: 'EMG008', details: { callbackNumber: null } });
      expect(effects(run.actions)).toEqual([]);
    }
  });

  it('fails as EMG010 when the emergency number has PSTN usages but the resource account number is Calling Plan (USR006)', () => {
    const run = drive(emergencyMachine, call((c) => {
      c.userPolicy = { identity: 'US-Emergency', emergencyNumbers: [{ dialString: '911', dialMasks: [], pstnUsage: 'US-Emergency' }] };
    }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'EMG010', details: { routing: { via: 'DirectRouting' }, callbackNumber: null } });
    expect(effects(run.actions)).toEqual([]);
  });

  it('fails as EMG010 when the emergency number has no usages but the resource account number is Direct Routing, and routes when it has', () => {
    const noUsage = drive(emergencyMachine, call((c) => {
      if (c.resourceAccountNumber) c.resourceAccountNumber.numberType = 'DirectRouting';
    }));
    expect(noUsage.snapshot.output).toMatchObject({ outcome: 'EMG010' });
    const withUsage = drive(emergencyMachine, call((c) => {
      if (c.resourceAccountNumber) c.resourceAccountNumber.numberType = 'DirectRouting';
      c.userPolicy = { identity: 'US-Emergency', emergencyNumbers: [{ dialString: '911', dialMasks: [], pstnUsage: 'US-Emergency' }] };
    }));
    expect(withUsage.snapshot.output).toMatchObject({ outcome: 'EMG003', details: { routing: { via: 'DirectRouting' } } });
  });

  it('fails as EMG011, not EMG005, when the pool is empty and the resource account has no number (ported)', () => {
    const run = drive(emergencyMachine, call((c) => {
      c.callbackPool = { size: 0, numberHeldByCaller: null, nextFreeNumber: null, reuseCandidate: null, reuseCandidateHolderId: null };
      c.resourceAccountNumber = null;
      c.location.staticLocationId = null;
    }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'EMG011', details: { callbackNumber: null, callbackSource: 'none' } });
    expect(run.delays).toEqual([240_000]);
  });

  it('fails as EMG012 when the call has a callback number but no location, keeping the reservation for the callback', () => {
    const run = drive(emergencyMachine, call((c) => { c.location.staticLocationId = null; }));
    expect(run.snapshot.output).toMatchObject({
      outcome: 'EMG012',
      details: { callbackNumber: '+14255550201', location: { source: 'none', locationId: null } },
    });
    expect(effects(run.actions).map((a) => a.type)).toEqual(['reserveCallbackNumber']);
  });

  it('treats 933 as a test call (EMG013): located, no callback number, no reservation; a setting makes it an emergency call', () => {
    const test = (treatAsEmergency: boolean) =>
      drive(emergencyMachine, call((c) => {
        c.dialledString = '933';
        c.userPolicy?.emergencyNumbers.push({ dialString: '933', dialMasks: [], pstnUsage: null });
        c.testCalls.treatAsEmergency = treatAsEmergency;
      }));
    const run = test(false);
    expect(run.snapshot.output).toMatchObject({
      outcome: 'EMG013',
      details: { testCall: true, callbackNumber: null, location: { source: 'static', locationId: 'loc-hq' } },
    });
    expect(effects(run.actions)).toEqual([]);
    expect(test(true).snapshot.output).toMatchObject({ outcome: 'EMG003', details: { testCall: false, callbackNumber: '+14255550201' } });
  });

  it('names the location (EMG002) and routing (EMG006) it chose in its reason', () => {
    expect(drive(emergencyMachine, call()).snapshot.output).toMatchObject({
      reason: expect.stringMatching(/EMG002 location static loc-hq; EMG006 routed by CallingPlanOrOperatorConnect under US-Emergency/),
    });
  });

  it('treats a string that matches no dial string or mask as an ordinary outbound call (EMG001)', () => {
    const run = drive(emergencyMachine, call((c) => { c.dialledString = '999'; }));
    expect(run.snapshot.output).toEqual({
      callKind: 'emergency',
      outcome: 'EMG001',
      reason: expect.stringMatching(/^EMG001: .*ordinary outbound call/),
      details: {
        dialledString: '999',
        treatedAsOutbound: true,
        dialString: null,
        testCall: false,
        location: null,
        routing: null,
        callbackNumber: null,
        callbackSource: null,
        displacedUserId: null,
      },
    });
    expect(effects(run.actions)).toEqual([]);
  });

  it('treats any string as not an emergency number for a user with no emergency call routing policy (EMG001)', () => {
    expect(drive(emergencyMachine, call((c) => { c.userPolicy = null; })).snapshot.output).toMatchObject({ outcome: 'EMG001' });
  });

  it('translates a dial mask to its dial string', () => {
    const run = drive(emergencyMachine, call((c) => { c.dialledString = '112'; }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'EMG003', details: { dialledString: '112', dialString: '911' } });
  });

  it('uses the static location of the resource account number when there is no dynamic location (EMG002)', () => {
    expect(drive(emergencyMachine, call()).snapshot.output).toMatchObject({
      details: { location: { source: 'static', locationId: 'loc-hq' } },
    });
  });

  it('prefers the dynamic location of a client on a trusted network (EMG002)', () => {
    const run = drive(emergencyMachine, call((c) => { c.location.dynamicLocationId = 'loc-floor3'; }));
    expect(run.snapshot.output).toMatchObject({ details: { location: { source: 'dynamic', locationId: 'loc-floor3' } } });
  });

  it('sends the call with no location when neither is known (EMG002)', () => {
    const run = drive(emergencyMachine, call((c) => { c.location.staticLocationId = null; }));
    expect(run.snapshot.output).toMatchObject({ details: { location: { source: 'none', locationId: null } } });
  });

  it("routes by Calling Plan or Operator Connect under the user's policy without PSTN usages (EMG006)", () => {
    expect(drive(emergencyMachine, call()).snapshot.output).toMatchObject({
      details: { routing: { via: 'CallingPlanOrOperatorConnect', policy: 'US-Emergency', siteOverride: false, pstnUsage: null } },
    });
  });

  it("lets the network site's policy override the user's and route by its PSTN usage (EMG006)", () => {
    const run = drive(emergencyMachine, call((c) => { c.sitePolicy = sitePolicy; }));
    expect(run.snapshot.output).toMatchObject({
      details: { routing: { via: 'DirectRouting', policy: 'Site-DR', siteOverride: true, pstnUsage: 'US-Emergency-DR' } },
    });
  });

  it("keeps the user's policy in a tenant that mixes Calling Plan Shared Calling with Direct Routing (EMG006)", () => {
    const run = drive(emergencyMachine, call((c) => {
      c.sitePolicy = sitePolicy;
      c.tenantMixesSharedCallingWithDirectRouting = true;
    }));
    expect(run.snapshot.output).toMatchObject({
      details: { routing: { via: 'CallingPlanOrOperatorConnect', policy: 'US-Emergency', siteOverride: false } },
    });
  });
});
