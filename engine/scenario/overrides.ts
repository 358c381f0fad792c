/**
 * `--set PATH=VALUE`: a change to a scenario document before the schema sees it, so a sweep or a
 * comparison can run one file with changes and every changed value is checked as if written in
 * the file. PATH is dotted into the document (`settings.callbackPool.reuse`,
 * `tenant.policies.sharedCalling.0.emergencyNumbers`); a numeric segment indexes a list.
 */
import { parse as parseYaml } from 'yaml';

export interface ScenarioOverride {
  /** The path as written, for messages. */
  text: string;
  path: (string | number)[];
  value: unknown;
}

/** What went wrong with an override, in words that name it; undefined when it applied. */
export type OverrideProblem = string;

/** PATH split at dots; a segment of digits indexes a list. Undefined for an empty segment. */
export function parseOverridePath(text: string): (string | number)[] | undefined {
  const segments = text.split('.');
  if (segments.some((s) => s.length === 0)) return undefined;
  return segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * One value as YAML reads it (`5` a number, `oldest` a string, `[a, b]` a list, `"5"` the string
 * 5), so a value on the command line means what it would in the file.
 */
export function parseOverrideValue(text: string): unknown {
  try {
    return parseYaml(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * `V1,V2,...` split at the commas outside brackets, braces and quotes, so `[a, b],[c]` is two
 * values.
 */
export function splitOverrideValues(text: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (const ch of text) {
    if (quote !== null) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      values.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  values.push(current.trim());
  return values;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Applies *overrides* to a copy of *document*. A missing mapping on the way is created (the
 * schema then says whether the key may be there); a list index past the end, or a path through a
 * value that is neither a mapping nor a list, is a problem naming the path.
 */
export function applyOverrides(document: unknown, overrides: readonly ScenarioOverride[]): { ok: true; value: unknown } | { ok: false; problems: OverrideProblem[] } {
  const copy = structuredClone(document);
  const problems: OverrideProblem[] = [];
  for (const o of overrides) {
    let node: unknown = copy;
    let failed = false;
    for (let i = 0; i < o.path.length; i++) {
      const segment = o.path[i] as string | number;
      const last = i === o.path.length - 1;
      const at = o.path.slice(0, i).join('.') || '(the document)';
      if (Array.isArray(node)) {
        if (typeof segment !== 'number' || segment > node.length || (segment === node.length && !last)) {
          problems.push(`--set ${o.text}: ${at} is a list of ${node.length}; ${typeof segment === 'number' ? `there is no element ${segment}` : `"${segment}" is not an index`}`);
          failed = true;
          break;
        }
        if (last) node[segment] = o.value;
        else node = node[segment];
      } else if (isRecord(node)) {
        const key = String(segment);
        if (last) node[key] = o.value;
        else {
          if (node[key] === undefined) node[key] = {};
          node = node[key];
        }
      } else {
        problems.push(`--set ${o.text}: ${at} is ${node === null || node === undefined ? 'empty' : `the value ${JSON.stringify(node)}`}, so it has no "${segment}"`);
        failed = true;
        break;
      }
    }
    if (failed) continue;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: copy };
}
