/**
 * The scenario file format, as one zod schema: the loader checks files against it and
 * `callsim schema` publishes it as JSON Schema for editors (docs/scenario-format.md).
 *
 * Objects are strict, so an unknown key is an error that names the key and the allowed ones.
 * Durations are strings (`90s`, `1h30m`, `14d`) turned into milliseconds here; everything the
 * tenant's cmdlets check (E.164 numbers, number types against usages, ...) is left to them, so
 * there is one place that decides.
 */
import { z } from 'zod';
import { DURATION_FORMAT, DURATION_PATTERN, durationHint, parseDuration } from './duration.js';
import {
  distributionLimitProblem,
  MAX_CALLS_PER_HOUR,
  MAX_DURATION_MS,
  MAX_DURATION_TEXT,
  MAX_MENU_ATTEMPTS,
  MAX_MONEY,
  MAX_RATE_PER_MINUTE,
  MAX_USERS,
  MAX_WEIGHT,
} from './limits.js';

/** Names and descriptions for the JSON Schema; local, so loading this module twice is harmless. */
const registry = z.registry<{ id?: string; description?: string }>();

/** A strict object whose unknown-key error lists the keys it allows. */
function strict<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (allowed: ${allowed})`
        : undefined,
  });
}

export const duration = z
  // A missing duration keeps zod's own message, which is how a missing key is recognised.
  .string({
    error: (issue) =>
      issue.input === undefined
        ? undefined
        : typeof issue.input === 'number'
          ? `expected ${DURATION_FORMAT}; a bare number has no unit: write ${issue.input === 0 ? '0s' : `${issue.input}s or ${issue.input}m`}`
          : `expected ${DURATION_FORMAT}`,
  })
  .regex(DURATION_PATTERN, {
    error: (issue) => {
      const hint = typeof issue.input === 'string' ? durationHint(issue.input) : undefined;
      return `expected ${DURATION_FORMAT}${hint === undefined ? '' : `; ${hint}`}`;
    },
  })
  .register(registry, { id: 'Duration', description: DURATION_FORMAT })
  .transform((s) => parseDuration(s) ?? 0)
  // A millisecond clock over a century (engine/scenario/limits.ts); a long run of digits is Infinity.
  .superRefine((ms, ctx) => {
    if (ms <= MAX_DURATION_MS) return;
    ctx.addIssue({
      code: 'too_big',
      origin: 'number',
      maximum: MAX_DURATION_MS,
      inclusive: true,
      input: ms,
      message: `expected a duration of at most ${MAX_DURATION_TEXT}; simulated time is whole milliseconds, and a run is bounded to a century`,
    });
  });

/** A duration longer than 0s; *why* says what it is for. */
function positive(why: string) {
  return duration.superRefine((ms, ctx) => {
    if (ms === 0) ctx.addIssue({ code: 'too_small', origin: 'number', minimum: 0, inclusive: false, input: ms, message: `expected a duration longer than 0s; ${why}` });
  });
}

const probability = z.number().min(0).max(1);
const weight = z.number().min(0).max(MAX_WEIGHT, { error: `expected a number <= ${MAX_WEIGHT}; weights are relative, and their sum must stay a finite number` });
/** An amount of money in the tenant's currency (limits.ts: exact to 6 decimal places). */
const moneyBound = `; money is kept to 6 decimal places, exact up to ${MAX_MONEY.toExponential()}`;
/** Money at most MAX_MONEY; *least* (a schema with its lower bound) may go down to -MAX_MONEY. */
const money = (least: z.ZodNumber) => least.max(MAX_MONEY, { error: `expected a number <= ${MAX_MONEY}${moneyBound}` });
const perMinute = z
  .number()
  .min(0)
  .max(MAX_RATE_PER_MINUTE, { error: `expected a number <= ${MAX_RATE_PER_MINUTE}; no tariff comes near it, and below it every charge stays a finite number` });
const nonEmpty = z.string().min(1);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'expected a time of day HH:MM (24:00 = end of day)' });
const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: 'expected a local date-time YYYY-MM-DDTHH:MM' });
/** An E.164 number or dial string as text; YAML reads unquoted digits as numbers, so accept those too. */
const numberText = z.union([z.string(), z.number().int()]).transform((v) => String(v));

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name, checked against the zones Node knows (one schema per use). */
const timeZone = () => z.string().refine(isTimeZone, { error: 'expected an IANA time zone such as America/Los_Angeles' });

// ---------------------------------------------------------------- tenant

const address = strict({
  companyName: z.string().optional(),
  houseNumber: z.union([z.string(), z.number()]).transform((v) => String(v)),
  street: nonEmpty,
  city: nonEmpty,
  state: z.string(),
  postalCode: z.union([z.string(), z.number()]).transform((v) => String(v)),
  country: z.string().regex(/^[A-Z]{2}$/, { error: 'expected an ISO 3166-1 alpha-2 country code such as US' }),
});

const location = strict({
  id: nonEmpty,
  description: z.string().default(''),
  /** Locations that share a civic address (New-CsOnlineLisLocation -CivicAddressId) share this id. */
  civicAddressId: nonEmpty.optional(),
  address,
});

const country = z.string().regex(/^[A-Z]{2}$/, { error: 'expected an ISO 3166-1 alpha-2 country code such as US' });

const phoneNumber = strict({
  number: numberText,
  type: z.enum(['CallingPlan', 'OperatorConnect', 'DirectRouting']),
  usage: z.enum(['Subscriber', 'Service', 'TollFreeService']).optional(),
  country,
  location: nonEmpty.optional(),
  operator: strict({ name: nonEmpty, supportsSharedCalling: z.boolean() }).optional(),
  sharedCallingUnsupported: z.boolean().default(false),
});

const group = strict({ id: nonEmpty, name: nonEmpty });

const userPolicies = strict({
  sharedCalling: nonEmpty.optional(),
  voiceRouting: nonEmpty.optional(),
  emergencyCallRouting: nonEmpty.optional(),
});

const user = strict({
  upn: nonEmpty,
  displayName: z.string().optional(),
  givenName: z.string(),
  surname: z.string(),
  objectId: nonEmpty.optional(),
  licences: z.array(z.enum(['TeamsPhone', 'CallingPlan'])).default([]),
  enterpriseVoice: z.boolean().default(true),
  number: numberText.optional(),
  groups: z.array(nonEmpty).default([]),
  extension: numberText.optional(),
  hiddenFromAddressLists: z.boolean().default(false),
  voicemail: z.boolean().default(true),
  clientLocation: strict({ networkSite: nonEmpty.optional(), dynamicLocation: nonEmpty.optional() }).optional(),
  policies: userPolicies.optional(),
}).register(registry, { id: 'User' });

const generatedUsers = strict({
  generate: z.number().int().min(1).max(1_000_000),
  /** Zero-pad `{n}` to this many digits. */
  width: z.number().int().min(1).max(9).default(1),
  template: user,
});

const resourceAccount = strict({
  upn: nonEmpty,
  displayName: z.string().optional(),
  objectId: nonEmpty.optional(),
  type: z.enum(['AutoAttendant', 'CallQueue']),
  licences: z.array(z.enum(['TeamsPhoneResourceAccount', 'PayAsYouGoCallingPlan', 'CommunicationsCredits'])).default([]),
  number: numberText.optional(),
  voiceRoutingPolicy: nonEmpty.optional(),
  autoAttendant: nonEmpty.optional(),
  /** The call queue (its id) this CallQueue resource account answers for (CQ004). */
  callQueue: nonEmpty.optional(),
});

const credits = strict({
  currency: z.string().regex(/^[A-Z]{3}$/, { error: 'expected an ISO 4217 currency code such as USD' }).default('USD'),
  balance: money(z.number().min(-MAX_MONEY, { error: `expected a number >= ${-MAX_MONEY}${moneyBound}` })).default(0),
  postpaidOverage: z.boolean().default(false),
  autoRecharge: strict({ threshold: money(z.number().min(0)), amount: money(z.number().positive()), failureProbability: probability.default(0) })
    .nullable()
    .default(null),
  ratesPerMinute: z.record(z.string(), perMinute).default({ default: 0 }),
  tollFreeInboundRatePerMinute: perMinute.default(0),
});

const callTarget = strict({
  type: z.enum(['User', 'ApplicationEndpoint', 'ConfigurationEndpoint', 'ExternalPstn', 'SharedVoicemail']),
  id: numberText,
}).register(registry, { id: 'CallTarget' });

const menuOption = strict({
  key: numberText,
  action: z.enum(['TransferCallToTarget', 'TransferCallToOperator', 'DisconnectCall', 'Announcement']),
  target: callTarget.optional(),
  prompt: z.string().optional(),
});

const menu = strict({
  prompt: z.string().default(''),
  directorySearch: z.enum(['None', 'ByName', 'ByExtension']).default('None'),
  options: z.array(menuOption).default([]),
});

const flowThen = z.union([
  z.literal('disconnect'),
  strict({ redirect: callTarget }),
  strict({ menu }),
]);

const callFlow = strict({
  name: z.string().optional(),
  greeting: z.string().default(''),
  then: flowThen,
}).register(registry, { id: 'CallFlow' });

const timeRanges = z.array(strict({ start: hhmm, end: hhmm })).register(registry, { id: 'TimeRanges' });

const businessHours = strict({
  Monday: timeRanges.optional(),
  Tuesday: timeRanges.optional(),
  Wednesday: timeRanges.optional(),
  Thursday: timeRanges.optional(),
  Friday: timeRanges.optional(),
  Saturday: timeRanges.optional(),
  Sunday: timeRanges.optional(),
});

const autoAttendant = strict({
  id: nonEmpty,
  name: nonEmpty,
  timeZone: timeZone(),
  language: z.string().default('en-US'),
  businessHours: businessHours.optional(),
  defaultCallFlow: callFlow,
  afterHoursCallFlow: callFlow.optional(),
  holidays: z
    .array(strict({ name: nonEmpty, ranges: z.array(strict({ start: localDateTime, end: localDateTime })).min(1), callFlow }))
    .default([]),
  operator: callTarget.optional(),
  dialScope: strict({ include: z.array(nonEmpty).optional(), exclude: z.array(nonEmpty).default([]) }).default({ exclude: [] }),
});

const queueAction = <const T extends readonly [string, ...string[]]>(actions: T) =>
  strict({ action: z.enum(actions), target: callTarget.optional() });

/** New-CsCallQueue, in its own parameter names (camel case); defaults are Teams' own. */
const callQueue = strict({
  id: nonEmpty,
  name: nonEmpty,
  /** -Users, in order; `{ user, optIn: false }` for an agent who opted out. */
  agents: z.array(z.union([nonEmpty, strict({ user: nonEmpty, optIn: z.boolean().default(true) })])).default([]),
  distributionLists: z.array(nonEmpty).default([]),
  routingMethod: z.enum(['Attendant', 'Serial', 'RoundRobin', 'LongestIdle']).default('Attendant'),
  presenceBasedRouting: z.boolean().default(false),
  agentAlertTime: duration.default(30_000),
  allowOptOut: z.boolean().default(true),
  conferenceMode: z.boolean().default(true),
  overflowThreshold: z.number().int().default(50),
  overflow: queueAction(['DisconnectWithBusy', 'Forward', 'Voicemail', 'SharedVoicemail']).default({ action: 'DisconnectWithBusy' }),
  timeoutThreshold: duration.default(1_200_000),
  timeout: queueAction(['Disconnect', 'Forward', 'Voicemail', 'SharedVoicemail']).default({ action: 'Disconnect' }),
  noAgents: queueAction(['Queue', 'Disconnect', 'Forward', 'Voicemail', 'SharedVoicemail']).default({ action: 'Queue' }),
}).register(registry, { id: 'CallQueue' });

const emergencyNumber = strict({
  dialString: numberText,
  dialMasks: z.array(numberText).default([]),
  pstnUsage: nonEmpty.optional(),
}).register(registry, { id: 'EmergencyNumber' });

const grant = strict({
  policyType: z.enum(['SharedCalling', 'VoiceRouting', 'EmergencyCallRouting']),
  policy: nonEmpty,
  group: nonEmpty.optional(),
  rank: z.number().int().min(1).optional(),
  global: z.literal(true).optional(),
});

const policies = strict({
  voiceRouting: z.array(strict({ identity: nonEmpty, onlinePstnUsages: z.array(nonEmpty).default([]) })).default([]),
  emergencyCallRouting: z
    .array(
      strict({
        identity: nonEmpty,
        emergencyNumbers: z.array(emergencyNumber).default([]),
        allowEnhancedEmergencyServices: z.boolean().default(false),
        description: z.string().default(''),
      }),
    )
    .default([]),
  sharedCalling: z
    .array(
      strict({
        identity: nonEmpty,
        resourceAccount: nonEmpty,
        emergencyNumbers: z.array(numberText).default([]),
        description: z.string().default(''),
      }),
    )
    .default([]),
  grants: z.array(grant).default([]),
});

/** The network of dynamic emergency calling: made by the New-CsTenant* and Set-CsOnlineLis* cmdlets. */
const network = strict({
  regions: z.array(strict({ id: nonEmpty, description: z.string().default('') })).default([]),
  /** Internal subnets, `10.2.0.0/24`, each of one site. */
  subnets: z.array(strict({ subnet: nonEmpty, site: nonEmpty.optional(), description: z.string().default('') })).default([]),
  /** External (public) addresses of the corporate network, `203.0.113.0/24` (a bare address is /32). */
  trustedIps: z.array(strict({ address: nonEmpty, description: z.string().default('') })).default([]),
  lis: strict({
    accessPoints: z.array(strict({ bssid: nonEmpty, location: nonEmpty, description: z.string().default('') })).default([]),
    switches: z.array(strict({ chassisId: nonEmpty, location: nonEmpty, description: z.string().default('') })).default([]),
    ports: z.array(strict({ chassisId: nonEmpty, portId: numberText, location: nonEmpty, description: z.string().default('') })).default([]),
    /** A subnet's network ID, `10.2.0.0`. */
    subnets: z.array(strict({ subnet: nonEmpty, location: nonEmpty, description: z.string().default('') })).default([]),
  }).default({ accessPoints: [], switches: [], ports: [], subnets: [] }),
}).register(registry, { id: 'Network' });

const tenant = strict({
  locations: z.array(location).default([]),
  numbers: z.array(phoneNumber).default([]),
  groups: z.array(group).default([]),
  users: z
    .array(z.union([generatedUsers, user]))
    .default([])
    .superRefine((entries, ctx) => {
      // Before any user is made: five entries of a million would otherwise fill the heap first.
      let total = 0;
      entries.forEach((entry, i) => {
        const before = total;
        total += 'generate' in entry ? entry.generate : 1;
        if (total > MAX_USERS && before <= MAX_USERS) {
          ctx.addIssue({
            code: 'too_big',
            origin: 'number',
            maximum: MAX_USERS,
            inclusive: true,
            input: total,
            path: 'generate' in entry ? [i, 'generate'] : [i],
            message:
              `expected at most ${MAX_USERS.toLocaleString('en-US')} users in all, declared and generated; with this entry there are ${total.toLocaleString('en-US')}` +
              `${entries.length > i + 1 ? ' (and more after it)' : ''}: each user is kept in every copy of the tenant, and a million take about half a minute to build`,
          });
        }
      });
    }),
  resourceAccounts: z.array(resourceAccount).default([]),
  credits: credits.optional(),
  autoAttendants: z.array(autoAttendant).default([]),
  callQueues: z.array(callQueue).default([]),
  pstnUsages: z.array(nonEmpty).default([]),
  policies: policies.default({ voiceRouting: [], emergencyCallRouting: [], sharedCalling: [], grants: [] }),
  networkSites: z
    .array(
      strict({
        id: nonEmpty,
        description: z.string().default(''),
        emergencyCallRoutingPolicy: nonEmpty.optional(),
        region: nonEmpty.optional(),
        emergencyCallingPolicy: nonEmpty.optional(),
      }),
    )
    .default([]),
  network: network.optional(),
  script: nonEmpty.optional(),
});

// ---------------------------------------------------------------- workload

const distribution = z
  .union([
    strict({ exponential: strict({ mean: duration }) }),
    strict({ fixed: duration }),
    strict({ uniform: strict({ min: duration, max: duration }) }),
    strict({ lognormal: strict({ median: duration, sigma: z.number().positive() }) }),
    strict({ empirical: z.array(strict({ value: duration, weight })).min(1) }),
  ])
  // What the values alone do not show: min above max, nothing to draw, a tail past a century.
  .superRefine((d, ctx) => {
    const problem = distributionLimitProblem(d);
    if (problem === undefined) return;
    if (problem.code === 'custom') ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message, input: d });
    else if (problem.code === 'too_big') ctx.addIssue({ code: 'too_big', origin: 'number', maximum: MAX_DURATION_MS, inclusive: true, path: problem.path, message: problem.message, input: d });
    else ctx.addIssue({ code: 'too_small', origin: 'number', minimum: 0, inclusive: true, path: problem.path, message: problem.message, input: d });
  })
  .register(registry, { id: 'Distribution' });

const profile = z.union([
  z.literal('businessHours'),
  strict({ hourOfWeek: z.array(z.number().min(0)).length(168) }),
  strict({ weekday: z.array(z.number().min(0)).length(24), weekend: z.array(z.number().min(0)).length(24) }),
]).register(registry, { id: 'Profile' });

/** Calls an hour; the loader also bounds the rate at the busiest hour, users included (rates.ts). */
const callsPerHour = z.number().min(0).max(MAX_CALLS_PER_HOUR, {
  error: `expected a number <= ${MAX_CALLS_PER_HOUR}; more than one call a millisecond (the clock's resolution) cannot be simulated call by call`,
});
const rate = z.union([strict({ perUserPerHour: callsPerHour }), strict({ perHour: callsPerHour })]).register(registry, { id: 'Rate' });

