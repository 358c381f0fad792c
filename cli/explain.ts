/** The page of a rule of docs/rules.md for the shell's `explain` (the same as `callsim explain ID`). */
import { isRuleId } from '../engine/tenant/index.js';
import { rulePage } from './rule-page.js';

export function explainRule(word: string): { ok: true; text: string } | { ok: false; text: string } {
  const id = word.trim().toUpperCase();
  if (!isRuleId(id)) {
    return { ok: false, text: `${word} is not a rule ID of docs/rules.md (they look like SC003, NUM001, RA002; callsim explain lists them)` };
  }
  // The same page as `callsim explain ID`: plain text, an example, the fix, related rules.
  return { ok: true, text: rulePage(id).trimEnd() };
}
