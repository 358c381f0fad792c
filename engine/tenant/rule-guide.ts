/**
 * For every rule of docs/rules.md: an example of what an administrator sees when the rule applies,
 * and the fix, in one or two plain sentences each (no markdown), for `callsim explain RULEID`.
 *
 * A fix that starts with a cmdlet name (Verb-Noun) is PowerShell that callsim's own parser reads
 * (test/cli/explain.test.ts checks it); anything after `#` in it is a comment that says what else
 * to do. For a call outcome the fix is what to change in the tenant so the call ends better, or
 * "nothing: this is the call working" when the outcome is the call doing what it should.
 */
import type { RuleId } from './rules.js';

export interface RuleGuide {
  /** What an administrator would see (a refused command, a finding, a call). */
  example: string;
  /** What to do about it. */
  fix: string;
}

const WORKING = 'nothing: this is the call working.';

/** Every rule ID must have an entry: a missing one is a compile error. */
export const RULE_GUIDE: Readonly<Record<RuleId, RuleGuide>> = {
  // §1 Refusals
  SC001: {
    example: 'New-CsTeamsSharedCallingRoutingPolicy -Identity Seattle without -ResourceAccount, or naming a resource account that does not exist, is refused and nothing is created.',
    fix: "New-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -ResourceAccount 'main-aa@contoso.com'",
  },
  SC002: {
    example: 'A policy naming the resource account main-aa, which has no phone number yet, is refused.',
    fix: 'Assign a service number with an emergency location to the resource account first (Set-CsPhoneNumberAssignment), then create the policy again.',
  },
  SC003: {
    example: "The resource account's service number has no emergency location, so the policy is refused; in some Calling Plan markets only the service desk can set it, and for Operator Connect only the operator.",
    fix: "Set-CsPhoneNumberAssignment -PhoneNumber '+14255550100' -LocationId seattle-hq  # take the location's ID from Get-CsOnlineLisLocation",
  },
  SC004: {
    example: 'A Direct Routing number added as an emergency number to a policy whose resource account has a Calling Plan number is refused.',
    fix: "Use emergency numbers of the same number type as the resource account's number (CallingPlan, OperatorConnect or DirectRouting).",
  },
  SC005: {
    example: 'A +44 number added as an emergency number to a policy whose resource account has a +1 number is refused.',
    fix: "Use emergency numbers of the resource account number's country; another country needs its own resource account and policy.",
  },
  SC006: {
    example: 'A policy on a resource account with an Australian Calling Plan service number is refused (the same for Romania, Czech Republic, Hungary, Singapore, New Zealand and Japan).',
    fix: 'Use a Direct Routing or Operator Connect number in those countries, or ask the Telephone Number Services desk about the specific number.',
  },
  SC007: {
    example: 'Adding +14255556789 to the Redmond policy is refused because the Seattle policy already lists it.',
    fix: "Set-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -EmergencyNumbers @{remove='+14255556789'}  # then add the number to the other policy, or pick another free number",
  },
  SC008: {
    example: "An emergency number that is still assigned to a user, or the resource account's own number given as an emergency number, is refused.",
    fix: "Remove-CsPhoneNumberAssignment -Identity 'user05@contoso.com' -RemoveAll  # this frees the user's number; then add it to the policy",
  },
  SC009: {
    example: 'A Calling Plan service number offered as an emergency number of a policy whose resource account has a Calling Plan service number is refused.',
    fix: 'Acquire Calling Plan subscriber (user) numbers, leave them unassigned, and give those as the emergency numbers.',
  },
  SC010: {
    example: 'A policy with no emergency numbers on a resource account with a toll-free Calling Plan service number is refused: callbacks would go to the toll-free number.',
    fix: 'Give the policy unassigned Calling Plan subscriber numbers as emergency numbers when you create it (New-CsTeamsSharedCallingRoutingPolicy -EmergencyNumbers).',
  },
  SC011: {
    example: 'An emergency number the tenant never acquired, such as one copied from another tenant, is refused.',
    fix: 'Acquire the number into the tenant first (Calling Plan: the Teams admin center; Operator Connect: the operator), then add it to the policy.',
  },
  SC012: {
    example: "Removing +14255550199 from the Seattle policy's emergency numbers when the policy does not list it is refused, and so is adding a number it already lists.",
    fix: 'Look at the list first with Get-CsTeamsSharedCallingRoutingPolicy -Identity Seattle, then use add for new numbers, remove for listed ones, and a plain list only to replace them all.',
  },
  NUM001: {
    example: "Releasing or reassigning +14255556789 is refused while the Seattle policy lists it as an emergency number; it shows as assigned to the policy, not to a person.",
    fix: "Set-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -EmergencyNumbers @{remove='+14255556789'}  # then release or reassign the number",
  },
  NUM002: {
    example: "The number a former employee used (a Calling Plan subscriber number) cannot be given to the auto attendant's resource account.",
    fix: 'Have the service desk convert it to a service number, or acquire a service number for the resource account.',
  },
  NUM003: {
    example: "'tel:+14255550100' and '+1425555010' (nine digits after the 1) are refused, and so is ';ext=101' on a Calling Plan number.",
    fix: "Write numbers in E.164 form with a leading +, such as '+14255550100', and keep ;ext= for Direct Routing numbers.",
  },
  NUM004: {
    example: 'Assigning a number that another user already holds, or a LocationId that does not exist, is refused.',
    fix: "Get-CsPhoneNumberAssignment -TelephoneNumber '+14255550100'  # see who holds the number and remove it there first; take location IDs from Get-CsOnlineLisLocation",
  },
  NUM005: {
    example: 'Set-CsPhoneNumberAssignment -Identity user05@contoso.com -EnterpriseVoiceEnabled $false is refused while user05 holds a number.',
    fix: "Remove-CsPhoneNumberAssignment -Identity 'user05@contoso.com' -RemoveAll  # removing the number turns Enterprise Voice off with it",
  },
  NUM006: {
    example: "Assigning a Calling Plan number to a user without a Calling Plan licence is refused: the user lacks appropriate licenses to assign a 'CallingPlan' number.",
    fix: 'Assign a Teams Calling Plan licence to the user first, or leave the user without a number: a Shared Calling user needs none.',
  },
  NUM007: {
    example: 'A service number cannot be assigned to a resource account just made with New-CsOnlineApplicationInstance: it has no licence yet.',
    fix: 'Assign the Microsoft Teams Phone Resource Account licence in the Microsoft 365 admin center first, then assign the number.',
  },
  GRT001: {
    example: 'Grant-CsTeamsSharedCallingRoutingPolicy -Identity user05@contoso.com -PolicyName Seatle (a typo) is refused and nothing changes.',
    fix: "Grant-CsTeamsSharedCallingRoutingPolicy -Identity 'user05@contoso.com' -PolicyName Seattle",
  },
  AA006: {
    example: "New-CsAutoAttendantPrompt -AudioFilePrompt $file is refused: callsim holds text-to-speech prompts only, and says so rather than dropping the audio.",
    fix: "New-CsAutoAttendantPrompt -TextToSpeechPrompt 'Welcome to Contoso'  # use text-to-speech, one greeting per call flow",
  },
  AA007: {
    example: "New-CsAutoAttendantMenuOption -Action TransferCallToTarget -DtmfResponse Tone1 without -CallTarget is refused.",
    fix: "Give TransferCallToTarget a -CallTarget from New-CsAutoAttendantCallableEntity, and Announcement a -Prompt.",
  },
  AA008: {
    example: "A menu with an Automatic option and a Tone1 option is refused: the Automatic option runs before any key can be pressed.",
    fix: "Make the Automatic option the only option of its menu, or use keys 0 to 9 for every option.",
  },
  AA009: {
    example: "New-CsOnlineSchedule -WeeklyRecurrentSchedule -MondayHours 09:00-13:00 and 12:00-17:00 is refused: the two ranges overlap.",
    fix: "Give each day ranges that do not overlap, for example 09:00-12:00 and 13:00-17:00.",
  },
  AA010: {
    example: "New-CsOnlineDateTimeRange -Start 26/12/2026 -End 24/12/2026 is refused: the range ends before it starts.",
    fix: "New-CsOnlineDateTimeRange -Start '25/12/2026 00:00' -End '26/12/2026 00:00'",
  },
  AA011: {
    example: "New-CsAutoAttendantCallHandlingAssociation -Type Holiday with the Id of a weekly schedule is refused.",
    fix: "Use a -FixedSchedule schedule for a Holiday association and a -WeeklyRecurrentSchedule one for AfterHours, passing the schedule's Id.",
  },
  AA012: {
    example: "New-CsAutoAttendant with an association whose call flow is not in -CallFlows is refused: the attendant would have nothing to run.",
    fix: "Pass every call flow an association names in -CallFlows, for example -CallFlows @($afterHoursCallFlow).",
  },
  AA013: {
    example: "New-CsAutoAttendant -TimeZoneId 'Seattle' is refused: it is not a time zone.",
    fix: "Use a supported time zone such as Pacific Standard Time (or an IANA name such as America/Los_Angeles) and a language such as en-US.",
  },
  AA014: {
    example: "New-CsAutoAttendantDialScope -GroupScope -GroupIds naming a group that does not exist is refused.",
    fix: "Name existing groups by id; the scenario's tenant.groups lists them.",
  },
  AA015: {
    example: "Get-CsAutoAttendant -Identity with a mistyped id is refused, as is associating a resource account with it.",
    fix: "Get-CsAutoAttendant  # lists every auto attendant with its Identity",
  },
  AA016: {
    example: "Associating a CallQueue resource account with an auto attendant is refused: its application type does not match.",
    fix: "Create the resource account with the auto attendant ApplicationId (New-CsOnlineApplicationInstance) and associate that one.",
  },
  AA017: {
    example: "Associating main-aa with a second auto attendant is refused while it still answers for the first.",
    fix: "Remove-CsOnlineApplicationInstanceAssociation -Identities 'main-aa@contoso.com'  # then associate it with the new attendant",
  },
  AA018: {
    example: "Remove-CsOnlineApplicationInstanceAssociation for a resource account that answers for no attendant is refused.",
    fix: "Get-CsOnlineApplicationInstanceAssociation -Identity 'main-aa@contoso.com'  # shows what the resource account is associated with",
  },
  AA019: {
    example: "Remove-CsAutoAttendant on the attendant behind the main number is refused: callers would reach nothing.",
    fix: "Remove-CsOnlineApplicationInstanceAssociation -Identities 'main-aa@contoso.com'  # then remove the attendant",
  },
  NET001: {
    example: "New-CsTenantNetworkSite -NetworkSiteID Bellevue when a Bellevue site already exists is refused.",
    fix: "Get-CsTenantNetworkSite -Identity Bellevue  # change the existing site instead of creating it again",
  },
  NET002: {
    example: "New-CsTenantNetworkSite -NetworkSiteID Bellevue -NetworkRegionID PNW before the PNW region exists is refused.",
    fix: "New-CsTenantNetworkRegion -NetworkRegionID PNW  # then create the site again",
  },
  NET003: {
    example: "A site given the Global emergency call routing policy, or a policy that does not exist, is refused.",
    fix: "New-CsTeamsEmergencyCallRoutingPolicy -Identity Bellevue-Emergency  # then name it with -EmergencyCallRoutingPolicy",
  },
  NET004: {
    example: "New-CsTenantNetworkSubnet -SubnetID 10.2.0.0 -MaskBits 33, or an address such as 10.2.0, is refused.",
    fix: "New-CsTenantNetworkSubnet -SubnetID 10.2.0.0 -MaskBits 24 -NetworkSiteID Bellevue",
  },
  NET005: {
    example: "New-CsTenantNetworkSubnet -SubnetID 2001:4898:e8:25::0 -MaskBits 120 is refused: callsim models IPv4 networks only.",
    fix: "Describe the site with its IPv4 subnets, for example New-CsTenantNetworkSubnet -SubnetID 10.10.10.128 -MaskBits 25 -NetworkSiteID Bellevue.",
  },
  NET006: {
    example: "A subnet for site Bellevue before that site exists is refused.",
    fix: "New-CsTenantNetworkSite -NetworkSiteID Bellevue  # then add the subnet again",
  },
  NET007: {
    example: "10.2.0.0/16 for Bellevue while 10.2.1.0/24 belongs to Redmond is refused: a subnet belongs to one site.",
    fix: "Split the range so that no two sites hold the same addresses, or move the existing subnet with Set-CsTenantNetworkSubnet.",
  },
  NET008: {
    example: "Set-CsOnlineLisWirelessAccessPoint -BSSID F0-6E-0B-C2-03 (five octets), or F0-6E-*, is refused.",
    fix: "Set-CsOnlineLisWirelessAccessPoint -BSSID F0-6E-0B-C2-03-23 -LocationId bellevue-2f",
  },
  NET009: {
    example: "Set-CsOnlineLisSubnet -Subnet 10.2.0.0 -LocationId bellevue-2f before that location exists is refused.",
    fix: "Create the location with New-CsOnlineLisLocation (or in the scenario's tenant.locations) first, then bind the subnet to it.",
  },
  NET010: {
    example: "Remove-CsTenantNetworkSite -Identity Belevue (a typo for Bellevue) is refused: there is no such site, and nothing changes.",
    fix: "Get-CsTenantNetworkSite  # find the site's exact name, then run the command again with it",
  },
  NET011: {
    example: "Remove-CsOnlineLisWirelessAccessPoint -BSSID F0-6E-0B-C2-03-24 is refused when LIS holds F0-6E-0B-C2-03-23 only.",
    fix: "Get-CsOnlineLisWirelessAccessPoint  # find the entry as LIS holds it (a range by its *), then remove that one",
  },
  NET012: {
    example: "Remove-CsTenantNetworkRegion -Identity PugetSound is refused while sites Seattle and Bellevue are in that region.",
    fix: "Set-CsTenantNetworkSite -Identity Bellevue -NetworkRegionID $null  # for each site of the region; then remove the region",
  },
  NET013: {
    example: "Remove-CsTenantNetworkSite -Identity Bellevue is refused while subnet 10.2.0.0/24 belongs to Bellevue.",
    fix: "Remove-CsTenantNetworkSubnet -Identity 10.2.0.0  # or move it with Set-CsTenantNetworkSubnet -NetworkSiteID; then remove the site",
  },

  // §2 Findings
  USR001: {
    example: 'validate reports user05, granted the Seattle policy, with no Teams Phone licence: their outbound calls fail (OUT002) and so do their emergency calls (EMG009).',
    fix: 'Assign a Teams Phone licence to the user in the Microsoft 365 admin center.',
  },
  USR002: {
    example: 'user05 has the Seattle policy but is not Enterprise Voice enabled: they cannot call out (OUT002) or make an emergency call (EMG009).',
    fix: "Set-CsPhoneNumberAssignment -Identity 'user05@contoso.com' -EnterpriseVoiceEnabled $true",
  },
  USR003: {
    example: 'user05 kept an old number of their own: their calls show that number, are not billed to the shared account (OUT003), and their emergency calls take no callback number (EMG008).',
    fix: 'Remove the number with Remove-CsPhoneNumberAssignment and turn Enterprise Voice back on with Set-CsPhoneNumberAssignment, or leave the user out of Shared Calling on purpose.',
  },
  USR004: {
    example: "A Global voice routing policy with PSTN usages sends every Shared Calling user's calls out through Direct Routing, with no error anywhere (OUT003).",
    fix: "New-CsOnlineVoiceRoutingPolicy -Identity NoPstn; Grant-CsOnlineVoiceRoutingPolicy -Identity 'user05@contoso.com' -PolicyName NoPstn  # grant this policy, which has no PSTN usages, to every Shared Calling user",
  },
  USR005: {
    example: 'user05 has no emergency call routing policy, so 911 is not recognised as an emergency call and goes out as an ordinary call (EMG001).',
    fix: "Grant-CsTeamsEmergencyCallRoutingPolicy -Identity 'user05@contoso.com' -PolicyName US-Emergency  # create it first with the country's emergency dial strings",
  },
  USR006: {
    example: "The Direct Routing emergency policy (with PSTN usages) was reused for users of a Calling Plan resource account: their 911 calls find no route (EMG010).",
    fix: "Grant-CsTeamsEmergencyCallRoutingPolicy -Identity 'user05@contoso.com' -PolicyName US-Emergency-CP  # keep one policy per number type: no PSTN usages for Calling Plan and Operator Connect, usages for Direct Routing",
  },
  USR007: {
    example: "user05 is on the Seattle policy but outside the auto attendant's dial scope: a caller who asks for them is told they are not found (INB013).",
    fix: "Add the user, or a group they are in, to the auto attendant's dial scope inclusion, or take them out of its exclusion.",
  },
  USR008: {
    example: 'An Enterprise Voice user with no number whose only Shared Calling policy is the empty Global one cannot call the PSTN, not even 911 (OUT002, EMG009).',
    fix: "Grant-CsTeamsSharedCallingRoutingPolicy -Identity 'user05@contoso.com' -PolicyName Seattle",
  },
  RA001: {
    example: 'Callers to the shared number hear it ring and nobody answers, because no auto attendant is linked to the resource account (INB001).',
    fix: 'Create an auto attendant and associate it with the resource account (in a scenario, under autoAttendants).',
  },
  RA002: {
    example: 'Every outbound Shared Calling call fails and the caller hears "You are not set up to use this calling feature" (OUT005).',
    fix: 'Assign a Pay-As-You-Go Calling Plan licence to the resource account; Direct Routing and Operator Connect numbers need none.',
  },
  RA003: {
    example: 'Every outbound Shared Calling call fails with the "not set up to use this calling feature" prompt, because nothing pays for the minutes (OUT005).',
    fix: 'Assign a Communications Credits licence to the resource account and fund it, or turn on postpaid overage; Direct Routing and Operator Connect need neither.',
  },
  RA004: {
    example: 'A one-time credit runs out after a few weeks: from then on every outbound call fails (OUT006), and calls to a toll-free number are not answered (INB019).',
    fix: 'Set-CsSimCommunicationsCredits -AutoRechargeEnabled $true -AutoRechargeAmount 200; Set-CsSimCommunicationsCredits -AutoRechargeThreshold 50  # in Teams, turn on auto-recharge in the admin center',
  },
  RA005: {
    example: 'Calls on an Operator Connect number fail or the operator rejects the setup, and no Teams error says why.',
    fix: 'Confirm with the operator that it supports Shared Calling before you design around it, or use a number from an operator that does.',
  },
  RA006: {
    example: 'Users of a Direct Routing resource account cannot call out: the resource account has no voice routing policy with PSTN usages, so there is no route.',
    fix: "Grant-CsOnlineVoiceRoutingPolicy -Identity 'main-aa@contoso.com' -PolicyName US-DirectRouting  # grant a policy that has PSTN usages",
  },
  RA007: {
    example: 'After the main number was ported to a new carrier the Seattle policy still looks fine, but every user on it fails to call out (OUT004) and callers never reach the tenant (INB018).',
    fix: 'Assign a number with an emergency location to the resource account again, or point the policy at a resource account that has one.',
  },
  RA008: {
    example: "A London resource account number's address is not in the carrier's emergency database, so emergency calls reach the service without a usable address.",
    fix: "Ask each carrier outside North America to load the address of the resource account's number into its emergency database.",
  },
  RA009: {
    example: "The Seattle policy has no emergency numbers: after user05 calls 911, the emergency service's callback reaches the main number's auto attendant menu, not user05 (CBK003).",
    fix: "Set-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -EmergencyNumbers @{add='+14255556789'}  # use unassigned subscriber numbers of the same type and country",
  },
  RA010: {
    example: "Two callback numbers for 400 users: a third emergency call within the hour takes over a reserved number, and the earlier caller's callback rings someone else (EMG004, CBK001).",
    fix: "Set-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -EmergencyNumbers @{add='+14255556790'}  # add as many numbers as the warning's estimate needs, and callsim compare the two pools",
  },
  RA011: {
    example: 'The resource account has no Teams Phone Resource Account licence: it cannot be given a number, and one whose licence was swapped in two steps may stop working.',
    fix: 'Assign the free Microsoft Teams Phone Resource Account licence in one change (not remove, save, add, save); if it is broken, recreate the resource account.',
  },
  RA012: {
    example: 'Once the credit balance is at zero, callers to the toll-free number are not answered (INB019), not only outbound calls failing (OUT006).',
    fix: 'Set-CsSimCommunicationsCredits -AutoRechargeEnabled $true -AutoRechargeAmount 200; Set-CsSimCommunicationsCredits -AutoRechargeThreshold 50  # in Teams, turn on auto-recharge in the admin center',
  },
  USR009: {
    example: "A caller enters 101 for user05 and hears it is not found: the attendant reads extensions only from directory phone attributes, and user05 has none.",
    fix: "Write the extension into a directory phone attribute (for example +14255550100;ext=101 or x101), wait for directory sync, and test it by calling.",
  },
  USR010: {
    example: 'user05, hidden from the address list long ago, cannot be found by name or by extension in the auto attendant.',
    fix: 'Show the user in the address list again, or route callers to them by a menu key.',
  },
  SITE001: {
    example: "In a tenant that has Calling Plan Shared Calling and Direct Routing side by side, the office network site's emergency policy cannot be used (EMG006).",
    fix: 'Remove the emergency call routing policies from the network sites and grant the right policy to each user instead.',
  },
  AA001: {
    example: 'A menu that maps * to the operator, or key 1 to two options, is reported as an error.',
    fix: 'Use keys 0 to 9, one option per key, and do not promise * or # in the prompts.',
  },
  AA002: {
    example: 'Business hours of 09:10 to 17:00, a range that ends before it starts, or a 21st holiday is reported as an error.',
    fix: 'Start and end ranges on the quarter hour with the start first, and keep to 20 holidays and 10 ranges in a fixed schedule.',
  },
  AA003: {
    example: 'A menu option transfers to a toll-free number, a number in national format, or a user who is not Enterprise Voice enabled: the transfer would fail.',
    fix: "Transfer to an existing Enterprise Voice user, or to an E.164 number that is not toll-free and is on the same kind of trunk as the resource account.",
  },
  AA004: {
    example: 'An after-hours greeting is set up, but business hours are the 24/7 default, so it never plays.',
    fix: 'Set business hours for each day, then check which flow runs at a chosen time with callsim trace.',
  },
  AA005: {
    example: 'Two holiday sets of one attendant both cover 24 to 26 December; Teams refuses them only at the final save.',
    fix: 'Trim or merge the holiday sets so that no two overlap; keep one holiday set per time zone.',
  },
  POL001: {
    example: 'A scenario file whose tenant lists an emergency number that is also assigned to a user is reported as an error under that refusal rule, SC008.',
    fix: 'Fix what the named refusal rule asks for (callsim explain that ID), as the cmdlet would have required.',
  },
  NET040: {
    example: "Site Bellevue has subnet 10.2.0.0/24, but LIS has no entry for it: 911 calls from Bellevue carry the Seattle head office address.",
    fix: "Set-CsOnlineLisSubnet -Subnet 10.2.0.0 -LocationId bellevue-2f",
  },
  NET041: {
    example: "Seattle has a site emergency policy and Bellevue has none: Bellevue clients keep their own policy.",
    fix: "New-CsTeamsEmergencyCallRoutingPolicy -Identity Bellevue-Emergency  # then set it on the Bellevue site",
  },
  NET042: {
    example: "Sites and subnets are defined, but no trusted IP address: every client is off the trusted network.",
    fix: "New-CsTenantTrustedIPAddress -IPAddress 203.0.113.0 -MaskBits 24 -Description 'Head office egress'",
  },
  NET043: {
    example: "LIS binds access point F0-6E-0B-C2-03-24 to the 3rd floor, but no client of the workload is ever there: often a typo.",
    fix: "Check the BSSID, chassis ID or subnet against the network, and the workload's clients against where people sit.",
  },
  NET044: {
    example: "30% of the workload's emergency calls come from clients at home or on VPN: they would carry the head office address (the static location).",
    fix: "Let remote users confirm their address, split-tunnel Teams traffic, and add trusted IPs and LIS entries for every office subnet (NET040, NET042).",
  },

  // §3 Outcomes: outbound
  OUT001: {
    example: 'user05 calls a customer, who sees the Seattle main number +14255550100 as the caller ID.',
    fix: WORKING,
  },
  OUT002: {
    example: "user05's call fails at once: their policy has no resource account, or they lack a Teams Phone licence or Enterprise Voice (USR001, USR002, USR008).",
    fix: "Grant-CsTeamsSharedCallingRoutingPolicy -Identity 'user05@contoso.com' -PolicyName Seattle  # and give the user a Teams Phone licence and Enterprise Voice too",
  },
  OUT003: {
    example: "user05's call goes out on their own number or on a Direct Routing route, and is not billed to the shared account (USR003, USR004).",
    fix: "Grant the user a voice routing policy with no PSTN usages and remove their own number, as validate's USR003 and USR004 say.",
  },
  OUT004: {
    example: "Every outbound call of the Seattle policy's users fails after the main number was ported (RA007).",
    fix: 'Assign a number with an emergency location to the resource account again.',
  },
  OUT005: {
    example: 'The caller hears "You are not set up to use this calling feature" and the call fails (RA002, RA003).',
    fix: 'Assign the Pay-As-You-Go Calling Plan and Communications Credits licences to the resource account and fund the credits.',
  },
  OUT006: {
    example: 'The credit balance reached zero mid-month: every new outbound call fails until credits are added.',
    fix: 'Add-CsSimCommunicationsCredits 200  # then turn on auto-recharge (RA004); in Teams, buy credits in the admin center',
  },
  OUT007: {
    example: 'At the busy hour the 21st simultaneous call through a resource account capped at 20 channels fails.',
    fix: 'Raise settings.channelCap in the scenario, or spread the users over more resource accounts and policies.',
  },

  // §3 Outcomes: inbound
  INB001: {
    example: 'A customer calls the main number and it rings out: no auto attendant answers it (RA001).',
    fix: 'Link an auto attendant to the resource account.',
  },
  INB002: {
    example: 'A caller on 25 December hears the holiday greeting.',
    fix: WORKING,
  },
  INB003: {
    example: 'A caller at 20:00 hears the after-hours greeting.',
    fix: WORKING,
  },
  INB004: {
    example: 'A caller at 10:00 hears the business-hours menu.',
    fix: WORKING,
  },
  INB010: {
    example: 'The caller pressed 1 for sales and user05 answered.',
    fix: WORKING,
  },
  INB011: {
    example: 'The caller pressed 0 and was put through to the operator.',
    fix: WORKING,
  },
  INB012: {
    example: 'A caller says "Smith" and more than five users match, so the directory search fails.',
    fix: 'Narrow the dial scope, or give callers a menu key or dial by extension for the common names.',
  },
  INB013: {
    example: 'A caller asks for user05 by name, but user05 is outside the dial scope and is not found (USR007).',
    fix: "Add the user to the dial scope's inclusion, or take them out of its exclusion.",
  },
  INB014: {
    example: 'The caller presses an unmapped key three times and is disconnected, because no operator is set.',
    fix: 'Set an operator so that failed menu attempts reach a person, and name the valid keys in the menu prompt.',
  },
  INB015: {
    example: 'The after-hours flow plays its greeting and hangs up, or sends the caller to shared voicemail, as it was set up to.',
    fix: 'nothing: this is the call working (change the call flow if it should go somewhere else).',
  },
  INB016: {
    example: 'user05 did not answer the transfer, and the caller left a voicemail message.',
    fix: WORKING,
  },
  INB017: {
    example: 'user05 did not answer the transfer and has voicemail turned off, so the caller is disconnected.',
    fix: "Turn the user's voicemail on, or transfer to a target that is always answered.",
  },
  INB018: {
    example: 'Callers to the main number, ported away last week, never reach the tenant (RA007).',
    fix: 'Assign the number, or a new one, to the resource account again, and tell callers if it changed.',
  },
  INB019: {
    example: 'Callers to the toll-free number are not answered while the credit balance is at zero (RA012).',
    fix: 'Set-CsSimCommunicationsCredits -AutoRechargeEnabled $true -AutoRechargeAmount 200; Set-CsSimCommunicationsCredits -AutoRechargeThreshold 50  # in Teams, turn on auto-recharge in the admin center',
  },
  INB020: {
    example: "At the busy hour a caller hears busy: every channel of the resource account is in use.",
    fix: 'Raise settings.channelCap in the scenario, or spread the users over more resource accounts.',
  },

  // §3 Outcomes: emergency
  EMG001: {
    example: 'user05 dials 112 under a US policy that knows only 911, so it goes out as an ordinary outbound call.',
    fix: 'Add every dial string your users may dial, with masks such as 112 to 911, to the emergency call routing policy.',
  },
  EMG002: {
    example: "user05 calls from home over a VPN: no trusted network matches, so the emergency service gets the office address of the main number.",
    fix: "nothing: this is the call working; for the caller's own address, define trusted IPs and network locations so their dynamic location is found.",
  },
  EMG003: {
    example: "user05's 911 call gets the callback number +14255556789, reserved for them for 60 minutes.",
    fix: WORKING,
  },
  EMG004: {
    example: "A second emergency call within the hour finds no free number and takes user05's, so the callback meant for user05 rings the second caller (CBK001).",
    fix: "Set-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -EmergencyNumbers @{add='+14255556790'}  # add callback numbers until validate no longer warns RA010",
  },
  EMG005: {
    example: "The policy lists no emergency numbers, so the main number is the callback number and the callback reaches the auto attendant (CBK003, RA009).",
    fix: "Set-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -EmergencyNumbers @{add='+14255556789'}",
  },
  EMG006: {
    example: "A user of a Direct Routing resource account calls 911: the call goes out through the PSTN usages of their emergency call routing policy to the SBC.",
    fix: WORKING,
  },
  EMG007: {
    example: 'user05 calls 911 again after 20 minutes and keeps the same callback number, reserved for another 60 minutes.',
    fix: WORKING,
  },
  EMG008: {
    example: "user05, who has a number of their own, calls 911 through their own routing, and no callback number from the pool is used (USR003, USR004).",
    fix: 'nothing if the user is meant to keep their own number; otherwise remove it and grant a voice routing policy with no PSTN usages.',
  },
  EMG009: {
    example: "user05 has no Teams Phone licence, is not Enterprise Voice enabled, or has only the empty Global policy: their 911 call does not go out.",
    fix: 'Give the user a Teams Phone licence and Enterprise Voice, and grant them a Shared Calling policy with a resource account (USR001, USR002, USR008).',
  },
  EMG010: {
    example: "Users of a Calling Plan resource account have the Direct Routing emergency policy, with PSTN usages: their 911 call is not carried (USR006).",
    fix: "Grant-CsTeamsEmergencyCallRoutingPolicy -Identity 'user05@contoso.com' -PolicyName US-Emergency-CP  # a policy with no PSTN usages for Calling Plan and Operator Connect",
  },
  EMG011: {
    example: 'The main number was ported and the policy lists no emergency numbers: the emergency service has no number to call back.',
    fix: "Set-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -EmergencyNumbers @{add='+14255556789'}  # and give the resource account a number again",
  },
  EMG012: {
    example: 'The caller is not on a trusted network and the main number has no static location: the emergency service is not told where the caller is.',
    fix: "Set-CsPhoneNumberAssignment -PhoneNumber '+14255550100' -LocationId seattle-hq  # take the location's ID from Get-CsOnlineLisLocation",
  },
  EMG013: {
    example: 'user05 dials 933 to test: the call is routed and located, takes no callback number and is not called back.',
    fix: WORKING,
  },
  NET020: {
    example: "The emergency call routing policy in effect has AllowEnhancedEmergencyServices off: the call carries the static location of the main number.",
    fix: "Set-CsTeamsEmergencyCallRoutingPolicy -Identity Seattle -AllowEnhancedEmergencyServices $true",
  },
  NET021: {
    example: "user05 calls 911 from home: the public IP is not trusted, so the call carries the head office address.",
    fix: "nothing in the network can fix a home address: let remote users confirm their address (external location lookup), and split-tunnel VPN traffic.",
  },
  NET022: {
    example: "user05 calls 911 on the 2nd-floor Wi-Fi: LIS matches the access point's BSSID and sends the 2nd-floor address.",
    fix: "nothing: this is the call working.",
  },
  NET023: {
    example: "user05 calls 911 from a desk phone: LIS matches switch port 5 and sends that desk's address.",
    fix: "nothing: this is the call working.",
  },
  NET024: {
    example: "user05 calls 911 on a wired port that is not in LIS: the switch's entry gives its floor's address.",
    fix: "nothing: this is the call working.",
  },
  NET025: {
    example: "user05 calls 911 on a subnet that LIS knows: the subnet's location is sent.",
    fix: "nothing: this is the call working.",
  },
  NET026: {
    example: "user05 calls 911 at the Bellevue branch, on the trusted network, but no LIS entry matches: the call carries the head office address.",
    fix: "Set-CsOnlineLisSubnet -Subnet 10.2.0.0 -LocationId bellevue-2f",
  },
  NET027: {
    example: "With no dynamic location, the 911 call carries the static location of the resource account's number (the head office).",
    fix: "Set-CsPhoneNumberAssignment -PhoneNumber '+14255550100' -LocationId seattle-hq  # and add the missing LIS entries so callers are found where they are",
  },
  NET028: {
    example: "user05's laptop is on 10.2.0.0/24, a subnet of site Bellevue, behind a trusted IP: the Bellevue site policy replaces the user's.",
    fix: "nothing: this is the call working.",
  },

  // §3 Outcomes: callback
  CBK001: {
    example: "The emergency service calls +14255556789 back and user05, who holds it, answers; if another call took the number over (EMG004), someone else's phone rings.",
    fix: 'nothing: this is the call working when it reaches the caller; if it was misrouted, add callback numbers to the policy (RA010).',
  },
  CBK002: {
    example: 'A callback more than 60 minutes after the emergency call finds no reservation and reaches the auto attendant.',
    fix: "Nothing in the tenant keeps a reservation past 60 minutes; give the auto attendant's menu a quick route to reception for such callbacks.",
  },
  CBK003: {
    example: 'The callback goes to the main number and reaches the auto attendant menu, not user05 (EMG005, RA009).',
    fix: "Set-CsTeamsSharedCallingRoutingPolicy -Identity Seattle -EmergencyNumbers @{add='+14255556789'}",
  },
  CBK004: {
    example: "user05's phone rings with the callback, but they do not answer.",
    fix: 'nothing in the tenant: the callback reached the right person; tell users to keep their phone at hand after an emergency call.',
  },
  // §4 Command refusals
  POOL001: {
    example: "callsim size-pool tenant.yaml on a scenario without tenant.policies.sharedCalling stops with POOL001.",
    fix: "Size a scenario that declares the Shared Calling policy, or give plain numbers: callsim size-pool --users 300 --emergency-rate 0.02/user/day.",
  },
  POOL002: {
    example: "callsim size-pool on a scenario with policies Seattle and Redmond, without --policy, stops with POOL002.",
    fix: "Name the pool to size: callsim size-pool FILE --policy Seattle.",
  },
  POOL003: {
    example: "callsim size-pool FILE --policy Seatle (a typo) stops with POOL003 and lists the policies there are.",
    fix: "Give --policy one of the identities the message lists.",
  },
  POOL004: {
    example: "callsim size-pool FILE --sizes 0..12 on a policy with no emergency number whose resource account has no number in tenant.numbers stops with POOL004.",
    fix: "Declare the resource account's number in tenant.numbers, or give the policy one emergency number for size-pool to copy.",
  },
  POOL005: {
    example: "callsim size-pool FILE --sizes 12..0 or --target 'lost<1%' stops with POOL005.",
    fix: "Write --sizes 0..12 or 1,2,4, and --target as nofree, misrouted, attendant or unanswered <= a share, such as 'misrouted<=0.1%'.",
  },
  POOL006: {
    example: "callsim size-pool --users 300 without --emergency-rate stops with POOL006.",
    fix: "Give both --users N and --emergency-rate R/user/day, and no FILE; or a FILE and neither.",
  },
  POOL007: {
    example: "callsim size-pool FILE on a scenario whose workload has no emergency section stops with POOL007.",
    fix: "Add workload.emergency (rate, duration, callback) to the scenario, or give plain numbers.",
  },
  WKL001: {
    example: 'incidents: [{ location: campsu, calls: 20, within: 10m, at: 1d }] in a tenant whose location is campus stops the scenario with WKL001 at that line.',
    fix: 'Name a location id of tenant.locations in the incident (the message lists them).',
  },
  // Call queues: §1 refusals CQ001-CQ010, §2 findings CQ011-CQ015, §3 outcomes CQ020-CQ027
  CQ001: {
    example: "New-CsCallQueue without -Name, or with the identity of a queue that exists, is refused and nothing is created.",
    fix: "Give the queue a -Name, and a new identity.",
  },
  CQ002: {
    example: "New-CsCallQueue -Name Sales -AgentAlertTime 5 is refused: agents ring for 15 to 180 seconds.",
    fix: "Set -AgentAlertTime between 15 and 180 seconds (30 is the default).",
  },
  CQ003: {
    example: "A -OverflowThreshold of 500 callers, or a -TimeoutThreshold of an hour, is refused.",
    fix: "Keep -OverflowThreshold within 0-200 callers and -TimeoutThreshold within 0-2700 seconds.",
  },
  CQ004: {
    example: "Associating the AutoAttendant resource account main-aa with the Sales queue is refused.",
    fix: "Create a resource account of type CallQueue for the queue and associate that one.",
  },
  CQ005: {
    example: "Set-CsCallQueue -TimeoutAction DisconnectWithBusy is refused: busy is an overflow action only.",
    fix: "Use an action the parameter takes (see the rule).",
  },
  CQ006: {
    example: "-OverflowAction Forward without -OverflowActionTarget is refused.",
    fix: "Give the action its target, or choose a disconnect action.",
  },
  CQ007: {
    example: "-TimeoutAction Forward to a resource account that does not exist, or Voicemail to a group, is refused.",
    fix: "Name an existing user, resource account, group or an E.164 number, as the action takes.",
  },
  CQ008: {
    example: "A call queue with 25 agents in -Users is refused.",
    fix: "Put the agents in a group and give it in -DistributionLists.",
  },
  CQ009: {
    example: "An agent UPN that is not a user of the tenant is refused.",
    fix: "Create the user first, or fix the UPN.",
  },
  CQ010: {
    example: "A queue with -AllowOptOut $false and an opted-out agent is refused.",
    fix: "Allow opt-out, or opt the agent in.",
  },
  CQ011: {
    example: "The Sales queue has no agent who can take a call: every caller goes to the no-agents action.",
    fix: "Add agents (users or a group) to the queue, or opt them in.",
  },
  CQ012: {
    example: "An agent of the Sales queue is not Enterprise Voice enabled: the queue never offers them a call.",
    fix: "Enable Enterprise Voice for the agent (Set-CsPhoneNumberAssignment -EnterpriseVoiceEnabled $true), or remove them from the queue.",
  },
  CQ013: {
    example: "The Sales queue overflows to the Support queue, which times out back to Sales: a call would go round for ever.",
    fix: "Send one of the actions to a user, voicemail or a disconnect instead.",
  },
  CQ014: {
    example: "The Sales queue times out after 10 seconds with a 30-second agent alert time: callers time out before an agent has rung for the full time.",
    fix: "Set -TimeoutThreshold at least as long as -AgentAlertTime (usually many times it).",
  },
  CQ015: {
    example: "A menu option transfers to a CallQueue resource account associated with no queue: callers are not answered.",
    fix: "Associate the resource account with its queue or attendant.",
  },
  CQ020: {
    example: "The caller pressed 1 for sales, waited 40 s and was answered by the second agent offered the call.",
    fix: "nothing: this is the call working.",
  },
  CQ021: {
    example: "The caller waited 3 minutes in the Sales queue and hung up.",
    fix: "Add agents, or shorten talk times; the figures show the wait and the abandonment share.",
  },
  CQ022: {
    example: "The Sales queue already held its maximum callers: the caller heard busy.",
    fix: "Raise -OverflowThreshold, add agents, or forward overflow somewhere that can answer.",
  },
  CQ023: {
    example: "The caller waited the queue's whole timeout and was sent to the timeout action.",
    fix: "Add agents, or send timeouts to voicemail so the caller can leave a message.",
  },
  CQ024: {
    example: "No agent of the queue was opted in: the caller went straight to the no-agents action.",
    fix: "Opt agents in, or set -NoAgentAction Queue.",
  },
  CQ025: {
    example: "The attendant sent the caller to the Sales queue (press 1).",
    fix: "nothing: this is the call working.",
  },
  CQ026: {
    example: "The caller went round from the Sales queue to the Support queue and back: disconnected.",
    fix: "Break the loop of forwards (see CQ013).",
  },
  CQ027: {
    example: "The attendant transferred to a resource account that answers for nothing: the caller was not answered.",
    fix: "Associate the resource account with its queue or attendant (see CQ015).",
  },
};
