/** Grant-Cs<Type>Policy: one spec per policy type, same parameter sets. */
import type { PolicyType } from '../model.js';
import { grantPolicy, type GrantTarget } from '../operations/grants.js';
import { fromOp } from './result.js';
import type { CmdletSpec } from './spec.js';

export function grantSpec(name: string, policyType: PolicyType): CmdletSpec {
  return {
    name,
    synopsis: `Grants a policy to a user (-Identity), a group (-Group -Rank) or the tenant (-Global); -PolicyName $null removes the grant.`,
    parameters: [
      { name: 'Identity', type: 'string', position: 0, mandatory: ['GrantToUser'], sets: ['GrantToUser'], pipeline: 'propertyName' },
      { name: 'PolicyName', type: 'string', position: 1, nullable: true },
      { name: 'Group', type: 'string', mandatory: ['GrantToGroup'], sets: ['GrantToGroup'] },
      { name: 'Rank', type: 'int', mandatory: ['GrantToGroup'], sets: ['GrantToGroup'] },
      { name: 'Global', type: 'switch', mandatory: ['GrantToTenant'], sets: ['GrantToTenant'] },
    ],
    sets: ['GrantToUser', 'GrantToGroup', 'GrantToTenant'],
    run(t, a) {
      let to: GrantTarget;
      if (a.set === 'GrantToGroup') to = { kind: 'group', group: a.string('Group') ?? '', rank: a.number('Rank') ?? 0 };
      else if (a.set === 'GrantToTenant') to = { kind: 'tenant' };
      else to = { kind: 'user', identity: a.string('Identity') ?? '' };
      const policyName = a.string('PolicyName');
      return fromOp(grantPolicy(t, { policyType, policyName: policyName === undefined ? null : policyName, to }));
    },
  };
}
