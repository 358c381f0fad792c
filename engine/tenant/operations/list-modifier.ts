/**
 * PowerShell's PSListModifier (`@{add=...}`, `@{remove=...}`, `@{replace=...}`, or a plain list
 * that replaces), applied to a list with SC012's strictness: removing a missing item or adding
 * one already present (or twice) is refused.
 */
export interface ListChange<T> {
  add?: T[];
  remove?: T[];
  replace?: T[];
}

export type ListChangeResult<T> = { ok: true; list: T[] } | { ok: false; problem: string };

/** Replace first, then remove, then add, as PSListModifier does. */
export function applyListChange<T>(current: readonly T[], change: ListChange<T>, same: (a: T, b: T) => boolean, show: (x: T) => string): ListChangeResult<T> {
  let list = change.replace !== undefined ? [...change.replace] : [...current];
  for (const item of change.remove ?? []) {
    const at = list.findIndex((x) => same(x, item));
    if (at < 0) return { ok: false, problem: `cannot remove ${show(item)}: it is not in the list` };
    list = [...list.slice(0, at), ...list.slice(at + 1)];
  }
  for (const item of change.add ?? []) {
    if (list.some((x) => same(x, item))) return { ok: false, problem: `cannot add ${show(item)}: it is already in the list` };
    list.push(item);
  }
  for (let i = 0; i < list.length; i++) {
    const item = list[i] as T;
    if (list.findIndex((x) => same(x, item)) !== i) return { ok: false, problem: `${show(item)} is listed twice` };
  }
  return { ok: true, list };
}
