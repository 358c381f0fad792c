/**
 * The runtime's subscribers to tenant changes (DESIGN.md principle 8): TenantView, CallbackPools
 * and DerivedTenantFacts, warmed on a tenant, then given the events of a change, must hold what
 * they would hold if built afresh from the changed tenant (the pools: what comparing the tenant
 * whole with `reconfigure` gives, reservations included). Checked for every case of
 * test/tenant/change-cases.ts, then for the representative changes one by one, with what each
 * keeps.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CallbackPools, DerivedTenantFacts, TenantView, type CallbackPoolObserver, type CallbackPoolSettings } from '../../engine/runtime/index.js';
import { setAutoAttendant, type E164, type Tenant, type TenantChange } from '../../engine/tenant/index.js';
import { everyCase, type Ran } from '../tenant/change-cases.js';
import { AA_ID, EMERGENCY_1, EMERGENCY_2, EMERGENCY_3, RA_ID, RA_NUMBER, RA2_ID, SPARE_NUMBER, USER2_ID, USER3_ID, USER_ID, attendant, richTenant } from '../tenant/change-fixtures.js';
import { hashtable, must } from '../tenant/fixtures.js';
import { emergencyCallOn } from './fixtures.js';

const NOW = 60_000;
const SETTINGS: Partial<CallbackPoolSettings> = { selection: 'round-robin' };

function recorder(log: string[]): Partial<CallbackPoolObserver> {
  return {
    onReservation: (now, r) => log.push(`reserve ${now} ${r.policy} ${r.number} ${r.userId}`),
    onReservationEnded: (at, r, reason) => log.push(`end ${at} ${r.policy} ${r.number} ${reason}`),
    onReservedCount: (now, policy, count, size) => log.push(`count ${now} ${policy} ${count}/${size}`),
  };
}

/** Pools with one reservation in each, so that reconfiguring them shows. */
function poolsOf(t: Tenant, log: string[]): CallbackPools {
  const pools = new CallbackPools(t, SETTINGS, recorder(log));
  for (const pool of pools.all()) emergencyCallOn(pool, 0, `holder-of-${pool.policy}`);
  return pools;
}

function poolState(pools: CallbackPools, numbers: readonly E164[]) {
  return {
    pools: pools.all().map((p) => ({
      policy: p.policy,
      numbers: [...p.numbers],
      held: p.numbers.map((n) => p.reservationAt(NOW, n)),
      next: p.inspect(NOW, 'someone').nextFree,
    })),
    poolOf: numbers.map((n) => pools.poolOf(n)?.policy),
  };
}

const shape = (pools: CallbackPools) => pools.all().map((p) => [p.policy, [...p.numbers]]);

interface Subscribers {
  t: Tenant;
  view: TenantView;
  derived: DerivedTenantFacts;
  pools: CallbackPools;
  log: string[];
  /** The same pools following the tenant the old way, by comparing it whole. */
  reference: CallbackPools;
  referenceLog: string[];
  /** Every user id, number and auto attendant id, before and after. */
  users: Set<string>;
  numbers: Set<E164>;
  attendants: Set<string>;
}

/** A rich tenant with warm subscribers (every user, number and attendant asked once). */
function warmed(setup?: (t: Tenant) => void): Subscribers {
  const t = richTenant();
  setup?.(t);
  const log: string[] = [];
  const referenceLog: string[] = [];
  const s: Subscribers = {
    t,
    view: new TenantView(t),
    derived: new DerivedTenantFacts(t),
    pools: poolsOf(t, log),
    log,
    reference: poolsOf(t, referenceLog),
    referenceLog,
    users: new Set(),
    numbers: new Set(),
    attendants: new Set(),
  };
  note(s);
  for (const id of s.users) s.view.user(id);
  for (const n of s.numbers) s.view.number(n);
  for (const id of s.attendants) s.derived.attendant(id);
  void s.derived.mixesSharedCallingWithDirectRouting;
  void s.derived.sharedResourceAccountIds;
  return s;
}

function note(s: Subscribers): void {
  for (const u of s.t.users) s.users.add(u.objectId);
  for (const n of s.t.numbers) s.numbers.add(n.telephoneNumber);
  for (const p of s.t.sharedCallingPolicies) for (const n of p.emergencyNumbers) s.numbers.add(n);
  for (const a of s.t.autoAttendants) s.attendants.add(a.id);
  // Numbers the cases acquire, and ones never in the tenant.
  for (const n of ['+14255550999', '+19999999999']) s.numbers.add(n);
}

