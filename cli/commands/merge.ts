/** `callsim merge PARTS... -o RESULT.json`: the parts of a sharded sweep, put back together. */
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { mergeParts, readPart, sweepDocument, type SweepPart } from '../../engine/run/index.js';
import { readFailure } from '../../engine/scenario/index.js';
import { EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode } from '../io.js';
import { OutputFileError, writeFileWhole } from '../write-whole.js';

export async function mergeFiles(files: readonly string[], output: string, io: CliIo): Promise<ExitCode> {
  const parts: { file: string; part: SweepPart }[] = [];
  const problems: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      problems.push(`${file}: cannot read it: ${readFailure(error)}`);
      continue;
    }
    const read = readPart(text, file);
    if (read.ok) parts.push({ file, part: read.part });
    else problems.push(read.problem);
  }
  const merged = problems.length > 0 ? undefined : mergeParts(parts);
  if (merged !== undefined && !merged.ok) problems.push(...merged.problems);
  if (merged === undefined || !merged.ok) {
    for (const p of problems) io.stderr.write(`callsim merge: ${p}\n`);
    return EXIT_UNUSABLE;
  }
  try {
    writeFileWhole(output, `${JSON.stringify(sweepDocument(merged.sweep), null, 2)}\n`, io.stdout);
  } catch (error) {
    if (!(error instanceof OutputFileError)) throw error;
    io.stderr.write(`callsim merge: cannot write -o ${error.path}: ${error.message}\n`);
    return EXIT_UNUSABLE;
  }
  return EXIT_OK;
}

export function mergeCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('merge')
    .description('Merge the parts of a sharded sweep (callsim sweep --shard) into the whole sweep document.')
    .argument('<parts...>', 'part files written by callsim sweep --shard I/N --json PART')
    .option('-o, --output <file>', 'the sweep document (- for standard output)', '-')
    .addHelpText(
      'after',
      `
The result is byte for byte the document the whole sweep writes on one machine. Parts of
different sweeps (another file or an edited one, other --set, --seed or --replications), a
missing shard or a shard given twice are refused, each with what is wrong.

Examples:
  $ callsim merge --help`,
    )
    .action(async (parts: string[], options: { output: string }) => {
      done(await mergeFiles(parts, options.output, io));
    });
}
