/**
 * Output files written whole or not at all (DESIGN.md principle 6), and the checks every output
 * path gets before any work.
 *
 * - A regular file, or a new one, is written to a temporary file beside it (`.NAME.PID.tmp`, one
 *   per output) and renamed into place by `commit`. `abort`, a failed run, the process ending
 *   early (an uncaught error, a closed pipe) and SIGINT, SIGTERM or SIGHUP remove the temporary
 *   file; on a signal callsim then ends by that signal, so the shell reports 128 + its number
 *   (130 for Ctrl-C, 143 for SIGTERM). A symbolic link to a regular file stays a link: the file
 *   it points to is replaced.
 * - `-`, or a path that is the very file or pipe standard output goes to (`/dev/stdout`), is
 *   written through standard output. Any other file that is not a regular file (a terminal, a
 *   named pipe, `/dev/null`, the `/dev/fd/N` of a shell's process substitution, or a link to
 *   one), and the file standard error goes to, is opened for appending and written through, never
 *   replaced. What went to those cannot be taken back.
 */
import { accessSync, closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Output } from './io.js';

/** An output a command was asked to write: the option that named it and the path as given. */
export interface OutputRequest {
  option: string;
  path: string;
}

/** Where an output path leads. */
type Target =
  | { kind: 'stdout' }
  | { kind: 'through'; path: string }
  /** *path* is where the text ends up: the path given, or the file a symbolic link points to. */
  | { kind: 'file'; path: string };

/** Whether *stats* is the file descriptor *fd*'s file (1 standard output, 2 standard error), if it can be told. */
function isFileOf(fd: number, stats: Stats): boolean {
  try {
    const open = fstatSync(fd);
    return open.dev === stats.dev && open.ino === stats.ino;
  } catch {
    return false;
  }
}

/** The file standard output goes to: `--json /dev/stdout` is written through it. */
function isStdout(stats: Stats): boolean {
  return isFileOf(1, stats);
}

/** Follows *path* to what it names. Throws an OutputFileError for a folder or a path that cannot be looked at. */
function targetOf(path: string): Target {
  if (path === '-') return { kind: 'stdout' };
  let stats: Stats | undefined;
  try {
    stats = statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    throw new OutputFileError(path, reasonFor(path, error, 'file'));
  }
  if (stats === undefined) return { kind: 'file', path };
  if (stats.isDirectory()) throw new OutputFileError(path, `it is a folder; give a file name, such as ${join(path, 'out')}`);
  if (isStdout(stats)) return { kind: 'stdout' };
  // Standard error, even when it is a regular file (`2> log`), is added to, never replaced.
  if (!stats.isFile() || isFileOf(2, stats)) return { kind: 'through', path };
  return { kind: 'file', path: lstatSync(path).isSymbolicLink() ? realpathSync(path) : path };
}

/** What two paths are the same output when they share: standard output, an inode, or a new file's full path. */
function identity(path: string): string {
  if (path === '-') return 'standard output';
  let stats: Stats | undefined;
  try {
    stats = statSync(path, { throwIfNoEntry: false });
  } catch {
    return resolve(path);
  }
  if (stats === undefined) {
    let folder = resolve(dirname(path));
    try {
      folder = realpathSync(folder);
    } catch {
      // A folder that does not exist: the write says so.
    }
    return join(folder, basename(path));
  }
  return isStdout(stats) ? 'standard output' : `${stats.dev}:${stats.ino}`;
}

/** Whether two paths name the same file (through links, `.` and `..`), or are both standard output. */
export function sameFile(a: string, b: string): boolean {
  return a.trim() !== '' && b.trim() !== '' && identity(a) === identity(b);
}

/**
 * The problem with a command's output paths, found before any work: an empty path, two outputs
 * that are the same file (or both standard output), a folder given as the file, a folder that
 * does not exist or cannot be written. Nothing is created. Undefined when every path looks usable.
 */
export function outputProblem(requests: readonly OutputRequest[]): string | undefined {
  for (const r of requests) {
    if (r.path.trim() === '') return `${r.option} needs a file name, and got an empty one (- writes to standard output)`;
  }
  const seen = new Map<string, OutputRequest>();
  for (const r of requests) {
    const id = identity(r.path);
    const first = seen.get(id);
    if (first !== undefined) {
      return id === 'standard output'
        ? `${first.option} ${first.path} and ${r.option} ${r.path} would both write to standard output; give one of them a file`
        : `${first.option} ${first.path} and ${r.option} ${r.path} name the same file; give each its own`;
    }
    seen.set(id, r);
  }
  for (const r of requests) {
    try {
      const target = targetOf(r.path);
      if (target.kind === 'file') {
        const folder = dirname(target.path);
        if (statSync(folder, { throwIfNoEntry: false })?.isDirectory() !== true) return `cannot write ${r.option} ${r.path}: ${reasonFor(r.path, { code: 'ENOENT' }, 'file')}`;
        accessSync(folder, fsConstants.W_OK);
      }
    } catch (error) {
      const reason = error instanceof OutputFileError ? error.message : reasonFor(r.path, error, 'file');
      return `cannot write ${r.option} ${r.path}: ${reason}`;
    }
  }
  return undefined;
}

/** Writers with something to clean up if the process ends before they are committed or aborted. */
const live = new Set<WholeFileWriter>();
/** Temporary files being written, so that no two outputs ever share one. */
const tempsInUse = new Set<string>();
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function onSignal(signal: NodeJS.Signals): void {
  const unfinished = [...live].filter((w) => w.replacesFile).map((w) => w.path);
  for (const writer of [...live]) writer.abort();
  stopWatching();
  process.stderr.write(`\ncallsim: stopped by ${signal}${unfinished.length === 0 ? '' : `; not written: ${unfinished.join(', ')}`}\n`);
  // End by the signal itself (its default action, now that no listener is left), as a program
  // stopped by Ctrl-C does: the shell reports 128 + its number and a calling script stops too.
  process.kill(process.pid, signal);
  process.exit(128 + (osConstants.signals[signal] ?? 0));
}

