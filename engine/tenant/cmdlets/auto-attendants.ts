/**
 * The auto attendant cmdlets of "Configure Shared Calling" step 3: the objects an attendant is
 * built from (New-CsAutoAttendantPrompt ... New-CsAutoAttendantCallableEntity, which change
 * nothing and write their object to the pipeline), New-/Get-/Set-/Remove-CsAutoAttendant, and
 * the resource account association cmdlets.
 */
import type { CmdletValue } from '../cmdlet.js';
import { findResourceAccount, findUser } from '../lookup.js';
import { targetProblem } from '../findings/auto-attendants.js';
import { findAutoAttendant } from '../findings/shared-calling.js';
import type { CallTarget, DirectorySearchMethod, MenuOption, Tenant, WeeklySchedule } from '../model.js';
import { WEEKDAYS } from '../model.js';
import {
  associateWithAutoAttendant,
  newAutoAttendant,
  newAutoAttendantId,
  removeAssociations,
  removeAutoAttendant,
  replaceAutoAttendant,
} from '../operations/auto-attendants.js';
import type { Refused } from '../operations/result.js';
import {
  CALL_TARGET_TYPES,
  DIRECTORY_SEARCH_METHODS,
  associationObject,
  attendantOf,
  autoAttendantObject,
  callableEntityObject,
  checkAssociation,
  checkDateTimeRange,
  checkMenu,
  checkMenuOption,
  checkTimeRange,
  dateTimeRangeObject,
  dialScopeObject,
  flowOfMenu,
  flatten,
  callFlowObject,
  instanceInput,
  isCmdletObject,
  prop,
  menuObject,
  menuOptionObject,
  promptObject,
  readMenuOption,
  readMenuValue,
  readPrompts,
  readTarget,
  readTimeRanges,
  scheduleObject,
  timeRangeObject,
  type ScheduleData,
  type Read,
} from './auto-attendant-objects.js';
import { associateWithCallQueue, findCallQueue } from '../operations/call-queue.js';
import { valueText } from './binding.js';
import { emit, fail, fromOp } from './result.js';
import type { BoundArgs, CmdletSpec, ParamSpec } from './spec.js';

/**
 * Parameters of the Teams cmdlets whose effect callsim's model has no place for: named so that
 * the binder knows them, and refused when given (AA006), never ignored.
 */
function unheld(names: string[], type: ParamSpec['type'] = 'any'): ParamSpec[] {
  return names.map((name) => ({ name, type }));
}

function refuseUnheld(a: BoundArgs, reasons: Record<string, string>): Refused | undefined {
  const given = Object.keys(reasons).find((name) => a.has(name));
  if (given === undefined) return undefined;
  return { ok: false, refusal: { code: 'AA006', message: `AA006: callsim does not hold -${given}: ${reasons[given] ?? ''}` } };
}

function emitRead<T>(read: Read<T>, output: (value: T) => CmdletValue[]) {
  return read.ok ? emit(output(read.value)) : read;
}

/** New-CsAutoAttendantCallableEntity's check that the target exists (AA003), with the id Teams stores. */
function checkTarget(t: Tenant, type: string, identity: string): Read<CallTarget> {
  const known = CALL_TARGET_TYPES.find((x) => x.toLowerCase() === type.trim().toLowerCase());
  if (known === undefined) return { ok: false, refusal: { code: 'InvalidParameterValue', message: `InvalidParameterValue: -Type ${type} is not one of ${CALL_TARGET_TYPES.join(', ')}.` } };
  let id = identity.trim();
  if (known === 'User') id = findUser(t, id)?.objectId ?? id;
  if (known === 'ApplicationEndpoint') id = findResourceAccount(t, id)?.objectId ?? id;
  if (known === 'ConfigurationEndpoint') id = findAutoAttendant(t, id)?.id ?? id;
  const target: CallTarget = { type: known, id };
  const problem = targetProblem(t, undefined, target);
  if (problem !== undefined) return { ok: false, refusal: { code: 'AA003', message: `AA003: the call target cannot be used: ${problem}.` } };
  return { ok: true, value: target };
}

const DAY_PARAMETERS = WEEKDAYS.map((d) => `${d}Hours`);

