/**
 * The objects of the auto attendant cmdlets (prompts, menu options, menus, call flows, time
 * ranges, schedules, call handling associations, dial scopes, callable entities, the attendant
 * itself) as scripts hold them, with Microsoft's property names, and the readers that turn them
 * back into the model. A script may change an object's properties before passing it on
 * (`$aa.Name = ...; Set-CsAutoAttendant -Instance $aa`), so the readers read the properties, never
 * a hidden copy.
 *
 * Teams keeps a schedule in the tenant and hands out its Id; callsim's model keeps schedules
 * inside their attendant, so a schedule's Id here spells out the schedule itself
 * (`weekly:Monday=09:00-12:00,13:00-17:00;complement`, `fixed:Christmas=2026-12-25T00:00/2026-12-26T00:00`)
 * and New-CsAutoAttendantCallHandlingAssociation reads it back from the Id alone.
 */
import type { CmdletObject, CmdletValue } from '../cmdlet.js';
import type {
  AutoAttendant,
  CallFlow,
  CallTarget,
  CallTargetType,
  DateTimeRange,
  DirectorySearchMethod,
  Menu,
  MenuOption,
  MenuOptionAction,
  Tenant,
  TimeRange,
  WeeklySchedule,
} from '../model.js';
import { WEEKDAYS } from '../model.js';
import { refuse, type Refused } from '../operations/result.js';
import { deterministicGuid } from '../operations/directory.js';

export type Read<T> = { ok: true; value: T } | Refused;

const ok = <T>(value: T): Read<T> => ({ ok: true, value });

function object(typeName: string, properties: Record<string, CmdletValue>, text: string): CmdletObject {
  return { kind: 'object', typeName, properties, text };
}

function isObject(value: CmdletValue | undefined): value is CmdletObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'object';
}

/** A property of *o*, case-insensitively (a script may have set it in any case). */
export function prop(o: CmdletObject, name: string): CmdletValue {
  const lower = name.toLowerCase();
  const key = Object.keys(o.properties).find((k) => k.toLowerCase() === lower);
  return key === undefined ? null : (o.properties[key] ?? null);
}

export function flatten(items: CmdletValue[]): CmdletValue[] {
  return items.flatMap((x) => (Array.isArray(x) ? flatten(x) : [x]));
}

function text(value: CmdletValue): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isObject(value)) return value.text;
  return null;
}

/** A value that should be one or more objects of *typeName*, as a list. */
function objects(value: CmdletValue | undefined, typeName: string, what: string, made: string): Read<CmdletObject[]> {
  const items = value === undefined || value === null ? [] : Array.isArray(value) ? flatten(value) : [value];
  const out: CmdletObject[] = [];
  for (const item of items) {
    if (!isObject(item) || item.typeName !== typeName) {
      return refuse('InvalidParameterValue', `${what} takes ${typeName} objects made by ${made}; got ${item === null ? '$null' : isObject(item) ? `a ${item.typeName}` : JSON.stringify(item)}.`);
    }
    out.push(item);
  }
  return ok(out);
}

function one(value: CmdletValue | undefined, typeName: string, what: string, made: string): Read<CmdletObject> {
  const list = objects(value, typeName, what, made);
  if (!list.ok) return list;
  const [first, ...rest] = list.value;
  if (first === undefined || rest.length > 0) return refuse('InvalidParameterValue', `${what} takes one ${typeName} object made by ${made}.`);
  return ok(first);
}

// ---- prompts --------------------------------------------------------------------------------

export function promptObject(textToSpeech: string): CmdletObject {
  return object('Prompt', { ActiveType: 'TextToSpeech', TextToSpeechPrompt: textToSpeech, AudioFilePrompt: null }, textToSpeech);
}

/** The text of at most one prompt ('' for none); callsim holds one greeting or menu prompt (AA006). */
export function readPrompts(value: CmdletValue | undefined, what: string): Read<string> {
  const list = objects(value, 'Prompt', what, 'New-CsAutoAttendantPrompt');
  if (!list.ok) return list;
  if (list.value.length > 1) {
    return refuse('AA006', `${what} has ${list.value.length} prompts; callsim holds one prompt there (the scenario format has one greeting per call flow and one prompt per menu).`);
  }
  const prompt = list.value[0];
  return ok(prompt === undefined ? '' : (text(prop(prompt, 'TextToSpeechPrompt')) ?? ''));
}

