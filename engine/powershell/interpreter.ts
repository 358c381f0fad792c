/**
 * Runs a parsed script. The only way out to the tenant is the injected invoker, so the same
 * interpreter replays scripts against the simulated tenant and against fakes in tests.
 *
 * Errors follow PowerShell's three strengths:
 * - a refused cmdlet (a RULES.md ID) is non-terminating: printed, and the script goes on;
 * - an unknown cmdlet or a binding error ends its statement only (a try/catch catches it);
 * - with `-ErrorAction Stop` any error is terminating: caught by try/catch, else the script stops.
 *
 * The limits of limits.ts keep any script within stack, memory and time: a value past a limit is
 * an error of its statement (LimitError, turned into a StatementError at the expression), and a
 * run past its work or output stops the script (RunLimit).
 */
import type { CmdletInvocation, CmdletResult, CmdletValue, Refusal } from '../tenant/index.js';
import { isRuleId } from '../tenant/index.js';
import type { Command, Expression, Pipeline, Position, Script, Statement } from './ast.js';
import type { Transcript, TranscriptEntry, TranscriptEntryKind } from './transcript.js';
import { LIMITS, LimitError, checkArgument, checkTextLength, checkValue, count, measure } from './limits.js';
import { collapse, compare, enumerate, formatOutput, getMember, isTrue, shorten, toText, wildcardWork } from './values.js';

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

/**
 * A run that passed a limit of the whole run (its work or its printed output, see LIMITS): the
 * script stops there, and try/catch does not catch it. The error entry is added by runParsedScript.
 */
class RunLimit {
  constructor(
    readonly code: 'WorkLimit' | 'OutputLimit',
    readonly message: string,
    readonly pos: Position,
    readonly source: string,
  ) {}
}

/** Work units (LIMITS.work) of the interpreter's steps, so that each unit is roughly as slow as the next. */
const WORK = {
  /** A statement run, a loop round. */
  statement: 20,
  /** A cmdlet called (the tenant's own work on top of the interpreter's). */
  cmdlet: 50,
  /** An item moved: into an array, down a pipeline, into a hashtable. */
  item: 1,
  /** Characters of flat text built or compared per unit. */
  charsPerUnit: 64,
  /**
   * Per unit of a value's size (measure().size) walked to build something new: a cmdlet's binder
   * flattens an argument's nested arrays and may quote all of it in a refusal; member enumeration
   * builds an array of what it finds (measured in turn).
   */
  walk: 3,
} as const;

/** Whether building the text of *value* walks a collection (its cost is its size, not its length). */
function isCollection(value: CmdletValue): boolean {
  return Array.isArray(value) || (value !== null && typeof value === 'object' && value.kind === 'hashtable');
}

/** Work units of building toText(*value*). */
function textWork(value: CmdletValue): number {
  const m = measure(value);
  return Array.isArray(value) ? m.size : Math.ceil(m.text / WORK.charsPerUnit);
}

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
    if (error instanceof RunLimit) run.stoppedBy(error);
    else if (!(error instanceof ScriptStopped)) throw error;
    completed = false;
  }
  return { fileName: script.fileName, entries: run.entries, completed, parseErrors: [] };
}

/** Characters of a message in an error record (a refusal may quote a whole value); more are elided. */
const MESSAGE_CHARS = 10_000;
/** Characters of the line shown either side of the column in an error record, when the line is longer. */
const LINE_WINDOW = 200;

/**
 * PowerShell's error record, in the shape the console prints it. A message longer than
 * MESSAGE_CHARS is cut, and a very long line is shown around the column only, so that the record
 * stays readable and always keeps its `At file:line char:column`.
 */
export function formatErrorRecord(
  fileName: string,
  lineText: string,
  pos: Position,
  command: string | null,
  message: string,
  category: string,
  code: string,
): string {
  let line = lineText.trimEnd();
  let column = pos.column;
  if (line.length > 2 * LINE_WINDOW + 1) {
    const start = Math.max(0, column - 1 - LINE_WINDOW);
    const end = Math.min(line.length, column + LINE_WINDOW);
    column = column - start + (start > 0 ? 3 : 0);
    line = `${start > 0 ? '...' : ''}${line.slice(start, end)}${end < line.length ? '...' : ''}`;
  }
  const text = shorten(message, MESSAGE_CHARS);
  return [
    command ? `${command} : ${text}` : text,
    `At ${fileName}:${pos.line} char:${pos.column}`,
    `+ ${line}`,
    `+ ${line.slice(0, column - 1).replace(/[^\t]/g, ' ')}~`,
    `+ CategoryInfo: ${category} (${code})`,
  ].join('\n');
}

