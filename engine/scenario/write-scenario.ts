/**
 * Writing a tenant back out as a scenario file, so a script replayed over a scenario (`callsim ps
 * -o`) gives a file that loads back to the same tenant. The `tenant` section is the reverse of
 * build-tenant.ts: each field is written the way the loader reads it, and whatever the loader
 * would fill in by default is left out.
 *
 * Should the scenario format ever fall behind a state the cmdlets can make, the text is always
 * loaded back and compared: a tenant the format cannot hold is refused with the first field that
 * differs, rather than written wrong.
 */
import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, parseDocument } from 'yaml';
import type { AutoAttendant, CallFlow, CallQueue, CallTarget, Tenant, User } from '../tenant/index.js';
import { emptyTenant } from '../tenant/index.js';
import { loadScenarioText } from './load.js';
import { objectIdFor } from './object-id.js';

type Plain = Record<string, unknown>;

/** The top-level fields of a scenario written without a base file. */
export interface NewScenarioFields {
  name: string;
  seed: number;
  start: string;
  horizon: string;
}

export type WriteScenarioResult =
  | { ok: true; text: string }
  | { ok: false; reason: string; issues: string[] };

function target(t: CallTarget): Plain {
  return { type: t.type, id: t.id };
}

function callFlow(flow: CallFlow): Plain {
  const action = flow.action;
  let then: unknown;
  if (action.kind === 'disconnect') then = 'disconnect';
  else if (action.kind === 'redirect') then = { redirect: target(action.target) };
  else {
    then = {
      menu: {
        prompt: action.menu.prompt,
        directorySearch: action.menu.directorySearch,
        options: action.menu.options.map((o) => ({
          key: o.key,
          action: o.action,
          ...(o.target === null ? {} : { target: target(o.target) }),
          ...(o.prompt === null ? {} : { prompt: o.prompt }),
        })),
      },
    };
  }
  return { name: flow.name, greeting: flow.greeting, then };
}

function callQueue(tenant: Tenant, q: CallQueue): Plain {
  const upn = (objectId: string): string => tenant.users.find((u) => u.objectId === objectId)?.userPrincipalName ?? objectId;
  const action = (a: string, t: CallTarget | null): Plain => ({ action: a, ...(t === null ? {} : { target: target(t) }) });
  return {
    id: q.identity,
    name: q.name,
    agents: q.agents.map((a) => (a.optIn ? upn(a.objectId) : { user: upn(a.objectId), optIn: false })),
    distributionLists: [...q.distributionLists],
    routingMethod: q.routingMethod,
    presenceBasedRouting: q.presenceBasedRouting,
    agentAlertTime: `${q.agentAlertTime}s`,
    allowOptOut: q.allowOptOut,
    conferenceMode: q.conferenceMode,
    overflowThreshold: q.overflowThreshold,
    overflow: action(q.overflowAction, q.overflowActionTarget),
    timeoutThreshold: `${q.timeoutThreshold}s`,
    timeout: action(q.timeoutAction, q.timeoutActionTarget),
    noAgents: action(q.noAgentAction, q.noAgentActionTarget),
  };
}

function autoAttendant(a: AutoAttendant): Plain {
  return {
    id: a.id,
    name: a.name,
    timeZone: a.timeZone,
    language: a.languageId,
    ...(a.businessHours === null ? {} : { businessHours: structuredClone(a.businessHours) }),
    defaultCallFlow: callFlow(a.defaultCallFlow),
    ...(a.afterHoursCallFlow === null ? {} : { afterHoursCallFlow: callFlow(a.afterHoursCallFlow) }),
    holidays: a.holidays.map((h) => ({ name: h.name, ranges: h.ranges.map((r) => ({ start: r.start, end: r.end })), callFlow: callFlow(h.callFlow) })),
    ...(a.operator === null ? {} : { operator: target(a.operator) }),
    dialScope: {
      ...(a.dialScope.includeGroups === null ? {} : { include: [...a.dialScope.includeGroups] }),
      exclude: [...a.dialScope.excludeGroups],
    },
  };
}

function assignedNumber(tenant: Tenant, objectId: string): string | undefined {
  return tenant.numbers.find((n) => n.assignedPstnTargetId === objectId)?.telephoneNumber;
}

