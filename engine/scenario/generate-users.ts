/**
 * Generated users: `{ generate: 500, width: 3, template: {...} }` in `tenant.users` stands for
 * 500 users made from the template, `{n}` replaced by 001..500.
 */
import type { GeneratedUsersEntry, UserEntry } from './schema.js';
import type { Path } from './source.js';

/** Fields in which `{n}` is replaced. */
const TEMPLATED = ['upn', 'displayName', 'givenName', 'surname', 'extension'] as const;

export interface ExpandedUser {
  user: UserEntry;
  /** Where to report problems: the user entry, or the template of a generated one. */
  path: Path;
  /** 1-based index within a generated entry; undefined for a declared user. */
  n: number | undefined;
}

export function expandUsers(entries: readonly (UserEntry | GeneratedUsersEntry)[], base: Path): ExpandedUser[] {
  const out: ExpandedUser[] = [];
  entries.forEach((entry, i) => {
    if (!('generate' in entry)) {
      out.push({ user: entry, path: [...base, i], n: undefined });
      return;
    }
    for (let n = 1; n <= entry.generate; n++) {
      const text = String(n).padStart(entry.width, '0');
      const user: UserEntry = { ...entry.template };
      for (const field of TEMPLATED) {
        const value = user[field];
        if (value !== undefined) user[field] = value.replaceAll('{n}', text);
      }
      out.push({ user, path: [...base, i, 'template'], n });
    }
  });
  return out;
}
