import type { CmdletInvocation, CmdletObject, CmdletResult, CmdletValue } from '../../engine/tenant/cmdlet.js';
import type { CmdletInvoker } from '../../engine/powershell/index.js';

export function ok(output: CmdletValue[] = [], changes: string[] = [], warnings: string[] = []): CmdletResult {
  return { ok: true, output, changes, events: [], warnings };
}

export function object(typeName: string, text: string, properties: Record<string, CmdletValue>): CmdletObject {
  return { kind: 'object', typeName, text, properties };
}

/**
 * An invoker that records every invocation and answers from *responses* by lower-case cmdlet
 * name (a function gets the invocation); unknown names answer ok with no output.
 */
export function recordingInvoker(
  responses: Record<string, CmdletResult | ((inv: CmdletInvocation) => CmdletResult)> = {},
): { invoke: CmdletInvoker; calls: CmdletInvocation[] } {
  const calls: CmdletInvocation[] = [];
  const invoke: CmdletInvoker = (inv) => {
    calls.push(inv);
    const response = responses[inv.name.toLowerCase()];
    if (response === undefined) return ok();
    return typeof response === 'function' ? response(inv) : response;
  };
  return { invoke, calls };
}
