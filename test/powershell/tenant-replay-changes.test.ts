/**
 * runScriptOnTenant collects the change events of the cmdlets a script ran, in order, on its
 * transcript: refused cmdlets, Get- cmdlets and -WhatIf add none, and a pipeline adds one
 * cmdlet's events per object.
 */
import { describe, expect, it } from 'vitest';
import { runScriptOnTenant } from '../../engine/powershell/index.js';
import { richTenant, EMERGENCY_1, EMERGENCY_2, RA_NUMBER, SPARE_NUMBER, DR_NUMBER } from '../tenant/change-fixtures.js';

describe('the changes on a script transcript', () => {
  it('are the events of each cmdlet that ran, in order', () => {
    const tenant = richTenant();
    const transcript = runScriptOnTenant(
      tenant,
      [
        `Get-CsTeamsSharedCallingRoutingPolicy -Identity Seattle`,
        `Set-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -EmergencyNumbers @{remove='${EMERGENCY_2}'}`,
        `Remove-CsOnlineTelephoneNumber -TelephoneNumber '${EMERGENCY_1}'`,
        `Remove-CsOnlineTelephoneNumber -TelephoneNumber '${EMERGENCY_2}'`,
        `Add-CsSimCommunicationsCredits 10 -WhatIf`,
        `Add-CsSimCommunicationsCredits 10`,
      ].join('\n'),
      'changes.ps1',
    );
    // The release of EMERGENCY_1 is refused (NUM001): no events from it.
    expect(transcript.entries.filter((e) => e.kind === 'error').map((e) => e.code)).toEqual(['NUM001']);
    expect(transcript.changes).toEqual([
      {
        type: 'sharedCallingPolicyChanged',
        identity: 'Seattle',
        emergencyNumbers: { list: [EMERGENCY_1], added: [], removed: [EMERGENCY_2] },
      },
      { type: 'numberReleased', telephoneNumber: EMERGENCY_2, previousAssignee: null },
      { type: 'creditsChanged', balanceDelta: 10, balance: 110, settingsChanged: false },
    ]);
  });

  it('holds one set of events per object a pipeline passes', () => {
    const tenant = richTenant();
    const transcript = runScriptOnTenant(
      tenant,
      `Get-CsPhoneNumberAssignment -PstnAssignmentStatus Unassigned | Remove-CsOnlineTelephoneNumber`,
      'pipeline.ps1',
    );
    const released = transcript.changes.map((c) => (c.type === 'numberReleased' ? c.telephoneNumber : c.type));
    expect(released).toContain(SPARE_NUMBER);
    expect(released).toContain(DR_NUMBER);
    expect(released).not.toContain(RA_NUMBER);
    expect(released.length).toBe(transcript.changes.length);
  });

  it('is empty for a script that does not parse, and for one that only reads', () => {
    expect(runScriptOnTenant(richTenant(), `Set-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -Description 'x' {`, 'bad.ps1').changes).toEqual([]);
    expect(runScriptOnTenant(richTenant(), 'Get-CsOnlineUser\nGet-CsPhoneNumberAssignment', 'read.ps1').changes).toEqual([]);
  });
});
