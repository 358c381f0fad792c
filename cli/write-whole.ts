/** Output files written whole or not at all (DESIGN.md principle 6). */
import { closeSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * A file that readers see whole or not at all: text goes to a temporary file in the same folder
 * (so the rename cannot cross file systems), renamed into place by `commit`, removed by `abort`.
 * Text can be written piece by piece, so a long CSV of calls streams instead of being held.
 */
export class WholeFileWriter {
  private readonly temp: string;
  private fd: number | null;

  /**
   * Opens the temporary file. Throws an OutputFileError that says why in words (a folder that
   * does not exist, a folder given as the file, no permission), before anything is written.
   */
  constructor(private readonly path: string) {
    this.temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory() === true) {
      throw new OutputFileError(path, `it is a folder; give a file name, such as ${join(path, 'out')}`);
    }
    try {
      this.fd = openSync(this.temp, 'w');
    } catch (error) {
      throw new OutputFileError(path, reasonFor(path, error));
    }
  }

  write(text: string): void {
    if (this.fd !== null) writeSync(this.fd, text);
  }

  /** Puts the file in place. Throws an OutputFileError; `abort` then removes the temporary file. */
  commit(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    try {
      renameSync(this.temp, this.path);
    } catch (error) {
      throw new OutputFileError(this.path, reasonFor(this.path, error));
    }
  }

  /** Drops what was written; the file at *path*, if any, is left as it was. Safe to call twice. */
  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.temp, { force: true });
  }
}

/** An output file that cannot be written; the message is the reason in words, never the temporary file's name. */
export class OutputFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** The file system's refusal in a voice admin's words: what is wrong with *path* and where. */
function reasonFor(path: string, error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  const folder = dirname(path);
  if (code === 'ENOENT' || code === 'ENOTDIR') return `the folder ${folder} does not exist (create it first)`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `no permission to write in the folder ${folder}`;
  if (code === 'EISDIR') return `it is a folder; give a file name, such as ${join(path, 'out')}`;
  return error instanceof Error ? error.message : String(error);
}

/** Writes *text* to *path* whole or not at all. Throws an OutputFileError, leaving no temporary file. */
export function writeFileWhole(path: string, text: string): void {
  const file = new WholeFileWriter(path);
  try {
    file.write(text);
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
}
