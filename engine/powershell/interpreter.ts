/**
 * Runs a parsed script. The only way out to the tenant is the injected invoker, so the same
 * interpreter replays scripts against the simulated tenant and against fakes in tests.
 *
 * Errors follow PowerShell's three strengths:
 * - a refused cmdlet (a RULES.md ID) is non-terminating: printed, and the script goes on;
 * - an unknown cmdlet or a binding error ends its statement only (a try/catch catches it);
 * - with `-ErrorAction Stop` any error is terminating: caught by try/catch, else the script stops.
 */
import type { CmdletInvocation, CmdletResult, CmdletValue, Refusal } from '../tenant/index.js';
import { isRuleId } from '../tenant/index.js';
import type { Command, Expression, Pipeline, Position, Script, Statement } from './ast.js';
import type { Transcript, TranscriptEntry, TranscriptEntryKind } from './transcript.js';
import { collapse, compare, describeValue, enumerate, formatOutput, getMember, isTrue, toText } from './values.js';

export type CmdletInvoker = (invocation: CmdletInvocation) => CmdletResult;

/** Whether *parameter* of *cmdlet* is a switch (PowerShell's binder knows from the cmdlet's metadata). */
export type SwitchLookup = (cmdlet: string, parameter: string) => boolean;
/** Whether *parameter* (a name, alias or unambiguous prefix) of *cmdlet* is known and needs a value. */
export type ValueLookup = (cmdlet: string, parameter: string) => boolean;

export interface RunOptions {
  fileName: string;
  invoke: CmdletInvoker;
  /** Defaults to a list of the switches of the Teams cmdlets and the common parameters. */
  isSwitch?: SwitchLookup;
  /**
   * Parameters that need a value: one given none (`Get-CsOnlineUser -Identity` at the end of a
   * line) is PowerShell's "Missing an argument" error rather than $true. Without it, such a
   * parameter is passed as $true and the cmdlet's binder judges it.
   */
  takesValue?: ValueLookup;
  /**
   * The variables, by lower-case name without `$`. Pass the same map to each run to keep them
   * between runs (an interactive session); without it each run starts with none, as a script does.
   */
  variables?: Map<string, CmdletValue>;
}

/**
 * Parameters that never take a value unless colon-bound (`-Global`, `-Global:$false`), so that a
 * following word binds positionally.
 */
const SWITCH_PARAMETERS = new Set([
  'global', 'removeall', 'notify', 'assignmentblockedforever', 'force', 'whatif', 'confirm', 'passthru',
  'verbose', 'debug',
]);

const defaultIsSwitch: SwitchLookup = (_cmdlet, parameter) => SWITCH_PARAMETERS.has(parameter.toLowerCase());

/** An error that ends a statement; `stopsScript` when -ErrorAction Stop made it terminating. */
class StatementError {
  constructor(
    readonly text: string,
    readonly code: string,
    readonly pos: Position,
    readonly stopsScript: boolean,
  ) {}
}

class ScriptStopped {}

type Sink = { kind: 'transcript' } | { kind: 'capture'; items: CmdletValue[] };

export function runParsedScript(script: Script, source: string, options: RunOptions): Transcript {
  const run = new Run(
    script.fileName,
    source.split(/\r?\n/),
    options.invoke,
    options.isSwitch ?? defaultIsSwitch,
    options.variables ?? new Map(),
    options.takesValue ?? (() => false),
  );
  let completed = true;
  try {
    run.block(script.statements, { kind: 'transcript' });
  } catch (error) {
    if (!(error instanceof ScriptStopped)) throw error;
    completed = false;
  }
  return { fileName: script.fileName, entries: run.entries, completed, parseErrors: [] };
}

/** PowerShell's error record, in the shape the console prints it. */
export function formatErrorRecord(
  fileName: string,
  lineText: string,
  pos: Position,
  command: string | null,
  message: string,
  category: string,
  code: string,
): string {
  return [
    command ? `${command} : ${message}` : message,
    `At ${fileName}:${pos.line} char:${pos.column}`,
    `+ ${lineText.trimEnd()}`,
    `+ ${lineText.slice(0, pos.column - 1).replace(/[^\t]/g, ' ')}~`,
    `+ CategoryInfo: ${category} (${code})`,
  ].join('\n');
}

class Run {
  readonly entries: TranscriptEntry[] = [];
  private statement: Statement | null = null;
  private tryDepth = 0;

  constructor(
    private readonly fileName: string,
    private readonly lines: string[],
    private readonly invoke: CmdletInvoker,
    private readonly isSwitch: SwitchLookup,
    private readonly variables: Map<string, CmdletValue>,
    private readonly takesValue: ValueLookup,
  ) {}

