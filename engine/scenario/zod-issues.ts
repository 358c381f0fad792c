/**
 * zod's issues in the scenario's own words: one issue per unknown key (at the key), the branch
 * of a union that came closest instead of "Invalid input", and what was expected in each case.
 */
import type { z } from 'zod';
import type { Path } from './source.js';

export interface PendingIssue {
  code: string;
  path: Path;
  expected: string;
  message: string;
  /** Locate at the mapping key rather than its value (unknown keys). */
  atKey?: boolean;
}

type ZodIssue = z.core.$ZodIssue;

const ALLOWED = / \(allowed: (.*)\)$/;

function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function isMissing(issue: ZodIssue): boolean {
  return issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
}

/** How far off a union branch is in shape (wrong or missing keys), as opposed to in values. */
function shapeScore(issues: readonly ZodIssue[]): number {
  return issues.filter(
    (i) => (i.code === 'unrecognized_keys' && i.path.length === 0) || (isMissing(i) && i.path.length <= 1) || (i.code !== 'invalid_union' && i.path.length === 0),
  ).length;
}

/** What one branch of a union wanted at its root, for "expected" when no branch came close. */
function rootExpectation(issues: readonly ZodIssue[]): string {
  const root = issues.find((i) => i.path.length === 0 && i.code !== 'unrecognized_keys');
  if (root?.code === 'invalid_value') return root.values.map((v) => JSON.stringify(v)).join(' | ');
  if (root?.code === 'invalid_type') return root.expected;
  const keys = issues.filter((i) => isMissing(i) && i.path.length === 1).map((i) => String(i.path[0]));
  if (keys.length > 0) return `{${keys.join(', ')}}`;
  // A branch that only had keys too many (both perHour and perUserPerHour): name the keys it takes.
  const allowed = ALLOWED.exec(issues.find((i) => i.code === 'unrecognized_keys' && i.path.length === 0)?.message ?? '')?.[1];
  return allowed === undefined ? 'another form' : `{${allowed}}`;
}

/** A bound in words: "a number >= 1", "a list of exactly 168 numbers", "not empty". */
function boundExpectation(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  const op = `${small ? '>' : '<'}${issue.inclusive === true ? '=' : ''}`;
  if (issue.origin === 'string') return small && bound === 1 ? 'not empty' : `text of ${small ? 'at least' : 'at most'} ${bound} characters`;
  if (issue.origin === 'array' || issue.origin === 'set') {
    const count = issue.exact === true ? `exactly ${bound}` : `${small ? 'at least' : 'at most'} ${bound}`;
    return `a list of ${count} item${bound === 1 ? '' : 's'}`;
  }
  return `a number ${op} ${bound}`;
}

export function convertZodIssues(issues: readonly ZodIssue[], prefix: Path = []): PendingIssue[] {
  const out: PendingIssue[] = [];
  for (const issue of issues) {
    const path: Path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    const where = path.length === 0 ? 'the document' : pathText(path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = ALLOWED.exec(issue.message)?.[1] ?? '';
        for (const key of issue.keys) {
          out.push({
            code: 'unrecognized_keys',
            path: [...path, key],
            expected: allowed === '' ? 'no other keys' : `one of the keys ${allowed}`,
            message: `unknown key "${key}" in ${where}`,
            atKey: true,
          });
        }
        break;
      }
      case 'invalid_union': {
        const branches = issue.errors.filter((b) => b.length > 0);
        const ranked = [...branches].sort((a, b) => shapeScore(a) - shapeScore(b) || a.length - b.length);
        const best = ranked[0];
        const runnerUp = ranked[1];
        // One branch clearly fits the shape: its own complaints are the useful ones.
        if (best !== undefined && (runnerUp === undefined || shapeScore(best) < shapeScore(runnerUp))) {
          out.push(...convertZodIssues(best, path));
        } else {
          const forms = [...new Set(branches.map(rootExpectation))].join(' or ');
          out.push({ code: 'invalid_union', path, expected: forms, message: `${where} matches none of the accepted forms` });
        }
        break;
      }
      case 'invalid_type':
        if (isMissing(issue)) {
          const key = path[path.length - 1];
          out.push({
            code: 'missing_key',
            path,
            expected: `a key "${String(key)}" (${issue.expected})`,
            message: `${pathText(path.slice(0, -1)) || 'the document'} lacks required key "${String(key)}"`,
          });
        } else if (!issue.message.startsWith('Invalid input: ')) {
          // The schema's own words (a duration written as a bare number): they say what to write.
          out.push({ code: issue.code, path, expected: issue.message.replace(/^expected /, '').split(';')[0] ?? issue.expected, message: `${where}: ${issue.message}` });
        } else {
          const expected = issue.expected === 'int' ? 'a whole number' : issue.expected;
          out.push({ code: issue.code, path, expected, message: `${where}: ${issue.message.replace(/^Invalid input: /, '').replace(/^expected int,/, 'expected a whole number,')}` });
        }
        break;
      case 'too_small':
      case 'too_big': {
        // The schema's own words say why the bound is there (engine/scenario/limits.ts), and what
        // they expected comes first in them; zod's own ("Too big: expected number to be <=100")
        // say only what the bound is.
        const own = /^expected ([^;:]+)/.exec(issue.message)?.[1];
        const expected = own ?? boundExpectation(issue);
        out.push({ code: issue.code, path, expected, message: `${where}: ${own === undefined ? `expected ${expected}` : issue.message}` });
        break;
      }
      case 'invalid_value':
        out.push({
          code: issue.code,
          path,
          expected: issue.values.map((v) => JSON.stringify(v)).join(' | '),
          message: `${where} has a value that is not allowed`,
        });
        break;
      default: {
        const text = issue.message.replace(/^Invalid input: /, '');
        const expected = text.startsWith('expected ') ? text.slice('expected '.length) : text;
        out.push({ code: issue.code, path, expected, message: `${where}: ${text}` });
      }
    }
  }
  return out;
}