function user(tenant: Tenant, u: User): Plain {
  const number = assignedNumber(tenant, u.objectId);
  const { networkSiteId, dynamicLocationId } = u.clientLocation;
  const policies: Plain = {};
  if (u.policies.sharedCalling !== null) policies['sharedCalling'] = u.policies.sharedCalling;
  if (u.policies.voiceRouting !== null) policies['voiceRouting'] = u.policies.voiceRouting;
  if (u.policies.emergencyCallRouting !== null) policies['emergencyCallRouting'] = u.policies.emergencyCallRouting;
  return {
    upn: u.userPrincipalName,
    ...(u.displayName === `${u.givenName} ${u.surname}`.trim() ? {} : { displayName: u.displayName }),
    givenName: u.givenName,
    surname: u.surname,
    ...(u.objectId === objectIdFor(u.userPrincipalName) ? {} : { objectId: u.objectId }),
    licences: [...u.licences],
    enterpriseVoice: u.enterpriseVoiceEnabled,
    ...(number === undefined ? {} : { number }),
    ...(u.groups.length === 0 ? {} : { groups: [...u.groups] }),
    ...(u.extension === null ? {} : { extension: u.extension }),
    ...(u.hiddenFromAddressLists ? { hiddenFromAddressLists: true } : {}),
    ...(u.voicemailEnabled === false ? { voicemail: false } : {}),
    ...(networkSiteId === null && dynamicLocationId === null
      ? {}
      : {
          clientLocation: {
            ...(networkSiteId === null ? {} : { networkSite: networkSiteId }),
            ...(dynamicLocationId === null ? {} : { dynamicLocation: dynamicLocationId }),
          },
        }),
    ...(Object.keys(policies).length === 0 ? {} : { policies }),
  };
}

/** The `tenant` section of a scenario file that builds *tenant* (plain data, ready for YAML). */
export function tenantSection(tenant: Tenant): Plain {
  const empty = emptyTenant();
  const upnOf = (objectId: string): string =>
    tenant.resourceAccounts.find((r) => r.objectId === objectId)?.userPrincipalName ?? objectId;
  const isGlobal = (identity: string): boolean => identity.toLowerCase() === 'global';
  const grants: Plain[] = tenant.groupPolicyAssignments.map((g) => ({ policyType: g.policyType, policy: g.policyName, group: g.groupId, rank: g.rank }));
  for (const [policyType, policy] of Object.entries(tenant.tenantGrants)) {
    if (policy !== null) grants.push({ policyType, policy, global: true });
  }
  const section: Plain = {
    locations: tenant.locations.map((l) => ({
      id: l.locationId,
      description: l.description,
      ...(l.civicAddressId === objectIdFor(`civic:${l.locationId}`) ? {} : { civicAddressId: l.civicAddressId }),
      address: {
        ...(l.companyName === '' ? {} : { companyName: l.companyName }),
        houseNumber: l.houseNumber,
        street: l.streetName,
        city: l.city,
        state: l.stateOrProvince,
        postalCode: l.postalCode,
        country: l.countryOrRegion,
      },
    })),
    numbers: tenant.numbers.map((n) => ({
      number: n.telephoneNumber,
      type: n.numberType,
      ...(n.callingPlanUsage === null ? {} : { usage: n.callingPlanUsage }),
      country: n.isoCountryCode,
      ...(n.locationId === null ? {} : { location: n.locationId }),
      ...(n.operator === null ? {} : { operator: { ...n.operator } }),
      ...(n.sharedCallingUnsupported ? { sharedCallingUnsupported: true } : {}),
    })),
    groups: tenant.groups.map((g) => ({ id: g.id, name: g.displayName })),
    users: tenant.users.map((u) => user(tenant, u)),
    resourceAccounts: tenant.resourceAccounts.map((r) => {
      const number = assignedNumber(tenant, r.objectId);
      return {
        upn: r.userPrincipalName,
        ...(r.displayName === (r.userPrincipalName.split('@')[0] ?? r.userPrincipalName) ? {} : { displayName: r.displayName }),
        ...(r.objectId === objectIdFor(r.userPrincipalName) ? {} : { objectId: r.objectId }),
        type: r.applicationType,
        licences: [...r.licences],
        ...(number === undefined ? {} : { number }),
        ...(r.voiceRoutingPolicy === null ? {} : { voiceRoutingPolicy: r.voiceRoutingPolicy }),
        ...(r.autoAttendantId === null ? {} : { autoAttendant: r.autoAttendantId }),
        ...(r.callQueueId == null ? {} : { callQueue: r.callQueueId }),
      };
    }),
    ...(isDeepStrictEqual(tenant.credits, empty.credits) ? {} : { credits: structuredClone(tenant.credits) }),
    autoAttendants: tenant.autoAttendants.map(autoAttendant),
    ...((tenant.callQueues ?? []).length === 0 ? {} : { callQueues: (tenant.callQueues ?? []).map((q) => callQueue(tenant, q)) }),
    pstnUsages: [...tenant.pstnUsages],
    policies: {
      // The built-in Global instances exist in every tenant: written only when they were changed.
      voiceRouting: tenant.voiceRoutingPolicies
        .filter((p) => !(isGlobal(p.identity) && p.onlinePstnUsages.length === 0))
        .map((p) => ({ identity: p.identity, onlinePstnUsages: [...p.onlinePstnUsages] })),
      emergencyCallRouting: tenant.emergencyCallRoutingPolicies
        .filter((p) => !(isGlobal(p.identity) && isDeepStrictEqual(p, empty.emergencyCallRoutingPolicies[0])))
        .map((p) => ({
          identity: p.identity,
          description: p.description,
          ...(p.allowEnhancedEmergencyServices ? { allowEnhancedEmergencyServices: true } : {}),
          emergencyNumbers: p.emergencyNumbers.map((e) => ({
            dialString: e.emergencyDialString,
            ...(e.emergencyDialMask.length === 0 ? {} : { dialMasks: [...e.emergencyDialMask] }),
            ...(e.onlinePstnUsage === null ? {} : { pstnUsage: e.onlinePstnUsage }),
          })),
        })),
      sharedCalling: tenant.sharedCallingPolicies
        .filter((p) => !(isGlobal(p.identity) && isDeepStrictEqual(p, empty.sharedCallingPolicies[0])))
        .map((p) => ({
          identity: p.identity,
          resourceAccount: p.resourceAccount === null ? '' : upnOf(p.resourceAccount),
          emergencyNumbers: [...p.emergencyNumbers],
          description: p.description,
        })),
      grants,
    },
    networkSites: tenant.networkSites.map((s) => ({
      id: s.id,
      description: s.description,
      ...(s.emergencyCallRoutingPolicy === null ? {} : { emergencyCallRoutingPolicy: s.emergencyCallRoutingPolicy }),
      ...(s.networkRegionId === undefined || s.networkRegionId === null ? {} : { region: s.networkRegionId }),
      ...(s.emergencyCallingPolicy === undefined || s.emergencyCallingPolicy === null ? {} : { emergencyCallingPolicy: s.emergencyCallingPolicy }),
    })),
    ...(tenant.network === undefined ? {} : { network: networkSection(tenant.network) }),
  };
  return withoutEmptyLists(section);
}