// ---- callable entities ----------------------------------------------------------------------

export const CALL_TARGET_TYPES: readonly CallTargetType[] = ['User', 'ApplicationEndpoint', 'ConfigurationEndpoint', 'ExternalPstn', 'SharedVoicemail'];

export function callableEntityObject(target: CallTarget): CmdletObject {
  return object('CallableEntity', { Id: target.id, Type: target.type, EnableTranscription: false }, target.id);
}

export function readTarget(value: CmdletValue | undefined, what: string): Read<CallTarget> {
  const entity = one(value, 'CallableEntity', what, 'New-CsAutoAttendantCallableEntity');
  if (!entity.ok) return entity;
  const type = CALL_TARGET_TYPES.find((t) => t.toLowerCase() === (text(prop(entity.value, 'Type')) ?? '').toLowerCase());
  const id = text(prop(entity.value, 'Id'));
  if (type === undefined || id === null) return refuse('InvalidParameterValue', `${what}: the callable entity has no Type (${CALL_TARGET_TYPES.join(', ')}) or no Id.`);
  return ok({ type, id });
}

// ---- menu options and menus -----------------------------------------------------------------

export const MENU_OPTION_ACTIONS: readonly MenuOptionAction[] = ['DisconnectCall', 'TransferCallToOperator', 'TransferCallToTarget', 'Announcement'];

/** Tone0..Tone9 as the model's key "0".."9"; Automatic stays Automatic. */
export function keyOfTone(tone: string): Read<string> {
  const m = /^tone([0-9])$/i.exec(tone.trim());
  if (m?.[1] !== undefined) return ok(m[1]);
  if (/^automatic$/i.test(tone.trim())) return ok('Automatic');
  if (/^tone(star|pound)$/i.test(tone.trim())) {
    return refuse('AA001', `-DtmfResponse ${tone} is reserved by the system: menu keys are Tone0 to Tone9 (or Automatic).`);
  }
  return refuse('AA001', `-DtmfResponse ${tone} is not a menu key: use Tone0 to Tone9, or Automatic for an option that runs with no caller input.`);
}

function toneOfKey(key: string): string {
  return /^[0-9]$/.test(key) ? `Tone${key}` : key;
}

export function menuOptionObject(option: MenuOption): CmdletObject {
  return object(
    'MenuOption',
    {
      Action: option.action,
      DtmfResponse: toneOfKey(option.key),
      VoiceResponses: [],
      CallTarget: option.target === null ? null : callableEntityObject(option.target),
      Prompt: option.prompt === null ? null : promptObject(option.prompt),
    },
    `${toneOfKey(option.key)} ${option.action}`,
  );
}

/** A menu option's parts, checked as New-CsAutoAttendantMenuOption checks them (AA001, AA007). */
export function checkMenuOption(action: string, tone: string, target: CallTarget | null, prompt: string | null): Read<MenuOption> {
  const known = MENU_OPTION_ACTIONS.find((a) => a.toLowerCase() === action.trim().toLowerCase());
  if (known === undefined) return refuse('InvalidParameterValue', `-Action ${action} is not one of ${MENU_OPTION_ACTIONS.join(', ')}.`);
  const key = keyOfTone(tone);
  if (!key.ok) return key;
  if (known === 'TransferCallToTarget' && target === null) return refuse('AA007', `a TransferCallToTarget menu option (${tone}) needs -CallTarget (New-CsAutoAttendantCallableEntity).`);
  if (known === 'Announcement' && prompt === null) return refuse('AA007', `an Announcement menu option (${tone}) needs -Prompt (New-CsAutoAttendantPrompt).`);
  if (known !== 'TransferCallToTarget' && target !== null) return refuse('AA007', `a ${known} menu option (${tone}) takes no -CallTarget; only TransferCallToTarget does.`);
  if (known !== 'Announcement' && prompt !== null) return refuse('AA007', `a ${known} menu option (${tone}) takes no -Prompt; only Announcement does.`);
  return ok({ key: key.value, action: known, target, prompt });
}

export function readMenuOption(o: CmdletObject): Read<MenuOption> {
  const targetValue = prop(o, 'CallTarget');
  const target = targetValue === null ? ok(null) : readTarget(targetValue, 'a menu option -CallTarget');
  if (!target.ok) return target;
  const promptValue = prop(o, 'Prompt');
  const prompt = promptValue === null ? ok(null) : readPrompts(promptValue, 'a menu option -Prompt');
  if (!prompt.ok) return prompt;
  return checkMenuOption(text(prop(o, 'Action')) ?? '', text(prop(o, 'DtmfResponse')) ?? '', target.value, prompt.value);
}

