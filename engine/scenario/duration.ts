/**
 * Durations as scenario files write them: `90s`, `5m`, `1h`, `14d`, `2w`, or a sum of parts from
 * the largest unit down (`1h30m`, `2d12h`). Simulated time is kept in milliseconds.
 */

/** The expected format, for error messages and the JSON Schema description. */
export const DURATION_FORMAT = 'a duration such as 90s, 5m, 1h30m, 14d or 2w (units w, d, h, m, s; largest first)';

/** `0`, or one or more of w, d, h, m, s in that order. Also the pattern of the JSON Schema. */
export const DURATION_PATTERN = /^(?:0|(?=\d)(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?)$/;

const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1_000] as const;

/** Milliseconds of a duration, or undefined when the text is not one (`0` alone means zero). */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text);
  if (match === null) return undefined;
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const part = match[i + 1];
    if (part !== undefined) ms += Number(part) * (UNIT_MS[i] ?? 0);
  }
  return ms;
}

/**
 * Why *text* is not a duration, in a sentence that says what to write instead, or undefined when
 * no common mistake explains it (the format alone is then the answer).
 */
export function durationHint(text: string): string | undefined {
  const t = text.trim();
  if (t.startsWith('-')) return 'a duration cannot be negative';
  if (/^\d+(\.\d+)?$/.test(t)) return `a bare number has no unit: write ${t}s or ${t}m`;
  if (/\d\.\d/.test(t)) return 'use whole numbers of each unit: 1h30m rather than 1.5h';
  if (/\d\s*(y|yr|yrs|years?)$/i.test(t)) return 'years are not a unit: write weeks, e.g. 52w for a year';
  if (/\d\s*ms$/i.test(t)) return 'milliseconds are not a unit: the smallest is s';
  if (/\s/.test(t)) return 'no spaces: write 1h30m';
  if (/[WDHMS]/.test(t)) return 'units are lower case: w, d, h, m, s';
  if (/^(\d+[wdhms])+$/.test(t)) return 'each unit once, largest first: 1h30m rather than 30m1h';
  return undefined;
}
