/**
 * The auto attendant cmdlets of "Configure Shared Calling" step 3, run as scripts on the tenant of
 * test/fixtures/ps/aa-step3-base.yaml (scenarios/holidays-and-after-hours.yaml without its
 * attendant): what each cmdlet makes, the object-edit pattern of Set-CsAutoAttendant, and each
 * refusal with its rule ID at its line and column.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatTranscript, runScriptOnTenant } from '../../engine/powershell/index.js';
import { loadScenarioFile } from '../../engine/scenario/index.js';
import type { CmdletValue, Tenant } from '../../engine/tenant/index.js';

const STEP3 = readFileSync('test/fixtures/ps/aa-step3.ps1', 'utf8');
let base: Tenant;
let yamlAttendant: Tenant['autoAttendants'][number];
let salesQueueTenant: Tenant;

beforeAll(async () => {
  const loaded = await loadScenarioFile('test/fixtures/ps/aa-step3-base.yaml');
  const library = await loadScenarioFile('scenarios/holidays-and-after-hours.yaml');
  const queues = await loadScenarioFile('scenarios/sales-queue.yaml');
  if (!loaded.ok || !library.ok || !queues.ok) throw new Error('fixtures do not load');
  salesQueueTenant = queues.tenant;
  base = loaded.tenant;
  const aa = library.tenant.autoAttendants[0];
  if (aa === undefined) throw new Error('the library scenario has no attendant');
  yamlAttendant = aa;
});

function run(source: string, tenant: Tenant = structuredClone(base), variables?: Map<string, CmdletValue>) {
  const transcript = runScriptOnTenant(tenant, source, 't.ps1', variables);
  return { tenant, transcript, errors: transcript.entries.filter((e) => e.kind === 'error').map((e) => [e.code, e.line, e.column]) };
}

/** The step 3 script's variables, for the cases that go on from it. */
function afterStep3() {
  const variables = new Map<string, CmdletValue>();
  const { tenant, errors } = run(STEP3, structuredClone(base), variables);
  expect(errors).toEqual([]);
  return { tenant, variables };
}

describe('article step 3 built with cmdlets', () => {
  it('runs without an error and makes the attendant the YAML declares, associated with main-aa', () => {
    const { tenant, transcript, errors } = run(STEP3);
    expect(errors).toEqual([]);
    expect(transcript.completed).toBe(true);
    const [aa] = tenant.autoAttendants;
    // A callable entity holds the user's ObjectId, as Teams stores it; the YAML names the UPN.
    const operator = tenant.users.find((u) => u.userPrincipalName === 'user02@contoso.com')?.objectId;
    expect(aa).toEqual({ ...yamlAttendant, id: aa?.id, operator: { type: 'User', id: operator } });
    expect(tenant.resourceAccounts.find((r) => r.userPrincipalName === 'main-aa@contoso.com')?.autoAttendantId).toBe(aa?.id);
    expect(transcript.changes.map((c) => c.type)).toEqual(['autoAttendantAdded', 'autoAttendantAssociated']);
  });

  it('gives the same attendant id on every run (ids come from the content, not a clock)', () => {
    expect(run(STEP3).tenant.autoAttendants[0]?.id).toBe(run(STEP3).tenant.autoAttendants[0]?.id);
  });

  it('shows the attendant with Get-CsAutoAttendant, with its schedules and associations', () => {
    const { tenant, variables } = afterStep3();
    const { transcript } = run('$got = Get-CsAutoAttendant -Identity $aa.Identity\n$got.CallHandlingAssociations.Type\n$got.TimeZoneId\n$got.ApplicationInstances', tenant, variables);
    const outputs = transcript.entries.filter((e) => e.kind === 'output').map((e) => e.text);
    expect(outputs).toEqual(['AfterHours\nHoliday', 'Pacific Standard Time', tenant.resourceAccounts[0]?.objectId]);
    expect(run('Get-CsAutoAttendant -NameFilter seattle', tenant).transcript.entries[0]?.text).toMatch(/^Identity\s+: /);
  });
});

