import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { CreditsLedger, billedMinutes, chargeForCall, ratePerMinute } from '../../engine/runtime/credits-ledger.js';
import type { CommunicationsCredits } from '../../engine/tenant/model.js';
import { outboundCallOn, scriptedStream } from './fixtures.js';

function credits(fields: Partial<CommunicationsCredits> = {}): CommunicationsCredits {
  return {
    currency: 'USD',
    balance: 100,
    postpaidOverage: false,
    autoRecharge: null,
    ratesPerMinute: { default: 0.1, US: 0.02 },
    tollFreeInboundRatePerMinute: 0.05,
    ...fields,
  };
}

/** A ledger whose observer writes every hook call into `log`. */
function recorded(settings: CommunicationsCredits, stream = scriptedStream([])) {
  const log: unknown[][] = [];
  const ledger = new CreditsLedger(settings, stream, {
    onDebit: (...a) => log.push(['debit', ...a]),
    onRecharge: (...a) => log.push(['recharge', ...a]),
    onRechargeFailed: (...a) => log.push(['rechargeFailed', ...a]),
    onFundsAdded: (...a) => log.push(['funds', ...a]),
    onBalance: (...a) => log.push(['balance', ...a]),
  });
  return { ledger, log };
}

describe('billing', () => {
  it('rounds a toll-free call up to whole minutes', () => {
    expect([1, 59_999, 60_000, 60_001, 119_999].map(billedMinutes)).toEqual([1, 1, 1, 2, 2]);
  });

  it('bills a connected call of 0 ms as 0 minutes', () => {
    expect(billedMinutes(0)).toBe(0);
  });

  it('charges billed minutes times the rate without floating-point drift', () => {
    expect(chargeForCall(150_000, 0.1)).toBe(0.3);
  });

  it("debits an outbound call without floating-point drift (the machine's 3 x 0.1 is kept to 6 places)", () => {
    const { ledger, log } = recorded(credits({ balance: 10 }));
    const call = outboundCallOn(ledger, 5000, { destinationCountry: 'FR', talkMs: 150_000 });
    expect([call.debited, log]).toEqual([expect.closeTo(0.3, 10), [['debit', 5000, 0.3, 'outbound', 9.7], ['balance', 5000, 9.7]]]);
  });

  it('rounds an outbound call up to whole minutes, as it does a toll-free one', () => {
    const minutes = [1, 59_999, 60_000, 60_001, 119_999].map((talkMs) => {
      const { ledger } = recorded(credits({ ratesPerMinute: { default: 1 } }));
      return outboundCallOn(ledger, 0, { talkMs }).debited;
    });
    expect(minutes).toEqual([1, 1, 1, 2, 2]);
  });

  it('does not bill a connected outbound call of 0 ms', () => {
    const { ledger, log } = recorded(credits());
    expect([outboundCallOn(ledger, 0, { talkMs: 0 }), log]).toEqual([{ outcome: 'OUT001', debited: null }, []]);
  });

  it('refuses a negative duration', () => {
    expect(() => billedMinutes(-1)).toThrow('"durationMs" must be a finite number >= 0.');
  });

  it('takes the rate of the destination country, else the default rate', () => {
    const c = credits();
    expect([ratePerMinute(c, 'US'), ratePerMinute(c, 'FR')]).toEqual([0.02, 0.1]);
  });

  it('refuses a country when the rate table has no default', () => {
    const c = credits({ ratesPerMinute: { US: 0.02 } as CommunicationsCredits['ratesPerMinute'] });
    expect(() => ratePerMinute(c, 'FR')).toThrow('No rate for FR and no "default" rate in the rate table.');
  });

  it('charges toll-free inbound calls at the toll-free rate', () => {
    const { ledger } = recorded(credits());
    expect(ledger.tollFreeInboundCharge(61_000)).toBe(0.1);
  });

  it('charges outbound calls at the rate of their destination', () => {
    const { ledger } = recorded(credits());
    expect([outboundCallOn(ledger, 0, { destinationCountry: 'US', talkMs: 180_000 }).debited, ledger.balance]).toEqual([0.06, 99.94]);
  });
});

