/**
 * Set-/Remove-/Get-CsPhoneNumberAssignment, Remove-CsOnlineTelephoneNumber (release) and the
 * simulator-only Move-CsSimPhoneNumberOut (port out, which has no Teams cmdlet).
 */
import type { CmdletObject, CmdletValue } from '../cmdlet.js';
import { findResourceAccount, findSharedCallingPolicy, findUser } from '../lookup.js';
import { NUMBER_TYPES, type NumberType } from '../model.js';
import { assignNumber, setEnterpriseVoice, setNumberLocation, unassignNumber, type AssignmentCategory } from '../operations/number-assignment.js';
import { portOutNumber, releaseNumber } from '../operations/setup.js';
import { normalizeTelephoneNumber } from '../phone-number.js';
import { valueText } from './binding.js';
import { phoneNumberObject, policyIdentity } from './objects.js';
import { emit, fail, fromOp, wildcard } from './result.js';
import type { CmdletSpec, ParamSpec } from './spec.js';
import type { CmdletResult } from '../cmdlet.js';
import type { Tenant } from '../model.js';
import type { OpResult } from '../operations/result.js';
import type { TenantChange } from '../changes.js';

function numberType(value: string | null | undefined): NumberType | undefined {
  if (value === undefined || value === null) return undefined;
  return NUMBER_TYPES.find((t) => t.toLowerCase() === value.trim().toLowerCase());
}

function badNumberType(value: string): CmdletResult {
  return fail('InvalidParameterValue', `-NumberType ${value} is not one of ${NUMBER_TYPES.join(', ')}.`);
}

const CATEGORIES: readonly AssignmentCategory[] = ['Primary', 'Private', 'Alternate'];

const TELEPHONE_NUMBER: ParamSpec = { name: 'TelephoneNumber', aliases: ['PhoneNumber'], type: 'string' };
const NUMBER_TYPE: ParamSpec = { name: 'NumberType', aliases: ['PhoneNumberType'], type: 'string' };

