/**
 * `callsim call`: calls made on purpose at a simulated time, traced step by step.
 *
 * The calls run inside one replication of the scenario (runReplication's `placed` option), so
 * each meets exactly what a call of the workload would meet then: the tenant as the timeline has
 * changed it by that time, and the runtime state (Communications Credits, channels in use,
 * callback reservations, call queue agents and waiting callers) that the calls before it left.
 * That state comes from one of two honest sources, never from a value set by hand: the
 * scenario's own workload run up to the call (`workload: true`; the run is replication 0 with the
 * scenario's seed, as `run` and `trace` make it), or the calls asked for before it (`before`, a
 * minute apart, the last a minute before the main call: a user dials, or a PSTN caller dials the
 * main user's shared number and chooses at its menu; another user's 911 first is how a
 * displacement, EMG004, is shown; an earlier caller an agent answers, or one left waiting, is how
 * a queue is made busy or full, CQ021-CQ023). What the calls placed here do is what the request
 * says, not drawn: whether the far end, the user or a queue's agents answer, how long they talk,
 * and how long the main caller waits in a queue.
 * A callback can follow the main emergency call (`callbackAfterMs`), to the callback number that
 * call presented, or be made alone to any number (`callback`).
 *
 * Every call is decided by the call modules and their machines; this file only says who calls
 * whom and when, and collects the traces (engine/run/trace.ts).
 */
import type { Intent } from '../calls/index.js';
import { clientPlaceSpecs, type Scenario } from '../scenario/index.js';
import { findUser, normalizeTelephoneNumber, type CountryCode, type Tenant, type User } from '../tenant/index.js';
import { nearestUpn } from './explain-user.js';
import { runReplication, type CallPlacer } from './replication.js';
import type { TimelineOutcome } from './timeline-change.js';
import type { CallTrace } from './trace.js';
import { CALLER_TIMING_MS } from '../calls/index.js';

/** What an inbound caller does at the attendant's menu (`auto`: whatever reaches the user asked for). */
export type InboundCallerChoice = 'auto' | 'name' | 'extension' | 'none' | 'invalid' | { key: string };

/** One call made on purpose. */
export type PlacedCallRequest =
  /** *user* dials *dialled*: with a leading `+` a PSTN number (outbound); else as Teams dials any string, emergency numbers first. */
  | { kind: 'dial'; user: string; dialled: string }
  /** A PSTN caller dials the shared number of *user*'s Shared Calling policy, asking for *user*. */
  | { kind: 'inbound'; user: string; caller: InboundCallerChoice }
  /** The emergency service calls *number* back for an emergency call that *user* made. */
  | { kind: 'callback'; user: string; number: string };

/** A call placed before the main one (a callback has no place there). */
export type BeforeCall = Exclude<PlacedCallRequest, { kind: 'callback' }>;

export interface CallRequest {
  /** When the main call starts, ms from the scenario's start. */
  atMs: number;
  main: PlacedCallRequest;
  /**
   * Calls placed before the main one, in order, a minute apart, the last a minute before it: a
   * user dials, or a PSTN caller dials a shared number (to occupy a queue's agents or fill it).
   */
  before: BeforeCall[];
  /** After the main call (an emergency call) ends, the emergency service calls back this much later. */
  callbackAfterMs: number | null;
  /** Run the scenario's workload too (so credits, channels and the callback pool are what the run would have). */
  workload: boolean;
  /** Whether the far end, the user transferred to, the queue agents offered a call, or the person a callback rings answers. */
  answers: boolean;
  /** How long the main inbound caller waits in a call queue before hanging up (CQ021); null: as long as the queue keeps them. */
  patienceMs: number | null;
  /** How long each call lasts once answered (talk time; an emergency call's length). */
  durationMs: number;
  seed: number;
  /**
   * For an emergency main call: the place of the workload's `clients` its client is at (by name),
   * so the LIS lookup (NET020-NET028) can be shown on purpose. Absent: drawn as the run would.
   */
  client?: string;
}

export interface CallResult {
  /** The traces of the calls made on purpose, in the order they started. */
  traces: CallTrace[];
  /** Which of them is the main call. */
  mainCallId: number;
  /** Timeline changes applied in the run (up to its end). */
  timeline: TimelineOutcome[];
  /** What could not be done, in words (e.g. no callback number to call back). */
  notes: string[];
  /** The main call in words, as it was placed: `user05@contoso.com dials 911`. */
  description: string;
}

export type CallOutcome = { ok: true; result: CallResult } | { ok: false; error: string };

/** The gap between the calls made before the main one. */
const BEFORE_GAP_MS = 60_000;
/** Time after the last call starts that it surely has ended by (menus, retries, ringing, voicemail), besides its duration. */
const END_MARGIN_MS = 3_600_000;

