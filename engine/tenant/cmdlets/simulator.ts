/**
 * callsim-only cmdlets (the `CsSim` noun prefix says so): changes Teams makes outside
 * PowerShell that timelines and scripts still need, such as buying Communications Credits.
 */
import type { CommunicationsCredits } from '../model.js';
import { addCommunicationsCredits, setCommunicationsCredits } from '../operations/setup.js';
import { fromOp } from './result.js';
import type { CmdletSpec } from './spec.js';

export const simulatorCmdlets: CmdletSpec[] = [
  {
    name: 'Add-CsSimCommunicationsCredits',
    synopsis: 'callsim only: buys Communications Credits (adds -Amount to the balance).',
    parameters: [{ name: 'Amount', type: 'number', position: 0, mandatory: true }],
    run(t, a) {
      return fromOp(addCommunicationsCredits(t, a.number('Amount') ?? 0));
    },
  },
  {
    name: 'Set-CsSimCommunicationsCredits',
    synopsis: 'callsim only: sets the Communications Credits balance and auto-recharge.',
    parameters: [
      { name: 'Balance', type: 'number' },
      { name: 'AutoRechargeThreshold', type: 'number' },
      { name: 'AutoRechargeAmount', type: 'number' },
      { name: 'AutoRechargeEnabled', type: 'bool' },
      { name: 'RechargeFailureProbability', type: 'number' },
      { name: 'PostpaidOverage', type: 'bool' },
    ],
    run(t, a) {
      const patch: Partial<CommunicationsCredits> = {};
      const balance = a.number('Balance');
      if (balance !== undefined) patch.balance = balance;
      const overage = a.bool('PostpaidOverage');
      if (overage !== undefined) patch.postpaidOverage = overage;
      const touchesRecharge = ['AutoRechargeThreshold', 'AutoRechargeAmount', 'AutoRechargeEnabled', 'RechargeFailureProbability'].some((n) => a.has(n));
      if (touchesRecharge) {
        if (a.bool('AutoRechargeEnabled') === false) patch.autoRecharge = null;
        else {
          const current = t.credits.autoRecharge ?? { threshold: 0, amount: 0, failureProbability: 0 };
          patch.autoRecharge = {
            threshold: a.number('AutoRechargeThreshold') ?? current.threshold,
            amount: a.number('AutoRechargeAmount') ?? current.amount,
            failureProbability: a.number('RechargeFailureProbability') ?? current.failureProbability,
          };
        }
      }
      return fromOp(setCommunicationsCredits(t, patch));
    },
  },
];
