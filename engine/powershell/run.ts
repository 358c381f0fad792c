/**
 * Running a script from its text: parse, then run only if it parsed (as PowerShell does).
 */
import { formatErrorRecord, runParsedScript } from './interpreter.js';
import type { RunOptions } from './interpreter.js';
import { parseScript } from './parser.js';
import type { Transcript } from './transcript.js';

/**
 * Parse and run *source*. A script with a parse error does not run at all (as in PowerShell):
 * the transcript then holds only the parse errors.
 */
export function runScript(source: string, options: RunOptions): Transcript {
  const parsed = parseScript(source, options.fileName);
  if (parsed.ok) return runParsedScript(parsed.script, source, options);
  const lines = source.split(/\r?\n/);
  return {
    fileName: options.fileName,
    entries: parsed.errors.map((error) => ({
      line: error.line,
      column: error.column,
      source: (lines[error.line - 1] ?? '').trim(),
      kind: 'error' as const,
      text: formatErrorRecord(
        options.fileName,
        lines[error.line - 1] ?? '',
        error,
        null,
        error.message,
        'ParserError',
        'ParseError',
      ),
      code: 'ParseError',
    })),
    completed: false,
    parseErrors: parsed.errors,
  };
}
