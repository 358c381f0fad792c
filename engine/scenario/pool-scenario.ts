/**
 * Scenario documents for sizing a callback pool (`callsim size-pool`): a file's pool set to N
 * numbers (the policy's own first, then numbers made like them), and a whole scenario from plain
 * numbers (users, emergency calls per user per day, callbacks). Both are documents before the
 * schema, so every value is checked as if written in a file.
 */
import type { ScenarioOverride } from './overrides.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export interface PoolTarget {
  /** Index of the policy in tenant.policies.sharedCalling. */
  index: number;
  identity: string;
  /** The numbers the file gives the pool. */
  numbers: string[];
}

/**
 * The Shared Calling policy whose pool is sized: the one named, or with one declared, that one.
 * A message when there is none or the choice is not clear.
 */
export function findPoolPolicy(document: unknown, identity: string | undefined): PoolTarget | string {
  const tenant = isRecord(document) ? document.tenant : undefined;
  const policies = list(isRecord(tenant) && isRecord(tenant.policies) ? tenant.policies.sharedCalling : undefined);
  const named = policies.map((p, index) => ({ index, identity: isRecord(p) ? String(p.identity) : '', numbers: list(isRecord(p) ? p.emergencyNumbers : undefined).map(String) }));
  if (named.length === 0) return 'POOL001: the scenario declares no Shared Calling policy in tenant.policies.sharedCalling, so it has no callback pool to size';
  if (identity === undefined) {
    if (named.length === 1 && named[0] !== undefined) return named[0];
    return `POOL002: the scenario has ${named.length} Shared Calling policies (${named.map((p) => p.identity).join(', ')}); name the one to size with --policy`;
  }
  const found = named.find((p) => p.identity.toLowerCase() === identity.toLowerCase());
  return found ?? `POOL003: no Shared Calling policy ${identity} in tenant.policies.sharedCalling (there: ${named.map((p) => p.identity).join(', ')})`;
}

/**
 * Overrides that give the pool *size* numbers: the file's own in order, then new inventory
 * numbers made like the first of them (or, with none, like a Calling Plan subscriber number
 * of the resource account's country and location), with unused last digits.
 */
export function poolSizeOverrides(document: unknown, target: PoolTarget, size: number): ScenarioOverride[] | string {
  const tenant = isRecord(document) ? document.tenant : undefined;
  const inventory = list(isRecord(tenant) ? tenant.numbers : undefined);
  const numberOf = (entry: unknown): string => (isRecord(entry) ? String(entry.number) : '');
  const used = new Set(inventory.map(numberOf));
  const accounts = list(isRecord(tenant) ? tenant.resourceAccounts : undefined);
  const policy = list(isRecord(tenant) && isRecord(tenant.policies) ? tenant.policies.sharedCalling : undefined)[target.index];
  const account = accounts.find((a) => isRecord(a) && isRecord(policy) && String(a.upn).toLowerCase() === String(policy.resourceAccount).toLowerCase());
  const accountNumber = isRecord(account) ? String(account.number) : undefined;
  const template =
    inventory.find((n) => numberOf(n) === target.numbers[0]) ??
    (() => {
      const own = inventory.find((n) => numberOf(n) === accountNumber);
      return isRecord(own) ? { ...own, usage: own.type === 'CallingPlan' ? 'Subscriber' : own.usage } : undefined;
    })();
  const extra = Math.max(0, size - target.numbers.length);
  if (extra > 0 && !isRecord(template)) {
    return `POOL004: policy ${target.identity} has no emergency number, and its resource account no number in tenant.numbers, to make ${extra} more numbers like`;
  }
  const made: unknown[] = [];
  const base = numberOf(template).replace(/\d{4}$/, '');
  for (let n = 9999; made.length < extra && n >= 0; n--) {
    const number = `${base}${String(n).padStart(4, '0')}`;
    if (used.has(number)) continue;
    used.add(number);
    made.push({ ...(isRecord(template) ? template : {}), number });
  }
  if (made.length < extra) return `POOL004: cannot make ${extra} more numbers like ${numberOf(template)}: the numbers ending 0000-9999 are taken`;
  const numbers = [...target.numbers, ...made.map(numberOf)].slice(0, size);
  return [
    ...(made.length === 0 ? [] : [{ text: `tenant.numbers (+${made.length})`, path: ['tenant', 'numbers'], value: [...inventory, ...made] }]),
    { text: `tenant.policies.sharedCalling.${target.index}.emergencyNumbers (${size} numbers)`, path: ['tenant', 'policies', 'sharedCalling', target.index, 'emergencyNumbers'], value: numbers },
  ];
}

export interface PlainPoolWorkload {
  users: number;
  emergencyCallsPerUserPerDay: number;
  callbackProbability: number;
  /** Distributions as the file would have them ({ fixed: '10m' }, ...). */
  callbackDelay: unknown;
  duration: unknown;
  horizon: string;
  warmup: string;
  replications: number;
  seed: number;
}

/** A one-policy tenant with *users* users and only emergency traffic: the plain-number question as a scenario. */
export function plainPoolDocument(w: PlainPoolWorkload): Record<string, unknown> {
  return {
    version: 1,
    name: `Callback pool for ${w.users} users at ${w.emergencyCallsPerUserPerDay} emergency calls per user per day`,
    seed: w.seed,
    start: '2026-03-02T00:00:00-08:00',
    horizon: w.horizon,
    warmup: w.warmup,
    replications: w.replications,
    tenant: {
      locations: [{ id: 'site', address: { houseNumber: '1', street: 'Main Street', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'US' } }],
      numbers: [{ number: '+14255550100', type: 'CallingPlan', usage: 'Service', country: 'US', location: 'site' }],
      groups: [{ id: 'users', name: 'Shared Calling users' }],
      users: [{ generate: w.users, width: String(w.users).length, template: { upn: 'user{n}@contoso.com', givenName: 'User', surname: '{n}', licences: ['TeamsPhone'], groups: ['users'] } }],
      resourceAccounts: [
        { upn: 'main@contoso.com', type: 'AutoAttendant', licences: ['TeamsPhoneResourceAccount', 'PayAsYouGoCallingPlan', 'CommunicationsCredits'], number: '+14255550100', autoAttendant: 'main' },
      ],
      autoAttendants: [{ id: 'main', name: 'Main line', timeZone: 'America/Los_Angeles', defaultCallFlow: { then: 'disconnect' } }],
      policies: {
        voiceRouting: [{ identity: 'NoPstn', onlinePstnUsages: [] }],
        emergencyCallRouting: [{ identity: 'Emergency', emergencyNumbers: [{ dialString: '911' }] }],
        sharedCalling: [{ identity: 'Pool', resourceAccount: 'main@contoso.com', emergencyNumbers: [] }],
        grants: [
          { policyType: 'SharedCalling', policy: 'Pool', group: 'users', rank: 1 },
          { policyType: 'VoiceRouting', policy: 'NoPstn', group: 'users', rank: 1 },
          { policyType: 'EmergencyCallRouting', policy: 'Emergency', group: 'users', rank: 1 },
        ],
      },
    },
    workload: {
      emergency: {
        rate: { perUserPerHour: w.emergencyCallsPerUserPerDay / 24 },
        dialStrings: { '911': 1 },
        duration: w.duration,
        callback: { probability: w.callbackProbability, delay: w.callbackDelay },
      },
    },
  };
}