const weights = z.record(z.string(), weight);

/**
 * An incident at a location: *calls* emergency calls by the location's users within *within*,
 * once `at` a time from the start, or as a Poisson process of incidents at `rate`.
 */
const incident = strict({
  location: nonEmpty,
  calls: z.number().int().min(1).max(10_000, { error: 'expected at most 10000 calls in one incident' }),
  within: positive('the calls of an incident start within this window'),
  at: duration.optional(),
  rate: strict({ perDay: z.number().min(0).max(24_000) }).optional(),
})
  .refine((i) => (i.at === undefined) !== (i.rate === undefined), { error: 'expected one of at (one incident at that time) or rate (incidents as a Poisson process), not both or neither' })
  .register(registry, { id: 'Incident' });

/**
 * Where emergency callers' clients are: each place is a share of the calls of the users it names
 * (by UPN, else by group, else everyone), with the network its client reports.
 */
const clientPlace = strict({
  name: nonEmpty,
  share: weight,
  users: z.array(nonEmpty).optional(),
  groups: z.array(nonEmpty).optional(),
  /** What kind of place it is, for the figures; the decision is made from the addresses alone. */
  kind: z.enum(['office', 'home', 'vpn', 'roaming']).default('office'),
  /** The public address the client's traffic leaves from; absent: one no trusted IP holds. */
  publicIp: nonEmpty.optional(),
  /** The client's local subnet, `10.2.0.0/24`. */
  subnet: nonEmpty.optional(),
  bssid: nonEmpty.optional(),
  chassisId: nonEmpty.optional(),
  portId: numberText.optional(),
}).register(registry, { id: 'ClientPlace' });

