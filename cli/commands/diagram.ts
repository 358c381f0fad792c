/** `callsim diagram [MACHINE]`: each call machine's state diagram, generated from its definition (docs/machines.md). */
import { Argument, Command, Option } from 'commander';
import { DIAGRAM_MACHINES, diagramMermaid, machineDiagram, machines, machinesMarkdown, type CallKind, type MachineDiagram } from '../../engine/machines/index.js';
// The machines' example inputs, which reach every final state: not in the machines' index (it
// would import itself through them), so taken from their own file as the tests and benches do.
import { SAMPLES } from '../../engine/machines/examples.js';
import { finalSnapshots } from '../../engine/kernel/index.js';
import { EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode } from '../io.js';

const FORMATS = ['mermaid', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface DiagramCliOptions {
  format: Format;
  markdown?: boolean;
}

/** The diagram of one call machine, its final states' outcomes found by driving its SAMPLES. */
export function callMachineDiagram(kind: CallKind): MachineDiagram {
  return machineDiagram(machines[kind], finalSnapshots(machines[kind], SAMPLES[kind]));
}

/** docs/machines.md, as `callsim diagram --markdown` prints it. */
export function machinesDocument(kinds: readonly CallKind[] = DIAGRAM_MACHINES): string {
  return machinesMarkdown(kinds.map((kind) => callMachineDiagram(kind)));
}

/** What `callsim diagram` prints for *kinds* (every machine when none was named). */
export function diagramText(kinds: readonly CallKind[], options: DiagramCliOptions): string {
  if (options.markdown === true) return machinesDocument(kinds);
  if (options.format === 'json') {
    const documents = kinds.map((kind) => callMachineDiagram(kind));
    return `${JSON.stringify(documents.length === 1 ? documents[0] : documents, null, 2)}\n`;
  }
  // One Mermaid diagram per machine, each headed by a Mermaid comment naming it.
  return kinds.map((kind) => `%% ${kind}\n${diagramMermaid(callMachineDiagram(kind))}`).join('\n');
}

export function diagramCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('diagram')
    .description("Print a call machine's state diagram, generated from its definition: guards and actions on the transitions, outcome IDs on the final states.")
    .addArgument(new Argument('[machine]', 'the call machine (none: all four)').choices(DIAGRAM_MACHINES))
    .addOption(new Option('--format <format>', 'Mermaid stateDiagram-v2 text, or a JSON document').choices(FORMATS).default('mermaid'))
    .option('--markdown', 'print docs/machines.md: an introduction and one ```mermaid block per machine')
    .addHelpText(
      'after',
      `
Examples:
  $ callsim diagram callback
  $ callsim diagram inbound --format json
  $ callsim diagram --markdown > docs/machines.md     (what npm run diagrams does)`,
    )
    .action((machine: CallKind | undefined, options: DiagramCliOptions) => {
      if (options.markdown === true && options.format !== 'mermaid') {
        io.stderr.write(`callsim diagram: --markdown writes Mermaid; it cannot be combined with --format ${options.format}.\n`);
        done(EXIT_UNUSABLE);
        return;
      }
      io.stdout.write(diagramText(machine === undefined ? DIAGRAM_MACHINES : [machine], options));
      done(EXIT_OK);
    });
}
