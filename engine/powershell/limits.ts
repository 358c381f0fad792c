/**
 * The limits that keep one script (one `callsim ps` file, one `callsim shell` line, one scenario
 * script) from exhausting the stack, memory or time, whatever it holds. Each limit is far above
 * what a Teams configuration script needs (a tenant's users and numbers: thousands) and low enough
 * that the script ends in well under a second with a located error rather than a crash.
 *
 * PowerShell itself has none of these limits: it nests until its parser runs low on stack
 * (ScriptTooComplicated), builds strings and arrays until .NET refuses (about a billion characters
 * or two billion items, OutOfMemoryException), and runs loops for as long as they take.
 * docs/powershell.md lists them for users.
 */
import type { CmdletValue } from '../tenant/index.js';

export const LIMITS = {
  /**
   * Parser: levels of `( )`, `$( )`, `@( )`, `@{ }` and `{ }` blocks inside each other, where each
   * link of a comparison chain (`a -eq b -eq c`) or member chain (`$x.A.B`) also counts one level.
   */
  nesting: 100,
  /** Characters in one string (a literal, an expanded "...", what Write-Host prints). */
  stringLength: 1_000_000,
  /**
   * Items in one array (a literal, @( ), the output of a pipeline kept as a value), and items a
   * cmdlet is given in one argument, counted through arrays inside arrays (its binder flattens them).
   */
  arrayItems: 100_000,
  /** Levels of arrays and hashtables inside each other in one value. */
  valueDepth: 100,
  /**
   * Size of one value: its characters and items in all, a part that appears twice counted twice
   * (as printing it or passing it to a cmdlet would see it). `$a = $a, $a` doubles it.
   */
  valueSize: 10_000_000,
  /**
   * Work in one run, in units of roughly 20 to 40 ns of this interpreter's time (interpreter.ts,
   * WORK): 20 a statement or loop round, 50 a cmdlet call, 1 an item moved or built, 1 per 64
   * characters of flat text, and a value's size once (its text built) or three times (walked by a
   * cmdlet's binder or by member enumeration). Nested loops multiply rounds; this bounds them.
   */
  work: 10_000_000,
  /** Characters of one statement's printed output (more is elided with a note saying how much). */
  outputChars: 1_000_000,
  /** Characters of everything one run prints (text and statement sources); past it the script stops. */
  transcriptChars: 10_000_000,
  /** PowerShell's $FormatEnumerationLimit: items of a collection shown inside a property or cell. */
  formatEnumeration: 4,
} as const;

/** A limit a value would pass; the interpreter turns it into a runtime error at the expression. */
export class LimitError {
  constructor(
    readonly code: 'ValueTooLarge' | 'ValueTooDeep',
    readonly message: string,
  ) {}
}

/** Numbers as PowerShell's messages print them, with thousands separators. */
export function count(n: number): string {
  return Number.isFinite(n) && n < 1e21 ? Math.round(n).toLocaleString('en-US') : String(n);
}

interface Measure {
  /** Characters and items, shared parts counted each time they are reached. */
  size: number;
  /** Items other than arrays, counted through arrays inside arrays: what flattening gives. */
  leaves: number;
  /** Levels of arrays and hashtables: 0 for a scalar. */
  depth: number;
  /** The length of the value's text (toText): what "$x" or Write-Host would build. */
  text: number;
}

/** Measures of arrays and hashtables already seen: values are never changed once built. */
const measured = new WeakMap<object, Measure>();

const HASHTABLE_TEXT = 'System.Collections.Hashtable';

/** Size, depth and text length of *value*, in time proportional to its newly built parts. */
export function measure(value: CmdletValue): Measure {
  if (value === null) return { size: 1, leaves: 1, depth: 0, text: 0 };
  if (typeof value === 'boolean') return { size: 1, leaves: 1, depth: 0, text: value ? 4 : 5 };
  if (typeof value === 'number') return { size: 1, leaves: 1, depth: 0, text: String(value).length };
  if (typeof value === 'string') return { size: Math.max(1, value.length), leaves: 1, depth: 0, text: value.length };
  const known = measured.get(value);
  if (known !== undefined) return known;
  let result: Measure;
  if (Array.isArray(value)) {
    let size = 1;
    let leaves = 0;
    let depth = 0;
    let text = Math.max(0, value.length - 1);
    for (const item of value) {
      const m = measure(item);
      size += m.size;
      leaves += m.leaves;
      depth = Math.max(depth, m.depth);
      text += m.text;
    }
    result = { size, leaves, depth: depth + 1, text };
  } else if (value.kind === 'hashtable') {
    let size = 1;
    let depth = 0;
    for (const [key, entry] of Object.entries(value.entries)) {
      const m = measure(entry);
      size += Math.max(1, key.length) + m.size;
      depth = Math.max(depth, m.depth);
    }
    result = { size, leaves: 1, depth: depth + 1, text: HASHTABLE_TEXT.length };
  } else {
    // An object a cmdlet returned: the tenant's own data, which a script cannot grow.
    result = { size: 1, leaves: 1, depth: 1, text: value.text.length };
  }
  measured.set(value, result);
  return result;
}

/** Throws a LimitError when *value* passes a limit on its items, depth or size. */
export function checkValue(value: CmdletValue): void {
  if (typeof value === 'string') {
    if (value.length > LIMITS.stringLength) throw stringTooLong(value.length);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value) && value.length > LIMITS.arrayItems) {
    throw new LimitError('ValueTooLarge', `The array would hold ${count(value.length)} items, more than callsim's limit of ${count(LIMITS.arrayItems)}.`);
  }
  const m = measure(value);
  if (m.depth > LIMITS.valueDepth) {
    throw new LimitError(
      'ValueTooDeep',
      `The value would nest arrays and hashtables ${count(m.depth)} levels deep, more than callsim's limit of ${count(LIMITS.valueDepth)}.`,
    );
  }
  if (m.size > LIMITS.valueSize) {
    throw new LimitError(
      'ValueTooLarge',
      `The value would hold ${count(m.size)} characters and items in all (a part that appears twice counts twice), more than callsim's limit of ${count(LIMITS.valueSize)}.`,
    );
  }
}

/**
 * Throws a LimitError when *value*, given to a cmdlet as *what* (`-Name`, a positional value, the
 * pipeline), would reach it as more items than LIMITS.arrayItems once flattened, or as a hashtable
 * holding more: the tenant's binder flattens arrays inside arrays and looks at each item.
 */
export function checkArgument(value: CmdletValue, what: string): void {
  if (value === null || typeof value !== 'object') return;
  let items = measure(value).leaves;
  if (!Array.isArray(value) && value.kind === 'hashtable') {
    items = 0;
    for (const entry of Object.values(value.entries)) items += measure(entry).leaves;
  }
  if (items > LIMITS.arrayItems) {
    throw new LimitError(
      'ValueTooLarge',
      `The value given to ${what} would reach the cmdlet as ${count(items)} items (arrays inside arrays are flattened), more than callsim's limit of ${count(LIMITS.arrayItems)}.`,
    );
  }
}

export function stringTooLong(length: number): LimitError {
  return new LimitError('ValueTooLarge', `The string would be ${count(length)} characters long, more than callsim's limit of ${count(LIMITS.stringLength)}.`);
}

/** Throws a LimitError when text of *length* characters would pass the string limit. */
export function checkTextLength(length: number): void {
  if (length > LIMITS.stringLength) throw stringTooLong(length);
}
