/**
 * The limits of engine/powershell/limits.ts, one test per reproducer of issue 13 ("PowerShell that
 * cannot be knocked over") and per limit: each ends quickly with a PowerShell-shaped error at
 * line:column, never with an internal error.
 */
import { describe, expect, it } from 'vitest';
import { formatTranscript, parseScript, runScript, runScriptOnTenant } from '../../engine/powershell/index.js';
import { LIMITS } from '../../engine/powershell/limits.js';
import { wildcardMatch } from '../../engine/powershell/values.js';
import type { CmdletValue } from '../../engine/tenant/cmdlet.js';
import { emptyTenant } from '../../engine/tenant/index.js';
import { object, ok, recordingInvoker } from './fake-invoker.js';

/** This process's CPU time in milliseconds: timings that other work on the machine does not make flaky. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function run(source: string, variables = new Map<string, CmdletValue>(), responses: Parameters<typeof recordingInvoker>[0] = {}) {
  const { invoke, calls } = recordingInvoker(responses);
  const started = cpuMs();
  const transcript = runScript(source, { fileName: 'limits.ps1', invoke, variables });
  return { transcript, calls, variables, ms: cpuMs() - started };
}

function errors(transcript: ReturnType<typeof runScript>) {
  return transcript.entries.filter((e) => e.kind === 'error');
}

/** The first error's code, position and first line. */
function firstError(transcript: ReturnType<typeof runScript>) {
  const e = errors(transcript)[0];
  return e === undefined ? undefined : { code: e.code, line: e.line, column: e.column, message: e.text.split('\n')[0] };
}

const nestings: [string, (n: number) => string][] = [
  ['( )', (n) => `$x = ${'('.repeat(n)}1${')'.repeat(n)}`],
  ['$( )', (n) => `$x = ${'$('.repeat(n)}1${')'.repeat(n)}`],
  ['@( )', (n) => `$x = ${'@('.repeat(n)}1${')'.repeat(n)}`],
  ['@{ }', (n) => `$x = ${'@{a='.repeat(n)}1${'}'.repeat(n)}`],
  ['"$( )"', (n) => `$x = ${'"$('.repeat(n)}1${')"'.repeat(n)}`],
  ['if blocks', (n) => `${'if ($true) {'.repeat(n)}Write-Host a${'}'.repeat(n)}`],
  ['foreach blocks', (n) => `${'foreach ($i in 1) {'.repeat(n)}Write-Host a${'}'.repeat(n)}`],
  ['try blocks', (n) => `${'try {'.repeat(n)}Write-Host a${'} catch { }'.repeat(n)}`],
  ['a comparison chain', (n) => `$x = 1${' -eq 1'.repeat(n)}`],
  ['a member chain', (n) => `$x = $y${'.a'.repeat(n)}`],
  ['parentheses in an argument', (n) => `Set-X -A ${'('.repeat(n)}Get-Y${')'.repeat(n)}`],
];

describe('nesting depth: a parse error past 100 levels', () => {
  it('reports 1,000 nested parentheses as a parse error at the 101st, not a stack overflow (the reproducer)', () => {
    const { transcript, ms } = run(`$x = ${'('.repeat(1000)}1${')'.repeat(1000)}\n`);
    expect(firstError(transcript)).toEqual({
      code: 'ParseError',
      line: 1,
      column: 106,
      message: `the script nests more than 100 levels deep here, callsim's limit (each ( ), $( ), @( ), @{ } or { } inside another is a level, as is each link of a -eq/-like chain or a .Member chain)`,
    });
    expect(transcript.entries[0]?.text.split('\n')[1]).toBe('At limits.ps1:1 char:106');
    expect(ms).toBeLessThan(1000);
  });

  it.each(nestings)('parses and runs %s 100 levels deep, and refuses 101', (_name, make) => {
    const at100 = run(make(LIMITS.nesting));
    expect(at100.transcript.parseErrors).toEqual([]);
    expect(errors(at100.transcript)).toEqual([]);
    const at101 = parseScript(make(LIMITS.nesting + 1), 'deep.ps1');
    expect(at101.ok ? 'parsed' : at101.errors[0]?.message).toMatch(/^the script nests more than 100 levels deep here/);
  });

  it.each(nestings)('answers %s 100,000 levels deep with the same parse error, quickly', (_name, make) => {
    const started = cpuMs();
    const parsed = parseScript(make(100_000), 'deep.ps1');
    expect([parsed.ok, cpuMs() - started < 1000]).toEqual([false, true]);
  });

  it('reads $( ) at the start of a statement once, not once per way it could be read (2^depth before)', () => {
    const started = cpuMs();
    const { transcript } = run(`${'$('.repeat(100)}Write-Host deep${')'.repeat(100)}\n`);
    expect([transcript.entries.map((e) => e.text), cpuMs() - started < 1000]).toEqual([['deep'], true]);
  });
});

