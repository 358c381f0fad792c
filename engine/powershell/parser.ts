/**
 * Parser for the PowerShell subset. It reads characters directly instead of a token stream,
 * because PowerShell tokenises differently in argument mode (`-Identity user@contoso.com`, where
 * `+12065551234` and `5aa884e8-...` are words) and in expression mode (`$a -eq 'x'`).
 * The first error stops parsing: as in PowerShell, a script with a parse error does not run.
 */
import type {
  CommandArgument,
  Command,
  ComparisonOperator,
  ExpandablePart,
  Expression,
  ExpressionElement,
  HashtableEntry,
  IfClause,
  Pipeline,
  Position,
  PsParseError,
  Script,
  Statement,
} from './ast.js';
import { LIMITS, count } from './limits.js';

export type ParseResult = { ok: true; script: Script } | { ok: false; errors: PsParseError[] };

/** PowerShell accepts the typographic quotes that word processors put into pasted scripts. */
/** PowerShell also reads the en dash, em dash and horizontal bar as '-', which pasted text often holds. */
const DASHES = new Set(['-', '\u2013', '\u2014', '\u2015']);
const SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B']);
const DOUBLE_QUOTES = new Set(['"', '\u201C', '\u201D', '\u201E']);

const SUPPORTED_STATEMENTS =
  'supported: assignments ($x = ..., $x.Name = ..., $x += ...), cmdlet calls, pipelines (Get-X | Remove-X), if/elseif/else, foreach ($x in $list) { }, try { } catch { }';
const SUPPORTED_COMPARISONS = 'supported comparison operators: -eq, -ne, -like, -notlike';

const UNSUPPORTED_KEYWORDS = new Set([
  'function', 'filter', 'workflow', 'configuration', 'switch', 'while', 'for', 'do', 'until', 'param',
  'return', 'break', 'continue', 'throw', 'trap', 'begin', 'process', 'end', 'class', 'enum', 'using',
  'data', 'exit', 'dynamicparam',
]);

/** Cmdlets that need script blocks and $_, which the subset leaves out. */
const UNSUPPORTED_COMMANDS = new Set(['where-object', 'where', 'foreach-object', 'select-object', 'sort-object', 'group-object']);

const COMPARISONS: Record<string, ComparisonOperator> = {
  eq: 'eq', ieq: 'eq', ne: 'ne', ine: 'ne', like: 'like', ilike: 'like', notlike: 'notlike', inotlike: 'notlike',
};

/** Operators PowerShell knows that the subset leaves out: named in the error instead of "unexpected". */
const UNSUPPORTED_OPERATORS = new Set([
  'ceq', 'cne', 'clike', 'cnotlike', 'gt', 'ge', 'lt', 'le', 'igt', 'ige', 'ilt', 'ile', 'cgt', 'cge', 'clt', 'cle',
  'and', 'or', 'xor', 'not', 'band', 'bor', 'bxor', 'bnot', 'shl', 'shr', 'match', 'notmatch', 'imatch', 'cmatch',
  'contains', 'notcontains', 'icontains', 'ccontains', 'in', 'notin', 'replace', 'ireplace', 'creplace', 'split',
  'join', 'f', 'is', 'isnot', 'as',
]);

