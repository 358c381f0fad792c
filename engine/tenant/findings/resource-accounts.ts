/**
 * Findings about the shared lines (RA001-RA009, RA011, RA012): the resource account each
 * Shared Calling policy names, its number, its funding, and the policy's callback pool size
 * aside (RA010 is in callback-pool.ts).
 */
import { findLocation, findVoiceRoutingPolicy, numberAssignedTo } from '../lookup.js';
import type { CountryCode, PhoneNumber, ResourceAccount, Tenant } from '../model.js';
import { finding, type Finding } from './finding.js';
import { attendantOf, sharedLines, sharedResourceAccounts } from './shared-calling.js';
import { psQuote } from '../ps-quote.js';

/**
 * Countries whose emergency service takes the address from Microsoft's own emergency database
 * (RA008). [choice] Puerto Rico counts with the US; other NANP territories and islands are
 * left out because Microsoft's North American emergency routing covers only the US and Canada.
 */
export const NORTH_AMERICA: readonly CountryCode[] = ['US', 'CA', 'PR'];

/** A Calling Plan service number (toll or toll-free): the kind that needs Pay-As-You-Go funding. */
function isCallingPlanService(number: PhoneNumber): boolean {
  return number.numberType === 'CallingPlan' && number.callingPlanUsage !== 'Subscriber';
}

/** Credits at zero with nothing to refill them. */
function creditsExhausted(tenant: Tenant): boolean {
  return tenant.credits.balance <= 0 && tenant.credits.autoRecharge === null;
}

/** Whether calls of this account are paid from Communications Credits rather than postpaid overage. */
function drawsOnCredits(tenant: Tenant, account: ResourceAccount): boolean {
  return account.licences.includes('CommunicationsCredits') || !tenant.credits.postpaidOverage;
}

export function resourceAccountFindings(tenant: Tenant): Finding[] {
  const findings: Finding[] = [];
  for (const account of tenant.resourceAccounts) {
    if (!account.licences.includes('TeamsPhoneResourceAccount')) {
      findings.push(
        finding(
          'RA011',
          'resourceAccount',
          account.userPrincipalName,
          `resource account ${account.userPrincipalName} has no Teams Phone Resource Account licence.`,
          `Assign a Microsoft Teams Phone Resource Account licence to ${account.userPrincipalName} (Microsoft 365 admin center, or Set-MgUserLicense).`,
        ),
      );
    }
  }
  for (const account of sharedResourceAccounts(tenant)) findings.push(...sharedAccountFindings(tenant, account));
  findings.push(...policyLineFindings(tenant));
  findings.push(...tollFreeFindings(tenant));
  return findings;
}

