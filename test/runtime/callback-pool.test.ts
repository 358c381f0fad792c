import { describe, expect, it } from 'vitest';
import { CallbackPool, type CallbackPoolSettings } from '../../engine/runtime/callback-pool.js';
import { emergencyCallOn } from './fixtures.js';

const HOUR = 3_600_000;
const A = '+14255550001';
const B = '+14255550002';
const C = '+14255550003';

/** A pool of A, B, C whose observer writes every hook call into `log` as compact tuples. */
function recorded(settings: Partial<CallbackPoolSettings> = {}, numbers = [A, B, C]) {
  const log: unknown[][] = [];
  const pool = new CallbackPool('Seattle', numbers, settings, {
    onReservation: (now, r) => log.push(['reserved', now, r.number, r.userId]),
    onRenewal: (now, r) => log.push(['renewed', now, r.number, r.userId, r.expiresAt]),
    onDisplaced: (now, r, displaced) => log.push(['displaced', now, r.number, displaced, r.userId]),
    onReservationEnded: (at, r, reason) => log.push(['ended', at, r.number, r.userId, reason]),
    onReservedCount: (now, policy, count, size) => log.push(['count', now, policy, count, size]),
  });
  return { pool, log };
}

/**
 * Numbers taken by emergency calls of u1, u2, ... at the given times, each through the emergency
 * machine as production takes them (emergencyCallOn).
 */
function takeAll(pool: CallbackPool, times: number[]): (string | null)[] {
  return times.map((t, i) => emergencyCallOn(pool, t, `u${i + 1}`)?.reservation.number ?? null);
}

describe('selection of a free number (EMG003)', () => {
  it('takes the first free number in list order', () => {
    const { pool } = recorded();
    emergencyCallOn(pool, 0, 'u1');
    emergencyCallOn(pool, 1, 'u2');
    emergencyCallOn(pool, HOUR, 'u3'); // u1's A has expired; B is still held by u2
    expect(pool.holderAt(HOUR, A)).toBe('u3');
  });

  it('takes numbers in turn with round-robin selection', () => {
    const { pool } = recorded({ selection: 'round-robin' });
    // u1 takes A, u2 B; both expire; u3 continues with C, then u4 wraps around to A.
    expect(takeAll(pool, [0, 1, 2 * HOUR, 2 * HOUR + 1])).toEqual([A, B, C, A]);
  });

  it('takes the first free number again after release with first-free selection', () => {
    const { pool } = recorded({ selection: 'first-free' });
    expect(takeAll(pool, [0, 1, 2 * HOUR, 2 * HOUR + 1])).toEqual([A, B, A, B]);
  });

  it('reports a new reservation and the reserved count', () => {
    const { pool, log } = recorded();
    emergencyCallOn(pool, 5, 'u1');
    expect(log).toEqual([
      ['reserved', 5, A, 'u1'],
      ['count', 5, 'Seattle', 1, 3],
    ]);
  });
});

describe('inspection', () => {
  it('shows what an emergency call would find without changing the pool', () => {
    const { pool, log } = recorded();
    emergencyCallOn(pool, 0, 'u1');
    log.length = 0;
    const seen = [pool.inspect(10, 'u1'), pool.inspect(10, 'u2')];
    expect([seen, log, [A, B, C].map((n) => pool.holderAt(10, n))]).toEqual([
      [
        { size: 3, heldByCaller: A, nextFree: B, reuseCandidate: null },
        { size: 3, heldByCaller: null, nextFree: B, reuseCandidate: null },
      ],
      [],
      ['u1', null, null],
    ]);
  });

  it('offers nothing from an empty pool, so the resource account number is used (EMG005)', () => {
    const { pool } = recorded({}, []);
    expect([pool.inspect(0, 'u1'), emergencyCallOn(pool, 0, 'u1')]).toEqual([
      { size: 0, heldByCaller: null, nextFree: null, reuseCandidate: null },
      null,
    ]);
  });
});

describe('renewal (EMG007)', () => {
  it('keeps the number of a repeat caller and restarts its 60 minutes', () => {
    const { pool, log } = recorded();
    emergencyCallOn(pool, 0, 'u1');
    const result = emergencyCallOn(pool, 30 * 60_000, 'u1');
    expect([result?.mode, result?.reservation.number, log.at(-1)]).toEqual([
      'renew',
      A,
      ['renewed', 30 * 60_000, A, 'u1', 90 * 60_000],
    ]);
  });

  it('keeps a renewed number held past the first 60 minutes', () => {
    const { pool } = recorded();
    emergencyCallOn(pool, 0, 'u1');
    emergencyCallOn(pool, 30 * 60_000, 'u1');
    expect(pool.holderAt(HOUR + 1, A)).toBe('u1');
  });

  it('refuses a renewal by a user who does not hold the number', () => {
    const { pool } = recorded();
    emergencyCallOn(pool, 0, 'u1');
    expect(() => pool.reserve(1, A, 'u2', 'renew')).toThrow('u2 does not hold +14255550001; only its holder can renew it.');
  });
});

