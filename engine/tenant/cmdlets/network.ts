/**
 * The network cmdlets of dynamic emergency calling: regions, sites, subnets and trusted IPs
 * (New-CsTenantNetwork*, New-CsTenantTrustedIPAddress) and the LIS map from network elements to
 * locations (Set-CsOnlineLis*). Parameter names as the Microsoft cmdlet reference spells them;
 * `-Identity` and the ParentAndRelativeKey names (-NetworkSiteID, -SubnetID, -IPAddress) are one
 * parameter here.
 */
import type { CmdletObject } from '../cmdlet.js';
import type { Tenant } from '../model.js';
import { addNetworkSite } from '../operations/setup.js';
import {
  newNetworkRegion,
  newNetworkSubnet,
  newTrustedIpAddress,
  setNetworkSubnet,
  setLisPort,
  setLisSubnet,
  setLisSwitch,
  setLisWirelessAccessPoint,
} from '../operations/network.js';
import { identityOrFilter, REGION_NOT_SIMULATED, SITE_NOT_SIMULATED, SITE_PARAMETERS_NOT_SIMULATED } from './network-edit.js';
import { fromOp, notSimulated } from './result.js';
import type { CmdletSpec } from './spec.js';

const DESCRIPTION = { name: 'Description', type: 'string' } as const;

function object(typeName: string, properties: CmdletObject['properties'], text: string): CmdletObject {
  return { kind: 'object', typeName, properties, text };
}

function siteObjects(t: Tenant): CmdletObject[] {
  return t.networkSites.map((s) =>
    object(
      'TenantNetworkSite',
      {
        Identity: s.id,
        NetworkSiteID: s.id,
        Description: s.description,
        NetworkRegionID: s.networkRegionId ?? null,
        EmergencyCallRoutingPolicy: s.emergencyCallRoutingPolicy,
        EmergencyCallingPolicy: s.emergencyCallingPolicy ?? null,
        Subnets: (t.network?.subnets ?? []).filter((n) => n.networkSiteId?.toLowerCase() === s.id.toLowerCase()).map((n) => `${n.subnetId}/${n.maskBits}`),
      },
      s.id,
    ),
  );
}

