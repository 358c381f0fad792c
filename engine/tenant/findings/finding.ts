/**
 * A finding of `validate` (docs/rules.md section 2): one broken rule, the object it is about,
 * and how to fix it. Findings are data so the CLI, scenario checks and tests read them alike.
 */
import { RULES, type RuleId, type Severity } from '../rules.js';

/** The rule IDs of section 2: the only ones a finding may carry. */
export type FindingRuleId = Extract<RuleId, `USR${string}` | `RA${string}` | `SITE${string}` | `AA${string}` | `POL${string}` | `NET04${string}` | `CQ${string}`>;

export type FindingObjectKind =
  | 'user'
  | 'resourceAccount'
  | 'sharedCallingPolicy'
  | 'autoAttendant'
  | 'callQueue'
  | 'networkSite'
  | 'location'
  | 'number'
  | 'tenant';

export interface Finding {
  rule: FindingRuleId;
  /** RULES[rule].severity: errors break Shared Calling, warnings degrade it. */
  severity: Severity;
  /** What the finding is about: a user/resource account by UPN, a policy by identity, a number in E.164. */
  object: { kind: FindingObjectKind; id: string };
  /** One line that starts with the rule ID. */
  message: string;
  /** One line: how to fix it, ideally the cmdlet to run. */
  fix: string;
}

/**
 * A finding whose message is *text* prefixed with *label* (the rule ID, or e.g. "POL001 (SC003)"
 * when it names a second rule), with the catalogue's severity.
 */
export function finding(
  rule: FindingRuleId,
  kind: FindingObjectKind,
  id: string,
  text: string,
  fix: string,
  label: string = rule,
): Finding {
  // Every section 2 rule has a severity; 'error' only guards against a catalogue edit.
  const severity = RULES[rule].severity ?? 'error';
  return { rule, severity, object: { kind, id }, message: `${label}: ${text}`, fix };
}