/** Country calling codes of the destinations a rate table usually names; others take its default rate. */
const CALLING_CODES: ReadonlyArray<[string, CountryCode]> = [
  ['1', 'US'], ['44', 'GB'], ['33', 'FR'], ['49', 'DE'], ['353', 'IE'], ['31', 'NL'], ['34', 'ES'], ['39', 'IT'],
  ['41', 'CH'], ['46', 'SE'], ['47', 'NO'], ['45', 'DK'], ['61', 'AU'], ['64', 'NZ'], ['65', 'SG'], ['81', 'JP'], ['91', 'IN'],
];

/** The country of E.164 *number* by its calling code (`+1` is taken as the US), or `default`. */
export function destinationCountry(number: string): CountryCode {
  const digits = number.replace(/^\+/, '');
  let best: [string, CountryCode] | undefined;
  for (const entry of CALLING_CODES) if (digits.startsWith(entry[0]) && (best === undefined || entry[0].length > best[0].length)) best = entry;
  return best?.[1] ?? 'default';
}

/** A user of *tenant* by UPN or ObjectId, or an error naming the nearest UPN. */
function userOrError(tenant: Tenant, identity: string): User | string {
  const user = findUser(tenant, identity);
  if (user !== undefined) return user;
  const nearest = nearestUpn(tenant, identity);
  return `no user ${identity} in the scenario's tenant${nearest === null ? '' : `; did you mean ${nearest}?`}`;
}

/** The caller's intent for *choice*, at the attendant's call flow in effect now, to reach *user*. */
function intentFor(placer: CallPlacer, accountId: string, user: User, choice: InboundCallerChoice): Intent {
  if (choice === 'name') return { kind: 'dialByName' };
  if (choice === 'extension') return { kind: 'dialByExtension' };
  if (choice === 'none') return { kind: 'noInput' };
  if (choice === 'invalid') return { kind: 'invalidInput' };
  if (choice !== 'auto') return { kind: 'key', key: choice.key };
  // auto: a menu key that transfers to the user, else the directory search the menu offers.
  const { services } = placer;
  const account = services.tenant.resourceAccounts.find((r) => r.objectId === accountId);
  const entry = account?.autoAttendantId == null ? undefined : services.derived.attendant(account.autoAttendantId);
  if (entry === undefined) return { kind: 'noInput' };
  const flow = entry.schedule.activeCallFlow(services.startEpochMs + services.sim.now).flow;
  if (flow.action.kind !== 'menu') return { kind: 'noInput' };
  const menu = flow.action.menu;
  const isUser = (id: string): boolean => findUser(services.tenant, id) === user;
  const option = menu.options.find((o) => o.action === 'TransferCallToTarget' && o.target?.type === 'User' && isUser(o.target.id));
  if (option !== undefined) return { kind: 'key', key: option.key };
  if (menu.directorySearch === 'ByName') return { kind: 'dialByName' };
  if (menu.directorySearch === 'ByExtension') return { kind: 'dialByExtension' };
  return { kind: 'noInput' };
}

/** What the caller does at the menu, in words (a key is followed by its digit). */
const INTENT_TEXT: Readonly<Record<Intent['kind'], string>> = {
  key: 'presses',
  dialByName: 'says their name',
  dialByExtension: 'dials their extension',
  noInput: 'makes no input',
  invalidInput: 'presses a key the menu does not map',
};

/**
 * Make the calls of *request* in replication 0 of *scenario* (whose loaded tenant is *tenant*)
 * and trace them. An error (unknown user, no shared number to call) is returned, not thrown.
 */