/** A failure at an offset; turned into a PsParseError with line and column. */
class ParseFailure {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** Parse a whole script. *fileName* is only used in error locations. */
export function parseScript(source: string, fileName: string): ParseResult {
  const parser = new Parser(source);
  try {
    const statements = parser.parseScript();
    return { ok: true, script: { fileName, statements } };
  } catch (error) {
    if (error instanceof ParseFailure) {
      const { line, column } = parser.position(error.offset);
      return { ok: false, errors: [{ fileName, line, column, message: error.message }] };
    }
    throw error;
  }
}

function isLetter(c: string): boolean {
  return /^[A-Za-z_]$/.test(c);
}

function isWordChar(c: string): boolean {
  return /^[A-Za-z0-9_]$/.test(c);
}

/** A word as an error message quotes it: at most 80 characters. */
function shortText(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 80)}...`;
}

function describeChar(c: string): string {
  if (c === '') return 'the end of the script';
  if (c === '\n' || c === '\r') return 'the end of the line';
  return `'${c}'`;
}

class Parser {
  private i = 0;
  private readonly lineStarts: number[] = [0];
  /** Levels open at this point (LIMITS.nesting): the parser and the interpreter recurse once per level. */
  private depth = 0;

  constructor(private readonly src: string) {
    for (let k = 0; k < src.length; k++) if (src[k] === '\n') this.lineStarts.push(k + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.lineStarts[lo] ?? 0) + 1 };
  }

  private fail(message: string, offset: number = this.i): never {
    throw new ParseFailure(offset, message);
  }

  /** Opens one more level at *offset*: a parse error past LIMITS.nesting, before recursing any deeper. */
  private enter(offset: number): void {
    this.depth++;
    if (this.depth > LIMITS.nesting) {
      this.fail(
        `the script nests more than ${LIMITS.nesting} levels deep here, callsim's limit (each ( ), $( ), @( ), @{ } or { } inside another ` +
          `is a level, as is each link of a -eq/-like chain or a .Member chain)`,
        offset,
      );
    }
  }

  /** *parse* one level deeper, opened at *offset*. */
  private nested<T>(offset: number, parse: () => T): T {
    this.enter(offset);
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /** A literal string of *length* characters starting at *offset*: a parse error past LIMITS.stringLength. */
  private checkLiteral(length: number, offset: number): void {
    if (length > LIMITS.stringLength) {
      this.fail(`this string is ${count(length)} characters long, more than callsim's limit of ${count(LIMITS.stringLength)} characters for one string`, offset);
    }
  }

  private peek(k = 0): string {
    return this.src[this.i + k] ?? '';
  }

  private startsWithWord(word: string): boolean {
    const text = this.src.slice(this.i, this.i + word.length);
    return text.toLowerCase() === word && !/[A-Za-z0-9_-]/.test(this.peek(word.length));
  }

  /** Spaces, tabs, backtick line continuations and comments; never a new line. */
  private skipSpace(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r' || c === '\u00A0' || c === '\f') this.i++;
      else if (c === '`' && this.peek(1) === '\n') this.i += 2;
      else if (c === '`' && this.peek(1) === '\r') this.i += this.peek(2) === '\n' ? 3 : 2;
      else if (c === '`' && this.peek(1) === '') this.failTrailingBacktick();
      else if (c === '<' && this.peek(1) === '#') {
        const end = this.src.indexOf('#>', this.i + 2);
        if (end < 0) this.fail("expected '#>' to close the block comment", this.i);
        this.i = end + 2;
      } else if (c === '#') {
        while (this.peek() !== '' && this.peek() !== '\n') this.i++;
      } else return;
    }
  }

  /**
   * A backtick escapes the next character; at the very end there is none. PowerShell reports this
   * as incomplete input ("Incomplete string token."), so the script does not run.
   */
  private failTrailingBacktick(offset: number = this.i): never {
    this.fail(
      'a backtick (`) at the end of the script continues a line that never comes (PowerShell: "Incomplete string token."); remove it or finish the command',
      offset,
    );
  }

  /**
   * Loops that read until a closing character must consume something each time round; if a
   * character is ever left unread, this turns what would be a hang into a parse error.
   */
  private requireProgress(from: number): void {
    if (this.i <= from) {
      this.fail(`internal parser error: could not read past ${describeChar(this.peek())} (please report this script)`, from);
    }
  }

  private skipSpaceAndNewlines(): void {
    for (;;) {
      this.skipSpace();
      if (this.peek() === '\n') this.i++;
      else return;
    }
  }

  private skipSeparators(): void {
    for (;;) {
      this.skipSpaceAndNewlines();
      if (this.peek() === ';') this.i++;
      else return;
    }
  }

  parseScript(): Statement[] {
    return this.parseStatements(null);
  }

  /** Statements up to *close* (not consumed), or to the end of the script when *close* is null. */
  private parseStatements(close: { char: '}' | ')'; offset: number; what: string } | null): Statement[] {
    const statements: Statement[] = [];
    for (;;) {
      this.skipSeparators();
      const c = this.peek();
      if (c === '') {
        if (close) this.fail(`expected '${close.char}' to close the ${close.what} opened at ${this.where(close.offset)}`);
        return statements;
      }
      if (close && c === close.char) return statements;
      if (c === '}' || c === ')') this.fail(`unexpected '${c}': nothing open to close here`);
      const statementStart = this.i;
      statements.push(this.parseStatement());
      this.requireProgress(statementStart);
      this.skipSpace();
      const after = this.peek();
      if ((after === '}' || after === ')') && !(close && after === close.char)) this.fail(`unexpected '${after}': nothing open to close here`);
      if (after !== '' && after !== '\n' && after !== ';' && !(close && after === close.char)) {
        this.fail(`expected a new line or ';' after the statement, found ${describeChar(after)}`);
      }
    }
  }

  private where(offset: number): string {
    const { line, column } = this.position(offset);
    return `${line}:${column}`;
  }

  private parseStatement(): Statement {
    let promptPrefix: { text: string; pos: Position } | undefined;
    const prompt = /^PS(?: [A-Za-z]:[^>\r\n]*)?>[ \t]*/.exec(this.src.slice(this.i, this.i + 300));
    if (prompt) {
      promptPrefix = { text: prompt[0].trimEnd(), pos: this.position(this.i) };
      this.i += prompt[0].length;
    }
    const start = this.i;
    const pos = this.position(start);
    const statement = this.parseStatementBody(pos);
    const source = this.src.slice(start, this.i).trim();
    return promptPrefix === undefined ? { ...statement, source } : { ...statement, source, promptPrefix };
  }

  private parseStatementBody(pos: Position): Statement {
    const word = /^[A-Za-z]+/.exec(this.src.slice(this.i, this.i + 20))?.[0].toLowerCase() ?? '';
    if (word && this.startsWithWord(word)) {
      if (word === 'if') return this.parseIf(pos);
      if (word === 'foreach') return this.parseForeach(pos);
      if (word === 'try') return this.parseTry(pos);
      if (word === 'else' || word === 'elseif') this.fail(`'${word}' without a preceding 'if' block`);
      if (word === 'catch' || word === 'finally') this.fail(`'${word}' without a preceding 'try' block`);
      if (UNSUPPORTED_KEYWORDS.has(word)) this.fail(`'${word}' is not supported; ${SUPPORTED_STATEMENTS}`);
    }
    // Only `$name` and its members can be assigned to. `$( ... )` is never read
    // twice: reading it once to look for '=' and again as a pipeline doubled the work at each level.
    if (this.peek() === '$' && this.peek(1) !== '(') {
      const save = this.i;
      const target = this.parsePostfix(this.parseVariable());
      this.skipSpace();
      const c = this.peek();
      const append = c === '+' && this.peek(1) === '=';
      if ((c === '=' && this.peek(1) !== '=') || append) {
        // $x.A.B = ... sets a property of the object in $x; the chain is read back to its variable.
        const members: string[] = [];
        let root: Expression = target;
        while (root.kind === 'member') {
          members.unshift(root.member);
          root = root.target;
        }
        if (root.kind !== 'variable') this.fail('only a variable or its properties ($x, $x.Name) can be assigned to', save);
        const name = root.name.toLowerCase();
        if (name === 'true' || name === 'false' || name === 'null') this.fail(`cannot assign to $${root.name}`, save);
        this.i += append ? 2 : 1;
        this.skipSpaceAndNewlines();
        return {
          kind: 'assignment',
          variable: root.name,
          ...(members.length > 0 ? { members } : {}),
          ...(append ? { append } : {}),
          value: this.parsePipeline(),
          pos,
          source: '',
        };
      }
      if ('-*/%'.includes(c) && this.peek(1) === '=') this.fail(`'${c}=' is not supported; ${SUPPORTED_STATEMENTS}`);
      this.i = save;
    }
    return { kind: 'pipeline', pipeline: this.parsePipeline(), pos, source: '' };
  }

  private expectChar(char: string, what: string): void {
    if (this.peek() !== char) this.fail(`expected '${char}' ${what}, found ${describeChar(this.peek())}`);
    this.i++;
  }

  private parseBlock(what: string): Statement[] {
    this.skipSpaceAndNewlines();
    const open = this.i;
    this.expectChar('{', what);
    const body = this.nested(open, () => this.parseStatements({ char: '}', offset: open, what: 'block' }));
    this.i++;
    return body;
  }

  private parseCondition(keyword: string): Pipeline {
    this.skipSpace();
    const open = this.i;
    this.expectChar('(', `after '${keyword}'`);
    this.skipSpaceAndNewlines();
    const condition = this.parsePipeline();
    this.skipSpaceAndNewlines();
    if (this.peek() !== ')') this.fail(`expected ')' to close the condition opened at ${this.where(open)}, found ${describeChar(this.peek())}`);
    this.i++;
    return condition;
  }

  private parseIf(pos: Position): Statement {
    this.i += 2;
    const clauses: IfClause[] = [];
    const condition = this.parseCondition('if');
    clauses.push({ condition, body: this.parseBlock('after the if condition') });
    let elseBody: Statement[] | null = null;
    for (;;) {
      const save = this.i;
      this.skipSpaceAndNewlines();
      if (this.startsWithWord('elseif')) {
        this.i += 6;
        const elseifCondition = this.parseCondition('elseif');
        clauses.push({ condition: elseifCondition, body: this.parseBlock('after the elseif condition') });
      } else if (this.startsWithWord('else')) {
        this.i += 4;
        elseBody = this.parseBlock("after 'else'");
        break;
      } else {
        this.i = save;
        break;
      }
    }
    return { kind: 'if', clauses, elseBody, pos, source: '' };
  }

  private parseForeach(pos: Position): Statement {
    this.i += 7;
    this.skipSpace();
    const open = this.i;
    this.expectChar('(', "after 'foreach'");
    this.skipSpace();
    if (this.peek() !== '$') this.fail(`expected a loop variable ($x) after 'foreach (', found ${describeChar(this.peek())}`);
    const variable = this.parseVariable();
    if (variable.kind !== 'variable') this.fail('expected a loop variable ($x)', open + 1);
    this.skipSpace();
    if (!this.startsWithWord('in')) this.fail(`expected 'in' after the loop variable, found ${describeChar(this.peek())}`);
    this.i += 2;
    this.skipSpaceAndNewlines();
    const collection = this.parsePipeline();
    this.skipSpaceAndNewlines();
    if (this.peek() !== ')') this.fail(`expected ')' to close 'foreach (' opened at ${this.where(open)}, found ${describeChar(this.peek())}`);
    this.i++;
    const body = this.parseBlock('after the foreach (...)');
    return { kind: 'foreach', variable: variable.name, collection, body, pos, source: '' };
  }

  private parseTry(pos: Position): Statement {
    this.i += 3;
    const body = this.parseBlock("after 'try'");
    this.skipSpaceAndNewlines();
    if (!this.startsWithWord('catch')) {
      this.fail(`expected 'catch' after the try block (try/finally is not supported), found ${describeChar(this.peek())}`);
    }
    this.i += 5;
    this.skipSpace();
    if (this.peek() === '[') this.fail('catch [ExceptionType] is not supported; use catch { }');
    const catchBody = this.parseBlock("after 'catch'");
    const save = this.i;
    this.skipSpaceAndNewlines();
    if (this.startsWithWord('finally')) this.fail("'finally' is not supported; use try { } catch { }");
    this.i = save;
    return { kind: 'try', body, catchBody, pos, source: '' };
  }

  private parsePipeline(): Pipeline {
    const pos = this.position(this.i);
    const first = this.parsePipelineElement();
    const elements: Pipeline['elements'] = [first];
    for (;;) {
      this.skipSpace();
      if (this.peek() !== '|') break;
      if (this.peek(1) === '|') this.fail(`'||' is not supported; ${SUPPORTED_STATEMENTS}`);
      this.i++;
      this.skipSpaceAndNewlines();
      const start = this.i;
      const next = this.parsePipelineElement();
      if (next.kind !== 'command') this.fail('expected a cmdlet after \'|\' (only cmdlets can take pipeline input)', start);
      elements.push(next);
    }
    return { elements, pos };
  }

  private parsePipelineElement(): Command | ExpressionElement {
    this.skipSpace();
    const c = this.peek();
    if (isLetter(c)) return this.parseCommand();
    if (c === '%' || c === '?') {
      this.fail(`'${c}' (ForEach-Object/Where-Object) is not supported (no script blocks or $_); use foreach ($x in $list) { if (...) { } }`);
    }
    if (c === '&' || (c === '.' && (this.peek(1) === ' ' || this.peek(1) === '\t'))) {
      this.fail(`the call operators '&' and '.' are not supported; call cmdlets by name`);
    }
    const pos = this.position(this.i);
    return { kind: 'expression', expression: this.parseExpression(), pos };
  }

  // ---- commands (argument mode) ----

  private parseCommand(): Command {
    const start = this.i;
    while (/[A-Za-z0-9_.\-]/.test(this.peek())) this.i++;
    const name = this.src.slice(start, this.i);
    if (UNSUPPORTED_COMMANDS.has(name.toLowerCase())) {
      this.fail(`${name} is not supported (no script blocks or $_); use foreach ($x in $list) { if (...) { } }`, start);
    }
    const pos = this.position(start);
    const args: CommandArgument[] = [];
    let previousParameter: string | null = null;
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === '' || c === '\n' || c === ';' || c === '|' || c === '}' || c === ')') break;
      const argStart = this.i;
      if (c === '-' && this.peek(1) === '-' && this.peek(2) === '%') this.fail("the stop-parsing token '--%' is not supported");
      if (DASHES.has(c) && isLetter(this.peek(1))) {
        this.i++;
        const nameStart = this.i;
        while (isWordChar(this.peek()) || this.peek() === '-') this.i++;
        const paramName = this.src.slice(nameStart, this.i);
        let colonValue: Expression | null = null;
        if (this.peek() === ':') {
          this.i++;
          this.skipSpace();
          colonValue = this.parseArgumentValue(paramName);
        } else {
          this.checkArgumentEnd(`the parameter -${paramName}`);
        }
        args.push({ kind: 'parameter', name: paramName, colonValue, pos: this.position(argStart) });
        previousParameter = colonValue ? null : paramName;
        continue;
      }
      const value = this.parseArgumentValue(previousParameter);
      this.requireProgress(argStart);
      args.push({ kind: 'value', value, pos: this.position(argStart) });
      previousParameter = null;
    }
    return { kind: 'command', name, arguments: args, pos };
  }

  /** After an argument, only a space or the end of the command may follow. */
  private checkArgumentEnd(what: string): void {
    const c = this.peek();
    if (c === '' || c === ' ' || c === '\t' || c === '\r' || c === '\n' || ';|}),'.includes(c) || c === '`' || c === '#') return;
    if (c === '<' || c === '>') this.failRedirection(c);
    this.fail(`unexpected ${describeChar(c)} right after ${what}; separate arguments with a space, or quote the whole value`);
  }

  private failRedirection(c: string): never {
    if (c === '<') {
      this.fail("the '<' operator is reserved in PowerShell: expected a parameter value (quote text that contains '<' or '>', e.g. 'user@contoso.com')");
    }
    this.fail("redirection ('>') is not supported: expected a parameter value or the end of the command");
  }

  /** One argument value; `a, b` makes an array. *parameter* is the parameter it is given to. */
  private parseArgumentValue(parameter: string | null): Expression {
    return this.commaList(this.parseArgumentPrimary(parameter), () => this.parseArgumentPrimary(null));
  }

  /** `first, b, c` as an array (a comma may end a line); *first* alone when no comma follows. */
  private commaList(first: Expression, parseItem: () => Expression): Expression {
    const items = [first];
    for (;;) {
      const save = this.i;
      this.skipSpace();
      if (this.peek() !== ',') {
        this.i = save;
        break;
      }
      this.i++;
      this.skipSpaceAndNewlines();
      items.push(parseItem());
    }
    return items.length === 1 ? first : { kind: 'array', items, pos: first.pos };
  }

  private parseArgumentPrimary(parameter: string | null): Expression {
    const c = this.peek();
    const start = this.i;
    if (c === '{') {
      if (parameter?.toLowerCase() === 'filter') return this.parseFilterBlock();
      this.fail('script blocks { } are supported only as the value of -Filter (passed on as text)');
    }
    if (c === '<' || c === '>') this.failRedirection(c);
    if (c === '[') this.fail('[type] literals and casts are not supported');
    if (c === ',') this.fail("expected a value before ','");
    if (c === '&') this.fail("the '&' operator is not supported");
    if (c === '' || c === '\n') this.fail(`expected a value, found ${describeChar(c)}`);
    if (SINGLE_QUOTES.has(c) || DOUBLE_QUOTES.has(c) || c === '$' || c === '(' || c === '@') {
      const value = this.parsePostfix(this.parsePrimaryValue());
      this.checkArgumentEnd('the value');
      return value;
    }
    return this.parseBareWord(start);
  }

  /** An unquoted argument: an e-mail, a GUID, `+12065551234`, `911`: kept as its text. */
  private parseBareWord(start: number): Expression {
    let text = '';
    for (;;) {
      const c = this.peek();
      if (c === '' || ' \t\r\n;,|(){}&<>'.includes(c)) break;
      if (c === '`') {
        const next = this.peek(1);
        if (next === '') this.failTrailingBacktick();
        if (next === '\n' || next === '\r') break;
        text += next;
        this.i += 2;
        continue;
      }
      if (c === '$') this.fail('a variable inside a bare word is not supported; use a double-quoted string ("...$x...")');
      if (SINGLE_QUOTES.has(c) || DOUBLE_QUOTES.has(c)) this.fail('a quote inside a bare word is not supported; quote the whole value');
      text += c;
      this.i++;
    }
    this.checkLiteral(text.length, start);
    this.checkArgumentEnd(`'${shortText(text)}'`);
    return { kind: 'string', value: text, pos: this.position(start) };
  }

  private parseFilterBlock(): Expression {
    const open = this.i;
    let depth = 0;
    let quote: string | null = null;
    for (;;) {
      const c = this.peek();
      if (c === '') this.fail(`expected '}' to close the -Filter block opened at ${this.where(open)}`, open);
      this.i++;
      if (quote) {
        if (c === quote) quote = null;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) break;
      }
    }
    const text = this.src.slice(open + 1, this.i - 1).trim();
    this.checkArgumentEnd('the -Filter block');
    return { kind: 'filterBlock', text, pos: this.position(open) };
  }

  // ---- expressions ----

  private parseExpression(): Expression {
    // Each comparison of a chain nests the one before it (a -eq b -eq c is (a -eq b) -eq c).
    let links = 0;
    try {
      return this.parseComparisons(() => {
        links++;
      });
    } finally {
      this.depth -= links;
    }
  }

  private parseComparisons(link: () => void): Expression {
    let left = this.parseArrayExpression();
    for (;;) {
      const save = this.i;
      this.skipSpace();
      const c = this.peek();
      if (DASHES.has(c) && isLetter(this.peek(1))) {
        const opStart = this.i;
        this.i++;
        while (isWordChar(this.peek())) this.i++;
        const word = this.src.slice(opStart + 1, this.i).toLowerCase();
        const operator = COMPARISONS[word];
        if (!operator) {
          if (UNSUPPORTED_OPERATORS.has(word)) this.fail(`the operator -${word} is not supported; ${SUPPORTED_COMPARISONS}`, opStart);
          this.fail(`unexpected '-${word}'; ${SUPPORTED_COMPARISONS}`, opStart);
        }
        link();
        this.enter(opStart);
        this.skipSpaceAndNewlines();
        const right = this.parseArrayExpression();
        left = { kind: 'comparison', operator, left, right, pos: left.pos };
        continue;
      }
      if ('+-*/%'.includes(c) && c !== '') this.fail(`arithmetic ('${c}') is not supported; ${SUPPORTED_COMPARISONS}`);
      if (c === '=' ) this.fail("'=' assigns; to compare, use -eq");
      if (c === '!' ) this.fail(`'!' is not supported; ${SUPPORTED_COMPARISONS}`);
      if (c === '>' || c === '<') this.failRedirection(c);
      this.i = save;
      return left;
    }
  }

  private parseArrayExpression(): Expression {
    return this.commaList(this.parseUnary(), () => this.parseUnary());
  }

  private parseUnary(): Expression {
    const c = this.peek();
    const start = this.i;
    if (/[0-9]/.test(c) || ((c === '+' || c === '-' || c === '.') && /[0-9]/.test(this.peek(1)))) return this.parseNumber();
    if (c === '-' && isLetter(this.peek(1))) {
      const word = /^-[A-Za-z]+/.exec(this.src.slice(this.i, this.i + 20))?.[0] ?? '-';
      this.fail(`the unary operator ${word} is not supported; ${SUPPORTED_COMPARISONS}`);
    }
    if (c === '!') this.fail(`'!' is not supported; ${SUPPORTED_COMPARISONS}`);
    if (c === '{') this.fail('script blocks { } are supported only as the value of -Filter (passed on as text)');
    if (c === '[') this.fail('[type] literals and casts are not supported');
    if (SINGLE_QUOTES.has(c) || DOUBLE_QUOTES.has(c) || c === '$' || c === '(' || c === '@') {
      return this.parsePostfix(this.parsePrimaryValue());
    }
    if (isLetter(c)) {
      const word = /^[A-Za-z0-9_.\-]+/.exec(this.src.slice(this.i, this.i + 80))?.[0] ?? c;
      this.fail(`unexpected bare word '${word}' in an expression: quote text ('${word}'), or put a cmdlet call in parentheses`, start);
    }
    this.fail(`expected a value (a string, a number, a $variable, @{...}, @(...) or (...)), found ${describeChar(c)}`);
  }

  private parseNumber(): Expression {
    const start = this.i;
    const match = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)/.exec(this.src.slice(this.i, this.i + 40));
    if (!match) this.fail('expected a number');
    this.i += match[0].length;
    if (isWordChar(this.peek())) this.fail(`unexpected ${describeChar(this.peek())} in the number '${match[0]}'`);
    return { kind: 'number', value: Number(match[0]), text: match[0], pos: this.position(start) };
  }

  /** Strings, variables, `(...)`, `$(...)`, `@(...)`, `@{...}`. */
  private parsePrimaryValue(): Expression {
    const c = this.peek();
    const start = this.i;
    const pos = this.position(start);
    if (SINGLE_QUOTES.has(c)) return this.parseSingleQuoted();
    if (DOUBLE_QUOTES.has(c)) return this.parseDoubleQuoted();
    if (c === '$') return this.parseVariable();
    if (c === '(') {
      this.i++;
      this.skipSpaceAndNewlines();
      if (this.peek() === ')') this.fail('expected a pipeline or an expression inside ( )');
      const statement = this.nested(start, () => this.parseStatement());
      this.skipSpaceAndNewlines();
      if (this.peek() !== ')') this.fail(`expected ')' to close '(' opened at ${this.where(start)}, found ${describeChar(this.peek())}`);
      this.i++;
      return { kind: 'subexpression', body: [statement], pos };
    }
    if (c === '@') {
      const next = this.peek(1);
      if (next === '{') return this.nested(start, () => this.parseHashtable());
      if (next === '(') {
        this.i += 2;
        const body = this.nested(start, () => this.parseStatements({ char: ')', offset: start, what: '@(' }));
        this.i++;
        return { kind: 'arraySubexpression', body, pos };
      }
      if (isLetter(next)) this.fail('splatting (@name) is not supported; pass parameters by name');
      if (SINGLE_QUOTES.has(next) || DOUBLE_QUOTES.has(next)) this.fail('here-strings (@"..."@) are not supported');
      this.fail(`expected '{' or '(' after '@', found ${describeChar(next)}`);
    }
    this.fail(`expected a value, found ${describeChar(c)}`);
  }

  private parsePostfix(target: Expression): Expression {
    // Each member of a chain nests the one before it ($x.A.B is ($x.A).B).
    let links = 0;
    try {
      return this.parseMembers(target, () => {
        links++;
      });
    } finally {
      this.depth -= links;
    }
  }

  private parseMembers(target: Expression, link: () => void): Expression {
    let value = target;
    for (;;) {
      const c = this.peek();
      if (c === '.' && isLetter(this.peek(1))) {
        link();
        this.enter(this.i);
        this.i++;
        const start = this.i;
        while (isWordChar(this.peek())) this.i++;
        const member = this.src.slice(start, this.i);
        if (this.peek() === '(') this.fail(`method calls (.${member}()) are not supported; member access (.${member}) is`, start);
        value = { kind: 'member', target: value, member, pos: value.pos };
        continue;
      }
      if (c === '[') this.fail('indexing ($x[0]) is not supported; use foreach ($item in $x) { }');
      if (c === ':' && this.peek(1) === ':') this.fail('static members ([type]::Member) are not supported');
      return value;
    }
  }

  private parseVariable(): Expression {
    const start = this.i;
    const pos = this.position(start);
    this.i++;
    const c = this.peek();
    if (c === '(') {
      this.i++;
      const body = this.nested(start, () => this.parseStatements({ char: ')', offset: start, what: '$(' }));
      this.i++;
      return { kind: 'subexpression', body, pos };
    }
    if (c === '{') {
      const end = this.src.indexOf('}', this.i);
      if (end < 0) this.fail("expected '}' to close ${...}");
      const name = this.src.slice(this.i + 1, end);
      this.i = end + 1;
      return { kind: 'variable', name, pos };
    }
    if (!isWordChar(c)) {
      if (c === '_' || c === '?' || c === '$' || c === '^') this.fail(`the automatic variable $${c} is not supported`, start);
      this.fail(`expected a variable name after '$', found ${describeChar(c)}`);
    }
    const nameStart = this.i;
    while (isWordChar(this.peek())) this.i++;
    const name = this.src.slice(nameStart, this.i);
    if (name === '_') this.fail('$_ (the current pipeline object) is not supported; use foreach ($x in $list) { }', start);
    if (this.peek() === ':' && isLetter(this.peek(1))) {
      this.fail(`scoped and drive variables ($${name}:...) are not supported`, start);
    }
    if (this.peek() === '-' && isLetter(this.peek(1))) {
      const rest = /^-[A-Za-z0-9_\-]+/.exec(this.src.slice(this.i, this.i + 80))?.[0] ?? '-';
      const word = /^-[A-Za-z]+/.exec(rest)?.[0].slice(1).toLowerCase() ?? '';
      if (!(word in COMPARISONS) && !UNSUPPORTED_OPERATORS.has(word)) {
        this.fail(
          `'$${name}${rest}' is not a valid variable name: a name holds letters, digits and '_' (PowerShell reads $${name} then '${rest}')`,
          start,
        );
      }
    }
    return { kind: 'variable', name, pos };
  }

  private parseSingleQuoted(): Expression {
    const start = this.i;
    this.i++;
    let text = '';
    for (;;) {
      const c = this.peek();
      if (c === '') this.fail(`expected a closing quote for the string that starts at ${this.where(start)}`, start);
      if (SINGLE_QUOTES.has(c)) {
        if (SINGLE_QUOTES.has(this.peek(1))) {
          text += c;
          this.i += 2;
          continue;
        }
        this.i++;
        this.checkLiteral(text.length, start);
        return { kind: 'string', value: text, pos: this.position(start) };
      }
      text += c;
      this.i++;
    }
  }

  private parseDoubleQuoted(): Expression {
    const start = this.i;
    this.i++;
    const parts: ExpandablePart[] = [];
    let text = '';
    const flush = (): void => {
      if (text) parts.push({ kind: 'text', text });
      text = '';
    };
    const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', a: '\u0007', b: '\b', f: '\f', v: '\v' };
    for (;;) {
      const c = this.peek();
      if (c === '') this.fail(`expected a closing quote for the string that starts at ${this.where(start)}`, start);
      if (DOUBLE_QUOTES.has(c)) {
        if (DOUBLE_QUOTES.has(this.peek(1))) {
          text += c;
          this.i += 2;
          continue;
        }
        this.i++;
        break;
      }
      if (c === '`') {
        const next = this.peek(1);
        text += escapes[next] ?? next;
        this.i += 2;
        continue;
      }
      if (c === '$') {
        const next = this.peek(1);
        if (next === '(' || next === '{' || isWordChar(next)) {
          flush();
          const variableStart = this.i;
          if (isWordChar(next)) {
            this.i++;
            while (isWordChar(this.peek())) this.i++;
            const name = this.src.slice(variableStart + 1, this.i);
            if (name === '_') this.fail('$_ (the current pipeline object) is not supported', variableStart);
            if (this.peek() === ':' && isLetter(this.peek(1))) {
              this.fail(`scoped and drive variables ($${name}:...) are not supported`, variableStart);
            }
            parts.push({ kind: 'value', value: { kind: 'variable', name, pos: this.position(variableStart) } });
          } else {
            parts.push({ kind: 'value', value: this.parseVariable() });
          }
          continue;
        }
      }
      text += c;
      this.i++;
    }
    flush();
    this.checkLiteral(parts.reduce((sum, p) => sum + (p.kind === 'text' ? p.text.length : 0), 0), start);
    const pos = this.position(start);
    if (parts.every((p) => p.kind === 'text')) {
      return { kind: 'string', value: parts.map((p) => (p.kind === 'text' ? p.text : '')).join(''), pos };
    }
    return { kind: 'expandable', parts, pos };
  }

  private parseHashtable(): Expression {
    const start = this.i;
    const pos = this.position(start);
    this.i += 2;
    const entries: HashtableEntry[] = [];
    const seen = new Set<string>();
    for (;;) {
      this.skipSeparators();
      const c = this.peek();
      if (c === '}') {
        this.i++;
        return { kind: 'hashtable', entries, pos };
      }
      if (c === '') this.fail(`expected '}' to close the hashtable opened at ${this.where(start)}`);
      const keyStart = this.i;
      let key: string;
      if (SINGLE_QUOTES.has(c)) {
        const k = this.parseSingleQuoted();
        key = k.kind === 'string' ? k.value : '';
      } else if (DOUBLE_QUOTES.has(c)) {
        const k = this.parseDoubleQuoted();
        if (k.kind !== 'string') this.fail('a hashtable key cannot expand variables', keyStart);
        key = k.value;
      } else if (isWordChar(c)) {
        while (isWordChar(this.peek()) || this.peek() === '-') this.i++;
        key = this.src.slice(keyStart, this.i);
      } else {
        this.fail(`expected a hashtable key (e.g. add, remove, replace) or '}', found ${describeChar(c)}`);
      }
      if (seen.has(key.toLowerCase())) this.fail(`duplicate key '${key}' in the hashtable`, keyStart);
      seen.add(key.toLowerCase());
      this.skipSpace();
      if (this.peek() !== '=') this.fail(`expected '=' after the hashtable key '${key}', found ${describeChar(this.peek())}`);
      this.i++;
      this.skipSpaceAndNewlines();
      const value = this.parsePipeline();
      entries.push({ key, value, pos: this.position(keyStart) });
      this.skipSpace();
      const after = this.peek();
      if (after !== ';' && after !== '\n' && after !== '}') {
        this.fail(`expected ';', a new line or '}' after the hashtable entry '${key}', found ${describeChar(after)}`);
      }
    }
  }
}
