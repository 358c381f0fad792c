/**
 * What a script run shows: one entry per thing PowerShell would print (plus what each command
 * changed), in order, each tied to the statement and the line:column that produced it.
 */
import type { PsParseError } from './ast.js';

export type TranscriptEntryKind = 'ok' | 'error' | 'warning' | 'host' | 'output';

export interface TranscriptEntry {
  line: number;
  column: number;
  /** The statement's text as written. */
  source: string;
  kind: TranscriptEntryKind;
  text: string;
  /**
   * For errors: the RULES.md ID of a refusal, a binding error code (UnknownCmdlet, ...),
   * `ParseError` or `RuntimeError`. For warnings: the cmdlet's code, `PromptPrefix`,
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
 * what it printed, indented. Entries of one statement share its header.
 */
export function formatTranscript(transcript: Transcript): string {
  const lines: string[] = [];
  let lastSource: string | null = null;
  for (const entry of transcript.entries) {
    if (entry.source !== lastSource) {
      lines.push(`${transcript.fileName}:${entry.line}:${entry.column}> ${entry.source.split('\n')[0] ?? ''}`);
      lastSource = entry.source;
    }
    const prefix = entry.kind === 'warning' ? 'WARNING: ' : '';
    for (const textLine of `${prefix}${entry.text}`.split('\n')) lines.push(`  ${textLine}`);
  }
  if (!transcript.completed && transcript.parseErrors.length === 0) lines.push('Script stopped.');
  if (transcript.parseErrors.length > 0) lines.push('The script did not run: it has a parse error.');
  return `${lines.join('\n')}\n`;
}
