import { describe, expect, it } from 'vitest';
import { CallbackPools } from '../../engine/runtime/callback-pools.js';
import { emptyTenant } from '../../engine/tenant/empty-tenant.js';
import type { Tenant } from '../../engine/tenant/model.js';
import type { CallbackPool } from '../../engine/runtime/callback-pool.js';
import { emergencyCallOn } from './fixtures.js';

function must(pool: CallbackPool | undefined): CallbackPool {
  if (pool === undefined) throw new Error('no such pool');
  return pool;
}

const A = '+14255550001';
const B = '+14255550002';
const C = '+14255550003';

function tenantWith(policies: Record<string, string[]>): Tenant {
  const tenant = emptyTenant();
  for (const [identity, emergencyNumbers] of Object.entries(policies)) {
    tenant.sharedCallingPolicies.push({ identity, resourceAccount: 'ra1', emergencyNumbers, description: '' });
  }
  return tenant;
}

describe('callback pools of a tenant', () => {
  it('keeps one pool per policy, found by name in any case', () => {
    const pools = new CallbackPools(tenantWith({ Seattle: [A, B], Tacoma: [C] }));
    expect([pools.pool('tag:seattle')?.numbers, pools.pool('Tacoma')?.numbers, pools.pool('Global')?.size]).toEqual([
      [A, B],
      [C],
      0,
    ]);
  });

  it('finds the pool of an emergency number for a callback', () => {
    const pools = new CallbackPools(tenantWith({ Seattle: [A, B], Tacoma: [C] }));
    expect(pools.poolOf(C)?.policy).toBe('Tacoma');
  });

  it('ends a reservation when its number is removed from the policy', () => {
    const pools = new CallbackPools(tenantWith({ Seattle: [A, B] }));
    emergencyCallOn(must(pools.pool('Seattle')), 0, 'u1');
    pools.reconfigure(10, tenantWith({ Seattle: [B] }));
    expect([pools.pool('Seattle')?.holderAt(11, A), pools.poolOf(A)]).toEqual([null, undefined]);
  });

  it('keeps reservations of a policy whose list did not change', () => {
    const pools = new CallbackPools(tenantWith({ Seattle: [A, B] }));
    emergencyCallOn(must(pools.pool('Seattle')), 0, 'u1');
    pools.reconfigure(10, tenantWith({ Seattle: [A, B], Tacoma: [C] }));
    expect([pools.pool('Seattle')?.holderAt(11, A), pools.pool('Tacoma')?.size]).toEqual(['u1', 1]);
  });

  it('ends every reservation of a removed policy', () => {
    const ended: string[] = [];
    const pools = new CallbackPools(tenantWith({ Seattle: [A, B] }), {}, {
      onReservationEnded: (_at, r, reason) => ended.push(`${r.number} ${reason}`),
    });
    emergencyCallOn(must(pools.pool('Seattle')), 0, 'u1');
    pools.reconfigure(10, tenantWith({}));
    expect([ended, pools.pool('Seattle')]).toEqual([[`${A} removedFromPolicy`], undefined]);
  });
});
