/**
 * `callsim explain RULEID` as a page a trainer can read aloud: plain text (no markdown markers),
 * wrapped to 100 columns, with the rule's kind, its text, an example, the fix and the related rules.
 */
import { RULE_GUIDE, RULE_IDS, RULES, isRuleId, type RuleDefinition, type RuleId } from '../engine/tenant/index.js';

export const PAGE_WIDTH = 100;

/** docs/rules.md's markdown as plain words: `**x**` is x, `code` is code. */
export function plainText(markdown: string): string {
  return markdown.replace(/\*\*(.+?)\*\*/g, '$1').replace(/`([^`]*)`/g, '$1').replace(/`/g, '').replace(/\*\*/g, '');
}

/** Word-wraps text to width columns, every line starting with indent. A word longer than a line stays whole. */
export function wrap(text: string, indent = '', width = PAGE_WIDTH): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line === '') line = indent + word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = indent + word;
    }
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

const ID_PATTERN = new RegExp(`\\b(${[...RULE_IDS].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');

/** The rule IDs a rule's text mentions, other than its own, in order of first mention. */
export function mentionedRules(id: RuleId): RuleId[] {
  const found = new Set<RuleId>();
  for (const match of RULES[id].text.matchAll(ID_PATTERN)) {
    const other = match[1];
    if (other !== undefined && other !== id && isRuleId(other)) found.add(other);
  }
  return [...found];
}

/** The rules whose text mentions id, in catalogue order. */
export function rulesMentioning(id: RuleId): RuleId[] {
  return RULE_IDS.filter((other) => other !== id && mentionedRules(other).includes(id));
}

/** Both directions, without repeats: what the rule mentions, then what mentions it. */
export function relatedRules(id: RuleId): RuleId[] {
  return [...new Set([...mentionedRules(id), ...rulesMentioning(id)])];
}

const OUTCOME_CALLS: Record<string, string> = {
  OUT: 'an outbound call',
  INB: 'an inbound call',
  EMG: 'an emergency call',
  CBK: 'a callback from the emergency service',
};

/** §4: input a command cannot use (size-pool, workload), not a cmdlet's refusal. */
function isCommandRefusal(id: string): boolean {
  return /^(POOL|WKL)\d/.test(id);
}

/** What kind of rule this is, in words, with its section of docs/rules.md. */
export function kindLine(rule: RuleDefinition): string {
  if (isCommandRefusal(rule.id)) return 'a command refusal (docs/rules.md §4): the command stops with exit 2 and runs nothing.';
  switch (rule.kind) {
    case 'refusal':
      return 'a refusal (docs/rules.md §1): the cmdlet is refused and the tenant is unchanged.';
    case 'finding':
      return `a finding of callsim validate (docs/rules.md §2), severity ${rule.severity ?? 'error'}.`;
    case 'outcome':
      return `an outcome of ${OUTCOME_CALLS[rule.id.replace(/\d+$/, '')] ?? 'a call'} (docs/rules.md §3).`;
  }
}

/** Text cut to at most width columns at a word boundary, with ... where it was cut. */
export function clip(text: string, width: number): string {
  if (text.length <= width) return text;
  const cut = text.slice(0, width - 2);
  const space = cut.lastIndexOf(' ');
  return `${(space > width / 2 ? cut.slice(0, space) : cut.slice(0, width - 3)).replace(/[\s,;:]+$/, '')}...`;
}

/** A rule's text on one line of at most width columns. */
export function oneLine(id: RuleId, width: number): string {
  return clip(plainText(RULES[id].text).replace(/\s+/g, ' '), width);
}

function relatedLines(ids: RuleId[]): string {
  return ids.map((other) => `    ${other.padEnd(7)} ${oneLine(other, PAGE_WIDTH - 12)}`).join('\n');
}

/** A fix that starts with a cmdlet name (Verb-Noun) is PowerShell, perhaps with a # comment. */
export function isCommandFix(fix: string): boolean {
  return /^[A-Z][a-z]+-[A-Za-z]+\s/.test(fix);
}

/**
 * A fix as it is printed: prose is wrapped; a command keeps its words together for copying, one
 * statement a line, and its comment follows as a sentence of its own.
 */
function fixLines(fix: string): string {
  if (!isCommandFix(fix)) return wrap(plainText(fix), '  ');
  const hash = fix.search(/\s#\s/);
  const code = (hash < 0 ? fix : fix.slice(0, hash)).trim();
  const note = hash < 0 ? '' : fix.slice(hash).replace(/^\s*#\s*/, '').trim();
  const lines = code.split(/;\s+/).map((statement) => `  ${statement}`);
  if (note !== '') lines.push(wrap(`${note.charAt(0).toUpperCase()}${note.slice(1)}${/[.!?]$/.test(note) ? '' : '.'}`, '  '));
  return lines.join('\n');
}

/** The whole page for one rule. */
export function rulePage(id: RuleId): string {
  const rule = RULES[id];
  const guide = RULE_GUIDE[id];
  const parts = [
    wrap(`${id}, ${kindLine(rule)}`),
    wrap(plainText(rule.text), '  '),
    `Example\n${wrap(plainText(guide.example), '  ')}`,
    `Fix\n${fixLines(guide.fix)}`,
  ];
  const mentioned = mentionedRules(id);
  const mentioning = rulesMentioning(id).filter((other) => !mentioned.includes(other));
  if (mentioned.length + mentioning.length > 0) {
    const lines = ['Related rules'];
    if (mentioned.length > 0) lines.push(`  ${id} mentions:`, relatedLines(mentioned));
    if (mentioning.length > 0) lines.push(`  Mentioned by:`, relatedLines(mentioning));
    parts.push(lines.join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}

/** One line per rule under its section: its ID and the first sentence of its text, in plain text. */
export function plainRuleIndex(): string {
  const headings = {
    refusal: 'Refusals (cmdlets refuse these; the tenant is unchanged)',
    finding: 'Findings (callsim validate)',
    outcome: 'Call outcomes (callsim run)',
    command: 'Command refusals (the command stops with exit 2)',
  } as const;
  let out = '';
  let section = '';
  for (const id of RULE_IDS) {
    const rule = RULES[id];
    const kind = isCommandRefusal(id) ? 'command' : rule.kind;
    if (kind !== section) {
      section = kind;
      out += `${out === '' ? '' : '\n'}${headings[kind]}\n`;
    }
    const text = plainText(rule.text);
    const first = text.split(/(?<=\.)\s/)[0] ?? text;
    out += `  ${id.padEnd(7)} ${clip(first, PAGE_WIDTH - 10)}\n`;
  }
  return out;
}
