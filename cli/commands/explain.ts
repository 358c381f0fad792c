/** `callsim explain [RULEID...]`: what a rule ID in a message, finding or outcome means. */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { isRuleId } from '../../engine/tenant/index.js';
import { EXIT_OK, EXIT_UNUSABLE, type CliIo, type ExitCode } from '../io.js';
import { plainRuleIndex, rulePage } from '../rule-page.js';

const USAGE = `Usage:
  callsim explain RULEID...   what each rule means: its text, an example, the fix, related rules
  callsim explain             list every rule ID with its first sentence
Rule IDs are the codes in refusals, findings and call outcomes, such as SC003, RA009, OUT004.`;

/** A word that names a file (a path, a scenario or script file name) rather than a rule ID. */
function looksLikeFile(word: string): boolean {
  return /[/\\]/.test(word) || /\.(ya?ml|json|ps1|csv)$/i.test(word) || (word.includes('.') && existsSync(word));
}

/** Why a word is not a rule ID, in words that say what to do instead. */
function notARuleId(word: string): string {
  if (looksLikeFile(word)) {
    return `callsim explain: ${word} is a file, not a rule ID: explain tells what a rule ID means and reads no scenario.\n${USAGE}\n`;
  }
  return `callsim explain: ${word} is not a rule ID of docs/rules.md (they look like SC003, NUM001, RA002; callsim explain lists them)\n`;
}

export function explainCommand(io: CliIo, done: (code: ExitCode) => void): Command {
  return new Command('explain')
    .description('Print what rule IDs mean (docs/rules.md), with an example, the fix and related rules; with none, list every rule.')
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
        io.stdout.write(plainRuleIndex());
        done(EXIT_OK);
        return;
      }
      let code: ExitCode = EXIT_OK;
      let pages = 0;
      for (const word of ids) {
        const id = word.trim().toUpperCase();
        if (!isRuleId(id)) {
          io.stderr.write(notARuleId(word));
          code = EXIT_UNUSABLE;
          continue;
        }
        io.stdout.write(`${pages > 0 ? '\n' : ''}${rulePage(id)}`);
        pages++;
      }
      done(code);
    });
}
