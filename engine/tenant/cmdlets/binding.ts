/**
 * PowerShell parameter binding, as far as callsim's cmdlets need it: case-insensitive names,
 * unambiguous prefixes, aliases, positions, pipeline input by property name, parameter sets and
 * the conversion of each value to its parameter's type.
 */
import type { CmdletInvocation, CmdletValue, Refusal } from '../cmdlet.js';
import type { ListChange } from '../operations/list-modifier.js';
import { refusal } from '../operations/result.js';
import type { BoundArgs, CmdletSpec, ParamSpec, ParamType } from './spec.js';

/** PowerShell's common parameters: accepted by every cmdlet; only WhatIf changes anything. */
export const COMMON_PARAMETERS: readonly ParamSpec[] = [
  { name: 'WhatIf', type: 'switch' },
  { name: 'Confirm', type: 'switch' },
  { name: 'Force', type: 'switch' },
  { name: 'Verbose', aliases: ['vb'], type: 'switch' },
  { name: 'Debug', aliases: ['db'], type: 'switch' },
  { name: 'ErrorAction', aliases: ['ea'], type: 'any' },
  { name: 'WarningAction', aliases: ['wa'], type: 'any' },
  { name: 'InformationAction', aliases: ['infa'], type: 'any' },
  { name: 'ErrorVariable', aliases: ['ev'], type: 'any' },
  { name: 'WarningVariable', aliases: ['wv'], type: 'any' },
  { name: 'OutVariable', aliases: ['ov'], type: 'any' },
];

export function allParameters(spec: CmdletSpec): ParamSpec[] {
  const own = new Set(spec.parameters.map((p) => p.name.toLowerCase()));
  return [...spec.parameters, ...COMMON_PARAMETERS.filter((p) => !own.has(p.name.toLowerCase()))];
}

type Found = { ok: true; param: ParamSpec } | { ok: false; refusal: Refusal };

function resolveParameter(spec: CmdletSpec, params: ParamSpec[], given: string): Found {
  const key = given.replace(/^-/, '').toLowerCase();
  const names = (p: ParamSpec): string[] => [p.name, ...(p.aliases ?? [])].map((n) => n.toLowerCase());
  const exact = params.find((p) => names(p).includes(key));
  if (exact !== undefined) return { ok: true, param: exact };
  const byPrefix = params.filter((p) => names(p).some((n) => n.startsWith(key)));
  if (byPrefix.length === 1 && byPrefix[0] !== undefined) return { ok: true, param: byPrefix[0] };
  if (byPrefix.length > 1) {
    return {
      ok: false,
      refusal: refusal('UnknownParameter', `-${given} is ambiguous for ${spec.name}: it could be ${byPrefix.map((p) => `-${p.name}`).join(', ')}.`),
    };
  }
  return {
    ok: false,
    refusal: refusal('UnknownParameter', `${spec.name} has no parameter -${given}; its parameters are ${spec.parameters.map((p) => `-${p.name}`).join(', ')}.`),
  };
}

/** The text a value has when bound to a [string] parameter. */
export function valueText(value: CmdletValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null) return undefined;
  if (Array.isArray(value)) return undefined;
  if (value.kind === 'object') return value.text;
  return undefined;
}

