/** `callsim validate FILE [--json]`: load a scenario and report its issues or its tenant's findings. */
import { Command } from 'commander';
import { metricNames, metricProblem } from '../../engine/run/index.js';
import {
  costWarning,
  estimateCost,
  formatIssue,
  loadScenarioFile,
  scenarioFindings,
  workloadNotes,
  type ScenarioIssue,
  type WorkloadNote,
} from '../../engine/scenario/index.js';
import type { Finding } from '../../engine/tenant/index.js';
import { formatFindings } from '../format-finding.js';
import { misrouteSimulator } from '../misroute-simulation.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode } from '../io.js';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The --json document: same keys in the same order every time, so it can be diffed. */
interface ValidateReport {
  file: string;
  usable: boolean;
  exitCode: ExitCode;
  scenario: string | null;
  issues: ScenarioIssue[];
  findings: Finding[];
  /** Workload values the tenant does not offer (deliberate what-ifs, or mistakes): no effect on the exit code. */
  notes: WorkloadNote[];
  /** What `callsim run` of the scenario as written would cost (engine/scenario/estimate.ts); null when it cannot be used. */
  estimate: {
    calls: number;
    callsPerReplication: number;
    concurrentCalls: number;
    memoryBytes: number;
    seconds: number;
    /** The warning for a large run, or null. */
    warning: string | null;
  } | null;
  summary: { issues: number; errors: number; warnings: number };
}

export async function validateFile(file: string, options: { json?: boolean }, io: CliIo): Promise<ExitCode> {
  const loaded = await loadScenarioFile(file, { metricProblem });
  const issues = loaded.ok ? [] : loaded.issues;
  const simulateMisroute = loaded.ok ? misrouteSimulator(file, loaded.scenario, loaded.tenant.users.length) : undefined;
  const findings = loaded.ok ? scenarioFindings(loaded.scenario, loaded.tenant, simulateMisroute === undefined ? {} : { simulateMisroute }) : [];
  const notes = loaded.ok ? workloadNotes(loaded.scenario, loaded.tenant) : [];
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const estimate = loaded.ok ? estimateCost(loaded.scenario, loaded.tenant.users.length, { figures: metricNames(loaded.tenant).length }) : undefined;
  const costWarningText = estimate === undefined ? undefined : costWarning(estimate);
  const exitCode: ExitCode = !loaded.ok ? EXIT_UNUSABLE : errors > 0 ? EXIT_FINDINGS : EXIT_OK;

  if (options.json === true) {
    const report: ValidateReport = {
      file,
      usable: loaded.ok,
      exitCode,
      scenario: loaded.ok ? loaded.scenario.name : null,
      issues: issues.map((i) => ({ code: i.code, path: i.path, expected: i.expected, message: i.message, file: i.file, line: i.line, column: i.column })),
      findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, object: { kind: f.object.kind, id: f.object.id }, message: f.message, fix: f.fix })),
      notes,
      estimate:
        estimate === undefined
          ? null
          : {
              calls: Math.round(estimate.calls),
              callsPerReplication: Math.round(estimate.callsPerReplication),
              concurrentCalls: Math.round(estimate.concurrentCalls),
              memoryBytes: Math.round(estimate.memoryBytes),
              seconds: Math.round(estimate.seconds * 10) / 10,
              warning: costWarningText ?? null,
            },
      summary: { issues: issues.length, errors, warnings },
    };
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return exitCode;
  }

  if (!loaded.ok) {
    for (const issue of issues) io.stdout.write(`${formatIssue(issue)}\n`);
    io.stdout.write(`${file}: ${plural(issues.length, 'issue')}; the scenario cannot be used until they are fixed\n`);
    return exitCode;
  }
  io.stdout.write(formatFindings(findings, '--json lists each'));
  for (const n of notes) io.stdout.write(`note ${n.outcome} ${n.path}: ${n.message}\n`);
  // Not a finding (the exit code stays): what running it as written would take.
  if (costWarningText !== undefined) io.stdout.write(`warning: ${costWarningText}\n`);
  io.stdout.write(`${file}: scenario "${loaded.scenario.name}" loaded; ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
  return exitCode;
}

export function validateCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('validate')
    .description('Check a scenario file: its shape, the tenant it builds (through the cmdlets) and the findings of docs/rules.md section 2.')
    .argument('<file>', 'scenario file, YAML or JSON')
    .option('--json', 'print one JSON document (issues, findings, summary) instead of text')
    .addHelpText(
      'after',
      `
Exit codes: 0 no errors (warnings allowed), 1 findings with errors, 2 the file cannot be used
(missing, unparsable, schema errors, a value the simulation cannot run, or a declaration the
cmdlets refuse), 70 a bug in callsim (see callsim --help).

A scenario whose run (as written: its replications and horizon) is estimated at more than 50
million calls or 4 GB of memory gets a warning with the estimate (calls, memory, time); it does
not change the exit code. --json always includes the estimate.

Examples:
  $ callsim validate scenarios/seattle.yaml
  $ callsim validate scenarios/seattle.yaml --json`,
    )
    .action(async (file: string, options: { json?: boolean }) => {
      done(await validateFile(file, options, io));
    });
}