describe('balance', () => {
  it('lets a debit take the balance below zero', () => {
    const { ledger } = recorded(credits({ balance: 1 }));
    ledger.debit(1000, 3, 'outbound');
    expect(ledger.balance).toBe(-2);
  });

  it('lets a call start only while the balance is above zero', () => {
    const { ledger } = recorded(credits({ balance: 2 }));
    const before = outboundCallOn(ledger, 0, { answers: false }).outcome;
    ledger.debit(0, 2, 'outbound');
    expect([before, outboundCallOn(ledger, 0, { answers: false }).outcome]).toEqual(['OUT001', 'OUT006']);
  });

  it('lets outbound calls start at a zero balance on postpaid overage, billed as overage', () => {
    const { ledger, log } = recorded(credits({ balance: 0, postpaidOverage: true }));
    expect([outboundCallOn(ledger, 0), ledger.balance, log]).toEqual([{ outcome: 'OUT001', debited: 0.06 }, 0, []]);
  });

  it('answers toll-free calls only with a positive balance, even on postpaid overage', () => {
    const { ledger } = recorded(credits({ balance: 0, postpaidOverage: true }));
    expect(ledger.canAcceptTollFreeCall()).toBe(false);
  });

  it('reports a debit and the new balance', () => {
    const { ledger, log } = recorded(credits({ balance: 10 }));
    ledger.debit(5000, 0.3, 'outbound');
    expect(log).toEqual([
      ['debit', 5000, 0.3, 'outbound', 9.7],
      ['balance', 5000, 9.7],
    ]);
  });

  it('ignores a zero debit', () => {
    const { ledger, log } = recorded(credits({ balance: 10 }));
    ledger.debit(5000, 0, 'outbound');
    expect([ledger.balance, log]).toEqual([10, []]);
  });

  it('refuses a negative debit', () => {
    const { ledger } = recorded(credits());
    expect(() => ledger.debit(0, -1, 'outbound')).toThrow('"amount" must be a finite number >= 0.');
  });

  it('adds funds by hand', () => {
    const { ledger, log } = recorded(credits({ balance: -2 }));
    ledger.addFunds(7, 50);
    expect([ledger.balance, log]).toEqual([48, [['funds', 7, 50, 48], ['balance', 7, 48]]]);
  });

  it('keeps the running balance when reconfigured', () => {
    const { ledger } = recorded(credits({ balance: 10 }));
    ledger.debit(0, 4, 'outbound');
    ledger.reconfigure(credits({ balance: 100, ratesPerMinute: { default: 1 } }));
    expect([ledger.balance, outboundCallOn(ledger, 0, { destinationCountry: 'US', talkMs: 60_000 }).debited]).toEqual([6, 1]);
  });

  it('does not change the tenant settings it was given', () => {
    const c = credits({ balance: 10 });
    const { ledger } = recorded(c);
    ledger.debit(0, 4, 'outbound');
    expect(c.balance).toBe(10);
  });
});

