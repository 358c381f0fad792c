/**
 * Findings about auto attendants (AA001-AA005): menu keys, schedules, transfer targets, a dead
 * after-hours flow, and overlapping holidays. Every attendant of the tenant is checked, not only
 * those behind a shared number: a nested attendant answers Shared Calling callers too.
 */
import { findNumber, findResourceAccount, findUser, numberAssignedTo } from '../lookup.js';
import type { AutoAttendant, CallTarget, Tenant } from '../model.js';
import { WEEKDAYS } from '../model.js';
import { normalizeTelephoneNumber } from '../phone-number.js';
import { finding, type Finding } from './finding.js';
import { callFlowsOf, findAutoAttendant, menusOf } from './shared-calling.js';
import { psQuote } from '../ps-quote.js';

/** New-CsAutoAttendantMenuOption -DtmfResponse Tone0-Tone9, or Automatic (no caller input). */
const MENU_KEY = /^(?:[0-9]|Automatic)$/;
const MAX_HOLIDAYS = 20;
const MAX_FIXED_RANGES = 10;
const ALIGNMENT_MINUTES = 15;
/** NANP toll-free area codes. */
const TOLL_FREE_AREA_CODES = ['800', '833', '844', '855', '866', '877', '888'];

export function autoAttendantFindings(tenant: Tenant): Finding[] {
  return tenant.autoAttendants.flatMap((attendant) => attendantFindings(tenant, attendant));
}

/** The findings of one attendant, which need not be in the tenant yet (the AA cmdlets refuse the errors). */
export function attendantFindings(tenant: Tenant, attendant: AutoAttendant): Finding[] {
  return [
    ...menuKeyFindings(attendant),
    ...scheduleFindings(attendant),
    ...transferTargetFindings(tenant, attendant),
    ...afterHoursFindings(attendant),
    ...holidayOverlapFindings(attendant),
  ];
}

function menuKeyFindings(attendant: AutoAttendant): Finding[] {
  const findings: Finding[] = [];
  const fix = `Set-CsAutoAttendant with menu options on keys 0-9 only, one option per key (New-CsAutoAttendantMenuOption -DtmfResponse Tone0..Tone9)`;
  for (const { where, menu } of menusOf(attendant)) {
    const seen = new Set<string>();
    const reported = new Set<string>();
    for (const option of menu.options) {
      const key = option.key;
      if (!MENU_KEY.test(key)) {
        const why = key === '*' || key === '#' ? 'is reserved by the system' : 'is not a key 0-9';
        findings.push(
          finding('AA001', 'autoAttendant', attendant.id, `auto attendant ${attendant.name}, ${where}: menu key ${JSON.stringify(key)} ${why}.`, fix),
        );
      } else if (seen.has(key) && !reported.has(key)) {
        reported.add(key);
        findings.push(
          finding('AA001', 'autoAttendant', attendant.id, `auto attendant ${attendant.name}, ${where}: menu key ${key} maps to more than one option.`, fix),
        );
      }
      seen.add(key);
    }
  }
  return findings;
}

/** Minutes after midnight of "HH:MM", or undefined when it is not a time of day ("24:00" is one, as an end). */
function minutesOf(time: string): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (match === null) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

function scheduleFindings(attendant: AutoAttendant): Finding[] {
  const problems: string[] = [];
  for (const day of WEEKDAYS) {
    for (const range of attendant.businessHours?.[day] ?? []) {
      const start = minutesOf(range.start);
      const end = minutesOf(range.end);
      const text = `${day} ${range.start}-${range.end}`;
      if (start === undefined || end === undefined || start >= 24 * 60) problems.push(`${text} is not a time range of one day`);
      else if (start % ALIGNMENT_MINUTES !== 0 || end % ALIGNMENT_MINUTES !== 0) problems.push(`${text} is not aligned to 15 minutes`);
      else if (start >= end) problems.push(`${text} does not start before it ends`);
    }
  }
  if (attendant.holidays.length > MAX_HOLIDAYS) {
    problems.push(`it has ${attendant.holidays.length} holidays, more than ${MAX_HOLIDAYS}`);
  }
  for (const holiday of attendant.holidays) {
    if (holiday.ranges.length > MAX_FIXED_RANGES) {
      problems.push(`holiday ${holiday.name} has ${holiday.ranges.length} date-time ranges, more than ${MAX_FIXED_RANGES}`);
    }
  }
  return problems.map((problem) =>
    finding(
      'AA002',
      'autoAttendant',
      attendant.id,
      `auto attendant ${attendant.name}: ${problem}.`,
      'Fix the schedule: New-CsOnlineTimeRange on 15-minute boundaries with start before end, at most 20 holidays, at most 10 ranges per fixed schedule (New-CsOnlineSchedule)',
    ),
  );
}

/**
 * A transfer target that the attendant cannot use, with why; undefined when it is fine. Without
 * an attendant (New-CsAutoAttendantCallableEntity) the trunk of its resource accounts is not checked.
 */