export const phoneNumberCmdlets: CmdletSpec[] = [
  {
    name: 'Set-CsPhoneNumberAssignment',
    synopsis: "Assigns a number to a user or resource account, sets a number's emergency location, or a user's EnterpriseVoiceEnabled.",
    sets: ['LocationUpdate', 'Assignment', 'Attribute'],
    parameters: [
      { name: 'Identity', type: 'string', mandatory: true, sets: ['Assignment', 'Attribute'], pipeline: 'propertyName' },
      { ...TELEPHONE_NUMBER, mandatory: true, sets: ['Assignment', 'LocationUpdate'] },
      { ...NUMBER_TYPE, mandatory: true, sets: ['Assignment'] },
      { name: 'LocationId', type: 'string', nullable: true, mandatory: ['LocationUpdate'], sets: ['Assignment', 'LocationUpdate'] },
      { name: 'AssignmentCategory', type: 'string', sets: ['Assignment'] },
      { name: 'Notify', type: 'switch', sets: ['Assignment'] },
      { name: 'EnterpriseVoiceEnabled', type: 'bool', mandatory: true, sets: ['Attribute'] },
    ],
    run(t, a) {
      if (a.set === 'Attribute') {
        return fromOp(setEnterpriseVoice(t, { identity: a.string('Identity') ?? '', enabled: a.bool('EnterpriseVoiceEnabled') ?? false }));
      }
      const location = a.string('LocationId');
      const locationId = location === null || location?.trim().toLowerCase() === 'null' ? null : location;
      if (a.set === 'LocationUpdate') {
        return fromOp(setNumberLocation(t, { telephoneNumber: a.string('TelephoneNumber') ?? '', locationId: locationId ?? null }));
      }
      const typeText = a.string('NumberType') ?? '';
      const type = numberType(typeText);
      if (type === undefined) return badNumberType(typeText);
      const categoryText = a.string('AssignmentCategory');
      const category = categoryText === undefined || categoryText === null ? undefined : CATEGORIES.find((c) => c.toLowerCase() === categoryText.toLowerCase());
      if (categoryText !== undefined && categoryText !== null && category === undefined) {
        return fail('InvalidParameterValue', `-AssignmentCategory ${categoryText} is not one of ${CATEGORIES.join(', ')}.`);
      }
      return fromOp(
        assignNumber(t, {
          identity: a.string('Identity') ?? '',
          telephoneNumber: a.string('TelephoneNumber') ?? '',
          numberType: type,
          ...(locationId === undefined ? {} : { locationId }),
          ...(category === undefined ? {} : { assignmentCategory: category }),
        }),
      );
    },
  },
  {
    name: 'Remove-CsPhoneNumberAssignment',
    synopsis: 'Removes a number from a user or resource account (a user loses EnterpriseVoiceEnabled).',
    sets: ['RemoveSome', 'RemoveAll'],
    parameters: [
      { name: 'Identity', type: 'string', mandatory: true, pipeline: 'propertyName' },
      { ...TELEPHONE_NUMBER, mandatory: true, sets: ['RemoveSome'] },
      { ...NUMBER_TYPE, mandatory: true, sets: ['RemoveSome'] },
      { name: 'RemoveAll', type: 'switch', mandatory: ['RemoveAll'], sets: ['RemoveAll'] },
      { name: 'Notify', type: 'switch' },
      { name: 'AssignmentBlockedForever', type: 'switch' },
      { name: 'AssignmentBlockedDays', type: 'int' },
    ],
    run(t, a) {
      if (a.set === 'RemoveAll') {
        return fromOp(unassignNumber(t, { identity: a.string('Identity') ?? '', removeAll: true }));
      }
      const typeText = a.string('NumberType') ?? '';
      const type = numberType(typeText);
      if (type === undefined) return badNumberType(typeText);
      return fromOp(unassignNumber(t, { identity: a.string('Identity') ?? '', telephoneNumber: a.string('TelephoneNumber') ?? '', numberType: type }));
    },
  },
  {
    name: 'Get-CsPhoneNumberAssignment',
    synopsis: "Lists the tenant's numbers with their assignment, filtered by any of its parameters.",
    parameters: [
      { name: 'TelephoneNumber', type: 'string' },
      { name: 'AssignedPstnTargetId', type: 'string' },
      NUMBER_TYPE,
      { name: 'PstnAssignmentStatus', type: 'string' },
      { name: 'TelephoneNumberContain', type: 'string' },
      { name: 'TelephoneNumberStartsWith', type: 'string' },
      { name: 'IsoCountryCode', type: 'string' },
      { name: 'LocationId', type: 'string' },
      { name: 'CapabilitiesContain', type: 'string' },
      { name: 'Filter', type: 'string' },
      { name: 'Top', type: 'int' },
      { name: 'Skip', type: 'int' },
    ],
    run(t, a) {
      let rows = t.numbers.map((n) => phoneNumberObject(t, n));
      const prop = (o: CmdletObject, name: string): CmdletValue | undefined => o.properties[name];
      const eq = (name: string, wanted: string | null | undefined): void => {
        if (wanted === undefined || wanted === null) return;
        rows = rows.filter((o) => (valueText(prop(o, name) ?? null) ?? '').toLowerCase() === wanted.trim().toLowerCase());
      };
      const number = a.string('TelephoneNumber');
      if (number !== undefined && number !== null) {
        const n = normalizeTelephoneNumber(number);
        if (!n.ok) return n;
        eq('TelephoneNumber', n.number);
      }
      const target = a.string('AssignedPstnTargetId');
      if (target !== undefined && target !== null) {
        const policy = /^TeamsSharedCallingRoutingPolicy\|(.+)$/i.exec(target.trim());
        if (policy !== null) {
          const p = findSharedCallingPolicy(t, policy[1] ?? '');
          eq('AssignedPstnTargetId', p === undefined ? target : `TeamsSharedCallingRoutingPolicy|${policyIdentity(p.identity)}`);
        } else {
          const objectId = findUser(t, target)?.objectId ?? findResourceAccount(t, target)?.objectId ?? target;
          eq('AssignedPstnTargetId', objectId);
        }
      }
      eq('NumberType', a.string('NumberType'));
      eq('PstnAssignmentStatus', a.string('PstnAssignmentStatus'));
      eq('IsoCountryCode', a.string('IsoCountryCode'));
      eq('LocationId', a.string('LocationId'));
      const contains = a.string('TelephoneNumberContain');
      if (contains) rows = rows.filter((o) => o.text.includes(contains.replace(/^\+/, '')));
      const startsWith = a.string('TelephoneNumberStartsWith');
      if (startsWith) rows = rows.filter((o) => o.text.replace(/^\+/, '').startsWith(startsWith.replace(/^\+/, '')));
      const capability = a.string('CapabilitiesContain');
      if (capability) {
        const wanted = capability.split(',').map((c) => c.trim().toLowerCase());
        rows = rows.filter((o) => {
          const caps = (prop(o, 'Capability') as string[] | undefined) ?? [];
          return wanted.every((w) => caps.some((c) => c.toLowerCase() === w));
        });
      }
      const filter = a.string('Filter');
      if (filter) {
        const clauses = filter.split(/\s+-and\s+/i).map((c) => /^\s*(\w+)\s+-(eq|like)\s+['"]([^'"]*)['"]\s*$/i.exec(c));
        if (clauses.some((c) => c === null)) {
          return fail('InvalidParameterValue', `-Filter ${JSON.stringify(filter)} is not supported: callsim evaluates only Property -eq 'value' and Property -like 'pattern' joined by -and.`);
        }
        for (const c of clauses) {
          if (c === null) continue;
          const [, name = '', op = '', value = ''] = c;
          const test = op.toLowerCase() === 'eq' ? (s: string) => s.toLowerCase() === value.toLowerCase() : (s: string) => wildcard(value).test(s);
          rows = rows.filter((o) => {
            const key = Object.keys(o.properties).find((k) => k.toLowerCase() === name.toLowerCase());
            return key !== undefined && test(valueText(o.properties[key] ?? null) ?? '');
          });
        }
      }
      const skip = a.number('Skip') ?? 0;
      const top = a.number('Top') ?? 500;
      if (top > 1000) return fail('InvalidParameterValue', `-Top ${top}: at most 1000 rows per call.`);
      return emit(rows.slice(skip, skip + top));
    },
  },
  {
    name: 'Remove-CsOnlineTelephoneNumber',
    synopsis: 'Releases numbers from the tenant (refused for a Shared Calling emergency number, NUM001).',
    parameters: [{ ...TELEPHONE_NUMBER, type: 'stringList', mandatory: true, position: 0, pipeline: 'propertyName' }],
    run(t, a) {
      const numbers = a.list('TelephoneNumber') ?? [];
      // Several numbers: rehearse on a copy first, so a refusal of the last leaves all in place.
      if (numbers.length > 1) {
        const rehearsal = runEach(numbers, structuredClone(t), releaseNumber);
        if (!rehearsal.ok) return rehearsal;
      }
      return runEach(numbers, t, releaseNumber);
    },
  },
  {
    name: 'Move-CsSimPhoneNumberOut',
    synopsis: 'callsim only: the number is ported out to another carrier and leaves the tenant.',
    parameters: [{ ...TELEPHONE_NUMBER, mandatory: true, position: 0, pipeline: 'propertyName' }],
    run(t, a) {
      return fromOp(portOutNumber(t, a.string('TelephoneNumber') ?? ''));
    },
  },
];

function runEach(items: string[], t: Tenant, op: (t: Tenant, item: string) => OpResult<unknown>): CmdletResult {
  const changes: string[] = [];
  const events: TenantChange[] = [];
  const warnings: string[] = [];
  for (const item of items) {
    const r = fromOp(op(t, item));
    if (!r.ok) return r;
    changes.push(...r.changes);
    events.push(...r.events);
    warnings.push(...r.warnings);
  }
  return { ok: true, output: [], changes, events, warnings };
}