describe('string length: a runtime error past 1,000,000 characters', () => {
  it('stops "$s$s" at the doubling that passes the limit, at its line:column, and goes on (the reproducer)', () => {
    const source = `$s = "ab"\n${'$s = "$s$s"\n'.repeat(27)}Write-Host $s.Length\n`;
    const { transcript, variables, ms } = run(source);
    expect(firstError(transcript)).toEqual({
      code: 'ValueTooLarge',
      line: 20,
      column: 6,
      message: "The string would be 1,048,576 characters long, more than callsim's limit of 1,000,000.",
    });
    expect(errors(transcript)).toHaveLength(9);
    expect(transcript.entries[transcript.entries.findIndex((e) => e.kind === 'error')]?.text.split('\n').slice(1)).toEqual([
      'At limits.ps1:20 char:6',
      '+ $s = "$s$s"',
      '+      ~',
      '+ CategoryInfo: LimitsExceeded (ValueTooLarge)',
    ]);
    // The statements after it ran, and $s keeps the last value that fit.
    expect([transcript.completed, (variables.get('s') as string).length, transcript.entries.at(-1)?.text]).toEqual([true, 524_288, '524288']);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses a literal string longer than the limit as a parse error', () => {
    const parsed = parseScript(`$s = '${'x'.repeat(LIMITS.stringLength + 1)}'`, 'long.ps1');
    expect(parsed.ok ? 'parsed' : parsed.errors[0]).toEqual({
      fileName: 'long.ps1',
      line: 1,
      column: 6,
      message: "this string is 1,000,001 characters long, more than callsim's limit of 1,000,000 characters for one string",
    });
  });

  it('refuses what Write-Host would print past the limit, at the argument, before building it', () => {
    const a = Array.from({ length: 60_000 }, () => 'abcdefghijklmnopq');
    const { transcript } = run('Write-Host $a\n', new Map([['a', a]]));
    expect(firstError(transcript)).toMatchObject({ code: 'ValueTooLarge', line: 1, column: 12 });
  });

  it('lets a try/catch catch it, as PowerShell catches a statement-terminating error', () => {
    const { transcript } = run('try { $t = "$s$s" } catch { Write-Host caught }\n', new Map([['s', 'x'.repeat(600_000)]]));
    expect(transcript.entries.map((e) => [e.kind, e.code ?? e.text])).toEqual([
      ['warning', 'Caught'],
      ['host', 'caught'],
    ]);
  });
});

