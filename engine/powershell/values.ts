/**
 * PowerShell's rules for values, restricted to CmdletValue: how a value becomes text, when it is
 * true, how comparisons and member access behave, and how output is shown.
 */
import type { CmdletObject, CmdletValue, Hashtable } from '../tenant/index.js';
import type { ComparisonOperator } from './ast.js';

function isObject(value: CmdletValue): value is CmdletObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'object';
}

function isHashtable(value: CmdletValue): value is Hashtable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'hashtable';
}

/** The text of a value as string expansion and Write-Host show it. */
export function toText(value: CmdletValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (Array.isArray(value)) return value.map(toText).join(' ');
  if (isObject(value)) return value.text;
  return 'System.Collections.Hashtable';
}

/** PowerShell's truth: $null, 0, '' and an empty array are false; one item is judged alone. */
export function isTrue(value: CmdletValue): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) {
    if (value.length === 0) return false;
    if (value.length === 1) return isTrue(value[0] ?? null);
    return true;
  }
  return true;
}

/** A pipeline's output as a value: nothing is $null, one object is itself, more are an array. */
export function collapse(items: CmdletValue[]): CmdletValue {
  if (items.length === 0) return null;
  if (items.length === 1) return items[0] ?? null;
  return items;
}

/** The items a value sends down a pipeline or a foreach loop visits. */
export function enumerate(value: CmdletValue): CmdletValue[] {
  if (value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function wildcardMatch(text: string, pattern: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'is').test(text);
}

function scalarEquals(left: CmdletValue, right: CmdletValue): boolean {
  if (left === null || right === null) return left === right;
  if (typeof left === 'number') {
    const r = typeof right === 'number' ? right : Number(toText(right));
    return left === r;
  }
  if (typeof left === 'boolean') return left === isTrue(right);
  return toText(left).toLowerCase() === toText(right).toLowerCase();
}

function scalarCompare(operator: ComparisonOperator, left: CmdletValue, right: CmdletValue): boolean {
  switch (operator) {
    case 'eq':
      return scalarEquals(left, right);
    case 'ne':
      return !scalarEquals(left, right);
    case 'like':
      return wildcardMatch(toText(left), toText(right));
    case 'notlike':
      return !wildcardMatch(toText(left), toText(right));
  }
}

/** `-eq` and friends, case-insensitive; with an array on the left they select matching items. */
export function compare(operator: ComparisonOperator, left: CmdletValue, right: CmdletValue): CmdletValue {
  if (Array.isArray(left)) return left.filter((item) => scalarCompare(operator, item, right));
  return scalarCompare(operator, left, right);
}

export type MemberResult = { found: true; value: CmdletValue } | { found: false; owner: string };

function describeOwner(value: CmdletValue): string {
  if (value === null) return '$null';
  if (Array.isArray(value)) return 'an array';
  if (isObject(value)) return `the ${value.typeName} '${value.text}'`;
  if (isHashtable(value)) return 'a hashtable';
  return `the ${typeof value} '${toText(value)}'`;
}

/**
 * `$x.Name`, case-insensitive. `.Count`/`.Length` work on every value (PowerShell adds them to
 * scalars); on an array any other name reads that member of each item (member enumeration).
 */
export function getMember(value: CmdletValue, name: string): MemberResult {
  const lower = name.toLowerCase();
  if (Array.isArray(value)) {
    if (lower === 'count' || lower === 'length') return { found: true, value: value.length };
    const results: CmdletValue[] = [];
    for (const item of value) {
      const member = getMember(item, name);
      if (member.found && member.value !== null) results.push(member.value);
    }
    if (results.length === 0) return { found: false, owner: describeOwner(value) };
    return { found: true, value: collapse(results) };
  }
  if (isObject(value)) {
    const key = Object.keys(value.properties).find((k) => k.toLowerCase() === lower);
    if (key !== undefined) return { found: true, value: value.properties[key] ?? null };
  } else if (isHashtable(value)) {
    if (lower in value.entries) return { found: true, value: value.entries[lower] ?? null };
    if (lower === 'count') return { found: true, value: Object.keys(value.entries).length };
  } else if (typeof value === 'string' && lower === 'length') {
    return { found: true, value: value.length };
  }
  if (lower === 'count' || lower === 'length') return { found: true, value: value === null ? 0 : 1 };
  return { found: false, owner: describeOwner(value) };
}

/** A value inside a table or list cell: arrays as `{a, b}`, as PowerShell shows them. */
function cellText(value: CmdletValue): string {
  if (Array.isArray(value)) return `{${value.map(cellText).join(', ')}}`;
  if (value !== null && typeof value === 'object' && value.kind === 'hashtable') {
    return `@{${Object.entries(value.entries)
      .map(([k, v]) => `${k}=${cellText(v)}`)
      .join('; ')}}`;
  }
  return toText(value);
}

/** Output a script did not capture, in PowerShell's list format for objects. */
export function formatOutput(items: CmdletValue[]): string {
  const blocks: string[] = [];
  for (const item of items) {
    if (isObject(item)) {
      const names = Object.keys(item.properties);
      const width = Math.max(0, ...names.map((n) => n.length));
      blocks.push(names.map((n) => `${n.padEnd(width)} : ${cellText(item.properties[n] ?? null)}`).join('\n'));
    } else {
      blocks.push(cellText(item));
    }
  }
  return blocks.join('\n\n');
}

/** A short description of an assigned value for the transcript. */
export function describeValue(value: CmdletValue): string {
  if (value === null) return '$null';
  if (typeof value === 'boolean') return value ? '$true' : '$false';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `${value.length} items: ${value.map(describeValue).join(', ')}`;
  if (isObject(value)) return `${value.typeName} ${value.text}`;
  return cellText(value);
}