/** Run a change, hand its events to the subscribers, and check them against fresh ones. */
function change(s: Subscribers, run: (t: Tenant) => Ran): TenantChange[] {
  const shapeBefore = shape(s.pools);
  const result = run(s.t);
  const events = result.ok ? result.events : [];
  note(s);
  s.view.applyAll(events);
  s.derived.applyAll(events);
  const poolsChanged = s.pools.applyAll(NOW, events, s.t);
  s.reference.reconfigure(NOW, s.t);
  expectFresh(s);
  expect(poolsChanged).toBe(!isDeepStrictEqual(shapeBefore, shape(s.pools)));
  return events;
}

function expectFresh(s: Subscribers): void {
  const fresh = new TenantView(s.t);
  for (const id of s.users) expect(s.view.user(id), `user ${id}`).toEqual(fresh.user(id));
  for (const n of s.numbers) expect(s.view.number(n), `number ${n}`).toEqual(fresh.number(n));

  const freshDerived = new DerivedTenantFacts(s.t);
  for (const id of s.attendants) expect(s.derived.attendant(id), `attendant ${id}`).toEqual(freshDerived.attendant(id));
  expect(s.derived.mixesSharedCallingWithDirectRouting).toBe(freshDerived.mixesSharedCallingWithDirectRouting);
  expect(s.derived.sharedResourceAccountIds).toEqual(freshDerived.sharedResourceAccountIds);

  const numbers = [...s.numbers];
  expect(poolState(s.pools, numbers)).toEqual(poolState(s.reference, numbers));
  expect(s.log).toEqual(s.referenceLog);
  expect(shape(s.pools)).toEqual(shape(new CallbackPools(s.t)));
}

describe('every change of the catalogue cases, followed by events, equals building afresh', () => {
  for (const { title, case: c, run } of everyCase()) {
    it(title, () => {
      change(warmed(c.setup), run);
    });
  }

  it('so do the changes of a whole script at once, and one event at a time', () => {
    const script = (t: Tenant): Ran => {
      const events: TenantChange[] = [];
      for (const r of [
        must(t, 'Set-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Seattle', EmergencyNumbers: hashtable({ remove: [EMERGENCY_1] }) }),
        must(t, 'Set-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Seattle', EmergencyNumbers: hashtable({ add: [EMERGENCY_1] }) }),
        must(t, 'Remove-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Tacoma' }),
        must(t, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Tacoma', ResourceAccount: RA2_ID, EmergencyNumbers: hashtable({ add: [EMERGENCY_3, SPARE_NUMBER] }) }),
        must(t, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Redmond', ResourceAccount: RA_ID }),
        must(t, 'Grant-CsTeamsSharedCallingRoutingPolicy', { Identity: USER2_ID, PolicyName: 'Redmond' }),
        must(t, 'Move-CsSimPhoneNumberOut', { TelephoneNumber: RA_NUMBER }),
      ]) {
        events.push(...r.events);
      }
      return { ok: true, events };
    };
    const s = warmed();
    const events = change(s, script);
    // Seattle's number was taken out and put back in one script: its reservation stands.
    expect(s.pools.pool('Seattle')?.holderAt(NOW, EMERGENCY_1)).toBe('holder-of-Seattle');

    const one = warmed();
    const oneLog = one.log;
    script(one.t);
    for (const e of events) {
      one.view.apply(e);
      one.derived.apply(e);
      one.pools.apply(NOW, e, one.t);
    }
    one.reference.reconfigure(NOW, one.t);
    note(one);
    expectFresh(one);
    expect(oneLog).toEqual(s.log);
  });
});