  private emit(kind: TranscriptEntryKind, pos: Position, text: string, code?: string): void {
    const entry: TranscriptEntry = { line: pos.line, column: pos.column, source: this.statement?.source ?? '', kind, text };
    if (code !== undefined) entry.code = code;
    this.entries.push(entry);
  }

  private errorRecord(pos: Position, command: string | null, message: string, category: string, code: string): string {
    return formatErrorRecord(this.fileName, this.lines[pos.line - 1] ?? '', pos, command, message, category, code);
  }

  block(statements: Statement[], sink: Sink): void {
    for (const statement of statements) {
      const outer = this.statement;
      this.statement = statement;
      try {
        this.execute(statement, sink);
      } catch (error) {
        if (!(error instanceof StatementError) || this.tryDepth > 0) throw error;
        this.emit('error', error.pos, error.text, error.code);
        if (error.stopsScript) throw new ScriptStopped();
      } finally {
        this.statement = outer;
      }
    }
  }

  private execute(statement: Statement, sink: Sink): void {
    if (statement.promptPrefix !== undefined) {
      this.emit(
        'warning',
        statement.promptPrefix.pos,
        `Stripped the console prompt '${statement.promptPrefix.text}' that the documentation shows in front of the command; it is not part of the command.`,
        'PromptPrefix',
      );
    }
    switch (statement.kind) {
      case 'pipeline': {
        const output = this.pipeline(statement.pipeline);
        if (sink.kind === 'capture') {
          sink.items.push(...output);
          return;
        }
        const last = statement.pipeline.elements[statement.pipeline.elements.length - 1];
        if (output.length > 0) this.emit('output', statement.pos, formatOutput(output));
        else if (last?.kind === 'command' && /^get-/i.test(last.name)) this.emit('output', statement.pos, '(no objects returned)');
        return;
      }
      case 'assignment': {
        const value = collapse(this.pipeline(statement.value));
        this.variables.set(statement.variable.toLowerCase(), value);
        this.emit('ok', statement.pos, `$${statement.variable} = ${describeValue(value)}`);
        return;
      }
      case 'if': {
        for (const clause of statement.clauses) {
          if (isTrue(collapse(this.pipeline(clause.condition)))) {
            this.block(clause.body, sink);
            return;
          }
        }
        if (statement.elseBody) this.block(statement.elseBody, sink);
        return;
      }
      case 'foreach': {
        const items = enumerate(collapse(this.pipeline(statement.collection)));
        for (const item of items) {
          this.variables.set(statement.variable.toLowerCase(), item);
          this.block(statement.body, sink);
        }
        return;
      }
      case 'try': {
        this.tryDepth++;
        let caught: StatementError | null = null;
        try {
          this.block(statement.body, sink);
        } catch (error) {
          if (!(error instanceof StatementError)) throw error;
          caught = error;
        } finally {
          this.tryDepth--;
        }
        if (caught) {
          const firstLine = caught.text.split('\n')[0] ?? '';
          this.emit('warning', caught.pos, `Caught by catch: ${firstLine}`, 'Caught');
          this.block(statement.catchBody, sink);
        }
        return;
      }
    }
  }

  private pipeline(pipeline: Pipeline): CmdletValue[] {
    const [first, ...rest] = pipeline.elements;
    let items = first.kind === 'command' ? this.command(first, undefined) : enumerate(this.evaluate(first.expression));
    for (const command of rest) {
      const next: CmdletValue[] = [];
      for (const item of items) next.push(...this.command(command, item));
      items = next;
    }
    return items;
  }

