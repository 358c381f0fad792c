/**
 * The cmdlet registry: `invokeCmdlet` binds an invocation to one of the specs and runs it;
 * `cmdletCatalogue` lists them for tab completion.
 */
import type { CmdletInvocation, CmdletResult } from '../cmdlet.js';
import type { Tenant } from '../model.js';
import { autoAttendantCmdlets } from './auto-attendants.js';
import { allParameters, bind, editDistance } from './binding.js';
import { callQueueCmdlets } from './call-queues.js';
import { directoryCmdlets } from './directory.js';
import { networkCmdlets } from './network.js';
import { networkEditCmdlets } from './network-edit.js';
import { phoneNumberCmdlets } from './phone-numbers.js';
import { fail } from './result.js';
import { sharedCallingCmdlets } from './shared-calling.js';
import { simulatorCmdlets } from './simulator.js';
import type { CmdletSpec } from './spec.js';
import { voicePolicyCmdlets } from './voice-policies.js';

const CMDLETS: readonly CmdletSpec[] = [
  ...sharedCallingCmdlets,
  ...phoneNumberCmdlets,
  ...directoryCmdlets,
  ...voicePolicyCmdlets,
  ...autoAttendantCmdlets,
  ...networkCmdlets,
  ...networkEditCmdlets,
  ...simulatorCmdlets,
  ...callQueueCmdlets,
];

const BY_NAME = new Map(CMDLETS.map((c) => [c.name.toLowerCase(), c]));

/** The known cmdlet nearest to *name*, if it is close enough to be a typo. */
export function suggestCmdlet(name: string): string | undefined {
  const key = name.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const c of CMDLETS) {
    const distance = editDistance(key, c.name.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name: c.name, distance };
  }
  return best !== undefined && best.distance <= Math.max(2, Math.floor(key.length / 5)) ? best.name : undefined;
}

/**
 * Runs one cmdlet on *tenant*. A refusal leaves the tenant unchanged; `-WhatIf` runs on a copy
 * and reports what would change.
 */
export function invokeCmdlet(tenant: Tenant, inv: CmdletInvocation): CmdletResult {
  const spec = BY_NAME.get(inv.name.trim().toLowerCase());
  if (spec === undefined) {
    const suggestion = suggestCmdlet(inv.name);
    const result = fail('UnknownCmdlet', `${inv.name} is not a cmdlet callsim knows${suggestion === undefined ? '' : `; did you mean ${suggestion}?`}`);
    if (!result.ok && suggestion !== undefined) result.refusal.suggestion = suggestion;
    return result;
  }
  const bound = bind(spec, inv);
  if (!bound.ok) return bound;
  if (bound.args.switch('WhatIf')) {
    const result = spec.run(structuredClone(tenant), bound.args);
    if (!result.ok) return result;
    // The copy's events are not the tenant's: nothing changed.
    return { ok: true, output: [], changes: result.changes.map((c) => `What if: ${c}`), events: [], warnings: result.warnings };
  }
  return spec.run(tenant, bound.args);
}

export interface CatalogueEntry {
  name: string;
  synopsis: string;
  parameters: { name: string; aliases: string[]; type: string }[];
}

export function cmdletCatalogue(): CatalogueEntry[] {
  return CMDLETS.map((c) => ({
    name: c.name,
    synopsis: c.synopsis,
    parameters: allParameters(c).map((p) => ({ name: p.name, aliases: [...(p.aliases ?? [])], type: p.type })),
  }));
}