export function placeCalls(scenario: Scenario, tenant: Tenant, request: CallRequest): CallOutcome {
  const identities = [request.main.user, ...request.before.map((b) => b.user)];
  for (const identity of identities) {
    const found = userOrError(tenant, identity);
    if (typeof found === 'string') return { ok: false, error: found };
  }
  if (request.main.kind === 'callback') {
    // The number as Teams stores it (E.164 with +), so it matches the pool's and the account's.
    const normalized = normalizeTelephoneNumber(request.main.number);
    if (!normalized.ok) return { ok: false, error: `--callback-to: ${normalized.refusal.message}` };
    request = { ...request, main: { ...request.main, number: normalized.number } };
  }
  const places = clientPlaceSpecs(scenario.workload);
  const clientPlace = request.client === undefined ? undefined : places.find((p) => p.name.toLowerCase() === request.client?.toLowerCase());
  if (request.client !== undefined) {
    if (request.main.kind !== 'dial') return { ok: false, error: '--client places the client of an emergency call: use it with --dial' };
    if (clientPlace === undefined) {
      return { ok: false, error: places.length === 0 ? `--client ${request.client}: the scenario's workload has no clients places` : `--client ${request.client}: no such place in workload.clients (places: ${places.map((p) => p.name).join(', ')})` };
    }
  }
  const firstBefore = request.atMs - request.before.length * BEFORE_GAP_MS;
  if (firstBefore < 0) {
    return { ok: false, error: `${request.before.length} call(s) a minute apart before the main call need it to start at least ${request.before.length}m after the scenario's start` };
  }
  const lastStart = request.atMs + (request.callbackAfterMs === null ? 0 : request.durationMs + request.callbackAfterMs);
  const horizonMs = lastStart + request.durationMs + END_MARGIN_MS;

  const traces: CallTrace[] = [];
  const notes: string[] = [];
  let error: string | undefined;
  let placing = false;
  let mainCallId = -1;
  let description = '';
  const talk = { answers: request.answers, ringMs: request.answers ? CALLER_TIMING_MS.ringAnswered : CALLER_TIMING_MS.ringUnanswered, talkMs: request.durationMs };

  /** Place one call now; only calls placed here are traced. */
  const place = (placer: CallPlacer, call: PlacedCallRequest): number | undefined => {
    placing = true;
    try {
      return placeOne(placer, call);
    } finally {
      placing = false;
    }
  };
  const placeOne = (placer: CallPlacer, call: PlacedCallRequest): number | undefined => {
    const { services } = placer;
    const user = findUser(services.tenant, call.user);
    if (user === undefined) {
      error = `user ${call.user} is no longer in the tenant at ${call.kind === 'callback' ? 'the callback' : 'that time'} (a timeline change removed them)`;
      return undefined;
    }
    switch (call.kind) {
      case 'dial':
        description = call.dialled.startsWith('+')
          ? `${user.userPrincipalName} dials ${call.dialled} (an outbound call to ${destinationCountry(call.dialled)})`
          : `${user.userPrincipalName} dials ${call.dialled}`;
        return call.dialled.startsWith('+')
          ? placer.outbound.place(user.objectId, { destinationCountry: destinationCountry(call.dialled), ...talk })
          : placer.emergency.place(user.objectId, call.dialled, request.durationMs, call === request.main ? clientPlace : undefined);
      case 'inbound': {
        const account = services.view.user(user.objectId)?.resourceAccount;
        if (account === undefined) {
          error = `${user.userPrincipalName}'s Shared Calling policy has no resource account: there is no shared number for an inbound caller to dial`;
          return undefined;
        }
        const intent = intentFor(placer, account.objectId, user, call.caller);
        const number = services.view.user(user.objectId)?.resourceAccountNumber?.telephoneNumber ?? 'no number';
        description = `a PSTN caller dials ${number} (${account.userPrincipalName}) asking for ${user.userPrincipalName}, and at the menu ${INTENT_TEXT[intent.kind]}${intent.kind === 'key' ? ` ${intent.key}` : ''}`;
        return placer.inbound.place(account.objectId, intent, user, request.answers, request.durationMs, call === request.main ? request.patienceMs : null);
      }
      case 'callback': {
        const facts = services.view.user(user.objectId);
        const accountNumber = facts?.resourceAccountNumber?.telephoneNumber;
        if (call.number !== accountNumber && !(facts?.sharedCallingPolicy?.emergencyNumbers ?? []).includes(call.number)) {
          // Allowed (the emergency service dials what it was given), but most likely a typo.
          notes.push(`note: ${call.number} is neither a callback number of ${user.userPrincipalName}'s Shared Calling policy nor its resource account's number.`);
        }
        description = `the emergency service calls ${call.number} back for ${user.userPrincipalName}'s emergency call`;
        return placer.callbacks.start(call.number, user.objectId, call.number === accountNumber, request.answers);
      }
    }
  };

  const run = runReplication(scenario, tenant, request.seed, 0, {
    horizonMs,
    trace: {
      select: () => placing,
      onTrace: (trace) => traces.push(trace),
    },
    placed: {
      workload: request.workload,
      place: (placer) => {
        const { sim } = placer.services;
        request.before.forEach((b, i) => {
          sim.schedule(firstBefore + i * BEFORE_GAP_MS, () => void place(placer, b));
        });
        sim.schedule(request.atMs, () => {
          mainCallId = place(placer, request.main) ?? -1;
        });
        if (request.callbackAfterMs !== null) {
          sim.schedule(request.atMs + request.durationMs + request.callbackAfterMs, () => {
            const main = traces.find((t) => t.callId === mainCallId);
            const details = (main?.details ?? null) as { callbackNumber?: unknown; callbackSource?: unknown } | null;
            const number = typeof details?.callbackNumber === 'string' ? details.callbackNumber : null;
            if (main === undefined || main.kind !== 'emergency' || number === null) {
              const why = main === undefined ? 'it had not ended' : main.kind !== 'emergency' ? `it was not an emergency call (${main.outcome})` : `it presented no callback number (${main.outcome})`;
              notes.push(`no callback: the emergency service has no number to call back, since ${why}.`);
              return;
            }
            const isAccountNumber = details?.callbackSource === 'resourceAccount';
            placing = true;
            try {
              placer.callbacks.start(number, findUser(placer.services.tenant, request.main.user)?.objectId ?? request.main.user, isAccountNumber, request.answers);
            } finally {
              placing = false;
            }
          });
        }
      },
    },
  });
  if (error !== undefined) return { ok: false, error };
  traces.sort((a, b) => a.callId - b.callId);
  return { ok: true, result: { traces, mainCallId, timeline: run.timeline, notes, description } };
}
