/**
 * The callback pools of a tenant: one per Shared Calling policy, over its emergency numbers in
 * list order. Kept in step with the tenant by its change events when a timeline cmdlet changes
 * the policies (`apply`, `applyAll`).
 */
import {
  type E164,
  policyKey,
  type Tenant,
  type TenantChange,
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
   * Follow one change of the tenant (already made, *tenant* is its state now). Listens to
   * sharedCallingPolicyCreated (the policy gets a pool, no reservations yet),
   * sharedCallingPolicyChanged with new emergency numbers (the pool takes the policy's list: a
   * removed number's reservation ends at *now*, kept ones stay) and sharedCallingPolicyRemoved
   * (the pool ends all its reservations at *now* and is dropped). Every other change leaves the
   * pools alone: only a Shared Calling policy's list decides a pool, and an emergency number
   * cannot be released or assigned while a policy holds it (NUM001).
   *
   * The pool is set from the policy as the tenant has it now, not from the event, so applying
   * the events of a whole timeline entry after the entry is the same as comparing the tenant
   * with the pools once (`reconfigure`): a number removed and added back by one script keeps its
   * reservation. Returns whether a pool was created, removed or given a new list (the run's
   * collector then watches the pools again).
   */
  apply(now: number, change: TenantChange, tenant: Tenant): boolean {
    return this.applyAll(now, [change], tenant);
  }

  /**
   * `apply` for the changes of one timeline entry. The pools they touch are brought in step in
   * the order `reconfigure` uses (the tenant's policy order, then removed pools in pool order),
   * so the reservations that end do so in the same order.
   */
  applyAll(now: number, changes: readonly TenantChange[], tenant: Tenant): boolean {
    const touched = new Set<string>();
    for (const change of changes) {
      if (
        change.type === 'sharedCallingPolicyCreated' ||
        change.type === 'sharedCallingPolicyRemoved' ||
        (change.type === 'sharedCallingPolicyChanged' && change.emergencyNumbers !== undefined)
      ) {
        touched.add(policyKey(change.identity));
      }
    }
    if (touched.size === 0) return false;
    let changed = false;
    const present = new Set<string>();
    for (const policy of tenant.sharedCallingPolicies) {
      const key = policyKey(policy.identity);
      present.add(key);
      if (touched.has(key)) changed = this.follow(now, key, policy.identity, policy.emergencyNumbers) || changed;
    }
    for (const [key, pool] of [...this.pools]) {
      if (!touched.has(key) || present.has(key)) continue;
      pool.reconfigure(now, []);
      this.pools.delete(key);
      changed = true;
    }
    if (changed) this.index();
    return changed;
  }

  /** A new pool for a new policy, or the policy's list for its pool if it differs. */
  private follow(now: number, key: string, identity: string, numbers: readonly E164[]): boolean {
    const pool = this.pools.get(key);
    if (pool === undefined) {
      this.pools.set(key, new CallbackPool(identity, numbers, this.settings, this.observer));
      return true;
    }
    if (sameList(pool.numbers, numbers)) return false;
    pool.reconfigure(now, numbers);
    return true;
  }

  /**
   * Follow the tenant by comparing it with the pools whole: a pool whose list changed is
   * reconfigured (a removed number's reservation ends at *now*); a new policy gets an
   * empty-handed pool; a removed policy's pool ends all its reservations at *now* and is
   * dropped. What `applyAll` does for the policies its changes name; kept for tests and for a
   * tenant replaced wholesale.
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
