import { describe, expect, it } from 'vitest';
import { callbackMachine } from '../../engine/machines/callback.js';
import { drive, effects } from './drive.js';
import { callbackCall as callback } from './samples.js';


describe('emergency callback', () => {
  it('reaches the caller who still holds the reservation (CBK001)', () => {
    const run = drive(callbackMachine, callback());
    expect(run.snapshot.output).toEqual({
      callKind: 'callback',
      outcome: 'CBK001',
      reason: expect.stringMatching(/^CBK001: /),
      details: { reachedCaller: true, destination: 'caller', rangUserId: 'u-ada', dialledNumber: '+14255550201' },
    });
    expect(effects(run.actions)).toEqual([]);
  });

  it('does not reach the caller who holds the reservation but does not answer (CBK004)', () => {
    expect(drive(callbackMachine, callback({ answered: false })).snapshot.output).toMatchObject({
      outcome: 'CBK004',
      details: { reachedCaller: false, destination: 'callerDidNotAnswer', rangUserId: 'u-ada' },
    });
  });

  it('is misrouted to the user who displaced the reservation (CBK001)', () => {
    expect(drive(callbackMachine, callback({ reservationHolderId: 'u-bob' })).snapshot.output).toMatchObject({
      outcome: 'CBK001',
      reason: expect.stringContaining('misrouted'),
      details: { reachedCaller: false, destination: 'otherUser', rangUserId: 'u-bob' },
    });
  });

  it("goes to the auto attendant when no reservation is active (CBK002)", () => {
    expect(drive(callbackMachine, callback({ reservationHolderId: null })).snapshot.output).toMatchObject({
      outcome: 'CBK002',
      details: { reachedCaller: false, destination: 'autoAttendant', rangUserId: null },
    });
  });

  it('is not in service when no reservation is active and the setting says so (CBK002)', () => {
    const run = drive(callbackMachine, callback({ reservationHolderId: null, callbackWithoutReservation: 'not-in-service' }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'CBK002', details: { reachedCaller: false, destination: 'notInService' } });
  });

  it("reaches the auto attendant, not the caller, on the resource account's own number (CBK003)", () => {
    const run = drive(callbackMachine, callback({ isResourceAccountNumber: true, reservationHolderId: null }));
    expect(run.snapshot.output).toMatchObject({ outcome: 'CBK003', details: { reachedCaller: false, destination: 'autoAttendant' } });
  });
});
