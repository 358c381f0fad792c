/** How the CLI prints a finding of validate(): the rule, the object, the message and its fix. */
import type { Finding } from '../engine/tenant/index.js';

/** Two lines, the same in `callsim validate`, `callsim ps` and the shell's `validate`. */
export function formatFinding(f: Finding): string {
  return `${f.severity} ${f.rule} ${f.object.kind} ${f.object.id}: ${f.message}\n  fix: ${f.fix}\n`;
}

/** Findings of one rule beyond this many are summarised by the objects they are about. */
const SHOWN_PER_RULE = 3;

/**
 * The findings, with a long run of one rule (40 users with the same Global voice routing policy)
 * cut to its first few and a list of the other objects: the fix is the same for all of them.
 * *more* says where the rest are listed in full (e.g. "--json lists each").
 */
export function formatFindings(findings: readonly Finding[], more: string): string {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  let out = '';
  for (const group of byRule.values()) {
    for (const f of group.slice(0, SHOWN_PER_RULE)) out += formatFinding(f);
    const rest = group.slice(SHOWN_PER_RULE);
    if (rest.length === 0) continue;
    const ids = rest.map((f) => f.object.id);
    const listed = ids.length > 10 ? `${ids.slice(0, 10).join(', ')}, ...` : ids.join(', ');
    out += `${rest[0]?.severity ?? 'error'} ${rest[0]?.rule ?? ''}: ${rest.length} more like the above (${listed}); ${more}\n`;
  }
  return out;
}
