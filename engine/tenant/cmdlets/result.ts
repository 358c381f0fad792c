/** Turning operation results into cmdlet results. */
import type { CmdletResult, CmdletValue } from '../cmdlet.js';
import type { OpResult } from '../operations/result.js';
import { refusal } from '../operations/result.js';
import type { BindingErrorCode } from '../cmdlet.js';

export function fromOp<T>(result: OpResult<T>, output: (value: T) => CmdletValue[] = () => []): CmdletResult {
  if (!result.ok) return result;
  return { ok: true, output: output(result.value), changes: result.changes, events: result.events, warnings: result.warnings };
}

export function emit(output: CmdletValue[], warnings: string[] = []): CmdletResult {
  return { ok: true, output, changes: [], events: [], warnings };
}

export function fail(code: BindingErrorCode, text: string): CmdletResult {
  return { ok: false, refusal: refusal(code, text) };
}

/** Get- cmdlets' wildcard matching (`*`, `?`), case-insensitive. */
export function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}
