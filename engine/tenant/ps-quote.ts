/**
 * Values written into the cmdlet lines that refusals and `validate`'s fixes suggest, so that a
 * line pastes into PowerShell (and `callsim shell`) as it reads.
 */

/**
 * A value PowerShell reads as this text when it stands bare as an argument: letters, digits and
 * `+ . _ : / @ -`, not starting with `-` (a parameter name) or `@` (an array, hashtable or
 * splat). Everything else, such as `;` (a statement separator, as in `+14255550100;ext=101`),
 * spaces, quotes, `$`, `#`, commas, brackets and `<>`, needs quotes.
 */
const BARE_ARGUMENT = /^[A-Za-z0-9+._:/][A-Za-z0-9+._:/@-]*$/;

/**
 * *value* as a PowerShell argument: bare when PowerShell reads it as written, else in single
 * quotes (which expand nothing), with each `'` doubled as PowerShell escapes it.
 */
export function psQuote(value: string): string {
  if (BARE_ARGUMENT.test(value)) return value;
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}
