/**
 * What every tenant operation returns: either the change it made (with transcript lines), or
 * the refusal that left the tenant untouched.
 */
import type { BindingErrorCode, Refusal } from '../cmdlet.js';
import type { RuleId } from '../rules.js';

export type OpResult<T = undefined> =
  | { ok: true; value: T; changes: string[]; warnings: string[] }
  | { ok: false; refusal: Refusal };

export type Refused = { ok: false; refusal: Refusal };

/** A refusal whose message starts with its code, as docs/rules.md requires. */
export function refusal(code: RuleId | BindingErrorCode, text: string): Refusal {
  return { code, message: `${code}: ${text}` };
}

export function refuse(code: RuleId | BindingErrorCode, text: string): Refused {
  return { ok: false, refusal: refusal(code, text) };
}

export function succeed<T>(value: T, changes: string[], warnings: string[] = []): OpResult<T> {
  return { ok: true, value, changes, warnings };
}

export function succeedEmpty(changes: string[], warnings: string[] = []): OpResult {
  return { ok: true, value: undefined, changes, warnings };
}
