/** New-/Set-CsCallQueue keep what Teams stores and say which of it callsim does not simulate. */
import { describe, expect, it } from 'vitest';
import { emptyTenant, invokeCmdlet } from '../../engine/tenant/index.js';

describe('call queue parameters callsim does not simulate', () => {
  it('keeps -ConferenceMode (Get-CsCallQueue shows it) with a warning that it changes no call', () => {
    const t = emptyTenant();
    const made = invokeCmdlet(t, { name: 'New-CsCallQueue', named: { Name: 'Sales', ConferenceMode: true }, positional: [] });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.warnings).toEqual([expect.stringMatching(/^-ConferenceMode is stored by Teams but not simulated here: /)]);
    expect(t.callQueues?.[0]?.conferenceMode).toBe(true);
    const plain = invokeCmdlet(t, { name: 'New-CsCallQueue', named: { Name: 'Support' }, positional: [] });
    expect(plain.ok && plain.warnings).toEqual([]);
  });
});
