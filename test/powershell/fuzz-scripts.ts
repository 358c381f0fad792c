/**
 * Generated scripts that try to knock the interpreter over: nesting far past the limit, values
 * that double each statement, loops over them, and all of that cut off at random places. Shared by
 * the fuzz in `npm test` (test/powershell/parse-errors.test.ts, "short random scripts") and the longer run of `npm run test:fuzz`
 * (test/powershell/limits.fuzz.ts), which differ only in how many scripts they try.
 *
 * Each script must end in well under a second with what PowerShell would show (a parse error, a
 * runtime error with line:column, output) and never an internal error, a hang or a crash, run as a
 * script on a tenant and line by line in a callsim shell session.
 */
import seedrandom from 'seedrandom';
import { expect, it } from 'vitest';
import { ShellSession } from '../../cli/shell/session.js';
import { runScriptOnTenant } from '../../engine/powershell/index.js';
import { LIMITS } from '../../engine/powershell/limits.js';
import { emptyTenant, RULE_IDS, validate } from '../../engine/tenant/index.js';

export type Random = () => number;

export function seeded(seed: string): Random {
  return seedrandom(seed);
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function between(random: Random, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

/** Depths near the limit and far past it. */
function depth(random: Random): number {
  return pick(random, [between(random, 0, 40), between(random, 90, 110), LIMITS.nesting, LIMITS.nesting + 1, 500, 3000, 20_000]);
}

const EXPRESSION_WRAPPERS: ((inner: string) => string)[] = [
  (e) => `(${e})`,
  (e) => `$(${e})`,
  (e) => `@(${e})`,
  (e) => `@{k=${e}}`,
  (e) => `"$(${e})"`,
  (e) => `(${e}).Count`,
  (e) => `(1 -eq ${e})`,
  (e) => `@{a=1; b=${e}}`,
  (e) => `$(Write-Host x; ${e})`,
  (e) => `(${e}, 2)`,
];

const STATEMENT_WRAPPERS: ((inner: string) => string)[] = [
  (s) => `if ($true) { ${s} }`,
  (s) => `if ($false) { } elseif (1) {\n${s}\n}`,
  (s) => `foreach ($i in 1, 2) { ${s} }`,
  (s) => `try { ${s} } catch { Write-Host caught }`,
  (s) => `if ($false) { } else { ${s} }`,
];

/** A script nested *depth* levels (or more), in a random mix of the ways the subset nests. */
export function nestingScript(random: Random): string {
  const levels = depth(random);
  let expression = pick(random, ['1', "'x'", '$v', 'Get-X', '$v.Name']);
  const ways = EXPRESSION_WRAPPERS.filter(() => random() < 0.5);
  const wrappers = ways.length > 0 ? ways : EXPRESSION_WRAPPERS;
  for (let k = 0; k < levels; k++) expression = pick(random, wrappers)(expression);
  let statement = pick(random, [`$x = ${expression}`, `Write-Host ${expression}`, expression, `Set-X -A ${expression}`]);
  const blocks = random() < 0.5 ? between(random, 0, levels) : 0;
  for (let k = 0; k < blocks; k++) statement = pick(random, STATEMENT_WRAPPERS)(statement);
  if (random() < 0.2) statement += ' -eq 1'.repeat(depth(random));
  if (random() < 0.2) statement = `$y = $v${'.a'.repeat(depth(random))}\n${statement}`;
  return cut(random, statement);
}

/** Statements that double a value each time, in the ways the subset can. */
const DOUBLINGS = ['$v = "$v$v"', '$v = $v, $v', '$v = @($v; $v)', '$v = @{a=$v; b=$v}', '$v = @{add=$v}', '$v = $($v; $v)', '$v = ($v, $v, $v)', '$v = "$v", $v', '$v = @($v, $v)'];

const STARTS = ["$v = 'ab'", '$v = 1', "$v = '+14255550100'", '$v = @{add=1}', '$v = $null', "$v = 'a', 'b', 'c', 'd', 'e'"];

/** What a script then does with the value: print it, pass it on, loop over it, compare it. */
const USES = [
  '$v',
  'Write-Host $v',
  '"$v"',
  '$v.Count',
  '$v.Length',
  '$v.Foo',
  '$v.add',
  '$v -eq 1',
  "$v -like '*a?b*'",
  "$v -notlike '*'",
  "$v -like \"$v\"",
  'foreach ($i in $v) { $i }',
  'foreach ($i in $v) { foreach ($j in $v) { $x = $j } }',
  'foreach ($i in $v) { foreach ($j in $v) { Write-Host $j } }',
  '$v | Set-CsTeamsSharedCallingRoutingPolicy -Identity X',
  'New-CsTeamsSharedCallingRoutingPolicy -Identity X -EmergencyNumbers $v',
  'New-CsTeamsSharedCallingRoutingPolicy -Identity X -EmergencyNumbers @{add=$v}',
  'Grant-CsTeamsSharedCallingRoutingPolicy -PolicyName $v -Identity user@contoso.com',
  'Get-CsOnlineUser -Identity $v',
  'try { $w = "$v$v$v" } catch { Write-Host caught }',
  '@{add=$v; remove=$v}',
  '$w = @($v; $v; $v; $v)',
  'if ($v) { Write-Host yes }',
];

/** A value doubled up to ~60 times in one to three ways, then used. */
export function doublingScript(random: Random): string {
  const lines = [pick(random, STARTS)];
  const ways = Array.from({ length: between(random, 1, 3) }, () => pick(random, DOUBLINGS));
  const times = pick(random, [between(random, 1, 25), between(random, 15, 30), 60]);
  for (let k = 0; k < times; k++) lines.push(pick(random, ways));
  const uses = between(random, 1, 4);
  for (let k = 0; k < uses; k++) lines.push(pick(random, USES));
  if (random() < 0.3) lines.splice(between(random, 1, lines.length - 1), 0, ...Array.from({ length: between(random, 1, 3) }, () => pick(random, USES)));
  return cut(random, lines.join(random() < 0.1 ? '; ' : '\n'));
}

/** Sometimes the script cut off at a random place, or with a closing character dropped. */
function cut(random: Random, script: string): string {
  const r = random();
  if (r < 0.1) return script.slice(0, Math.floor(random() * script.length));
  if (r < 0.15) {
    const at = script.lastIndexOf(pick(random, [')', '}', '"']));
    return at < 0 ? script : script.slice(0, at) + script.slice(at + 1);
  }
  return script;
}

/** Pieces of the subset's syntax (and of what it refuses), strung together at random. */
const PIECES = [
  '`', '\n', '\r', ' ', '$', '(', ')', '{', '}', '@', "'", '"', '-', 'a', 'Get-X', ' -A ', ',', ';', '|', '#',
  '<#', '#>', '.', ':', '[', '=', '1', 'if', 'foreach', 'try', 'catch', 'else', 'in', '\u2019', '\u201C',
  '\u2013', '\u00A0', '%', '&', '<', '>', '!', '+', 'PS C:\\> ', '$(', '@(', '@{', '${', '-eq', '-Filter ',
  '$v', '$v = ', '"$v$v"', '$v, $v', '@($v; $v)', '@{add=$v}', ' -like ', "'*?*'", '.Count', 'Write-Host ',
  'foreach ($i in $v) { ', 'if ($v) { ', '} ', 'Set-CsTeamsSharedCallingRoutingPolicy -Identity X -EmergencyNumbers ',
];

/** Up to *max* random pieces, sometimes with a doubling line repeated after them. */
export function piecesScript(random: Random, max: number): string {
  let script = '';
  const length = between(random, 0, max);
  for (let k = 0; k < length; k++) script += pick(random, PIECES);
  if (random() < 0.3) script = `$v = 'ab'\n${`${pick(random, DOUBLINGS)}\n`.repeat(between(random, 1, 40))}${script}`;
  return script;
}

/** A nesting script and a doubling script one after the other, or random pieces. */
export function anyScript(random: Random): string {
  const r = random();
  if (r < 0.3) return nestingScript(random);
  if (r < 0.6) return doublingScript(random);
  if (r < 0.8) return `${doublingScript(random)}\n${nestingScript(random)}`;
  return piecesScript(random, 40);
}

/** Codes an error entry may carry: PowerShell's own kinds of error, never an internal one. */
const CODES = new Set<string>([
  ...RULE_IDS,
  'ParseError',
  'RuntimeError',
  'ValueTooLarge',
  'ValueTooDeep',
  'WorkLimit',
  'OutputLimit',
  'UnknownCmdlet',
  'UnknownParameter',
  'MissingParameter',
  'InvalidParameterValue',
  'AmbiguousParameterSet',
]);

/**
 * Each script (and each shell line) may take this long, in milliseconds of this process's CPU
 * time: well under a second. CPU time rather than the clock, so that other work on the machine
 * (the other test worker, other builds) does not make the limit flaky.
 */
export const PER_SCRIPT_MS = 1000;

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** What went wrong with one script; nothing when it ended as it should. */
export function problemsOf(script: string): string[] {
  const problems: string[] = [];
  const shown = JSON.stringify(script.length > 300 ? `${script.slice(0, 300)}...` : script);
  let started = cpuMs();
  try {
    const transcript = runScriptOnTenant(emptyTenant(), script, 'fuzz.ps1', new Map());
    const ms = Math.round(cpuMs() - started);
    if (ms > PER_SCRIPT_MS) problems.push(`${shown}: took ${ms} ms`);
    let printed = 0;
    for (const entry of transcript.entries) {
      printed += entry.text.length + entry.source.length;
      if (entry.kind !== 'error') continue;
      if (!CODES.has(entry.code ?? '')) problems.push(`${shown}: an error with code ${String(entry.code)}`);
      if (/internal/i.test(entry.text.split('\n')[0] ?? '')) problems.push(`${shown}: ${entry.text.split('\n')[0] ?? ''}`);
      if (!/^At fuzz\.ps1:\d+ char:\d+$/m.test(entry.text)) problems.push(`${shown}: an error without line:column`);
    }
    if (printed > LIMITS.transcriptChars + 2 * LIMITS.outputChars) problems.push(`${shown}: printed ${printed} characters`);
  } catch (error) {
    problems.push(`${shown}: threw ${error instanceof Error ? error.message : String(error)}`);
  }
  // The same script typed into callsim shell, a line at a time: no line may end the session.
  try {
    const session = new ShellSession({ tenant: emptyTenant(), findings: (t) => validate(t) });
    for (const line of `${script}\nWrite-Host still here`.split('\n')) {
      started = cpuMs();
      const result = session.handle(line);
      const ms = Math.round(cpuMs() - started);
      if (ms > PER_SCRIPT_MS) problems.push(`${shown}: shell: the line ${JSON.stringify(line.slice(0, 80))} took ${ms} ms`);
      if (result.bug !== undefined) problems.push(`${shown}: shell: ${result.bug.split('\n')[0] ?? ''}`);
      if (result.exit) problems.push(`${shown}: shell: a line ended the session`);
    }
    const last = session.finish();
    if (last.bug !== undefined) problems.push(`${shown}: shell: ${last.bug.split('\n')[0] ?? ''}`);
  } catch (error) {
    problems.push(`${shown}: shell threw ${error instanceof Error ? error.message : String(error)}`);
  }
  return problems;
}

/** The seed of the long fuzz: fixed, so that a failure can be replayed; CALLSIM_FUZZ_SEED tries others. */
export const FUZZ_SEED = process.env.CALLSIM_FUZZ_SEED ?? 'limits-fuzz-1';

/** A test that tries *count* scripts from *make* and expects no problem (it stops after 20). */
export function fuzzTest(name: string, count: number, make: (random: Random) => string): void {
  it(`${name}: ${count} scripts (seed ${FUZZ_SEED})`, () => {
    const random = seeded(`${FUZZ_SEED}/${name}`);
    const problems: string[] = [];
    for (let k = 0; k < count && problems.length < 20; k++) problems.push(...problemsOf(make(random)));
    expect(problems).toEqual([]);
  });
}
