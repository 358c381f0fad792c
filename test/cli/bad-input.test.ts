import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ShellSession } from '../../cli/shell/session.js';
import { emptyTenant, validate } from '../../engine/tenant/index.js';
import { runCli } from './run-cli.js';

/** The mistakes a voice admin makes in the first hour, one per test, through the real CLI. */

const SEATTLE = readFileSync('scenarios/seattle.yaml', 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'callsim-bad-input-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let count = 0;

/** Writes *content* to a new file in the test folder and returns its path. */
function file(content: string | Uint8Array, ext = 'yaml'): string {
  const path = join(dir, `f${count++}.${ext}`);
  writeFileSync(path, content);
  return path;
}

/** scenarios/seattle.yaml with one piece of text replaced (the replaced text must be there). */
function seattleWith(from: string, to: string): string {
  expect(SEATTLE).toContain(from);
  return file(SEATTLE.replace(from, to));
}

/** The first line validate prints, without the file name in front. */
async function firstIssue(path: string): Promise<{ code: number; line: string }> {
  const { code, stdout } = await runCli('validate', path);
  return { code, line: (stdout.split('\n')[0] ?? '').slice(path.length) };
}

describe('files that are not scenarios', () => {
  it('says an empty file holds no scenario and what one starts with', async () => {
    const { code, line } = await firstIssue(file(''));
    expect([code, line]).toEqual([
      2,
      ':1:1: empty_file: the file holds no scenario (it is empty or only comments) (expected a scenario: a mapping with version, name, seed, start, horizon and tenant (see docs/scenario-format.md))',
    ]);
  });

  it('says a folder given as the scenario is a folder', async () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder, { recursive: true });
    const { code, line } = await firstIssue(folder);
    expect([code, line]).toEqual([2, ':1:1: file_unreadable: cannot read ' + folder + ': it is a folder, not a file (expected a readable scenario file)']);
  });

  it('says a binary file is not text instead of complaining about its shape', async () => {
    const { code, line } = await firstIssue(file(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00, 0x00, 0x01])));
    expect([code, line.split(': ').slice(0, 3)]).toEqual([2, [':1:1', 'file_unreadable', `cannot read ${join(dir, `f${count - 1}.yaml`)}`]]);
  });

  it('loads a scenario saved with a UTF-8 byte order mark and CRLF line ends', async () => {
    const path = file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SEATTLE.replace(/\n/g, '\r\n'))]));
    const { code, stdout } = await runCli('validate', path);
    expect([code, stdout]).toEqual([0, `${path}: scenario "Seattle office shares the main number" loaded; 0 errors, 0 warnings\n`]);
  });

  it('loads a scenario saved as UTF-16LE with a byte order mark', async () => {
    const path = file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SEATTLE, 'utf16le')]));
    const { code } = await runCli('validate', path);
    expect(code).toBe(0);
  });

  it("reports a .json file with a missing comma once, in JSON's words, at the place", async () => {
    const json = `{\n  "version": 1,\n  "name": "x"\n  "seed": 1\n}\n`;
    const path = file(json, 'json');
    const { code, stdout } = await runCli('validate', path);
    expect([code, stdout.split('\n')]).toEqual([
      2,
      [`${path}:4:3: json_syntax: Expected ',' or '}' after property value (expected valid JSON)`, `${path}: 1 issue; the scenario cannot be used until they are fixed`, ''],
    ]);
  });
});

describe('YAML syntax errors', () => {
  it('reports a colon inside an unquoted name without the missing keys the parser invents after it', async () => {
    const path = seattleWith('name: Seattle office shares the main number', 'name: Seattle: office');
    const { code, stdout } = await runCli('validate', path);
    expect([code, stdout.split('\n')]).toEqual([
      2,
      [
        `${path}:8:7: yaml_syntax: BLOCK_AS_IMPLICIT_KEY: Nested mappings are not allowed in compact mappings (expected valid YAML or JSON)`,
        `${path}: 1 issue; the scenario cannot be used until they are fixed`,
        '',
      ],
    ]);
  });
});

