import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { parseScript, runScript } from '../../engine/powershell/index.js';
import { recordingInvoker } from './fake-invoker.js';
import { doublingScript, nestingScript, problemsOf, seeded } from './fuzz-scripts.js';

function firstError(source: string) {
  const result = parseScript(source, 'bad.ps1');
  if (result.ok) throw new Error('expected a parse error');
  expect(result.errors).toHaveLength(1);
  return result.errors[0];
}

describe('constructs outside the subset are parse errors naming line:column', () => {
  it.each([
    ['Where-Object', 'Get-X\nGet-X | Where-Object { $_.A }\n', 2, 9, /Where-Object is not supported.*foreach/],
    ['ForEach-Object alias %', 'Get-X | % { $_ }\n', 1, 9, /ForEach-Object\/Where-Object\) is not supported/],
    ['$_', 'Set-X -A $_\n', 1, 10, /\$_ .* is not supported/],
    ['a script block as a value', 'Set-X -A { Get-Y }\n', 1, 10, /script blocks \{ \} are supported only as the value of -Filter/],
    ['a function', 'function Foo { }\n', 1, 1, /'function' is not supported; supported: assignments/],
    ['switch', '$a = 1\nswitch ($a) { 1 { } }\n', 2, 1, /'switch' is not supported/],
    ['a [type] cast', '$a = [int]"5"\n', 1, 6, /\[type\] literals and casts are not supported/],
    ['redirection >', 'Get-X > out.txt\n', 1, 7, /redirection \('>'\) is not supported/],
    ['the reserved < operator', 'Set-X -Identity <user@company.com>\n', 1, 17, /the '<' operator is reserved/],
    ['splatting', 'Set-X @params\n', 1, 7, /splatting \(@name\) is not supported/],
    ['a method call', "$a = 'x'\nSet-X -A $a.ToUpper()\n", 2, 13, /method calls \(\.ToUpper\(\)\) are not supported/],
    ['indexing', '$a = 1, 2\nSet-X -A $a[0]\n', 2, 12, /indexing \(\$x\[0\]\) is not supported/],
    ['an unsupported operator', "if ('a' -eq 'a' -and 'b' -eq 'b') { }\n", 1, 17, /the operator -and is not supported; supported comparison operators: -eq, -ne, -like, -notlike/],
    ['arithmetic', '$a = 1 + 2\n', 1, 8, /arithmetic \('\+'\) is not supported/],
    ['-not', "if (-not $a) { }\n", 1, 5, /the unary operator -not is not supported/],
    ['an invalid variable name', "$main-aa = 'main-aa@contoso.com'\n", 1, 1, /'\$main-aa' is not a valid variable name/],
    ['a scoped variable', 'Set-X -A $env:USERNAME\n', 1, 10, /scoped and drive variables/],
    ['try/finally', 'try { Get-X } finally { }\n', 1, 15, /expected 'catch' after the try block/],
    ['catch with a type', 'try { Get-X } catch [System.Exception] { }\n', 1, 21, /catch \[ExceptionType\] is not supported/],
    ['assignment to an expression', "$(Get-X).B = 'c'\n", 1, 12, /'=' assigns; to compare, use -eq/],
    ['compound assignment', '$a -= 1\n', 1, 4, /'-=' is not supported/],
    ['a bare word in an expression', "if ($a -eq DirectRouting) { }\n", 1, 12, /unexpected bare word 'DirectRouting' in an expression/],
    ['the stop-parsing token', 'Set-X --% a b\n', 1, 7, /the stop-parsing token '--%' is not supported/],
    ['the call operator', "& 'Get-X'\n", 1, 1, /the call operators '&' and '\.' are not supported/],
    ['||', 'Get-X || Get-Y\n', 1, 7, /'\|\|' is not supported/],
    ['a here-string', 'Set-X -A @"\nx\n"@\n', 1, 10, /here-strings \(@"\.\.\."@\) are not supported/],
    ['an automatic variable', 'Set-X -A $?\n', 1, 10, /the automatic variable \$\? is not supported/],
    ['a static member', "$a = 'x'\nSet-X -A $a::B\n", 2, 12, /static members \(\[type\]::Member\) are not supported/],
    ['!', "if (!$a) { }\n", 1, 5, /'!' is not supported/],
    ['a catch without try', 'catch { }\n', 1, 1, /'catch' without a preceding 'try' block/],
    ['finally after catch', 'try { } catch { } finally { }\n', 1, 19, /'finally' is not supported/],
    ['a variable inside a bare word', 'Set-X -A user$name\n', 1, 14, /a variable inside a bare word is not supported/],
    ['a quote inside a bare word', "Set-X -A ab'c'\n", 1, 12, /a quote inside a bare word is not supported/],
    ['an unknown operator', "if ('a' -foo 'b') { }\n", 1, 9, /unexpected '-foo'; supported comparison operators/],
    ['assigning to $true', '$true = 1\n', 1, 1, /cannot assign to \$true/],
    ['an expression after a pipe', 'Get-X | $a\n', 1, 9, /expected a cmdlet after '\|'/],
    ['a unary minus before a word', 'Set-X -A (-a)\n', 1, 11, /the unary operator -a is not supported/],
    ['= in a condition', "if ($a = 'b') { }\n", 1, 8, /'=' assigns; to compare, use -eq/],
  ])('%s', (_name, source, line, column, message) => {
    const error = firstError(source);
    expect({ line: error?.line, column: error?.column }).toEqual({ line, column });
    expect(error?.message).toMatch(message);
  });
});