describe('value size, items and depth', () => {
  it('prints nothing for 22 doublings of $a = $a, $a (the reproducer printed 100 MB)', () => {
    const { transcript, ms } = run(`$a = 1\n${'$a = $a, $a\n'.repeat(22)}`);
    expect([transcript.entries.every((e) => e.kind === 'assigned'), formatTranscript(transcript).length < 2000, ms < 1000]).toEqual([true, true, true]);
  });

  it('refuses the doubling that passes the size limit, counting a shared part each time it appears', () => {
    const { transcript } = run(`$a = 1\n${'$a = $a, $a\n'.repeat(30)}`);
    expect(firstError(transcript)).toEqual({
      code: 'ValueTooLarge',
      line: 24,
      column: 6,
      message:
        "The value would hold 16,777,215 characters and items in all (a part that appears twice counts twice), more than callsim's limit of 10,000,000.",
    });
  });

  it('stops @{add=$h} at 100 levels, 5,000 times over in well under a second (the reproducer took 95 s and 1.9 GB)', () => {
    const { transcript, variables, ms } = run(`$h = 1\n${'$h = @{add=$h}\n'.repeat(5000)}`);
    expect(firstError(transcript)).toEqual({
      code: 'ValueTooDeep',
      line: 102,
      column: 6,
      message: "The value would nest arrays and hashtables 101 levels deep, more than callsim's limit of 100.",
    });
    expect([errors(transcript).length, transcript.completed, ms < 1000]).toEqual([4900, true, true]);
    let depth = 0;
    for (let h = variables.get('h'); typeof h === 'object' && h !== null && !Array.isArray(h) && h.kind === 'hashtable'; h = h.entries.add ?? null) depth++;
    expect(depth).toBe(100);
  });

  it('refuses an array of more than 100,000 items, built by @($a; $a)', () => {
    const { transcript, variables } = run(`$a = 1\n${'$a = @($a; $a)\n'.repeat(17)}`);
    expect(firstError(transcript)).toEqual({
      code: 'ValueTooLarge',
      line: 18,
      column: 6,
      message: "The array would hold 131,072 items, more than callsim's limit of 100,000.",
    });
    expect((variables.get('a') as CmdletValue[]).length).toBe(65_536);
  });

  it('refuses a cmdlet argument that would reach it as more than 100,000 items once flattened, without calling it', () => {
    const { transcript, calls } = run(`$a = 1\n${'$a = $a, $a\n'.repeat(17)}Set-X -Identity a -Numbers $a\n`);
    expect([firstError(transcript), calls]).toEqual([
      {
        code: 'ValueTooLarge',
        line: 19,
        column: 28,
        message: "The value given to -Numbers would reach the cmdlet as 131,072 items (arrays inside arrays are flattened), more than callsim's limit of 100,000.",
      },
      [],
    ]);
  });

  it('keeps a hashtable key such as __proto__ or constructor as data, and reads no key it does not hold', () => {
    const { transcript } = run('$h = @{__proto__=1; constructor=2}\n$h\n$g = @{a=1}\n$g.constructor\n$g.tostring\n');
    expect(transcript.entries.filter((e) => e.kind !== 'assigned').map((e) => [e.kind, e.code ?? e.text])).toEqual([
      ['output', '@{__proto__=1; constructor=2}'],
      ['warning', 'MissingProperty'],
      ['warning', 'MissingProperty'],
    ]);
  });
});

describe('work and output of one run', () => {
  it('stops nested loops that would run 4 billion rounds, with an error try/catch does not catch', () => {
    const source = `$a = 1\n${'$a = @($a; $a)\n'.repeat(16)}try {\n  foreach ($i in $a) { foreach ($j in $a) { $x = $j } }\n} catch { Write-Host caught }\nWrite-Host never\n`;
    const started = cpuMs();
    const { transcript } = run(source);
    expect([firstError(transcript)?.code, firstError(transcript)?.line, transcript.completed, cpuMs() - started < 3000]).toEqual(['WorkLimit', 19, false, true]);
    expect(transcript.entries.some((e) => e.text === 'caught' || e.text === 'never')).toBe(false);
    expect(formatTranscript(transcript).trimEnd().split('\n').at(-1)).toBe('Script stopped.');
  });

  it('stops a script that prints more than 10,000,000 characters', () => {
    const { transcript } = run(`$a = 1\n${'$a = @($a; $a)\n'.repeat(16)}foreach ($i in $a) { foreach ($j in $a) { Write-Host $s } }\n`, new Map([['s', 'y'.repeat(1000)]]));
    const printed = transcript.entries.reduce((sum, e) => sum + e.text.length + e.source.length, 0);
    expect([firstError(transcript)?.code, transcript.completed, printed < LIMITS.transcriptChars + 10_000]).toEqual(['OutputLimit', false, true]);
  });

  it('charges a -like pattern whose ? pieces would be tried at each place of a long text, instead of hanging', () => {
    const variables = new Map<string, CmdletValue>([
      ['t', 'a'.repeat(999_999)],
      ['p', `*${'a'.repeat(400_000)}?b*`],
    ]);
    const started = cpuMs();
    const { transcript } = run('$t -like $p\n', variables);
    expect([firstError(transcript)?.code, cpuMs() - started < 1000]).toEqual(['WorkLimit', true]);
  });
});

