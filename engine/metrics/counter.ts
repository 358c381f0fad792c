/**
 * Counts by key (e.g. calls by outcome ID). Counts are plain sums, so the counters of
 * replications or shards merge exactly.
 */
export class Counter<K extends string = string> {
  private readonly counts = new Map<K, number>();

  /** Add *amount* (default 1) to *key*'s count. */
  add(key: K, amount = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + amount);
  }

  /** The count of *key*, 0 if never counted. */
  get(key: K): number {
    return this.counts.get(key) ?? 0;
  }

  /** The sum of every key's count. */
  get total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  /** Every counted key and its count, keys sorted so output does not depend on arrival order. */
  entries(): Array<[K, number]> {
    return [...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Add every count of *other* into this counter. */
  merge(other: Counter<K>): this {
    for (const [key, count] of other.counts) this.add(key, count);
    return this;
  }
}
