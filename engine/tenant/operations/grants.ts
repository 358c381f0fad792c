/**
 * Grant-Cs<Type>Policy: to a user, a group (with rank), the whole tenant, or (voice routing) a
 * resource account. GRT001 refuses an unknown policy, user or group.
 */
import {
  findEmergencyCallRoutingPolicy,
  findResourceAccount,
  findSharedCallingPolicy,
  findUser,
  findVoiceRoutingPolicy,
} from '../lookup.js';
import { sameData, type GrantedTo, type TenantChange } from '../changes.js';
import type { PolicyGrants, PolicyType, Tenant } from '../model.js';
import { refuse, succeedEmpty, type OpResult } from './result.js';

export type GrantTarget =
  | { kind: 'user'; identity: string }
  | { kind: 'group'; group: string; rank: number }
  | { kind: 'tenant' }
  | { kind: 'resourceAccount'; identity: string };

export interface GrantParams {
  policyType: PolicyType;
  /** Policy name without `Tag:`; null removes the grant. */
  policyName: string | null;
  to: GrantTarget;
}

const FIELD: Record<PolicyType, keyof PolicyGrants> = {
  SharedCalling: 'sharedCalling',
  VoiceRouting: 'voiceRouting',
  EmergencyCallRouting: 'emergencyCallRouting',
};

const LABEL: Record<PolicyType, string> = {
  SharedCalling: 'Shared Calling policy',
  VoiceRouting: 'online voice routing policy',
  EmergencyCallRouting: 'emergency call routing policy',
};

const GET_CMDLET: Record<PolicyType, string> = {
  SharedCalling: 'Get-CsTeamsSharedCallingRoutingPolicy',
  VoiceRouting: 'Get-CsOnlineVoiceRoutingPolicy',
  EmergencyCallRouting: 'Get-CsTeamsEmergencyCallRoutingPolicy',
};

function canonicalPolicyName(t: Tenant, type: PolicyType, name: string): string | undefined {
  switch (type) {
    case 'SharedCalling':
      return findSharedCallingPolicy(t, name)?.identity;
    case 'VoiceRouting':
      return findVoiceRoutingPolicy(t, name)?.identity;
    case 'EmergencyCallRouting':
      return findEmergencyCallRoutingPolicy(t, name)?.identity;
  }
}

export function grantPolicy(t: Tenant, params: GrantParams): OpResult {
  const { policyType, to } = params;
  const label = LABEL[policyType];
  let policyName: string | null = null;
  if (params.policyName !== null) {
    const found = canonicalPolicyName(t, policyType, params.policyName);
    if (found === undefined) {
      return refuse('GRT001', `there is no ${label} ${params.policyName} to grant (${GET_CMDLET[policyType]} lists them).`);
    }
    policyName = found;
  }
  const shown = policyName ?? '$null';
  const name = policyName;
  const granted = (changed: boolean, target: GrantedTo): TenantChange[] =>
    changed ? [{ type: 'policyGranted', policyType, policyName: name, target }] : [];
  switch (to.kind) {
    case 'user': {
      const user = findUser(t, to.identity);
      if (user === undefined) {
        if (policyType === 'VoiceRouting' && findResourceAccount(t, to.identity) !== undefined) {
          return grantPolicy(t, { ...params, to: { kind: 'resourceAccount', identity: to.identity } });
        }
        return refuse('GRT001', `there is no user ${to.identity} to grant ${label} ${shown} to (Get-CsOnlineUser lists them).`);
      }
      const changed = user.policies[FIELD[policyType]] !== policyName;
      user.policies[FIELD[policyType]] = policyName;
      return succeedEmpty(
        [
          policyName === null
            ? `${user.userPrincipalName}: direct ${label} grant removed`
            : `${user.userPrincipalName}: granted ${label} ${policyName}`,
        ],
        granted(changed, { kind: 'user', objectId: user.objectId }),
      );
    }
    case 'resourceAccount': {
      const ra = findResourceAccount(t, to.identity);
      if (ra === undefined || policyType !== 'VoiceRouting') {
        return refuse('GRT001', `there is no user ${to.identity} to grant ${label} ${shown} to.`);
      }
      const changed = ra.voiceRoutingPolicy !== policyName;
      ra.voiceRoutingPolicy = policyName;
      return succeedEmpty([`resource account ${ra.userPrincipalName}: granted ${label} ${shown}`], granted(changed, { kind: 'resourceAccount', objectId: ra.objectId }));
    }
    case 'group': {
      const group = t.groups.find((g) => g.id.toLowerCase() === to.group.toLowerCase() || g.displayName.toLowerCase() === to.group.toLowerCase());
      if (group === undefined) return refuse('GRT001', `there is no group ${to.group} to grant ${label} ${shown} to.`);
      const before = t.groupPolicyAssignments;
      const others = before.filter((a) => !(a.policyType === policyType && a.groupId === group.id));
      if (policyName === null) {
        t.groupPolicyAssignments = others;
        return succeedEmpty([`group ${group.displayName}: ${label} grant removed`], granted(others.length !== before.length, { kind: 'group', groupId: group.id, rank: null }));
      }
      if (!Number.isInteger(to.rank) || to.rank < 1) {
        return refuse('InvalidParameterValue', `-Rank must be a whole number of 1 or more (got ${to.rank}).`);
      }
      t.groupPolicyAssignments = [...others, { policyType, groupId: group.id, policyName, rank: to.rank }];
      // Granting again what is already the last assignment changes nothing; anything else moves
      // this group's assignment to the end, which decides ties of rank (GRT001).
      return succeedEmpty(
        [`group ${group.displayName}: granted ${label} ${policyName} at rank ${to.rank}`],
        granted(!sameData(before, t.groupPolicyAssignments), { kind: 'group', groupId: group.id, rank: to.rank }),
      );
    }
    case 'tenant': {
      const changed = t.tenantGrants[policyType] !== policyName;
      t.tenantGrants[policyType] = policyName;
      return succeedEmpty(
        [policyName === null ? `tenant-wide ${label} grant removed` : `tenant-wide: granted ${label} ${policyName} to users without a direct grant`],
        granted(changed, { kind: 'tenant' }),
      );
    }
  }
}
