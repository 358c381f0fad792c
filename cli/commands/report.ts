/** `callsim report RESULTS.json -o report.html`: the HTML report of a results or comparison document. */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode } from '../io.js';
import { renderReport } from '../report/page.js';
import { DocumentError, readReportInput, type ReportInput } from '../results-document.js';
import { OutputFileError, outputProblem, reasonFor, writeFileWhole } from '../write-whole.js';

/**
 * *document* (as `resultsDocument` or `comparisonDocument` builds it) as the report's HTML: read
 * back through its JSON text, so that `run --html` draws exactly what `report` would from `--json`.
 */
export async function reportOf(document: object, name: string): Promise<string> {
  return renderReport(readReportInput(JSON.stringify(document), name));
}

export async function reportFile(file: string, output: string, io: CliIo): Promise<ExitCode> {
  const problem = outputProblem([{ option: '-o', path: output }]);
  if (problem !== undefined) {
    io.stderr.write(`callsim report: ${problem}\n`);
    return EXIT_UNUSABLE;
  }
  let input: ReportInput;
  try {
    input = readReportInput(readFileSync(file, 'utf8'), file);
  } catch (error) {
    if (error instanceof DocumentError) io.stderr.write(`callsim report: ${error.message}\n`);
    else if (typeof error === 'object' && error !== null && 'code' in error) io.stderr.write(`callsim report: cannot read ${file}: ${readReason(file, error)}\n`);
    else throw error;
    return EXIT_UNUSABLE;
  }
  try {
    writeFileWhole(output, await renderReport(input), io.stdout);
  } catch (error) {
    if (!(error instanceof OutputFileError)) throw error;
    io.stderr.write(`callsim report: cannot write -o ${error.path}: ${error.message}\n`);
    return EXIT_UNUSABLE;
  }
  return EXIT_OK;
}

function readReason(file: string, error: object): string {
  const code = (error as { code: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  return reasonFor(file, error, 'through');
}

export function reportCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('report')
    .description('Write one self-contained HTML page (charts as inline SVG, no script, no network) from a results document.')
    .argument('<results>', 'the results document of callsim run --json, or the document of callsim compare --json')
    .requiredOption('-o, --output <file>', 'the HTML file to write (- for standard output)')
    .addHelpText(
      'after',
      `
From a run's document: the outcomes of each call kind with their rule IDs and 95% intervals; the
Communications Credits balance over simulated time with its recharges; each callback pool's
reserved numbers with the displacements (EMG004) linked to the callbacks they misrouted; inbound
calls by hour of the week and call flow. From a comparison: each figure that moved, B - A with
its paired interval. callsim run --html and compare --html write the same page directly.

Exit codes: 0 written, 2 the document cannot be read (not JSON, not a callsim results document,
a formatVersion this callsim does not read) or the output cannot be written.

Examples:
  $ callsim run scenarios/small-callback-pool.yaml --replications 3 --horizon 7d --json results.json
  $ callsim report results.json -o report.html`,
    )
    .action(async (file: string, options: { output: string }) => {
      done(await reportFile(file, options.output, io));
    });
}