describe('malformed scripts give "expected ..." errors', () => {
  it.each([
    ['an if block without {', "if ($a) Get-X\n", 1, 9, /expected '\{' after the if condition/],
    ['a foreach without a variable', 'foreach (x in $list) { }\n', 1, 10, /expected a loop variable \(\$x\) after 'foreach \('/],
    ['an unclosed foreach head', 'foreach ($x in $list { }\n', 1, 22, /expected '\)' to close 'foreach \(' opened at 1:9/],
    ['an unclosed if condition', "if ($a -eq 'b' { }\n", 1, 16, /expected '\)' to close the condition opened at 1:4/],
    ['empty parentheses', 'Write-Host ()\n', 1, 13, /expected a pipeline or an expression inside \( \)/],
    ['a duplicate hashtable key', "Set-X -A @{add='a'; ADD='b'}\n", 1, 21, /duplicate key 'ADD' in the hashtable/],
    ['a hashtable key that expands', 'Set-X -A @{"$k"=1}\n', 1, 12, /a hashtable key cannot expand variables/],
    ['a hashtable key that is not a word', 'Set-X -A @{(1)=2}\n', 1, 12, /expected a hashtable key \(e\.g\. add, remove, replace\) or '\}'/],
    ['two hashtable entries on one line', "Set-X -A @{add='a' remove='b'}\n", 1, 20, /expected ';', a new line or '\}' after the hashtable entry 'add'/],
    ['a missing value after a comma', 'Set-X -A a,\n', 2, 1, /expected a value, found the end of the script/],
    ['a comma with no value before it', 'Set-X -A ,b\n', 1, 10, /expected a value before ','/],
    ['text glued to a parameter name', 'Set-X -Identity"a"\n', 1, 16, /unexpected '"' right after the parameter -Identity/],
    ['an unclosed -Filter block', 'Get-X -Filter {A -eq 1\n', 1, 15, /expected '\}' to close the -Filter block opened at 1:15/],
    ['a $ with no name', 'Set-X -A $ b\n', 1, 11, /expected a variable name after '\$'/],
    ['a number glued to a word', '$a = 10abc\n', 1, 8, /unexpected 'a' in the number '10'/],
    ['a missing value in an expression', '$a = \n', 2, 1, /expected a value \(a string, a number, a \$variable, @\{\.\.\.\}, @\(\.\.\.\) or \(\.\.\.\)\), found the end of the script/],
    ['two statements on one line', "$a = 'x' 'y'\n", 1, 10, /expected a new line or ';' after the statement, found "'"|expected a new line or ';' after the statement/],
    ['an @ with nothing after it', 'Set-X -A @ b\n', 1, 10, /expected '\{' or '\(' after '@', found ' '/],
    ['an unclosed ${', 'Set-X -A ${name\n', 1, 11, /expected '\}' to close \$\{\.\.\.\}/],
    ['an elseif without if', 'elseif ($a) { }\n', 1, 1, /'elseif' without a preceding 'if' block/],
    ['an unclosed string', "Set-X -A 'abc\n", 1, 10, /expected a closing quote for the string that starts at 1:10/],
    ['an unclosed block', 'if ($a) {\n  Get-X\n', 3, 1, /expected '\}' to close the block opened at 1:9/],
    ['an unclosed hashtable', "Set-X -A @{add='x'\n", 2, 1, /expected '\}' to close the hashtable opened at 1:10/],
    ['a hashtable entry without =', "Set-X -A @{add 'x'}\n", 1, 16, /expected '=' after the hashtable key 'add'/],
    ['an if without a condition', 'if { }\n', 1, 4, /expected '\(' after 'if'/],
    ['a foreach without in', 'foreach ($x $list) { }\n', 1, 13, /expected 'in' after the loop variable/],
    ['an unclosed parenthesis', 'Write-Host (Get-X\n', 2, 1, /expected '\)' to close '\(' opened at 1:12/],
    ['a stray closing brace', 'Get-X }\n', 1, 7, /unexpected '\}': nothing open to close here/],
    ['an else without if', 'else { }\n', 1, 1, /'else' without a preceding 'if' block/],
    ['a value glued to a quoted string', "Set-X -A 'a'b\n", 1, 13, /unexpected 'b' right after the value/],
    ['an unclosed block comment', '<# never closed\nGet-X\n', 1, 1, /expected '#>' to close the block comment/],
  ])('%s', (_name, source, line, column, message) => {
    const error = firstError(source);
    expect({ line: error?.line, column: error?.column }).toEqual({ line, column });
    expect(error?.message).toMatch(message);
  });

  it('does not run any statement of a script with a parse error', () => {
    const { invoke, calls } = recordingInvoker();
    const transcript = runScript('Get-A\nGet-B -X $main-aa\n', { fileName: 'bad.ps1', invoke });
    expect(calls).toEqual([]);
    expect(transcript.completed).toBe(false);
    expect(transcript.parseErrors).toHaveLength(1);
    expect(transcript.entries[0]).toMatchObject({ kind: 'error', code: 'ParseError', line: 2, column: 10 });
    expect(transcript.entries[0]?.text).toContain('At bad.ps1:2 char:10');
  });
});

