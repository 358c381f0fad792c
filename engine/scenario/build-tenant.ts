/**
 * Builds the tenant a scenario declares by running the declarations through the tenant's own
 * operations and cmdlets, in the order an administrator would have to, so a scenario cannot hold
 * a state the cmdlets refuse. Each refusal becomes an issue at the node that declared the thing.
 */
import {
  acquireNumber,
  addAutoAttendant,
  addGroup,
  addLocation,
  addNetworkSite,
  addResourceAccount,
  addUser,
  associateAutoAttendant,
  associateCallQueue,
  defaultCallQueue,
  newCallQueue,
  emptyTenant,
  findNumber,
  findResourceAccount,
  findUser,
  invokeCmdlet,
  isRuleId,
  normalizeTelephoneNumber,
  setCommunicationsCredits,
  type AutoAttendant,
  type CallFlow,
  type CallQueue,
  type CallTarget,
  type CmdletResult,
  type CmdletValue,
  type PolicyType,
  type Refusal,
  type Tenant,
  type User,
  type WeeklySchedule,
} from '../tenant/index.js';
import { expandUsers } from './generate-users.js';
import { objectIdFor } from './object-id.js';
import type { CallFlowEntry, CallTargetEntry, TenantSection } from './schema.js';
import type { Path } from './source.js';
import type { PendingIssue } from './zod-issues.js';

const GRANT_CMDLET: Record<PolicyType, string> = {
  SharedCalling: 'Grant-CsTeamsSharedCallingRoutingPolicy',
  VoiceRouting: 'Grant-CsOnlineVoiceRoutingPolicy',
  EmergencyCallRouting: 'Grant-CsTeamsEmergencyCallRoutingPolicy',
};

const USER_POLICY_TYPE = {
  sharedCalling: 'SharedCalling',
  voiceRouting: 'VoiceRouting',
  emergencyCallRouting: 'EmergencyCallRouting',
} as const satisfies Record<string, PolicyType>;

/** Where in a declaration a refusal with this code is best shown (the field it is about). */
const REFUSAL_FIELD: Partial<Record<string, string>> = { NUM003: 'number', GRT001: 'policy' };

export interface BuiltTenant {
  tenant: Tenant;
  issues: PendingIssue[];
}

function refusalIssue(refusal: Refusal, path: Path): PendingIssue {
  const expected = isRuleId(refusal.code) ? `what docs/rules.md ${refusal.code} allows` : 'a cmdlet invocation PowerShell can bind';
  return { code: refusal.code, path, expected, message: refusal.message };
}

function danglingIssue(path: Path, what: string, name: string, declaredIn: string): PendingIssue {
  return {
    code: 'unknown_reference',
    path,
    expected: `the ${what} of an entry in ${declaredIn}`,
    message: `${what} "${name}" is not declared in ${declaredIn}`,
  };
}

