/**
 * The syntax tree of the PowerShell subset. Every node keeps the one-based line and column where
 * it starts, so that a refusal or an error at run time can point at the text that caused it.
 */

export interface Position {
  line: number;
  column: number;
}

export type Expression =
  /** Single-quoted string or bare word (argument mode); a bare word keeps its text, even `+1206...`. */
  | { kind: 'string'; value: string; pos: Position }
  /** Double-quoted string: literal parts and `$var` / `$(...)` parts. */
  | { kind: 'expandable'; parts: ExpandablePart[]; pos: Position }
  | { kind: 'number'; value: number; text: string; pos: Position }
  /** `$name`, including `$true`, `$false` and `$null`; name as written. */
  | { kind: 'variable'; name: string; pos: Position }
  | { kind: 'member'; target: Expression; member: string; pos: Position }
  /** `a, b` (comma list) or `@(...)`. */
  | { kind: 'array'; items: Expression[]; pos: Position }
  | { kind: 'arraySubexpression'; body: Statement[]; pos: Position }
  | { kind: 'hashtable'; entries: HashtableEntry[]; pos: Position }
  /** `( pipeline )` and `$( statements )`: the value is what they write to the pipeline. */
  | { kind: 'subexpression'; body: Statement[]; pos: Position }
  /** `{ ... }` given to -Filter: passed on as its inner text, never run. */
  | { kind: 'filterBlock'; text: string; pos: Position }
  | { kind: 'comparison'; operator: ComparisonOperator; left: Expression; right: Expression; pos: Position };

export type ExpandablePart = { kind: 'text'; text: string } | { kind: 'value'; value: Expression };

export type ComparisonOperator = 'eq' | 'ne' | 'like' | 'notlike';

export interface HashtableEntry {
  key: string;
  value: Pipeline;
  pos: Position;
}

export type CommandArgument =
  /** `-Name`, `-Name value` is stored as a parameter followed by a value; `-Name:value` keeps its value. */
  | { kind: 'parameter'; name: string; colonValue: Expression | null; pos: Position }
  | { kind: 'value'; value: Expression; pos: Position };

export interface Command {
  kind: 'command';
  name: string;
  arguments: CommandArgument[];
  pos: Position;
}

export interface ExpressionElement {
  kind: 'expression';
  expression: Expression;
  pos: Position;
}

/** `first | command | command`: only the first element may be an expression. */
export interface Pipeline {
  elements: [Command | ExpressionElement, ...Command[]];
  pos: Position;
}

interface StatementBase {
  pos: Position;
  /** The statement's text as written (for transcripts). */
  source: string;
  /** The statement was written after a console prompt (`PS C:\>`), which was stripped. */
  promptPrefix?: { text: string; pos: Position };
}

export type Statement =
  | (StatementBase & { kind: 'pipeline'; pipeline: Pipeline })
  /**
   * `$x = v`, `$x.A.B = v` (members: ['A', 'B']) and `+=` (append: true), which adds to an array
   * or a string.
   */
  | (StatementBase & { kind: 'assignment'; variable: string; members?: string[]; append?: boolean; value: Pipeline })
  | (StatementBase & { kind: 'if'; clauses: IfClause[]; elseBody: Statement[] | null })
  | (StatementBase & { kind: 'foreach'; variable: string; collection: Pipeline; body: Statement[] })
  | (StatementBase & { kind: 'try'; body: Statement[]; catchBody: Statement[] });

export interface IfClause {
  condition: Pipeline;
  body: Statement[];
}

export interface Script {
  fileName: string;
  statements: Statement[];
}

export interface PsParseError {
  fileName: string;
  line: number;
  column: number;
  /** "expected ..." or what is unsupported and what is supported instead. */
  message: string;
}
