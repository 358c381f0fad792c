/**
 * How a cmdlet is described to the binder: its parameters (names, aliases, types, positions,
 * parameter sets, pipeline binding) and a `run` that calls the typed operations.
 */
import type { CmdletResult, CmdletValue } from '../cmdlet.js';
import type { Tenant } from '../model.js';
import type { ListChange } from '../operations/list-modifier.js';

export type ParamType = 'string' | 'bool' | 'int' | 'number' | 'switch' | 'stringList' | 'listModifier' | 'object' | 'any';

export interface ParamSpec {
  name: string;
  aliases?: string[];
  type: ParamType;
  /** Zero-based position for positional arguments. */
  position?: number;
  /** true: mandatory in every set it belongs to; a list: mandatory only in those sets. */
  mandatory?: boolean | string[];
  /** Parameter sets this parameter belongs to; absent means all. */
  sets?: string[];
  /** Binds from a pipeline object's property of the same name (or alias), or from a piped value. */
  pipeline?: 'propertyName' | 'value';
  /** Whether `$null` is a meaningful value (-PolicyName $null). */
  nullable?: boolean;
}

/** Parameter values after binding and conversion, read by `run`. */
export interface BoundArgs {
  /** The parameter set the binder chose, if the cmdlet has several. */
  readonly set: string | undefined;
  has(name: string): boolean;
  /** A string parameter; null only for nullable parameters bound to $null. */
  string(name: string): string | null | undefined;
  bool(name: string): boolean | undefined;
  number(name: string): number | undefined;
  switch(name: string): boolean;
  list(name: string): string[] | undefined;
  modifier(name: string): ListChange<string> | undefined;
  objectModifier(name: string): ListChange<CmdletValue> | undefined;
  raw(name: string): CmdletValue | undefined;
}

export interface CmdletSpec {
  name: string;
  /** One line for help and the catalogue. */
  synopsis: string;
  parameters: ParamSpec[];
  /** Parameter set names in order; the first complete one wins when several fit. */
  sets?: string[];
  run(tenant: Tenant, args: BoundArgs): CmdletResult;
}
