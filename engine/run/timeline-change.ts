/**
 * A timeline change applied to a running replication: the cmdlet (or PowerShell line) changes the
 * run's tenant, and a change to the Communications Credits reaches the running ledger.
 */
import { runScriptOnTenant } from '../powershell/index.js';
import type { CreditsLedger } from '../runtime/index.js';
import type { Scenario } from '../scenario/index.js';
import { invokeCmdlet, type Tenant } from '../tenant/index.js';

export interface TimelineOutcome {
  at: number;
  index: number;
  ok: boolean;
  /** What the change did, or the refusal (with its rule ID). */
  text: string;
}

/** Apply one timeline change to the run's tenant; credits changes reach the running ledger. */
export function applyTimelineEntry(
  tenant: Tenant,
  entry: Scenario['timeline'][number],
  ledger: CreditsLedger,
  now: number,
): { ok: boolean; text: string } {
  // The tenant's balance is the starting balance; the ledger holds the running one. Show the
  // cmdlet the running balance, then carry any change it made back to the ledger.
  tenant.credits.balance = ledger.balance;
  const creditsBefore = JSON.stringify(tenant.credits);
  const settingsBefore = creditsSettings(tenant);
  let result: { ok: boolean; text: string };
  if (entry.kind === 'cmdlet') {
    const r = invokeCmdlet(tenant, entry.invocation);
    result = r.ok
      ? { ok: true, text: [entry.invocation.name, ...r.changes].join(': ') }
      : { ok: false, text: `${entry.invocation.name}: ${r.refusal.message}` };
  } else {
    const transcript = runScriptOnTenant(tenant, entry.source, `timeline[${entry.index}]`);
    const errors = transcript.entries.filter((e) => e.kind === 'error');
    result = { ok: errors.length === 0 && transcript.completed, text: transcript.entries.map((e) => e.text).join(' | ') };
  }
  if (JSON.stringify(tenant.credits) !== creditsBefore) {
    const delta = tenant.credits.balance - ledger.balance;
    // Only new settings re-arm a failed auto-recharge (docs/choices.md); funds alone do not.
    if (creditsSettings(tenant) !== settingsBefore) ledger.reconfigure(tenant.credits);
    if (delta > 0) ledger.addFunds(now, delta);
    else if (delta < 0) ledger.debit(now, -delta, 'other');
    ledger.settle(now);
  }
  return result;
}

/** The Communications Credits settings (everything but the balance), to compare before and after a change. */
function creditsSettings(tenant: Tenant): string {
  const { balance: _balance, ...settings } = tenant.credits;
  return JSON.stringify(settings);
}
