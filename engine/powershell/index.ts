/**
 * The PowerShell-subset interpreter: parse a Teams configuration script, replay it through the
 * tenant's cmdlets, and show what each command did.
 */
export { parseScript } from './parser.js';
export type { ParseResult } from './parser.js';
export { formatTranscript } from './transcript.js';
export { runScript } from './run.js';
export { runScriptOnTenant } from './tenant-replay.js';
export type { Transcript, TranscriptEntry, TranscriptEntryKind } from './transcript.js';
export type { CmdletInvoker, RunOptions, SwitchLookup } from './interpreter.js';
export type { Script, Statement, PsParseError, Position } from './ast.js';

export { LIMITS } from './limits.js';