export const DIRECTORY_SEARCH_METHODS: readonly DirectorySearchMethod[] = ['None', 'ByName', 'ByExtension'];

export function menuObject(name: string, menu: Menu): CmdletObject {
  return object(
    'Menu',
    {
      Name: name,
      Prompts: menu.prompt === '' ? [] : [promptObject(menu.prompt)],
      MenuOptions: menu.options.map(menuOptionObject),
      DialByNameEnabled: menu.directorySearch === 'ByName',
      DirectorySearchMethod: menu.directorySearch,
    },
    name,
  );
}

/** A menu's parts, checked as New-CsAutoAttendantMenu checks them (AA001 duplicates, AA008). */
export function checkMenu(prompt: string, options: MenuOption[], directorySearch: DirectorySearchMethod): Read<Menu> {
  const seen = new Set<string>();
  for (const option of options) {
    if (seen.has(option.key)) return refuse('AA001', `menu key ${toneOfKey(option.key)} maps to more than one option; a key maps to one option.`);
    seen.add(option.key);
  }
  if (seen.has('Automatic') && (options.length > 1 || directorySearch !== 'None')) {
    return refuse('AA008', `an Automatic menu option runs with no caller input, so it must be the only option of its menu, with no directory search (this menu has ${options.length} options, directory search ${directorySearch}).`);
  }
  return ok({ prompt, options, directorySearch });
}

function readMenu(o: CmdletObject): Read<Menu> {
  const prompt = readPrompts(prop(o, 'Prompts'), 'the menu -Prompts');
  if (!prompt.ok) return prompt;
  const list = objects(prop(o, 'MenuOptions'), 'MenuOption', 'the menu -MenuOptions', 'New-CsAutoAttendantMenuOption');
  if (!list.ok) return list;
  const options: MenuOption[] = [];
  for (const item of list.value) {
    const option = readMenuOption(item);
    if (!option.ok) return option;
    options.push(option.value);
  }
  const method = text(prop(o, 'DirectorySearchMethod')) ?? 'None';
  const known = DIRECTORY_SEARCH_METHODS.find((m) => m.toLowerCase() === method.toLowerCase());
  if (known === undefined) return refuse('InvalidParameterValue', `DirectorySearchMethod ${method} is not one of ${DIRECTORY_SEARCH_METHODS.join(', ')}.`);
  const byName = prop(o, 'DialByNameEnabled') === true;
  return checkMenu(prompt.value, options, byName && known === 'None' ? 'ByName' : known);
}

/** A Menu object (New-CsAutoAttendantMenu's, maybe edited) with every check of that cmdlet. */
export function readMenuValue(value: CmdletValue | undefined, what: string): Read<Menu> {
  const o = one(value, 'Menu', what, 'New-CsAutoAttendantMenu');
  return o.ok ? readMenu(o.value) : o;
}

// ---- call flows -----------------------------------------------------------------------------

/**
 * A call flow's Id: a GUID derived from what it holds, so the same script gives the same Ids and
 * an association can name the flow (-CallFlowId $flow.Id).
 */
export function callFlowId(flow: CallFlow): string {
  return deterministicGuid(`callflow:${JSON.stringify(flow)}`);
}

/** The model's disconnect and redirect are, in Teams, a menu with one Automatic option. */
function menuOfAction(flow: CallFlow): Menu {
  if (flow.action.kind === 'menu') return flow.action.menu;
  const option: MenuOption =
    flow.action.kind === 'disconnect'
      ? { key: 'Automatic', action: 'DisconnectCall', target: null, prompt: null }
      : { key: 'Automatic', action: 'TransferCallToTarget', target: flow.action.target, prompt: null };
  return { prompt: '', options: [option], directorySearch: 'None' };
}

export function callFlowObject(flow: CallFlow): CmdletObject {
  const id = callFlowId(flow);
  return object(
    'CallFlow',
    {
      Id: id,
      Name: flow.name,
      Greetings: flow.greeting === '' ? [] : [promptObject(flow.greeting)],
      Menu: menuObject(`${flow.name} menu`, menuOfAction(flow)),
      ForceListenMenuEnabled: false,
    },
    id,
  );
}

