/**
 * Emergency call: a user dials an emergency string (docs/rules.md §3, EMG001-EMG013).
 *
 * The runtime resolves at call start which emergency call routing policies apply (the user's and
 * the network site's), where the client is, and the callback pool as this caller finds it; the
 * machine decides, in named guards: which policy is in effect and whether the string is an
 * emergency number (EMG001: if not, the call goes on as an outbound call), whether the caller
 * calls through Shared Calling at all (EMG009 fails, EMG008 leaves it to the user's own routing),
 * how the call is routed and whether that route exists for the resource account's number type
 * (EMG006, EMG010), which location goes with it (EMG002), whether it is a test call (EMG013), and
 * which callback number it presents (EMG007, EMG003, EMG004, EMG005). The callback reservation
 * leaves as the `reserveCallbackNumber` effect at call start, since the 60 minutes run from the
 * call's start (EMG003). A call that got through without a callback number or a location ends as
 * the failure it is (EMG011, EMG012), never as a success.
 */
import { assign, setup } from 'xstate';
import type { E164, LisElement, NumberType } from '../tenant/index.js';
import { callerNotVoiceEnabled, callerRoutesOwnCalls, type PstnCallerFacts } from './caller.js';
import { runtimeEffect, type Change } from './effect.js';
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
  /** The user who dials: whether they call the PSTN through Shared Calling at all (EMG009, EMG008). */
  caller: PstnCallerFacts;
  /** The caller's effective Shared Calling policy names a resource account (else USR008: EMG009). */
  sharedCallingPolicyHasResourceAccount: boolean;
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
  /** Test calls (EMG013): dial strings that reach a test service, such as 933 in the US. */
  testCalls: {
    /** Recognised dial strings that are test calls [setting; default 933]. */
    dialStrings: string[];
    /** Treat them as real emergency calls (a callback number and a callback) instead [setting]. */
    treatAsEmergency: boolean;
  };
  location: {
    /** LocationId that LIS matched for the client on a trusted network, or null. */
    dynamicLocationId: string | null;
    /** LocationId of the resource account's number (its static location), or null. */
    staticLocationId: string | null;
    /**
     * Where the workload placed the client (`workload.clients`), with what the tenant's network
     * makes of it; absent when the scenario places no clients, and then `dynamicLocationId` is
     * the user's fixed attribute as before.
     */
    network?: ClientNetworkFacts;
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
    /** ObjectId of the user who holds *reuseCandidate* now: who loses it if it is reused (EMG004). */
    reuseCandidateHolderId: string | null;
  };
  /**
   * The resource account's number: the callback number when the pool is empty (EMG005), and its
   * number type decides which route an emergency call can take (EMG010); null when it was removed
   * or ported.
   */
  resourceAccountNumber: { telephoneNumber: E164; numberType: NumberType } | null;
  /** How long the emergency call lasts, ms (sampled by the workload). */
  durationMs: number;
}

/** A client's network as the emergency call finds it (NET020-NET028). */
export interface ClientNetworkFacts {
  /** The workload's name for the place, and what kind of place it is. */
  place: string;
  kind: 'office' | 'home' | 'vpn' | 'roaming';
  /** The public address is in a trusted IP range. */
  trusted: boolean;
  /** The network site whose subnet holds the client's subnet, or null. */
  siteId: string | null;
  /** LocationId that LIS holds for each of the client's network elements, or null. */
  lis: Record<LisElement, string | null>;
  /** AllowEnhancedEmergencyServices of the user's policy and of the site's (false when there is none). */
  enhancedEmergencyServices: { userPolicy: boolean; sitePolicy: boolean };
}

/** The rules of where-the-caller-is that decided a network-placed client's location. */
export type NetworkLocationRule = 'NET020' | 'NET021' | 'NET022' | 'NET023' | 'NET024' | 'NET025' | 'NET026';

export type LocationSource = 'dynamic' | 'static' | 'none';
/** EMG006: by the policy's PSTN usages (Direct Routing), else by Calling Plan / Operator Connect. */
export type EmergencyRoute = 'DirectRouting' | 'CallingPlanOrOperatorConnect';

