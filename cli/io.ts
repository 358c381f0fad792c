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

/** Exit codes (DESIGN.md principle 6): 0 fine, 1 checks failed, 2 unusable input or usage. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNUSABLE = 2;
export type ExitCode = typeof EXIT_OK | typeof EXIT_FINDINGS | typeof EXIT_UNUSABLE;