class Run {
  readonly entries: TranscriptEntry[] = [];
  private statement: Statement | null = null;
  private tryDepth = 0;
  /** Work done so far (LIMITS.work). */
  private work = 0;
  /** Characters printed so far, statement sources included (LIMITS.transcriptChars). */
  private printed = 0;

  constructor(
    private readonly fileName: string,
    private readonly lines: string[],
    private readonly invoke: CmdletInvoker,
    private readonly isSwitch: SwitchLookup,
    private readonly variables: Map<string, CmdletValue>,
    private readonly takesValue: ValueLookup,
  ) {}

  /**
   * Adds an entry (its text cut to LIMITS.outputChars). Past LIMITS.transcriptChars printed in all,
   * the script stops with an OutputLimit error.
   */
  private emit(kind: TranscriptEntryKind, pos: Position, text: string, code?: string): void {
    const source = this.statement?.source ?? '';
    const entry: TranscriptEntry = { line: pos.line, column: pos.column, source, kind, text: shorten(text, LIMITS.outputChars) };
    if (code !== undefined) entry.code = code;
    this.entries.push(entry);
    this.printed += entry.text.length + source.length;
    if (this.printed > LIMITS.transcriptChars) {
      throw new RunLimit(
        'OutputLimit',
        `The script printed more than ${count(LIMITS.transcriptChars)} characters, callsim's limit for one run (one script, or one line of callsim shell); it stopped here.`,
        pos,
        source,
      );
    }
  }

  /** Counts *units* of work; past LIMITS.work the script stops with a WorkLimit error at *pos*. */
  private charge(units: number, pos: Position): void {
    this.work += units;
    if (this.work > LIMITS.work) {
      throw new RunLimit(
        'WorkLimit',
        `The script did more work than callsim allows one run (one script, or one line of callsim shell): ${count(LIMITS.work)} units, ` +
          `where a statement or a loop round is ${WORK.statement} units and each item or ${WORK.charsPerUnit} characters built is 1; it stopped here.`,
        pos,
        this.statement?.source ?? '',
      );
    }
  }

  /** The error entry of the limit that stopped the run (added whatever was printed before). */
  stoppedBy(limit: RunLimit): void {
    const text = this.errorRecord(limit.pos, null, limit.message, 'LimitsExceeded', limit.code);
    this.entries.push({ line: limit.pos.line, column: limit.pos.column, source: limit.source, kind: 'error', text, code: limit.code });
  }

  /** *value* as a value the script holds: a LimitError when it passes a limit, as a runtime error at *pos*. */
  private hold(value: CmdletValue, pos: Position): CmdletValue {
    try {
      checkValue(value);
    } catch (error) {
      throw this.limitError(error, pos);
    }
    return value;
  }

  /** A LimitError as the runtime error it is at *pos*; anything else unchanged. */
  private limitError(error: unknown, pos: Position): unknown {
    if (!(error instanceof LimitError)) return error;
    return new StatementError(this.errorRecord(pos, null, error.message, 'LimitsExceeded', error.code), error.code, pos, false);
  }

  private errorRecord(pos: Position, command: string | null, message: string, category: string, code: string): string {
    return formatErrorRecord(this.fileName, this.lines[pos.line - 1] ?? '', pos, command, message, category, code);
  }

