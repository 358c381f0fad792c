/**
 * applyTimelineEntry moves the running Communications Credits ledger by the tenant's
 * creditsChanged events. It must do exactly what the snapshot-diffing version before it did:
 * that version is kept below as the oracle, and both run side by side on the same entries.
 */
import { describe, expect, it } from 'vitest';
import { runScriptOnTenant } from '../../engine/powershell/index.js';
import { applyTimelineEntry } from '../../engine/run/timeline-change.js';
import { CreditsLedger, type CreditsObserver } from '../../engine/runtime/index.js';
import type { Scenario } from '../../engine/scenario/index.js';
import { invokeCmdlet, type CmdletValue, type Tenant } from '../../engine/tenant/index.js';
import { RA_NUMBER, richTenant } from '../tenant/change-fixtures.js';

type Entry = Scenario['timeline'][number];

/** The version that compared JSON snapshots of the credits (engine/run/timeline-change.ts before events). */
function oracle(tenant: Tenant, entry: Entry, ledger: CreditsLedger, now: number): { ok: boolean; text: string } {
  tenant.credits.balance = ledger.balance;
  const creditsBefore = JSON.stringify(tenant.credits);
  const settings = (): string => {
    const { balance: _balance, ...rest } = tenant.credits;
    return JSON.stringify(rest);
  };
  const settingsBefore = settings();
  let result: { ok: boolean; text: string };
  if (entry.kind === 'cmdlet') {
    const r = invokeCmdlet(tenant, entry.invocation);
    result = r.ok ? { ok: true, text: [entry.invocation.name, ...r.changes].join(': ') } : { ok: false, text: `${entry.invocation.name}: ${r.refusal.message}` };
  } else {
    const transcript = runScriptOnTenant(tenant, entry.source, `timeline[${entry.index}]`);
    const errors = transcript.entries.filter((e) => e.kind === 'error');
    result = { ok: errors.length === 0 && transcript.completed, text: transcript.entries.map((e) => e.text).join(' | ') };
  }
  if (JSON.stringify(tenant.credits) !== creditsBefore) {
    const delta = tenant.credits.balance - ledger.balance;
    if (settings() !== settingsBefore) ledger.reconfigure(tenant.credits);
    if (delta > 0) ledger.addFunds(now, delta);
    else if (delta < 0) ledger.debit(now, -delta, 'other');
    ledger.settle(now);
  }
  return result;
}

function cmdlet(name: string, named: Record<string, CmdletValue> = {}): Entry {
  return { kind: 'cmdlet', at: 0, index: 0, invocation: { name, named, positional: [] } };
}

function ps(source: string): Entry {
  return { kind: 'ps', at: 0, index: 0, source };
}

/** A ledger over *tenant* that logs every observer call, with a fixed stream of draws. */
function ledgerOf(tenant: Tenant, draws: number[]): { ledger: CreditsLedger; log: string[] } {
  const log: string[] = [];
  let i = 0;
  const observer: CreditsObserver = {
    onDebit: (now, amount, reason, balance) => log.push(`debit ${now} ${amount} ${reason} ${balance}`),
    onRecharge: (now, amount, balance) => log.push(`recharge ${now} ${amount} ${balance}`),
    onRechargeFailed: (now, amount, balance) => log.push(`rechargeFailed ${now} ${amount} ${balance}`),
    onFundsAdded: (now, amount, balance) => log.push(`funds ${now} ${amount} ${balance}`),
    onBalance: (now, balance) => log.push(`balance ${now} ${balance}`),
  };
  const ledger = new CreditsLedger(tenant.credits, { next: () => draws[i++ % draws.length] ?? 0 }, observer);
  ledger.settle(0);
  return { ledger, log };
}

/**
 * Runs *entries* in turn (with a debit of *spend* before each, as calls would) through the
 * oracle and through applyTimelineEntry, each on its own copy, and expects the same everywhere.
 */
function sameAsOracle(
  entries: Entry[],
  options: { draws?: number[]; spend?: number; credits?: Partial<Tenant['credits']> } = {},
): ReturnType<typeof applyTimelineEntry>[] & { log: string[] } {
  const base = richTenant();
  Object.assign(base.credits, options.credits ?? {});
  const a = structuredClone(base);
  const b = structuredClone(base);
  const la = ledgerOf(a, options.draws ?? [0.5]);
  const lb = ledgerOf(b, options.draws ?? [0.5]);
  const results = Object.assign([] as ReturnType<typeof applyTimelineEntry>[], { log: lb.log });
  entries.forEach((entry, i) => {
    const now = (i + 1) * 1000;
    if (options.spend !== undefined) {
      la.ledger.debit(now - 1, options.spend, 'outbound');
      lb.ledger.debit(now - 1, options.spend, 'outbound');
    }
    const expected = oracle(a, entry, la.ledger, now);
    const got = applyTimelineEntry(b, entry, lb.ledger, now);
    expect({ ok: got.ok, text: got.text }).toEqual(expected);
    results.push(got);
  });
  expect(lb.log).toEqual(la.log);
  expect(lb.ledger.balance).toBe(la.ledger.balance);
  expect(lb.ledger.credits).toEqual(la.ledger.credits);
  expect(b).toEqual(a);
  return results;
}

