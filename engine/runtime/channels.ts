/**
 * The concurrent call channels of each resource account: every outbound call a Shared Calling user
 * places and every inbound call the attendant answers holds one channel of the resource account
 * from connection to hang-up. The cap itself (OUT007, INB020) is a machine guard; this resource
 * only counts, so the machines are told how many are in use when a call starts.
 */

/** Hooks for metrics (like the callback pool's): the level of one resource account at each change. */
export interface ChannelsObserver {
  onChannelsInUse(now: number, resourceAccountId: string, inUse: number): void;
}

export class Channels {
  private readonly inUseBy = new Map<string, number>();

  constructor(private readonly observer: Partial<ChannelsObserver> = {}) {}

  /** Channels of *resourceAccountId* held now. */
  inUse(resourceAccountId: string): number {
    return this.inUseBy.get(resourceAccountId) ?? 0;
  }

  /** A call connected on *resourceAccountId*; returns the channels now in use. */
  seize(now: number, resourceAccountId: string): number {
    return this.set(now, resourceAccountId, this.inUse(resourceAccountId) + 1);
  }

  /**
   * A call on *resourceAccountId* hung up; returns the channels now in use. Raise RangeError if
   * none is held: a release without its seizure is a bug in a machine.
   */
  release(now: number, resourceAccountId: string): number {
    const held = this.inUse(resourceAccountId);
    if (held === 0) throw new RangeError(`release of a channel of ${resourceAccountId}, which holds none.`);
    return this.set(now, resourceAccountId, held - 1);
  }

  private set(now: number, resourceAccountId: string, level: number): number {
    this.inUseBy.set(resourceAccountId, level);
    this.observer.onChannelsInUse?.(now, resourceAccountId, level);
    return level;
  }
}
