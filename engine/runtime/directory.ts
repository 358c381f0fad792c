/**
 * The directory one auto attendant searches for dial by name and dial by extension
 * (facts.md section 3, "Directory search"): users in the address list, narrowed by the
 * attendant's dial scope. INB012 (too many names) and INB013 (outside dial scope).
 */
import type { AutoAttendant, DialScope, Tenant, User } from '../tenant/index.js';

/** More matches than this after dial scope and the search fails (INB012). */
export const MAX_DIAL_BY_NAME_MATCHES = 5;

/**
 * Result of a dial-by-name search. `found`: 1 to 5 users in scope, in tenant order; the caller
 * picks one of them (with one match it is that user). `tooMany`: more than 5 in scope (INB012).
 * `notFound`: nobody in scope; `outOfScope` says whether the name is in the directory but the
 * dial scope hides it (INB013).
 */
export type NameSearchResult =
  | { outcome: 'found'; users: User[]; matchesInDirectory: number; matchesInScope: number }
  | { outcome: 'tooMany'; rule: 'INB012'; matchesInDirectory: number; matchesInScope: number }
  | {
      outcome: 'notFound';
      outOfScope: boolean;
      rule: 'INB013' | null;
      matchesInDirectory: number;
      matchesInScope: 0;
    };

/** Result of a dial-by-extension search (full extension only). */
export type ExtensionSearchResult =
  | { outcome: 'found'; user: User }
  | { outcome: 'outOfScope'; rule: 'INB013'; user: User }
  | { outcome: 'notFound' };

interface NameKey {
  key: string;
  /** Index into the directory's users. */
  user: number;
}

/** Lower case, trimmed, runs of blanks made one space: how callers' input and names compare. */
function normaliseName(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

function compareKeys(a: NameKey, b: NameKey): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : a.user - b.user;
}

/** First index whose key is >= *prefix* (keys are sorted). */
function lowerBound(keys: readonly NameKey[], prefix: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid]?.key ?? '') < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether *user* is reachable under *scope*: in an included group (or all), and in no excluded one. */
export function inDialScope(scope: DialScope, user: User): boolean {
  if (user.groups.some((g) => scope.excludeGroups.includes(g))) return false;
  return scope.includeGroups === null || user.groups.some((g) => scope.includeGroups?.includes(g) ?? false);
}

export class Directory {
  /** The auto attendant this directory belongs to. */
  readonly autoAttendantId: string;
  /** Users in the address list (not hidden), in tenant order. */
  private readonly users: User[];
  private readonly inScope: boolean[];
  /** Every name form of every user ("given", "surname", "given surname", "surname given"), sorted. */
  private readonly nameKeys: NameKey[];
  private readonly byExtension = new Map<string, number>();

  /**
   * The directory of *aa* over *tenant*'s users. Cheap enough to rebuild whenever a timeline
   * cmdlet changes the tenant: one pass over the users and one sort.
   */
  constructor(tenant: Tenant, aa: AutoAttendant) {
    this.autoAttendantId = aa.id;
    // The Exchange address list comes first: hidden users are not in the directory at all.
    this.users = tenant.users.filter((u) => !u.hiddenFromAddressLists);
    this.inScope = this.users.map((u) => inDialScope(aa.dialScope, u));
    this.nameKeys = [];
    this.users.forEach((u, i) => {
      const given = normaliseName(u.givenName);
      const surname = normaliseName(u.surname);
      const forms = new Set([given, surname, `${given} ${surname}`.trim(), `${surname} ${given}`.trim()]);
      for (const key of forms) if (key !== '') this.nameKeys.push({ key, user: i });
      const ext = u.extension?.trim();
      // With a duplicated extension the first user in tenant order answers to it.
      if (ext !== undefined && ext !== '' && !this.byExtension.has(ext)) this.byExtension.set(ext, i);
    });
    this.nameKeys.sort(compareKeys);
  }

  /**
   * Dial by name: *query* matches a given name, a surname, "given surname" or "surname given",
   * fully or as a prefix, ignoring case. An empty query matches nobody.
   */
  searchByName(query: string): NameSearchResult {
    const prefix = normaliseName(query);
    const matched = new Set<number>();
    if (prefix !== '') {
      for (let i = lowerBound(this.nameKeys, prefix); i < this.nameKeys.length; i++) {
        const entry = this.nameKeys[i];
        if (entry === undefined || !entry.key.startsWith(prefix)) break;
        matched.add(entry.user);
      }
    }
    const ordered = [...matched].sort((a, b) => a - b);
    const scoped = ordered.filter((i) => this.inScope[i] === true);
    const matchesInDirectory = ordered.length;
    const matchesInScope = scoped.length;
    if (matchesInScope === 0) {
      const outOfScope = matchesInDirectory > 0;
      return { outcome: 'notFound', outOfScope, rule: outOfScope ? 'INB013' : null, matchesInDirectory, matchesInScope: 0 };
    }
    if (matchesInScope > MAX_DIAL_BY_NAME_MATCHES) {
      return { outcome: 'tooMany', rule: 'INB012', matchesInDirectory, matchesInScope };
    }
    const users = scoped.map((i) => this.users[i]).filter((u): u is User => u !== undefined);
    return { outcome: 'found', users, matchesInDirectory, matchesInScope };
  }

  /**
   * Dial by extension: the full extension from the user's directory phone attribute (never a
   * Teams number, which the auto attendant does not use). Surrounding blanks are ignored.
   */
  searchByExtension(extension: string): ExtensionSearchResult {
    const index = this.byExtension.get(extension.trim());
    const user = index === undefined ? undefined : this.users[index];
    if (index === undefined || user === undefined) return { outcome: 'notFound' };
    return this.inScope[index] === true ? { outcome: 'found', user } : { outcome: 'outOfScope', rule: 'INB013', user };
  }
}