describe('applyTimelineEntry follows the credits events as the snapshot diff did', () => {
  it('funds added, with a balance that does not add up exactly in binary', () => {
    const [r] = sameAsOracle([cmdlet('Add-CsSimCommunicationsCredits', { Amount: 0.1 })], { credits: { balance: 0.2 } });
    expect(r?.changes.map((c) => c.type)).toEqual(['creditsChanged']);
  });

  it('a lower balance is a debit, a higher one funds', () => {
    sameAsOracle([cmdlet('Set-CsSimCommunicationsCredits', { Balance: 40 }), cmdlet('Set-CsSimCommunicationsCredits', { Balance: 70.07 })]);
  });

  it('a balance set to what it is changes nothing', () => {
    const [r] = sameAsOracle([cmdlet('Set-CsSimCommunicationsCredits', { Balance: 100 })]);
    expect(r?.changes).toEqual([]);
  });

  it('after a failed recharge, funds alone do not re-arm it but new settings do', () => {
    const { log } = sameAsOracle(
      [
        cmdlet('Add-CsSimCommunicationsCredits', { Amount: 1 }),
        cmdlet('Set-CsSimCommunicationsCredits', { Balance: 2 }),
        cmdlet('Set-CsSimCommunicationsCredits', { AutoRechargeThreshold: 15 }),
        cmdlet('Set-CsSimCommunicationsCredits', { RechargeFailureProbability: 0 }),
      ],
      { credits: { balance: 5, autoRecharge: { threshold: 10, amount: 50, failureProbability: 1 } }, draws: [0.3], spend: 1 },
    );
    // Failed at the start; funds and a balance do not retry; a new threshold retries (and fails);
    // a new failure probability retries and recharges.
    expect(log.filter((l) => l.startsWith('recharge')).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
      'rechargeFailed 0',
      'rechargeFailed 3000',
      'recharge 4000',
    ]);
  });

  it('a script with several credits cmdlets moves the ledger once, by the net change', () => {
    const [r] = sameAsOracle([
      ps('Add-CsSimCommunicationsCredits 5\nAdd-CsSimCommunicationsCredits 0.1\nSet-CsSimCommunicationsCredits -Balance 3.3 -AutoRechargeAmount 20\nAdd-CsSimCommunicationsCredits 0.7'),
    ]);
    expect(r?.changes.map((c) => c.type)).toEqual(['creditsChanged', 'creditsChanged', 'creditsChanged', 'creditsChanged']);
  });

  it('a script whose credits are changed and put back changes nothing', () => {
    sameAsOracle([ps('Set-CsSimCommunicationsCredits -Balance 1\nSet-CsSimCommunicationsCredits -Balance 100')]);
  });

  it('a refused cmdlet, -WhatIf and a script that stops after funds', () => {
    const results = sameAsOracle([
      cmdlet('Add-CsSimCommunicationsCredits', { Amount: -1 }),
      cmdlet('Add-CsSimCommunicationsCredits', { Amount: 10, WhatIf: true }),
      ps('Add-CsSimCommunicationsCredits 5\nMove-CsSimPhoneNumberOut -TelephoneNumber +19999999999 -ErrorAction Stop\nAdd-CsSimCommunicationsCredits 5'),
    ]);
    expect(results.map((r) => r.changes.length)).toEqual([0, 0, 1]);
  });

  it('a change that is not about credits leaves the ledger alone and reports its events', () => {
    const [r] = sameAsOracle([cmdlet('Move-CsSimPhoneNumberOut', { TelephoneNumber: RA_NUMBER })], { spend: 95 });
    expect(r?.changes).toEqual([{ type: 'numberPortedOut', telephoneNumber: RA_NUMBER, previousAssignee: expect.any(String) }]);
  });
});

describe('the result of applyTimelineEntry', () => {
  it('keeps its changes out of a timeline outcome made by spreading it', () => {
    const tenant = richTenant();
    const { ledger } = ledgerOf(tenant, [0.5]);
    const result = applyTimelineEntry(tenant, cmdlet('Move-CsSimPhoneNumberOut', { TelephoneNumber: RA_NUMBER }), ledger, 0);
    expect(result.changes).toHaveLength(1);
    expect(Object.keys({ at: 0, index: 0, ...result })).toEqual(['at', 'index', 'ok', 'text']);
    expect(JSON.stringify(result)).toBe(JSON.stringify({ ok: true, text: result.text }));
  });
});
