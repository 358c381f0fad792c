import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputFileError, outputProblem, reasonFor, sameFile, WholeFileWriter } from '../../cli/write-whole.js';

const dir = mkdtempSync(join(tmpdir(), 'callsim-write-whole-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('WholeFileWriter', () => {
  it('shows the file only when committed, through a temporary file of its own', () => {
    const path = join(dir, 'whole.txt');
    const file = new WholeFileWriter(path);
    file.write('one ');
    expect(readdirSync(dir)).toContain(`.whole.txt.${process.pid}.tmp`);
    expect(readdirSync(dir)).not.toContain('whole.txt');
    file.write('two\n');
    file.commit();
    expect(readFileSync(path, 'utf8')).toBe('one two\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('never shares a temporary file between two outputs to one file', () => {
    const path = join(dir, 'shared.txt');
    const first = new WholeFileWriter(path);
    expect(() => new WholeFileWriter(path)).toThrow(OutputFileError);
    first.abort();
    expect(readdirSync(dir).filter((f) => f.startsWith('.shared'))).toEqual([]);
  });

  it('leaves the file as it was when aborted', () => {
    const path = join(dir, 'kept.txt');
    writeFileSync(path, 'before\n');
    const file = new WholeFileWriter(path);
    file.write('after\n');
    file.abort();
    file.abort();
    expect(readFileSync(path, 'utf8')).toBe('before\n');
  });

  it('sends - to the standard output it is given, creating no file', () => {
    let out = '';
    const file = new WholeFileWriter('-', { write: (s: string) => (out += s) });
    file.write('text\n');
    file.commit();
    expect([file.toStdout, file.replacesFile, out]).toEqual([true, false, 'text\n']);
  });
});

describe('output paths', () => {
  it('are the same file through ./, .. and the folder given in full', () => {
    expect(sameFile(join(dir, 'a.json'), join(dir, '..', dir.split('/').pop() ?? '', 'a.json'))).toBe(true);
    expect(sameFile(join(dir, 'a.json'), join(dir, 'b.json'))).toBe(false);
    expect(sameFile('-', '-')).toBe(true);
  });

  it('are all usable, or the first problem is named with its option', () => {
    expect(outputProblem([{ option: '--json', path: join(dir, 'r.json') }, { option: '--calls', path: join(dir, 'c.csv') }])).toBeUndefined();
    expect(outputProblem([{ option: '--calls', path: '  ' }])).toBe('--calls needs a file name, and got an empty one (- writes to standard output)');
    expect(outputProblem([{ option: '--json', path: dir }])).toBe(`cannot write --json ${dir}: it is a folder; give a file name, such as ${join(dir, 'out')}`);
  });
});

describe('reasons a file cannot be written, in words', () => {
  // Running as root (as CI may) no permission is ever refused, so the words are checked here.
  it.each([
    ['EACCES', 'file', 'no permission to write in the folder /data'],
    ['EACCES', 'through', 'no permission to write to it'],
    ['EROFS', 'file', 'the folder /data is on a read-only file system'],
    ['ENOSPC', 'file', 'no space left on the device (ENOSPC)'],
    ['EDQUOT', 'file', 'the disk quota is used up (EDQUOT)'],
    ['ENOENT', 'file', 'the folder /data does not exist (create it first)'],
  ] as const)('%s (%s)', (code, kind, words) => {
    expect(reasonFor('/data/results.json', Object.assign(new Error(`${code}: raw`), { code }), kind)).toBe(words);
  });

  it('keeps the system message of anything else', () => {
    expect(reasonFor('/data/results.json', Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }))).toBe('EIO: i/o error, write');
  });
});
