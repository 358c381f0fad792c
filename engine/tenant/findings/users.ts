/**
 * Findings about users (USR001-USR010): whether each user who should call through a shared
 * number really does, and whether inbound callers can reach them through its auto attendant.
 */
import {
  effectiveEmergencyCallRoutingPolicy,
  effectivePolicyName,
  effectiveVoiceRoutingPolicy,
  hasPstnUsages,
  isExtensionDialingNumber,
  numberAssignedTo,
  ownCallingNumber,
  type GrantSource,
} from '../lookup.js';
import type { EmergencyCallRoutingPolicy, Tenant, User } from '../model.js';
import { hasExtension } from '../phone-number.js';
import { psQuote } from '../ps-quote.js';
import { finding, type Finding } from './finding.js';
import { attendantOf, inDialScope, menusOf, sharedLineOfUser, type SharedLine } from './shared-calling.js';

const SOURCE_TEXT: Record<GrantSource, string> = {
  direct: 'granted directly',
  group: 'granted through a group',
  tenant: 'granted tenant-wide',
  global: 'the Global instance',
};

export function userFindings(tenant: Tenant): Finding[] {
  const findings: Finding[] = [];
  for (const user of tenant.users) {
    const line = sharedLineOfUser(tenant, user);
    if (line === undefined) findings.push(...nonSharedCallingUserFindings(tenant, user));
    else findings.push(...sharedCallingUserFindings(tenant, user, line));
  }
  return findings;
}

/**
 * USR008: an Enterprise Voice user with neither a number to call with nor a shared one. An
 * extension-dialing number (a Direct Routing `;ext=` number without PSTN usages, USR003) is no
 * number to call with: such a user relies on Shared Calling too.
 */
function nonSharedCallingUserFindings(tenant: Tenant, user: User): Finding[] {
  if (!user.enterpriseVoiceEnabled || ownCallingNumber(tenant, user) !== undefined) return [];
  const upn = user.userPrincipalName;
  const effective = effectivePolicyName(tenant, user, 'SharedCalling');
  const withAccount = tenant.sharedCallingPolicies.find((p) => p.resourceAccount !== null);
  const extension = numberAssignedTo(tenant, user.objectId);
  const numberText =
    extension === undefined
      ? 'with no number of their own'
      : `with only the extension-dialing number ${extension.telephoneNumber} (Direct Routing, no PSTN usages)`;
  return [
    finding(
      'USR008',
      'user',
      upn,
      `${upn} is Enterprise Voice enabled ${numberText}, and their Shared Calling policy ${effective.name} (${SOURCE_TEXT[effective.source]}) has no resource account: they cannot call the PSTN at all.`,
      `Grant-CsTeamsSharedCallingRoutingPolicy -Identity ${psQuote(upn)} -PolicyName ${withAccount === undefined ? '<policy with a resource account>' : psQuote(withAccount.identity)}`,
    ),
  ];
}

