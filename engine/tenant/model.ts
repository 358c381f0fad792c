/**
 * The tenant: the Teams Phone configuration that Shared Calling runs on, in the cmdlets' own terms.
 *
 * Plain data only (no classes, no methods), so a tenant can be cloned with structuredClone,
 * compared whole in tests, and written back out as a scenario. Every change goes through the
 * operations in `operations/` (the cmdlets), which refuse what Teams refuses (docs/rules.md §1).
 *
 * Identities: users and resource accounts have an ObjectId (what `Get-CsOnlineUser` returns as
 * `.Identity`) and a UserPrincipalName. Lookups by either are case-insensitive (see `lookup.ts`).
 */

/** ISO 3166-1 alpha-2 country code, upper case (US, GB, RO, ...). */
export type CountryCode = string;

/** An E.164 number with its leading `+`, optionally with a Direct Routing `;ext=` suffix. */
export type E164 = string;

/** The three number types of Set-CsPhoneNumberAssignment -NumberType. */
export type NumberType = 'CallingPlan' | 'OperatorConnect' | 'DirectRouting';
export const NUMBER_TYPES: readonly NumberType[] = ['CallingPlan', 'OperatorConnect', 'DirectRouting'];

/**
 * What a Calling Plan number is for. Subscriber numbers go on users; service numbers (toll or
 * toll-free) go on resource accounts (NUM002).
 */
export type CallingPlanUsage = 'Subscriber' | 'Service' | 'TollFreeService';
export const CALLING_PLAN_USAGES: readonly CallingPlanUsage[] = ['Subscriber', 'Service', 'TollFreeService'];

/** An emergency location: a civic address (its default location) as Get-CsOnlineLisLocation shows it. */
export interface EmergencyLocation {
  /** LocationId, what Set-CsPhoneNumberAssignment -LocationId takes. */
  locationId: string;
  /** CivicAddressId of the civic address this location belongs to. */
  civicAddressId: string;
  /** Free text such as "3rd floor cafe". */
  description: string;
  companyName: string;
  houseNumber: string;
  streetName: string;
  city: string;
  stateOrProvince: string;
  postalCode: string;
  countryOrRegion: CountryCode;
}

/** The operator of an Operator Connect number. */
export interface Operator {
  name: string;
  /** Whether the operator confirmed support for Shared Calling (RA005). */
  supportsSharedCalling: boolean;
}

/** One number of the tenant's inventory, as Get-CsPhoneNumberAssignment shows it. */
export interface PhoneNumber {
  telephoneNumber: E164;
  numberType: NumberType;
  /** Only for Calling Plan numbers; null otherwise. */
  callingPlanUsage: CallingPlanUsage | null;
  isoCountryCode: CountryCode;
  /** Emergency (static) location; null when none is set. */
  locationId: string | null;
  /** Only for Operator Connect numbers; null otherwise. */
  operator: Operator | null;
  /**
   * ObjectId of the user or resource account the number is assigned to, or null. Emergency
   * numbers held by a Shared Calling policy are not "assigned" (SC008); see `heldByPolicy`.
   */
  assignedPstnTargetId: string | null;
  /**
   * One of the "limited number of existing Calling Plan service phone numbers in other countries"
   * that the TNS desk says cannot be used for Shared Calling (SC006).
   */
  sharedCallingUnsupported: boolean;
}

/** Licences the model needs to know about. */
export type UserLicence = 'TeamsPhone' | 'CallingPlan';
export type ResourceAccountLicence =
  | 'TeamsPhoneResourceAccount'
  | 'PayAsYouGoCallingPlan'
  | 'CommunicationsCredits';

/** Per-user policy grants (direct assignments). null means "no direct grant". */
export interface PolicyGrants {
  sharedCalling: string | null;
  voiceRouting: string | null;
  emergencyCallRouting: string | null;
}

/** Where the user's Teams client is, for dynamic emergency calling (EMG002, EMG006). */
export interface ClientLocation {
  /** Network site the client is on (trusted network), or null when off-network / unknown. */
  networkSiteId: string | null;
  /** LocationId that LIS matched for the client's network, or null when nothing matched. */
  dynamicLocationId: string | null;
}

