/**
 * Small tenant pieces for runtime tests; each test states only what it is about. And the calls
 * that use the runtime's shared state as production does (emergencyCallOn, outboundCallOn), so
 * that a runtime test exercises the rule production runs, not a copy of it.
 */
import { outboundInput, type OutboundSample } from '../../engine/calls/outbound.js';
import { emergencyMachine, type ReserveCallbackNumberParams } from '../../engine/machines/emergency.js';
import { outboundMachine, type DebitCreditsParams } from '../../engine/machines/outbound.js';
import type { CallbackPool, ReservationResult } from '../../engine/runtime/callback-pool.js';
import type { CreditsLedger } from '../../engine/runtime/credits-ledger.js';
import { TenantView, type UserFacts } from '../../engine/runtime/tenant-view.js';
import type { AutoAttendant, CallFlow, User } from '../../engine/tenant/model.js';
import { drive, effects } from '../machines/drive.js';
import { emergencyCall } from '../machines/samples.js';
import { USER_ID, must, seattleWithPolicy } from '../tenant/fixtures.js';

export function makeUser(objectId: string, fields: Partial<User> = {}): User {
  return {
    objectId,
    userPrincipalName: `${objectId}@contoso.com`,
    displayName: objectId,
    givenName: objectId,
    surname: '',
    licences: ['TeamsPhone'],
    enterpriseVoiceEnabled: true,
    groups: [],
    extension: null,
    hiddenFromAddressLists: false,
    clientLocation: { networkSiteId: null, dynamicLocationId: null },
    policies: { sharedCalling: null, voiceRouting: null, emergencyCallRouting: null },
    ...fields,
  };
}

export function flow(name: string): CallFlow {
  return { name, greeting: '', action: { kind: 'disconnect' } };
}

const WEEKDAYS_9_TO_5 = { start: '09:00', end: '17:00' };

/** Mon-Fri 09:00-17:00 in *timeZone*, with an after-hours flow and no holidays. */
export function makeAttendant(id: string, timeZone: string, fields: Partial<AutoAttendant> = {}): AutoAttendant {
  return {
    id,
    name: id,
    timeZone,
    languageId: 'en-US',
    businessHours: {
      Monday: [WEEKDAYS_9_TO_5],
      Tuesday: [WEEKDAYS_9_TO_5],
      Wednesday: [WEEKDAYS_9_TO_5],
      Thursday: [WEEKDAYS_9_TO_5],
      Friday: [WEEKDAYS_9_TO_5],
    },
    defaultCallFlow: flow('business'),
    afterHoursCallFlow: flow('after'),
    holidays: [],
    operator: null,
    dialScope: { includeGroups: null, excludeGroups: [] },
    ...fields,
  };
}

/** A random stream that returns the given draws in turn (and fails the test when they run out). */
export function scriptedStream(draws: number[]): { next(): number; drawn: number } {
  let i = 0;
  return {
    next(): number {
      const d = draws[i++];
      if (d === undefined) throw new Error('scripted stream ran out of draws');
      return d;
    },
    get drawn(): number {
      return i;
    },
  };
}

/**
 * An emergency call by *userId* at *now* against *pool*, the way production takes its callback
 * number (engine/calls/emergency.ts): the emergency machine starts from what the pool shows the
 * caller (`inspect`), its guards choose the caller's own number (EMG007), a free one (EMG003) or
 * another caller's (EMG004), and its `reserveCallbackNumber` effect is carried out on the pool.
 * null when the machine reserves nothing (an empty pool: the resource account's number, EMG005).
 */
export function emergencyCallOn(pool: CallbackPool, now: number, userId: string): ReservationResult | null {
  const found = pool.inspect(now, userId);
  const input = emergencyCall((c) => {
    c.caller.userId = userId;
    c.callbackPool = {
      size: found.size,
      numberHeldByCaller: found.heldByCaller,
      nextFreeNumber: found.nextFree,
      reuseCandidate: found.reuseCandidate,
      reuseCandidateHolderId: found.reuseCandidate === null ? null : pool.holderAt(now, found.reuseCandidate),
    };
  });
  const reservation = effects(drive(emergencyMachine, input).actions).find((a) => a.type === 'reserveCallbackNumber');
  if (reservation === undefined) return null;
  const { number, userId: holder, mode } = reservation.params as ReserveCallbackNumberParams;
  return pool.reserve(now, number, holder, mode);
}

/** user@contoso.com of the article's Seattle tenant, voice enabled: a Shared Calling caller on a Calling Plan service number funded by credits. */
function sharedCallingCaller(): UserFacts {
  const tenant = seattleWithPolicy();
  must(tenant, 'Set-CsPhoneNumberAssignment', { Identity: 'user@contoso.com', EnterpriseVoiceEnabled: true });
  const facts = new TenantView(tenant).user(USER_ID);
  if (facts === undefined) throw new Error('fixture has user@contoso.com');
  return facts;
}

/** What an outbound call did to the credits: its outcome, and the amount its debitCredits effect took (null: none). */
export interface OutboundOnLedger {
  outcome: string;
  debited: number | null;
}

/**
 * An outbound call by a Shared Calling user at *now*, the way production runs one
 * (engine/calls/outbound.ts): its facts are read from *ledger* by `outboundInput` (balance,
 * overage, the destination's rate), the outbound machine's guards decide it (OUT006 is
 * `creditsExhausted`), and its `debitCredits` effect is carried out on the ledger as
 * OutboundCalls does: debited when prepaid, billed as overage otherwise. By default the far end
 * answers and talks 3 minutes to the US.
 */
export function outboundCallOn(ledger: CreditsLedger, now: number, drawn: Partial<OutboundSample> = {}): OutboundOnLedger {
  const input = outboundInput(sharedCallingCaller(), ledger, { cap: null, inUse: 0 }, {
    destinationCountry: 'US',
    answers: true,
    ringMs: 8_000,
    talkMs: 180_000,
    ...drawn,
  });
  const run = drive(outboundMachine, input);
  let debited: number | null = null;
  for (const effect of effects(run.actions)) {
    if (effect.type !== 'debitCredits') continue;
    const params = effect.params as DebitCreditsParams;
    if (params.fundedBy === 'communicationsCredits') ledger.debit(now, params.amount, 'outbound');
    debited = params.amount;
  }
  const output = run.snapshot.output as { outcome: string } | undefined;
  return { outcome: output?.outcome ?? 'unfinished', debited };
}