describe('-like', () => {
  it('matches as the regular expression it replaced did, on short random texts and patterns', () => {
    const alphabet = ['a', 'b', 'A', '*', '?', '.', '(', '\n'];
    let seed = 13;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const word = (max: number) => Array.from({ length: random(max) }, () => alphabet[random(alphabet.length)]).join('');
    for (let k = 0; k < 20_000; k++) {
      const text = word(8).replace(/[*?]/g, 'b');
      const pattern = word(6);
      const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'is');
      expect([text, pattern, wildcardMatch(text, pattern)]).toEqual([text, pattern, regex.test(text)]);
    }
  });

  it('matches many stars against a long text in linear time', () => {
    const started = cpuMs();
    expect(wildcardMatch('a'.repeat(1_000_000), `${'*a'.repeat(10_000)}*b`)).toBe(false);
    expect(cpuMs() - started).toBeLessThan(1000);
  });
});

describe('printing', () => {
  it('shows at most $FormatEnumerationLimit (4) items of a collection in a property, then ...', () => {
    const policy = object('Policy', 'Seattle', { Identity: 'Seattle', EmergencyNumbers: ['+1', '+2', '+3', '+4', '+5'], Nested: [['a'], { kind: 'hashtable', entries: {} }] });
    const { transcript } = run('Get-P\n', new Map(), { 'get-p': ok([policy]) });
    expect(transcript.entries[0]?.text).toBe('Identity         : Seattle\nEmergencyNumbers : {+1, +2, +3, +4...}\nNested           : {System.Object[], System.Collections.Hashtable}');
  });

  it('shows a collection inside a collection by its type name, one value to a line', () => {
    const { transcript } = run("$a = 1, (2, (3, 4)), @{add='x', 'y'}\n$a\n");
    expect(transcript.entries[1]?.text).toBe('1\n{2, System.Object[]}\n@{add={x, y}}');
  });

  it('elides one statement\'s output past 1,000,000 characters, saying how many items it left out', () => {
    const a = Array.from({ length: 100_000 }, (_, k) => `item ${k}`.padEnd(20, '.'));
    const { transcript } = run('$a\n', new Map([['a', a]]));
    const lines = transcript.entries[0]?.text.split('\n') ?? [];
    expect([lines.length, lines.at(-1)]).toEqual([
      47_605,
      '... 52,396 more items not shown: one statement prints at most 1,000,000 characters (assign the output to a variable and use foreach to reach every item)',
    ]);
  });
});

describe('on the tenant', () => {
  it('refuses 17 doublings given to a real cmdlet at the argument, and leaves the tenant as it was', () => {
    const tenant = emptyTenant();
    const before = JSON.stringify(tenant);
    const started = cpuMs();
    const transcript = runScriptOnTenant(tenant, `$a = '+14255550100'\n${'$a = $a, $a\n'.repeat(17)}New-CsTeamsSharedCallingRoutingPolicy -Identity X -EmergencyNumbers $a\n`, 't.ps1');
    expect([transcript.entries.filter((e) => e.kind === 'error').map((e) => [e.code, e.line, e.column]), JSON.stringify(tenant) === before, cpuMs() - started < 1000]).toEqual([
      [['ValueTooLarge', 19, 69]],
      true,
      true,
    ]);
  });
});
