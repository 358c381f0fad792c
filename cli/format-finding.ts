/** How the CLI prints a finding of validate(): the rule, the object, the message and its fix. */
import type { Finding } from '../engine/tenant/index.js';

/** Two lines, the same in `callsim validate`, `callsim ps` and the shell's `validate`. */
export function formatFinding(f: Finding): string {
  return `${f.severity} ${f.rule} ${f.object.kind} ${f.object.id}: ${f.message}\n  fix: ${f.fix}\n`;
}