function sharedAccountFindings(tenant: Tenant, account: ResourceAccount): Finding[] {
  const upn = account.userPrincipalName;
  const findings: Finding[] = [];
  if (attendantOf(tenant, account) === undefined) {
    findings.push(
      finding(
        'RA001',
        'resourceAccount',
        upn,
        `resource account ${upn} has no auto attendant: inbound calls to the shared number are not answered.`,
        `Associate ${upn} with an auto attendant: New-CsOnlineApplicationInstanceAssociation -Identities (Get-CsOnlineUser ${psQuote(upn)}).Identity -ConfigurationId <auto attendant id> -ConfigurationType AutoAttendant`,
      ),
    );
  }
  const number = numberAssignedTo(tenant, account.objectId);
  if (number === undefined) return findings; // RA007, per policy
  const n = number.telephoneNumber;
  if (isCallingPlanService(number)) {
    if (!account.licences.includes('PayAsYouGoCallingPlan')) {
      findings.push(
        finding(
          'RA002',
          'resourceAccount',
          upn,
          `resource account ${upn} has Calling Plan service number ${n} but no Pay-As-You-Go Calling Plan licence: Shared Calling users hear "You are not set up to use this calling feature".`,
          `Assign a Microsoft Teams Calling Plan pay-as-you-go licence to ${upn}.`,
        ),
      );
    }
    if (!account.licences.includes('CommunicationsCredits') && !tenant.credits.postpaidOverage) {
      findings.push(
        finding(
          'RA003',
          'resourceAccount',
          upn,
          `resource account ${upn} has Calling Plan service number ${n} but no Communications Credits licence, and the tenant has no postpaid overage: outbound calls are not funded.`,
          `Assign a Communications Credits licence to ${upn}, or turn on pay-as-you-go overage for the tenant.`,
        ),
      );
    }
    if (creditsExhausted(tenant) && drawsOnCredits(tenant, account)) {
      findings.push(
        finding(
          'RA004',
          'resourceAccount',
          upn,
          `Communications Credits balance is ${tenant.credits.balance} ${tenant.credits.currency} with no auto-recharge, and resource account ${upn} (${n}) draws on it: outbound calls will fail.`,
          'Add funds to Communications Credits or turn on auto-recharge (Microsoft 365 admin center > Billing > Communications Credits).',
        ),
      );
    }
  }
  if (number.numberType === 'OperatorConnect' && number.operator?.supportsSharedCalling !== true) {
    const operator = number.operator?.name ?? 'an unnamed operator';
    findings.push(
      finding(
        'RA005',
        'resourceAccount',
        upn,
        `resource account ${upn} has Operator Connect number ${n} from ${operator}, which is not marked as supporting Shared Calling.`,
        `Confirm Shared Calling support with ${operator}, or give ${upn} a number from an operator that supports it.`,
      ),
    );
  }
  if (number.numberType === 'DirectRouting') {
    const routing = account.voiceRoutingPolicy === null ? undefined : findVoiceRoutingPolicy(tenant, account.voiceRoutingPolicy);
    if (routing === undefined || routing.onlinePstnUsages.length === 0) {
      const has = routing === undefined ? 'no voice routing policy' : `voice routing policy ${routing.identity} without PSTN usages`;
      findings.push(
        finding(
          'RA006',
          'resourceAccount',
          upn,
          `resource account ${upn} has Direct Routing number ${n} and ${has}: outbound Shared Calling calls have no route.`,
          `Grant-CsOnlineVoiceRoutingPolicy -Identity ${psQuote(upn)} -PolicyName <voice routing policy with PSTN usages>`,
        ),
      );
    }
  }
  const location = number.locationId === null ? undefined : findLocation(tenant, number.locationId);
  if (location !== undefined && !NORTH_AMERICA.includes(location.countryOrRegion)) {
    findings.push(
      finding(
        'RA008',
        'resourceAccount',
        upn,
        `the static location ${location.locationId} (${location.countryOrRegion}) of ${n} on resource account ${upn} is outside North America: the carrier's emergency database must hold it.`,
        `Have the carrier of ${n} upload its emergency address to the carrier's emergency database.`,
      ),
    );
  }
  return findings;
}

/** RA007 and RA009: per policy, since users see them through their policy. */
function policyLineFindings(tenant: Tenant): Finding[] {
  const findings: Finding[] = [];
  for (const line of sharedLines(tenant)) {
    const policy = line.policy.identity;
    if (line.resourceAccount === undefined) continue; // SC001, reported by POL001
    const upn = line.resourceAccount.userPrincipalName;
    if (line.number === undefined) {
      findings.push(
        finding(
          'RA007',
          'sharedCallingPolicy',
          policy,
          `policy ${policy}: resource account ${upn} no longer has a number (removed or ported): outbound calls fail.`,
          `Set-CsPhoneNumberAssignment -Identity ${psQuote(upn)} -PhoneNumber <number> -PhoneNumberType <type> -LocationId <location>, or Set-CsTeamsSharedCallingRoutingPolicy -Identity ${psQuote(policy)} -ResourceAccount <account with a number>`,
        ),
      );
    }
    if (line.policy.emergencyNumbers.length === 0) {
      findings.push(
        finding(
          'RA009',
          'sharedCallingPolicy',
          policy,
          `policy ${policy} has no emergency numbers: every callback from the emergency service goes to the resource account's number${line.number === undefined ? '' : ` ${line.number.telephoneNumber}`}, i.e. the auto attendant, not to the person who called (CBK003).`,
          `Set-CsTeamsSharedCallingRoutingPolicy -Identity ${psQuote(policy)} -EmergencyNumbers @{add='<unassigned number>'}`,
        ),
      );
    }
  }
  return findings;
}

/** RA012: toll-free numbers that answer inbound calls stop with the credits too. */
function tollFreeFindings(tenant: Tenant): Finding[] {
  if (!creditsExhausted(tenant)) return [];
  const findings: Finding[] = [];
  for (const number of tenant.numbers) {
    if (number.numberType !== 'CallingPlan' || number.callingPlanUsage !== 'TollFreeService') continue;
    const account = tenant.resourceAccounts.find((r) => r.objectId === number.assignedPstnTargetId);
    if (account === undefined || !drawsOnCredits(tenant, account)) continue;
    findings.push(
      finding(
        'RA012',
        'number',
        number.telephoneNumber,
        `Communications Credits balance is ${tenant.credits.balance} ${tenant.credits.currency} with no auto-recharge: inbound calls to toll-free number ${number.telephoneNumber} (${account.userPrincipalName}) stop too, not only outbound calls.`,
        'Add funds to Communications Credits or turn on auto-recharge (Microsoft 365 admin center > Billing > Communications Credits).',
      ),
    );
  }
  return findings;
}