const workload = strict({
  clients: z.array(clientPlace).optional(),
  outbound: strict({
    rate,
    profile: profile.optional(),
    duration: distribution,
    answerProbability: probability.default(1),
    destinations: weights.default({ US: 1 }),
  }).optional(),
  inbound: strict({
    rate,
    profile: profile.optional(),
    duration: distribution,
    behaviour: strict({
      keys: weights.default({}),
      dialByName: weight.default(0),
      dialByExtension: weight.default(0),
      noInput: weight.default(0),
      invalidInput: weight.default(0),
      targetUsers: z.array(nonEmpty).optional(),
    }),
    userAnswerProbability: probability.default(1),
    /** Callers and agents in call queues (CQ020-CQ024); talk time is `duration`. */
    queue: strict({
      /** How long a caller waits before hanging up; absent: until the queue's timeout. */
      patience: distribution.optional(),
      agentAnswerProbability: probability.default(1),
      answerDelay: distribution.default({ fixed: 5_000 }),
    }).optional(),
  }).optional(),
  emergency: strict({
    rate,
    profile: profile.optional(),
    dialStrings: weights.default({ '911': 1 }),
    duration: distribution,
    callback: strict({ probability, delay: distribution, answerProbability: probability.default(1) }),
    incidents: z.array(incident).optional(),
    redial: strict({ probability, delay: distribution }).optional(),
  }).optional(),
});

