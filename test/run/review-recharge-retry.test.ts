/**
 * Review: docs/choices.md says a failed auto-recharge "is not retried until the balance is back at
 * or above the threshold or the settings change". Buying a little credit by hand
 * (Add-CsSimCommunicationsCredits) that leaves the balance below the threshold is neither.
 */
import { describe, expect, it } from 'vitest';
import { mean, run, smallScenario } from '../fixtures/run/small-tenant.js';

function failingRecharge(timeline: object[]): ReturnType<typeof smallScenario> {
  const s = smallScenario();
  s.tenant.credits = {
    balance: 5,
    autoRecharge: { threshold: 10, amount: 50, failureProbability: 1 },
    ratesPerMinute: { default: 0.02 },
  };
  s.timeline = timeline;
  return s;
}

describe('a failed auto-recharge', () => {
  it('is not retried when funds added by hand leave the balance below the threshold', () => {
    const result = run(failingRecharge([{ at: '1h', do: 'Add-CsSimCommunicationsCredits', Amount: 1 }]));
    expect(mean(result, 'timeline.applied')).toBe(1);
    expect(mean(result, 'credits.fundsAdded')).toBe(1);
    expect(mean(result, 'credits.rechargesFailed')).toBe(1);
  });

  it('is retried when the auto-recharge settings change', () => {
    const result = run(failingRecharge([{ at: '1h', do: 'Set-CsSimCommunicationsCredits', AutoRechargeAmount: 60 }]));
    expect(mean(result, 'timeline.applied')).toBe(1);
    expect(mean(result, 'credits.rechargesFailed')).toBe(2);
  });
});
