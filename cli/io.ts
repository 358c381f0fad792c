/** Where a command writes: the process's streams in the bin, strings in tests. */
export interface Output {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: Output;
  stderr: Output;
  /** Whether stderr is a terminal (progress bars are drawn only there). */
  stderrIsTty?: boolean;
}

/**
 * Exit codes (DESIGN.md principle 6): 0 fine, 1 checks failed, 2 unusable input or usage,
 * 70 a bug of callsim's own (EX_SOFTWARE of sysexits.h). A run stopped by Ctrl-C (SIGINT) or
 * SIGTERM removes its unfinished output files and ends by that signal, which the shell reports
 * as 130 or 143 (128 + the signal's number): see write-whole.ts.
 */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNUSABLE = 2;
export const EXIT_INTERNAL = 70;
export type ExitCode = typeof EXIT_OK | typeof EXIT_FINDINGS | typeof EXIT_UNUSABLE;