function flatten(value: CmdletValue): CmdletValue[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

type Converted = { ok: true; value: unknown } | { ok: false; refusal: Refusal };

function invalid(cmdlet: string, param: ParamSpec, why: string): Converted {
  return { ok: false, refusal: refusal('InvalidParameterValue', `${cmdlet} -${param.name}: ${why}`) };
}

function show(value: CmdletValue): string {
  if (value === null) return '$null';
  if (typeof value === 'object' && !Array.isArray(value)) return value.kind === 'object' ? value.text : '@{...}';
  return JSON.stringify(value);
}

function toStringList(cmdlet: string, param: ParamSpec, value: CmdletValue): { ok: true; value: string[] } | { ok: false; refusal: Refusal } {
  const out: string[] = [];
  for (const item of flatten(value)) {
    const text = valueText(item);
    if (text === undefined) {
      const r = invalid(cmdlet, param, `${show(item)} is not a text value.`);
      if (!r.ok) return r;
    } else out.push(text);
  }
  return { ok: true, value: out };
}

const MODIFIER_KEYS = ['add', 'remove', 'replace'] as const;

function convert(cmdlet: string, param: ParamSpec, type: ParamType, value: CmdletValue): Converted {
  switch (type) {
    case 'any':
    case 'object':
      return { ok: true, value };
    case 'string': {
      if (value === null) {
        return param.nullable === true ? { ok: true, value: null } : invalid(cmdlet, param, 'a value is required; $null is not accepted here.');
      }
      if (Array.isArray(value) && value.length === 1 && value[0] !== undefined) return convert(cmdlet, param, type, value[0]);
      const text = valueText(value);
      return text === undefined ? invalid(cmdlet, param, `${show(value)} is not a single text value.`) : { ok: true, value: text };
    }
    case 'switch':
    case 'bool': {
      if (value === null && type === 'switch') return { ok: true, value: true };
      if (typeof value === 'boolean') return { ok: true, value };
      if (typeof value === 'number' && (value === 0 || value === 1)) return { ok: true, value: value === 1 };
      if (typeof value === 'string' && /^\$?(true|false)$/i.test(value.trim())) {
        return { ok: true, value: /true/i.test(value) };
      }
      return invalid(cmdlet, param, `${show(value)} is not $true or $false.`);
    }
    case 'int':
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n) || (type === 'int' && !Number.isInteger(n))) {
        return invalid(cmdlet, param, `${show(value)} is not ${type === 'int' ? 'a whole number' : 'a number'}.`);
      }
      return { ok: true, value: n };
    }
    case 'stringList':
      if (value === null) return invalid(cmdlet, param, 'a list is required; $null is not accepted here.');
      return toStringList(cmdlet, param, value);
    case 'listModifier': {
      if (value !== null && typeof value === 'object' && !Array.isArray(value) && value.kind === 'hashtable') {
        const change: ListChange<CmdletValue> = {};
        for (const [key, entry] of Object.entries(value.entries)) {
          const k = key.toLowerCase();
          if (!(MODIFIER_KEYS as readonly string[]).includes(k)) {
            return invalid(cmdlet, param, `@{${key}=...} is not a list change; use @{add=...}, @{remove=...} or @{replace=...}.`);
          }
          change[k as (typeof MODIFIER_KEYS)[number]] = entry === null ? [] : flatten(entry);
        }
        return { ok: true, value: change };
      }
      return { ok: true, value: { replace: value === null ? [] : flatten(value) } };
    }
  }
}

class Bound implements BoundArgs {
  constructor(
    readonly set: string | undefined,
    private readonly values: Map<string, unknown>,
  ) {}
  private get(name: string): unknown {
    return this.values.get(name.toLowerCase());
  }
  has(name: string): boolean {
    return this.values.has(name.toLowerCase());
  }
  string(name: string): string | null | undefined {
    const v = this.get(name);
    return typeof v === 'string' || v === null ? v : undefined;
  }
  bool(name: string): boolean | undefined {
    const v = this.get(name);
    return typeof v === 'boolean' ? v : undefined;
  }
  number(name: string): number | undefined {
    const v = this.get(name);
    return typeof v === 'number' ? v : undefined;
  }
  switch(name: string): boolean {
    return this.get(name) === true;
  }
  list(name: string): string[] | undefined {
    const v = this.get(name);
    return Array.isArray(v) ? (v as string[]) : undefined;
  }
  objectModifier(name: string): ListChange<CmdletValue> | undefined {
    const v = this.get(name);
    return v !== undefined && v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as ListChange<CmdletValue>) : undefined;
  }
  modifier(name: string): ListChange<string> | undefined {
    const change = this.objectModifier(name);
    if (change === undefined) return undefined;
    const out: ListChange<string> = {};
    for (const key of MODIFIER_KEYS) {
      const list = change[key];
      if (list !== undefined) out[key] = list.map((x) => valueText(x) ?? '');
    }
    return out;
  }
  raw(name: string): CmdletValue | undefined {
    return this.values.get(`raw:${name.toLowerCase()}`) as CmdletValue | undefined;
  }
}

function inSet(p: ParamSpec, set: string): boolean {
  return p.sets === undefined || p.sets.includes(set);
}

