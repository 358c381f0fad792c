/**
 * Emergency call: a Shared Calling user dials an emergency string (docs/rules.md §3, EMG001-EMG007).
 *
 * The runtime resolves at call start which emergency call routing policies apply (the user's and
 * the network site's), where the client is, and the callback pool as this caller finds it; the
 * machine decides, in named guards: which policy is in effect and whether the string is an
 * emergency number (EMG001, EMG006), how the call is routed (EMG006), which location goes with it
 * (EMG002), and which callback number it presents (EMG007, EMG005, EMG003, EMG004). The callback
 * reservation leaves as the `reserveCallbackNumber` effect at call start, since the 60 minutes run
 * from the call's start (EMG003).
 */
import { assign, setup } from 'xstate';
import type { E164 } from '../tenant/index.js';
import { runtimeEffect } from './effect.js';
import { callOutput, type CallOutput, type EmergencyOutcome } from './outcome.js';

/** One emergency number of an emergency call routing policy (New-CsTeamsEmergencyNumber). */
export interface EmergencyNumberFacts {
  /** EmergencyDialString, e.g. "911". */
  dialString: string;
  /** EmergencyDialMask: strings translated to the dial string, e.g. "112". */
  dialMasks: string[];
  /** OnlinePstnUsage; present means the call is routed by Direct Routing (EMG006). */
  pstnUsage: string | null;
}

/** An emergency call routing policy as it applies to this call. */
export interface EmergencyRoutingPolicyFacts {
  identity: string;
  emergencyNumbers: EmergencyNumberFacts[];
}

/** The facts of one emergency call, as they stand when the user dials. */
export interface EmergencyCallInput {
  /** ObjectId of the user who dials. */
  userId: string;
  /** The string dialled, compared exactly with dial strings and masks. */
  dialledString: string;
  /** The user's effective emergency call routing policy, or null when they have none (USR005). */
  userPolicy: EmergencyRoutingPolicyFacts | null;
  /** The policy of the network site the client is on, or null (off-network, or the site has none). */
  sitePolicy: EmergencyRoutingPolicyFacts | null;
  /**
   * The tenant has Calling Plan or Operator Connect Shared Calling and Direct Routing side by
   * side: then site policies cannot be used (EMG006, SITE001).
   */
  tenantMixesSharedCallingWithDirectRouting: boolean;
  location: {
    /** LocationId that LIS matched for the client on a trusted network, or null. */
    dynamicLocationId: string | null;
    /** LocationId of the resource account's number (its static location), or null. */
    staticLocationId: string | null;
  };
  /** The callback pool (the Shared Calling policy's emergency numbers) for this caller, now. */
  callbackPool: {
    /** How many emergency numbers the policy has. */
    size: number;
    /** The number this user still holds an active reservation on, or null (EMG007). */
    numberHeldByCaller: E164 | null;
    /** The free number the pool's selection rule picks, or null when none is free (EMG003). */
    nextFreeNumber: E164 | null;
    /** The reserved number to reuse when none is free (EMG004 setting), or null. */
    reuseCandidate: E164 | null;
  };
  /** The resource account's number: the callback number when the pool is empty (EMG005). */
  resourceAccountNumber: E164 | null;
  /** How long the emergency call lasts, ms (sampled by the workload). */
  durationMs: number;
}

export type LocationSource = 'dynamic' | 'static' | 'none';
/** EMG006: by the policy's PSTN usages (Direct Routing), else by Calling Plan / Operator Connect. */
export type EmergencyRoute = 'DirectRouting' | 'CallingPlanOrOperatorConnect';

export interface EmergencyLocationChoice {
  source: LocationSource;
  locationId: string | null;
}

export interface EmergencyRouting {
  via: EmergencyRoute;
  /** Identity of the emergency call routing policy in effect. */
  policy: string;
  /** The network site's policy was used instead of the user's. */
  siteOverride: boolean;
  pstnUsage: string | null;
}

export interface EmergencyDetails {
  dialledString: string;
  /** EMG001 no match: the call goes on as an ordinary outbound call. */
  treatedAsOutbound: boolean;
  /** The emergency dial string the call was recognised as (a mask is translated). */
  dialString: string | null;
  /** EMG002; null when the call was not an emergency call. */
  location: EmergencyLocationChoice | null;
  /** EMG006; null when the call was not an emergency call. */
  routing: EmergencyRouting | null;
  /** The emergency callback number presented; null when none (not an emergency call, or no number). */
  callbackNumber: E164 | null;
}

export type EmergencyCallOutput = CallOutput<'emergency', EmergencyOutcome, EmergencyDetails>;

export type ReservationMode = 'new' | 'renew' | 'displace';

/** Parameters of the `reserveCallbackNumber` effect: hold *number* for *userId* for 60 minutes. */
export interface ReserveCallbackNumberParams {
  number: E164;
  userId: string;
  /** new: a free number (EMG003); renew: the caller's own (EMG007); displace: someone else's (EMG004). */
  mode: ReservationMode;
}