function networkSection(n: NonNullable<Tenant['network']>): Plain {
  return {
    regions: n.regions.map((r) => ({ id: r.id, description: r.description })),
    subnets: n.subnets.map((x) => ({ subnet: `${x.subnetId}/${x.maskBits}`, ...(x.networkSiteId === null ? {} : { site: x.networkSiteId }), description: x.description })),
    trustedIps: n.trustedIps.map((x) => ({ address: `${x.ipAddress}/${x.maskBits}`, description: x.description })),
    lis: {
      accessPoints: n.lis.wirelessAccessPoints.map((x) => ({ bssid: x.bssid, location: x.locationId, description: x.description })),
      switches: n.lis.switches.map((x) => ({ chassisId: x.chassisId, location: x.locationId, description: x.description })),
      ports: n.lis.ports.map((x) => ({ chassisId: x.chassisId, portId: x.portId, location: x.locationId, description: x.description })),
      subnets: n.lis.subnets.map((x) => ({ subnet: x.subnet, location: x.locationId, description: x.description })),
    },
  };
}

/** Drops keys whose value is an empty list (the loader's default), one level deep and in `policies`. */
function withoutEmptyLists(section: Plain): Plain {
  const keep = (entries: [string, unknown][]): [string, unknown][] => entries.filter(([, v]) => !(Array.isArray(v) && v.length === 0));
  const out = Object.fromEntries(keep(Object.entries(section)));
  const policies = out['policies'] as Plain;
  const kept = Object.fromEntries(keep(Object.entries(policies)));
  if (Object.keys(kept).length === 0) delete out['policies'];
  else out['policies'] = kept;
  return out;
}

/** Where two plain values first differ, as a path such as `users[0].policies.sharedCalling`. */
export function firstDifference(a: unknown, b: unknown, path = 'tenant'): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return path;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const d = firstDifference((a as Plain)[key], (b as Plain)[key], `${path}.${key}`);
      if (d !== undefined) return d;
    }
  }
  return path;
}

/**
 * The text of a scenario file whose tenant is *tenant*. With *baseText* (the scenario the tenant
 * started from), every other top-level field is kept as written there, comments included, and
 * `tenant` is replaced (its `script` has already run, so it is not kept). Without it, *fields*
 * name the new scenario. The text is loaded back as *fileName* and must give *tenant* again.
 */
export function writeScenario(tenant: Tenant, base: { text: string } | { fields: NewScenarioFields }, fileName: string): WriteScenarioResult {
  const section = tenantSection(tenant);
  let doc: Document;
  if ('text' in base) {
    doc = parseDocument(base.text);
    // A JSON base is one flow mapping; written back in block style, as YAML readers expect.
    if (!isMap(doc.contents) || doc.contents.flow === true) doc = new Document(doc.toJS());
  } else {
    doc = new Document({ version: 1, ...base.fields });
  }
  doc.set('tenant', doc.createNode(section));
  const text = doc.toString({ lineWidth: 0 });

  const reloaded = loadScenarioText(text, fileName);
  if (!reloaded.ok) {
    return {
      ok: false,
      reason: 'the written scenario does not load',
      issues: reloaded.issues.map((i) => `${i.line}:${i.column}: ${i.code}: ${i.message}`),
    };
  }
  const difference = firstDifference(tenant, reloaded.tenant);
  if (difference !== undefined) {
    return { ok: false, reason: `the scenario format cannot hold this tenant: it loads back different at ${difference}`, issues: [] };
  }
  return { ok: true, text };
}
