/** New-/Set-/Get-/Remove-/Grant-CsTeamsSharedCallingRoutingPolicy. */
import { findSharedCallingPolicy } from '../lookup.js';
import { newSharedCallingPolicy, removeSharedCallingPolicy, setSharedCallingPolicy } from '../operations/shared-calling.js';
import { sharedCallingPolicyObject } from './objects.js';
import { emit, fail, fromOp, wildcard } from './result.js';
import { grantSpec } from './grants.js';
import type { CmdletSpec } from './spec.js';

const POLICY_PARAMETERS = [
  { name: 'Identity', type: 'string', position: 0 },
  { name: 'ResourceAccount', type: 'string' },
  { name: 'EmergencyNumbers', type: 'listModifier' },
  { name: 'Description', type: 'string' },
] as const;

export const sharedCallingCmdlets: CmdletSpec[] = [
  {
    name: 'New-CsTeamsSharedCallingRoutingPolicy',
    synopsis: 'Creates a Shared Calling policy: a resource account and its emergency callback numbers.',
    parameters: POLICY_PARAMETERS.map((p) => ({ ...p })),
    run(t, a) {
      const params = {
        identity: a.string('Identity') ?? '',
        resourceAccount: a.string('ResourceAccount') ?? null,
        ...(a.has('EmergencyNumbers') ? { emergencyNumbers: a.modifier('EmergencyNumbers') ?? {} } : {}),
        ...(a.has('Description') ? { description: a.string('Description') ?? '' } : {}),
      };
      return fromOp(newSharedCallingPolicy(t, params), (p) => [sharedCallingPolicyObject(p)]);
    },
  },
  {
    name: 'Set-CsTeamsSharedCallingRoutingPolicy',
    synopsis: 'Changes a Shared Calling policy (emergency numbers with @{add=}/@{remove=}/@{replace=}).',
    parameters: POLICY_PARAMETERS.map((p) => ({ ...p, ...(p.name === 'Identity' ? { mandatory: true, pipeline: 'propertyName' as const } : {}) })),
    run(t, a) {
      const params = {
        identity: a.string('Identity') ?? '',
        ...(a.has('ResourceAccount') ? { resourceAccount: a.string('ResourceAccount') ?? '' } : {}),
        ...(a.has('EmergencyNumbers') ? { emergencyNumbers: a.modifier('EmergencyNumbers') ?? {} } : {}),
        ...(a.has('Description') ? { description: a.string('Description') ?? '' } : {}),
      };
      return fromOp(setSharedCallingPolicy(t, params));
    },
  },
  {
    name: 'Get-CsTeamsSharedCallingRoutingPolicy',
    synopsis: 'Lists Shared Calling policies: all, one by -Identity, or by -Filter (wildcards, e.g. "tag:*").',
    parameters: [
      { name: 'Identity', type: 'string', position: 0, sets: ['Identity'] },
      { name: 'Filter', type: 'string', sets: ['Filter'] },
    ],
    sets: ['Identity', 'Filter'],
    run(t, a) {
      const identity = a.string('Identity');
      if (identity !== undefined && identity !== null) {
        if (/[*?]/.test(identity)) return fail('InvalidParameterValue', '-Identity takes no wildcards; use -Filter, e.g. -Filter "tag:*".');
        const p = findSharedCallingPolicy(t, identity);
        if (p === undefined) return fail('InvalidParameterValue', `there is no Shared Calling policy ${identity}.`);
        return emit([sharedCallingPolicyObject(p)]);
      }
      const filter = a.string('Filter');
      const all = t.sharedCallingPolicies.map(sharedCallingPolicyObject);
      if (filter === undefined || filter === null) return emit(all);
      const re = wildcard(filter);
      return emit(all.filter((o) => re.test(o.text)));
    },
  },
  {
    name: 'Remove-CsTeamsSharedCallingRoutingPolicy',
    synopsis: 'Removes a Shared Calling policy (Global is reset to empty); takes policies from the pipeline.',
    parameters: [{ name: 'Identity', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' }],
    run(t, a) {
      return fromOp(removeSharedCallingPolicy(t, a.string('Identity') ?? ''));
    },
  },
  grantSpec('Grant-CsTeamsSharedCallingRoutingPolicy', 'SharedCalling'),
];
