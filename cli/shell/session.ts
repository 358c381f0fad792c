/**
 * The logic of `callsim shell`, without a terminal: each input line goes in, the text to print
 * comes out. Lines run through the PowerShell interpreter on one tenant, with the variables kept
 * between lines, as in a PowerShell console; a line that leaves a block, a string or a
 * continuation open waits for the next one (prompt `>>`).
 */
import { parseScript, runScriptOnTenant, type TranscriptEntry } from '../../engine/powershell/index.js';
import { cmdletCatalogue, type CmdletValue, type Finding, type Tenant } from '../../engine/tenant/index.js';
import { explainRule } from '../explain.js';
import { formatFindings } from '../format-finding.js';

export const PROMPT = 'PS callsim> ';
export const CONTINUATION_PROMPT = '>> ';

/** PowerShell's console names a typed command `line`, so errors read "At line:1 char:5". */
const FILE_NAME = 'line';

export interface ShellSessionOptions {
  tenant: Tenant;
  /** The findings `validate` prints (a scenario's own checks when the shell started from one). */
  findings: (tenant: Tenant) => Finding[];
  /**
   * The report of an internal error (a bug of callsim's) that a line ran into, ending with a new
   * line. The default says what happened without a stack; `callsim shell` uses the program's report.
   */
  reportBug?: (error: unknown) => string;
}

export interface LineResult {
  output: string;
  /** True after `exit`: the caller stops reading. */
  exit: boolean;
  /** When the line ran into a bug of callsim's: its report, for standard error. The session goes on. */
  bug?: string;
}

function defaultBugReport(error: unknown): string {
  return `callsim: internal error: ${error instanceof Error ? error.message : String(error)}\nThis is a bug in callsim, not a problem with your input.\n`;
}

function helpText(): string {
  const names = cmdletCatalogue().map((c) => `  ${c.name}`);
  return [
    'Type Teams PowerShell commands; each runs on the simulated tenant, which keeps its changes.',
    'Variables ($x = ...) are kept between lines. A line that leaves a { block, a quote or a',
    'trailing ` open continues on the next line (>>); an empty line ends it.',
    'Tab completes cmdlet names, and parameter names after a -.',
    '',
    'Shell commands:',
    '  validate         print the findings of the tenant as it is now',
    '  explain RULEID   print a rule of docs/rules.md (explain SC003)',
    '  help             this text',
    '  exit             leave (so does Ctrl-D)',
    '',
    'Cmdlets:',
    ...names,
    '',
  ].join('\n');
}

function formatEntry(entry: TranscriptEntry): string {
  // An assignment prints nothing, as in PowerShell.
  if (entry.kind === 'assigned') return '';
  return `${entry.kind === 'warning' ? 'WARNING: ' : ''}${entry.text}\n`;
}

/** Whether a parse error only says the input stopped too early (more lines would complete it). */
function isIncomplete(text: string): boolean {
  if (/`\s*$/.test(text)) return true;
  const parsed = parseScript(`${text}\n`, FILE_NAME);
  if (parsed.ok) return false;
  const error = parsed.errors[0];
  if (error === undefined) return false;
  if (/^expected a closing quote|^expected '#>'/.test(error.message)) return true;
  const lines = text.split('\n');
  const lastLine = lines.length;
  const endColumn = (lines[lastLine - 1] ?? '').length + 1;
  return error.line > lastLine || (error.line === lastLine && error.column >= endColumn);
}

export class ShellSession {
  private readonly tenant: Tenant;
  private readonly findings: (tenant: Tenant) => Finding[];
  private readonly reportBug: (error: unknown) => string;
  private readonly variables = new Map<string, CmdletValue>();
  private pending: string[] = [];
  /** The internal errors lines ran into, in order: the session went on after each. */
  readonly bugs: unknown[] = [];

  constructor(options: ShellSessionOptions) {
    this.tenant = options.tenant;
    this.findings = options.findings;
    this.reportBug = options.reportBug ?? defaultBugReport;
  }

  prompt(): string {
    return this.pending.length > 0 ? CONTINUATION_PROMPT : PROMPT;
  }

  /** Drops a half-typed multi-line command (Ctrl-C); true if there was one. */
  cancel(): boolean {
    const had = this.pending.length > 0;
    this.pending = [];
    return had;
  }

  /**
   * Runs or buffers one input line. No line ends the session but `exit`: PowerShell's errors are
   * part of the output, and an internal error (a bug of callsim's) is reported in `bug` while the
   * tenant and the variables keep what the line did before it.
   */
  handle(line: string): LineResult {
    try {
      return this.handleLine(line);
    } catch (error) {
      this.pending = [];
      this.bugs.push(error);
      let report: string;
      try {
        report = this.reportBug(error);
      } catch {
        report = defaultBugReport(error);
      }
      return { output: '', exit: false, bug: `${report}The shell goes on: the tenant and the variables keep what the line did before the error.\n` };
    }
  }

  private handleLine(line: string): LineResult {
    if (this.pending.length > 0) {
      if (line.trim() === '') return this.run(this.takePending());
      this.pending.push(line);
      const text = this.pending.join('\n');
      return isIncomplete(text) ? { output: '', exit: false } : this.run(this.takePending());
    }
    const command = line.trim();
    if (command === '') return { output: '', exit: false };
    const builtIn = this.builtIn(command);
    if (builtIn !== undefined) return builtIn;
    if (isIncomplete(line)) {
      this.pending.push(line);
      return { output: '', exit: false };
    }
    return this.run(line);
  }

  /** What is still buffered when the input ends, run as it is. */
  finish(): LineResult {
    if (this.pending.length === 0) return { output: '', exit: true };
    return { ...this.handle(''), exit: true };
  }

  private takePending(): string {
    const text = this.pending.join('\n');
    this.pending = [];
    return text;
  }

  private builtIn(command: string): LineResult | undefined {
    const [word = '', ...rest] = command.split(/\s+/);
    switch (word.toLowerCase()) {
      case 'exit':
      case 'quit':
        return rest.length === 0 ? { output: '', exit: true } : undefined;
      // With arguments these are not cmdlets either: say how they are used rather than "not recognized".
      case 'help':
        return { output: rest.length === 0 ? helpText() : `help takes no arguments; it lists the commands and cmdlets (Tab completes a cmdlet's parameters)\n`, exit: false };
      case 'validate':
        return { output: rest.length === 0 ? this.validate() : 'validate takes no arguments; it checks the whole tenant as it is now\n', exit: false };
      case 'explain':
        return { output: explain(rest), exit: false };
      default:
        return undefined;
    }
  }

  private validate(): string {
    const findings = this.findings(this.tenant);
    if (findings.length === 0) return 'validate: no findings\n';
    const errors = findings.filter((f) => f.severity === 'error').length;
    return `${formatFindings(findings, 'each has the same fix')}validate: ${errors} error(s), ${findings.length - errors} warning(s)\n`;
  }

  private run(text: string): LineResult {
    // A blank line ends a continued command at the prompt, as in PowerShell's console: the final
    // backtick then continues onto that empty line instead of being the end of the script.
    const source = /`\s*$/.test(text) ? `${text}\n` : text;
    const transcript = runScriptOnTenant(this.tenant, source, FILE_NAME, this.variables);
    return { output: transcript.entries.map(formatEntry).join(''), exit: false };
  }
}

function explain(args: string[]): string {
  if (args.length !== 1) return 'usage: explain RULEID (for example: explain SC003)\n';
  const result = explainRule(args[0] ?? '');
  return `${result.ok ? '' : 'explain: '}${result.text}\n`;
}
