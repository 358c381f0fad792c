/**
 * The counterparts that let an administrator look at and correct the network of dynamic
 * emergency calling: Get-/Set-/Remove- of regions, sites, subnets and trusted IP addresses, and
 * Get-/Remove- of LIS entries. Parameter names and sets as Microsoft's cmdlet reference spells
 * them; -NetworkRegionID and -NetworkSiteID of Set-CsTenantNetworkRegion/-Site name the same
 * object as -Identity here (callsim does not rename). Get- cmdlets with -Filter take wildcards.
 */
import type { CmdletObject } from '../cmdlet.js';
import type { Tenant } from '../model.js';
import { normaliseBssid, parseIpv4 } from '../network-address.js';
import {
  removeLisPort,
  removeLisSubnet,
  removeLisSwitch,
  removeLisWirelessAccessPoint,
  removeNetworkRegion,
  removeNetworkSite,
  removeNetworkSubnet,
  removeTrustedIpAddress,
  setNetworkRegion,
  setNetworkSite,
  setTrustedIpAddress,
} from '../operations/network-edit.js';
import { emit, fromOp, notSimulated, wildcard } from './result.js';
import type { BoundArgs, CmdletSpec, ParamSpec } from './spec.js';

/** What the region and site cmdlets store without simulating (a warning says so; see notSimulated). */
export const REGION_NOT_SIMULATED = 'network regions only group sites for the calls simulated; a central site and bypass IDs (media bypass) change no routing or location decision.';
export const SITE_NOT_SIMULATED = 'location-based routing, roaming and location policies and the site address change no routing or location decision callsim makes (the emergency location comes from LIS, NET022-NET027).';
export const SITE_PARAMETERS_NOT_SIMULATED = ['LocationPolicy', 'NetworkRoamingPolicy', 'EnableLocationBasedRouting', 'SiteAddress'] as const;

function object(typeName: string, properties: CmdletObject['properties'], text: string): CmdletObject {
  return { kind: 'object', typeName, properties, text };
}

/** -Identity (exact, case-insensitive) or -Filter (wildcards) over objects known by their text. */
const IDENTITY_OR_FILTER: ParamSpec[] = [
  { name: 'Identity', type: 'string', position: 0, sets: ['Identity'] },
  { name: 'Filter', type: 'string', sets: ['Filter'] },
  { name: 'LocalStore', type: 'switch' },
];

export function identityOrFilter(all: CmdletObject[], a: BoundArgs, same: (o: CmdletObject, id: string) => boolean = (o, id) => o.text.toLowerCase() === id.toLowerCase()) {
  const id = a.string('Identity');
  if (id !== undefined && id !== null) return emit(all.filter((o) => same(o, id)));
  const filter = a.string('Filter');
  if (filter === undefined || filter === null) return emit(all);
  const re = wildcard(filter);
  return emit(all.filter((o) => re.test(o.text)));
}

/** Subnets and trusted IPs are known by their address, host bits as written (10.1.0.0 = 10.1.0.00). */
const sameAddress = (o: CmdletObject, id: string): boolean => parseIpv4(o.text) !== undefined && parseIpv4(o.text) === parseIpv4(id);

function regionObjects(t: Tenant): CmdletObject[] {
  return (t.network?.regions ?? []).map((r) => object('TenantNetworkRegion', { Identity: r.id, NetworkRegionID: r.id, Description: r.description, CentralSite: null }, r.id));
}

function subnetObjects(t: Tenant): CmdletObject[] {
  return (t.network?.subnets ?? []).map((s) =>
    object('TenantNetworkSubnet', { Identity: s.subnetId, SubnetID: s.subnetId, MaskBits: s.maskBits, NetworkSiteID: s.networkSiteId, Description: s.description }, s.subnetId),
  );
}

function trustedIpObjects(t: Tenant): CmdletObject[] {
  return (t.network?.trustedIps ?? []).map((x) => object('TenantTrustedIPAddress', { Identity: x.ipAddress, IPAddress: x.ipAddress, MaskBits: x.maskBits, Description: x.description }, x.ipAddress));
}

const DESCRIPTION: ParamSpec = { name: 'Description', type: 'string' };

/** A nullable parameter as an operation wants it: undefined when not given, null for $null. */
function given(a: BoundArgs, name: string): string | null | undefined {
  return a.has(name) ? (a.string(name) ?? null) : undefined;
}

