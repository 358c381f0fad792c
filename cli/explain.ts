/** The text of a rule of docs/rules.md, for `callsim explain` and the shell's `explain`. */
import { RULE_IDS, RULES, isRuleId } from '../engine/tenant/index.js';

export function explainRule(word: string): { ok: true; text: string } | { ok: false; text: string } {
  const id = word.trim().toUpperCase();
  if (!isRuleId(id)) {
    return { ok: false, text: `${word} is not a rule ID of docs/rules.md (they look like SC003, NUM001, RA002; callsim explain lists them)` };
  }
  const rule = RULES[id];
  const kind = rule.kind === 'finding' ? `finding, ${rule.severity ?? 'error'}` : rule.kind;
  return { ok: true, text: `${rule.id} (${kind}): ${rule.text}` };
}

/** One line per rule: its ID, kind and the first sentence of its text. */
export function ruleIndex(): string {
  const headings = { refusal: 'Refusals (cmdlets refuse these; the tenant is unchanged)', finding: 'Findings (callsim validate)', outcome: 'Call outcomes (callsim run)' } as const;
  let out = '';
  let section = '';
  for (const id of RULE_IDS) {
    const rule = RULES[id];
    if (rule.kind !== section) {
      section = rule.kind;
      out += `${out === '' ? '' : '\n'}${headings[rule.kind]}\n`;
    }
    const first = rule.text.split(/(?<=\.)\s/)[0] ?? rule.text;
    out += `  ${id.padEnd(7)} ${first.length > 100 ? `${first.slice(0, 97)}...` : first}\n`;
  }
  return out;
}
