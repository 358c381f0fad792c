/**
 * The contract between the tenant's cmdlets and everything that calls them: scenario
 * declarations, timeline entries and the PowerShell interpreter all go through `invokeCmdlet`
 * (engine/tenant/cmdlets/), so one binder decides what a parameter means everywhere.
 */
import type { TenantChange } from './changes.js';
import type { RuleId } from './rules.js';

/** A value as a script or a scenario passes it to a cmdlet parameter. */
export type CmdletValue = string | number | boolean | null | CmdletValue[] | Hashtable | CmdletObject;

/** `@{add=...; remove=...}`: keys are kept lower case, since PowerShell compares them that way. */
export interface Hashtable {
  kind: 'hashtable';
  entries: Record<string, CmdletValue>;
}

/** An object a Get-/New- cmdlet returned (a user, a number assignment, an emergency number). */
export interface CmdletObject {
  kind: 'object';
  /** E.g. "OnlineUser", "PhoneNumberAssignment", "TeamsEmergencyNumber". */
  typeName: string;
  /** Property names as the cmdlet reference spells them (Identity, TelephoneNumber, ...). */
  properties: Record<string, CmdletValue>;
  /** What the object becomes when it is bound to a [string] parameter (e.g. -Identity $user). */
  text: string;
}

export interface CmdletInvocation {
  /** Cmdlet name, any case (Set-CsTeamsSharedCallingRoutingPolicy). */
  name: string;
  /** Named parameters without the dash, any case; aliases allowed (PhoneNumber = TelephoneNumber). */
  named: Record<string, CmdletValue>;
  /** Positional arguments in order. */
  positional: CmdletValue[];
  /** One object from the pipeline (`Get-X | Remove-X` calls Remove once per object). */
  pipelineInput?: CmdletValue;
}

/** Codes for invocations that never reach the operation (PowerShell's parameter binding errors). */
export type BindingErrorCode =
  | 'UnknownCmdlet'
  | 'UnknownParameter'
  | 'MissingParameter'
  | 'InvalidParameterValue'
  | 'AmbiguousParameterSet';

export interface Refusal {
  /** The RULES.md ID for a refused operation, or a binding error code. */
  code: RuleId | BindingErrorCode;
  /** One sentence that starts with the code, e.g. "SC002: resource account ... has no phone number." */
  message: string;
  /** For UnknownCmdlet: the nearest known cmdlet name, if any is close. */
  suggestion?: string;
}

export type CmdletResult =
  | {
      ok: true;
      /** Objects written to the pipeline (Get- results, New-CsTeamsEmergencyNumber's object). */
      output: CmdletValue[];
      /** What the cmdlet changed, one line each, for transcripts ("Seattle: added +14255556789"). */
      changes: string[];
      /**
       * What the cmdlet changed, as typed events in the order it made them (changes.ts): empty
       * for Get- cmdlets, -WhatIf, and a cmdlet that left the tenant as it was.
       */
      events: TenantChange[];
      /** Non-fatal warnings PowerShell would print (WARNING: ...). */
      warnings: string[];
    }
  | { ok: false; refusal: Refusal };
