/**
 * The callback pools of a tenant: one per Shared Calling policy, over its emergency numbers in
 * list order. Kept in step with the tenant when a timeline cmdlet changes the policies.
 */
import {
  type E164,
  policyKey,
  type Tenant,
} from '../tenant/index.js';
import { CallbackPool, type CallbackPoolObserver, type CallbackPoolSettings } from './callback-pool.js';

export class CallbackPools {
  private readonly settings: Partial<CallbackPoolSettings>;
  private readonly observer: Partial<CallbackPoolObserver>;
  /** By policy key (lower case, no `Tag:`), as lookup.ts compares policy names. */
  private readonly pools = new Map<string, CallbackPool>();
  /** Which pool each emergency number belongs to, for callbacks (CBK001, CBK002). */
  private readonly byNumber = new Map<E164, CallbackPool>();

  constructor(tenant: Tenant, settings: Partial<CallbackPoolSettings> = {}, observer: Partial<CallbackPoolObserver> = {}) {
    this.settings = settings;
    this.observer = observer;
    for (const policy of tenant.sharedCallingPolicies) {
      this.pools.set(policyKey(policy.identity), new CallbackPool(policy.identity, policy.emergencyNumbers, settings, observer));
    }
    this.index();
  }

  /** The pool of the policy named *policyName* (any case, `Tag:` allowed), or undefined. */
  pool(policyName: string): CallbackPool | undefined {
    return this.pools.get(policyKey(policyName));
  }

  /** The pool that holds *number* as an emergency callback number, or undefined. */
  poolOf(number: E164): CallbackPool | undefined {
    return this.byNumber.get(number);
  }

  /** Every pool, in the tenant's policy order at the last (re)configuration. */
  all(): CallbackPool[] {
    return [...this.pools.values()];
  }

  /** Close every pool's reserved-count series at *now* (end of a run). */
  expire(now: number): void {
    for (const pool of this.pools.values()) pool.expire(now);
  }

  /**
   * Follow the tenant after a timeline cmdlet: a pool whose list changed is reconfigured (a
   * removed number's reservation ends at *now*); a new policy gets an empty-handed pool; a
   * removed policy's pool ends all its reservations at *now* and is dropped.
   */
  reconfigure(now: number, tenant: Tenant): void {
    const seen = new Set<string>();
    for (const policy of tenant.sharedCallingPolicies) {
      const key = policyKey(policy.identity);
      seen.add(key);
      const pool = this.pools.get(key);
      if (pool === undefined) {
        this.pools.set(key, new CallbackPool(policy.identity, policy.emergencyNumbers, this.settings, this.observer));
      } else if (!sameList(pool.numbers, policy.emergencyNumbers)) {
        pool.reconfigure(now, policy.emergencyNumbers);
      }
    }
    for (const [key, pool] of [...this.pools]) {
      if (seen.has(key)) continue;
      pool.reconfigure(now, []);
      this.pools.delete(key);
    }
    this.index();
  }

  private index(): void {
    this.byNumber.clear();
    for (const pool of this.pools.values()) for (const number of pool.numbers) this.byNumber.set(number, pool);
  }
}

function sameList(a: readonly E164[], b: readonly E164[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}
