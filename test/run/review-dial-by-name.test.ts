/**
 * Review: a dial-by-name caller types the surname of the user they want (docs/choices.md). When
 * the dial scope hides that user (INB013, USR007), other users of the same surname in scope are
 * not who the caller wants: the call must not be counted as a transfer to a user (INB010).
 */
import { describe, expect, it } from 'vitest';
import { inboundWorkload, mean, nonZero, run, smallScenario } from '../fixtures/run/small-tenant.js';

describe('dial by name for a user outside the dial scope', () => {
  it('is not found (INB013) even when another user of that surname is in scope', () => {
    const s = smallScenario();
    s.workload = { inbound: inboundWorkload({ dialByName: 1, targetUsers: ['carol@contoso.com'] }) };
    s.tenant.users[2].groups = ['users', 'hidden'];
    s.tenant.users.push({ upn: 'dave@contoso.com', givenName: 'Dave', surname: 'Brown', licences: ['TeamsPhone'], groups: ['users'] });
    s.tenant.autoAttendants[0].dialScope = { include: ['users'], exclude: ['hidden'] };
    const result = run(s);
    expect(mean(result, 'inbound.calls')).toBeGreaterThan(0);
    expect(nonZero(result, 'inbound.outcome.')).toEqual({ 'inbound.outcome.INB013': mean(result, 'inbound.calls') });
  });
});
