/**
 * `callsim ps SCRIPT.ps1 [--tenant BASE.yaml] [-o OUT.yaml] [--json]`: replay a Teams PowerShell
 * script over a scenario's tenant, show what each command did and what validate() finds after.
 */
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { formatTranscript, parseScript, runScriptOnTenant, type Transcript } from '../../engine/powershell/index.js';
import { decodeText, formatIssue, loadScenarioFile, readFailure, scenarioFindings, writeScenario, type ScenarioIssue } from '../../engine/scenario/index.js';
import { emptyTenant, validate, type Finding, type Tenant } from '../../engine/tenant/index.js';
import { formatFindings } from '../format-finding.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode } from '../io.js';
import { OutputFileError, outputProblem, sameFile, writeFileWhole, type OutputRequest } from '../write-whole.js';

export interface PsOptions {
  tenant?: string;
  output?: string;
  json?: boolean;
}

/** The scenario written without --tenant: a fixed start and seed, so the file is reproducible. */
const NEW_SCENARIO = { seed: 1, start: '2026-01-05T00:00:00Z', horizon: '1d' };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A script as Windows saves it too: UTF-8 with or without a BOM, or UTF-16 (PowerShell 5.1's `>`). */
async function readText(path: string): Promise<{ ok: true; text: string } | { ok: false; issue: ScenarioIssue }> {
  let reason: string;
  try {
    const decoded = decodeText(await readFile(path));
    if (decoded.ok) return decoded;
    reason = decoded.reason;
  } catch (error) {
    reason = readFailure(error);
  }
  return {
    ok: false,
    issue: { code: 'file_unreadable', path: [], expected: 'a readable PowerShell script', message: `cannot read ${path}: ${reason}`, file: path, line: 1, column: 1 },
  };
}

/** The --json document: same keys in the same order every time. */
interface PsReport {
  script: string;
  tenant: string | null;
  usable: boolean;
  exitCode: ExitCode;
  issues: ScenarioIssue[];
  transcript: Transcript['entries'];
  completed: boolean;
  refused: number;
  findings: Finding[];
  summary: { refused: number; errors: number; warnings: number };
  output: string | null;
}

export async function replayScript(script: string, options: PsOptions, io: CliIo): Promise<ExitCode> {
  // The output path is checked before the script runs: an empty path, the script itself (which
  // -o would overwrite with YAML), -o - next to --json (both on standard output), a folder.
  if (options.output !== undefined) {
    const output: OutputRequest = { option: '-o', path: options.output };
    const problem =
      options.json === true && options.output === '-'
        ? '-o - and --json would both write to standard output; give -o a file'
        : sameFile(script, options.output)
          ? `-o ${options.output} is the script itself; give the scenario its own file`
          : outputProblem([output]);
    if (problem !== undefined) {
      io.stderr.write(`callsim ps: ${problem}\n`);
      return EXIT_UNUSABLE;
    }
  }
  const issues: ScenarioIssue[] = [];
  const read = await readText(script);
  const source = read.ok ? read.text : '';
  if (!read.ok) issues.push({ ...read.issue });
  else {
    const parsed = parseScript(source, script);
    if (!parsed.ok) {
      issues.push(
        ...parsed.errors.map((e) => ({ code: 'ParseError', path: [], expected: 'the PowerShell subset of engine/powershell/README.md', message: e.message, file: script, line: e.line, column: e.column })),
      );
    }
  }

  let tenant: Tenant = emptyTenant();
  let findingsOf: (t: Tenant) => Finding[] = (t) => validate(t);
  let baseText: string | undefined;
  if (options.tenant !== undefined) {
    const loaded = await loadScenarioFile(options.tenant);
    if (!loaded.ok) issues.push(...loaded.issues.map((i) => ({ ...i, expected: i.code === 'file_unreadable' ? 'a readable scenario file (--tenant)' : i.expected })));
    else {
      tenant = loaded.tenant;
      const scenario = loaded.scenario;
      findingsOf = (t) => scenarioFindings(scenario, t);
      const base = await readText(options.tenant);
      if (base.ok) baseText = base.text;
    }
  }

  const report = (r: Omit<PsReport, 'script' | 'tenant'>): void => {
    io.stdout.write(`${JSON.stringify({ script, tenant: options.tenant ?? null, ...r }, null, 2)}\n`);
  };

  if (issues.length > 0) {
    if (options.json === true) {
      report({ usable: false, exitCode: EXIT_UNUSABLE, issues, transcript: [], completed: false, refused: 0, findings: [], summary: { refused: 0, errors: 0, warnings: 0 }, output: null });
    } else {
      for (const issue of issues) io.stderr.write(`${formatIssue(issue)}\n`);
      io.stderr.write(`${plural(issues.length, 'issue')}: the script did not run\n`);
    }
    return EXIT_UNUSABLE;
  }

  // With -o - the scenario is on standard output, so the transcript goes to stderr.
  const out = options.output === '-' ? io.stderr : io.stdout;
  if (options.tenant === undefined && options.json !== true) out.write('No --tenant given: starting from an empty tenant.\n');
  const transcript = runScriptOnTenant(tenant, source, script);
  const findings = findingsOf(tenant);
  const refused = transcript.entries.filter((e) => e.kind === 'error').length;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  let exitCode: ExitCode = refused > 0 || errors > 0 || !transcript.completed ? EXIT_FINDINGS : EXIT_OK;

  let written: string | null = null;
  let writeError: string | undefined;
  if (options.output !== undefined) {
    const path = options.output;
    const base = baseText !== undefined ? { text: baseText } : { fields: { name: `Tenant after ${script}`, ...NEW_SCENARIO } };
    const result = writeScenario(tenant, base, path);
    if (!result.ok) writeError = [`${path}: not written: ${result.reason}`, ...result.issues.map((i) => `  ${path}:${i}`)].join('\n');
    else {
      try {
        writeFileWhole(path, result.text, io.stdout);
        written = path;
      } catch (error) {
        if (!(error instanceof OutputFileError)) throw error;
        writeError = `${path}: not written: ${error.message}`;
      }
    }
    if (writeError !== undefined) exitCode = EXIT_UNUSABLE;
  }

  if (options.json === true) {
    report({ usable: true, exitCode, issues: [], transcript: transcript.entries, completed: transcript.completed, refused, findings, summary: { refused, errors, warnings }, output: written });
    if (writeError !== undefined) io.stderr.write(`${writeError}\n`);
    return exitCode;
  }

  out.write(formatTranscript(transcript));
  out.write(findings.length === 0 ? 'validate: no findings\n' : 'validate:\n');
  out.write(formatFindings(findings, '--json lists each'));
  out.write(`${script}: ${plural(refused, 'command')} refused; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
  if (written !== null && written !== '-') out.write(`wrote ${written}\n`);
  if (writeError !== undefined) io.stderr.write(`${writeError}\n`);
  return exitCode;
}

export function psCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('ps')
    .description('Replay a Teams PowerShell script over a scenario\'s tenant: what each command did, what it refused, and validate\'s findings after.')
    .argument('<script>', 'PowerShell script (.ps1), in the subset of engine/powershell/README.md')
    .option('--tenant <scenario>', 'scenario file whose tenant the script starts from (default: an empty tenant)')
    .option('-o, --output <scenario>', 'write the resulting tenant as a scenario file (the other fields copied from --tenant; - for standard output)')
    .option('--json', 'print one JSON document (transcript, findings, summary) instead of text')
    .addHelpText(
      'after',
      `
Exit codes: 0 every command ran and no finding is an error, 1 a command was refused or a finding
is an error, 2 the script or the scenario cannot be used (missing, parse error, scenario issues)
or the output could not be written, 70 a bug in callsim (see callsim --help).

Examples:
  $ callsim ps test/fixtures/ps-corpus/shared-calling-scenario.ps1 --tenant test/fixtures/ps/article-base.yaml
  $ callsim ps test/fixtures/ps-corpus/shared-calling-scenario.ps1 --tenant test/fixtures/ps/article-base.yaml -o after.yaml
  $ callsim ps test/fixtures/ps/empty-start.ps1 --json`,
    )
    .action(async (script: string, options: PsOptions) => {
      done(await replayScript(script, options, io));
    });
}
