/**
 * Loading a scenario file: read (YAML or JSON) -> schema check (with defaults) -> build the tenant
 * through its cmdlets -> bind the timeline -> frozen Scenario. Every issue found on the way is
 * collected, located at file:line:column, and returned sorted; nothing stops at the first.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Tenant } from '../tenant/index.js';
import { buildTenant } from './build-tenant.js';
import { clientPlaceIssues } from './client-places.js';
import { compareIssues, type ScenarioIssue } from './issues.js';
import { rateLimitIssues } from './rates.js';
import { deepFreeze, offsetMinutes, type Scenario } from './scenario.js';
import { scenarioSchema, type ScenarioFile } from './schema.js';
import { readSource, type SourceDocument } from './source.js';
import { runScenarioScript } from './script.js';
import { decodeText, readFailure } from './text-file.js';
import { bindTimeline } from './timeline.js';
import { convertZodIssues, type PendingIssue } from './zod-issues.js';
import { applyOverrides, type ScenarioOverride } from './overrides.js';

export type LoadResult = { ok: true; scenario: Scenario; tenant: Tenant } | { ok: false; issues: ScenarioIssue[] };

function locateAll(source: SourceDocument, pending: readonly PendingIssue[]): ScenarioIssue[] {
  return pending.map(({ atKey, ...issue }) => ({
    ...issue,
    file: source.file,
    ...source.locate(issue.path, { key: atKey === true }),
  }));
}

/** Generated users repeat the same problem once per user: report each place and code once. */
function dedupe(issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}|${JSON.stringify(i.path)}`;
    if (i.path.includes('template') && seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A copy of `value` without the keys zod did not recognise, so later stages can still run. */
function withoutUnknownKeys(value: unknown, unknown: readonly PendingIssue[]): unknown {
  const copy = structuredClone(value);
  for (const issue of unknown) {
    let node: unknown = copy;
    for (const segment of issue.path.slice(0, -1)) {
      node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[segment] : undefined;
    }
    const key = issue.path[issue.path.length - 1];
    if (node !== null && typeof node === 'object' && key !== undefined) delete (node as Record<string | number, unknown>)[key];
  }
  return copy;
}

/** The schema's view of the document; unknown keys alone do not stop the later stages. */
function checkSchema(value: unknown): { file: ScenarioFile | undefined; issues: PendingIssue[] } {
  const first = scenarioSchema.safeParse(value);
  if (first.success) return { file: first.data, issues: [] };
  const issues = convertZodIssues(first.error.issues);
  const unknown = issues.filter((i) => i.code === 'unrecognized_keys');
  if (unknown.length < issues.length) return { file: undefined, issues };
  const second = scenarioSchema.safeParse(withoutUnknownKeys(value, unknown));
  return { file: second.success ? second.data : undefined, issues };
}

/**
 * After a YAML syntax error the parser's recovery may drop or reshape what follows: a key that is
 * there looks missing, a value looks like a mapping. Only issues at existing nodes before the first
 * syntax error are then worth reading; the rest usually vanish once the syntax is fixed.
 */
function beforeSyntaxErrors(source: SourceDocument, issues: readonly ScenarioIssue[]): ScenarioIssue[] {
  const first = [...source.syntaxIssues].sort(compareIssues)[0];
  if (first === undefined) return [...issues];
  return issues.filter((i) => i.code === 'yaml_syntax' || i.file !== source.file || (compareIssues(i, first) < 0 && source.has(i.path)));
}

export interface LoadOptions {
  /**
   * Reads the PowerShell file `tenant.script` names (as written in the scenario), or returns
   * undefined when it cannot. loadScenarioFile reads it relative to the scenario's folder;
   * without a reader a script cannot be loaded.
   */
  readScript?: (path: string) => { text: string; file: string } | { file: string; reason: string } | undefined;
  /**
   * What is wrong with an `expect` metric name for this tenant, or undefined if a run reports it.
   * The names are the run's (engine/run), which the loader does not know; without a checker the
   * names are only checked for shape.
   */
  metricProblem?: (metric: string, tenant: Tenant) => string | undefined;
  /** `--set PATH=VALUE` changes, applied to the document before the schema checks it (overrides.ts). */
  overrides?: readonly ScenarioOverride[];
}

/** An issue at or under a path an override set is the override's: say so, since the file does not hold that value. */
function blameOverrides(issues: readonly ScenarioIssue[], overrides: readonly ScenarioOverride[]): ScenarioIssue[] {
  return issues.map((issue) => {
    const o = overrides.find((x) => {
      const n = Math.min(x.path.length, issue.path.length);
      return issue.path.length > 0 && x.path.slice(0, n).every((s, i) => String(s) === String(issue.path[i]));
    });
    return o === undefined ? issue : { ...issue, message: `--set ${o.text}: ${issue.message}` };
  });
}

/** What every scenario has at its top, for the message about a file with none of it. */
const SCENARIO_TOP = 'a scenario: a mapping with version, name, seed, start, horizon and tenant (see docs/scenario-format.md)';

export function loadScenarioText(text: string, fileName: string, options: LoadOptions = {}): LoadResult {
  const overrides = options.overrides ?? [];
  if (overrides.length === 0) return loadSource(readSource(text, fileName), fileName, options);
  const read = readSource(text, fileName);
  const applied = applyOverrides(read.value, overrides);
  if (!applied.ok) {
    return { ok: false, issues: applied.problems.map((message) => ({ code: 'override', path: [], expected: 'a PATH into the scenario document (docs/sweeps.md)', message, file: fileName, line: 1, column: 1 })) };
  }
  const result = loadSource({ ...read, value: applied.value }, fileName, options);
  return result.ok ? result : { ok: false, issues: blameOverrides(result.issues, overrides) };
}

function loadSource(source: SourceDocument, fileName: string, options: LoadOptions): LoadResult {
  const issues: ScenarioIssue[] = [...source.syntaxIssues];
  // A JSON file that JSON cannot parse: what YAML makes of the rest would only mislead.
  if (issues.some((i) => i.code === 'json_syntax')) return { ok: false, issues };
  if (issues.length === 0 && (source.value === null || source.value === undefined)) {
    return { ok: false, issues: [{ code: 'empty_file', path: [], expected: SCENARIO_TOP, message: 'the file holds no scenario (it is empty or only comments)', file: fileName, line: 1, column: 1 }] };
  }
  const schema = checkSchema(source.value);
  issues.push(...locateAll(source, schema.issues));
  const file = schema.file;
  if (file === undefined) return { ok: false, issues: beforeSyntaxErrors(source, issues).sort(compareIssues) };

  const built = buildTenant(file.tenant);
  issues.push(...dedupe(locateAll(source, built.issues)));
  if (file.tenant.script !== undefined) issues.push(...applyScript(source, built.tenant, file.tenant.script, options));
  const timeline = bindTimeline(file.timeline, built.tenant, file.horizon, fileName);
  issues.push(...locateAll(source, timeline.issues));
  // Rates are bounded with the users they are multiplied by: only the built tenant knows how many.
  issues.push(...locateAll(source, rateLimitIssues(file.workload, built.tenant.users.length)));
  issues.push(...locateAll(source, clientPlaceIssues(file.workload, built.tenant)));
  const targets = file.workload.inbound?.behaviour.targetUsers ?? [];
  targets.forEach((upn, i) => {
    if (!built.tenant.users.some((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase())) {
      const path = ['workload', 'inbound', 'behaviour', 'targetUsers', i];
      issues.push({
        code: 'unknown_reference',
        path,
        expected: 'the upn of a user in tenant.users',
        message: `user "${upn}" is not declared in tenant.users`,
        file: fileName,
        ...source.locate(path),
      });
    }
  });
  // WKL001: an incident's location is a place in the tenant, or no user could be there.
  (file.workload.emergency?.incidents ?? []).forEach((incident, i) => {
    if (built.tenant.locations.some((l) => l.locationId === incident.location)) return;
    const path = ['workload', 'emergency', 'incidents', i, 'location'];
    issues.push({
      code: 'WKL001',
      path,
      expected: 'the id of a location in tenant.locations',
      message: `WKL001: incident at location "${incident.location}", which tenant.locations does not declare (there: ${built.tenant.locations.map((l) => l.locationId).join(', ') || 'none'})`,
      file: fileName,
      ...source.locate(path),
    });
  });
  // A destination with no rate would be billed at nothing, or stop the run at its first call. The
  // table's own keys only: `constructor` is a country nobody priced, not Object.prototype's.
  const rates = built.tenant.credits.ratesPerMinute;
  for (const [country, weight] of Object.entries(file.workload.outbound?.destinations ?? {})) {
    if (weight <= 0 || Object.hasOwn(rates, country) || Object.hasOwn(rates, 'default')) continue;
    const path = ['workload', 'outbound', 'destinations', country];
    issues.push({
      code: 'unknown_reference',
      path,
      expected: `a rate for ${country} (or a default rate) in tenant.credits.ratesPerMinute`,
      message: `outbound calls go to ${country}, but tenant.credits.ratesPerMinute has no rate for it and no default`,
      file: fileName,
      ...source.locate(path),
    });
  }
  if (options.metricProblem !== undefined && issues.length === 0) {
    file.expect.forEach((e, i) => {
      const problem = options.metricProblem?.(e.metric, built.tenant);
      if (problem === undefined) return;
      const path = ['expect', i, 'metric'];
      issues.push({ code: 'unknown_metric', path, expected: 'a metric name that callsim run reports', message: problem, file: fileName, ...source.locate(path) });
    });
  }
  // The scenario's own issues in line order, then those located in its script.
  const inFile = (i: ScenarioIssue): number => (i.file === fileName ? 0 : 1);
  if (issues.length > 0) return { ok: false, issues: beforeSyntaxErrors(source, issues).sort((a, b) => inFile(a) - inFile(b) || compareIssues(a, b)) };

  const scenario: Scenario = {
    file: fileName,
    version: file.version,
    name: file.name,
    description: file.description,
    seed: file.seed,
    start: file.start,
    startEpochMs: Date.parse(file.start),
    startOffsetMinutes: offsetMinutes(file.start),
    // Profiles follow the attendants' clock unless told otherwise (docs/scenario-format.md).
    timeZone: file.timeZone ?? file.tenant.autoAttendants[0]?.timeZone ?? null,
    horizon: file.horizon,
    warmup: file.warmup,
    replications: file.replications,
    workload: file.workload,
    settings: file.settings,
    timeline: timeline.entries,
    expect: file.expect,
  };
  return { ok: true, scenario: deepFreeze(scenario), tenant: built.tenant };
}

/** Runs `tenant.script` after the declarations; its errors are located in the script file. */
function applyScript(source: SourceDocument, tenant: Tenant, script: string, options: LoadOptions): ScenarioIssue[] {
  const path = ['tenant', 'script'];
  const read = options.readScript?.(script);
  if (read === undefined || 'reason' in read) {
    const why = read === undefined ? '' : ` (${read.file}: ${read.reason})`;
    return [{ code: 'file_unreadable', path, expected: "a readable PowerShell file; a relative path starts at the scenario file's folder", message: `cannot read the script ${script}${why}`, file: source.file, ...source.locate(path) }];
  }
  return runScenarioScript(tenant, read.text, read.file).map((e) => ({
    code: e.code,
    path,
    expected: 'a script the cmdlets accept',
    message: e.message,
    file: read.file,
    line: e.line,
    column: e.column,
  }));
}

/** Loads a file; a file that cannot be read is one issue at 1:1 (code `file_unreadable`). */
export async function loadScenarioFile(path: string, options: Pick<LoadOptions, 'metricProblem' | 'overrides'> = {}): Promise<LoadResult> {
  let bytes: Uint8Array;
  const unreadable = (reason: string): LoadResult => ({
    ok: false,
    issues: [{ code: 'file_unreadable', path: [], expected: 'a readable scenario file', message: `cannot read ${path}: ${reason}`, file: path, line: 1, column: 1 }],
  });
  try {
    bytes = await readFile(path);
  } catch (error) {
    return unreadable(readFailure(error));
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return unreadable(decoded.reason);
  const text = decoded.text;
  const readScript = (script: string): { text: string; file: string } | { file: string; reason: string } => {
    // Relative to the scenario's folder, not the shell's: the scenario then runs from anywhere.
    const file = resolve(dirname(path), script);
    const shown = isAbsolute(script) ? script : file;
    try {
      const read = decodeText(readFileSync(file));
      return read.ok ? { text: read.text, file: isAbsolute(script) ? script : join(dirname(path), script) } : { file: shown, reason: read.reason };
    } catch (error) {
      return { file: shown, reason: readFailure(error) };
    }
  };
  return loadScenarioText(text, path, { ...options, readScript });
}
