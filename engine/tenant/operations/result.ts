/**
 * What every tenant operation returns: either the change it made (transcript lines for people,
 * typed change events for the runtime, see changes.ts), or the refusal that left the tenant
 * untouched.
 */
import type { TenantChange } from '../changes.js';
import type { BindingErrorCode, Refusal } from '../cmdlet.js';
import type { RuleId } from '../rules.js';

export type OpResult<T = undefined> =
  | {
      ok: true;
      value: T;
      changes: string[];
      /** What the operation changed, in order; empty when it left the tenant as it was. */
      events: TenantChange[];
      warnings: string[];
    }
  | { ok: false; refusal: Refusal };

export type Refused = { ok: false; refusal: Refusal };

/** A refusal whose message starts with its code, as docs/rules.md requires. */
export function refusal(code: RuleId | BindingErrorCode, text: string): Refusal {
  return { code, message: `${code}: ${text}` };
}

export function refuse(code: RuleId | BindingErrorCode, text: string): Refused {
  return { ok: false, refusal: refusal(code, text) };
}

/** Success with its transcript lines and its change events (none when nothing changed). */
export function succeed<T>(value: T, changes: string[], events: TenantChange[], warnings: string[] = []): OpResult<T> {
  return { ok: true, value, changes, events, warnings };
}

export function succeedEmpty(changes: string[], events: TenantChange[], warnings: string[] = []): OpResult {
  return { ok: true, value: undefined, changes, events, warnings };
}
