/**
 * People named by UPN wherever a person reads a call (traces, the `--calls` CSV): the machines and
 * records keep ObjectIds, which are what the tenant's objects are keyed by; this turns them into
 * the UPNs an administrator knows, at the point of display.
 */
import type { Tenant } from '../tenant/index.js';

/** Turns the objectId of a user or resource account of *tenant* into its UPN; other strings pass. */
export function readableName(tenant: Tenant): (id: string) => string {
  let names: Map<string, string> | undefined;
  return (id) => {
    names ??= new Map([...tenant.users, ...tenant.resourceAccounts].map((o) => [o.objectId, o.userPrincipalName]));
    return names.get(id) ?? id;
  };
}

/** A GUID, the shape of every ObjectId (engine/scenario/object-id.ts, and Entra's own). */
const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/** *text* with every ObjectId in it replaced by *name*'s answer, e.g. a reason naming who was rung. */
export function withNames(text: string, name: (id: string) => string): string {
  return text.replace(GUID, (id) => name(id));
}

/** *value* (a record's details) with every string that is an ObjectId replaced by *name*'s answer, at any depth. */
export function namedValue(value: unknown, name: (id: string) => string): unknown {
  if (typeof value === 'string') return withNames(value, name);
  if (Array.isArray(value)) return value.map((v) => namedValue(v, name));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, namedValue(v, name)]));
}
