/** Turning operation results into cmdlet results. */
import type { CmdletResult, CmdletValue } from '../cmdlet.js';
import type { OpResult } from '../operations/result.js';
import { refusal } from '../operations/result.js';
import type { BindingErrorCode } from '../cmdlet.js';
import type { BoundArgs } from './spec.js';

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

/**
 * Parameters Teams stores that change nothing callsim simulates (location-based routing, roaming
 * bandwidth, a site's address for people): the cmdlet succeeds, as in Teams, and says which of
 * them it took without simulating, so none is ignored silently.
 */
export function notSimulated(result: CmdletResult, args: BoundArgs, names: readonly string[], why: string): CmdletResult {
  if (!result.ok) return result;
  const taken = names.filter((name) => args.has(name));
  if (taken.length === 0) return result;
  const list = taken.map((name) => `-${name}`).join(', ');
  return { ...result, warnings: [...result.warnings, `${list} ${taken.length === 1 ? 'is' : 'are'} stored by Teams but not simulated here: ${why}`] };
}

/** Get- cmdlets' wildcard matching (`*`, `?`), case-insensitive. */
export function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}