export function flowOfMenu(name: string, greeting: string, menu: Menu): CallFlow {
  const [only, ...rest] = menu.options;
  if (only !== undefined && rest.length === 0 && only.key === 'Automatic' && menu.prompt === '' && menu.directorySearch === 'None') {
    if (only.action === 'DisconnectCall') return { name, greeting, action: { kind: 'disconnect' } };
    if (only.action === 'TransferCallToTarget' && only.target !== null) return { name, greeting, action: { kind: 'redirect', target: only.target } };
  }
  return { name, greeting, action: { kind: 'menu', menu } };
}

export function readCallFlow(value: CmdletValue | undefined, what: string): Read<{ id: string; flow: CallFlow }> {
  const o = one(value, 'CallFlow', what, 'New-CsAutoAttendantCallFlow');
  if (!o.ok) return o;
  const greeting = readPrompts(prop(o.value, 'Greetings'), `call flow ${text(prop(o.value, 'Name')) ?? ''} -Greetings`);
  if (!greeting.ok) return greeting;
  const menu = readMenuValue(prop(o.value, 'Menu'), `call flow ${text(prop(o.value, 'Name')) ?? ''} -Menu`);
  if (!menu.ok) return menu;
  if (prop(o.value, 'ForceListenMenuEnabled') === true) return refuse('AA006', 'callsim does not hold -ForceListenMenuEnabled: its callers may always press a key during the menu prompt.');
  return ok({ id: text(prop(o.value, 'Id')) ?? '', flow: flowOfMenu(text(prop(o.value, 'Name')) ?? '', greeting.value, menu.value) });
}

// ---- time ranges and schedules --------------------------------------------------------------

/** "9:00", "09:00:00", "24:00" or "1.00:00" (a day, as a TimeSpan) as "HH:MM". */
export function timeOfDay(value: string): string | undefined {
  const v = value.trim();
  if (/^1\.00:00(:00)?$/.test(v)) return '24:00';
  const m = /^(\d{1,2}):(\d{2})(?::00)?$/.exec(v);
  if (m?.[1] === undefined || m[2] === undefined) return undefined;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return `${String(hours).padStart(2, '0')}:${m[2]}`;
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** New-CsOnlineTimeRange's checks (AA002). */
export function checkTimeRange(start: string, end: string): Read<TimeRange> {
  const s = timeOfDay(start);
  const e = timeOfDay(end);
  if (s === undefined || e === undefined || s === '24:00') {
    return refuse('AA002', `${start} to ${end} is not a time range of one day: give times such as 09:00 and 17:00 (24:00 or 1.00:00 for the end of the day).`);
  }
  if (minutes(s) % 15 !== 0 || minutes(e) % 15 !== 0) return refuse('AA002', `${s} to ${e} is not aligned to 15 minutes.`);
  if (minutes(s) >= minutes(e)) return refuse('AA002', `the time range ${s} to ${e} does not start before it ends.`);
  return ok({ start: s, end: e });
}

export function timeRangeObject(range: TimeRange): CmdletObject {
  return object('TimeRange', { Start: range.start, End: range.end }, `${range.start}-${range.end}`);
}

export function readTimeRanges(value: CmdletValue | undefined, what: string): Read<TimeRange[]> {
  const list = objects(value, 'TimeRange', what, 'New-CsOnlineTimeRange');
  if (!list.ok) return list;
  const ranges: TimeRange[] = [];
  for (const o of list.value) {
    const range = checkTimeRange(text(prop(o, 'Start')) ?? '', text(prop(o, 'End')) ?? '');
    if (!range.ok) return range;
    ranges.push(range.value);
  }
  const sorted = [...ranges].sort((a, b) => minutes(a.start) - minutes(b.start));
  for (let k = 1; k < sorted.length; k++) {
    const before = sorted[k - 1];
    const range = sorted[k];
    if (before !== undefined && range !== undefined && minutes(range.start) < minutes(before.end)) {
      return refuse('AA009', `${what}: ${before.start}-${before.end} and ${range.start}-${range.end} overlap.`);
    }
  }
  return ok(sorted);
}

/** "d/M/yyyy H:mm", "d/M/yyyy" or the model's "yyyy-MM-ddTHH:mm", as the model's form. */
export function localDateTime(value: string): string | undefined {
  const v = value.trim();
  let y: number, mo: number, d: number, h = 0, mi = 0;
  const iso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(v);
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(v);
  if (iso !== null) [y, mo, d, h, mi] = iso.slice(1, 6).map(Number) as [number, number, number, number, number];
  else if (dmy !== null) {
    d = Number(dmy[1]);
    mo = Number(dmy[2]);
    y = Number(dmy[3]);
    if (dmy[4] !== undefined) [h, mi] = [Number(dmy[4]), Number(dmy[5])];
  } else return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}`;
}

/** The model's form of the day after *dateTime*'s date, at 00:00 (New-CsOnlineDateTimeRange without -End). */
export function nextMidnight(dateTime: string): string {
  const [y, m, d] = dateTime.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)}T00:00`;
}