function sharedCallingUserFindings(tenant: Tenant, user: User, line: SharedLine): Finding[] {
  const upn = user.userPrincipalName;
  const policy = line.policy.identity;
  const findings: Finding[] = [];
  if (!user.licences.includes('TeamsPhone')) {
    findings.push(
      finding(
        'USR001',
        'user',
        upn,
        `${upn} is granted Shared Calling policy ${policy} but has no Teams Phone licence.`,
        `Assign a Teams Phone licence to ${upn} (Microsoft 365 admin center, or Set-MgUserLicense).`,
      ),
    );
  }
  if (!user.enterpriseVoiceEnabled) {
    findings.push(
      finding(
        'USR002',
        'user',
        upn,
        `${upn} is granted Shared Calling policy ${policy} but is not Enterprise Voice enabled.`,
        `Set-CsPhoneNumberAssignment -Identity ${psQuote(upn)} -EnterpriseVoiceEnabled $true`,
      ),
    );
  }
  // An extension-dialing number (Direct Routing `;ext=`, no PSTN usages) is Shared Calling's own
  // set-up for dialling users by extension, not a number they call with (USR003).
  const own = ownCallingNumber(tenant, user);
  if (own !== undefined) {
    const extensionHint =
      own.numberType === 'DirectRouting' && hasExtension(own.telephoneNumber)
        ? ' (a Direct Routing number with an extension is Shared Calling extension dialing only under a voice routing policy without PSTN usages, USR004)'
        : '';
    findings.push(
      finding(
        'USR003',
        'user',
        upn,
        `${upn} is granted Shared Calling policy ${policy} but has a number of their own, ${own.telephoneNumber}: they call with it, not the shared number${extensionHint}.`,
        `Remove-CsPhoneNumberAssignment -Identity ${psQuote(upn)} -PhoneNumber ${psQuote(own.telephoneNumber)} -PhoneNumberType ${own.numberType}`,
      ),
    );
  }
  findings.push(...voiceRoutingFindings(tenant, user, policy));
  findings.push(...emergencyRoutingFindings(tenant, user, line));
  findings.push(...attendantReachFindings(tenant, user, line));
  return findings;
}

function voiceRoutingFindings(tenant: Tenant, user: User, policy: string): Finding[] {
  const routing = effectiveVoiceRoutingPolicy(tenant, user);
  if (routing === undefined || routing.onlinePstnUsages.length === 0) return [];
  const upn = user.userPrincipalName;
  const source = effectivePolicyName(tenant, user, 'VoiceRouting').source;
  const cause =
    source === 'global' || source === 'tenant'
      ? '; the usual cause is a Global voice routing policy with usages'
      : '';
  const empty = tenant.voiceRoutingPolicies.find((p) => p.onlinePstnUsages.length === 0 && p.identity !== 'Global');
  const fix =
    empty === undefined
      ? `New-CsOnlineVoiceRoutingPolicy -Identity NoPSTN -OnlinePstnUsages @(); Grant-CsOnlineVoiceRoutingPolicy -Identity ${psQuote(upn)} -PolicyName NoPSTN`
      : `Grant-CsOnlineVoiceRoutingPolicy -Identity ${psQuote(upn)} -PolicyName ${psQuote(empty.identity)}`;
  return [
    finding(
      'USR004',
      'user',
      upn,
      `${upn} has voice routing policy ${routing.identity} (${SOURCE_TEXT[source]}) with PSTN usages ${routing.onlinePstnUsages.join(', ')}, so they do not use Shared Calling policy ${policy}${cause}.`,
      fix,
    ),
  ];
}

/**
 * An ECRP that is missing, or the Global instance with no emergency numbers, defines nothing for
 * the user: that is "no emergency call routing policy" (USR005), and then USR006 has nothing to judge.
 */
function grantedEmergencyPolicy(tenant: Tenant, user: User): EmergencyCallRoutingPolicy | undefined {
  const policy = effectiveEmergencyCallRoutingPolicy(tenant, user);
  if (policy === undefined) return undefined;
  if (policy.identity.toLowerCase() === 'global' && policy.emergencyNumbers.length === 0) return undefined;
  return policy;
}

