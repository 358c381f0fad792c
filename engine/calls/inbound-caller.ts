/**
 * What an inbound caller does at the auto attendant's menu: the intent drawn from the workload's
 * behaviour weights, turned into the script of inputs the inbound machine plays, with the
 * directory's answers to a search attached.
 */
import type { CallerInput } from '../machines/index.js';
import type { Directory } from '../runtime/index.js';
import type { User } from '../tenant/index.js';
import type { Intent } from './services.js';
import { CALLER_TIMING_MS } from './timing.js';

/**
 * What an inbound caller does at the menu, with the directory's answers attached. An invalid
 * caller presses a key the menu does not map, as often as the attendant lets them; a caller with
 * no intent to type makes no input.
 */
export function callerScript(
  intent: Intent,
  intended: User | undefined,
  keys: Set<string>,
  directory: Directory,
  maxAttempts: number,
): CallerInput[] {
  const afterMs = CALLER_TIMING_MS.keyPress;
  switch (intent.kind) {
    case 'key':
      return [{ kind: 'key', key: intent.key, afterMs }];
    case 'noInput':
      return [];
    case 'invalidInput': {
      const unmapped = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'].find((k) => !keys.has(k));
      return unmapped === undefined ? [] : Array.from({ length: maxAttempts }, () => ({ kind: 'key' as const, key: unmapped, afterMs }));
    }
    case 'dialByName': {
      if (intended === undefined) return [];
      const result = directory.searchByName(intended.surname);
      if (result.outcome === 'found') {
        // Another user of the same name is not who the caller wants: without the intended user
        // among the matches (outside the dial scope, or hidden), the search finds nobody (INB013).
        const pick = result.users.find((u) => u.objectId === intended.objectId);
        return [{ kind: 'dialByName', afterMs, directory: { matchesAfterDialScope: result.matchesInScope, target: pick?.objectId ?? null } }];
      }
      return [{ kind: 'dialByName', afterMs, directory: { matchesAfterDialScope: result.matchesInScope, target: null } }];
    }
    case 'dialByExtension': {
      if (intended === undefined) return [];
      // A user with no directory extension cannot be dialled by one (USR009): the caller's guess fails.
      const result = intended.extension === null ? { outcome: 'notFound' as const } : directory.searchByExtension(intended.extension);
      switch (result.outcome) {
        case 'found':
          return [{ kind: 'dialByExtension', afterMs, directory: { found: true, inScope: true, target: result.user.objectId } }];
        case 'outOfScope':
          return [{ kind: 'dialByExtension', afterMs, directory: { found: true, inScope: false, target: result.user.objectId } }];
        case 'notFound':
          return [{ kind: 'dialByExtension', afterMs, directory: { found: false, inScope: false, target: null } }];
      }
    }
  }
}