describe('numbers and durations out of range', () => {
  it('says once what a number below its minimum should be', async () => {
    const { code, line } = await firstIssue(seattleWith('replications: 5', 'replications: 0'));
    expect([code, line]).toEqual([2, ':19:15: too_small: replications: expected a number >= 1']);
  });

  it('says a probability above 1 must be at most 1', async () => {
    const { line } = await firstIssue(seattleWith('answerProbability: 0.8', 'answerProbability: 1.5'));
    expect(line).toBe(':130:24: too_big: workload.outbound.answerProbability: expected a number <= 1');
  });

  it.each([
    ['1.5h', 'use whole numbers of each unit: 1h30m rather than 1.5h'],
    ['-3d', 'a duration cannot be negative'],
    ['100y', 'years are not a unit: write weeks, e.g. 52w for a year'],
  ])('says how to write the horizon %s as a duration', async (horizon, hint) => {
    const { code, line } = await firstIssue(seattleWith('horizon: 14d', `horizon: ${horizon}`));
    expect([code, line]).toEqual([2, `:17:10: invalid_format: horizon: expected a duration such as 90s, 5m, 1h30m, 14d or 2w (units w, d, h, m, s; largest first); ${hint}`]);
  });

  it('refuses a warm-up as long as the horizon, which would measure nothing', async () => {
    const { code, line } = await firstIssue(seattleWith('warmup: 1d', 'warmup: 14d'));
    expect([code, line]).toEqual([2, ':18:9: custom: warmup: expected a warm-up shorter than the horizon; nothing is measured before the warm-up ends']);
  });
});

describe('sections written in two forms at once', () => {
  it('names the keys of each accepted form when a rate has both perHour and perUserPerHour', async () => {
    const { code, line } = await firstIssue(seattleWith('rate: { perHour: 12 }', 'rate: { perHour: 12, perUserPerHour: 1 }'));
    expect([code, line]).toEqual([2, ':133:11: invalid_union: workload.inbound.rate matches none of the accepted forms (expected {perUserPerHour} or {perHour})']);
  });
});

describe('timeline and expect entries that would do nothing', () => {
  it('refuses a timeline entry at the horizon, which the run never reaches', async () => {
    const { code, line } = await firstIssue(
      seattleWith('timeline: []', 'timeline:\n  - { at: 14d, do: Remove-CsPhoneNumberAssignment, Identity: main-aa@contoso.com, PhoneNumber: "+14255550100", PhoneNumberType: CallingPlan }'),
    );
    expect([code, line]).toEqual([2, ":155:11: too_big: timeline[0] is at the scenario's horizon and would never run (expected a time before the horizon)"]);
  });

  it("prints a timeline ps error's code once, then the cmdlet and its message", async () => {
    const { line } = await firstIssue(seattleWith('timeline: []', 'timeline:\n  - { at: 1d, ps: "Get-CsOnlineUser -Bogus 1" }'));
    expect(line).toBe(
      ':155:19: UnknownParameter: Get-CsOnlineUser: Get-CsOnlineUser has no parameter -Bogus; its parameters are -Identity, -AccountType. (timeline[0], column 1 of the line) (expected a line of PowerShell callsim can run)',
    );
  });

  it('refuses an expectation without min, max or equals', async () => {
    const { code, line } = await firstIssue(seattleWith('{ metric: outbound.outcome.OUT006, max: 0 }', '{ metric: outbound.outcome.OUT006 }'));
    expect([code, line]).toEqual([2, ':157:5: custom: expect[0]: expected at least one of min, max or equals; without one the expectation checks nothing']);
  });

  it('refuses an expectation whose min is above its max, at the max', async () => {
    const { line } = await firstIssue(seattleWith('{ metric: outbound.outcome.OUT006, max: 0 }', '{ metric: outbound.outcome.OUT006, min: 5, max: 1 }'));
    expect(line).toBe(':157:53: custom: expect[0].max: expected max >= min; no value can pass both');
  });
});

describe('tenant.script paths', () => {
  it('reads an absolute tenant.script path as it is', async () => {
    const script = file('Get-CsOnlineUser -Identity user01@contoso.com\n', 'ps1');
    const { code } = await runCli('validate', seattleWith('  locations:\n', `  script: ${script}\n  locations:\n`));
    expect(code).toBe(0);
  });

  it('names the path it looked at for a relative tenant.script that is missing', async () => {
    const { code, line } = await firstIssue(seattleWith('  locations:\n', '  script: missing.ps1\n  locations:\n'));
    expect([code, line]).toEqual([
      2,
      `:22:11: file_unreadable: cannot read the script missing.ps1 (${join(dir, 'missing.ps1')}: no such file) (expected a readable PowerShell file; a relative path starts at the scenario file's folder)`,
    ]);
  });
});