  private command(command: Command, pipelineInput: CmdletValue | undefined): CmdletValue[] {
    if (command.name.toLowerCase() === 'write-host') return this.writeHost(command);
    const named: Record<string, CmdletValue> = {};
    const positional: CmdletValue[] = [];
    let stop = false;
    const args = command.arguments;
    for (let k = 0; k < args.length; k++) {
      const arg = args[k];
      if (!arg) continue;
      if (arg.kind === 'value') {
        positional.push(this.evaluate(arg.value));
        continue;
      }
      let value: CmdletValue = true;
      const next = args[k + 1];
      if (arg.colonValue) value = this.evaluate(arg.colonValue);
      else if (!this.isSwitch(command.name, arg.name) && next?.kind === 'value') {
        value = this.evaluate(next.value);
        k++;
      } else if (this.takesValue(command.name, arg.name)) {
        const message = `Missing an argument for parameter '${arg.name}'. Specify a value for it and try again.`;
        throw new StatementError(this.errorRecord(arg.pos, command.name, message, 'InvalidArgument', 'MissingParameter'), 'MissingParameter', arg.pos, false);
      }
      if (arg.name.toLowerCase() === 'erroraction') {
        const action = toText(value).toLowerCase();
        if (action !== 'stop' && action !== 'continue') {
          throw new StatementError(
            this.errorRecord(arg.pos, command.name, `-ErrorAction ${toText(value)} is not supported: use Stop or Continue.`, 'InvalidArgument', 'RuntimeError'),
            'RuntimeError',
            arg.pos,
            false,
          );
        }
        stop = action === 'stop';
        continue;
      }
      const duplicate = Object.keys(named).find((n) => n.toLowerCase() === arg.name.toLowerCase());
      if (duplicate !== undefined) {
        const message = `Cannot bind parameter because parameter '${arg.name}' is specified more than once.`;
        throw new StatementError(
          this.errorRecord(arg.pos, command.name, message, 'InvalidArgument', 'InvalidParameterValue'),
          'InvalidParameterValue',
          arg.pos,
          stop,
        );
      }
      named[arg.name] = value;
    }
    const invocation: CmdletInvocation = { name: command.name, named, positional };
    if (pipelineInput !== undefined) invocation.pipelineInput = pipelineInput;
    const result = this.invoke(invocation);
    if (result.ok) {
      for (const warning of result.warnings) this.emit('warning', command.pos, warning);
      for (const change of result.changes) this.emit('ok', command.pos, change);
      if (result.changes.length === 0 && result.output.length === 0 && result.warnings.length === 0 && !/^get-/i.test(command.name)) {
        this.emit('ok', command.pos, `${command.name}: done, nothing changed`);
      }
      return result.output;
    }
    this.refused(command, result.refusal, stop);
    return [];
  }

  private refused(command: Command, refusal: Refusal, stop: boolean): void {
    const unknown = refusal.code === 'UnknownCmdlet';
    const message = unknown
      ? `The term '${command.name}' is not recognized as a name of a cmdlet, function, script file, or executable program.` +
        (refusal.suggestion ? ` Did you mean ${refusal.suggestion}?` : '')
      : refusal.message;
    const category = unknown ? 'ObjectNotFound' : 'InvalidArgument';
    const text = this.errorRecord(command.pos, unknown ? null : command.name, message, category, refusal.code);
    if (stop || !isRuleId(refusal.code)) throw new StatementError(text, refusal.code, command.pos, stop);
    this.emit('error', command.pos, text, refusal.code);
  }

  private writeHost(command: Command): CmdletValue[] {
    const parts: string[] = [];
    for (const arg of command.arguments) {
      if (arg.kind === 'parameter') {
        const message = `Write-Host parameters (-${arg.name}) are not supported; Write-Host takes text arguments.`;
        throw new StatementError(this.errorRecord(arg.pos, 'Write-Host', message, 'InvalidArgument', 'RuntimeError'), 'RuntimeError', arg.pos, false);
      }
      parts.push(toText(this.evaluate(arg.value)));
    }
    this.emit('host', command.pos, parts.join(' '));
    return [];
  }

  private capture(statements: Statement[]): CmdletValue[] {
    const sink: Sink = { kind: 'capture', items: [] };
    this.block(statements, sink);
    return sink.items;
  }

  private evaluate(expression: Expression): CmdletValue {
    switch (expression.kind) {
      case 'string':
        return expression.value;
      case 'expandable':
        return expression.parts.map((part) => (part.kind === 'text' ? part.text : toText(this.evaluate(part.value)))).join('');
      case 'number':
        return expression.value;
      case 'variable':
        return this.variable(expression.name, expression.pos);
      case 'member': {
        const target = this.evaluate(expression.target);
        const member = getMember(target, expression.member);
        if (member.found) return member.value;
        this.emit('warning', expression.pos, `${member.owner} has no property '${expression.member}'; its value is $null.`, 'MissingProperty');
        return null;
      }
      case 'array':
        return expression.items.map((item) => this.evaluate(item));
      case 'arraySubexpression':
        return this.capture(expression.body);
      case 'subexpression':
        return collapse(this.capture(expression.body));
      case 'hashtable': {
        const entries: Record<string, CmdletValue> = {};
        for (const entry of expression.entries) entries[entry.key.toLowerCase()] = collapse(this.pipeline(entry.value));
        return { kind: 'hashtable', entries };
      }
      case 'filterBlock':
        return expression.text;
      case 'comparison':
        return compare(expression.operator, this.evaluate(expression.left), this.evaluate(expression.right));
    }
  }

  private variable(name: string, pos: Position): CmdletValue {
    const lower = name.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'null') return null;
    if (this.variables.has(lower)) return this.variables.get(lower) ?? null;
    this.emit('warning', pos, `The variable '$${name}' has not been set; its value is $null.`, 'UnsetVariable');
    return null;
  }
}
