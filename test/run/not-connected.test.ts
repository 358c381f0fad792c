import { describe, expect, it } from 'vitest';
import { MAIN_NUMBER, emergencyWorkload, inboundWorkload, mean, run, smallScenario } from '../fixtures/run/small-tenant.js';

/** Calls that never reach the simulated tenant are counted by why, and have no outcome. */
describe('calls that never reach the tenant', () => {
  it('inbound calls to a ported shared number are not in service, not INB001', () => {
    const s = smallScenario();
    s.horizon = '2d';
    s.workload = { inbound: inboundWorkload({ keys: { '1': 1 } }, 20) };
    s.timeline = [{ at: '1d', do: 'Move-CsSimPhoneNumberOut', TelephoneNumber: MAIN_NUMBER }];
    const result = run(s);
    expect(mean(result, 'inbound.numberNotInService')).toBeGreaterThan(0);
    expect(mean(result, 'inbound.outcome.INB001')).toBe(0);
    expect(mean(result, 'inbound.outcome.INB010')).toBeGreaterThan(0);
  });

  it('a toll-free number is not answered while the credit balance is at zero (RA012)', () => {
    const s = smallScenario();
    s.tenant.numbers[0].usage = 'TollFreeService';
    // SC010: a toll-free resource account needs subscriber emergency numbers, which it has.
    s.tenant.credits = { balance: 0, ratesPerMinute: { US: 0.02, default: 0.1 }, tollFreeInboundRatePerMinute: 0.03 };
    s.workload = { inbound: inboundWorkload({ keys: { '1': 1 } }, 20) };
    const result = run(s);
    expect(mean(result, 'inbound.tollFreeUnfunded')).toBeGreaterThan(0);
    expect(mean(result, 'inbound.calls')).toBe(0);
    expect(mean(result, 'credits.tollFreeSpent')).toBe(0);
  });

  it('a funded toll-free number is answered and billed per minute', () => {
    const s = smallScenario();
    s.tenant.numbers[0].usage = 'TollFreeService';
    s.tenant.credits = { balance: 1000, ratesPerMinute: { US: 0.02, default: 0.1 }, tollFreeInboundRatePerMinute: 0.03 };
    s.workload = { inbound: inboundWorkload({ keys: { '1': 1 } }, 20) };
    const result = run(s);
    expect(mean(result, 'inbound.tollFreeUnfunded')).toBe(0);
    expect(mean(result, 'inbound.calls')).toBeGreaterThan(0);
    expect(mean(result, 'credits.tollFreeSpent')).toBeGreaterThan(0);
  });

  it('emergency calls by a user outside Shared Calling take nothing from the callback pool', () => {
    const s = smallScenario();
    // Only Carol calls; she has no Teams Phone licence, so she does not use Shared Calling.
    s.tenant.users = s.tenant.users.filter((u: { upn: string }) => u.upn === 'carol@contoso.com');
    s.tenant.users[0].licences = [];
    s.tenant.autoAttendants[0].defaultCallFlow.then = 'disconnect';
    s.tenant.autoAttendants[0].operator = undefined;
    s.workload = { emergency: emergencyWorkload(1) };
    const result = run(s);
    expect(mean(result, 'emergency.notSharedCalling')).toBeGreaterThan(0);
    expect(mean(result, 'emergency.calls')).toBe(0);
    expect(result.metrics['callbackPool.Seattle.reservations']?.mean ?? 0).toBe(0);
  });
});