function emergencyRoutingFindings(tenant: Tenant, user: User, line: SharedLine): Finding[] {
  const upn = user.userPrincipalName;
  const emergency = grantedEmergencyPolicy(tenant, user);
  const wantsUsages = line.number?.numberType === 'DirectRouting';
  if (emergency === undefined) {
    const candidate = tenant.emergencyCallRoutingPolicies.find(
      (p) => p.identity.toLowerCase() !== 'global' && p.emergencyNumbers.length > 0 && hasPstnUsages(p) === wantsUsages,
    );
    return [
      finding(
        'USR005',
        'user',
        upn,
        `${upn} is granted Shared Calling policy ${line.policy.identity} but has no emergency call routing policy.`,
        `Grant-CsTeamsEmergencyCallRoutingPolicy -Identity ${psQuote(upn)} -PolicyName ${candidate === undefined ? '<emergency call routing policy>' : psQuote(candidate.identity)}`,
      ),
    ];
  }
  if (line.number === undefined || hasPstnUsages(emergency) === wantsUsages) return [];
  const numberText = `resource account number ${line.number.telephoneNumber} of policy ${line.policy.identity} is ${line.number.numberType}`;
  const text = wantsUsages
    ? `${upn} has emergency call routing policy ${emergency.identity} with no PSTN usages while the ${numberText}: it needs usages to route emergency calls.`
    : `${upn} has emergency call routing policy ${emergency.identity} with PSTN usages while the ${numberText}: it must have none.`;
  const fix = wantsUsages
    ? `Set-CsTeamsEmergencyCallRoutingPolicy -Identity ${psQuote(emergency.identity)} -EmergencyNumbers @{add=(New-CsTeamsEmergencyNumber -EmergencyDialString 911 -OnlinePSTNUsage <usage>)}, or grant ${upn} a policy with usages`
    : `Grant-CsTeamsEmergencyCallRoutingPolicy -Identity ${psQuote(upn)} -PolicyName <emergency call routing policy without PSTN usages>`;
  return [finding('USR006', 'user', upn, text, fix)];
}

/** USR007, USR009, USR010: reaching the user through the attendant that answers the shared number. */
function attendantReachFindings(tenant: Tenant, user: User, line: SharedLine): Finding[] {
  const attendant = attendantOf(tenant, line.resourceAccount);
  if (attendant === undefined) return [];
  const upn = user.userPrincipalName;
  if (!inDialScope(attendant, user)) {
    return [
      finding(
        'USR007',
        'user',
        upn,
        `${upn} is outside the dial scope of auto attendant ${attendant.name}, which answers the shared number of policy ${line.policy.identity}: inbound callers cannot reach them.`,
        `Add one of ${upn}'s groups to the inclusion scope of ${attendant.name} or take it out of the exclusion scope (New-CsAutoAttendantDialScope, Set-CsAutoAttendant).`,
      ),
    ];
  }
  const findings: Finding[] = [];
  const menus = menusOf(attendant);
  const byExtension = menus.find((m) => m.menu.directorySearch === 'ByExtension');
  if (byExtension !== undefined && (user.extension === null || user.extension === '')) {
    findings.push(
      finding(
        'USR009',
        'user',
        upn,
        `auto attendant ${attendant.name} offers dial by extension (${byExtension.where}), but ${upn} has no extension in a directory phone attribute (${sourceOfNoExtension(tenant, user)}): callers cannot reach them by extension.`,
        `Set an extension on ${upn} in a directory phone attribute, e.g. Update-MgUser -UserId ${psQuote(upn)} -BusinessPhones 'x1234'.`,
      ),
    );
  }
  const search = menus.find((m) => m.menu.directorySearch !== 'None');
  if (search !== undefined && user.hiddenFromAddressLists) {
    findings.push(
      finding(
        'USR010',
        'user',
        upn,
        `${upn} is hidden from the address list: the directory search of auto attendant ${attendant.name} (${search.where}, ${search.menu.directorySearch}) skips them.`,
        `Set-Mailbox -Identity ${psQuote(upn)} -HiddenFromAddressListsEnabled $false`,
      ),
    );
  }
  return findings;
}

/**
 * Why the attendant has no extension for a user without a directory one: a Shared Calling user
 * has no Teams number, and dial by extension never reads one anyway, not even the `;ext=` of an
 * extension-dialing number.
 */
function sourceOfNoExtension(tenant: Tenant, user: User): string {
  const number = numberAssignedTo(tenant, user.objectId);
  if (number !== undefined && isExtensionDialingNumber(tenant, user, number)) {
    return `dial by extension does not read the extension of their Teams number ${number.telephoneNumber}`;
  }
  return 'Shared Calling users have no Teams number to take it from';
}