function mandatoryIn(p: ParamSpec, set: string | undefined): boolean {
  if (p.mandatory === undefined || p.mandatory === false) return false;
  if (p.mandatory === true) return set === undefined || inSet(p, set);
  return set !== undefined && p.mandatory.includes(set);
}

export type Binding = { ok: true; args: BoundArgs } | { ok: false; refusal: Refusal };

export function bind(spec: CmdletSpec, inv: CmdletInvocation): Binding {
  const params = allParameters(spec);
  const given = new Map<ParamSpec, CmdletValue>();
  for (const [name, value] of Object.entries(inv.named)) {
    const found = resolveParameter(spec, params, name);
    if (!found.ok) return found;
    if (given.has(found.param)) {
      return { ok: false, refusal: refusal('InvalidParameterValue', `${spec.name}: -${found.param.name} is given more than once (also through an alias).`) };
    }
    given.set(found.param, value);
  }
  // Positions count only within the parameter sets the named parameters leave open
  // (`Grant-... -Global Seattle` binds Seattle to -PolicyName, not to -Identity).
  const openSets = spec.sets?.filter((s) => [...given.keys()].every((p) => inSet(p, s)));
  const positional = params
    .filter((p) => p.position !== undefined && (openSets === undefined || p.sets === undefined || p.sets.some((s) => openSets.includes(s))))
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  for (const value of inv.positional) {
    const slot = positional.find((p) => !given.has(p));
    if (slot === undefined) {
      return { ok: false, refusal: refusal('InvalidParameterValue', `${spec.name}: no positional parameter accepts ${show(value)}; name the parameter it is for.`) };
    }
    given.set(slot, value);
  }
  const piped = inv.pipelineInput;
  if (piped !== undefined) {
    let used = false;
    for (const p of params) {
      if (given.has(p) || p.pipeline === undefined) continue;
      if (piped !== null && typeof piped === 'object' && !Array.isArray(piped) && piped.kind === 'object') {
        const names = [p.name, ...(p.aliases ?? [])].map((n) => n.toLowerCase());
        const prop = Object.entries(piped.properties).find(([k]) => names.includes(k.toLowerCase()));
        if (prop !== undefined) {
          given.set(p, prop[1]);
          used = true;
        } else if (p.pipeline === 'value') {
          given.set(p, piped);
          used = true;
        }
      } else if (p.pipeline === 'value') {
        given.set(p, piped);
        used = true;
      }
    }
    if (!used) {
      return { ok: false, refusal: refusal('InvalidParameterValue', `${spec.name} does not take ${show(piped)} from the pipeline.`) };
    }
  }
  let set: string | undefined;
  if (spec.sets !== undefined && spec.sets.length > 0) {
    const candidates = spec.sets.filter((s) => [...given.keys()].every((p) => inSet(p, s)));
    if (candidates.length === 0) {
      const names = [...given.keys()].filter((p) => p.sets !== undefined).map((p) => `-${p.name}`);
      return {
        ok: false,
        refusal: refusal('AmbiguousParameterSet', `${spec.name}: ${names.join(', ')} cannot be used together; the parameter sets are ${spec.sets.map((s) => `${s} (${spec.parameters.filter((p) => p.sets?.includes(s)).map((p) => `-${p.name}`).join(' ')})`).join(', ')}.`),
      };
    }
    const complete = candidates.filter((s) => params.every((p) => !mandatoryIn(p, s) || given.has(p)));
    set = complete[0] ?? candidates[0];
  }
  const missing = params.filter((p) => mandatoryIn(p, set) && !given.has(p));
  if (missing.length > 0) {
    return {
      ok: false,
      refusal: refusal('MissingParameter', `${spec.name}${set === undefined ? '' : ` (${set})`} needs ${missing.map((p) => `-${p.name}`).join(', ')}.`),
    };
  }
  const values = new Map<string, unknown>();
  for (const [p, value] of given) {
    const converted = convert(spec.name, p, p.type, value);
    if (!converted.ok) return converted;
    values.set(p.name.toLowerCase(), converted.value);
    values.set(`raw:${p.name.toLowerCase()}`, value);
  }
  return { ok: true, args: new Bound(set, values) };
}

/** Levenshtein distance, for the UnknownCmdlet suggestion. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