/**
 * Emergency calls have no events from outside (the call's duration arrives as input);
 * only their own delayed `after` events move them.
 * xstate needs an event type: this one is never sent (with `never`, the machine would not be
 * assignable to AnyStateMachine, which a generic driver takes).
 */
export type EmergencyEvent = { type: 'emergency.none' };

interface EmergencyContext {
  facts: EmergencyCallInput;
  /** The policy in effect and whether the site's replaced the user's; set first. */
  policy: EmergencyRoutingPolicyFacts | null;
  siteOverride: boolean;
  /** Set once the dialled string is recognised. */
  emergencyNumber: EmergencyNumberFacts | null;
  location: EmergencyLocationChoice | null;
  routing: EmergencyRouting | null;
  callbackNumber: E164 | null;
}

function matchEmergencyNumber(
  policy: EmergencyRoutingPolicyFacts | null,
  dialled: string,
): EmergencyNumberFacts | undefined {
  return policy?.emergencyNumbers.find((n) => n.dialString === dialled || n.dialMasks.includes(dialled));
}

function reservation(mode: ReservationMode) {
  return ({ context }: { context: EmergencyContext }): ReserveCallbackNumberParams => {
    const pool = context.facts.callbackPool;
    const number =
      mode === 'renew' ? pool.numberHeldByCaller : mode === 'new' ? pool.nextFreeNumber : pool.reuseCandidate;
    // The guard that chose this mode checked that the number is present.
    return { number: number ?? '', userId: context.facts.userId, mode };
  };
}

