/** `callsim explain [RULEID...]`: what a rule ID in a message, finding or outcome means. */
import { Command } from 'commander';
import { explainRule, ruleIndex } from '../explain.js';
import { EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode } from '../io.js';

export function explainCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('explain')
    .description('Print what rule IDs mean (docs/rules.md); with none, list every rule.')
    .argument('[ids...]', 'rule IDs such as SC003, RA010, OUT004 (any case)')
    .addHelpText(
      'after',
      `
Examples:
  $ callsim explain SC003
  $ callsim explain out004 cbk001
  $ callsim explain`,
    )
    .action((ids: string[]) => {
      if (ids.length === 0) {
        io.stdout.write(ruleIndex());
        done(EXIT_OK);
        return;
      }
      let code: ExitCode = EXIT_OK;
      for (const id of ids) {
        const result = explainRule(id);
        (result.ok ? io.stdout : io.stderr).write(`${result.ok ? '' : 'callsim explain: '}${result.text}\n`);
        if (!result.ok) code = EXIT_UNUSABLE;
      }
      done(code);
    });
}