describe('Set-CsAutoAttendant -Instance: the object-edit pattern', () => {
  it('adds a holiday the way the cmdlet reference does ($aa.CallFlows += ...; Set-CsAutoAttendant -Instance $aa)', () => {
    const { tenant, variables } = afterStep3();
    const script = [
      '$aa = Get-CsAutoAttendant -Identity $aa.Identity',
      '$xmasFlow = New-CsAutoAttendantCallFlow -Name "Christmas" -Greetings @(New-CsAutoAttendantPrompt -TextToSpeechPrompt "Closed for Christmas.") -Menu $holidayMenu',
      '$xmas = New-CsOnlineSchedule -Name "Christmas" -FixedSchedule -DateTimeRanges @(New-CsOnlineDateTimeRange -Start "25/12/2026")',
      '$aa.CallFlows += @($xmasFlow)',
      '$aa.CallHandlingAssociations += @(New-CsAutoAttendantCallHandlingAssociation -Type Holiday -ScheduleId $xmas.Id -CallFlowId $xmasFlow.Id)',
      '$aa.Name = "Contoso Seattle main"',
      'Set-CsAutoAttendant -Instance $aa',
    ].join('\n');
    const { errors, transcript } = run(script, tenant, variables);
    expect(errors).toEqual([]);
    const aa = tenant.autoAttendants[0];
    expect(aa?.name).toBe('Contoso Seattle main');
    expect(aa?.holidays.map((h) => [h.name, h.ranges])).toEqual([
      ["Founders' Day", [{ start: '2026-03-04T00:00', end: '2026-03-05T00:00' }]],
      ['Christmas', [{ start: '2026-12-25T00:00', end: '2026-12-26T00:00' }]],
    ]);
    expect(transcript.changes.map((c) => c.type)).toEqual(['autoAttendantChanged']);
  });

  it.each(readdirSync('scenarios').filter((f) => f.endsWith('.yaml')))('reads back every attendant of scenarios/%s unchanged (Get | Set changes nothing)', async (file) => {
    const loaded = await loadScenarioFile(`scenarios/${file}`);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    for (const aa of loaded.tenant.autoAttendants) {
      const before = structuredClone(loaded.tenant);
      const { errors, transcript } = run(`Get-CsAutoAttendant -Identity '${aa.id}' | Set-CsAutoAttendant`, loaded.tenant);
      expect(errors, aa.id).toEqual([]);
      expect(transcript.changes, aa.id).toEqual([]);
      expect(loaded.tenant).toEqual(before);
    }
  });

  it('saves an unchanged object as nothing changed', () => {
    const { tenant, variables } = afterStep3();
    const { transcript, errors } = run('Get-CsAutoAttendant -Identity $aa.Identity | Set-CsAutoAttendant', tenant, variables);
    expect(errors).toEqual([]);
    expect(transcript.changes).toEqual([]);
  });

  it('turns a property the object lacks into a runtime error at its line, and leaves the variable as it was', () => {
    const { tenant, variables } = afterStep3();
    const { transcript } = run('$aa.NoSuchThing = 1', tenant, variables);
    expect(transcript.entries[0]).toMatchObject({ kind: 'error', code: 'RuntimeError', line: 1, column: 1 });
    expect(transcript.entries[0]?.text).toContain("The property 'NoSuchThing' cannot be found on this object (AutoAttendant)");
  });
});

describe('removing attendants and associations', () => {
  it('refuses to remove an attendant a resource account answers for (AA019), then removes it once disassociated', () => {
    const { tenant, variables } = afterStep3();
    const script = [
      'Remove-CsAutoAttendant -Identity $aa.Identity',
      'Remove-CsOnlineApplicationInstanceAssociation -Identities main-aa@contoso.com',
      'Get-CsOnlineApplicationInstanceAssociation -Identity main-aa@contoso.com',
      'Remove-CsAutoAttendant -Identity $aa.Identity',
    ].join('\n');
    const { errors, transcript } = run(script, tenant, variables);
    expect(errors).toEqual([['AA019', 1, 1]]);
    expect(tenant.autoAttendants).toEqual([]);
    expect(transcript.changes.map((c) => c.type)).toEqual(['autoAttendantDisassociated', 'autoAttendantRemoved']);
    expect(formatTranscript(transcript)).toContain('answers for no auto attendant now: inbound calls to its number are not answered (RA001)');
  });
});

describe('assignment to properties and +=', () => {
  const host = (source: string) =>
    run(source).transcript.entries.filter((e) => e.kind === 'host' || e.kind === 'error').map((e) => (e.kind === 'host' ? e.text : `${e.code ?? ''} ${e.line}:${e.column}`));

  it('appends to arrays and strings, and starts from $null', () => {
    expect(host('$x = 1, 2\n$x += 3\n$x += 4, 5\nWrite-Host $x.Count $x\n$s += "a"\n$s += "b"\nWrite-Host $s')).toEqual(['5 1 2 3 4 5', 'ab']);
  });

  it('refuses += on a number (no arithmetic) as a runtime error at its statement', () => {
    expect(host('$n = 1\n$n += 1')).toEqual(['RuntimeError 2:1']);
  });

  it('sets a hashtable entry and a nested property, on a copy: another variable keeps the old value', () => {
    expect(host('$h = @{a=1}\n$g = $h\n$h.b = 2\nWrite-Host $h.b "[$($g.b)]"')).toEqual(['2 []']);
  });

  it('cannot make an object contain itself ($x.A = $x holds the old $x)', () => {
    const { transcript } = run('$h = @{a=1}\n$h.a = $h\n$h.a = $h\nWrite-Host $h.a.a.a');
    expect(transcript.entries.filter((e) => e.kind === 'host').map((e) => e.text)).toEqual(['1']);
  });
});