/** New-CsOnlineDateTimeRange's checks (AA010). */
export function checkDateTimeRange(start: string, end: string | undefined): Read<DateTimeRange> {
  const s = localDateTime(start);
  if (s === undefined) return refuse('AA010', `-Start ${start} is not a date-time d/M/yyyy H:mm (for example 25/12/2026 00:00).`);
  const e = end === undefined ? nextMidnight(s) : localDateTime(end);
  if (e === undefined) return refuse('AA010', `-End ${end ?? ''} is not a date-time d/M/yyyy H:mm (for example 26/12/2026 00:00).`);
  if (e <= s) return refuse('AA010', `the date-time range ${s} to ${e} does not start before it ends.`);
  if (![s, e].every((t) => t.endsWith(':00') || t.endsWith(':30'))) return refuse('AA010', `the date-time range ${s} to ${e} is not on 30-minute boundaries.`);
  return ok({ start: s, end: e });
}

export function dateTimeRangeObject(range: DateTimeRange): CmdletObject {
  return object('DateTimeRange', { Start: range.start, End: range.end }, `${range.start}/${range.end}`);
}

export type ScheduleData =
  | { kind: 'weekly'; hours: WeeklySchedule; complement: boolean }
  | { kind: 'fixed'; name: string; ranges: DateTimeRange[] };

/** The Id that spells out the schedule (see the file comment). */
export function scheduleId(s: ScheduleData): string {
  if (s.kind === 'fixed') return `fixed:${encodeURIComponent(s.name)}=${s.ranges.map((r) => `${r.start}/${r.end}`).join(',')}`;
  const days = WEEKDAYS.filter((d) => (s.hours[d] ?? []).length > 0).map((d) => `${d}=${(s.hours[d] ?? []).map((r) => `${r.start}-${r.end}`).join(',')}`);
  return `weekly:${[...days, ...(s.complement ? ['complement'] : [])].join(';')}`;
}

export function readScheduleId(id: string): ScheduleData | undefined {
  const fixed = /^fixed:([^=]*)=(.+)$/.exec(id);
  if (fixed?.[1] !== undefined && fixed[2] !== undefined) {
    const ranges: DateTimeRange[] = [];
    for (const part of fixed[2].split(',')) {
      const [start, end] = part.split('/');
      const range = checkDateTimeRange(start ?? '', end ?? '');
      if (!range.ok) return undefined;
      ranges.push(range.value);
    }
    try {
      return { kind: 'fixed', name: decodeURIComponent(fixed[1]), ranges };
    } catch {
      return undefined;
    }
  }
  const weekly = /^weekly:(.*)$/.exec(id);
  if (weekly?.[1] === undefined) return undefined;
  const hours: WeeklySchedule = {};
  let complement = false;
  for (const part of weekly[1].split(';').filter((p) => p !== '')) {
    if (part === 'complement') {
      complement = true;
      continue;
    }
    const [day, list] = part.split('=');
    const weekday = WEEKDAYS.find((d) => d === day);
    if (weekday === undefined || list === undefined) return undefined;
    const ranges: TimeRange[] = [];
    for (const r of list.split(',')) {
      const [start, end] = r.split('-');
      const range = checkTimeRange(start ?? '', end ?? '');
      if (!range.ok) return undefined;
      ranges.push(range.value);
    }
    hours[weekday] = ranges;
  }
  return { kind: 'weekly', hours, complement };
}

