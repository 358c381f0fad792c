/**
 * Replays a script onto a simulated tenant through the tenant's own cmdlets, so a script is
 * refused exactly where Teams refuses it (RULES.md section 1).
 */
import { cmdletCatalogue, invokeCmdlet } from '../tenant/index.js';
import type { CmdletValue, Tenant, TenantChange } from '../tenant/index.js';
import type { RunOptions, SwitchLookup, ValueLookup } from './interpreter.js';
import { runScript } from './run.js';
import type { Transcript } from './transcript.js';

let switches: Map<string, Set<string>> | undefined;

/** Switch parameters (and their aliases) of every cmdlet the tenant knows, by lower-case name. */
function catalogueSwitches(): Map<string, Set<string>> {
  if (switches) return switches;
  switches = new Map();
  for (const entry of cmdletCatalogue()) {
    const names = entry.parameters.filter((p) => p.type === 'switch').flatMap((p) => [p.name, ...p.aliases]);
    switches.set(entry.name.toLowerCase(), new Set(names.map((n) => n.toLowerCase())));
  }
  return switches;
}

let valueParameters: Map<string, { switches: string[]; values: string[] }> | undefined;

/** Every parameter name and alias of every cmdlet, split into switches and the rest. */
function catalogueParameters(): Map<string, { switches: string[]; values: string[] }> {
  if (valueParameters) return valueParameters;
  valueParameters = new Map();
  for (const entry of cmdletCatalogue()) {
    const names = (switch_: boolean) =>
      entry.parameters.filter((p) => (p.type === 'switch') === switch_).flatMap((p) => [p.name, ...p.aliases].map((n) => n.toLowerCase()));
    valueParameters.set(entry.name.toLowerCase(), { switches: names(true), values: names(false) });
  }
  return valueParameters;
}

/**
 * A known parameter that needs a value: its full name or alias, or a prefix that only such
 * parameters start with (PowerShell accepts unambiguous prefixes).
 */
export const tenantTakesValue: ValueLookup = (cmdlet, parameter) => {
  const entry = catalogueParameters().get(cmdlet.toLowerCase());
  if (entry === undefined) return false;
  const name = parameter.toLowerCase();
  if (entry.values.includes(name)) return true;
  if (entry.switches.includes(name)) return false;
  const matches = entry.values.filter((v) => v.startsWith(name));
  return matches.length > 0 && !entry.switches.some((s) => s.startsWith(name));
};

/** An unknown cmdlet has no switches: its call is refused anyway (UnknownCmdlet). */
export const tenantIsSwitch: SwitchLookup = (cmdlet, parameter) =>
  catalogueSwitches().get(cmdlet.toLowerCase())?.has(parameter.toLowerCase()) ?? false;

/** A script's transcript with what its cmdlets changed in the tenant. */
export interface TenantTranscript extends Transcript {
  /**
   * The change events of every cmdlet the script ran, in the order they ran (refused cmdlets and
   * Get- cmdlets add none): what a runtime following the tenant must take in.
   */
  changes: TenantChange[];
}

/**
 * Run *source* against *tenant*, which the cmdlets change in place (a refusal leaves it unchanged).
 * *variables* carries `$x` values from one run to the next (see RunOptions.variables).
 */
export function runScriptOnTenant(tenant: Tenant, source: string, fileName: string, variables?: Map<string, CmdletValue>): TenantTranscript {
  const changes: TenantChange[] = [];
  const options: RunOptions = {
    fileName,
    invoke: (invocation) => {
      const result = invokeCmdlet(tenant, invocation);
      if (result.ok) changes.push(...result.events);
      return result;
    },
    isSwitch: tenantIsSwitch,
    takesValue: tenantTakesValue,
  };
  if (variables !== undefined) options.variables = variables;
  return { ...runScript(source, options), changes };
}
