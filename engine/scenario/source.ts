/**
 * A scenario file as the YAML library reads it: the plain value plus a way back from a path in
 * that value to line:column in the text, so every issue can point at the node that caused it.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ScenarioIssue } from './issues.js';

export type Path = (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export interface SourceDocument {
  file: string;
  value: unknown;
  /** YAML syntax errors (the library recovers past most, so `value` is still usable). */
  syntaxIssues: ScenarioIssue[];
  /**
   * Where the node at `path` starts; `key: true` points at the key of a mapping entry instead.
   * A path that does not exist (a missing key) resolves to its nearest existing ancestor.
   */
  locate(path: Path, options?: { key?: boolean }): Position;
  /** Whether the document has a node at `path` (a missing key has none). */
  has(path: Path): boolean;
}

/**
 * JSON's complaint about *text* and where, or undefined when it parses or JSON does not say where
 * (the YAML reading then locates the problem).
 */
function jsonFailure(text: string): { message: string; offset: number } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = / in JSON at position (\d+)/.exec(message);
    if (at !== null) return { message: message.slice(0, at.index), offset: Number(at[1]) };
    if (message.startsWith('Unexpected end of JSON input')) return { message: 'the JSON ends too early (a missing } or ])', offset: text.length };
    return undefined;
  }
}

export function readSource(text: string, file: string): SourceDocument {
  const lineCounter = new LineCounter();
  // JSON is YAML too; uniqueKeys makes a repeated key a syntax issue, as an editor would show it.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const syntaxIssues: ScenarioIssue[] = [...doc.errors, ...doc.warnings].map((e) => {
    const { line, column } = position(e.pos[0]);
    return {
      code: 'yaml_syntax',
      path: [],
      expected: 'valid YAML or JSON',
      message: `${e.code}: ${e.message.split('\n')[0] ?? ''}`,
      file,
      line,
      column,
    };
  });
  const locate = (path: Path, options?: { key?: boolean }): Position => {
    let node: unknown = doc.contents;
    let at: number = doc.contents?.range?.[0] ?? 0;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && String(isScalar(p.key) ? p.key.value : p.key) === String(segment));
        if (pair === undefined) break;
        const keyNode = pair.key as Node | null;
        if (last && options?.key === true && keyNode?.range) return position(keyNode.range[0]);
        const valueNode = pair.value as Node | null;
        node = valueNode;
        const start = valueNode?.range?.[0] ?? keyNode?.range?.[0];
        if (start !== undefined) at = start;
        if (valueNode === null) break;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (item?.range == null) break;
        node = item;
        at = item.range[0];
      } else {
        break;
      }
    }
    return position(at);
  };
  // YAML's reading of broken JSON ("implicit keys need to be on a single line") means nothing to
  // someone who wrote JSON: a .json file gets JSON's own complaint, at its place.
  if (/\.json$/i.test(file) && text.trim() !== '') {
    const failure = jsonFailure(text);
    if (failure !== undefined) {
      return {
        file,
        value: null,
        syntaxIssues: [{ code: 'json_syntax', path: [], expected: 'valid JSON', message: failure.message, file, ...position(failure.offset) }],
        locate: () => position(0),
        has: () => false,
      };
    }
  }
  let value: unknown = null;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    syntaxIssues.push({
      code: 'yaml_syntax',
      path: [],
      expected: 'valid YAML or JSON',
      message: error instanceof Error ? error.message : String(error),
      file,
      ...position(0),
    });
  }
  const has = (path: Path): boolean => doc.hasIn(path);
  return { file, value, syntaxIssues, locate, has };
}
