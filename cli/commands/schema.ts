/** `callsim schema`: the JSON Schema of scenario files, for editors (schema/scenario.schema.json). */
import { Command } from 'commander';
import { scenarioJsonSchema } from '../../engine/scenario/index.js';
import { EXIT_OK, type CliIo, type ExitCode } from '../io.js';

export function schemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

export function schemaCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('schema')
    .description('Print the JSON Schema of scenario files (the same definition the loader checks).')
    .addHelpText(
      'after',
      `
Examples:
  $ callsim schema > schema/scenario.schema.json
  In a scenario file, for editors that read it:  # yaml-language-server: $schema=../schema/scenario.schema.json`,
    )
    .action(() => {
      io.stdout.write(schemaText());
      done(EXIT_OK);
    });
}