describe('auto-recharge', () => {
  const autoRecharge = { threshold: 10, amount: 5, failureProbability: 0.2 };

  it('recharges once when a debit leaves the balance below the threshold', () => {
    const { ledger, log } = recorded(credits({ balance: 12, autoRecharge }), scriptedStream([0.9]));
    ledger.debit(100, 5, 'outbound');
    expect(log).toEqual([
      ['debit', 100, 5, 'outbound', 7],
      ['balance', 100, 7],
      ['recharge', 100, 5, 12],
      ['balance', 100, 12],
    ]);
  });

  it('does not recharge again while a recharge left the balance below the threshold', () => {
    const stream = scriptedStream([0.9, 0.9]);
    const { ledger } = recorded(credits({ balance: 12, autoRecharge: { ...autoRecharge, amount: 1 } }), stream);
    ledger.debit(100, 5, 'outbound'); // 7, recharged to 8: still below 10
    ledger.debit(200, 1, 'outbound');
    expect([ledger.balance, stream.drawn]).toEqual([7, 1]);
  });

  it('recharges again on the next crossing after the balance was back at the threshold', () => {
    const stream = scriptedStream([0.9, 0.9]);
    const { ledger } = recorded(credits({ balance: 12, autoRecharge }), stream);
    ledger.debit(100, 5, 'outbound'); // 7, recharged to 12
    ledger.debit(200, 5, 'outbound'); // 7, recharged to 12
    expect([ledger.balance, stream.drawn]).toEqual([12, 2]);
  });

  it('does not retry a failed recharge until funds are added by hand', () => {
    const stream = scriptedStream([0.1, 0.9]);
    const { ledger } = recorded(credits({ balance: 12, autoRecharge }), stream);
    ledger.debit(100, 5, 'outbound'); // 7, recharge fails
    ledger.debit(200, 1, 'outbound'); // 6, no attempt
    ledger.addFunds(300, 10); // 16, armed again
    ledger.debit(400, 7, 'outbound'); // 9, recharged to 14
    expect([ledger.balance, stream.drawn]).toEqual([14, 2]);
  });

  it('recharges a starting balance below the threshold when settled at the start', () => {
    const { ledger, log } = recorded(credits({ balance: 0, autoRecharge }), scriptedStream([0.9]));
    ledger.settle(0);
    expect([outboundCallOn(ledger, 0, { answers: false }).outcome, log]).toEqual(['OUT001', [['recharge', 0, 5, 5], ['balance', 0, 5]]]);
  });

  it('tries again after new settings even when the last recharge failed', () => {
    const stream = scriptedStream([0.1, 0.9]);
    const { ledger } = recorded(credits({ balance: 12, autoRecharge }), stream);
    ledger.debit(100, 5, 'outbound'); // 7, recharge fails
    ledger.reconfigure(credits({ autoRecharge: { ...autoRecharge, failureProbability: 0 } }));
    ledger.settle(200);
    expect([ledger.balance, stream.drawn]).toEqual([12, 2]);
  });

  it('does not recharge when the debit leaves the balance exactly at the threshold', () => {
    const stream = scriptedStream([]);
    const { ledger } = recorded(credits({ balance: 12, autoRecharge }), stream);
    ledger.debit(100, 2, 'outbound');
    expect([ledger.balance, stream.drawn]).toEqual([10, 0]);
  });

  it('records a failed recharge and leaves the balance as it was', () => {
    const { ledger, log } = recorded(credits({ balance: 12, autoRecharge }), scriptedStream([0.1]));
    ledger.debit(100, 5, 'outbound');
    expect([ledger.balance, log.at(-1)]).toEqual([7, ['rechargeFailed', 100, 5, 7]]);
  });

  it('draws once per attempt even when recharges cannot fail', () => {
    const stream = scriptedStream([0.5]);
    const { ledger } = recorded(credits({ balance: 12, autoRecharge: { ...autoRecharge, failureProbability: 0 } }), stream);
    ledger.debit(100, 5, 'outbound');
    expect(stream.drawn).toBe(1);
  });

  it('fails recharges as a seeded stream decides (pinned draws)', () => {
    const result: string[] = [];
    const rng = seedrandom('callsim/test/recharge');
    const ledger = new CreditsLedger(
      credits({ balance: 0, autoRecharge: { threshold: 1000, amount: 1, failureProbability: 0.5 } }),
      { next: () => rng() },
      { onRecharge: () => result.push('ok'), onRechargeFailed: () => result.push('failed') },
    );
    for (let t = 0; t < 12; t++) {
      ledger.addFunds(t, 2000); // back above the threshold, so each debit is a new crossing
      ledger.debit(t, 2000, 'outbound');
    }
    expect(result).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'failed', 'failed', 'failed', 'ok', 'ok', 'ok', 'ok']);
  });
});