// ---------------------------------------------------------------- settings, timeline, expect

const settings = strict({
  callbackPool: strict({
    selection: z.enum(['first-free', 'round-robin']).default('first-free'),
    reuse: z.enum(['first', 'oldest']).default('first'),
    reservation: positive('an emergency call reserves its callback number for this long (60m in Teams)').default(3_600_000),
  }).default({ selection: 'first-free', reuse: 'first', reservation: 3_600_000 }),
  callbackWithoutReservation: z.enum(['auto-attendant', 'not-in-service']).default('auto-attendant'),
  attendant: strict({
    maxMenuAttempts: z
      .number()
      .int()
      .min(1)
      .max(MAX_MENU_ATTEMPTS, {
        error: `expected a number <= ${MAX_MENU_ATTEMPTS}; a caller who gives no valid input ${MAX_MENU_ATTEMPTS} times has hung up long before, and each attempt is a step the call keeps in memory`,
      })
      .default(3),
    inputTimeout: duration.default(5_000),
  }).default({ maxMenuAttempts: 3, inputTimeout: 5_000 }),
  channelCap: z.number().int().min(0).nullable().default(null),
  testCalls: strict({
    dialStrings: z.array(nonEmpty).default(['933']),
    treatAsEmergency: z.boolean().default(false),
  }).default({ dialStrings: ['933'], treatAsEmergency: false }),
});

