/**
 * Cases of every cmdlet and every typed operation that can change a tenant, each on a copy of the
 * rich tenant of change-fixtures.ts: what it starts from, what it runs, and whether it changes
 * the tenant (with the events it must emit), changes nothing, or is refused. Used by
 * change-events.test.ts (the events are right) and test/runtime/tenant-changes.test.ts (the
 * runtime's subscribers follow them).
 */
import {
  acquireNumber,
  addAutoAttendant,
  addCommunicationsCredits,
  addGroup,
  addLocation,
  addNetworkSite,
  addResourceAccount,
  addUser,
  APPLICATION_IDS,
  associateAutoAttendant,
  associateCallQueue,
  defaultCallQueue,
  newCallQueue,
  removeCallQueue,
  setCallQueue,
  invokeCmdlet,
  setAutoAttendant,
  setCommunicationsCredits,
  type CmdletValue,
  type OpResult,
  type Tenant,
  type TenantChange,
  type TenantChangeType,
} from '../../engine/tenant/index.js';
import {
  AA_ID,
  DR_NUMBER,
  EMERGENCY_1,
  EMERGENCY_2,
  EMERGENCY_3,
  OC_NUMBER,
  RA2_ID,
  RA2_NUMBER,
  RA_ID,
  RA_NUMBER,
  SEATTLE,
  SECOND_LOCATION,
  SPARE_NUMBER,
  USER_NUMBER,
  attendant,
  CQ_ID,
  CQ_RA_ID,
} from './change-fixtures.js';
import { hashtable, must, newUser, number } from './fixtures.js';

export type Expected = 'changes' | 'nothing' | 'refused';

export interface Case {
  title: string;
  /** Brings the rich tenant into the state the case starts from. */
  setup?: (t: Tenant) => void;
  expect: Expected;
  /** The event types, in order, for a case that changes the tenant. */
  events?: TenantChangeType[];
}

export interface CmdletCase extends Case {
  named: Record<string, CmdletValue> | ((t: Tenant) => Record<string, CmdletValue>);
  positional?: CmdletValue[];
}

export interface OpCase extends Case {
  run: (t: Tenant) => OpResult<unknown>;
}

const SC = 'Seattle';
const emergencyNumber = (t: Tenant, dial: string, mask?: string): CmdletValue[] =>
  must(t, 'New-CsTeamsEmergencyNumber', { EmergencyDialString: dial, ...(mask === undefined ? {} : { EmergencyDialMask: mask }) }).output;

const netRegion = (t: Tenant): void => void must(t, 'New-CsTenantNetworkRegion', { NetworkRegionID: 'PNW' });
const netSubnet = (t: Tenant): void => void must(t, 'New-CsTenantNetworkSubnet', { SubnetID: '10.1.0.0', MaskBits: 16, NetworkSiteID: 'site-1' });
const netTrusted = (t: Tenant): void => void must(t, 'New-CsTenantTrustedIPAddress', { IPAddress: '203.0.113.0', MaskBits: 24 });
const netLis = (t: Tenant): void => {
  must(t, 'Set-CsOnlineLisWirelessAccessPoint', { BSSID: 'F0-6E-0B-C2-03-23', LocationId: 'seattle-hq' });
  must(t, 'Set-CsOnlineLisSwitch', { ChassisID: 'B8-BE-BF-4A-A3-00', LocationId: 'seattle-hq' });
  must(t, 'Set-CsOnlineLisPort', { ChassisID: 'B8-BE-BF-4A-A3-00', PortID: '12', LocationId: 'seattle-hq' });
  must(t, 'Set-CsOnlineLisSubnet', { Subnet: '10.1.0.0', LocationId: 'seattle-hq' });
};

const disconnectOption = (t: Tenant): CmdletValue[] => must(t, 'New-CsAutoAttendantMenuOption', { Action: 'DisconnectCall', DtmfResponse: 'Automatic' }).output;
const operatorOption = (t: Tenant): CmdletValue[] => must(t, 'New-CsAutoAttendantMenuOption', { Action: 'TransferCallToOperator', DtmfResponse: 'Tone0' }).output;
const disconnectMenu = (t: Tenant): CmdletValue => must(t, 'New-CsAutoAttendantMenu', { Name: 'M', MenuOptions: disconnectOption(t) }).output[0] ?? null;
const disconnectFlow = (t: Tenant): CmdletValue => must(t, 'New-CsAutoAttendantCallFlow', { Name: 'F', Menu: disconnectMenu(t) }).output[0] ?? null;
function holidayScheduleId(t: Tenant): string {
  const schedule = must(t, 'New-CsOnlineSchedule', { Name: 'H', FixedSchedule: true, DateTimeRanges: must(t, 'New-CsOnlineDateTimeRange', { Start: '25/12/2026' }).output }).output[0];
  return schedule !== null && typeof schedule === 'object' && !Array.isArray(schedule) && schedule.kind === 'object' ? schedule.text : '';
}
function renamed(t: Tenant, name: string): CmdletValue {
  const aa = must(t, 'Get-CsAutoAttendant', { Identity: AA_ID }).output[0];
  if (aa === undefined || aa === null || typeof aa !== 'object' || Array.isArray(aa) || aa.kind !== 'object') throw new Error('no attendant');
  return { ...aa, properties: { ...aa.properties, Name: name } };
}

