/** What is wrong with a scenario file, located in the file. */
export interface ScenarioIssue {
  /** A zod-like code (invalid_type, unrecognized_keys, yaml_syntax, unknown_reference, ...) or a RULES.md ID. */
  code: string;
  /** Path in the document, e.g. ['tenant', 'users', 3, 'upn']. */
  path: (string | number)[];
  /** What was expected at that place, in words. */
  expected: string;
  message: string;
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export function compareIssues(a: ScenarioIssue, b: ScenarioIssue): number {
  return a.line - b.line || a.column - b.column;
}

/**
 * `file:line:column: code: message (expected ...)`, one line, as the CLI prints it. Refusal
 * messages already start with their rule ID, which is then not repeated.
 */
export function formatIssue(issue: ScenarioIssue): string {
  // A message that already says what it expected is not followed by the same words again.
  const expected = issue.expected === '' || issue.message.includes(`expected ${issue.expected}`) ? '' : ` (expected ${issue.expected})`;
  // PowerShell's "Cmdlet : CODE: text" (script and timeline `ps` errors) keeps the cmdlet, not a second CODE.
  const cmdletFirst = issue.message.startsWith(`${issue.code}: `) ? undefined : new RegExp(`^(\\S+) : ${issue.code}: `).exec(issue.message);
  const text = issue.message.startsWith(`${issue.code}: `)
    ? issue.message
    : cmdletFirst != null
      ? `${issue.code}: ${cmdletFirst[1] ?? ''}: ${issue.message.slice(cmdletFirst[0].length)}`
      : `${issue.code}: ${issue.message}`;
  return `${issue.file}:${issue.line}:${issue.column}: ${text}${expected}`;
}