describe('representative changes drop what they affect and keep the rest', () => {
  it('porting out the shared number: the users sharing it, the mixed flag; no pool', () => {
    const s = warmed();
    const user3 = s.view.user(USER3_ID);
    const user = s.view.user(USER_ID);
    expect(user?.resourceAccountNumber?.telephoneNumber).toBe(RA_NUMBER);
    const events = change(s, (t) => ({ ok: true, events: must(t, 'Move-CsSimPhoneNumberOut', { TelephoneNumber: RA_NUMBER }).events }));
    expect(events.map((e) => e.type)).toEqual(['numberPortedOut']);
    expect(s.view.user(USER_ID)?.resourceAccountNumber).toBeUndefined();
    // user3 is in support, whose group grant is Tacoma: not sharing the number, kept.
    expect(s.view.user(USER3_ID)).toBe(user3);
    expect(s.pools.apply(NOW, events[0] as TenantChange, s.t)).toBe(false);
  });

  it('removing an emergency number from a policy: its pool and its number facts; users kept', () => {
    const s = warmed();
    const user = s.view.user(USER_ID);
    const held = s.pools.pool('Seattle')?.holderAt(NOW, EMERGENCY_1);
    expect(held).toBe('holder-of-Seattle');
    change(s, (t) => ({ ok: true, events: must(t, 'Set-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Seattle', EmergencyNumbers: hashtable({ remove: [EMERGENCY_1] }) }).events }));
    expect(s.view.user(USER_ID)).toBe(user);
    expect(s.view.number(EMERGENCY_1).emergencyNumberOf).toBeUndefined();
    expect(s.pools.pool('Seattle')?.numbers).toEqual([EMERGENCY_2]);
    expect(s.log).toContain(`end ${NOW} Seattle ${EMERGENCY_1} removedFromPolicy`);
  });

  it('adding a policy: a new pool, the shared accounts; every user fact (grants may now resolve to it)', () => {
    const s = warmed();
    const attendantBefore = s.derived.attendant(AA_ID);
    change(s, (t) => ({ ok: true, events: must(t, 'New-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Redmond', ResourceAccount: RA_ID, EmergencyNumbers: hashtable({ add: [SPARE_NUMBER] }) }).events }));
    expect(s.pools.pool('Redmond')?.numbers).toEqual([SPARE_NUMBER]);
    expect(s.view.number(SPARE_NUMBER).emergencyNumberOf?.identity).toBe('Redmond');
    expect(s.derived.sharedResourceAccountIds).toEqual([RA_ID, RA2_ID]);
    expect(s.derived.attendant(AA_ID)).toBe(attendantBefore);
  });

  it('removing a policy: its pool ends its reservations; its users fall back to Global; others kept', () => {
    const s = warmed();
    const user2 = s.view.user(USER2_ID);
    change(s, (t) => ({ ok: true, events: must(t, 'Remove-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Seattle' }).events }));
    expect(s.pools.pool('Seattle')).toBeUndefined();
    expect(s.log.filter((l) => l.startsWith('end'))).toEqual([`end ${NOW} Seattle ${EMERGENCY_1} removedFromPolicy`]);
    expect(s.view.user(USER_ID)?.sharedCallingPolicy?.identity).toBe('Global');
    expect(s.view.user(USER2_ID)).toBe(user2);
    expect(s.derived.sharedResourceAccountIds).toEqual([RA2_ID]);
  });

  it('granting a policy to a user: that user only', () => {
    const s = warmed();
    const user = s.view.user(USER_ID);
    change(s, (t) => ({ ok: true, events: must(t, 'Grant-CsTeamsSharedCallingRoutingPolicy', { Identity: USER2_ID, PolicyName: 'Seattle' }).events }));
    expect(s.view.user(USER2_ID)?.sharedCallingPolicy?.identity).toBe('Seattle');
    expect(s.view.user(USER_ID)).toBe(user);
  });

  it("changing an auto attendant's dial scope: that attendant's directory only", () => {
    const s = warmed((t) => {
      t.autoAttendants.push(attendant('aa-other'));
    });
    const other = s.derived.attendant('aa-other');
    const user = s.view.user(USER_ID);
    expect(s.derived.attendant(AA_ID)?.directory.searchByName('Ada').outcome).toBe('found');
    change(s, (t) => {
      const r = setAutoAttendant(t, attendant(AA_ID, { dialScope: { includeGroups: ['sales'], excludeGroups: [] } }));
      return r.ok ? { ok: true, events: r.events } : { ok: false };
    });
    expect(s.derived.attendant(AA_ID)?.directory.searchByName('Ada').outcome).toBe('notFound');
    expect(s.derived.attendant('aa-other')).toBe(other);
    expect(s.view.user(USER_ID)).toBe(user);
  });

  it('a balance-only credits change drops nothing', () => {
    const s = warmed();
    const users = [...s.users].map((id) => s.view.user(id));
    const numbers = [...s.numbers].map((n) => s.view.number(n));
    const attendantBefore = s.derived.attendant(AA_ID);
    const shared = s.derived.sharedResourceAccountIds;
    const events = change(s, (t) => ({ ok: true, events: must(t, 'Add-CsSimCommunicationsCredits', { Amount: 10 }).events }));
    expect(events).toEqual([{ type: 'creditsChanged', balanceDelta: 10, balance: 110, settingsChanged: false }]);
    expect([...s.users].map((id) => s.view.user(id))).toEqual(users);
    [...s.users].forEach((id, i) => expect(s.view.user(id)).toBe(users[i]));
    [...s.numbers].forEach((n, i) => expect(s.view.number(n)).toBe(numbers[i]));
    expect(s.derived.attendant(AA_ID)).toBe(attendantBefore);
    expect(s.derived.sharedResourceAccountIds).toBe(shared);
    expect(s.log).toEqual(s.referenceLog);
  });
});