export const networkCmdlets: CmdletSpec[] = [
  {
    name: 'New-CsTenantNetworkRegion',
    synopsis: 'Creates a network region, a group of network sites.',
    parameters: [{ name: 'Identity', aliases: ['NetworkRegionID'], type: 'string', position: 0, mandatory: true }, DESCRIPTION, { name: 'CentralSite', type: 'string' }, { name: 'BypassID', type: 'string' }],
    run(t, a) {
      return notSimulated(fromOp(newNetworkRegion(t, { id: a.string('Identity') ?? '', description: a.string('Description') ?? '' })), a, ['CentralSite', 'BypassID'], REGION_NOT_SIMULATED);
    },
  },
  {
    name: 'New-CsTenantNetworkSite',
    synopsis: 'Creates a network site; its emergency call routing policy overrides the user\'s for clients there (EMG006).',
    parameters: [
      { name: 'Identity', aliases: ['NetworkSiteID'], type: 'string', position: 0, mandatory: true },
      DESCRIPTION,
      { name: 'NetworkRegionID', type: 'string' },
      { name: 'EmergencyCallRoutingPolicy', type: 'string' },
      { name: 'EmergencyCallingPolicy', type: 'string' },
      { name: 'LocationPolicy', type: 'string' },
      { name: 'NetworkRoamingPolicy', type: 'string' },
      { name: 'EnableLocationBasedRouting', type: 'bool' },
      { name: 'SiteAddress', type: 'string' },
    ],
    run(t, a) {
      const site = {
        id: a.string('Identity') ?? '',
        description: a.string('Description') ?? '',
        emergencyCallRoutingPolicy: a.string('EmergencyCallRoutingPolicy') ?? null,
        ...(a.has('NetworkRegionID') ? { networkRegionId: a.string('NetworkRegionID') ?? null } : {}),
        ...(a.has('EmergencyCallingPolicy') ? { emergencyCallingPolicy: a.string('EmergencyCallingPolicy') ?? null } : {}),
      };
      return notSimulated(fromOp(addNetworkSite(t, site)), a, SITE_PARAMETERS_NOT_SIMULATED, SITE_NOT_SIMULATED);
    },
  },
  {
    name: 'Get-CsTenantNetworkSite',
    synopsis: 'Lists network sites with their region, emergency policies and subnets: all, one by -Identity, or by -Filter (wildcards).',
    parameters: [
      { name: 'Identity', type: 'string', position: 0, sets: ['Identity'] },
      { name: 'Filter', type: 'string', sets: ['Filter'] },
      { name: 'LocalStore', type: 'switch' },
    ],
    sets: ['Identity', 'Filter'],
    run(t, a) {
      return identityOrFilter(siteObjects(t), a);
    },
  },
  {
    name: 'New-CsTenantNetworkSubnet',
    synopsis: 'Creates an internal subnet of a network site (a subnet belongs to exactly one site).',
    parameters: [
      { name: 'Identity', aliases: ['SubnetID'], type: 'string', position: 0, mandatory: true },
      { name: 'MaskBits', type: 'int', mandatory: true },
      { name: 'NetworkSiteID', type: 'string' },
      DESCRIPTION,
    ],
    run(t, a) {
      return fromOp(
        newNetworkSubnet(t, {
          subnetId: a.string('Identity') ?? '',
          maskBits: a.number('MaskBits') ?? -1,
          networkSiteId: a.string('NetworkSiteID') ?? null,
          description: a.string('Description') ?? '',
        }),
      );
    },
  },
  {
    name: 'Set-CsTenantNetworkSubnet',
    synopsis: 'Changes a subnet: moves it to another network site (-NetworkSiteID), or changes its mask or description.',
    parameters: [
      { name: 'Identity', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' },
      { name: 'MaskBits', type: 'int' },
      { name: 'NetworkSiteID', type: 'string', nullable: true },
      DESCRIPTION,
    ],
    run(t, a) {
      const mask = a.number('MaskBits');
      const description = a.string('Description');
      return fromOp(
        setNetworkSubnet(t, {
          subnetId: a.string('Identity') ?? '',
          ...(mask === undefined ? {} : { maskBits: mask }),
          ...(a.has('NetworkSiteID') ? { networkSiteId: a.string('NetworkSiteID') ?? null } : {}),
          ...(description === undefined || description === null ? {} : { description }),
        }),
      );
    },
  },
  {
    name: 'New-CsTenantTrustedIPAddress',
    synopsis: "Adds an external (public) address range of the corporate network: only clients behind one get a dynamic location.",
    parameters: [
      { name: 'Identity', aliases: ['IPAddress'], type: 'string', position: 0, mandatory: true },
      { name: 'MaskBits', type: 'int' },
      DESCRIPTION,
    ],
    run(t, a) {
      return fromOp(newTrustedIpAddress(t, { ipAddress: a.string('Identity') ?? '', maskBits: a.number('MaskBits') ?? 32, description: a.string('Description') ?? '' }));
    },
  },
  {
    name: 'Set-CsOnlineLisWirelessAccessPoint',
    synopsis: 'Binds a wireless access point (BSSID) to an emergency location in LIS.',
    parameters: [{ name: 'BSSID', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' }, { name: 'LocationId', type: 'string', mandatory: true }, DESCRIPTION],
    run(t, a) {
      return fromOp(setLisWirelessAccessPoint(t, { bssid: a.string('BSSID') ?? '', locationId: a.string('LocationId') ?? '', description: a.string('Description') ?? '' }));
    },
  },
  {
    name: 'Set-CsOnlineLisSwitch',
    synopsis: 'Binds a network switch (chassis ID) to an emergency location in LIS.',
    parameters: [{ name: 'ChassisID', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' }, { name: 'LocationId', type: 'string', mandatory: true }, DESCRIPTION],
    run(t, a) {
      return fromOp(setLisSwitch(t, { chassisId: a.string('ChassisID') ?? '', locationId: a.string('LocationId') ?? '', description: a.string('Description') ?? '' }));
    },
  },
  {
    name: 'Set-CsOnlineLisPort',
    synopsis: 'Binds a port of a switch (chassis ID and port ID) to an emergency location in LIS.',
    parameters: [
      { name: 'ChassisID', type: 'string', mandatory: true, pipeline: 'propertyName' },
      { name: 'PortID', type: 'string', mandatory: true, pipeline: 'propertyName' },
      { name: 'LocationId', type: 'string', mandatory: true },
      DESCRIPTION,
    ],
    run(t, a) {
      return fromOp(
        setLisPort(t, { chassisId: a.string('ChassisID') ?? '', portId: a.string('PortID') ?? '', locationId: a.string('LocationId') ?? '', description: a.string('Description') ?? '' }),
      );
    },
  },
  {
    name: 'Set-CsOnlineLisSubnet',
    synopsis: 'Binds a subnet (its network ID) to an emergency location in LIS.',
    parameters: [{ name: 'Subnet', type: 'string', position: 0, mandatory: true, pipeline: 'propertyName' }, { name: 'LocationId', type: 'string', mandatory: true }, DESCRIPTION],
    run(t, a) {
      return fromOp(setLisSubnet(t, { subnet: a.string('Subnet') ?? '', locationId: a.string('LocationId') ?? '', description: a.string('Description') ?? '' }));
    },
  },
];