export const autoAttendantCmdlets: CmdletSpec[] = [
  {
    name: 'New-CsAutoAttendantPrompt',
    synopsis: 'Makes a text-to-speech prompt for a greeting, a menu or an announcement (audio files are not held).',
    parameters: [
      { name: 'TextToSpeechPrompt', type: 'string', position: 0 },
      { name: 'ActiveType', type: 'string' },
      ...unheld(['AudioFilePrompt']),
    ],
    run(_t, a) {
      const refused = refuseUnheld(a, { AudioFilePrompt: 'it holds text-to-speech prompts only; use -TextToSpeechPrompt.' });
      if (refused !== undefined) return refused;
      const type = a.string('ActiveType') ?? 'TextToSpeech';
      if (/^audiofile$/i.test(type)) return { ok: false, refusal: { code: 'AA006', message: 'AA006: callsim does not hold -ActiveType AudioFile: it holds text-to-speech prompts only; use -TextToSpeechPrompt.' } };
      if (!/^(texttospeech|none)$/i.test(type)) return fail('InvalidParameterValue', `-ActiveType ${type} is not TextToSpeech, AudioFile or None.`);
      const text = /^none$/i.test(type) ? '' : (a.string('TextToSpeechPrompt') ?? '');
      if (text === '' && !/^none$/i.test(type)) return fail('MissingParameter', 'New-CsAutoAttendantPrompt needs -TextToSpeechPrompt.');
      return emit([promptObject(text)]);
    },
  },
  {
    name: 'New-CsAutoAttendantCallableEntity',
    synopsis: 'Makes a call target: a user, a resource account, another auto attendant, an external number or shared voicemail.',
    parameters: [
      { name: 'Identity', type: 'string', mandatory: true, position: 0 },
      { name: 'Type', type: 'string', mandatory: true },
      ...unheld(['EnableTranscription', 'EnableSharedVoicemailSystemPromptSuppression', 'CallPriority']),
    ],
    run(t, a) {
      const refused = refuseUnheld(a, {
        EnableTranscription: 'voicemail transcription changes no call in the simulation; leave it out.',
        EnableSharedVoicemailSystemPromptSuppression: 'voicemail system prompts change no call in the simulation; leave it out.',
        CallPriority: 'call queue priorities are not simulated; leave it out.',
      });
      if (refused !== undefined) return refused;
      return emitRead(checkTarget(t, a.string('Type') ?? '', a.string('Identity') ?? ''), (target) => [callableEntityObject(target)]);
    },
  },
  {
    name: 'New-CsAutoAttendantMenuOption',
    synopsis: 'Makes a menu option: a key (Tone0-Tone9 or Automatic) and what it does.',
    parameters: [
      { name: 'Action', type: 'string', mandatory: true, position: 0 },
      { name: 'DtmfResponse', type: 'string', mandatory: true, position: 1 },
      { name: 'CallTarget', type: 'object' },
      { name: 'Prompt', type: 'object' },
      ...unheld(['VoiceResponses', 'Description', 'MainlineAttendantTarget', 'AgentTarget', 'AgentTargetType', 'AgentTargetTagTemplateId']),
    ],
    run(_t, a) {
      const voice = 'callsim simulates key presses only, not speech recognition; leave it out.';
      const refused = refuseUnheld(a, {
        VoiceResponses: voice,
        Description: 'announcement descriptions are not part of the scenario format; leave it out.',
        MainlineAttendantTarget: 'Mainline Attendant is not simulated.',
        AgentTarget: 'agent targets are not simulated.',
        AgentTargetType: 'agent targets are not simulated.',
        AgentTargetTagTemplateId: 'agent targets are not simulated.',
      });
      if (refused !== undefined) return refused;
      const target = a.has('CallTarget') && a.raw('CallTarget') !== null ? readTarget(a.raw('CallTarget'), '-CallTarget') : { ok: true as const, value: null };
      if (!target.ok) return target;
      const prompt = a.has('Prompt') && a.raw('Prompt') !== null ? readPrompts(a.raw('Prompt'), '-Prompt') : { ok: true as const, value: null };
      if (!prompt.ok) return prompt;
      return emitRead(checkMenuOption(a.string('Action') ?? '', a.string('DtmfResponse') ?? '', target.value, prompt.value), (o) => [menuOptionObject(o)]);
    },
  },
  {
    name: 'New-CsAutoAttendantMenu',
    synopsis: 'Makes a menu: its prompt, its options and its directory search (dial by name or extension).',
    parameters: [
      { name: 'Name', type: 'string', mandatory: true },
      { name: 'Prompts', type: 'object' },
      { name: 'MenuOptions', type: 'object' },
      { name: 'EnableDialByName', type: 'switch' },
      { name: 'DirectorySearchMethod', type: 'string' },
    ],
    run(_t, a) {
      const prompt = readPrompts(a.raw('Prompts'), '-Prompts');
      if (!prompt.ok) return prompt;
      const raw = a.raw('MenuOptions');
      const items = raw === undefined || raw === null ? [] : Array.isArray(raw) ? flatten(raw) : [raw];
      const options: MenuOption[] = [];
      for (const item of items) {
        if (!isCmdletObject(item) || item.typeName !== 'MenuOption') return fail('InvalidParameterValue', '-MenuOptions takes MenuOption objects made by New-CsAutoAttendantMenuOption.');
        const option = readMenuOption(item);
        if (!option.ok) return option;
        options.push(option.value);
      }
      const method = a.string('DirectorySearchMethod');
      let search: DirectorySearchMethod = a.switch('EnableDialByName') ? 'ByName' : 'None';
      if (method !== undefined && method !== null) {
        const known = DIRECTORY_SEARCH_METHODS.find((m) => m.toLowerCase() === method.toLowerCase());
        if (known === undefined) return fail('InvalidParameterValue', `-DirectorySearchMethod ${method} is not one of ${DIRECTORY_SEARCH_METHODS.join(', ')}.`);
        if (a.switch('EnableDialByName') && known !== 'ByName') return fail('InvalidParameterValue', `-EnableDialByName and -DirectorySearchMethod ${known} contradict each other.`);
        search = known;
      }
      const name = a.string('Name') ?? '';
      return emitRead(checkMenu(prompt.value, options, search), (menu) => [menuObject(name, menu)]);
    },
  },
  {
    name: 'New-CsAutoAttendantCallFlow',
    synopsis: 'Makes a call flow: a greeting and a menu (a menu of one Automatic option disconnects or redirects).',
    parameters: [
      { name: 'Name', type: 'string', mandatory: true },
      { name: 'Greetings', type: 'object' },
      { name: 'Menu', type: 'object', mandatory: true },
      ...unheld(['ForceListenMenuEnabled'], 'switch'),
    ],
    run(_t, a) {
      const refused = refuseUnheld(a, { ForceListenMenuEnabled: 'callsim callers may always press a key during the menu prompt; leave it out.' });
      if (refused !== undefined) return refused;
      const greeting = readPrompts(a.raw('Greetings'), '-Greetings');
      if (!greeting.ok) return greeting;
      const flowRead = readMenuValue(a.raw('Menu'), '-Menu');
      if (!flowRead.ok) return flowRead;
      return emit([callFlowObject(flowOfMenu(a.string('Name') ?? '', greeting.value, flowRead.value))]);
    },
  },
  {
    name: 'New-CsOnlineTimeRange',
    synopsis: 'Makes a time range of one day (Start 09:00, End 17:00) for a weekly schedule.',
    parameters: [
      { name: 'Start', type: 'string', mandatory: true },
      { name: 'End', type: 'string', mandatory: true },
    ],
    run(_t, a) {
      return emitRead(checkTimeRange(a.string('Start') ?? '', a.string('End') ?? ''), (r) => [timeRangeObject(r)]);
    },
  },
  {
    name: 'New-CsOnlineDateTimeRange',
    synopsis: 'Makes a date-time range (Start "25/12/2026 00:00", End optional) for a holiday schedule.',
    parameters: [
      { name: 'Start', type: 'string', mandatory: true },
      { name: 'End', type: 'string' },
    ],
    run(_t, a) {
      return emitRead(checkDateTimeRange(a.string('Start') ?? '', a.string('End') ?? undefined), (r) => [dateTimeRangeObject(r)]);
    },
  },
  {
    name: 'New-CsOnlineSchedule',
    synopsis: 'Makes a schedule: weekly (after hours, -Complement for business hours) or fixed (holidays).',
    parameters: [
      { name: 'Name', type: 'string', mandatory: true },
      { name: 'WeeklyRecurrentSchedule', type: 'switch', mandatory: ['Weekly'], sets: ['Weekly'] },
      ...DAY_PARAMETERS.map((name): ParamSpec => ({ name, type: 'object', sets: ['Weekly'] })),
      { name: 'Complement', type: 'switch', sets: ['Weekly'] },
      { name: 'FixedSchedule', type: 'switch', mandatory: ['Fixed'], sets: ['Fixed'] },
      { name: 'DateTimeRanges', type: 'object', sets: ['Fixed'] },
    ],
    sets: ['Weekly', 'Fixed'],
    run(_t, a) {
      const name = a.string('Name') ?? '';
      if (a.set === 'Fixed' || a.switch('FixedSchedule')) {
        const raw = a.raw('DateTimeRanges');
        const items = raw === undefined || raw === null ? [] : Array.isArray(raw) ? flatten(raw) : [raw];
        if (items.length > 10) return { ok: false, refusal: { code: 'AA002', message: `AA002: a fixed schedule has at most 10 date-time ranges (this one has ${items.length}).` } };
        const ranges = [];
        for (const item of items) {
          if (!isCmdletObject(item) || item.typeName !== 'DateTimeRange') return fail('InvalidParameterValue', '-DateTimeRanges takes DateTimeRange objects made by New-CsOnlineDateTimeRange.');
          const r = checkDateTimeRange(valueText(prop(item, 'Start')) ?? '', valueText(prop(item, 'End')) ?? '');
          if (!r.ok) return r;
          ranges.push(r.value);
        }
        if (ranges.length === 0) return fail('MissingParameter', 'New-CsOnlineSchedule -FixedSchedule needs -DateTimeRanges.');
        ranges.sort((x, y) => (x.start < y.start ? -1 : 1));
        for (let k = 1; k < ranges.length; k++) {
          const before = ranges[k - 1];
          const range = ranges[k];
          if (before !== undefined && range !== undefined && range.start < before.end) {
            return { ok: false, refusal: { code: 'AA010', message: `AA010: the date-time ranges ${before.start} to ${before.end} and ${range.start} to ${range.end} overlap.` } };
          }
        }
        const data: ScheduleData = { kind: 'fixed', name, ranges };
        return emit([scheduleObject(name, data)]);
      }
      const hours: WeeklySchedule = {};
      for (const day of WEEKDAYS) {
        if (!a.has(`${day}Hours`)) continue;
        const ranges = readTimeRanges(a.raw(`${day}Hours`), `-${day}Hours`);
        if (!ranges.ok) return ranges;
        if (ranges.value.length > 0) hours[day] = ranges.value;
      }
      return emit([scheduleObject(name, { kind: 'weekly', hours, complement: a.switch('Complement') })]);
    },
  },
  {
    name: 'New-CsAutoAttendantCallHandlingAssociation',
    synopsis: 'Links a schedule to a call flow: AfterHours (weekly schedule) or Holiday (fixed schedule).',
    parameters: [
      { name: 'Type', type: 'string', mandatory: true },
      { name: 'ScheduleId', type: 'string', mandatory: true },
      { name: 'CallFlowId', type: 'string', mandatory: true },
      ...unheld(['Disable'], 'switch'),
    ],
    run(_t, a) {
      const refused = refuseUnheld(a, { Disable: 'a disabled association changes no call; leave the association out instead.' });
      if (refused !== undefined) return refused;
      const schedule = a.string('ScheduleId') ?? '';
      const flow = a.string('CallFlowId') ?? '';
      return emitRead(checkAssociation(a.string('Type') ?? '', schedule, flow), (x) => [associationObject(x.type, schedule, flow, 1)]);
    },
  },
  {
    name: 'New-CsAutoAttendantDialScope',
    synopsis: 'Makes a dial scope: the groups whose members callers can reach by name or extension.',
    parameters: [
      { name: 'GroupScope', type: 'switch', mandatory: true },
      { name: 'GroupIds', type: 'stringList', mandatory: true },
    ],
    run(t, a) {
      const ids = a.list('GroupIds') ?? [];
      const missing = ids.find((id) => !t.groups.some((g) => g.id.toLowerCase() === id.toLowerCase()));
      if (missing !== undefined) return { ok: false, refusal: { code: 'AA014', message: `AA014: group ${missing} does not exist.` } };
      return emit([dialScopeObject(ids.map((id) => t.groups.find((g) => g.id.toLowerCase() === id.toLowerCase())?.id ?? id))]);
    },
  },
  {
    name: 'New-CsAutoAttendant',
    synopsis: 'Creates an auto attendant from its call flows, schedules, operator and dial scope.',
    parameters: [
      { name: 'Name', type: 'string', mandatory: true },
      { name: 'LanguageId', type: 'string', mandatory: true },
      { name: 'TimeZoneId', type: 'string', mandatory: true },
      { name: 'DefaultCallFlow', type: 'object', mandatory: true },
      { name: 'CallFlows', type: 'object' },
      { name: 'CallHandlingAssociations', type: 'object' },
      { name: 'Operator', type: 'object' },
      { name: 'InclusionScope', type: 'object' },
      { name: 'ExclusionScope', type: 'object' },
      ...unheld(['VoiceId', 'AuthorizedUsers', 'HideAuthorizedUsers', 'UserNameExtension', 'EnableMainlineAttendant', 'MainlineAttendantAgentVoiceId']),
      ...unheld(['EnableVoiceResponse'], 'switch'),
    ],
    run(t, a) {
      const refused = refuseUnheld(a, {
        EnableVoiceResponse: 'callsim simulates key presses only, not speech recognition; leave it out.',
        VoiceId: 'the text-to-speech voice changes no call in the simulation; leave it out.',
        AuthorizedUsers: 'who may edit the attendant is not part of the scenario format; leave it out.',
        HideAuthorizedUsers: 'who may edit the attendant is not part of the scenario format; leave it out.',
        UserNameExtension: 'how names are read out changes no call in the simulation; leave it out.',
        EnableMainlineAttendant: 'Mainline Attendant is not simulated.',
        MainlineAttendantAgentVoiceId: 'Mainline Attendant is not simulated.',
      });
      if (refused !== undefined) return refused;
      const name = a.string('Name') ?? '';
      const aa = attendantOf(newAutoAttendantId(t, name), {
        name,
        languageId: a.string('LanguageId') ?? '',
        timeZoneId: a.string('TimeZoneId') ?? '',
        defaultCallFlow: a.raw('DefaultCallFlow'),
        callFlows: a.raw('CallFlows'),
        associations: a.raw('CallHandlingAssociations'),
        operator: a.raw('Operator'),
        inclusion: a.raw('InclusionScope'),
        exclusion: a.raw('ExclusionScope'),
      });
      if (!aa.ok) return aa;
      return fromOp(newAutoAttendant(t, aa.value), (stored) => [autoAttendantObject(t, stored)]);
    },
  },
  {
    name: 'Get-CsAutoAttendant',
    synopsis: 'Lists auto attendants: all, one by -Identity, or those whose name contains -NameFilter.',
    parameters: [
      { name: 'Identity', type: 'string', position: 0 },
      { name: 'NameFilter', type: 'string' },
    ],
    run(t, a) {
      const identity = a.string('Identity');
      if (identity !== undefined && identity !== null) {
        const aa = findAutoAttendant(t, identity);
        if (aa === undefined) return { ok: false, refusal: { code: 'AA015', message: `AA015: there is no auto attendant ${identity}; Get-CsAutoAttendant lists them.` } };
        return emit([autoAttendantObject(t, aa)]);
      }
      const filter = a.string('NameFilter')?.toLowerCase();
      return emit(t.autoAttendants.filter((x) => filter === undefined || x.name.toLowerCase().includes(filter)).map((x) => autoAttendantObject(t, x)));
    },
  },
  {
    name: 'Set-CsAutoAttendant',
    synopsis: 'Saves an auto attendant object from Get-CsAutoAttendant, changed by the script ($aa.Name = ...).',
    parameters: [{ name: 'Instance', type: 'object', mandatory: true, pipeline: 'value', position: 0 }],
    run(t, a) {
      const instance = a.raw('Instance');
      if (!isCmdletObject(instance ?? null) || (instance as { typeName: string }).typeName !== 'AutoAttendant') {
        return fail('InvalidParameterValue', '-Instance takes an AutoAttendant object from Get-CsAutoAttendant.');
      }
      const o = instance as Extract<CmdletValue, { kind: 'object' }>;
      const id = String(o.properties['Identity'] ?? o.properties['Id'] ?? o.text);
      const current = findAutoAttendant(t, id);
      if (current === undefined) return { ok: false, refusal: { code: 'AA015', message: `AA015: there is no auto attendant ${id}.` } };
      const aa = attendantOf(current.id, instanceInput(o));
      if (!aa.ok) return aa;
      // Business hours without an after-hours flow, or an after-hours flow without business hours
      // (AA004), have no Teams object to show them in (only a scenario declares them): an instance
      // without an AfterHours association keeps them as they were rather than dropping what it
      // could not show.
      const unshown = (current.businessHours === null) !== (current.afterHoursCallFlow === null);
      const attendant =
        unshown && aa.value.afterHoursCallFlow === null
          ? { ...aa.value, businessHours: current.businessHours, afterHoursCallFlow: current.afterHoursCallFlow }
          : aa.value;
      return fromOp(replaceAutoAttendant(t, attendant));
    },
  },
  {
    name: 'Remove-CsAutoAttendant',
    synopsis: 'Removes an auto attendant that no resource account answers for and no attendant transfers to.',
    parameters: [{ name: 'Identity', type: 'string', mandatory: true, position: 0, pipeline: 'propertyName' }],
    run(t, a) {
      return fromOp(removeAutoAttendant(t, a.string('Identity') ?? ''));
    },
  },
  {
    name: 'New-CsOnlineApplicationInstanceAssociation',
    synopsis: 'Associates resource accounts with an auto attendant (-ConfigurationType AutoAttendant) or a call queue (CallQueue).',
    parameters: [
      { name: 'Identities', type: 'stringList', mandatory: true, position: 0 },
      { name: 'ConfigurationId', type: 'string', mandatory: true, position: 1 },
      { name: 'ConfigurationType', type: 'string', mandatory: true, position: 2 },
      ...unheld(['CallPriority']),
    ],
    run(t, a) {
      const refused = refuseUnheld(a, { CallPriority: 'the priority of calls from this resource account in a call queue is not simulated: every caller waits in arrival order.' });
      if (refused !== undefined) return refused;
      const type = a.string('ConfigurationType') ?? '';
      const handler = CONFIGURATION_TYPES[type.trim().toLowerCase()];
      if (handler === undefined) return fail('InvalidParameterValue', `-ConfigurationType ${type} is not AutoAttendant or CallQueue.`);
      return handler(t, a.list('Identities') ?? [], a.string('ConfigurationId') ?? '');
    },
  },
  {
    name: 'Get-CsOnlineApplicationInstanceAssociation',
    synopsis: 'Shows what a resource account is associated with (its auto attendant or call queue).',
    parameters: [{ name: 'Identity', type: 'string', mandatory: true, position: 0, pipeline: 'propertyName' }],
    run(t, a) {
      const identity = a.string('Identity') ?? '';
      const ra = findResourceAccount(t, identity);
      if (ra === undefined) return fail('InvalidParameterValue', `${identity} is not a resource account.`);
      if (ra.callQueueId !== undefined && ra.callQueueId !== null) return emit([associationOutput(ra.objectId, ra.callQueueId, 'CallQueue')]);
      if (ra.autoAttendantId === null) return emit([]);
      return emit([associationOutput(ra.objectId, ra.autoAttendantId)]);
    },
  },
  {
    name: 'Remove-CsOnlineApplicationInstanceAssociation',
    synopsis: 'Removes the association of resource accounts (their numbers are then answered by nothing, RA001).',
    parameters: [{ name: 'Identities', aliases: ['Identity'], type: 'stringList', mandatory: true, position: 0, pipeline: 'propertyName' }],
    run(t, a) {
      return fromOp(removeAssociations(t, a.list('Identities') ?? []));
    },
  },
];

function associationOutput(objectId: string, configurationId: string, type = 'AutoAttendant'): Extract<CmdletValue, { kind: 'object' }> {
  return {
    kind: 'object',
    typeName: 'ApplicationInstanceAssociation',
    properties: { Id: objectId, ConfigurationId: configurationId, ConfigurationType: type, CallPriority: 0 },
    text: objectId,
  };
}

type Associate = (t: Tenant, identities: string[], configurationId: string) => ReturnType<CmdletSpec['run']>;

/**
 * -ConfigurationType of New-CsOnlineApplicationInstanceAssociation, by lower-case name: the one
 * place a further kind of configuration is added.
 */
const CONFIGURATION_TYPES: Record<string, Associate | undefined> = {
  autoattendant: (t, identities, id) =>
    fromOp(associateWithAutoAttendant(t, identities, id), (done) => done.map((d) => associationOutput(d.account.objectId, d.autoAttendant.id))),
  callqueue: (t, identities, id) => {
    const queue = findCallQueue(t, id);
    return fromOp(associateWithCallQueue(t, identities, id), () => identities.map((i) => associationOutput(findResourceAccount(t, i)?.objectId ?? i, queue?.identity ?? id, 'CallQueue')));
  },
};