export interface EmergencyLocationChoice {
  source: LocationSource;
  locationId: string | null;
  /** Network-placed clients only: the LIS element that matched (dynamic), absent otherwise. */
  element?: LisElement;
  /** Network-placed clients only: the rule that decided (NET022-NET025 matched; NET020, NET021, NET026 fell back). */
  rule?: NetworkLocationRule;
  /** Network-placed clients only: the network site the client was at (NET028), or null. */
  site?: string | null;
}

export interface EmergencyRouting {
  via: EmergencyRoute;
  /** Identity of the emergency call routing policy in effect. */
  policy: string;
  /** The network site's policy was used instead of the user's. */
  siteOverride: boolean;
  pstnUsage: string | null;
}

/** Where the callback number came from (EMG007, EMG003, EMG004, EMG005), or none (EMG011). */
export type CallbackNumberSource = 'heldByCaller' | 'nextFree' | 'reuse' | 'resourceAccount' | 'none';

export interface EmergencyDetails {
  dialledString: string;
  /** EMG001 no match: the call goes on as an ordinary outbound call. */
  treatedAsOutbound: boolean;
  /** The emergency dial string the call was recognised as (a mask is translated). */
  dialString: string | null;
  /** A test call (EMG013): located, but given no callback number and no callback. */
  testCall: boolean;
  /** EMG002; null when the call was not located (not an emergency call, or it failed before). */
  location: EmergencyLocationChoice | null;
  /** EMG006; null when the call was not routed. */
  routing: EmergencyRouting | null;
  /** The emergency callback number presented; null when none (not an emergency call, a test call, or EMG011). */
  callbackNumber: E164 | null;
  /** Where the callback number came from; null when the call never chose one. */
  callbackSource: CallbackNumberSource | null;
  /** EMG004: ObjectId of the user who lost the callback number to this call; null otherwise. */
  displacedUserId: string | null;
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

export interface EmergencyContext {
  facts: EmergencyCallInput;
  /** The policy in effect and whether the site's replaced the user's; set first. */
  policy: EmergencyRoutingPolicyFacts | null;
  siteOverride: boolean;
  /** Set once the dialled string is recognised. */
  emergencyNumber: EmergencyNumberFacts | null;
  location: EmergencyLocationChoice | null;
  routing: EmergencyRouting | null;
  callbackNumber: E164 | null;
  callbackSource: CallbackNumberSource | null;
}

function matchEmergencyNumber(
  policy: EmergencyRoutingPolicyFacts | null,
  dialled: string,
): EmergencyNumberFacts | undefined {
  return policy?.emergencyNumbers.find((n) => n.dialString === dialled || n.dialMasks.includes(dialled));
}

const LIS_RULE: Record<LisElement, NetworkLocationRule> = { accessPoint: 'NET022', port: 'NET023', switch: 'NET024', subnet: 'NET025' };

/** AllowEnhancedEmergencyServices of the policy in effect (the site's when it overrides, EMG006). */
function enhancedEmergencyServices(context: EmergencyContext, network: ClientNetworkFacts): boolean {
  return context.siteOverride ? network.enhancedEmergencyServices.sitePolicy : network.enhancedEmergencyServices.userPolicy;
}

/** Why a network-placed client got no dynamic location, in the order the `lookingUp` state asks. */
function noDynamicLocationBecause(context: EmergencyContext): NetworkLocationRule {
  const network = context.facts.location.network;
  if (network === undefined || !enhancedEmergencyServices(context, network)) return 'NET020';
  return network.trusted ? 'NET026' : 'NET021';
}

/** The context changes of the emergency machine, as plain functions every executor runs. */
export const emergencyChanges = {
  useSitePolicy: ((context) => ({ policy: context.facts.sitePolicy, siteOverride: true })) satisfies Change<EmergencyContext>,
  useUserPolicy: ((context) => ({ policy: context.facts.userPolicy, siteOverride: false })) satisfies Change<EmergencyContext>,
  recogniseEmergencyNumber: ((context) => ({
    emergencyNumber: matchEmergencyNumber(context.policy, context.facts.dialledString) ?? null,
  })) satisfies Change<EmergencyContext>,
  routeCall: ((context, params) => ({
    routing: {
      via: params.via,
      policy: context.policy?.identity ?? '',
      siteOverride: context.siteOverride,
      pstnUsage: context.emergencyNumber?.pstnUsage ?? null,
    },
  })) satisfies Change<EmergencyContext, { via: EmergencyRoute }>,
  locateCaller: ((context, params) => ({
    location: {
      source: params.source,
      locationId:
        params.source === 'dynamic'
          ? context.facts.location.dynamicLocationId
          : params.source === 'static'
            ? context.facts.location.staticLocationId
            : null,
    },
  })) satisfies Change<EmergencyContext, { source: LocationSource }>,
  locateByLis: ((context, params) => ({
    location: {
      source: 'dynamic',
      locationId: context.facts.location.network?.lis[params.element] ?? null,
      element: params.element,
      rule: LIS_RULE[params.element],
      site: context.facts.location.network?.siteId ?? null,
    },
  })) satisfies Change<EmergencyContext, { element: LisElement }>,
  fallBack: ((context, params) => ({
    location: {
      source: params.source,
      locationId: params.source === 'static' ? context.facts.location.staticLocationId : null,
      rule: noDynamicLocationBecause(context),
      site: context.facts.location.network?.siteId ?? null,
    },
  })) satisfies Change<EmergencyContext, { source: 'static' | 'none' }>,
  presentCallbackNumber: ((context, params) => {
    const pool = context.facts.callbackPool;
    const number =
      params.from === 'heldByCaller'
        ? pool.numberHeldByCaller
        : params.from === 'nextFree'
          ? pool.nextFreeNumber
          : params.from === 'reuse'
            ? pool.reuseCandidate
            : params.from === 'resourceAccount'
              ? (context.facts.resourceAccountNumber?.telephoneNumber ?? null)
              : null;
    return { callbackNumber: number, callbackSource: params.from };
  }) satisfies Change<EmergencyContext, { from: CallbackNumberSource }>,
};

function reservation(mode: ReservationMode) {
  return ({ context }: { context: EmergencyContext }): ReserveCallbackNumberParams => {
    const pool = context.facts.callbackPool;
    const number =
      mode === 'renew' ? pool.numberHeldByCaller : mode === 'new' ? pool.nextFreeNumber : pool.reuseCandidate;
    // The guard that chose this mode checked that the number is present.
    return { number: number ?? '', userId: context.facts.caller.userId, mode };
  };
}

/** How the call went out, so EMG002 and EMG006 show in the reason too. */
function describeCall(context: EmergencyContext): string {
  const parts: string[] = [];
  if (context.callbackNumber !== null) parts.push(`callback number ${context.callbackNumber}`);
  if (context.location !== null) {
    const where = context.location.locationId === null ? '' : ` ${context.location.locationId}`;
    const rule = context.location.rule;
    const how =
      rule === undefined ? '' : context.location.element !== undefined ? ` by ${rule} ${context.location.element}` : ` after ${rule}${context.location.source === 'static' ? ', NET027 fallback' : ''}`;
    parts.push(`EMG002 location ${context.location.source}${where}${how}`);
  }
  if (context.routing !== null) {
    const site = context.routing.siteOverride ? ', network site policy' : '';
    parts.push(`EMG006 routed by ${context.routing.via} under ${context.routing.policy}${site}`);
  }
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

function emergencyOutput(outcome: EmergencyOutcome, because: string) {
  return ({ context }: { context: EmergencyContext }): EmergencyCallOutput => {
    const displacedUserId = context.callbackSource === 'reuse' ? context.facts.callbackPool.reuseCandidateHolderId : null;
    // EMG004 names the user who lost the number, where its reason says "earlier holder".
    const text = displacedUserId === null ? because : because.replace('earlier holder', `earlier holder (${displacedUserId})`);
    return callOutput('emergency', outcome, `${text}${describeCall(context)}.`, {
      dialledString: context.facts.dialledString,
      treatedAsOutbound: outcome === 'EMG001',
      dialString: context.emergencyNumber?.dialString ?? null,
      testCall: outcome === 'EMG013',
      location: context.location,
      routing: context.routing,
      callbackNumber: context.callbackNumber,
      callbackSource: context.callbackSource,
      displacedUserId,
    });
  };
}

function isTestDialString(context: EmergencyContext): boolean {
  const dialString = context.emergencyNumber?.dialString;
  return dialString !== undefined && context.facts.testCalls.dialStrings.includes(dialString);
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
      context.facts.sitePolicy !== null &&
      !context.facts.tenantMixesSharedCallingWithDirectRouting &&
      // NET028: a placed client gets its site's policy only on the trusted network.
      context.facts.location.network?.trusted !== false,
    dialsEmergencyNumber: ({ context }) =>
      matchEmergencyNumber(context.policy, context.facts.dialledString) !== undefined,
    callerNotVoiceEnabled: ({ context }) => callerNotVoiceEnabled(context.facts.caller),
    callerRoutesOwnCalls: ({ context }) => callerRoutesOwnCalls(context.facts.caller),
    policyHasNoResourceAccount: ({ context }) => !context.facts.sharedCallingPolicyHasResourceAccount,
    routedByPstnUsage: ({ context }) => (context.emergencyNumber?.pstnUsage ?? null) !== null,
    routeDoesNotFitNumberType: ({ context }) => {
      // Direct Routing needs PSTN usages on the emergency number; Calling Plan and Operator
      // Connect need none (USR006). A resource account without a number has no type to check.
      const numberType = context.facts.resourceAccountNumber?.numberType;
      const via = context.routing?.via;
      if (numberType === undefined || via === undefined) return false;
      return (via === 'DirectRouting') !== (numberType === 'DirectRouting');
    },
    // A client the workload placed on a network is located by lookingUpLocation instead.
    hasDynamicLocation: ({ context }) => context.facts.location.network === undefined && context.facts.location.dynamicLocationId !== null,
    clientPlacedOnNetwork: ({ context }) => context.facts.location.network !== undefined,
    enhancedEmergencyServicesOff: ({ context }) => {
      const network = context.facts.location.network;
      return network !== undefined && !enhancedEmergencyServices(context, network);
    },
    offTrustedNetwork: ({ context }) => context.facts.location.network?.trusted === false,
    lisMatches: ({ context }, params: { element: LisElement }) => (context.facts.location.network?.lis[params.element] ?? null) !== null,
    hasStaticLocation: ({ context }) => context.facts.location.network === undefined && context.facts.location.staticLocationId !== null,
    resourceAccountNumberHasLocation: ({ context }) => context.facts.location.staticLocationId !== null,
    isTestCall: ({ context }) => isTestDialString(context) && !context.facts.testCalls.treatAsEmergency,
    callerHoldsCallbackNumber: ({ context }) => context.facts.callbackPool.numberHeldByCaller !== null,
    poolHasFreeNumber: ({ context }) => context.facts.callbackPool.nextFreeNumber !== null,
    poolHasReuseCandidate: ({ context }) => context.facts.callbackPool.reuseCandidate !== null,
    resourceAccountHasNumber: ({ context }) => context.facts.resourceAccountNumber !== null,
    noCallbackNumber: ({ context }) => context.callbackNumber === null,
    noLocation: ({ context }) => context.location === null || context.location.source === 'none',
    callbackNumberFrom: ({ context }, params: { source: CallbackNumberSource }) => context.callbackSource === params.source,
  },
  actions: {
    useSitePolicy: assign(({ context }) => emergencyChanges.useSitePolicy(context)),
    useUserPolicy: assign(({ context }) => emergencyChanges.useUserPolicy(context)),
    recogniseEmergencyNumber: assign(({ context }) => emergencyChanges.recogniseEmergencyNumber(context)),
    routeCall: assign(({ context }, params: Parameters<typeof emergencyChanges.routeCall>[1]) => emergencyChanges.routeCall(context, params)),
    locateCaller: assign(({ context }, params: Parameters<typeof emergencyChanges.locateCaller>[1]) => emergencyChanges.locateCaller(context, params)),
    locateByLis: assign(({ context }, params: Parameters<typeof emergencyChanges.locateByLis>[1]) => emergencyChanges.locateByLis(context, params)),
    fallBack: assign(({ context }, params: Parameters<typeof emergencyChanges.fallBack>[1]) => emergencyChanges.fallBack(context, params)),
    presentCallbackNumber: assign(({ context }, params: Parameters<typeof emergencyChanges.presentCallbackNumber>[1]) => emergencyChanges.presentCallbackNumber(context, params)),
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
    callbackSource: null,
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
        { guard: 'dialsEmergencyNumber', target: 'checkingCaller', actions: 'recogniseEmergencyNumber' },
        { target: 'notAnEmergencyNumber' },
      ],
    },
    checkingCaller: {
      always: [
        { guard: 'callerNotVoiceEnabled', target: 'callerCannotCallPstn' },
        { guard: 'callerRoutesOwnCalls', target: 'routedByOwnRouting' },
        { guard: 'policyHasNoResourceAccount', target: 'noSharedCallingResourceAccount' },
        { target: 'routing' },
      ],
    },
    routing: {
      always: [
        { guard: 'routedByPstnUsage', target: 'checkingRoute', actions: { type: 'routeCall', params: { via: 'DirectRouting' } } },
        { target: 'checkingRoute', actions: { type: 'routeCall', params: { via: 'CallingPlanOrOperatorConnect' } } },
      ],
    },
    checkingRoute: {
      always: [{ guard: 'routeDoesNotFitNumberType', target: 'noRoute' }, { target: 'locating' }],
    },
    locating: {
      always: [
        { guard: 'hasDynamicLocation', target: 'classifying', actions: { type: 'locateCaller', params: { source: 'dynamic' } } },
        { guard: 'hasStaticLocation', target: 'classifying', actions: { type: 'locateCaller', params: { source: 'static' } } },
        { guard: 'clientPlacedOnNetwork', target: 'lookingUpLocation' },
        { target: 'classifying', actions: { type: 'locateCaller', params: { source: 'none' } } },
      ],
    },
    // A client placed on a network (NET020-NET026): LIS precedence access point, port, switch, subnet.
    lookingUpLocation: {
      always: [
        { guard: 'enhancedEmergencyServicesOff', target: 'fallingBack' },
        { guard: 'offTrustedNetwork', target: 'fallingBack' },
        { guard: { type: 'lisMatches', params: { element: 'accessPoint' } }, target: 'classifying', actions: { type: 'locateByLis', params: { element: 'accessPoint' } } },
        { guard: { type: 'lisMatches', params: { element: 'port' } }, target: 'classifying', actions: { type: 'locateByLis', params: { element: 'port' } } },
        { guard: { type: 'lisMatches', params: { element: 'switch' } }, target: 'classifying', actions: { type: 'locateByLis', params: { element: 'switch' } } },
        { guard: { type: 'lisMatches', params: { element: 'subnet' } }, target: 'classifying', actions: { type: 'locateByLis', params: { element: 'subnet' } } },
        { target: 'fallingBack' },
      ],
    },
    // NET027: the Shared Calling fallback, the resource account number's static location; else none (EMG012).
    fallingBack: {
      always: [
        { guard: 'resourceAccountNumberHasLocation', target: 'classifying', actions: { type: 'fallBack', params: { source: 'static' } } },
        { target: 'classifying', actions: { type: 'fallBack', params: { source: 'none' } } },
      ],
    },
    classifying: {
      always: [{ guard: 'isTestCall', target: 'onTestCall' }, { target: 'choosingCallbackNumber' }],
    },
    choosingCallbackNumber: {
      always: [
        {
          guard: 'callerHoldsCallbackNumber',
          target: 'onCall',
          actions: [
            { type: 'presentCallbackNumber', params: { from: 'heldByCaller' } },
            { type: 'reserveCallbackNumber', params: reservation('renew') },
          ],
        },
        {
          guard: 'poolHasFreeNumber',
          target: 'onCall',
          actions: [
            { type: 'presentCallbackNumber', params: { from: 'nextFree' } },
            { type: 'reserveCallbackNumber', params: reservation('new') },
          ],
        },
        {
          guard: 'poolHasReuseCandidate',
          target: 'onCall',
          actions: [
            { type: 'presentCallbackNumber', params: { from: 'reuse' } },
            { type: 'reserveCallbackNumber', params: reservation('displace') },
          ],
        },
        // An empty list (or one that offers nothing): the resource account's number, if it has one.
        {
          guard: 'resourceAccountHasNumber',
          target: 'onCall',
          actions: { type: 'presentCallbackNumber', params: { from: 'resourceAccount' } },
        },
        { target: 'onCall', actions: { type: 'presentCallbackNumber', params: { from: 'none' } } },
      ],
    },
    onCall: { after: { callDuration: 'hangingUp' } },
    onTestCall: { after: { callDuration: 'testCallCompleted' } },
    hangingUp: {
      always: [
        { guard: 'noCallbackNumber', target: 'noCallbackNumber' },
        { guard: 'noLocation', target: 'noLocation' },
        { guard: { type: 'callbackNumberFrom', params: { source: 'heldByCaller' } }, target: 'keptCallbackNumber' },
        { guard: { type: 'callbackNumberFrom', params: { source: 'resourceAccount' } }, target: 'accountNumberAsCallbackNumber' },
        { guard: { type: 'callbackNumberFrom', params: { source: 'nextFree' } }, target: 'freeCallbackNumber' },
        { target: 'reusedCallbackNumber' },
      ],
    },
    notAnEmergencyNumber: {
      type: 'final',
      output: emergencyOutput('EMG001', 'the dialled string matches no emergency dial string or mask of the emergency call routing policy in effect: it is an ordinary outbound call'),
    },
    callerCannotCallPstn: {
      type: 'final',
      output: emergencyOutput('EMG009', 'the caller cannot call the PSTN: no Teams Phone licence or not Enterprise Voice enabled (USR001/USR002); the emergency call fails'),
    },
    noSharedCallingResourceAccount: {
      type: 'final',
      output: emergencyOutput('EMG009', "the caller cannot call the PSTN: the effective Shared Calling policy has no resource account (USR008); the emergency call fails"),
    },
    routedByOwnRouting: {
      type: 'final',
      output: emergencyOutput('EMG008', "not a Shared Calling emergency call: the caller's own number (USR003) or voice routing policy with PSTN usages (USR004) carries it; it takes no callback number from the pool"),
    },
    noRoute: {
      type: 'final',
      output: emergencyOutput('EMG010', "no route: the emergency number's PSTN usages do not fit the resource account's number type (USR006: usages with Calling Plan or Operator Connect, none with Direct Routing); the emergency call fails"),
    },
    noCallbackNumber: {
      type: 'final',
      output: emergencyOutput('EMG011', "no callback number can be presented: the policy's list gave none and the resource account has no number (removed or ported); the emergency service cannot call back"),
    },
    noLocation: {
      type: 'final',
      output: emergencyOutput('EMG012', 'no location: no dynamic location and no static location on the resource account number; the emergency service is not told where the caller is'),
    },
    testCallCompleted: {
      type: 'final',
      output: emergencyOutput('EMG013', 'a test call: recognised and located, it takes no callback number and gets no callback'),
    },
    keptCallbackNumber: {
      type: 'final',
      output: emergencyOutput('EMG007', 'the caller still holds a callback number: it is kept and its 60 minutes restart'),
    },
    accountNumberAsCallbackNumber: {
      type: 'final',
      output: emergencyOutput('EMG005', "the policy's emergency number list is empty (or offered no number): the resource account number is the callback number"),
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