describe('callsim ps script encodings', () => {
  const script = 'New-CsOnlineVoiceRoutingPolicy -Identity NoPstn -OnlinePstnUsages @()\n';

  it('runs a script saved as UTF-16LE with a byte order mark, as Windows PowerShell 5.1 writes it', async () => {
    const path = file(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(script, 'utf16le')]), 'ps1');
    const { code, stdout } = await runCli('ps', path, '--json');
    const report = JSON.parse(stdout) as { completed: boolean; refused: number };
    expect([code, report.completed, report.refused]).toEqual([0, true, 0]);
  });

  it('runs a script saved as UTF-8 with a byte order mark', async () => {
    const path = file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(script)]), 'ps1');
    const { code } = await runCli('ps', path, '--json');
    expect(code).toBe(0);
  });
});

describe('output files that cannot be written', () => {
  it('refuses --json into a folder that does not exist before running, naming the folder', async () => {
    const out = join(dir, 'no-such-folder', 'results.json');
    const { code, stdout, stderr } = await runCli('run', 'scenarios/seattle.yaml', '--json', out);
    expect([code, stdout, stderr]).toEqual([2, '', `callsim run: cannot write --json ${out}: the folder ${join(dir, 'no-such-folder')} does not exist (create it first)\n`]);
  });

  it('refuses --calls that names a folder, leaving no temporary file', async () => {
    const folder = join(dir, 'calls-folder');
    mkdirSync(folder, { recursive: true });
    const { code, stderr } = await runCli('run', 'scenarios/seattle.yaml', '--calls', folder);
    expect([code, stderr, readdirSync(dir).filter((f) => f.endsWith('.tmp'))]).toEqual([
      2,
      `callsim run: cannot write --calls ${folder}: it is a folder; give a file name, such as ${join(folder, 'out')}\n`,
      [],
    ]);
  });

  it('says why ps -o cannot write into a folder that does not exist, before running the script', async () => {
    const out = join(dir, 'nowhere', 'after.yaml');
    const { code, stdout, stderr } = await runCli('ps', file('New-CsOnlineVoiceRoutingPolicy -Identity NoPstn -OnlinePstnUsages @()\n', 'ps1'), '-o', out);
    expect([code, stdout, stderr]).toEqual([2, '', `callsim ps: cannot write -o ${out}: the folder ${join(dir, 'nowhere')} does not exist (create it first)\n`]);
  });
});

describe('callsim run options', () => {
  it('refuses a --horizon no longer than the warm-up, which would measure nothing', async () => {
    const { code, stderr } = await runCli('run', 'scenarios/seattle.yaml', '--horizon', '12h');
    expect([code, stderr]).toEqual([
      2,
      "callsim run: --horizon 12 h is not longer than the scenario's warm-up (1 day), so nothing would be measured; give a longer --horizon.\n",
    ]);
  });

  it('notes each timeline change a shorter --horizon cuts off', async () => {
    const { stderr } = await runCli('run', 'scenarios/remove-emergency-number-mid-run.yaml', '--horizon', '2d', '--replications', '1');
    expect(stderr.split('\n').filter((l) => l.includes('--horizon'))).toEqual([
      'note: timeline[0] (at 3 days) is at or after --horizon 2 days and will not run.',
      'note: timeline[1] (at 73 h) is at or after --horizon 2 days and will not run.',
    ]);
  });

  it('says how to write --horizon 1.5h', async () => {
    const { code, stderr } = await runCli('run', 'scenarios/seattle.yaml', '--horizon', '1.5h');
    expect([code, stderr.split('\n')[0]]).toEqual([
      2,
      "error: option '--horizon <duration>' argument '1.5h' is invalid. expected a duration such as 30d, 12h or 90m; use whole numbers of each unit: 1h30m rather than 1.5h.",
    ]);
  });
});

describe('shell commands given arguments', () => {
  const session = (): ShellSession => new ShellSession({ tenant: emptyTenant(), findings: (t) => validate(t) });

  it('says validate takes no arguments instead of calling it an unknown cmdlet', () => {
    expect(session().handle('validate Seattle').output).toBe('validate takes no arguments; it checks the whole tenant as it is now\n');
  });

  it('says help takes no arguments instead of calling it an unknown cmdlet', () => {
    expect(session().handle('help Get-CsOnlineUser').output).toBe("help takes no arguments; it lists the commands and cmdlets (Tab completes a cmdlet's parameters)\n");
  });
});

describe('whole-number options', () => {
  it('take digits only: 1e3 and 0x10 are refused, not read as 1000 and 16', async () => {
    const seattle = 'scenarios/seattle.yaml';
    for (const value of ['1e3', '0x10', '2.0']) {
      const { code, stderr } = await runCli('run', seattle, '--replications', value);
      expect(code, value).toBe(2);
      expect(stderr, value).toContain('--replications must be a whole number >= 1, written in digits');
    }
  });
});