describe('expiry', () => {
  it('holds a number until just before 60 minutes and frees it at exactly 60 minutes', () => {
    const { pool } = recorded();
    emergencyCallOn(pool, 1000, 'u1');
    expect([pool.holderAt(1000 + HOUR - 1, A), pool.holderAt(1000 + HOUR, A)]).toEqual(['u1', null]);
  });

  it('reports expiries at their own times, in time order, when the pool is next used', () => {
    const { pool, log } = recorded();
    emergencyCallOn(pool, 0, 'u1');
    emergencyCallOn(pool, 10, 'u2');
    log.length = 0;
    pool.expire(5 * HOUR);
    expect(log).toEqual([
      ['ended', HOUR, A, 'u1', 'expired'],
      ['count', HOUR, 'Seattle', 1, 3],
      ['ended', HOUR + 10, B, 'u2', 'expired'],
      ['count', HOUR + 10, 'Seattle', 0, 3],
    ]);
  });

  it('refuses to go back before the last change', () => {
    const { pool } = recorded();
    emergencyCallOn(pool, 100, 'u1');
    expect(() => emergencyCallOn(pool, 99, 'u2')).toThrow('"now" (99) is before the pool\'s last change (100).');
  });
});

describe('displacement (EMG004)', () => {
  it('reuses the first number in the list when none is free', () => {
    const { pool } = recorded({ reuse: 'first' });
    takeAll(pool, [0, 1, 2]);
    expect(pool.inspect(3, 'u4')).toEqual({ size: 3, heldByCaller: null, nextFree: null, reuseCandidate: A });
  });

  it('reuses the number with the oldest reservation when reuse is oldest', () => {
    const { pool } = recorded({ reuse: 'oldest' });
    takeAll(pool, [0, 1, 2]);
    emergencyCallOn(pool, 3, 'u1'); // u1 renews A, so B now has the oldest reservation
    expect(pool.inspect(4, 'u4').reuseCandidate).toBe(B);
  });

  it('reports who was displaced', () => {
    const { pool, log } = recorded();
    takeAll(pool, [0, 1, 2]);
    const result = emergencyCallOn(pool, 3, 'u4');
    expect([result?.displacedUserId, log.at(-1)]).toEqual(['u1', ['displaced', 3, A, 'u1', 'u4']]);
  });

  it('rings the new holder on a callback after displacement', () => {
    const { pool } = recorded();
    takeAll(pool, [0, 1, 2, 3]);
    expect(pool.holderAt(4, A)).toBe('u4');
  });

  it('gives a displaced user a new number on their next emergency call', () => {
    const { pool } = recorded();
    takeAll(pool, [0, 1, 2, 3]); // u4 displaced u1 from A
    const again = emergencyCallOn(pool, 4, 'u1');
    expect([again?.mode, again?.reservation.number, again?.displacedUserId]).toEqual(['displace', A, 'u4']);
  });

  it('refuses a displacement of a free number', () => {
    const { pool } = recorded();
    expect(() => pool.reserve(0, A, 'u1', 'displace')).toThrow(
      '+14255550001 is not held by another user; there is nobody to displace.',
    );
  });

  it('keeps the reserved count when a reservation moves to another user', () => {
    const { pool, log } = recorded();
    takeAll(pool, [0, 1, 2, 3]);
    expect(log.filter((e) => e[0] === 'count').map((e) => e[3])).toEqual([1, 2, 3]);
  });
});

describe('reconfiguration', () => {
  it('ends the reservation of a number removed from the policy', () => {
    const { pool, log } = recorded();
    emergencyCallOn(pool, 0, 'u1');
    pool.reconfigure(10, [B, C]);
    expect([pool.holderAt(11, A), log.slice(-2)]).toEqual([
      null,
      [
        ['ended', 10, A, 'u1', 'removedFromPolicy'],
        ['count', 10, 'Seattle', 0, 2],
      ],
    ]);
  });

  it('keeps the reservations of numbers still listed, in the new list order', () => {
    const { pool } = recorded();
    emergencyCallOn(pool, 0, 'u1');
    pool.reconfigure(10, [C, A]);
    expect([pool.holderAt(11, A), pool.inspect(11, 'u2').nextFree]).toEqual(['u1', C]);
  });

  it('refuses a list with a number twice', () => {
    expect(() => new CallbackPool('Seattle', [A, A])).toThrow('+14255550001 is listed twice in one callback pool.');
  });
});

describe('memory', () => {
  it('never keeps more reservations than the pool has numbers', () => {
    let peak = 0;
    const pool = new CallbackPool('Seattle', [A, B, C], {}, { onReservedCount: (_n, _p, count) => (peak = Math.max(peak, count)) });
    for (let i = 0; i < 3_000; i++) emergencyCallOn(pool, i * 60_000, `u${i % 97}`);
    expect(peak).toBe(3);
  });
});
