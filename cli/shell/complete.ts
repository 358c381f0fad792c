/**
 * Tab completion for `callsim shell`: cmdlet names where a command starts, the parameters of the
 * cmdlet being typed after a `-`, and rule IDs after `explain`. Shaped as node:readline's completer.
 */
import { cmdletCatalogue, RULE_IDS, type CatalogueEntry } from '../../engine/tenant/index.js';

/** The shell's own commands, offered where a line starts. */
export const SHELL_COMMANDS = ['exit', 'explain', 'help', 'validate'] as const;

export type Completion = [completions: string[], word: string];

let catalogue: CatalogueEntry[] | undefined;

function entries(): CatalogueEntry[] {
  catalogue ??= cmdletCatalogue();
  return catalogue;
}

function startingWith(candidates: readonly string[], prefix: string): string[] {
  const key = prefix.toLowerCase();
  return candidates.filter((c) => c.toLowerCase().startsWith(key));
}

/** The last cmdlet named in the pipeline element being typed, if the catalogue knows it. */
function cmdletBeingTyped(before: string): CatalogueEntry | undefined {
  const element = before.split(/[|;]/).pop() ?? '';
  const names = element.match(/[A-Za-z]+-[A-Za-z]+/g) ?? [];
  for (const name of names.reverse()) {
    const entry = entries().find((e) => e.name.toLowerCase() === name.toLowerCase());
    if (entry !== undefined) return entry;
  }
  return undefined;
}

/** Completions for the word under the cursor at the end of *line*. */
export function completeLine(line: string): Completion {
  const word = /[^\s|;(){}=,]*$/.exec(line)?.[0] ?? '';
  const before = line.slice(0, line.length - word.length);

  if (/^\s*explain\s+$/i.test(before)) return [startingWith(RULE_IDS, word), word];

  if (/^[-\u2013\u2014]/.test(word)) {
    const cmdlet = cmdletBeingTyped(before);
    if (cmdlet === undefined) return [[], word];
    const names = cmdlet.parameters.flatMap((p) => [p.name, ...p.aliases]);
    const matches = startingWith(names, word.slice(1)).map((n) => `-${n}`);
    return [matches, word];
  }

  if (/(^|[|;{(=])\s*$/.test(before)) {
    const names = entries().map((e) => e.name);
    const lineStart = before.trim() === '';
    return [[...startingWith(names, word), ...(lineStart && word !== '' ? startingWith(SHELL_COMMANDS, word) : [])], word];
  }
  return [[], word];
}
