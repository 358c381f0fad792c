/** Writing an output file whole or not at all (DESIGN.md principle 6). */
import { rmSync, writeFileSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes *text* to a temporary file in *path*'s folder, then renames it over *path*, so a reader
 * never sees half a file. Throws the file system's error (after removing the temporary file).
 */
export function writeFileWhole(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, 'utf8');
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
