/** Output files written whole or not at all (DESIGN.md principle 6). */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * A file that readers see whole or not at all: text goes to a temporary file in the same folder
 * (so the rename cannot cross file systems), renamed into place by `commit`, removed by `abort`.
 * Text can be written piece by piece, so a long CSV of calls streams instead of being held.
 */
export class WholeFileWriter {
  private readonly temp: string;
  private fd: number | null;

  /** Opens the temporary file; throws the file system's error if it cannot. */
  constructor(private readonly path: string) {
    this.temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    this.fd = openSync(this.temp, 'w');
  }

  write(text: string): void {
    if (this.fd !== null) writeSync(this.fd, text);
  }

  /** Puts the file in place. Throws the file system's error; `abort` then removes the temporary file. */
  commit(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    renameSync(this.temp, this.path);
  }

  /** Drops what was written; the file at *path*, if any, is left as it was. Safe to call twice. */
  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.temp, { force: true });
  }
}

/** Writes *text* to *path* whole or not at all. Throws the file system's error, leaving no temporary file. */
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
