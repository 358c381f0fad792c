/**
 * PowerShell's rules for values, restricted to CmdletValue: how a value becomes text, when it is
 * true, how comparisons and member access behave, and how output is shown.
 */
import type { CmdletObject, CmdletValue, Hashtable } from '../tenant/index.js';
import type { ComparisonOperator } from './ast.js';
import { LIMITS, checkTextLength, count, measure } from './limits.js';

function isObject(value: CmdletValue): value is CmdletObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'object';
}

function isHashtable(value: CmdletValue): value is Hashtable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && value.kind === 'hashtable';
}

/**
 * The text of a value as string expansion and Write-Host show it. Throws a LimitError (before
 * building anything) when an array's text would pass the string limit.
 */
export function toText(value: CmdletValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (Array.isArray(value)) {
    checkTextLength(measure(value).text);
    return value.map(toText).join(' ');
  }
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

/**
 * Case-insensitive folding that keeps every character at its index (a `?` matches one character
 * either way), unlike toLowerCase on the few characters whose lower case is longer.
 */
function fold(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const c of text) {
    const l = c.toLowerCase();
    out += l.length === c.length ? l : c;
  }
  return out;
}

function matchesAt(text: string, at: number, segment: string): boolean {
  for (let k = 0; k < segment.length; k++) {
    const p = segment[k];
    if (p !== '?' && p !== text[at + k]) return false;
  }
  return true;
}

/** Where *segment* first matches in text[from, end), or -1. */
function findSegment(text: string, segment: string, from: number, end: number): number {
  if (!segment.includes('?')) {
    const at = text.indexOf(segment, from);
    return at >= 0 && at + segment.length <= end ? at : -1;
  }
  for (let at = from; at + segment.length <= end; at++) if (matchesAt(text, at, segment)) return at;
  return -1;
}

/**
 * Comparisons per character of the text that matching *pattern* may take beyond one pass: the
 * pieces between stars that hold a `?` are tried at each place (the others use indexOf).
 */
export function wildcardWork(pattern: string): number {
  const segments = pattern.split('*');
  let work = 1;
  for (let k = 1; k < segments.length - 1; k++) {
    const segment = segments[k] ?? '';
    if (segment.includes('?')) work += segment.length;
  }
  return work;
}

/**
 * `-like`: `*` matches any run of characters and `?` any one, case-insensitively. The pattern is
 * split at its stars; the first piece must match at the start, the last at the end, and each piece
 * between at its leftmost place after the one before. No backtracking, so a long text with many
 * stars cannot take exponential time (a regular expression of `.*` pieces could).
 */
export function wildcardMatch(text: string, pattern: string): boolean {
  const t = fold(text);
  const segments = fold(pattern).split('*');
  const first = segments[0] ?? '';
  if (segments.length === 1) return t.length === first.length && matchesAt(t, 0, first);
  const last = segments[segments.length - 1] ?? '';
  if (first.length + last.length > t.length) return false;
  if (!matchesAt(t, 0, first) || !matchesAt(t, t.length - last.length, last)) return false;
  let from = first.length;
  const end = t.length - last.length;
  for (let k = 1; k < segments.length - 1; k++) {
    const segment = segments[k] ?? '';
    if (segment === '') continue;
    const at = findSegment(t, segment, from, end);
    if (at < 0) return false;
    from = at + segment.length;
  }
  return true;
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

/** At most *max* characters of *text*, with how many more there are. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}... (${count(text.length - max)} more characters)`;
}

function describeOwner(value: CmdletValue): string {
  if (value === null) return '$null';
  if (Array.isArray(value)) return 'an array';
  if (isObject(value)) return `the ${value.typeName} '${shorten(value.text, 80)}'`;
  if (isHashtable(value)) return 'a hashtable';
  return `the ${typeof value} '${shorten(toText(value), 80)}'`;
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
    // Own keys only: `$h.constructor` is not a key of the hashtable.
    if (Object.hasOwn(value.entries, lower)) return { found: true, value: value.entries[lower] ?? null };
    if (lower === 'count') return { found: true, value: Object.keys(value.entries).length };
  } else if (typeof value === 'string' && lower === 'length') {
    return { found: true, value: value.length };
  }
  if (lower === 'count' || lower === 'length') return { found: true, value: value === null ? 0 : 1 };
  return { found: false, owner: describeOwner(value) };
}

const ARRAY_TEXT = 'System.Object[]';
const HASHTABLE_TEXT = 'System.Collections.Hashtable';

/**
 * A value inside a collection shown in a cell: PowerShell's formatter enumerates one level only,
 * and shows a collection inside it by its .NET type name.
 */
function innerText(value: CmdletValue): string {
  if (Array.isArray(value)) return ARRAY_TEXT;
  if (isHashtable(value)) return HASHTABLE_TEXT;
  return toText(value);
}

/** The first $FormatEnumerationLimit items, then `...` when there are more (Windows PowerShell 5.1's mark). */
function enumerationText<T>(items: T[], show: (item: T) => string, separator: string): string {
  const shown = items.slice(0, LIMITS.formatEnumeration).map(show).join(separator);
  return items.length > LIMITS.formatEnumeration ? `${shown}...` : shown;
}

/**
 * A value in a table or list cell (a property's value, an entry of a hashtable, an array that is
 * itself an item of the output): a collection as `{a, b, c, d...}` and `@{k=v; ...}`, with at most
 * $FormatEnumerationLimit (4) items, each shown by innerText.
 */
function cellText(value: CmdletValue): string {
  if (Array.isArray(value)) return `{${enumerationText(value, innerText, ', ')}}`;
  if (isHashtable(value)) return `@{${enumerationText(Object.entries(value.entries), ([k, v]) => `${k}=${innerText(v)}`, '; ')}}`;
  return toText(value);
}

/** One item of uncaptured output: an object in PowerShell's list format, a hashtable with every entry. */
function itemText(item: CmdletValue): string {
  if (isObject(item)) {
    const names = Object.keys(item.properties);
    const width = Math.max(0, ...names.map((n) => n.length));
    return names.map((n) => `${n.padEnd(width)} : ${cellText(item.properties[n] ?? null)}`).join('\n');
  }
  if (isHashtable(item)) return `@{${Object.entries(item.entries).map(([k, v]) => `${k}=${cellText(v)}`).join('; ')}}`;
  return cellText(item);
}

/**
 * Output a script did not capture: objects in PowerShell's list format, separated by a blank line,
 * other values one to a line. Past *maxChars* characters the rest is elided, whole items at a
 * time (the first item is always shown), with a line saying how many items were left out.
 */
export function formatOutput(items: CmdletValue[], maxChars: number = LIMITS.outputChars): string {
  let text = '';
  let shown = 0;
  // Room for the line that says what was left out.
  const room = maxChars - 300;
  for (const item of items) {
    const block = itemText(item);
    const separator = shown === 0 ? '' : isObject(item) || isObject(items[shown - 1] ?? null) ? '\n\n' : '\n';
    if (shown > 0 && text.length + separator.length + block.length > room) break;
    text += separator + block;
    shown++;
  }
  if (shown < items.length) {
    const left = items.length - shown;
    text += `\n... ${count(left)} more ${left === 1 ? 'item' : 'items'} not shown: one statement prints at most ${count(maxChars)} characters (assign the output to a variable and use foreach to reach every item)`;
  }
  return text;
}