export function scheduleObject(name: string, s: ScheduleData): CmdletObject {
  const id = scheduleId(s);
  const weekly =
    s.kind === 'weekly'
      ? Object.fromEntries([...WEEKDAYS.map((d) => [`${d}Hours`, (s.hours[d] ?? []).map(timeRangeObject)]), ['ComplementEnabled', s.complement]])
      : null;
  return object(
    'Schedule',
    {
      Id: id,
      Name: s.kind === 'fixed' ? s.name : name,
      Type: s.kind === 'weekly' ? 'WeeklyRecurrence' : 'Fixed',
      WeeklyRecurrentSchedule: weekly === null ? null : object('WeeklyRecurrentSchedule', weekly as Record<string, CmdletValue>, 'WeeklyRecurrentSchedule'),
      FixedSchedule: s.kind === 'fixed' ? object('FixedSchedule', { DateTimeRanges: s.ranges.map(dateTimeRangeObject) }, 'FixedSchedule') : null,
    },
    id,
  );
}

/** Business hours from an after-hours schedule: its complement, or the ranges themselves with -Complement. */
export function businessHoursOf(s: Extract<ScheduleData, { kind: 'weekly' }>): WeeklySchedule {
  if (s.complement) return structuredClone(s.hours);
  const out: WeeklySchedule = {};
  for (const day of WEEKDAYS) {
    const closed = s.hours[day] ?? [];
    const open: TimeRange[] = [];
    let from = '00:00';
    for (const r of closed) {
      if (minutes(r.start) > minutes(from)) open.push({ start: from, end: r.start });
      from = r.end;
    }
    if (from !== '24:00') open.push({ start: from, end: '24:00' });
    if (open.length > 0) out[day] = open;
  }
  return out;
}

export type AssociationType = 'AfterHours' | 'Holiday';

export function associationObject(type: AssociationType, schedule: string, callFlow: string, priority: number): CmdletObject {
  return object('CallHandlingAssociation', { Type: type, ScheduleId: schedule, CallFlowId: callFlow, Priority: priority, Enabled: true }, `${type} ${schedule}`);
}

export interface Association {
  type: AssociationType;
  schedule: ScheduleData;
  callFlowId: string;
}

/** New-CsAutoAttendantCallHandlingAssociation's checks (AA011). */
export function checkAssociation(type: string, schedule: string, callFlow: string): Read<Association> {
  const known = (['AfterHours', 'Holiday'] as const).find((t) => t.toLowerCase() === type.trim().toLowerCase());
  if (known === undefined) return refuse('InvalidParameterValue', `-Type ${type} is not AfterHours or Holiday.`);
  const data = readScheduleId(schedule);
  if (data === undefined) return refuse('AA011', `-ScheduleId ${schedule} names no schedule: pass the Id of a schedule New-CsOnlineSchedule made ($schedule.Id).`);
  if (known === 'AfterHours' && data.kind !== 'weekly') return refuse('AA011', 'an AfterHours association takes a -WeeklyRecurrentSchedule schedule, not a fixed one.');
  if (known === 'Holiday' && data.kind !== 'fixed') return refuse('AA011', 'a Holiday association takes a -FixedSchedule schedule, not a weekly one.');
  return ok({ type: known, schedule: data, callFlowId: callFlow });
}

export function readAssociations(value: CmdletValue | undefined): Read<Association[]> {
  const list = objects(value, 'CallHandlingAssociation', '-CallHandlingAssociations', 'New-CsAutoAttendantCallHandlingAssociation');
  if (!list.ok) return list;
  const out: Association[] = [];
  for (const o of list.value) {
    if (prop(o, 'Enabled') === false) return refuse('AA006', 'callsim does not hold a disabled call handling association: leave it out instead.');
    const a = checkAssociation(text(prop(o, 'Type')) ?? '', text(prop(o, 'ScheduleId')) ?? '', text(prop(o, 'CallFlowId')) ?? '');
    if (!a.ok) return a;
    out.push(a.value);
  }
  return ok(out);
}

// ---- dial scopes ----------------------------------------------------------------------------

export function dialScopeObject(groupIds: string[]): CmdletObject {
  return object('DialScope', { Type: 'Group', GroupScope: object('GroupDialScope', { GroupIds: [...groupIds] }, groupIds.join(', ')) }, groupIds.join(', '));
}

