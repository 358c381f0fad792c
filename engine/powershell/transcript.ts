/**
 * What a script run shows: one entry per thing PowerShell would print (plus what each command
 * changed), in order, each tied to the statement and the line:column that produced it.
 */
import type { PsParseError } from './ast.js';

/**
 * `assigned` marks an assignment that ran: PowerShell prints nothing for it, so its text is empty
 * (the text transcript shows only the statement's header line; callsim shell prints nothing).
 */
export type TranscriptEntryKind = 'ok' | 'error' | 'warning' | 'host' | 'output' | 'assigned';

export interface TranscriptEntry {
  line: number;
  column: number;
  /** The statement's text as written. */
  source: string;
  kind: TranscriptEntryKind;
  text: string;
  /**
   * For errors: the RULES.md ID of a refusal, a binding error code (UnknownCmdlet, ...),
   * `ParseError`, `RuntimeError`, or a limit of engine/powershell/limits.ts: `ValueTooLarge` and
   * `ValueTooDeep` (the statement ends), `WorkLimit` and `OutputLimit` (the script stops). For warnings: the cmdlet's code, `PromptPrefix`,
   * `UnsetVariable`, `MissingProperty` or `Caught`.
   */
  code?: string;
}

export interface Transcript {
  fileName: string;
  entries: TranscriptEntry[];
  /** False when a parse error kept the script from running or a terminating error stopped it. */
  completed: boolean;
  /** Non-empty when the script did not parse (and so did not run). */
  parseErrors: PsParseError[];
}

/**
 * The transcript as text: a header with the location and first line of each statement, then
 * what it printed, indented. Entries of one statement share its header: the same source, on the
 * lines that statement spans (a later statement with the same text gets its own header).
 */
export function formatTranscript(transcript: Transcript): string {
  const lines: string[] = [];
  let lastSource: string | null = null;
  let headerLine = 0;
  let span = 0;
  for (const entry of transcript.entries) {
    if (entry.source !== lastSource || entry.line < headerLine || entry.line >= headerLine + span) {
      const end = entry.source.indexOf('\n');
      lines.push(`${transcript.fileName}:${entry.line}:${entry.column}> ${end < 0 ? entry.source : entry.source.slice(0, end)}`);
      lastSource = entry.source;
      headerLine = entry.line;
      span = entry.source.split('\n').length;
    }
    if (entry.kind === 'assigned') continue;
    const prefix = entry.kind === 'warning' ? 'WARNING: ' : '';
    for (const textLine of `${prefix}${entry.text}`.split('\n')) lines.push(`  ${textLine}`);
  }
  if (!transcript.completed && transcript.parseErrors.length === 0) lines.push('Script stopped.');
  if (transcript.parseErrors.length > 0) lines.push('The script did not run: it has a parse error.');
  return `${lines.join('\n')}\n`;
}