  block(statements: Statement[], sink: Sink): void {
    for (const statement of statements) {
      const outer = this.statement;
      this.statement = statement;
      try {
        this.charge(WORK.statement, statement.pos);
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
          this.charge(output.length * WORK.item, statement.pos);
          for (const item of output) sink.items.push(item);
          return;
        }
        const last = statement.pipeline.elements[statement.pipeline.elements.length - 1];
        if (output.length > 0) {
          const text = formatOutput(output);
          this.charge(Math.ceil(text.length / WORK.charsPerUnit) + output.length * WORK.item, statement.pos);
          this.emit('output', statement.pos, text);
        }
        else if (last?.kind === 'command' && /^get-/i.test(last.name)) this.emit('output', statement.pos, '(no objects returned)');
        return;
      }
      case 'assignment': {
        const value = this.hold(collapse(this.pipeline(statement.value)), statement.value.pos);
        const name = statement.variable.toLowerCase();
        const members = statement.members ?? [];
        const append = statement.append === true;
        if (members.length === 0) {
          this.variables.set(name, append ? this.hold(this.append(this.variables.get(name) ?? null, value, statement.pos), statement.pos) : value);
        } else {
          this.variables.set(name, this.hold(this.setMember(statement.variable, members, value, append, statement.pos), statement.pos));
        }
        // PowerShell prints nothing for an assignment; the entry only marks that it ran.
        if (sink.kind === 'transcript') this.emit('assigned', statement.pos, '');
        return;
      }
      case 'if': {
        for (const clause of statement.clauses) {
          if (isTrue(this.hold(collapse(this.pipeline(clause.condition)), clause.condition.pos))) {
            this.block(clause.body, sink);
            return;
          }
        }
        if (statement.elseBody) this.block(statement.elseBody, sink);
        return;
      }
      case 'foreach': {
        const items = enumerate(this.hold(collapse(this.pipeline(statement.collection)), statement.collection.pos));
        for (const item of items) {
          this.charge(WORK.statement, statement.pos);
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
      for (const item of items) {
        // One by one: spreading a long output into push() would overflow the stack.
        for (const out of this.command(command, item)) next.push(out);
      }
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
        positional.push(this.argument(arg.value, 'a positional parameter', arg.pos));
        continue;
      }
      let value: CmdletValue = true;
      const next = args[k + 1];
      if (arg.colonValue) value = this.argument(arg.colonValue, `-${arg.name}`, arg.pos);
      else if (!this.isSwitch(command.name, arg.name) && next?.kind === 'value') {
        value = this.argument(next.value, `-${arg.name}`, next.pos);
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
    if (pipelineInput !== undefined) {
      try {
        checkArgument(pipelineInput, 'the pipeline');
      } catch (error) {
        throw this.limitError(error, command.pos);
      }
      if (isCollection(pipelineInput)) this.charge(measure(pipelineInput).size * WORK.walk, command.pos);
      invocation.pipelineInput = pipelineInput;
    }
    this.charge(WORK.cmdlet, command.pos);
    const result = this.invoke(invocation);
    if (result.ok) {
      this.charge(result.output.length * WORK.item, command.pos);
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

  /**
   * A cmdlet argument's value: at most LIMITS.arrayItems items once flattened, and charged as work
   * by its size (the cmdlet's binder walks all of it).
   */
  private argument(expression: Expression, what: string, pos: Position): CmdletValue {
    const value = this.evaluate(expression);
    try {
      checkArgument(value, what);
    } catch (error) {
      throw this.limitError(error, pos);
    }
    if (isCollection(value)) this.charge(measure(value).size * WORK.walk, pos);
    return value;
  }

  private writeHost(command: Command): CmdletValue[] {
    const parts: string[] = [];
    for (const arg of command.arguments) {
      if (arg.kind === 'parameter') {
        const message = `Write-Host parameters (-${arg.name}) are not supported; Write-Host takes text arguments.`;
        throw new StatementError(this.errorRecord(arg.pos, 'Write-Host', message, 'InvalidArgument', 'RuntimeError'), 'RuntimeError', arg.pos, false);
      }
      const value = this.evaluate(arg.value);
      try {
        checkTextLength(measure(value).text);
      } catch (error) {
        throw this.limitError(error, arg.pos);
      }
      this.charge(textWork(value), arg.pos);
      parts.push(toText(value));
    }
    const length = parts.reduce((sum, part) => sum + part.length, Math.max(0, parts.length - 1));
    try {
      checkTextLength(length);
    } catch (error) {
      throw this.limitError(error, command.pos);
    }
    this.emit('host', command.pos, parts.join(' '));
    return [];
  }

  private capture(statements: Statement[]): CmdletValue[] {
    const sink: Sink = { kind: 'capture', items: [] };
    this.block(statements, sink);
    return sink.items;
  }

  /** The value of *expression*; a limit it passes is a runtime error at the expression. */
  private evaluate(expression: Expression): CmdletValue {
    try {
      return this.value(expression);
    } catch (error) {
      throw this.limitError(error, expression.pos);
    }
  }

  private value(expression: Expression): CmdletValue {
    switch (expression.kind) {
      case 'string':
        return expression.value;
      case 'expandable': {
        const parts = expression.parts.map((part) => (part.kind === 'text' ? part.text : this.evaluate(part.value)));
        // The length first, so that a string past the limit is never built.
        const length = parts.reduce<number>((sum, part) => sum + (typeof part === 'string' ? part.length : measure(part).text), 0);
        checkTextLength(length);
        this.charge(parts.reduce<number>((sum, part) => sum + textWork(part), 0), expression.pos);
        return parts.map((part) => (typeof part === 'string' ? part : toText(part))).join('');
      }
      case 'number':
        return expression.value;
      case 'variable':
        return this.variable(expression.name, expression.pos);
      case 'member': {
        const target = this.evaluate(expression.target);
        // Member enumeration walks arrays inside arrays too (.Count and .Length of an array do not).
        const own = /^(count|length)$/i.test(expression.member);
        if (Array.isArray(target) && !own) this.charge(measure(target).size * WORK.walk, expression.pos);
        const member = getMember(target, expression.member);
        if (member.found) return this.hold(member.value, expression.pos);
        this.emit('warning', expression.pos, `${member.owner} has no property '${expression.member}'; its value is $null.`, 'MissingProperty');
        return null;
      }
      case 'array': {
        this.charge(expression.items.length * WORK.item, expression.pos);
        return this.hold(
          expression.items.map((item) => this.evaluate(item)),
          expression.pos,
        );
      }
      case 'arraySubexpression':
        return this.hold(this.capture(expression.body), expression.pos);
      case 'subexpression':
        return this.hold(collapse(this.capture(expression.body)), expression.pos);
      case 'hashtable': {
        // No prototype: a key such as __proto__ or constructor is data like any other.
        const entries: Record<string, CmdletValue> = Object.create(null) as Record<string, CmdletValue>;
        this.charge(expression.entries.length * WORK.item, expression.pos);
        for (const entry of expression.entries) {
          entries[entry.key.toLowerCase()] = this.hold(collapse(this.pipeline(entry.value)), entry.value.pos);
        }
        return this.hold({ kind: 'hashtable', entries }, expression.pos);
      }
      case 'filterBlock':
        return expression.text;
      case 'comparison': {
        const left = this.evaluate(expression.left);
        const right = this.evaluate(expression.right);
        // Charged before comparing: each item's text and the right side's text, built for each
        // item, and a -like pattern's pieces with '?' tried along each text (see wildcardWork).
        const items = Array.isArray(left) ? left : [left];
        const rightWork = textWork(right);
        const like = expression.operator === 'like' || expression.operator === 'notlike';
        if (like) this.charge(rightWork, expression.pos);
        const perChar = like ? wildcardWork(toText(right)) : 0;
        let units = 0;
        for (const item of items) units += WORK.item + textWork(item) + rightWork + Math.ceil((perChar * measure(item).text) / WORK.charsPerUnit);
        this.charge(units, expression.pos);
        return compare(expression.operator, left, right);
      }
    }
  }

  private runtimeError(pos: Position, message: string): StatementError {
    return new StatementError(this.errorRecord(pos, null, message, 'InvalidOperation', 'RuntimeError'), 'RuntimeError', pos, false);
  }

  /** `+=`: an array gains the items, a string the text; $null becomes the value. */
  private append(left: CmdletValue, right: CmdletValue, pos: Position): CmdletValue {
    if (left === null) return right;
    if (Array.isArray(left)) {
      const added = Array.isArray(right) ? right : [right];
      this.charge((left.length + added.length) * WORK.item, pos);
      return [...left, ...added];
    }
    if (typeof left === 'string') {
      checkTextLength(left.length + measure(right).text);
      return left + toText(right);
    }
    throw this.runtimeError(pos, `'+=' adds to an array or a string only (arithmetic is not supported); the value is ${typeof left === 'object' ? 'an object' : `the ${typeof left} ${toText(left)}`}.`);
  }

  /**
   * `$x.A.B = value` (or `+=`): the variable gets a copy of its object with the property set.
   * PowerShell changes the object in place, which other variables holding it would see; a copy
   * means no object can come to contain itself ($x.A = $x), which the limits could not measure.
   */
  private setMember(variable: string, members: string[], value: CmdletValue, append: boolean, pos: Position): CmdletValue {
    const lower = variable.toLowerCase();
    if (!this.variables.has(lower)) throw this.runtimeError(pos, `The variable '$${variable}' has not been set; a property of it cannot be set.`);
    const root = this.variables.get(lower) ?? null;
    this.charge(measure(root).size * WORK.walk, pos);
    const copy = structuredClone(root);
    let owner: CmdletValue = copy;
    for (let k = 0; k < members.length; k++) {
      const member = members[k] ?? '';
      const path = `$${variable}.${members.slice(0, k + 1).join('.')}`;
      if (owner === null || typeof owner !== 'object' || Array.isArray(owner)) {
        throw this.runtimeError(pos, `The property '${member}' cannot be found on this object: ${path.slice(0, path.lastIndexOf('.'))} is not an object or a hashtable.`);
      }
      const holder: CmdletValue = owner;
      const table = holder.kind === 'object' ? holder.properties : holder.entries;
      const key = holder.kind === 'object' ? Object.keys(table).find((x) => x.toLowerCase() === member.toLowerCase()) : member.toLowerCase();
      if (key === undefined) {
        throw this.runtimeError(pos, `The property '${member}' cannot be found on this object (${holder.kind === 'object' ? holder.typeName : 'hashtable'}). Verify that the property exists and can be set.`);
      }
      if (k === members.length - 1) {
        const current = Object.hasOwn(table, key) ? (table[key] ?? null) : null;
        table[key] = append ? this.append(current, value, pos) : value;
      } else {
        owner = Object.hasOwn(table, key) ? (table[key] ?? null) : null;
      }
    }
    return copy;
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