function sameId(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

class Builder {
  readonly tenant: Tenant = emptyTenant();
  readonly issues: PendingIssue[] = [];

  /**
   * Records a refusal at `path`; true when the step worked. A refusal about a whole list entry is
   * moved to the field its rule is about (a bad number at `number`), if the entry declares it.
   */
  check(result: { ok: true } | { ok: false; refusal: Refusal }, path: Path, declared?: object): boolean {
    if (result.ok) return true;
    const field = REFUSAL_FIELD[result.refusal.code];
    const atField = field !== undefined && declared !== undefined && field in declared;
    this.issues.push(refusalIssue(result.refusal, atField ? [...path, field] : path));
    return false;
  }

  cmdlet(path: Path, name: string, named: Record<string, CmdletValue>): CmdletResult {
    const result = invokeCmdlet(this.tenant, { name, named, positional: [] });
    this.check(result, path);
    return result;
  }

  dangling(path: Path, what: string, name: string, declaredIn: string): void {
    this.issues.push(danglingIssue(path, what, name, declaredIn));
  }

  /**
   * Declarations that were refused: whatever refers to them is skipped without a further issue,
   * so one mistake reads as one issue (a refused policy does not also make its grants fail).
   */
  private readonly refused = new Set<string>();

  markRefused(kind: string, name: string): void {
    this.refused.add(`${kind}:${name.trim().toLowerCase()}`);
  }

  wasRefused(kind: string, name: string): boolean {
    return this.refused.has(`${kind}:${name.trim().toLowerCase()}`);
  }
}

function target(entry: CallTargetEntry): CallTarget {
  return { type: entry.type, id: entry.id };
}

function callFlow(entry: CallFlowEntry, fallbackName: string): CallFlow {
  const then = entry.then;
  const action: CallFlow['action'] =
    then === 'disconnect'
      ? { kind: 'disconnect' }
      : 'redirect' in then
        ? { kind: 'redirect', target: target(then.redirect) }
        : {
            kind: 'menu',
            menu: {
              prompt: then.menu.prompt,
              directorySearch: then.menu.directorySearch,
              options: then.menu.options.map((o) => ({
                key: o.key,
                action: o.action,
                target: o.target === undefined ? null : target(o.target),
                prompt: o.prompt ?? null,
              })),
            },
          };
  return { name: entry.name ?? fallbackName, greeting: entry.greeting, action };
}

/** The inventory entry a declared number names, if the text is a number at all. */
function inventoryNumber(tenant: Tenant, text: string) {
  const normalized = normalizeTelephoneNumber(text);
  return normalized.ok ? findNumber(tenant, normalized.number) : undefined;
}

/** "10.2.0.0/24" as the cmdlets take it (-SubnetID/-IPAddress and -MaskBits); a bare address is /32. */
function addressAndMask(text: string): { address: string; maskBits: number } {
  const [address = '', bits] = text.trim().split('/');
  return { address, maskBits: bits === undefined ? 32 : /^\d+$/.test(bits) ? Number(bits) : -1 };
}

/** Subnets, trusted IPs and LIS entries, by their cmdlets (NET004-NET009 refuse with the entry's path). */
function buildNetwork(b: Builder, network: NonNullable<TenantSection['network']>, path: Path): void {
  network.subnets.forEach((n, i) => {
    const { address, maskBits } = addressAndMask(n.subnet);
    const named: Record<string, CmdletValue> = { SubnetID: address, MaskBits: maskBits, Description: n.description };
    if (n.site !== undefined) named['NetworkSiteID'] = n.site;
    b.cmdlet([...path, 'subnets', i], 'New-CsTenantNetworkSubnet', named);
  });
  network.trustedIps.forEach((ip, i) => {
    const { address, maskBits } = addressAndMask(ip.address);
    b.cmdlet([...path, 'trustedIps', i], 'New-CsTenantTrustedIPAddress', { IPAddress: address, MaskBits: maskBits, Description: ip.description });
  });
  const lis = network.lis;
  lis.accessPoints.forEach((e, i) => {
    b.cmdlet([...path, 'lis', 'accessPoints', i], 'Set-CsOnlineLisWirelessAccessPoint', { BSSID: e.bssid, LocationId: e.location, Description: e.description });
  });
  lis.switches.forEach((e, i) => {
    b.cmdlet([...path, 'lis', 'switches', i], 'Set-CsOnlineLisSwitch', { ChassisID: e.chassisId, LocationId: e.location, Description: e.description });
  });
  lis.ports.forEach((e, i) => {
    b.cmdlet([...path, 'lis', 'ports', i], 'Set-CsOnlineLisPort', { ChassisID: e.chassisId, PortID: e.portId, LocationId: e.location, Description: e.description });
  });
  lis.subnets.forEach((e, i) => {
    b.cmdlet([...path, 'lis', 'subnets', i], 'Set-CsOnlineLisSubnet', { Subnet: e.subnet, LocationId: e.location, Description: e.description });
  });
}

export function buildTenant(section: TenantSection): BuiltTenant {
  const b = new Builder();
  const t = b.tenant;
  const base: Path = ['tenant'];
  const declaredAutoAttendants = new Set(section.autoAttendants.map((a) => a.id.toLowerCase()));
  const declaredSites = new Set(section.networkSites.map((s) => s.id.toLowerCase()));
  const declaredLocations = new Set(section.locations.map((l) => l.id.toLowerCase()));

  section.locations.forEach((l, i) => {
    const ok = b.check(
      addLocation(t, {
        locationId: l.id,
        civicAddressId: l.civicAddressId ?? objectIdFor(`civic:${l.id}`),
        description: l.description,
        companyName: l.address.companyName ?? '',
        houseNumber: l.address.houseNumber,
        streetName: l.address.street,
        city: l.address.city,
        stateOrProvince: l.address.state,
        postalCode: l.address.postalCode,
        countryOrRegion: l.address.country,
      }),
      [...base, 'locations', i],
    );
    if (!ok) b.markRefused('location', l.id);
  });

  section.numbers.forEach((n, i) => {
    const path: Path = [...base, 'numbers', i];
    if (n.location !== undefined && !declaredLocations.has(n.location.toLowerCase())) {
      b.dangling([...path, 'location'], 'location', n.location, 'tenant.locations');
      b.markRefused('number', n.number);
      return;
    }
    if (n.location !== undefined && b.wasRefused('location', n.location)) {
      b.markRefused('number', n.number);
      return;
    }
    const ok = b.check(
      acquireNumber(t, {
        telephoneNumber: n.number,
        numberType: n.type,
        callingPlanUsage: n.usage ?? null,
        isoCountryCode: n.country,
        locationId: n.location ?? null,
        operator: n.operator ?? null,
        sharedCallingUnsupported: n.sharedCallingUnsupported,
      }),
      path,
      n,
    );
    if (!ok) b.markRefused('number', n.number);
  });

  section.groups.forEach((g, i) => {
    if (!b.check(addGroup(t, { id: g.id, displayName: g.name }), [...base, 'groups', i])) b.markRefused('group', g.id);
  });

  const assignNumber = (path: Path, identity: string, text: string): void => {
    const number = inventoryNumber(t, text);
    if (number === undefined && b.wasRefused('number', text)) return;
    if (number === undefined) {
      b.dangling([...path, 'number'], 'number', text, 'tenant.numbers');
      return;
    }
    b.cmdlet([...path, 'number'], 'Set-CsPhoneNumberAssignment', {
      Identity: identity,
      PhoneNumber: number.telephoneNumber,
      PhoneNumberType: number.numberType,
    });
  };

  // Direct grants run last, once every policy exists; remember who asked for what.
  const directGrants: { path: Path; identity: string; type: PolicyType; policy: string }[] = [];

  for (const { user: u, path, n } of expandUsers(section.users, [...base, 'users'])) {
    const label = n === undefined ? '' : ` (generated user ${n})`;
    if (u.groups.some((g) => b.wasRefused('group', g))) continue;
    const missingGroup = u.groups.findIndex((g) => !section.groups.some((x) => sameId(x.id, g)));
    if (missingGroup >= 0) {
      b.dangling([...path, 'groups', missingGroup], 'group', u.groups[missingGroup] ?? '', `tenant.groups${label}`);
      continue;
    }
    const site = u.clientLocation?.networkSite;
    if (site !== undefined && !declaredSites.has(site.toLowerCase())) {
      b.dangling([...path, 'clientLocation', 'networkSite'], 'network site', site, 'tenant.networkSites');
    }
    const dynamic = u.clientLocation?.dynamicLocation;
    if (dynamic !== undefined && !declaredLocations.has(dynamic.toLowerCase())) {
      b.dangling([...path, 'clientLocation', 'dynamicLocation'], 'location', dynamic, 'tenant.locations');
    }
    const user: User = {
      objectId: u.objectId ?? objectIdFor(u.upn),
      userPrincipalName: u.upn,
      displayName: u.displayName ?? `${u.givenName} ${u.surname}`.trim(),
      givenName: u.givenName,
      surname: u.surname,
      licences: [...u.licences],
      enterpriseVoiceEnabled: u.enterpriseVoice,
      groups: [...u.groups],
      extension: u.extension ?? null,
      hiddenFromAddressLists: u.hiddenFromAddressLists,
      ...(u.voicemail ? {} : { voicemailEnabled: false }),
      clientLocation: { networkSiteId: site ?? null, dynamicLocationId: dynamic ?? null },
      policies: { sharedCalling: null, voiceRouting: null, emergencyCallRouting: null },
    };
    if (!b.check(addUser(t, user), path)) {
      b.markRefused('user', user.userPrincipalName);
      continue;
    }
    if (u.number !== undefined) assignNumber(path, user.userPrincipalName, u.number);
    for (const [key, type] of Object.entries(USER_POLICY_TYPE)) {
      const policy = u.policies?.[key as keyof typeof USER_POLICY_TYPE];
      if (policy !== undefined) directGrants.push({ path: [...path, 'policies', key], identity: user.userPrincipalName, type, policy });
    }
  }

  const associations: { path: Path; identity: string; autoAttendant: string }[] = [];
  const queueAssociations: { path: Path; identity: string; callQueue: string }[] = [];
  const declaredCallQueues = new Set(section.callQueues.map((q) => q.id.toLowerCase()));
  section.resourceAccounts.forEach((r, i) => {
    const path: Path = [...base, 'resourceAccounts', i];
    const ok = b.check(
      addResourceAccount(t, {
        objectId: r.objectId ?? objectIdFor(r.upn),
        userPrincipalName: r.upn,
        displayName: r.displayName ?? r.upn.split('@')[0] ?? r.upn,
        applicationType: r.type,
        licences: [...r.licences],
        voiceRoutingPolicy: null,
        autoAttendantId: null,
      }),
      path,
    );
    if (!ok) {
      b.markRefused('resourceAccount', r.upn);
      return;
    }
    if (r.number !== undefined) assignNumber(path, r.upn, r.number);
    if (r.autoAttendant !== undefined) {
      if (declaredAutoAttendants.has(r.autoAttendant.toLowerCase())) {
        associations.push({ path: [...path, 'autoAttendant'], identity: r.upn, autoAttendant: r.autoAttendant });
      } else {
        b.dangling([...path, 'autoAttendant'], 'auto attendant', r.autoAttendant, 'tenant.autoAttendants');
      }
    }
    if (r.callQueue !== undefined) {
      if (declaredCallQueues.has(r.callQueue.toLowerCase())) {
        queueAssociations.push({ path: [...path, 'callQueue'], identity: r.upn, callQueue: r.callQueue });
      } else {
        b.dangling([...path, 'callQueue'], 'call queue', r.callQueue, 'tenant.callQueues');
      }
    }
    if (r.voiceRoutingPolicy !== undefined) {
      directGrants.push({ path: [...path, 'voiceRoutingPolicy'], identity: r.upn, type: 'VoiceRouting', policy: r.voiceRoutingPolicy });
    }
  });

  section.autoAttendants.forEach((a, i) => {
    const path: Path = [...base, 'autoAttendants', i];
    const scopeGroups = [
      ...(a.dialScope.include ?? []).map((g, j) => ({ g, p: [...path, 'dialScope', 'include', j] })),
      ...a.dialScope.exclude.map((g, j) => ({ g, p: [...path, 'dialScope', 'exclude', j] })),
    ];
    for (const { g, p } of scopeGroups) {
      if (!section.groups.some((x) => sameId(x.id, g))) b.dangling(p, 'group', g, 'tenant.groups');
    }
    const businessHours: WeeklySchedule | null = a.businessHours === undefined ? null : structuredClone(a.businessHours);
    const attendant: AutoAttendant = {
      id: a.id,
      name: a.name,
      timeZone: a.timeZone,
      languageId: a.language,
      businessHours,
      defaultCallFlow: callFlow(a.defaultCallFlow, `${a.name} default call flow`),
      afterHoursCallFlow: a.afterHoursCallFlow === undefined ? null : callFlow(a.afterHoursCallFlow, `${a.name} after hours call flow`),
      holidays: a.holidays.map((h) => ({ name: h.name, ranges: h.ranges.map((r) => ({ ...r })), callFlow: callFlow(h.callFlow, h.name) })),
      operator: a.operator === undefined ? null : target(a.operator),
      dialScope: { includeGroups: a.dialScope.include === undefined ? null : [...a.dialScope.include], excludeGroups: [...a.dialScope.exclude] },
    };
    if (!b.check(addAutoAttendant(t, attendant), path)) b.markRefused('autoAttendant', a.id);
  });
  for (const a of associations) {
    if (!b.wasRefused('autoAttendant', a.autoAttendant)) b.check(associateAutoAttendant(t, a.identity, a.autoAttendant), a.path);
  }

  section.callQueues.forEach((q, i) => {
    const path: Path = [...base, 'callQueues', i];
    const queue: CallQueue = {
      ...defaultCallQueue(q.id, q.name),
      agents: q.agents.map((a) => {
        const upn = typeof a === 'string' ? a : a.user;
        return { objectId: findUser(t, upn)?.objectId ?? upn, optIn: typeof a === 'string' ? true : a.optIn };
      }),
      distributionLists: [...q.distributionLists],
      routingMethod: q.routingMethod,
      presenceBasedRouting: q.presenceBasedRouting,
      agentAlertTime: q.agentAlertTime / 1000,
      allowOptOut: q.allowOptOut,
      conferenceMode: q.conferenceMode,
      overflowThreshold: q.overflowThreshold,
      overflowAction: q.overflow.action,
      overflowActionTarget: q.overflow.target === undefined ? null : target(q.overflow.target),
      timeoutThreshold: q.timeoutThreshold / 1000,
      timeoutAction: q.timeout.action,
      timeoutActionTarget: q.timeout.target === undefined ? null : target(q.timeout.target),
      noAgentAction: q.noAgents.action,
      noAgentActionTarget: q.noAgents.target === undefined ? null : target(q.noAgents.target),
    };
    if (!b.check(newCallQueue(t, queue), path)) b.markRefused('callQueue', q.id);
  });
  for (const a of queueAssociations) {
    if (!b.wasRefused('callQueue', a.callQueue)) b.check(associateCallQueue(t, a.identity, a.callQueue), a.path);
  }

  if (section.credits !== undefined) {
    const c = section.credits;
    b.check(
      setCommunicationsCredits(t, {
        currency: c.currency,
        balance: c.balance,
        postpaidOverage: c.postpaidOverage,
        autoRecharge: c.autoRecharge === null ? null : { ...c.autoRecharge },
        // As written: a table without `default` prices only its countries (load checks the
        // workload's destinations against it).
        ratesPerMinute: { ...c.ratesPerMinute },
        tollFreeInboundRatePerMinute: c.tollFreeInboundRatePerMinute,
      }),
      [...base, 'credits'],
    );
  }

  if (section.pstnUsages.length > 0) {
    b.cmdlet([...base, 'pstnUsages'], 'Set-CsOnlinePstnUsage', {
      Identity: 'Global',
      Usage: { kind: 'hashtable', entries: { add: [...section.pstnUsages] } },
    });
  }

  const policies = section.policies;
  policies.voiceRouting.forEach((p, i) => {
    const verb = sameId(p.identity, 'Global') ? 'Set' : 'New';
    const result = b.cmdlet([...base, 'policies', 'voiceRouting', i], `${verb}-CsOnlineVoiceRoutingPolicy`, {
      Identity: p.identity,
      OnlinePstnUsages: [...p.onlinePstnUsages],
    });
    if (!result.ok) b.markRefused('VoiceRouting', p.identity);
  });

  policies.emergencyCallRouting.forEach((p, i) => {
    const path: Path = [...base, 'policies', 'emergencyCallRouting', i];
    const numbers: CmdletValue[] = [];
    p.emergencyNumbers.forEach((e, j) => {
      const named: Record<string, CmdletValue> = { EmergencyDialString: e.dialString };
      if (e.dialMasks.length > 0) named['EmergencyDialMask'] = [...e.dialMasks];
      if (e.pstnUsage !== undefined) named['OnlinePSTNUsage'] = e.pstnUsage;
      const result = b.cmdlet([...path, 'emergencyNumbers', j], 'New-CsTeamsEmergencyNumber', named);
      if (result.ok && result.output[0] !== undefined) numbers.push(result.output[0]);
    });
    if (numbers.length !== p.emergencyNumbers.length) {
      b.markRefused('EmergencyCallRouting', p.identity);
      return;
    }
    const verb = sameId(p.identity, 'Global') ? 'Set' : 'New';
    const named: Record<string, CmdletValue> = { Identity: p.identity, Description: p.description };
    if (p.allowEnhancedEmergencyServices) named['AllowEnhancedEmergencyServices'] = true;
    if (numbers.length > 0) named['EmergencyNumbers'] = { kind: 'hashtable', entries: { add: numbers } };
    if (!b.cmdlet(path, `${verb}-CsTeamsEmergencyCallRoutingPolicy`, named).ok) b.markRefused('EmergencyCallRouting', p.identity);
  });

  const network = section.network;
  network?.regions.forEach((r, i) => {
    b.cmdlet([...base, 'network', 'regions', i], 'New-CsTenantNetworkRegion', { NetworkRegionID: r.id, Description: r.description });
  });

  section.networkSites.forEach((s, i) => {
    b.check(
      addNetworkSite(t, {
        id: s.id,
        description: s.description,
        emergencyCallRoutingPolicy: s.emergencyCallRoutingPolicy ?? null,
        ...(s.region === undefined ? {} : { networkRegionId: s.region }),
        ...(s.emergencyCallingPolicy === undefined ? {} : { emergencyCallingPolicy: s.emergencyCallingPolicy }),
      }),
      [...base, 'networkSites', i],
    );
  });

  if (network !== undefined) buildNetwork(b, network, [...base, 'network']);

  policies.sharedCalling.forEach((p, i) => {
    const path: Path = [...base, 'policies', 'sharedCalling', i];
    const ra = findResourceAccount(t, p.resourceAccount);
    if (ra === undefined && b.wasRefused('resourceAccount', p.resourceAccount)) {
      b.markRefused('SharedCalling', p.identity);
      return;
    }
    if (ra === undefined) {
      b.markRefused('SharedCalling', p.identity);
      b.dangling([...path, 'resourceAccount'], 'resource account', p.resourceAccount, 'tenant.resourceAccounts');
      return;
    }
    const verb = sameId(p.identity, 'Global') ? 'Set' : 'New';
    const named: Record<string, CmdletValue> = { Identity: p.identity, ResourceAccount: ra.objectId, Description: p.description };
    if (p.emergencyNumbers.length > 0) named['EmergencyNumbers'] = { kind: 'hashtable', entries: { add: [...p.emergencyNumbers] } };
    if (!b.cmdlet(path, `${verb}-CsTeamsSharedCallingRoutingPolicy`, named).ok) b.markRefused('SharedCalling', p.identity);
  });

  policies.grants.forEach((g, i) => {
    const path: Path = [...base, 'policies', 'grants', i];
    if (b.wasRefused(g.policyType, g.policy)) return;
    const named: Record<string, CmdletValue> = { PolicyName: g.policy };
    if (g.global === true && g.group === undefined && g.rank === undefined) {
      named['Global'] = true;
    } else if (g.global === undefined && g.group !== undefined && g.rank !== undefined) {
      if (!section.groups.some((x) => sameId(x.id, g.group ?? ''))) {
        b.dangling([...path, 'group'], 'group', g.group, 'tenant.groups');
        return;
      }
      named['Group'] = g.group;
      named['Rank'] = g.rank;
    } else {
      b.issues.push({
        code: 'invalid_grant',
        path,
        expected: 'either group and rank, or global: true',
        message: 'a grant names either a group with a rank, or global: true',
      });
      return;
    }
    const result = invokeCmdlet(t, { name: GRANT_CMDLET[g.policyType], named, positional: [] });
    b.check(result, path, g);
  });

  for (const g of directGrants) {
    if (findUser(t, g.identity) === undefined && findResourceAccount(t, g.identity) === undefined) continue;
    if (b.wasRefused(g.type, g.policy)) continue;
    b.cmdlet(g.path, GRANT_CMDLET[g.type], { Identity: g.identity, PolicyName: g.policy });
  }

  return { tenant: t, issues: b.issues };
}
