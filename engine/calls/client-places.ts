/**
 * Where an emergency caller's client is (issue 11): the workload's `clients` places, each a share
 * of the calls of the users it names, and the choice of one for a call. A user named by UPN takes
 * only the places that name them; else the places of their groups; else the places that name
 * nobody. A user no place fits keeps the fixed `clientLocation` of the tenant.
 */
import { placesFor, type ClientPlaceSpec, type User } from '../tenant/index.js';
import type { RandomStream } from '../runtime/index.js';
import { weightedChoice, type WeightedValue } from '../workload/index.js';

export type ClientPlaceKind = 'office' | 'home' | 'vpn' | 'roaming';

export interface ClientPlace extends ClientPlaceSpec {
  kind: ClientPlaceKind;
}

/** Chooses a place for each call of a user, from one named stream; tables are kept per user. */
export class ClientPlacement {
  private readonly tables = new Map<string, WeightedValue<ClientPlace>[]>();

  constructor(
    private readonly places: readonly ClientPlace[],
    private readonly stream: RandomStream,
  ) {}

  /** One draw per call, whether or not a place fits, so one user's table moves no one else's place. */
  place(user: User): ClientPlace | undefined {
    const u = this.stream.next();
    let table = this.tables.get(user.objectId);
    if (table === undefined) {
      table = placesFor(user, this.places);
      this.tables.set(user.objectId, table);
    }
    if (table.length === 0) return undefined;
    return weightedChoice(table, { next: () => u });
  }
}