export interface User {
  objectId: string;
  userPrincipalName: string;
  displayName: string;
  /** For dial by name. */
  givenName: string;
  surname: string;
  licences: UserLicence[];
  enterpriseVoiceEnabled: boolean;
  /** Group ids the user is a member of (for group grants and dial scope). */
  groups: string[];
  /**
   * The extension in a directory phone attribute (x1234 / ;ext=1234), without the prefix. Shared
   * Calling users have no Teams number for the auto attendant to take one from (USR009).
   */
  extension: string | null;
  hiddenFromAddressLists: boolean;
  /**
   * Voicemail (Set-CsOnlineVoicemailUserSettings -VoicemailEnabled): an unanswered transfer from
   * the auto attendant goes there (INB016). Absent means on, which is Teams' default.
   */
  voicemailEnabled?: boolean;
  clientLocation: ClientLocation;
  policies: PolicyGrants;
}

export interface Group {
  id: string;
  displayName: string;
}

export type ApplicationType = 'AutoAttendant' | 'CallQueue';

export interface ResourceAccount {
  objectId: string;
  userPrincipalName: string;
  displayName: string;
  applicationType: ApplicationType;
  licences: ResourceAccountLicence[];
  /** Online voice routing policy granted to the resource account (Direct Routing, RA006). */
  voiceRoutingPolicy: string | null;
  /** Id of the auto attendant this resource account is associated with, or null (RA001). */
  autoAttendantId: string | null;
  /** Id of the call queue this resource account is associated with; absent or null for none (CQ004). */
  callQueueId?: string | null;
}

/** Pay-As-You-Go Communications Credits of the tenant. Money is in the tenant's currency. */
export interface CommunicationsCredits {
  currency: string;
  balance: number;
  /** Post-paid pay-as-you-go overage (NCE/MCA tenants) instead of prepaid credits (RA003). */
  postpaidOverage: boolean;
  autoRecharge: AutoRecharge | null;
  /** Per-minute rate by destination country; `default` applies to countries not listed. */
  ratesPerMinute: Record<CountryCode | 'default', number>;
  /** Per-minute rate charged for inbound calls to a toll-free service number. */
  tollFreeInboundRatePerMinute: number;
}

export interface AutoRecharge {
  /** When a debit leaves the balance below this, the recharge amount is added. */
  threshold: number;
  amount: number;
  /** Probability that one recharge fails (expired card and the like). */
  failureProbability: number;
}

export type Weekday = 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday' | 'Sunday';
export const WEEKDAYS: readonly Weekday[] = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];

/** A time of day range as New-CsOnlineTimeRange takes it: "HH:MM" to "HH:MM" ("24:00" = end of day). */
export interface TimeRange {
  start: string;
  end: string;
}

/** Weekly business hours; a day that is absent or empty has no business hours. */
export type WeeklySchedule = Partial<Record<Weekday, TimeRange[]>>;

/** A date-time range in the attendant's time zone, "YYYY-MM-DDTHH:MM" local time. */
export interface DateTimeRange {
  start: string;
  end: string;
}

export type CallTargetType =
  | 'User'
  | 'ApplicationEndpoint'
  | 'ConfigurationEndpoint'
  | 'ExternalPstn'
  | 'SharedVoicemail';

/** New-CsAutoAttendantCallableEntity: a place a call can be sent to. */
export interface CallTarget {
  type: CallTargetType;
  /** User or resource account ObjectId/UPN, auto attendant id, E.164 number, or group id. */
  id: string;
}

export type MenuOptionAction =
  | 'DisconnectCall'
  | 'TransferCallToOperator'
  | 'TransferCallToTarget'
  | 'Announcement';

export interface MenuOption {
  /** "0".."9"; anything else is a finding (AA001). "Automatic" runs with no caller input. */
  key: string;
  action: MenuOptionAction;
  target: CallTarget | null;
  /** Announcement text, for Announcement. */
  prompt: string | null;
}

export type DirectorySearchMethod = 'None' | 'ByName' | 'ByExtension';