export const networkEditCmdlets: CmdletSpec[] = [
  // ------------------------------------------------------------ regions
  {
    name: 'Get-CsTenantNetworkRegion',
    synopsis: 'Lists network regions: all, one by -Identity, or by -Filter (wildcards).',
    parameters: IDENTITY_OR_FILTER,
    sets: ['Identity', 'Filter'],
    run(t, a) {
      return identityOrFilter(regionObjects(t), a);
    },
  },
  {
    name: 'Set-CsTenantNetworkRegion',
    synopsis: 'Changes a network region\'s description (NET010 when it does not exist).',
    parameters: [
      { name: 'Identity', aliases: ['NetworkRegionID'], type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' },
      DESCRIPTION,
      { name: 'CentralSite', type: 'string' },
    ],
    run(t, a) {
      const description = a.string('Description');
      return notSimulated(fromOp(setNetworkRegion(t, { id: a.string('Identity') ?? '', ...(description === undefined || description === null ? {} : { description }) })), a, ['CentralSite'], REGION_NOT_SIMULATED);
    },
  },
  {
    name: 'Remove-CsTenantNetworkRegion',
    synopsis: 'Removes a network region no site names any more (NET012).',
    parameters: [{ name: 'Identity', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' }],
    run(t, a) {
      return fromOp(removeNetworkRegion(t, a.string('Identity') ?? ''));
    },
  },
  // ------------------------------------------------------------ sites
  {
    name: 'Set-CsTenantNetworkSite',
    synopsis: "Changes a network site: its region (NET002), emergency call routing policy (NET003; $null removes it), calling policy or description.",
    parameters: [
      { name: 'Identity', aliases: ['NetworkSiteID'], type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' },
      DESCRIPTION,
      { name: 'NetworkRegionID', type: 'string', nullable: true },
      { name: 'EmergencyCallRoutingPolicy', type: 'string', nullable: true },
      { name: 'EmergencyCallingPolicy', type: 'string', nullable: true },
      { name: 'LocationPolicy', type: 'string', nullable: true },
      { name: 'NetworkRoamingPolicy', type: 'string', nullable: true },
      { name: 'EnableLocationBasedRouting', type: 'bool' },
      { name: 'SiteAddress', type: 'string' },
    ],
    run(t, a) {
      const description = a.string('Description');
      const region = given(a, 'NetworkRegionID');
      const routing = given(a, 'EmergencyCallRoutingPolicy');
      const calling = given(a, 'EmergencyCallingPolicy');
      return notSimulated(
        fromOp(
          setNetworkSite(t, {
            id: a.string('Identity') ?? '',
            ...(description === undefined || description === null ? {} : { description }),
            ...(region === undefined ? {} : { networkRegionId: region }),
            ...(routing === undefined ? {} : { emergencyCallRoutingPolicy: routing }),
            ...(calling === undefined ? {} : { emergencyCallingPolicy: calling }),
          }),
        ),
        a,
        SITE_PARAMETERS_NOT_SIMULATED,
        SITE_NOT_SIMULATED,
      );
    },
  },
  {
    name: 'Remove-CsTenantNetworkSite',
    synopsis: 'Removes a network site no subnet names any more (NET013).',
    parameters: [{ name: 'Identity', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' }],
    run(t, a) {
      return fromOp(removeNetworkSite(t, a.string('Identity') ?? ''));
    },
  },
  // ------------------------------------------------------------ subnets
  {
    name: 'Get-CsTenantNetworkSubnet',
    synopsis: 'Lists network subnets with their mask and site: all, one by -Identity, or by -Filter (wildcards, e.g. 10.1.*).',
    parameters: IDENTITY_OR_FILTER,
    sets: ['Identity', 'Filter'],
    run(t, a) {
      return identityOrFilter(subnetObjects(t), a, sameAddress);
    },
  },
  {
    name: 'Remove-CsTenantNetworkSubnet',
    synopsis: 'Removes a network subnet; clients on it then belong to no site.',
    parameters: [{ name: 'Identity', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' }],
    run(t, a) {
      return fromOp(removeNetworkSubnet(t, a.string('Identity') ?? ''));
    },
  },
  // ------------------------------------------------------------ trusted IP addresses
  {
    name: 'Get-CsTenantTrustedIPAddress',
    synopsis: 'Lists trusted IP addresses: all, one by -Identity, or by -Filter (wildcards).',
    parameters: IDENTITY_OR_FILTER,
    sets: ['Identity', 'Filter'],
    run(t, a) {
      return identityOrFilter(trustedIpObjects(t), a, sameAddress);
    },
  },
  {
    name: 'Set-CsTenantTrustedIPAddress',
    synopsis: 'Changes a trusted IP address\'s mask (NET004) or description.',
    parameters: [{ name: 'Identity', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' }, { name: 'MaskBits', type: 'int' }, DESCRIPTION],
    run(t, a) {
      const mask = a.number('MaskBits');
      const description = a.string('Description');
      return fromOp(
        setTrustedIpAddress(t, {
          ipAddress: a.string('Identity') ?? '',
          ...(mask === undefined ? {} : { maskBits: mask }),
          ...(description === undefined || description === null ? {} : { description }),
        }),
      );
    },
  },
  {
    name: 'Remove-CsTenantTrustedIPAddress',
    synopsis: 'Removes a trusted IP address: clients behind it are then off the trusted network (NET021).',
    parameters: [{ name: 'Identity', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' }],
    run(t, a) {
      return fromOp(removeTrustedIpAddress(t, a.string('Identity') ?? ''));
    },
  },
  // ------------------------------------------------------------ LIS
  {
    name: 'Get-CsOnlineLisWirelessAccessPoint',
    synopsis: 'Lists the wireless access points in LIS with their locations (all, or one -BSSID).',
    parameters: [{ name: 'BSSID', type: 'string', position: 0 }],
    run(t, a) {
      const bssid = a.string('BSSID');
      const key = bssid === undefined || bssid === null ? undefined : normaliseBssid(bssid) ?? bssid;
      const entries = (t.network?.lis.wirelessAccessPoints ?? []).filter((x) => key === undefined || x.bssid === key);
      return emit(entries.map((x) => object('LisWirelessAccessPoint', { BSSID: x.bssid, LocationId: x.locationId, Description: x.description }, x.bssid)));
    },
  },
  {
    name: 'Remove-CsOnlineLisWirelessAccessPoint',
    synopsis: 'Removes a wireless access point from LIS: callers on it fall to their port, switch or subnet (NET023-NET026).',
    parameters: [{ name: 'BSSID', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' }],
    run(t, a) {
      return fromOp(removeLisWirelessAccessPoint(t, a.string('BSSID') ?? ''));
    },
  },
  {
    name: 'Get-CsOnlineLisSwitch',
    synopsis: 'Lists the switches in LIS with their locations (all, or one -ChassisID).',
    parameters: [{ name: 'ChassisID', type: 'string', position: 0 }],
    run(t, a) {
      const id = a.string('ChassisID');
      const entries = (t.network?.lis.switches ?? []).filter((x) => id === undefined || id === null || x.chassisId.toLowerCase() === id.toLowerCase());
      return emit(entries.map((x) => object('LisSwitch', { ChassisID: x.chassisId, LocationId: x.locationId, Description: x.description }, x.chassisId)));
    },
  },
  {
    name: 'Remove-CsOnlineLisSwitch',
    synopsis: 'Removes a switch from LIS (its ports stay); callers on it fall to their subnet (NET025/NET026).',
    parameters: [{ name: 'ChassisID', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' }],
    run(t, a) {
      return fromOp(removeLisSwitch(t, a.string('ChassisID') ?? ''));
    },
  },
  {
    name: 'Get-CsOnlineLisPort',
    synopsis: 'Lists the switch ports in LIS with their locations (all, a -ChassisID, or one -PortID of it).',
    parameters: [{ name: 'ChassisID', type: 'string', position: 0 }, { name: 'PortID', type: 'string' }],
    run(t, a) {
      const chassis = a.string('ChassisID');
      const port = a.string('PortID');
      const entries = (t.network?.lis.ports ?? []).filter(
        (x) => (chassis === undefined || chassis === null || x.chassisId.toLowerCase() === chassis.toLowerCase()) && (port === undefined || port === null || x.portId.toLowerCase() === port.toLowerCase()),
      );
      return emit(entries.map((x) => object('LisPort', { ChassisID: x.chassisId, PortID: x.portId, LocationId: x.locationId, Description: x.description }, `${x.chassisId}/${x.portId}`)));
    },
  },
  {
    name: 'Remove-CsOnlineLisPort',
    synopsis: 'Removes a switch port from LIS: callers on it fall to their switch or subnet (NET024-NET026).',
    parameters: [
      { name: 'ChassisID', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' },
      { name: 'PortID', type: 'string', mandatory: true, pipeline: 'propertyName' },
    ],
    run(t, a) {
      return fromOp(removeLisPort(t, a.string('ChassisID') ?? '', a.string('PortID') ?? ''));
    },
  },
  {
    name: 'Get-CsOnlineLisSubnet',
    synopsis: 'Lists the subnets in LIS with their locations (all, or one -Subnet).',
    parameters: [{ name: 'Subnet', type: 'string', position: 0 }],
    run(t, a) {
      const subnet = a.string('Subnet');
      const entries = (t.network?.lis.subnets ?? []).filter((x) => subnet === undefined || subnet === null || parseIpv4(x.subnet) === parseIpv4(subnet));
      return emit(entries.map((x) => object('LisSubnet', { Subnet: x.subnet, LocationId: x.locationId, Description: x.description }, x.subnet)));
    },
  },
  {
    name: 'Remove-CsOnlineLisSubnet',
    synopsis: 'Removes a subnet from LIS: callers matched only by it get no dynamic location (NET026).',
    parameters: [{ name: 'Subnet', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' }],
    run(t, a) {
      return fromOp(removeLisSubnet(t, a.string('Subnet') ?? ''));
    },
  },
];