/** Objects the refusal cases start from: step 3's variables plus a few more. */
const PRELUDE = [
  '$prompt = New-CsAutoAttendantPrompt -TextToSpeechPrompt "Hello"',
  '$user = New-CsAutoAttendantCallableEntity -Identity user01@contoso.com -Type User',
  '$weekly = New-CsOnlineSchedule -Name Open -WeeklyRecurrentSchedule -MondayHours @(New-CsOnlineTimeRange -Start 09:00 -End 17:00)',
].join('\n');
const AT = PRELUDE.split('\n').length + 1;

describe('each refusal names its rule at the line and column of the command', () => {
  const cases: [string, string, string, number][] = [
    ['an audio file prompt', 'New-CsAutoAttendantPrompt -AudioFilePrompt $prompt', 'AA006', 1],
    ['a star key', 'New-CsAutoAttendantMenuOption -Action DisconnectCall -DtmfResponse ToneStar', 'AA001', 1],
    ['two options on one key', '$m = New-CsAutoAttendantMenu -Name M -MenuOptions @((New-CsAutoAttendantMenuOption -Action DisconnectCall -DtmfResponse Tone1), (New-CsAutoAttendantMenuOption -Action TransferCallToOperator -DtmfResponse Tone1))', 'AA001', 6],
    ['a transfer without a target', 'New-CsAutoAttendantMenuOption -Action TransferCallToTarget -DtmfResponse Tone1', 'AA007', 1],
    ['an announcement without a prompt', 'New-CsAutoAttendantMenuOption -Action Announcement -DtmfResponse Tone2', 'AA007', 1],
    ['an Automatic option beside a key', 'New-CsAutoAttendantMenu -Name M -MenuOptions @($disconnect, $operatorOption)', 'AA008', 1],
    ['a transfer target that does not exist', 'New-CsAutoAttendantCallableEntity -Identity nobody@contoso.com -Type User', 'AA003', 1],
    ['a toll-free external target', 'New-CsAutoAttendantCallableEntity -Identity tel:+18005550100 -Type ExternalPstn', 'AA003', 1],
    ['a time range that ends before it starts', 'New-CsOnlineTimeRange -Start 17:00 -End 09:00', 'AA002', 1],
    ['a time range off the 15-minute grid', 'New-CsOnlineTimeRange -Start 09:10 -End 17:00', 'AA002', 1],
    ['overlapping time ranges', 'New-CsOnlineSchedule -Name S -WeeklyRecurrentSchedule -MondayHours @((New-CsOnlineTimeRange -Start 09:00 -End 13:00), (New-CsOnlineTimeRange -Start 12:00 -End 17:00))', 'AA009', 1],
    ['a date-time range that ends before it starts', 'New-CsOnlineDateTimeRange -Start "26/12/2026" -End "24/12/2026"', 'AA010', 1],
    ['a date-time range off the 30-minute grid', 'New-CsOnlineDateTimeRange -Start "24/12/2026 09:15"', 'AA010', 1],
    ['a Holiday association with a weekly schedule', 'New-CsAutoAttendantCallHandlingAssociation -Type Holiday -ScheduleId $weekly.Id -CallFlowId $holidayCallFlow.Id', 'AA011', 1],
    ['a schedule id that names no schedule', 'New-CsAutoAttendantCallHandlingAssociation -Type AfterHours -ScheduleId 1234 -CallFlowId $holidayCallFlow.Id', 'AA011', 1],
    ['an association whose call flow is not in -CallFlows', 'New-CsAutoAttendant -Name X -LanguageId en-US -TimeZoneId UTC -DefaultCallFlow $defaultCallFlow -CallHandlingAssociations @($holiday)', 'AA012', 1],
    ['overlapping holidays', 'New-CsAutoAttendant -Name X -LanguageId en-US -TimeZoneId UTC -DefaultCallFlow $defaultCallFlow -Operator $operator -CallFlows @($holidayCallFlow) -CallHandlingAssociations @($holiday, (New-CsAutoAttendantCallHandlingAssociation -Type Holiday -ScheduleId (New-CsOnlineSchedule -Name Other -FixedSchedule -DateTimeRanges @(New-CsOnlineDateTimeRange -Start "4/3/2026 12:00")).Id -CallFlowId $holidayCallFlow.Id))', 'AA005', 1],
    ['a menu option for the operator with no -Operator', 'New-CsAutoAttendant -Name X -LanguageId en-US -TimeZoneId UTC -DefaultCallFlow $defaultCallFlow', 'AA003', 1],
    ['a time zone that is none', 'New-CsAutoAttendant -Name X -LanguageId en-US -TimeZoneId Seattle -DefaultCallFlow $defaultCallFlow', 'AA013', 1],
    ['voice response', 'New-CsAutoAttendant -Name X -LanguageId en-US -TimeZoneId UTC -DefaultCallFlow $defaultCallFlow -EnableVoiceResponse', 'AA006', 1],
    ['a dial scope group that does not exist', 'New-CsAutoAttendantDialScope -GroupScope -GroupIds nowhere', 'AA014', 1],
    ['an attendant id that does not exist', 'Get-CsAutoAttendant -Identity nowhere', 'AA015', 1],
    ['a configuration id that does not exist', 'New-CsOnlineApplicationInstanceAssociation -Identities main-aa@contoso.com -ConfigurationId nowhere -ConfigurationType AutoAttendant', 'AA015', 1],
    ['a user where a resource account belongs', 'New-CsOnlineApplicationInstanceAssociation -Identities user01@contoso.com -ConfigurationId $aa.Identity -ConfigurationType AutoAttendant', 'AA016', 1],
    ['a resource account already associated', 'New-CsOnlineApplicationInstanceAssociation -Identities main-aa@contoso.com -ConfigurationId $aa.Identity -ConfigurationType AutoAttendant', 'AA017', 1],
    ['an auto attendant given as a call queue', 'New-CsOnlineApplicationInstanceAssociation -Identities main-aa@contoso.com -ConfigurationId $aa.Identity -ConfigurationType CallQueue', 'InvalidParameterValue', 1],
    ['an association to remove that is none', 'Remove-CsOnlineApplicationInstanceAssociation -Identities main-aa@contoso.com; Remove-CsOnlineApplicationInstanceAssociation -Identities main-aa@contoso.com', 'AA018', 80],
  ];

  it.each(cases)('%s', (_title, line, code, column) => {
    const { tenant, variables } = afterStep3();
    const { errors, transcript } = run(`${PRELUDE}\n${line}`, tenant, variables);
    expect(errors).toEqual([[code, AT, column]]);
    const error = transcript.entries.find((e) => e.kind === 'error');
    expect(error?.text).toContain(`: ${code}: `);
    expect(error?.text).toContain(`At t.ps1:${AT} char:${column}`);
  });

  it('refuses a wrong application type: a CallQueue resource account for an attendant (AA016)', () => {
    const { tenant, variables } = afterStep3();
    run('New-CsOnlineApplicationInstance -UserPrincipalName cq@contoso.com -ApplicationId 11cd3e2e-fccb-42ad-ad00-878b93575e07 -DisplayName Queue', tenant);
    const { errors, transcript } = run('New-CsOnlineApplicationInstanceAssociation -Identities cq@contoso.com -ConfigurationId $aa.Identity -ConfigurationType AutoAttendant', tenant, variables);
    expect(errors).toEqual([['AA016', 1, 1]]);
    expect(formatTranscript(transcript)).toContain('is a CallQueue resource account');
  });

  it('associates a CallQueue resource account with a call queue, and refuses an auto attendant account (CQ004)', () => {
    const queues = salesQueueTenant;
    const wrongType = run("New-CsOnlineApplicationInstanceAssociation -Identities main-aa@contoso.com -ConfigurationId sales -ConfigurationType CallQueue", structuredClone(queues));
    expect(wrongType.errors).toEqual([['CQ004', 1, 1]]);
    const moved = run(
      [
        'Remove-CsOnlineApplicationInstanceAssociation -Identities sales-cq@contoso.com',
        'New-CsOnlineApplicationInstanceAssociation -Identities sales-cq@contoso.com -ConfigurationId sales -ConfigurationType CallQueue',
        'Get-CsOnlineApplicationInstanceAssociation -Identity sales-cq@contoso.com',
      ].join('\n'),
      structuredClone(queues),
    );
    expect(moved.errors).toEqual([]);
    const text = formatTranscript(moved.transcript);
    expect(text).toContain('no longer associated with call queue sales');
    expect(text).toContain('associated with call queue');
    expect(text).toMatch(/ConfigurationType\s*:\s*CallQueue/);
  });
});