export interface Menu {
  prompt: string;
  options: MenuOption[];
  directorySearch: DirectorySearchMethod;
}

/** What a call flow does after its greeting. */
export type CallFlowAction =
  | { kind: 'disconnect' }
  | { kind: 'redirect'; target: CallTarget }
  | { kind: 'menu'; menu: Menu };

export interface CallFlow {
  name: string;
  greeting: string;
  action: CallFlowAction;
}

export interface Holiday {
  name: string;
  ranges: DateTimeRange[];
  callFlow: CallFlow;
}

/** Inclusion/exclusion dial scope by group; an absent include means all users. */
export interface DialScope {
  includeGroups: string[] | null;
  excludeGroups: string[];
}

export interface AutoAttendant {
  id: string;
  name: string;
  /** IANA time zone, e.g. America/Los_Angeles; schedules are evaluated in it. */
  timeZone: string;
  languageId: string;
  /** null means the 24/7 default: every hour is business hours. */
  businessHours: WeeklySchedule | null;
  /** The default call flow, which runs in business hours. */
  defaultCallFlow: CallFlow;
  afterHoursCallFlow: CallFlow | null;
  holidays: Holiday[];
  operator: CallTarget | null;
  dialScope: DialScope;
}

/** New-CsCallQueue -RoutingMethod. */
export type CallQueueRoutingMethod = 'Attendant' | 'Serial' | 'RoundRobin' | 'LongestIdle';
export const CALL_QUEUE_ROUTING_METHODS: readonly CallQueueRoutingMethod[] = ['Attendant', 'Serial', 'RoundRobin', 'LongestIdle'];

/**
 * What a call queue does with a call at its maximum callers (-OverflowAction), after its timeout
 * (-TimeoutAction) or with no agents (-NoAgentAction). `Queue` (no agents only) keeps the call
 * waiting; `Forward` sends it to the action's target (a user, a resource account of another queue
 * or attendant, an external number); `SharedVoicemail` to a group's voicemail.
 */
export type CallQueueAction = 'Disconnect' | 'DisconnectWithBusy' | 'Forward' | 'Voicemail' | 'SharedVoicemail' | 'Queue';

/** One agent of a call queue, as Get-CsCallQueue's Agents shows it. */
export interface CallQueueAgent {
  /** User ObjectId (or UPN). */
  objectId: string;
  /** The agent opted in (agents may opt out when the queue allows it, -AllowOptOut). */
  optIn: boolean;
}

export interface CallQueue {
  /** Identity (a GUID in Teams; any unique text here). */
  identity: string;
  name: string;
  /** -Users, in order (serial routing offers them in this order). */
  agents: CallQueueAgent[];
  /** -DistributionLists: groups whose members are agents too, after the users. */
  distributionLists: string[];
  routingMethod: CallQueueRoutingMethod;
  presenceBasedRouting: boolean;
  /** -AgentAlertTime, seconds (15-180). */
  agentAlertTime: number;
  allowOptOut: boolean;
  conferenceMode: boolean;
  /** -OverflowThreshold: callers waiting at once (0-200); one more overflows. */
  overflowThreshold: number;
  overflowAction: CallQueueAction;
  overflowActionTarget: CallTarget | null;
  /** -TimeoutThreshold, seconds (0-2700). */
  timeoutThreshold: number;
  timeoutAction: CallQueueAction;
  timeoutActionTarget: CallTarget | null;
  noAgentAction: CallQueueAction;
  noAgentActionTarget: CallTarget | null;
}

export interface VoiceRoutingPolicy {
  identity: string;
  onlinePstnUsages: string[];
}

/** New-CsTeamsEmergencyNumber: one dial string with its masks and optional PSTN usage. */
export interface EmergencyNumber {
  emergencyDialString: string;
  /** Dial masks; dialling one is translated to the dial string (EMG001). */
  emergencyDialMask: string[];
  /** Online PSTN usage; a policy with any is routed by Direct Routing (EMG006). */
  onlinePstnUsage: string | null;
}

