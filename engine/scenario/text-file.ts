/**
 * Text files as editors save them: UTF-8 with or without a byte order mark, or UTF-16 with one
 * (Windows PowerShell 5.1 writes `Out-File` and `>` as UTF-16LE). Anything else is refused with
 * a reason, rather than read as garbage and reported as a puzzling syntax error.
 */

export type DecodedText = { ok: true; text: string } | { ok: false; reason: string };

const SAVE_AS_UTF8 = 'save it as UTF-8 text';

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.includes(0)) return { ok: false, reason: `it is not a text file (it holds NUL bytes: binary, or UTF-16 without a byte order mark); ${SAVE_AS_UTF8}` };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    return { ok: false, reason: `it is not valid UTF-8 (perhaps Windows-1252 or Latin-1); ${SAVE_AS_UTF8}` };
  }
}

/** Why a file could not be read, in words: a missing file, a folder, no permission. */
export function readFailure(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'no permission to read it';
  return error instanceof Error ? error.message : String(error);
}