/** How the call went out, so EMG002 and EMG006 show in the reason too. */
function describeCall(context: EmergencyContext): string {
  const parts: string[] = [];
  if (context.callbackNumber !== null) parts.push(`callback number ${context.callbackNumber}`);
  if (context.location !== null) {
    const where = context.location.locationId === null ? '' : ` ${context.location.locationId}`;
    parts.push(`EMG002 location ${context.location.source}${where}`);
  }
  if (context.routing !== null) {
    const site = context.routing.siteOverride ? ', network site policy' : '';
    parts.push(`EMG006 routed by ${context.routing.via} under ${context.routing.policy}${site}`);
  }
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

function emergencyOutput(outcome: EmergencyOutcome, because: string) {
  return ({ context }: { context: EmergencyContext }): EmergencyCallOutput =>
    callOutput('emergency', outcome, `${because}${describeCall(context)}.`, {
      dialledString: context.facts.dialledString,
      treatedAsOutbound: outcome === 'EMG001',
      dialString: context.emergencyNumber?.dialString ?? null,
      location: context.location,
      routing: context.routing,
      callbackNumber: context.callbackNumber,
    });
}

export const emergencyMachine = setup({
  types: {
    context: {} as EmergencyContext,
    input: {} as EmergencyCallInput,
    events: {} as EmergencyEvent,
    output: {} as EmergencyCallOutput,
  },
  guards: {
    sitePolicyOverrides: ({ context }) =>
      context.facts.sitePolicy !== null && !context.facts.tenantMixesSharedCallingWithDirectRouting,
    dialsEmergencyNumber: ({ context }) =>
      matchEmergencyNumber(context.policy, context.facts.dialledString) !== undefined,
    routedByPstnUsage: ({ context }) => (context.emergencyNumber?.pstnUsage ?? null) !== null,
    hasDynamicLocation: ({ context }) => context.facts.location.dynamicLocationId !== null,
    hasStaticLocation: ({ context }) => context.facts.location.staticLocationId !== null,
    callerHoldsCallbackNumber: ({ context }) => context.facts.callbackPool.numberHeldByCaller !== null,
    poolIsEmpty: ({ context }) => context.facts.callbackPool.size === 0,
    poolHasFreeNumber: ({ context }) => context.facts.callbackPool.nextFreeNumber !== null,
    poolHasReuseCandidate: ({ context }) => context.facts.callbackPool.reuseCandidate !== null,
  },
  actions: {
    useSitePolicy: assign({ policy: ({ context }) => context.facts.sitePolicy, siteOverride: true }),
    useUserPolicy: assign({ policy: ({ context }) => context.facts.userPolicy, siteOverride: false }),
    recogniseEmergencyNumber: assign({
      emergencyNumber: ({ context }) => matchEmergencyNumber(context.policy, context.facts.dialledString) ?? null,
    }),
    routeCall: assign({
      routing: ({ context }, params: { via: EmergencyRoute }) => ({
        via: params.via,
        policy: context.policy?.identity ?? '',
        siteOverride: context.siteOverride,
        pstnUsage: context.emergencyNumber?.pstnUsage ?? null,
      }),
    }),
    locateCaller: assign({
      location: ({ context }, params: { source: LocationSource }) => ({
        source: params.source,
        locationId:
          params.source === 'dynamic'
            ? context.facts.location.dynamicLocationId
            : params.source === 'static'
              ? context.facts.location.staticLocationId
              : null,
      }),
    }),
    presentCallbackNumber: assign({
      callbackNumber: ({ context }, params: { from: 'heldByCaller' | 'nextFree' | 'reuse' | 'resourceAccount' }) => {
        const pool = context.facts.callbackPool;
        if (params.from === 'heldByCaller') return pool.numberHeldByCaller;
        if (params.from === 'nextFree') return pool.nextFreeNumber;
        if (params.from === 'reuse') return pool.reuseCandidate;
        return context.facts.resourceAccountNumber;
      },
    }),
    reserveCallbackNumber: runtimeEffect<ReserveCallbackNumberParams>(),
  },
  delays: {
    callDuration: ({ context }) => context.facts.durationMs,
  },
}).createMachine({
  id: 'emergency',
  context: ({ input }) => ({
    facts: input,
    policy: null,
    siteOverride: false,
    emergencyNumber: null,
    location: null,
    routing: null,
    callbackNumber: null,
  }),
  initial: 'choosingPolicy',
  states: {
    choosingPolicy: {
      always: [
        { guard: 'sitePolicyOverrides', target: 'recognising', actions: 'useSitePolicy' },
        { target: 'recognising', actions: 'useUserPolicy' },
      ],
    },
    recognising: {
      always: [
        { guard: 'dialsEmergencyNumber', target: 'routing', actions: 'recogniseEmergencyNumber' },
        { target: 'notAnEmergencyNumber' },
      ],
    },
    routing: {
      always: [
        { guard: 'routedByPstnUsage', target: 'locating', actions: { type: 'routeCall', params: { via: 'DirectRouting' } } },
        { target: 'locating', actions: { type: 'routeCall', params: { via: 'CallingPlanOrOperatorConnect' } } },
      ],
    },
    locating: {
      always: [
        { guard: 'hasDynamicLocation', target: 'choosingCallbackNumber', actions: { type: 'locateCaller', params: { source: 'dynamic' } } },
        { guard: 'hasStaticLocation', target: 'choosingCallbackNumber', actions: { type: 'locateCaller', params: { source: 'static' } } },
        { target: 'choosingCallbackNumber', actions: { type: 'locateCaller', params: { source: 'none' } } },
      ],
    },
    choosingCallbackNumber: {
      always: [
        {
          guard: 'callerHoldsCallbackNumber',
          target: 'onCallKeepingNumber',
          actions: [
            { type: 'presentCallbackNumber', params: { from: 'heldByCaller' } },
            { type: 'reserveCallbackNumber', params: reservation('renew') },
          ],
        },
        {
          guard: 'poolIsEmpty',
          target: 'onCallWithAccountNumber',
          actions: { type: 'presentCallbackNumber', params: { from: 'resourceAccount' } },
        },
        {
          guard: 'poolHasFreeNumber',
          target: 'onCallWithFreeNumber',
          actions: [
            { type: 'presentCallbackNumber', params: { from: 'nextFree' } },
            { type: 'reserveCallbackNumber', params: reservation('new') },
          ],
        },
        {
          guard: 'poolHasReuseCandidate',
          target: 'onCallWithReusedNumber',
          actions: [
            { type: 'presentCallbackNumber', params: { from: 'reuse' } },
            { type: 'reserveCallbackNumber', params: reservation('displace') },
          ],
        },
        // A pool that offers neither a free nor a reusable number has nothing to present:
        // fall back to the resource account's number, as for an empty list, and say why.
        {
          target: 'onCallWithAccountNumberForLackOfPoolNumber',
          actions: { type: 'presentCallbackNumber', params: { from: 'resourceAccount' } },
        },
      ],
    },
    onCallKeepingNumber: { after: { callDuration: 'keptCallbackNumber' } },
    onCallWithAccountNumber: { after: { callDuration: 'accountNumberAsCallbackNumber' } },
    onCallWithFreeNumber: { after: { callDuration: 'freeCallbackNumber' } },
    onCallWithReusedNumber: { after: { callDuration: 'reusedCallbackNumber' } },
    onCallWithAccountNumberForLackOfPoolNumber: { after: { callDuration: 'accountNumberForLackOfPoolNumber' } },
    notAnEmergencyNumber: {
      type: 'final',
      output: emergencyOutput('EMG001', 'the dialled string matches no emergency dial string or mask of the emergency call routing policy in effect: it is an ordinary outbound call'),
    },
    keptCallbackNumber: {
      type: 'final',
      output: emergencyOutput('EMG007', 'the caller still holds a callback number: it is kept and its 60 minutes restart'),
    },
    accountNumberAsCallbackNumber: {
      type: 'final',
      output: emergencyOutput('EMG005', "the policy's emergency number list is empty: the resource account number is the callback number"),
    },
    accountNumberForLackOfPoolNumber: {
      type: 'final',
      output: emergencyOutput('EMG005', 'the callback pool offered neither a free nor a reusable number: the resource account number is the callback number'),
    },
    freeCallbackNumber: {
      type: 'final',
      output: emergencyOutput('EMG003', 'a free number from the pool is reserved as the callback number for 60 minutes'),
    },
    reusedCallbackNumber: {
      type: 'final',
      output: emergencyOutput('EMG004', "no free number: a reserved number is reused and its earlier holder loses the reservation"),
    },
  },
  // Each final state builds its own EmergencyCallOutput; xstate hands it up in the done event.
  output: ({ event }) => event.output as EmergencyCallOutput,
});
