/**
 * PowerShell in a scenario: `tenant.script` (a file run after the declarations) and timeline
 * `ps` lines, both replayed through the tenant's cmdlets by engine/powershell. Each error the
 * script prints becomes an issue with its code (a RULES.md ID, a binding error, ParseError).
 */
import { runScriptOnTenant } from '../powershell/index.js';
import type { Tenant } from '../tenant/index.js';

export interface ScriptError {
  code: string;
  /** The first line of PowerShell's error record: "Cmdlet : message". */
  message: string;
  line: number;
  column: number;
}

/** Runs *source* on *tenant* (changed in place, as the cmdlets do) and returns its errors. */
export function runScenarioScript(tenant: Tenant, source: string, fileName: string): ScriptError[] {
  const transcript = runScriptOnTenant(tenant, source, fileName);
  return transcript.entries
    .filter((e) => e.kind === 'error')
    .map((e) => ({ code: e.code ?? 'RuntimeError', message: e.text.split('\n')[0] ?? e.text, line: e.line, column: e.column }));
}