/** Timeline entries are open: every key besides `at` and `do` is a parameter of the cmdlet. */
const cmdletEntry = z
  .looseObject({ at: duration, do: z.string().regex(/^[A-Za-z]+-[A-Za-z]+$/, { error: 'expected a cmdlet name such as Set-CsTeamsSharedCallingRoutingPolicy' }) })
  .register(registry, { description: 'One cmdlet invocation at a time from the start; the other keys are its parameters.' });
const psEntry = strict({ at: duration, ps: nonEmpty });
const timelineEntry = z.union([
  psEntry.transform((e) => ({ kind: 'ps' as const, at: e.at, ps: e.ps })),
  cmdletEntry.transform(({ at, do: name, ...params }) => ({ kind: 'cmdlet' as const, at, do: name, params: params as Record<string, unknown> })),
]);

const expectation = strict({
  metric: z.string().regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/, { error: 'expected a dotted metric name such as outbound.outcome.OUT006' }),
  min: z.number().optional(),
  max: z.number().optional(),
  equals: z.number().optional(),
})
  // An expectation without a bound always passes, and min > max always fails: both are typos.
  .refine((e) => e.min !== undefined || e.max !== undefined || e.equals !== undefined, {
    error: 'expected at least one of min, max or equals; without one the expectation checks nothing',
  })
  .refine((e) => e.min === undefined || e.max === undefined || e.min <= e.max, {
    path: ['max'],
    error: 'expected max >= min; no value can pass both',
  });