export interface EmergencyCallRoutingPolicy {
  identity: string;
  emergencyNumbers: EmergencyNumber[];
  allowEnhancedEmergencyServices: boolean;
  description: string;
}

export interface NetworkSite {
  id: string;
  description: string;
  /** Emergency call routing policy handed to clients on this site, overriding the user's (EMG006). */
  emergencyCallRoutingPolicy: string | null;
  /** New-CsTenantNetworkSite -NetworkRegionID; absent or null when the site has no region. */
  networkRegionId?: string | null;
  /** -EmergencyCallingPolicy (notification): kept by name, callsim does not model notification. */
  emergencyCallingPolicy?: string | null;
}

/** New-CsTenantNetworkRegion: a group of network sites. */
export interface NetworkRegion {
  id: string;
  description: string;
}

/** New-CsTenantNetworkSubnet: an internal IPv4 subnet of one network site (NET005-NET007). */
export interface NetworkSubnet {
  /** The network ID, dotted IPv4 with its host bits zero (NET005). */
  subnetId: string;
  maskBits: number;
  networkSiteId: string | null;
  description: string;
}

/** New-CsTenantTrustedIPAddress: a public (external) address range of the corporate network. */
export interface TrustedIpAddress {
  ipAddress: string;
  maskBits: number;
  description: string;
}

/** The Location Information Service's map from network elements to emergency locations. */
export interface LisEntries {
  /** Set-CsOnlineLisWirelessAccessPoint: BSSID upper case with dashes; `*` at one end is a range. */
  wirelessAccessPoints: { bssid: string; locationId: string; description: string }[];
  /** Set-CsOnlineLisSwitch: a switch by its chassis ID. */
  switches: { chassisId: string; locationId: string; description: string }[];
  /** Set-CsOnlineLisPort: a port of a switch. */
  ports: { chassisId: string; portId: string; locationId: string; description: string }[];
  /** Set-CsOnlineLisSubnet: a subnet by its network ID (dotted IPv4). */
  subnets: { subnet: string; locationId: string; description: string }[];
}

/** The tenant's network for dynamic emergency calling: regions, subnets, trusted IPs and LIS. */
export interface TenantNetwork {
  regions: NetworkRegion[];
  subnets: NetworkSubnet[];
  trustedIps: TrustedIpAddress[];
  lis: LisEntries;
}

export interface SharedCallingPolicy {
  /** Policy name without the `Tag:` prefix; `Global` is the built-in instance. */
  identity: string;
  /** ObjectId of the resource account, or null (an empty Global). */
  resourceAccount: string | null;
  /** The emergency callback number pool, in list order (EMG003, EMG004). */
  emergencyNumbers: E164[];
  description: string;
}

export type PolicyType = 'SharedCalling' | 'VoiceRouting' | 'EmergencyCallRouting';

/** Grant-Cs...Policy -Group -Rank: a group assignment; lowest rank wins (GRT001). */
export interface GroupPolicyAssignment {
  policyType: PolicyType;
  groupId: string;
  policyName: string;
  rank: number;
}

export interface Tenant {
  locations: EmergencyLocation[];
  numbers: PhoneNumber[];
  users: User[];
  groups: Group[];
  resourceAccounts: ResourceAccount[];
  credits: CommunicationsCredits;
  autoAttendants: AutoAttendant[];
  /** Call queues (New-CsCallQueue); absent in tenants written before queues existed. */
  callQueues?: CallQueue[];
  /** The tenant's online PSTN usages (Set-CsOnlinePstnUsage Global). */
  pstnUsages: string[];
  voiceRoutingPolicies: VoiceRoutingPolicy[];
  emergencyCallRoutingPolicies: EmergencyCallRoutingPolicy[];
  networkSites: NetworkSite[];
  /** Absent until a network cmdlet first runs, so tenants without one are written as before. */
  network?: TenantNetwork;
  sharedCallingPolicies: SharedCallingPolicy[];
  groupPolicyAssignments: GroupPolicyAssignment[];
  /** Grant-... -Global: the tenant-wide grant per policy type (null: the Global instance). */
  tenantGrants: Record<PolicyType, string | null>;
}