export function readDialScope(value: CmdletValue | undefined, what: string): Read<string[] | null> {
  if (value === undefined || value === null) return ok(null);
  const o = one(value, 'DialScope', what, 'New-CsAutoAttendantDialScope');
  if (!o.ok) return o;
  const scope = prop(o.value, 'GroupScope');
  const ids = isObject(scope) ? prop(scope, 'GroupIds') : null;
  const list = (Array.isArray(ids) ? ids : ids === null ? [] : [ids]).map(text).filter((x): x is string => x !== null);
  return ok(list);
}

// ---- time zones -----------------------------------------------------------------------------

/** Windows time zones (what -TimeZoneId takes) for the IANA zones callsim schedules in. */
const WINDOWS_ZONES: Readonly<Record<string, string>> = {
  UTC: 'Etc/UTC',
  'Pacific Standard Time': 'America/Los_Angeles',
  'Mountain Standard Time': 'America/Denver',
  'US Mountain Standard Time': 'America/Phoenix',
  'Central Standard Time': 'America/Chicago',
  'Eastern Standard Time': 'America/New_York',
  'Alaskan Standard Time': 'America/Anchorage',
  'Hawaiian Standard Time': 'Pacific/Honolulu',
  'Atlantic Standard Time': 'America/Halifax',
  'GMT Standard Time': 'Europe/London',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'India Standard Time': 'Asia/Kolkata',
};