export function targetProblem(tenant: Tenant, attendant: AutoAttendant | undefined, target: CallTarget): string | undefined {
  switch (target.type) {
    case 'User': {
      const user = findUser(tenant, target.id);
      if (user === undefined) return `user ${target.id} does not exist`;
      return user.enterpriseVoiceEnabled ? undefined : `user ${user.userPrincipalName} is not Enterprise Voice enabled`;
    }
    case 'ApplicationEndpoint':
      return findResourceAccount(tenant, target.id) === undefined ? `resource account ${target.id} does not exist` : undefined;
    case 'ConfigurationEndpoint':
      return findAutoAttendant(tenant, target.id) === undefined ? `auto attendant ${target.id} does not exist` : undefined;
    case 'SharedVoicemail': {
      const key = target.id.toLowerCase();
      return tenant.groups.some((g) => g.id.toLowerCase() === key) ? undefined : `group ${target.id} does not exist`;
    }
    case 'ExternalPstn':
      return externalTargetProblem(tenant, attendant, target.id);
  }
}

function externalTargetProblem(tenant: Tenant, attendant: AutoAttendant | undefined, id: string): string | undefined {
  // New-CsAutoAttendantCallableEntity names an external number as a tel: URI.
  const normalized = normalizeTelephoneNumber(id.replace(/^tel:/i, ''));
  if (!normalized.ok) return `external number ${id} is not an E.164 number`;
  const number = normalized.number;
  if (number.startsWith('+1') && TOLL_FREE_AREA_CODES.includes(number.slice(2, 5))) {
    return `external number ${number} is toll-free`;
  }
  const inventory = findNumber(tenant, number);
  if (inventory === undefined || attendant === undefined) return undefined;
  for (const account of tenant.resourceAccounts) {
    if (account.autoAttendantId?.toLowerCase() !== attendant.id.toLowerCase()) continue;
    const own = numberAssignedTo(tenant, account.objectId);
    if (own !== undefined && own.numberType !== inventory.numberType) {
      return `external number ${number} is ${inventory.numberType} while resource account ${account.userPrincipalName} transfers over ${own.numberType} (${own.telephoneNumber}); transfers between trunks are not supported`;
    }
  }
  return undefined;
}

function transferTargetFindings(tenant: Tenant, attendant: AutoAttendant): Finding[] {
  const problems: string[] = [];
  if (attendant.operator !== null) {
    const problem = targetProblem(tenant, attendant, attendant.operator);
    if (problem !== undefined) problems.push(`operator: ${problem}`);
  }
  for (const { where, flow } of callFlowsOf(attendant)) {
    if (flow.action.kind === 'redirect') {
      const problem = targetProblem(tenant, attendant, flow.action.target);
      if (problem !== undefined) problems.push(`${where} redirect: ${problem}`);
    }
    if (flow.action.kind !== 'menu') continue;
    for (const option of flow.action.menu.options) {
      const at = `${where} key ${option.key}`;
      if (option.action === 'TransferCallToOperator' && attendant.operator === null) {
        problems.push(`${at}: transfers to the operator, but none is set`);
      }
      if (option.action !== 'TransferCallToTarget') continue;
      if (option.target === null) {
        problems.push(`${at}: transfers to a target, but none is set`);
        continue;
      }
      const problem = targetProblem(tenant, attendant, option.target);
      if (problem !== undefined) problems.push(`${at}: ${problem}`);
    }
  }
  return problems.map((problem) =>
    finding(
      'AA003',
      'autoAttendant',
      attendant.id,
      `auto attendant ${attendant.name}, ${problem}.`,
      `Point the transfer at an existing target (New-CsAutoAttendantCallableEntity; Set-CsAutoAttendant -Identity ${psQuote(attendant.id)})`,
    ),
  );
}

function afterHoursFindings(attendant: AutoAttendant): Finding[] {
  if (attendant.afterHoursCallFlow === null || attendant.businessHours !== null) return [];
  return [
    finding(
      'AA004',
      'autoAttendant',
      attendant.id,
      `auto attendant ${attendant.name} has after-hours call flow ${attendant.afterHoursCallFlow.name}, but its business hours are the 24/7 default, so it never runs.`,
      `Set business hours on ${attendant.name} (New-CsOnlineSchedule -WeeklyRecurrentSchedule, New-CsAutoAttendantCallHandlingAssociation -Type AfterHours), or remove the after-hours call flow`,
    ),
  ];
}

/** "YYYY-MM-DDTHH:MM" local times compare as strings; anything else is left to the schedule cmdlets. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

function holidayOverlapFindings(attendant: AutoAttendant): Finding[] {
  const findings: Finding[] = [];
  const holidays = attendant.holidays;
  for (let i = 0; i < holidays.length; i++) {
    for (let j = i + 1; j < holidays.length; j++) {
      const a = holidays[i];
      const b = holidays[j];
      if (a === undefined || b === undefined) continue;
      const overlap = a.ranges.find((ra) =>
        b.ranges.some(
          (rb) =>
            [ra.start, ra.end, rb.start, rb.end].every((t) => LOCAL_DATE_TIME.test(t)) &&
            ra.start < rb.end &&
            rb.start < ra.end,
        ),
      );
      if (overlap === undefined) continue;
      findings.push(
        finding(
          'AA005',
          'autoAttendant',
          attendant.id,
          `auto attendant ${attendant.name}: holidays ${a.name} and ${b.name} overlap (${a.name} ${overlap.start} to ${overlap.end}).`,
          `Change the date-time ranges of ${a.name} or ${b.name} so they do not overlap (New-CsOnlineDateTimeRange, Set-CsOnlineSchedule)`,
        ),
      );
    }
  }
  return findings;
}