export const scenarioSchema = strict({
  $schema: z.string().optional(),
  version: z.literal(1),
  name: nonEmpty,
  description: z.string().default(''),
  seed: z.number().int(),
  start: z.iso.datetime({ offset: true, local: false, error: 'expected an ISO date-time with offset such as 2026-03-02T00:00:00-08:00' }),
  /**
   * The local time of workload profiles (DST included). Absent: the first auto attendant's time
   * zone, or with none, the fixed offset of `start` (engine/scenario/load.ts resolves it).
   */
  timeZone: timeZone()
    .optional()
    .register(registry, {
      description:
        "IANA time zone whose local time workload profiles follow, daylight saving included. Default: the first auto attendant's timeZone; without one, the fixed UTC offset of start.",
    }),
  horizon: duration,
  warmup: duration.default(0),
  replications: z.number().int().min(1).default(1),
  tenant,
  workload: workload.default({}),
  settings: settings.default({
    callbackPool: { selection: 'first-free', reuse: 'first', reservation: 3_600_000 },
    callbackWithoutReservation: 'auto-attendant',
    attendant: { maxMenuAttempts: 3, inputTimeout: 5_000 },
    channelCap: null,
    testCalls: { dialStrings: ['933'], treatAsEmergency: false },
  }),
  timeline: z.array(timelineEntry).default([]),
  expect: z.array(expectation).default([]),
}).superRefine((f, ctx) => {
  // Figures are counted only after the warm-up: a run no longer than it measures nothing.
  if (f.horizon === 0) ctx.addIssue({ code: 'custom', path: ['horizon'], message: 'expected a horizon longer than 0, such as 14d' });
  else if (f.warmup >= f.horizon) {
    ctx.addIssue({ code: 'custom', path: ['warmup'], message: 'expected a warm-up shorter than the horizon; nothing is measured before the warm-up ends' });
  }
});

/** A scenario file after the schema: defaults filled in, durations in milliseconds. */
export type ScenarioFile = z.output<typeof scenarioSchema>;
export type TenantSection = ScenarioFile['tenant'];
export type UserEntry = z.output<typeof user>;
export type GeneratedUsersEntry = z.output<typeof generatedUsers>;
export type CallFlowEntry = z.output<typeof callFlow>;
export type CallTargetEntry = z.output<typeof callTarget>;
export type Workload = ScenarioFile['workload'];
export type Settings = ScenarioFile['settings'];
export type Distribution = z.output<typeof distribution>;
export type Profile = z.output<typeof profile>;
export type Expectation = z.output<typeof expectation>;
export type TimelineEntryFile = z.output<typeof timelineEntry>;

/** The JSON Schema of scenario files (what a file may contain, before defaults). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any', metadata: registry }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'callsim scenario',
    description: 'A callsim scenario: a Teams Phone Shared Calling tenant, its workload and a timeline of changes.',
  };
}