/** Cases for every cmdlet of the catalogue, by name. */
export const CMDLET_CASES: Record<string, CmdletCase[]> = {
  'New-CsTeamsSharedCallingRoutingPolicy': [
    { title: 'a new policy', named: { Identity: 'Redmond', ResourceAccount: RA2_ID }, expect: 'changes', events: ['sharedCallingPolicyCreated'] },
    {
      title: 'a new policy with emergency numbers',
      named: { Identity: 'Redmond', ResourceAccount: RA2_ID, EmergencyNumbers: hashtable({ add: [SPARE_NUMBER] }) },
      expect: 'changes',
      events: ['sharedCallingPolicyCreated'],
    },
    { title: 'an existing name', named: { Identity: 'seattle', ResourceAccount: RA_ID }, expect: 'refused' },
    { title: 'an assigned emergency number (SC008)', named: { Identity: 'Redmond', ResourceAccount: RA2_ID, EmergencyNumbers: hashtable({ add: [RA_NUMBER] }) }, expect: 'refused' },
  ],
  'Set-CsTeamsSharedCallingRoutingPolicy': [
    { title: 'remove an emergency number', named: { Identity: SC, EmergencyNumbers: hashtable({ remove: [EMERGENCY_2] }) }, expect: 'changes', events: ['sharedCallingPolicyChanged'] },
    { title: 'add an emergency number', named: { Identity: SC, EmergencyNumbers: hashtable({ add: [SPARE_NUMBER] }) }, expect: 'changes', events: ['sharedCallingPolicyChanged'] },
    { title: 'reorder the emergency numbers', named: { Identity: SC, EmergencyNumbers: [EMERGENCY_2, EMERGENCY_1] }, expect: 'changes', events: ['sharedCallingPolicyChanged'] },
    { title: 'replace them with the same list', named: { Identity: SC, EmergencyNumbers: [EMERGENCY_1, EMERGENCY_2] }, expect: 'nothing' },
    { title: 'another resource account', named: { Identity: SC, ResourceAccount: RA2_ID }, expect: 'changes', events: ['sharedCallingPolicyChanged'] },
    { title: 'the same resource account by UPN', named: { Identity: SC, ResourceAccount: 'main-aa@contoso.com' }, expect: 'nothing' },
    { title: 'a description', named: { Identity: SC, Description: 'HQ' }, expect: 'changes', events: ['sharedCallingPolicyChanged'] },
    { title: 'no parameter but the identity', named: { Identity: SC }, expect: 'nothing' },
    { title: 'an emergency number held by another policy (SC007)', named: { Identity: SC, EmergencyNumbers: hashtable({ add: [EMERGENCY_3] }) }, expect: 'refused' },
    { title: 'an unknown policy', named: { Identity: 'Nowhere', Description: 'x' }, expect: 'refused' },
  ],
  'Get-CsTeamsSharedCallingRoutingPolicy': [
    { title: 'all', named: {}, expect: 'nothing' },
    { title: 'one', named: { Identity: SC }, expect: 'nothing' },
  ],
  'Remove-CsTeamsSharedCallingRoutingPolicy': [
    { title: 'a policy users hold', named: { Identity: SC }, expect: 'changes', events: ['sharedCallingPolicyRemoved'] },
    { title: 'an empty Global', named: { Identity: 'Global' }, expect: 'nothing' },
    {
      title: 'a Global with a resource account (reset to empty)',
      setup: (t) => {
        must(t, 'Set-CsTeamsSharedCallingRoutingPolicy', { Identity: 'Global', ResourceAccount: RA2_ID, EmergencyNumbers: hashtable({ add: [SPARE_NUMBER] }), Description: 'g' });
      },
      named: { Identity: 'Global' },
      expect: 'changes',
      events: ['sharedCallingPolicyChanged'],
    },
    { title: 'an unknown policy', named: { Identity: 'Nowhere' }, expect: 'refused' },
  ],
  'Grant-CsTeamsSharedCallingRoutingPolicy': [
    { title: 'to a user', named: { Identity: 'user2@contoso.com', PolicyName: SC }, expect: 'changes', events: ['policyGranted'] },
    { title: 'the grant a user has', named: { Identity: 'user@contoso.com', PolicyName: SC }, expect: 'nothing' },
    { title: 'removed from a user', named: { Identity: 'user@contoso.com', PolicyName: null }, expect: 'changes', events: ['policyGranted'] },
    { title: 'removed from a user without one', named: { Identity: 'user2@contoso.com', PolicyName: null }, expect: 'nothing' },
    { title: 'to a group', named: { Group: 'sales', Rank: 2, PolicyName: SC }, expect: 'changes', events: ['policyGranted'] },
    { title: 'the grant a group has', named: { Group: 'support', Rank: 1, PolicyName: 'Tacoma' }, expect: 'nothing' },
    { title: 'a group at another rank', named: { Group: 'support', Rank: 3, PolicyName: 'Tacoma' }, expect: 'changes', events: ['policyGranted'] },
    {
      title: 'a group grant again, moving it after a later one (ties of rank)',
      setup: (t) => {
        must(t, 'Grant-CsTeamsSharedCallingRoutingPolicy', { Group: 'sales', Rank: 1, PolicyName: SC });
      },
      named: { Group: 'support', Rank: 1, PolicyName: 'Tacoma' },
      expect: 'changes',
      events: ['policyGranted'],
    },
    { title: 'removed from a group', named: { Group: 'support', PolicyName: null, Rank: 1 }, expect: 'changes', events: ['policyGranted'] },
    { title: 'removed from a group without one', named: { Group: 'sales', PolicyName: null, Rank: 1 }, expect: 'nothing' },
    { title: 'tenant-wide', named: { Global: true, PolicyName: 'Tacoma' }, expect: 'changes', events: ['policyGranted'] },
    { title: 'tenant-wide removed when there is none', named: { Global: true, PolicyName: null }, expect: 'nothing' },
    { title: 'an unknown policy', named: { Identity: 'user2@contoso.com', PolicyName: 'Nowhere' }, expect: 'refused' },
  ],
  'Set-CsPhoneNumberAssignment': [
    {
      title: 'a number to a user without Enterprise Voice, with a location',
      named: { Identity: 'user2@contoso.com', PhoneNumber: USER_NUMBER, PhoneNumberType: 'CallingPlan', LocationId: SEATTLE },
      expect: 'changes',
      events: ['numberAssigned', 'numberLocationChanged', 'enterpriseVoiceChanged'],
    },
    {
      title: 'a number to a user with Enterprise Voice, keeping its location',
      named: { Identity: 'user3@contoso.com', PhoneNumber: OC_NUMBER, PhoneNumberType: 'OperatorConnect' },
      expect: 'changes',
      events: ['numberAssigned'],
    },
    {
      title: 'a Direct Routing number to a user (the tenant now mixes Shared Calling with Direct Routing)',
      named: { Identity: 'user3@contoso.com', PhoneNumber: DR_NUMBER, PhoneNumberType: 'DirectRouting' },
      expect: 'changes',
      events: ['numberAssigned'],
    },
    { title: "the resource account's own number again", named: { Identity: RA_ID, PhoneNumber: RA_NUMBER, PhoneNumberType: 'CallingPlan', LocationId: SEATTLE }, expect: 'nothing' },
    {
      title: "a new location for the resource account's own number",
      named: { Identity: RA_ID, PhoneNumber: RA_NUMBER, PhoneNumberType: 'CallingPlan', LocationId: SECOND_LOCATION },
      expect: 'changes',
      events: ['numberLocationChanged'],
    },
    { title: 'a location (LocationUpdate)', named: { PhoneNumber: OC_NUMBER, LocationId: SECOND_LOCATION }, expect: 'changes', events: ['numberLocationChanged'] },
    { title: 'the same location (LocationUpdate)', named: { PhoneNumber: OC_NUMBER, LocationId: SEATTLE }, expect: 'nothing' },
    { title: 'the location cleared', named: { PhoneNumber: OC_NUMBER, LocationId: null }, expect: 'changes', events: ['numberLocationChanged'] },
    { title: 'no location cleared again', named: { PhoneNumber: DR_NUMBER, LocationId: null }, expect: 'nothing' },
    { title: 'Enterprise Voice on', named: { Identity: 'user2@contoso.com', EnterpriseVoiceEnabled: true }, expect: 'changes', events: ['enterpriseVoiceChanged'] },
    { title: 'Enterprise Voice as it is', named: { Identity: 'user3@contoso.com', EnterpriseVoiceEnabled: true }, expect: 'nothing' },
    { title: 'an emergency number (NUM001)', named: { Identity: 'user2@contoso.com', PhoneNumber: EMERGENCY_1, PhoneNumberType: 'CallingPlan' }, expect: 'refused' },
    { title: 'Enterprise Voice off for a user with no number', named: { Identity: 'user3@contoso.com', EnterpriseVoiceEnabled: false }, expect: 'changes', events: ['enterpriseVoiceChanged'] },
    {
      title: 'Enterprise Voice off for a user who holds a number (NUM005)',
      setup: (t) => {
        must(t, 'Set-CsPhoneNumberAssignment', { Identity: 'user2@contoso.com', PhoneNumber: USER_NUMBER, PhoneNumberType: 'CallingPlan' });
      },
      named: { Identity: 'user2@contoso.com', EnterpriseVoiceEnabled: false },
      expect: 'refused',
    },
    {
      title: 'a Calling Plan number to a user without a Calling Plan licence (NUM006)',
      named: { Identity: 'user3@contoso.com', PhoneNumber: SPARE_NUMBER, PhoneNumberType: 'CallingPlan' },
      expect: 'refused',
    },
    {
      title: 'a number to a resource account without a Teams Phone Resource Account licence (NUM007)',
      setup: (t) => {
        must(t, 'New-CsOnlineApplicationInstance', { UserPrincipalName: 'cq@contoso.com', ApplicationId: APPLICATION_IDS.CallQueue, DisplayName: 'Queue' });
      },
      named: { Identity: 'cq@contoso.com', PhoneNumber: DR_NUMBER, PhoneNumberType: 'DirectRouting' },
      expect: 'refused',
    },
  ],
  'Remove-CsPhoneNumberAssignment': [
    {
      title: "a user's number",
      setup: (t) => {
        must(t, 'Set-CsPhoneNumberAssignment', { Identity: 'user2@contoso.com', PhoneNumber: USER_NUMBER, PhoneNumberType: 'CallingPlan' });
      },
      named: { Identity: 'user2@contoso.com', PhoneNumber: USER_NUMBER, PhoneNumberType: 'CallingPlan' },
      expect: 'changes',
      events: ['numberUnassigned', 'enterpriseVoiceChanged'],
    },
    { title: "all of a resource account's numbers", named: { Identity: RA2_ID, RemoveAll: true }, expect: 'changes', events: ['numberUnassigned'] },
    { title: 'all numbers of a user who has none and no Enterprise Voice', named: { Identity: 'user2@contoso.com', RemoveAll: true }, expect: 'nothing' },
    { title: 'all numbers of a user who has none but Enterprise Voice (NUM005)', named: { Identity: 'user3@contoso.com', RemoveAll: true }, expect: 'changes', events: ['enterpriseVoiceChanged'] },
    { title: 'a number the user does not hold', named: { Identity: 'user2@contoso.com', PhoneNumber: RA_NUMBER, PhoneNumberType: 'CallingPlan' }, expect: 'refused' },
  ],
  'Get-CsPhoneNumberAssignment': [{ title: 'all', named: {}, expect: 'nothing' }],
  'Remove-CsOnlineTelephoneNumber': [
    { title: 'a spare number', named: { TelephoneNumber: SPARE_NUMBER }, expect: 'changes', events: ['numberReleased'] },
    { title: "a resource account's number", named: { TelephoneNumber: RA2_NUMBER }, expect: 'changes', events: ['numberReleased'] },
    { title: 'two numbers', named: { TelephoneNumber: [SPARE_NUMBER, DR_NUMBER] }, expect: 'changes', events: ['numberReleased', 'numberReleased'] },
    { title: 'an emergency number (NUM001)', named: { TelephoneNumber: EMERGENCY_1 }, expect: 'refused' },
    { title: 'two numbers, the second refused (none released)', named: { TelephoneNumber: [SPARE_NUMBER, EMERGENCY_1] }, expect: 'refused' },
  ],
  'Move-CsSimPhoneNumberOut': [
    { title: "the resource account's number", named: { TelephoneNumber: RA_NUMBER }, expect: 'changes', events: ['numberPortedOut'] },
    { title: 'an emergency number (NUM001)', named: { TelephoneNumber: EMERGENCY_2 }, expect: 'refused' },
    { title: 'a number not in the inventory', named: { TelephoneNumber: '+14255559999' }, expect: 'refused' },
  ],
  'New-CsAutoAttendantPrompt': [
    { title: 'a text-to-speech prompt', named: { TextToSpeechPrompt: 'Welcome' }, expect: 'nothing' },
    { title: 'an audio file (AA006)', named: { AudioFilePrompt: 'x' }, expect: 'refused' },
  ],
  'New-CsAutoAttendantCallableEntity': [
    { title: 'a voice-enabled user', named: { Identity: 'user3@contoso.com', Type: 'User' }, expect: 'nothing' },
    { title: 'a user who does not exist (AA003)', named: { Identity: 'nobody@contoso.com', Type: 'User' }, expect: 'refused' },
  ],
  'New-CsAutoAttendantMenuOption': [
    { title: 'the operator on 0', named: { Action: 'TransferCallToOperator', DtmfResponse: 'Tone0' }, expect: 'nothing' },
    { title: 'the pound key (AA001)', named: { Action: 'DisconnectCall', DtmfResponse: 'TonePound' }, expect: 'refused' },
  ],
  'New-CsAutoAttendantMenu': [
    { title: 'a dial-by-name menu', named: (t) => ({ Name: 'M', MenuOptions: operatorOption(t), EnableDialByName: true }), expect: 'nothing' },
    { title: 'an Automatic option beside a key (AA008)', named: (t) => ({ Name: 'M', MenuOptions: [...operatorOption(t), ...disconnectOption(t)] }), expect: 'refused' },
  ],
  'New-CsAutoAttendantCallFlow': [
    { title: 'a flow that disconnects', named: (t) => ({ Name: 'F', Menu: disconnectMenu(t) }), expect: 'nothing' },
    { title: 'a menu that is a string', named: { Name: 'F', Menu: 'menu' }, expect: 'refused' },
  ],
  'New-CsOnlineTimeRange': [
    { title: 'office hours', named: { Start: '09:00', End: '17:00' }, expect: 'nothing' },
    { title: 'a range that ends before it starts (AA002)', named: { Start: '17:00', End: '09:00' }, expect: 'refused' },
  ],
  'New-CsOnlineDateTimeRange': [
    { title: 'a day', named: { Start: '25/12/2026' }, expect: 'nothing' },
    { title: 'a date that is none (AA010)', named: { Start: '31/02/2026' }, expect: 'refused' },
  ],
  'New-CsOnlineSchedule': [
    { title: 'a weekly schedule', named: (t) => ({ Name: 'S', WeeklyRecurrentSchedule: true, MondayHours: must(t, 'New-CsOnlineTimeRange', { Start: '09:00', End: '17:00' }).output }), expect: 'nothing' },
    { title: 'weekly and fixed at once', named: { Name: 'S', WeeklyRecurrentSchedule: true, FixedSchedule: true }, expect: 'refused' },
  ],
  'New-CsAutoAttendantCallHandlingAssociation': [
    { title: 'a holiday', named: (t) => ({ Type: 'Holiday', ScheduleId: holidayScheduleId(t), CallFlowId: 'f' }), expect: 'nothing' },
    { title: 'an id that names no schedule (AA011)', named: { Type: 'Holiday', ScheduleId: 'nothing', CallFlowId: 'f' }, expect: 'refused' },
  ],
  'New-CsAutoAttendantDialScope': [
    { title: 'a group', named: { GroupScope: true, GroupIds: ['sales'] }, expect: 'nothing' },
    { title: 'a group that does not exist (AA014)', named: { GroupScope: true, GroupIds: ['nowhere'] }, expect: 'refused' },
  ],
  'New-CsAutoAttendant': [
    {
      title: 'an attendant',
      named: (t) => ({ Name: 'Small', LanguageId: 'en-US', TimeZoneId: 'UTC', DefaultCallFlow: disconnectFlow(t) }),
      expect: 'changes',
      events: ['autoAttendantAdded'],
    },
    { title: 'a time zone that is none (AA013)', named: (t) => ({ Name: 'Small', LanguageId: 'en-US', TimeZoneId: 'Mars', DefaultCallFlow: disconnectFlow(t) }), expect: 'refused' },
  ],
  'Get-CsAutoAttendant': [
    { title: 'all', named: {}, expect: 'nothing' },
    { title: 'one that does not exist (AA015)', named: { Identity: 'nowhere' }, expect: 'refused' },
  ],
  'Set-CsAutoAttendant': [
    { title: 'a new name', named: (t) => ({ Instance: renamed(t, 'Renamed') }), expect: 'changes', events: ['autoAttendantChanged'] },
    { title: 'the object as it was', named: (t) => ({ Instance: must(t, 'Get-CsAutoAttendant', { Identity: AA_ID }).output[0] ?? null }), expect: 'nothing' },
    { title: 'not an attendant', named: { Instance: 'aa-main' }, expect: 'refused' },
  ],
  'Remove-CsAutoAttendant': [
    { title: 'an attendant nothing uses', setup: (t) => void addAutoAttendant(t, attendant('aa-spare')), named: { Identity: 'aa-spare' }, expect: 'changes', events: ['autoAttendantRemoved'] },
    { title: 'the attendant behind the main number (AA019)', named: { Identity: AA_ID }, expect: 'refused' },
  ],
  'New-CsOnlineApplicationInstanceAssociation': [
    { title: 'a resource account', named: { Identities: [RA2_ID], ConfigurationId: AA_ID, ConfigurationType: 'AutoAttendant' }, expect: 'changes', events: ['autoAttendantAssociated'] },
    { title: 'one already associated (AA017)', named: { Identities: [RA_ID], ConfigurationId: AA_ID, ConfigurationType: 'AutoAttendant' }, expect: 'refused' },
  ],
  'Get-CsOnlineApplicationInstanceAssociation': [{ title: 'the main resource account', named: { Identity: RA_ID }, expect: 'nothing' }],
  'Remove-CsOnlineApplicationInstanceAssociation': [
    { title: 'the main resource account', named: { Identities: [RA_ID] }, expect: 'changes', events: ['autoAttendantDisassociated'] },
    { title: 'one without an association (AA018)', named: { Identities: [RA2_ID] }, expect: 'refused' },
  ],
  'Get-CsOnlineUser': [{ title: 'all', named: {}, expect: 'nothing' }],
  'New-CsOnlineApplicationInstance': [
    {
      title: 'a resource account',
      named: { UserPrincipalName: 'cq@contoso.com', ApplicationId: APPLICATION_IDS.CallQueue, DisplayName: 'Queue' },
      expect: 'changes',
      events: ['resourceAccountAdded'],
    },
    { title: 'an unknown application', named: { UserPrincipalName: 'cq@contoso.com', ApplicationId: 'nope', DisplayName: 'Queue' }, expect: 'refused' },
  ],
  'Get-CsOnlineLisLocation': [{ title: 'all', named: {}, expect: 'nothing' }],
  'Get-CsOnlineLisCivicAddress': [{ title: 'all', named: {}, expect: 'nothing' }],
  'New-CsOnlineLisCivicAddress': [
    { title: 'a civic address', named: { CountryOrRegion: 'US', City: 'Bellevue', Description: 'Bellevue' }, expect: 'changes', events: ['locationAdded'] },
    { title: 'a bad country', named: { CountryOrRegion: 'USA' }, expect: 'refused' },
  ],
  'New-CsOnlineLisLocation': [
    { title: 'a floor', named: { CivicAddressId: 'civic-seattle', Location: '3rd floor' }, expect: 'changes', events: ['locationAdded'] },
    { title: 'an unknown civic address', named: { CivicAddressId: 'nowhere', Location: '3rd floor' }, expect: 'refused' },
  ],
  'New-CsTeamsEmergencyNumber': [{ title: 'an object only', named: { EmergencyDialString: '933' }, expect: 'nothing' }],
  'New-CsTeamsEmergencyCallRoutingPolicy': [
    { title: 'a policy', named: (t) => ({ Identity: 'ECRP2', EmergencyNumbers: emergencyNumber(t, '933') }), expect: 'changes', events: ['emergencyCallRoutingPolicyCreated'] },
    { title: 'an existing name', named: { Identity: 'ecrp1' }, expect: 'refused' },
  ],
  'Set-CsTeamsEmergencyCallRoutingPolicy': [
    { title: 'new emergency numbers', named: (t) => ({ Identity: 'ECRP1', EmergencyNumbers: hashtable({ add: emergencyNumber(t, '933') }) }), expect: 'changes', events: ['emergencyCallRoutingPolicyChanged'] },
    { title: 'enhanced emergency services on', named: { Identity: 'ECRP1', AllowEnhancedEmergencyServices: true }, expect: 'changes', events: ['emergencyCallRoutingPolicyChanged'] },
    { title: 'enhanced emergency services as they are', named: { Identity: 'ECRP1', AllowEnhancedEmergencyServices: false }, expect: 'nothing' },
    { title: 'a description', named: { Identity: 'ECRP1', Description: 'US' }, expect: 'changes', events: ['emergencyCallRoutingPolicyChanged'] },
    { title: 'an unknown policy', named: { Identity: 'Nowhere', Description: 'US' }, expect: 'refused' },
  ],
  'Get-CsTeamsEmergencyCallRoutingPolicy': [{ title: 'all', named: {}, expect: 'nothing' }],
  'Grant-CsTeamsEmergencyCallRoutingPolicy': [
    { title: 'to a user', named: { Identity: 'user2@contoso.com', PolicyName: 'ECRP1' }, expect: 'changes', events: ['policyGranted'] },
    { title: 'tenant-wide', named: { Global: true, PolicyName: 'ECRP1' }, expect: 'changes', events: ['policyGranted'] },
    { title: 'removed from a user without one', named: { Identity: 'user2@contoso.com', PolicyName: null }, expect: 'nothing' },
  ],
  'New-CsOnlineVoiceRoutingPolicy': [
    { title: 'a policy', named: { Identity: 'Intl', OnlinePstnUsages: hashtable({ add: ['International'] }) }, expect: 'changes', events: ['voiceRoutingPolicyCreated'] },
    { title: 'an unknown usage', named: { Identity: 'Intl', OnlinePstnUsages: hashtable({ add: ['Mars'] }) }, expect: 'refused' },
  ],
  'Set-CsOnlineVoiceRoutingPolicy': [
    { title: 'another usage', named: { Identity: 'DR', OnlinePstnUsages: hashtable({ add: ['International'] }) }, expect: 'changes', events: ['voiceRoutingPolicyChanged'] },
    { title: 'the same usages', named: { Identity: 'DR', OnlinePstnUsages: ['US and Canada'] }, expect: 'nothing' },
    { title: 'an unknown policy', named: { Identity: 'Nowhere', OnlinePstnUsages: ['US and Canada'] }, expect: 'refused' },
  ],
  'Get-CsOnlineVoiceRoutingPolicy': [{ title: 'all', named: {}, expect: 'nothing' }],
  'New-CsCallQueue': [
    { title: 'a queue', named: { Name: 'Support', Users: ['user3@contoso.com'], RoutingMethod: 'LongestIdle' }, expect: 'changes', events: ['callQueueChanged'] },
    { title: 'an alert time Teams refuses', named: { Name: 'Support', AgentAlertTime: 5 }, expect: 'refused' },
    { title: 'a routing method Teams has not', named: { Name: 'Support', RoutingMethod: 'Random' }, expect: 'refused' },
  ],
  'Set-CsCallQueue': [
    { title: 'an overflow forward', named: { Identity: 'cq-sales', OverflowAction: 'Forward', OverflowActionTarget: 'tel:+14255550999' }, expect: 'changes', events: ['callQueueChanged'] },
    { title: 'the same routing method', named: { Identity: 'cq-sales', RoutingMethod: 'Attendant' }, expect: 'nothing' },
    { title: 'a forward without a target', named: { Identity: 'cq-sales', TimeoutAction: 'Forward' }, expect: 'refused' },
  ],
  'Get-CsCallQueue': [{ title: 'all', named: {}, expect: 'nothing' }],
  'Remove-CsCallQueue': [
    { title: 'a queue nobody answers for', named: { Identity: 'cq-support' }, expect: 'changes', events: ['callQueueChanged'] },
    { title: 'an unknown queue', named: { Identity: 'nowhere' }, expect: 'refused' },
  ],
  'Grant-CsOnlineVoiceRoutingPolicy': [
    { title: 'to a user', named: { Identity: 'user3@contoso.com', PolicyName: 'DR' }, expect: 'changes', events: ['policyGranted'] },
    { title: 'to a resource account', named: { Identity: 'tacoma-aa@contoso.com', PolicyName: 'DR' }, expect: 'changes', events: ['policyGranted'] },
    { title: 'removed from a resource account without one', named: { Identity: 'tacoma-aa@contoso.com', PolicyName: null }, expect: 'nothing' },
    { title: 'to a group', named: { Group: 'sales', Rank: 1, PolicyName: 'DR' }, expect: 'changes', events: ['policyGranted'] },
  ],
  'Set-CsOnlinePstnUsage': [
    { title: 'a usage added', named: { Identity: 'Global', Usage: hashtable({ add: ['Local'] }) }, expect: 'changes', events: ['pstnUsagesChanged'] },
    { title: 'an unused usage removed', named: { Usage: hashtable({ remove: ['International'] }) }, expect: 'changes', events: ['pstnUsagesChanged'] },
    { title: 'the same usages', named: { Usage: ['US and Canada', 'International'] }, expect: 'nothing' },
    { title: 'a used usage removed', named: { Usage: hashtable({ remove: ['US and Canada'] }) }, expect: 'refused' },
  ],
  'New-CsTenantNetworkRegion': [
    { title: 'a region', named: { NetworkRegionID: 'PNW' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'a region without a name', named: { NetworkRegionID: ' ' }, expect: 'refused' },
  ],
  'New-CsTenantNetworkSite': [
    { title: 'a site', named: { NetworkSiteID: 'Bellevue', EmergencyCallRoutingPolicy: 'ECRP1' }, expect: 'changes', events: ['networkSiteAdded'] },
    { title: 'a site in a region that does not exist', named: { NetworkSiteID: 'Bellevue', NetworkRegionID: 'PNW' }, expect: 'refused' },
    { title: 'a site with the Global policy', named: { NetworkSiteID: 'Bellevue', EmergencyCallRoutingPolicy: 'Global' }, expect: 'refused' },
  ],
  'Get-CsTenantNetworkSite': [{ title: 'every site', named: {}, expect: 'nothing' }],
  'New-CsTenantNetworkSubnet': [
    { title: 'a subnet of a site', named: { SubnetID: '10.1.0.0', MaskBits: 24, NetworkSiteID: 'site-1' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'an IPv6 subnet', named: { SubnetID: 'fd00::', MaskBits: 64, NetworkSiteID: 'site-1' }, expect: 'refused' },
    { title: 'a site that does not exist', named: { SubnetID: '10.1.0.0', MaskBits: 24, NetworkSiteID: 'nowhere' }, expect: 'refused' },
  ],
  'Set-CsTenantNetworkSubnet': [
    {
      title: 'a subnet moved to another site',
      setup: (t) => {
        must(t, 'New-CsTenantNetworkSite', { NetworkSiteID: 'site-2' });
        must(t, 'New-CsTenantNetworkSubnet', { SubnetID: '10.1.0.0', MaskBits: 24, NetworkSiteID: 'site-1' });
      },
      named: { Identity: '10.1.0.0', NetworkSiteID: 'site-2' },
      expect: 'changes',
      events: ['networkChanged'],
    },
    { title: 'a subnet that does not exist', named: { Identity: '10.9.0.0', NetworkSiteID: 'site-1' }, expect: 'refused' },
  ],
  'New-CsTenantTrustedIPAddress': [
    { title: 'an address', named: { IPAddress: '203.0.113.0', MaskBits: 24 }, expect: 'changes', events: ['networkChanged'] },
    { title: 'not an address', named: { IPAddress: '203.0.113' }, expect: 'refused' },
  ],
  'Set-CsOnlineLisWirelessAccessPoint': [
    { title: 'an access point', named: { BSSID: 'f0:6e:0b:c2:03:23', LocationId: 'seattle-hq' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'five octets', named: { BSSID: 'F0-6E-0B-C2-03', LocationId: 'seattle-hq' }, expect: 'refused' },
  ],
  'Set-CsOnlineLisSwitch': [
    { title: 'a switch', named: { ChassisID: 'B8-BE-BF-4A-A3-00', LocationId: 'seattle-hq' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'a location that does not exist', named: { ChassisID: 'B8-BE-BF-4A-A3-00', LocationId: 'nowhere' }, expect: 'refused' },
  ],
  'Set-CsOnlineLisPort': [
    { title: 'a port', named: { ChassisID: 'B8-BE-BF-4A-A3-00', PortID: '12174', LocationId: 'seattle-hq' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'a location that does not exist', named: { ChassisID: 'B8-BE-BF-4A-A3-00', PortID: '1', LocationId: 'nowhere' }, expect: 'refused' },
  ],
  'Set-CsOnlineLisSubnet': [
    { title: 'a subnet', named: { Subnet: '10.10.10.128', LocationId: 'seattle-hq' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'not an address', named: { Subnet: '10.10.10', LocationId: 'seattle-hq' }, expect: 'refused' },
  ],
  'Get-CsTenantNetworkRegion': [{ title: 'every region', named: {}, expect: 'nothing' }],
  'Set-CsTenantNetworkRegion': [
    { title: 'a description', setup: netRegion, named: { Identity: 'PNW', Description: 'Puget Sound' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'the same description', setup: netRegion, named: { Identity: 'PNW', Description: '' }, expect: 'nothing' },
    { title: 'a region that does not exist', named: { Identity: 'PNW', Description: 'x' }, expect: 'refused' },
  ],
  'Remove-CsTenantNetworkRegion': [
    { title: 'a region no site names', setup: netRegion, named: { Identity: 'PNW' }, expect: 'changes', events: ['networkChanged'] },
    {
      title: 'a region a site names',
      setup: (t) => {
        netRegion(t);
        must(t, 'Set-CsTenantNetworkSite', { Identity: 'site-1', NetworkRegionID: 'PNW' });
      },
      named: { Identity: 'PNW' },
      expect: 'refused',
    },
  ],
  'Set-CsTenantNetworkSite': [
    { title: 'an emergency call routing policy', named: { Identity: 'site-1', EmergencyCallRoutingPolicy: 'ECRP1' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'the same description', named: { Identity: 'site-1', Description: 'HQ' }, expect: 'nothing' },
    { title: 'a region that does not exist', named: { Identity: 'site-1', NetworkRegionID: 'PNW' }, expect: 'refused' },
  ],
  'Remove-CsTenantNetworkSite': [
    { title: 'a site without subnets', named: { Identity: 'site-1' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'a site with a subnet', setup: netSubnet, named: { Identity: 'site-1' }, expect: 'refused' },
  ],
  'Get-CsTenantNetworkSubnet': [{ title: 'every subnet', setup: netSubnet, named: {}, expect: 'nothing' }],
  'Remove-CsTenantNetworkSubnet': [
    { title: 'a subnet', setup: netSubnet, named: { Identity: '10.1.0.0' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'a subnet that does not exist', named: { Identity: '10.9.0.0' }, expect: 'refused' },
  ],
  'Get-CsTenantTrustedIPAddress': [{ title: 'every address', setup: netTrusted, named: {}, expect: 'nothing' }],
  'Set-CsTenantTrustedIPAddress': [
    { title: 'a mask', setup: netTrusted, named: { Identity: '203.0.113.0', MaskBits: 28 }, expect: 'changes', events: ['networkChanged'] },
    { title: 'the same mask', setup: netTrusted, named: { Identity: '203.0.113.0', MaskBits: 24 }, expect: 'nothing' },
    { title: 'a mask of 33 bits', setup: netTrusted, named: { Identity: '203.0.113.0', MaskBits: 33 }, expect: 'refused' },
  ],
  'Remove-CsTenantTrustedIPAddress': [
    { title: 'an address', setup: netTrusted, named: { Identity: '203.0.113.0' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'an address that does not exist', named: { Identity: '203.0.113.0' }, expect: 'refused' },
  ],
  'Get-CsOnlineLisWirelessAccessPoint': [{ title: 'every access point', setup: netLis, named: {}, expect: 'nothing' }],
  'Remove-CsOnlineLisWirelessAccessPoint': [
    { title: 'an access point', setup: netLis, named: { BSSID: 'F0-6E-0B-C2-03-23' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'an access point LIS does not hold', setup: netLis, named: { BSSID: 'F0-6E-0B-C2-03-24' }, expect: 'refused' },
  ],
  'Get-CsOnlineLisSwitch': [{ title: 'every switch', setup: netLis, named: {}, expect: 'nothing' }],
  'Remove-CsOnlineLisSwitch': [
    { title: 'a switch', setup: netLis, named: { ChassisID: 'B8-BE-BF-4A-A3-00' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'a switch LIS does not hold', named: { ChassisID: 'B8-BE-BF-4A-A3-00' }, expect: 'refused' },
  ],
  'Get-CsOnlineLisPort': [{ title: 'every port', setup: netLis, named: {}, expect: 'nothing' }],
  'Remove-CsOnlineLisPort': [
    { title: 'a port', setup: netLis, named: { ChassisID: 'B8-BE-BF-4A-A3-00', PortID: '12' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'a port LIS does not hold', setup: netLis, named: { ChassisID: 'B8-BE-BF-4A-A3-00', PortID: '13' }, expect: 'refused' },
  ],
  'Get-CsOnlineLisSubnet': [{ title: 'every subnet', setup: netLis, named: {}, expect: 'nothing' }],
  'Remove-CsOnlineLisSubnet': [
    { title: 'a subnet', setup: netLis, named: { Subnet: '10.1.0.0' }, expect: 'changes', events: ['networkChanged'] },
    { title: 'a subnet LIS does not hold', setup: netLis, named: { Subnet: '10.2.0.0' }, expect: 'refused' },
  ],
  'Add-CsSimCommunicationsCredits': [
    { title: 'funds', named: { Amount: 25 }, expect: 'changes', events: ['creditsChanged'] },
    { title: 'nothing', named: { Amount: 0 }, expect: 'refused' },
  ],
  'Set-CsSimCommunicationsCredits': [
    { title: 'a balance', named: { Balance: 5 }, expect: 'changes', events: ['creditsChanged'] },
    { title: 'the same balance', named: { Balance: 100 }, expect: 'nothing' },
    { title: 'a recharge threshold', named: { AutoRechargeThreshold: 20 }, expect: 'changes', events: ['creditsChanged'] },
    { title: 'the same recharge settings', named: { AutoRechargeThreshold: 10, AutoRechargeAmount: 50 }, expect: 'nothing' },
    { title: 'auto-recharge off and a balance', named: { AutoRechargeEnabled: false, Balance: 0 }, expect: 'changes', events: ['creditsChanged'] },
    { title: 'postpaid overage', named: { PostpaidOverage: true }, expect: 'changes', events: ['creditsChanged'] },
    { title: 'a bad recharge', named: { AutoRechargeAmount: 0 }, expect: 'refused' },
  ],
};

/** Cases for the typed operations no cmdlet reaches (the scenario loader's and admin center's). */
export const OP_CASES: Record<string, OpCase[]> = {
  addLocation: [
    {
      title: 'a location',
      run: (t) => addLocation(t, { ...(t.locations[0] as Tenant['locations'][number]), locationId: 'loc-new' }),
      expect: 'changes',
      events: ['locationAdded'],
    },
    { title: 'an existing id', run: (t) => addLocation(t, t.locations[0] as Tenant['locations'][number]), expect: 'refused' },
  ],
  acquireNumber: [
    { title: 'a number', run: (t) => acquireNumber(t, number('+14255550999')), expect: 'changes', events: ['numberAcquired'] },
    { title: 'a number already held', run: (t) => acquireNumber(t, number(SPARE_NUMBER)), expect: 'refused' },
  ],
  addGroup: [
    { title: 'a group', run: (t) => addGroup(t, { id: 'ops', displayName: 'Ops' }), expect: 'changes', events: ['groupAdded'] },
    { title: 'an existing group', run: (t) => addGroup(t, { id: 'sales', displayName: 'Sales' }), expect: 'refused' },
  ],
  addUser: [
    { title: 'a user', run: (t) => addUser(t, newUser('u-new', 'new@contoso.com')), expect: 'changes', events: ['userAdded'] },
    { title: 'an existing UPN', run: (t) => addUser(t, newUser('u-new', 'user@contoso.com')), expect: 'refused' },
  ],
  addResourceAccount: [
    {
      title: 'a resource account',
      run: (t) =>
        addResourceAccount(t, { objectId: 'ra-new', userPrincipalName: 'new-aa@contoso.com', displayName: 'New', applicationType: 'AutoAttendant', licences: [], voiceRoutingPolicy: null, autoAttendantId: null }),
      expect: 'changes',
      events: ['resourceAccountAdded'],
    },
    {
      title: 'an existing id',
      run: (t) => addResourceAccount(t, { objectId: RA_ID, userPrincipalName: 'x@contoso.com', displayName: 'x', applicationType: 'AutoAttendant', licences: [], voiceRoutingPolicy: null, autoAttendantId: null }),
      expect: 'refused',
    },
  ],
  addAutoAttendant: [
    { title: 'an auto attendant', run: (t) => addAutoAttendant(t, attendant('aa-new')), expect: 'changes', events: ['autoAttendantAdded'] },
    { title: 'an existing id', run: (t) => addAutoAttendant(t, attendant(AA_ID)), expect: 'refused' },
  ],
  setAutoAttendant: [
    {
      title: 'a dial scope',
      run: (t) => setAutoAttendant(t, attendant(AA_ID, { dialScope: { includeGroups: ['sales'], excludeGroups: [] } })),
      expect: 'changes',
      events: ['autoAttendantChanged'],
    },
    { title: 'the same definition', run: (t) => setAutoAttendant(t, attendant(AA_ID)), expect: 'nothing' },
    { title: 'an unknown auto attendant', run: (t) => setAutoAttendant(t, attendant('nowhere')), expect: 'refused' },
  ],
  associateAutoAttendant: [
    {
      title: 'a resource account with an auto attendant',
      run: (t) => associateAutoAttendant(t, RA2_ID, AA_ID),
      expect: 'changes',
      events: ['autoAttendantAssociated'],
    },
    { title: 'the association it has', run: (t) => associateAutoAttendant(t, RA_ID, AA_ID), expect: 'nothing' },
    { title: 'an unknown auto attendant', run: (t) => associateAutoAttendant(t, RA_ID, 'nowhere'), expect: 'refused' },
  ],
  newCallQueue: [
    { title: 'a call queue', run: (t) => newCallQueue(t, defaultCallQueue('cq-new', 'Support')), expect: 'changes', events: ['callQueueChanged'] },
    { title: 'an existing identity', run: (t) => newCallQueue(t, defaultCallQueue(CQ_ID, 'Sales')), expect: 'refused' },
  ],
  setCallQueue: [
    { title: 'a routing method', run: (t) => setCallQueue(t, CQ_ID, { routingMethod: 'RoundRobin' }), expect: 'changes', events: ['callQueueChanged'] },
    { title: 'the same definition', run: (t) => setCallQueue(t, CQ_ID, { routingMethod: 'Attendant' }), expect: 'nothing' },
    { title: 'an alert time Teams refuses', run: (t) => setCallQueue(t, CQ_ID, { agentAlertTime: 5 }), expect: 'refused' },
  ],
  removeCallQueue: [
    { title: 'a queue with its resource account', run: (t) => removeCallQueue(t, CQ_ID), expect: 'changes', events: ['callQueueChanged', 'callQueueAssociated'] },
    { title: 'an unknown queue', run: (t) => removeCallQueue(t, 'nowhere'), expect: 'refused' },
  ],
  associateCallQueue: [
    {
      title: 'a queue resource account with another queue',
      run: (t) => associateCallQueue(t, CQ_RA_ID, 'cq-support'),
      expect: 'changes',
      events: ['callQueueAssociated'],
    },
    { title: 'the association it has', run: (t) => associateCallQueue(t, CQ_RA_ID, CQ_ID), expect: 'nothing' },
    { title: 'an auto attendant resource account', run: (t) => associateCallQueue(t, RA_ID, CQ_ID), expect: 'refused' },
  ],
  addNetworkSite: [
    { title: 'a site', run: (t) => addNetworkSite(t, { id: 'site-2', description: '', emergencyCallRoutingPolicy: 'ECRP1' }), expect: 'changes', events: ['networkSiteAdded'] },
    { title: 'an existing site', run: (t) => addNetworkSite(t, { id: 'site-1', description: '', emergencyCallRoutingPolicy: null }), expect: 'refused' },
  ],
  setCommunicationsCredits: [
    { title: 'rates', run: (t) => setCommunicationsCredits(t, { ratesPerMinute: { default: 0.03 } }), expect: 'changes', events: ['creditsChanged'] },
    { title: 'the same rates', run: (t) => setCommunicationsCredits(t, { ratesPerMinute: { default: 0.02 } }), expect: 'nothing' },
    { title: 'a balance that is no number', run: (t) => setCommunicationsCredits(t, { balance: Number.NaN }), expect: 'refused' },
  ],
  addCommunicationsCredits: [
    { title: 'funds', run: (t) => addCommunicationsCredits(t, 0.1), expect: 'changes', events: ['creditsChanged'] },
    { title: 'negative funds', run: (t) => addCommunicationsCredits(t, -1), expect: 'refused' },
  ],
};

export type Ran = { ok: true; events: TenantChange[] } | { ok: false };

export function cmdletRun(name: string, c: CmdletCase, extra: Record<string, CmdletValue> = {}): (t: Tenant) => Ran {
  return (t) => {
    const named = typeof c.named === 'function' ? c.named(t) : c.named;
    const r = invokeCmdlet(t, { name, named: { ...named, ...extra }, positional: c.positional ?? [] });
    return r.ok ? { ok: true, events: r.events } : { ok: false };
  };
}

export function opRun(c: OpCase): (t: Tenant) => Ran {
  return (t) => {
    const r = c.run(t);
    return r.ok ? { ok: true, events: r.events } : { ok: false };
  };
}

/** Every case, cmdlets first, titled with what it runs. */
export function everyCase(): { title: string; case: Case; run: (t: Tenant) => Ran }[] {
  return [
    ...Object.entries(CMDLET_CASES).flatMap(([name, cases]) => cases.map((c) => ({ title: `${name}: ${c.title}`, case: c as Case, run: cmdletRun(name, c) }))),
    ...Object.entries(OP_CASES).flatMap(([name, cases]) => cases.map((c) => ({ title: `${name}: ${c.title}`, case: c as Case, run: opRun(c) }))),
  ];
}