function isIanaZone(zone: string): boolean {
  if (!zone.includes('/')) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** -TimeZoneId as the model's IANA zone: a Windows id from the table, or an IANA id (AA013). */
export function ianaZone(timeZoneId: string): Read<string> {
  const key = Object.keys(WINDOWS_ZONES).find((k) => k.toLowerCase() === timeZoneId.trim().toLowerCase());
  if (key !== undefined) return ok(WINDOWS_ZONES[key] ?? 'Etc/UTC');
  if (isIanaZone(timeZoneId.trim())) return ok(timeZoneId.trim());
  return refuse('AA013', `-TimeZoneId ${timeZoneId} is not a time zone callsim knows: use one of ${Object.keys(WINDOWS_ZONES).join(', ')}, or an IANA zone such as America/Los_Angeles.`);
}

/** The Windows id Get-CsAutoAttendant shows for an IANA zone (the IANA id when the table has none). */
export function windowsZone(iana: string): string {
  return Object.entries(WINDOWS_ZONES).find(([, v]) => v === iana)?.[0] ?? iana;
}

// ---- the attendant --------------------------------------------------------------------------

export function autoAttendantObject(t: Tenant, aa: AutoAttendant): CmdletObject {
  const flows = new Map<string, CmdletObject>();
  const schedules: CmdletObject[] = [];
  const associations: CmdletObject[] = [];
  const add = (flow: CallFlow): string => {
    const o = callFlowObject(flow);
    flows.set(o.text, o);
    return o.text;
  };
  if (aa.businessHours !== null && aa.afterHoursCallFlow !== null) {
    const s = scheduleObject(`${aa.name} after hours`, { kind: 'weekly', hours: aa.businessHours, complement: true });
    schedules.push(s);
    associations.push(associationObject('AfterHours', s.text, add(aa.afterHoursCallFlow), associations.length + 1));
  }
  for (const h of aa.holidays) {
    const s = scheduleObject(h.name, { kind: 'fixed', name: h.name, ranges: h.ranges });
    schedules.push(s);
    associations.push(associationObject('Holiday', s.text, add(h.callFlow), associations.length + 1));
  }
  const include = aa.dialScope.includeGroups;
  return object(
    'AutoAttendant',
    {
      Identity: aa.id,
      Id: aa.id,
      Name: aa.name,
      LanguageId: aa.languageId,
      TimeZoneId: windowsZone(aa.timeZone),
      DefaultCallFlow: callFlowObject(aa.defaultCallFlow),
      CallFlows: [...flows.values()],
      Schedules: schedules,
      CallHandlingAssociations: associations,
      Operator: aa.operator === null ? null : callableEntityObject(aa.operator),
      DirectoryLookupScope: object(
        'DirectoryLookupScope',
        {
          InclusionScope: include === null ? null : dialScopeObject(include),
          ExclusionScope: aa.dialScope.excludeGroups.length === 0 ? null : dialScopeObject(aa.dialScope.excludeGroups),
        },
        `include ${include === null ? 'everyone' : include.join(', ')}; exclude ${aa.dialScope.excludeGroups.length === 0 ? 'no one' : aa.dialScope.excludeGroups.join(', ')}`,
      ),
      ApplicationInstances: t.resourceAccounts.filter((r) => r.autoAttendantId?.toLowerCase() === aa.id.toLowerCase()).map((r) => r.objectId),
    },
    aa.id,
  );
}

/** What New-CsAutoAttendant and an -Instance give, before it is checked against the tenant. */
export interface AttendantInput {
  name: string;
  languageId: string;
  timeZoneId: string;
  defaultCallFlow: CmdletValue | undefined;
  callFlows: CmdletValue | undefined;
  associations: CmdletValue | undefined;
  operator: CmdletValue | undefined;
  inclusion: CmdletValue | undefined;
  exclusion: CmdletValue | undefined;
}

/** The attendant an input describes (AA006, AA011-AA013 and the object checks); the tenant checks come after. */
export function attendantOf(id: string, input: AttendantInput): Read<AutoAttendant> {
  if (input.name.trim() === '') return refuse('AA013', 'New-CsAutoAttendant needs a -Name.');
  if (!/^[a-z]{2,3}-[a-z]{2,4}$/i.test(input.languageId.trim())) {
    return refuse('AA013', `-LanguageId ${input.languageId} is not a language such as en-US.`);
  }
  const zone = ianaZone(input.timeZoneId);
  if (!zone.ok) return zone;
  const main = readCallFlow(input.defaultCallFlow, '-DefaultCallFlow');
  if (!main.ok) return main;
  const flowObjects = objects(input.callFlows, 'CallFlow', '-CallFlows', 'New-CsAutoAttendantCallFlow');
  if (!flowObjects.ok) return flowObjects;
  const flows = new Map<string, CallFlow>();
  for (const o of flowObjects.value) {
    const f = readCallFlow(o, '-CallFlows');
    if (!f.ok) return f;
    flows.set(f.value.id.toLowerCase(), f.value.flow);
  }
  const associations = readAssociations(input.associations);
  if (!associations.ok) return associations;
  let businessHours: WeeklySchedule | null = null;
  let afterHoursCallFlow: CallFlow | null = null;
  const holidays: AutoAttendant['holidays'] = [];
  for (const a of associations.value) {
    const flow = flows.get(a.callFlowId.toLowerCase());
    if (flow === undefined) {
      return refuse('AA012', `the ${a.type} association names call flow ${a.callFlowId}, which is not in -CallFlows; pass the flow there too (-CallFlows @($flow)).`);
    }
    if (a.schedule.kind === 'weekly') {
      if (afterHoursCallFlow !== null) return refuse('AA011', 'an auto attendant has at most one AfterHours call handling association.');
      businessHours = businessHoursOf(a.schedule);
      afterHoursCallFlow = flow;
    } else {
      holidays.push({ name: a.schedule.name, ranges: a.schedule.ranges, callFlow: flow });
    }
  }
  const operator = input.operator === undefined || input.operator === null ? ok(null) : readTarget(input.operator, '-Operator');
  if (!operator.ok) return operator;
  const include = readDialScope(input.inclusion, '-InclusionScope');
  if (!include.ok) return include;
  const exclude = readDialScope(input.exclusion, '-ExclusionScope');
  if (!exclude.ok) return exclude;
  return ok({
    id,
    name: input.name,
    timeZone: zone.value,
    languageId: input.languageId,
    businessHours,
    defaultCallFlow: main.value.flow,
    afterHoursCallFlow,
    holidays,
    operator: operator.value,
    dialScope: { includeGroups: include.value, excludeGroups: exclude.value ?? [] },
  });
}

/** The input an -Instance object (Get-CsAutoAttendant's, maybe edited) gives. */
export function instanceInput(o: CmdletObject): AttendantInput {
  const scope = prop(o, 'DirectoryLookupScope');
  return {
    name: text(prop(o, 'Name')) ?? '',
    languageId: text(prop(o, 'LanguageId')) ?? '',
    timeZoneId: text(prop(o, 'TimeZoneId')) ?? '',
    defaultCallFlow: prop(o, 'DefaultCallFlow'),
    callFlows: prop(o, 'CallFlows'),
    associations: prop(o, 'CallHandlingAssociations'),
    operator: prop(o, 'Operator'),
    inclusion: isObject(scope) ? prop(scope, 'InclusionScope') : null,
    exclusion: isObject(scope) ? prop(scope, 'ExclusionScope') : null,
  };
}

export { isObject as isCmdletObject };
