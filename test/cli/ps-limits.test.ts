/**
 * The PowerShell reproducers of issue 13 replayed with `callsim ps`: each exits 1 or 2 in well
 * under a second with a message located at file:line:column, never `internal error` (70).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'callsim-ps-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function ps(path: string) {
  const started = cpuMs();
  const result = await runCli('ps', path);
  return { ...result, ms: cpuMs() - started };
}

describe('callsim ps on the reproducers', () => {
  it('exits 2 with a located parse error for 1,000 nested parentheses (was exit 2 "internal error: Maximum call stack size exceeded")', async () => {
    const path = script('deep.ps1', `$x = ${'('.repeat(1000)}1${')'.repeat(1000)}\n`);
    const { code, stdout, stderr, ms } = await ps(path);
    expect([code, stdout, stderr.split('\n')[0]?.split(': ').slice(0, 2), ms < 1000]).toEqual([2, '', [`${path}:1:106`, 'ParseError'], true]);
  });

  it('exits 1 with a located runtime error for "$s$s" 27 times (was "internal error: Invalid string length")', async () => {
    const path = script('string.ps1', `$s = "ab"\n${'$s = "$s$s"\n'.repeat(27)}`);
    const { code, stdout, stderr, ms } = await ps(path);
    const lines = stdout.split('\n');
    const at = lines.findIndex((l) => l.includes('The string would be 1,048,576 characters long'));
    expect([code, stderr, lines[at + 1]?.trim(), lines.at(-2), ms < 1000]).toEqual([1, '', `At ${path}:20 char:6`, `${path}: 9 commands refused; 0 errors, 0 warnings`, true]);
  });

  it('exits 0 and prints no value for $a = $a, $a 22 times (was 100 MB of output)', async () => {
    const path = script('array.ps1', `$a = 1\n${'$a = $a, $a\n'.repeat(22)}`);
    const { code, stdout, ms } = await ps(path);
    expect([code, stdout.length < 2000, stdout.split('\n').filter((l) => l.startsWith('  ')), ms < 1000]).toEqual([0, true, [], true]);
  });

  it('exits 1 in well under a second for $h = @{add=$h} 5,000 times (was 95 s and 1.9 GB)', async () => {
    const path = script('hash.ps1', `$h = 1\n${'$h = @{add=$h}\n'.repeat(5000)}`);
    const { code, stdout, ms } = await ps(path);
    const lines = stdout.split('\n');
    const at = lines.findIndex((l) => l.includes('The value would nest arrays and hashtables 101 levels deep'));
    expect([code, lines[at + 1]?.trim(), lines.at(-2), ms < 2000]).toEqual([1, `At ${path}:102 char:6`, `${path}: 4900 commands refused; 0 errors, 0 warnings`, true]);
  });
});
