/**
 * Timeline entries are cmdlet invocations at a simulated time. They are bound at load time, on a
 * copy of the tenant and in time order, so a bad parameter or a change the cmdlets would refuse is
 * an issue at its node now rather than a surprise in the middle of a run; the run applies them.
 */
import { invokeCmdlet, isRuleId, type CmdletInvocation, type CmdletValue, type Tenant } from '../tenant/index.js';
import type { TimelineEntryFile } from './schema.js';
import { runScenarioScript } from './script.js';
import type { Path } from './source.js';
import type { PendingIssue } from './zod-issues.js';

/** One change at a time: a cmdlet invocation, or a line of PowerShell for engine/powershell. */
export type TimelineEntry =
  | {
      kind: 'cmdlet';
      /** Milliseconds from the scenario start. */
      at: number;
      invocation: CmdletInvocation;
      /** Index of the entry in the file's `timeline`, for messages. */
      index: number;
    }
  | { kind: 'ps'; at: number; source: string; index: number };

/** A YAML value as a cmdlet parameter: mappings become hashtables with lower-case keys. */
export function toCmdletValue(value: unknown): CmdletValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const items = value.map(toCmdletValue);
    return items.every((v): v is CmdletValue => v !== undefined) ? items : undefined;
  }
  if (typeof value === 'object') {
    const entries: Record<string, CmdletValue> = {};
    for (const [k, v] of Object.entries(value)) {
      const converted = toCmdletValue(v);
      if (converted === undefined) return undefined;
      entries[k.toLowerCase()] = converted;
    }
    return { kind: 'hashtable', entries };
  }
  return undefined;
}

/** The parameter a binding error is about: the first `-Name` of the message that the entry has. */
function parameterNamedIn(message: string, keys: readonly string[]): string | undefined {
  const lower = message.toLowerCase();
  let best: { key: string; at: number } | undefined;
  for (const key of keys) {
    const match = new RegExp(`-${key.toLowerCase()}(?![a-z0-9])`).exec(lower);
    if (match !== null && (best === undefined || match.index < best.at)) best = { key, at: match.index };
  }
  return best?.key;
}

export interface BoundTimeline {
  entries: TimelineEntry[];
  issues: PendingIssue[];
}

export function bindTimeline(entries: readonly TimelineEntryFile[], tenant: Tenant, horizon: number, file: string): BoundTimeline {
  const issues: PendingIssue[] = [];
  const bound: TimelineEntry[] = [];
  const order = entries.map((entry, index) => ({ entry, index })).sort((a, b) => a.entry.at - b.entry.at || a.index - b.index);
  // The copy costs a second tenant (a second of a million users' worth): made only when needed.
  const rehearsal = entries.length === 0 ? tenant : structuredClone(tenant);
  for (const { entry, index } of order) {
    const path: Path = ['timeline', index];
    // The run stops at the horizon before anything scheduled at that instant (SimPy's `until`).
    if (entry.at >= horizon) {
      const when = entry.at === horizon ? 'at' : 'after';
      issues.push({ code: 'too_big', path: [...path, 'at'], expected: 'a time before the horizon', message: `timeline[${index}] is ${when} the scenario's horizon and would never run` });
    }
    if (entry.kind === 'ps') {
      const errors = runScenarioScript(rehearsal, entry.ps, `${file} timeline[${index}]`);
      for (const e of errors) {
        issues.push({
          code: e.code,
          path: [...path, 'ps'],
          expected: isRuleId(e.code) ? `what docs/rules.md ${e.code} allows at that time` : 'a line of PowerShell callsim can run',
          message: `${e.message} (timeline[${index}], column ${e.column} of the line)`,
        });
      }
      if (errors.length === 0) bound.push({ kind: 'ps', at: entry.at, source: entry.ps, index });
      continue;
    }
    const named: Record<string, CmdletValue> = {};
    let convertible = true;
    for (const [key, value] of Object.entries(entry.params)) {
      const converted = toCmdletValue(value);
      if (converted === undefined) {
        convertible = false;
        issues.push({ code: 'invalid_type', path: [...path, key], expected: 'a string, number, boolean, null, list or mapping', message: `parameter ${key} has a value a cmdlet cannot take` });
      } else {
        named[key] = converted;
      }
    }
    if (!convertible) continue;
    const invocation: CmdletInvocation = { name: entry.do, named, positional: [] };
    const result = invokeCmdlet(rehearsal, structuredClone(invocation));
    if (!result.ok) {
      // A binding error usually names the parameter: point at it when it does.
      const param = parameterNamedIn(result.refusal.message, Object.keys(named));
      const at: Path = result.refusal.code === 'UnknownCmdlet' ? [...path, 'do'] : param !== undefined && /Parameter/.test(result.refusal.code) ? [...path, param] : path;
      const hint = result.refusal.suggestion === undefined ? '' : ` (did you mean ${result.refusal.suggestion}?)`;
      issues.push({
        code: result.refusal.code,
        path: at,
        expected: isRuleId(result.refusal.code) ? `what docs/rules.md ${result.refusal.code} allows at that time` : 'a cmdlet invocation PowerShell can bind',
        message: `${result.refusal.message}${hint} (timeline[${index}], ${entry.do})`,
      });
      continue;
    }
    bound.push({ kind: 'cmdlet', at: entry.at, invocation, index });
  }
  return { entries: bound, issues };
}
