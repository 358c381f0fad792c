import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatTranscript, runScriptOnTenant } from '../../engine/powershell/index.js';
import type { Tenant } from '../../engine/tenant/index.js';
import { articleTenant, RESOURCE_ACCOUNT_ID, SEATTLE_LOCATION_ID, SHARED_NUMBER, USER_ID } from './article-tenant.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const articleScript = readFileSync(here('./fixtures/article-steps-9-10.ps1'), 'utf8');
const corpus = (file: string): string => readFileSync(here(`../fixtures/ps-corpus/${file}`), 'utf8');

describe("the seed article's Step 9 and Step 10 replayed over its base tenant", () => {
  it('refuses the last add of +1425555433 with NUM003 at its line and column', () => {
    const transcript = runScriptOnTenant(articleTenant(), articleScript, 'article-steps-9-10.ps1');
    const errors = transcript.entries.filter((e) => e.kind === 'error');
    expect(errors.map((e) => [e.code, e.line, e.column])).toEqual([['NUM003', 9, 1]]);
    expect(errors[0]?.text).toMatch(/^Set-CsTeamsSharedCallingRoutingPolicy : NUM003: .*\+1425555433/);
    expect(errors[0]?.text).toContain('At article-steps-9-10.ps1:9 char:1');
    expect(transcript.completed).toBe(true);
  });

  it('shows what each command did', () => {
    const transcript = runScriptOnTenant(articleTenant(), articleScript, 'article-steps-9-10.ps1');
    const shown = new Set(transcript.entries.map((e) => e.line));
    expect([...shown].sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    const text = formatTranscript(transcript);
    expect(text).toContain('removed +14255554321');
    expect(text).toContain('granted Shared Calling policy Seattle');
  });

  it('leaves Seattle with its resource account and one emergency number, granted to the user', () => {
    const tenant = articleTenant();
    runScriptOnTenant(tenant, articleScript, 'article-steps-9-10.ps1');
    expect(tenant.sharedCallingPolicies).toEqual([
      { identity: 'Global', resourceAccount: null, emergencyNumbers: [], description: '' },
      { identity: 'Seattle', resourceAccount: RESOURCE_ACCOUNT_ID, emergencyNumbers: ['+14255556789'], description: '' },
    ]);
    expect(tenant.users.find((u) => u.objectId === USER_ID)?.policies.sharedCalling).toBe('Seattle');
  });
});

describe('corpus scripts replayed over the article tenant', () => {
  it('runs the Shared Calling scenario script end to end without errors', () => {
    const tenant = articleTenant();
    const transcript = runScriptOnTenant(tenant, corpus('shared-calling-scenario.ps1'), 'shared-calling-scenario.ps1');
    expect(transcript.entries.filter((e) => e.kind === 'error')).toEqual([]);
    expect(tenant.users[0]?.policies).toEqual({ sharedCalling: 'Seattle', voiceRouting: null, emergencyCallRouting: 'TECRP-CPOC' });
  });

  it('does not run the earlier scenario revision at all, because $main-aa does not parse', () => {
    const tenant = articleTenant();
    const before = structuredClone(tenant);
    const transcript = runScriptOnTenant(tenant, corpus('shared-calling-scenario.rev070da8e.ps1'), 'rev.ps1');
    expect(transcript.parseErrors.map((e) => [e.line, e.column])).toEqual([[11, 1]]);
    expect(tenant).toEqual(before);
  });

  it("suggests Get-CsOnlineLisCivicAddress for the older revision's misspelling", () => {
    const source = '$CivicAddress = Get-CsOnlineLisCivicAdress -City Seattle\n';
    const transcript = runScriptOnTenant(articleTenant(), source, 'typo.ps1');
    expect(transcript.entries[0]).toMatchObject({ kind: 'error', code: 'UnknownCmdlet', line: 1, column: 17 });
    expect(transcript.entries[0]?.text).toContain('Did you mean Get-CsOnlineLisCivicAddress?');
  });

  it('removes every policy a Get- pipeline passes on', () => {
    const tenant = articleTenant();
    runScriptOnTenant(tenant, corpus('shared-calling-setup.step1.ps1'), 'step1.ps1');
    const transcript = runScriptOnTenant(tenant, corpus('Remove-CsTeamsSharedCallingRoutingPolicy.example2.ps1'), 'remove.ps1');
    expect(transcript.entries.filter((e) => e.kind === 'error')).toEqual([]);
    expect(tenant.sharedCallingPolicies.map((p) => p.identity)).toEqual(['Global']);
  });
});

/** A number of the inventory, unassigned and without location unless given. */
function addNumber(t: Tenant, telephoneNumber: string, extra: Partial<Tenant['numbers'][number]> = {}): void {
  t.numbers.push({
    telephoneNumber,
    numberType: 'CallingPlan',
    callingPlanUsage: 'Subscriber',
    isoCountryCode: 'US',
    locationId: null,
    operator: null,
    assignedPstnTargetId: null,
    sharedCallingUnsupported: false,
    ...extra,
  });
}

function sharedNumber(t: Tenant): Tenant['numbers'][number] {
  const number = t.numbers.find((n) => n.telephoneNumber === SHARED_NUMBER);
  if (!number) throw new Error('the article tenant has its shared number');
  return number;
}

const NEW_SEATTLE = "New-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -ResourceAccount main-aa@contoso.com -EmergencyNumbers @{add='+14255556789'}";

/** One script per refusal rule of RULES.md section 1; the refused command is always on the last line. */
const REFUSALS: { rule: string; script: string; arrange?: (t: Tenant) => void }[] = [
  { rule: 'SC001', script: 'New-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -ResourceAccount nobody@contoso.com' },
  {
    rule: 'SC002',
    script: 'New-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -ResourceAccount main-aa@contoso.com',
    arrange: (t) => {
      sharedNumber(t).assignedPstnTargetId = null;
    },
  },
  {
    rule: 'SC003',
    script: 'New-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -ResourceAccount main-aa@contoso.com',
    arrange: (t) => {
      sharedNumber(t).locationId = null;
    },
  },
  {
    rule: 'SC004',
    script: NEW_SEATTLE,
    arrange: (t) => {
      Object.assign(sharedNumber(t), { numberType: 'DirectRouting', callingPlanUsage: null });
    },
  },
  {
    rule: 'SC005',
    script: "New-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -ResourceAccount main-aa@contoso.com -EmergencyNumbers @{add='+16045550100'}",
    arrange: (t) => addNumber(t, '+16045550100', { isoCountryCode: 'CA' }),
  },
  {
    rule: 'SC006',
    script: 'New-CsTeamsSharedCallingRoutingPolicy -Identity Sydney -ResourceAccount main-aa@contoso.com',
    arrange: (t) => {
      Object.assign(sharedNumber(t), { telephoneNumber: '+61255550100', isoCountryCode: 'AU' });
      const location = t.locations.find((l) => l.locationId === SEATTLE_LOCATION_ID);
      if (location) location.countryOrRegion = 'AU';
    },
  },
  { rule: 'SC007', script: `${NEW_SEATTLE}\nNew-CsTeamsSharedCallingRoutingPolicy -Identity Other -ResourceAccount main-aa@contoso.com -EmergencyNumbers @{add='+14255556789'}` },
  {
    rule: 'SC008',
    script: NEW_SEATTLE,
    arrange: (t) => {
      const number = t.numbers.find((n) => n.telephoneNumber === '+14255556789');
      if (number) number.assignedPstnTargetId = USER_ID;
    },
  },
  {
    rule: 'SC009',
    script: "New-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -ResourceAccount main-aa@contoso.com -EmergencyNumbers @{add='+14255550300'}",
    arrange: (t) => addNumber(t, '+14255550300', { callingPlanUsage: 'Service' }),
  },
  {
    rule: 'SC010',
    script: 'New-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -ResourceAccount main-aa@contoso.com',
    arrange: (t) => {
      Object.assign(sharedNumber(t), { telephoneNumber: '+18005550100', callingPlanUsage: 'TollFreeService' });
    },
  },
  { rule: 'SC011', script: "New-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -ResourceAccount main-aa@contoso.com -EmergencyNumbers @{add='+14255559999'}" },
  { rule: 'SC012', script: `${NEW_SEATTLE}\nSet-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -EmergencyNumbers @{remove='+14255554321'}` },
  { rule: 'NUM001', script: `${NEW_SEATTLE}\nSet-CsPhoneNumberAssignment -Identity user@contoso.com -PhoneNumber +14255556789 -PhoneNumberType CallingPlan` },
  {
    rule: 'NUM002',
    script: 'Set-CsPhoneNumberAssignment -Identity user@contoso.com -PhoneNumber +14255550300 -PhoneNumberType CallingPlan',
    arrange: (t) => addNumber(t, '+14255550300', { callingPlanUsage: 'Service' }),
  },
  { rule: 'NUM003', script: "Set-CsTeamsSharedCallingRoutingPolicy -Identity Global -EmergencyNumbers @{add='+1425555433'}" },
  { rule: 'NUM004', script: 'Set-CsPhoneNumberAssignment -PhoneNumber +14255556789 -LocationId nowhere' },
  { rule: 'GRT001', script: 'Grant-CsTeamsSharedCallingRoutingPolicy -Identity user@contoso.com -PolicyName Nowhere' },
];

describe('each refusal rule of RULES.md section 1 triggered from a script', () => {
  it.each(REFUSALS)('$rule shows its rule ID with line:column and leaves the tenant unchanged', ({ rule, script, arrange }) => {
    const tenant = articleTenant();
    arrange?.(tenant);
    const lines = script.split('\n');
    const setup = lines.slice(0, -1).join('\n');
    if (setup) runScriptOnTenant(tenant, setup, 'setup.ps1');
    const before = structuredClone(tenant);
    const source = `# refuse ${rule}\n  ${lines.at(-1)}\n`;
    const transcript = runScriptOnTenant(tenant, source, `${rule}.ps1`);
    const errors = transcript.entries.filter((e) => e.kind === 'error');
    expect(errors.map((e) => [e.code, e.line, e.column])).toEqual([[rule, 2, 3]]);
    expect(errors[0]?.text).toContain(`${rule}`);
    expect(errors[0]?.text).toContain(`At ${rule}.ps1:2 char:3`);
    expect(tenant).toEqual(before);
  });

  it('NUM005: assigning a number to a user turns Enterprise Voice on, and the transcript says so', () => {
    const tenant = articleTenant();
    const user = tenant.users[0];
    if (user) {
      user.enterpriseVoiceEnabled = false;
      user.licences.push('CallingPlan'); // a Calling Plan number needs a Calling Plan licence (NUM006)
    }
    const transcript = runScriptOnTenant(
      tenant,
      'Set-CsPhoneNumberAssignment -Identity user@contoso.com -PhoneNumber +14255554321 -PhoneNumberType CallingPlan\n',
      'num005.ps1',
    );
    expect(transcript.entries.some((e) => e.kind === 'ok' && e.text.includes('NUM005'))).toBe(true);
    expect(tenant.users[0]?.enterpriseVoiceEnabled).toBe(true);
  });
});

describe('binding switches by the cmdlet catalogue', () => {
  it('binds a word after a switch positionally, as the cmdlet metadata says', () => {
    const tenant = articleTenant();
    runScriptOnTenant(tenant, NEW_SEATTLE, 'new.ps1');
    const transcript = runScriptOnTenant(tenant, 'Get-CsTeamsSharedCallingRoutingPolicy -Verbose Seattle\n', 'get.ps1');
    expect(transcript.entries.map((e) => e.kind)).toEqual(['output']);
    expect(transcript.entries[0]?.text).toMatch(/^Identity +: Tag:Seattle$/m);
  });
});