function onExit(): void {
  for (const writer of [...live]) writer.abort();
}

function watch(writer: WholeFileWriter): void {
  if (live.size === 0) {
    for (const signal of SIGNALS) process.on(signal, onSignal);
    process.on('exit', onExit);
  }
  live.add(writer);
}

function unwatch(writer: WholeFileWriter): void {
  if (live.delete(writer) && live.size === 0) stopWatching();
}

function stopWatching(): void {
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
  process.removeListener('exit', onExit);
}

/**
 * A file that readers see whole or not at all (see the top of this file for standard output and
 * files that are not regular files). Text can be written piece by piece, so a long CSV of calls
 * streams instead of being held.
 */
export class WholeFileWriter {
  /** Whether the text goes to standard output (`-`, or the file standard output already is). */
  readonly toStdout: boolean;
  /** Whether the file is replaced by a temporary one at `commit` (false for standard output and special files). */
  readonly replacesFile: boolean;
  private readonly target: string;
  private readonly temp: string | null = null;
  private fd: number | null = null;
  private open = true;

  /**
   * Opens the temporary file (or the special file). Throws an OutputFileError that says why in
   * words (a folder that does not exist, a folder given as the file, no permission), before
   * anything is written. *stdout* receives the text when the path is `-` or standard output.
   */
  constructor(
    readonly path: string,
    private readonly stdout: Output = process.stdout,
  ) {
    if (path.trim() === '') throw new OutputFileError(path, 'an empty file name (- writes to standard output)');
    const target = targetOf(path);
    this.toStdout = target.kind === 'stdout';
    this.replacesFile = target.kind === 'file';
    this.target = target.kind === 'stdout' ? '-' : target.path;
    if (target.kind === 'stdout') return;
    if (target.kind === 'file') {
      const temp = join(dirname(target.path), `.${basename(target.path)}.${process.pid}.tmp`);
      if (tempsInUse.has(temp)) throw new OutputFileError(path, 'another output of this command is already being written to that file');
      this.temp = temp;
    }
    try {
      // A special file is appended to: nothing it holds (a `2> log` behind /dev/stderr) is cut off.
      this.fd = openSync(this.temp ?? this.target, this.temp === null ? 'a' : 'w');
    } catch (error) {
      throw new OutputFileError(path, reasonFor(path, error, target.kind));
    }
    if (this.temp !== null) tempsInUse.add(this.temp);
    watch(this);
  }

  /** Appends *text*. Throws an OutputFileError naming the file (a full disk, a closed pipe, ...). */
  write(text: string): void {
    if (!this.open) return;
    if (this.toStdout) {
      this.stdout.write(text);
      return;
    }
    if (this.fd === null) return;
    const bytes = Buffer.from(text, 'utf8');
    try {
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done);
    } catch (error) {
      throw new OutputFileError(this.path, reasonFor(this.path, error, this.replacesFile ? 'file' : 'through'));
    }
  }

  /** Puts the file in place. Throws an OutputFileError; `abort` then removes the temporary file. */
  commit(): void {
    if (!this.open) return;
    try {
      if (this.fd !== null) {
        const fd = this.fd;
        this.fd = null;
        closeSync(fd);
      }
      if (this.temp !== null) renameSync(this.temp, this.target);
    } catch (error) {
      throw new OutputFileError(this.path, reasonFor(this.path, error, this.replacesFile ? 'file' : 'through'));
    }
    this.finish();
  }

  /** Drops what was written to a temporary file; the file at *path*, if any, is left as it was. Safe to call twice. */
  abort(): void {
    if (!this.open) return;
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // Already unusable; the temporary file is removed below all the same.
      }
      this.fd = null;
    }
    if (this.temp !== null) rmSync(this.temp, { force: true });
    this.finish();
  }

  private finish(): void {
    this.open = false;
    if (this.temp !== null) tempsInUse.delete(this.temp);
    unwatch(this);
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

/**
 * The file system's refusal in a voice admin's words: what is wrong with *path* and where. *kind*
 * says whether the path is a file callsim replaces (its folder matters) or one it writes through.
 */
export function reasonFor(path: string, error: unknown, kind: 'file' | 'through' = 'file'): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  const folder = dirname(path);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return `the folder ${folder} does not exist (create it first)`;
    case 'EACCES':
    case 'EPERM':
      return kind === 'file' ? `no permission to write in the folder ${folder}` : 'no permission to write to it';
    case 'EROFS':
      return `the folder ${folder} is on a read-only file system`;
    case 'EISDIR':
      return `it is a folder; give a file name, such as ${join(path, 'out')}`;
    case 'ENOSPC':
      return 'no space left on the device (ENOSPC)';
    case 'EDQUOT':
      return 'the disk quota is used up (EDQUOT)';
    case 'EFBIG':
      return 'the file is larger than the file system allows (EFBIG)';
    case 'EPIPE':
      return 'the program reading it has closed it (EPIPE)';
    case 'ENXIO':
      return 'nothing is reading from it (ENXIO)';
    case 'ELOOP':
      return 'it is a loop of symbolic links (ELOOP)';
    case 'ENAMETOOLONG':
      return 'the name is too long (ENAMETOOLONG)';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Writes *text* to *path* whole or not at all. Throws an OutputFileError, leaving no temporary file. */
export function writeFileWhole(path: string, text: string, stdout?: Output): void {
  const file = new WholeFileWriter(path, stdout);
  try {
    file.write(text);
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
}