describe('a backtick at the very end of the script', () => {
  it.each([
    ['after a cmdlet name', 'Get-X `', 1, 7],
    ['glued to a bare word', 'Set-X -A b`', 1, 11],
    ['after a quoted value', "Set-X -A 'b' `", 1, 14],
    ['after a parameter name', 'Set-X -Force `', 1, 14],
    ['after an expression', '$a = 1 `', 1, 8],
    ['on a line of its own', 'Get-X\n`', 2, 1],
  ])('is an incomplete-input parse error at the backtick when it comes %s', (_name, source, line, column) => {
    const error = firstError(source);
    expect({ line: error?.line, column: error?.column }).toEqual({ line, column });
    expect(error?.message).toMatch(/a backtick \(`\) at the end of the script continues a line that never comes/);
  });

  it('is a line continuation when a new line follows it', () => {
    const result = parseScript('Set-X `\n  -A b\n', 'ok.ps1');
    expect(result.ok && result.script.statements[0]).toMatchObject({
      kind: 'pipeline',
      pipeline: { elements: [{ kind: 'command', name: 'Set-X', arguments: [{ name: 'A' }, { value: { value: 'b' } }] }] },
    });
  });

  it('is a line continuation when only a carriage return follows it (old Mac line endings)', () => {
    const result = parseScript('Set-X `\r  -A b', 'ok.ps1');
    expect(result.ok && result.script.statements[0]).toMatchObject({
      pipeline: { elements: [{ kind: 'command', name: 'Set-X', arguments: [{ name: 'A' }, { value: { value: 'b' } }] }] },
    });
  });
});

describe('short random scripts', () => {
  // A loop that reads nothing spins only at the end of the input, so every random prefix is tried
  // with every piece as its last one: the parser must answer each, with a script or a parse error.
  const pieces = [
    '`', '\n', '\r', ' ', '$', '(', ')', '{', '}', '@', "'", '"', '-', 'a', 'Get-X', ' -A ', ',', ';', '|', '#',
    '<#', '#>', '.', ':', '[', '=', '1', 'if', 'foreach', 'try', 'catch', 'else', 'in', '\u2019', '\u201C',
    '\u2013', '\u00A0', '%', '&', '<', '>', '!', '+', 'PS C:\\> ', '$(', '@(', '@{', '${', '-eq', '-Filter ',
  ];

  it('always parse to a script or a parse error, never an internal error, whatever they end with', () => {
    const random = seedrandom('parse-errors/short-random-scripts');
    const internal: string[] = [];
    for (let k = 0; k < 1000; k++) {
      let prefix = '';
      const length = Math.floor(random() * 8);
      for (let j = 0; j < length; j++) prefix += pieces[Math.floor(random() * pieces.length)] ?? '';
      for (const last of pieces) {
        const result = parseScript(prefix + last, 'random.ps1');
        if (!result.ok && result.errors.some((e) => e.message.startsWith('internal'))) internal.push(JSON.stringify(prefix + last));
      }
    }
    expect(internal).toEqual([]);
  });

  // Scripts that try to knock the interpreter over (issue 13): each must end in well under a second
  // with a parse error, a runtime error at line:column or its output, as a script on a tenant and
  // line by line in callsim shell. `npm run test:fuzz` tries many more (test/powershell/*.fuzz.ts).
  it('end nesting far past the limit with a parse error, never a stack overflow', () => {
    const random = seeded('parse-errors/nesting');
    const problems: string[] = [];
    for (let k = 0; k < 60; k++) problems.push(...problemsOf(nestingScript(random)));
    expect(problems).toEqual([]);
  });

  it('end values doubled far past the size limits with a runtime error at line:column, never an internal error or a hang', () => {
    const random = seeded('parse-errors/doubling');
    const problems: string[] = [];
    for (let k = 0; k < 40; k++) problems.push(...problemsOf(doublingScript(random)));
    expect(problems).toEqual([]);
  });
});
