/**
 * A timeline change applied to a running replication: the cmdlet (or PowerShell line) changes the
 * run's tenant and reports what it changed as typed events (engine/tenant/changes.ts); the
 * Communications Credits events reach the running ledger here, and the caller hands all of them
 * to whatever else follows the tenant (TenantView, CallbackPools, DerivedTenantFacts).
 */
import { runScriptOnTenant } from '../powershell/index.js';
import type { CreditsLedger } from '../runtime/index.js';
import type { Scenario } from '../scenario/index.js';
import { invokeCmdlet, type Tenant, type TenantChange } from '../tenant/index.js';

export interface TimelineOutcome {
  at: number;
  index: number;
  ok: boolean;
  /** What the change did, or the refusal (with its rule ID). */
  text: string;
}

/** What applying one timeline entry did. */
export interface TimelineEntryResult {
  ok: boolean;
  text: string;
  /**
   * The tenant's change events, in the order the cmdlets made them (none for a refusal).
   * Not enumerable: a TimelineOutcome made with `{ at, index, ...result }` is a line of the
   * results document and must not carry them.
   */
  readonly changes: TenantChange[];
}

/** Apply one timeline change to the run's tenant; credits changes reach the running ledger. */
export function applyTimelineEntry(
  tenant: Tenant,
  entry: Scenario['timeline'][number],
  ledger: CreditsLedger,
  now: number,
): TimelineEntryResult {
  // The tenant's balance is the starting balance; the ledger holds the running one. Show the
  // cmdlet the running balance, then carry any change it made back to the ledger.
  tenant.credits.balance = ledger.balance;
  let result: { ok: boolean; text: string };
  let changes: TenantChange[];
  if (entry.kind === 'cmdlet') {
    const r = invokeCmdlet(tenant, entry.invocation);
    result = r.ok
      ? { ok: true, text: [entry.invocation.name, ...r.changes].join(': ') }
      : { ok: false, text: `${entry.invocation.name}: ${r.refusal.message}` };
    changes = r.ok ? r.events : [];
  } else {
    const transcript = runScriptOnTenant(tenant, entry.source, `timeline[${entry.index}]`);
    const errors = transcript.entries.filter((e) => e.kind === 'error');
    result = { ok: errors.length === 0 && transcript.completed, text: transcript.entries.map((e) => e.text).join(' | ') };
    changes = transcript.changes;
  }
  applyCreditsChanges(tenant, changes, ledger, now);
  return withChanges(result, changes);
}

/**
 * The ledger follows the tenant's credits events: new settings (anything but the balance)
 * re-arm a failed auto-recharge (docs/choices.md), funds alone do not; what the balance moved is
 * added to or taken from the running balance.
 */
function applyCreditsChanges(tenant: Tenant, changes: readonly TenantChange[], ledger: CreditsLedger, now: number): void {
  let last: Extract<TenantChange, { type: 'creditsChanged' }> | undefined;
  let settingsChanged = false;
  for (const change of changes) {
    if (change.type !== 'creditsChanged') continue;
    last = change;
    settingsChanged ||= change.settingsChanged;
  }
  if (last === undefined) return;
  // The cmdlets started from the ledger's balance, so where the last change left the balance is
  // the sum of their deltas (taken from it rather than summed, so no rounding creeps in).
  const delta = last.balance - ledger.balance;
  if (settingsChanged) ledger.reconfigure(tenant.credits);
  if (delta > 0) ledger.addFunds(now, delta);
  else if (delta < 0) ledger.debit(now, -delta, 'other');
  ledger.settle(now);
}

function withChanges(result: { ok: boolean; text: string }, changes: TenantChange[]): TimelineEntryResult {
  return Object.defineProperty({ ok: result.ok, text: result.text }, 'changes', { value: changes, enumerable: false }) as TimelineEntryResult;
}
