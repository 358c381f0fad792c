import { describe, expect, it } from 'vitest';
import { readSource } from '../../engine/scenario/source.js';

const text = ['name: x', 'tenant:', '  users:', '    - upn: a@contoso.com', '      surname: A', ''].join('\n');

describe('readSource', () => {
  it('locates a value by its path, 1-based', () => {
    expect(readSource(text, 'f.yaml').locate(['tenant', 'users', 0, 'surname'])).toEqual({ line: 5, column: 16 });
  });

  it('locates the key of a mapping entry when asked', () => {
    expect(readSource(text, 'f.yaml').locate(['tenant', 'users', 0, 'surname'], { key: true })).toEqual({ line: 5, column: 7 });
  });

  it('locates a missing key at its nearest existing ancestor', () => {
    expect(readSource(text, 'f.yaml').locate(['tenant', 'users', 0, 'givenName'])).toEqual({ line: 4, column: 7 });
  });

  it('reports a syntax error where the YAML library finds it and still reads the rest', () => {
    // The unclosed flow sequence of line 2 is found at the start of line 3.
    const source = readSource('a: 1\nb: [1, 2\nc: 3\n', 'f.yaml');
    expect(source.syntaxIssues.map((i) => [i.code, i.line, i.column])).toEqual([['yaml_syntax', 3, 1]]);
    expect(source.value).toMatchObject({ a: 1 });
  });

  it('reads JSON too', () => {
    expect(readSource('{"name": "x", "seed": 1}', 'f.json').value).toEqual({ name: 'x', seed: 1 });
  });

  it('reports a repeated key as a syntax issue', () => {
    expect(readSource('a: 1\na: 2\n', 'f.yaml').syntaxIssues.map((i) => i.line)).toEqual([2]);
  });
});
