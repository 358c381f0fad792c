/**
 * Example inputs for the call machines: one ordinary call of each kind, which a caller changes to
 * reach the branch it is about, and a list per kind that together reach every outcome. They
 * document what each machine is given, and serve the machine tests and the benchmarks alike.
 */
import type { QueueCallInput } from './call-queue.js';
import type { CallbackCallInput } from './callback.js';
import type { PstnCallerFacts } from './caller.js';
import type { ClientNetworkFacts, EmergencyCallInput } from './emergency.js';
import type { LisElement } from '../tenant/index.js';
import type { CallerInput, InboundCallInput, InboundMenu } from './inbound.js';
import type { CallInputs, CallKind } from './index.js';
import type { OutboundCallInput } from './outbound.js';

/** Ada, a licensed, Enterprise Voice enabled user with no number of her own: a Shared Calling caller. */
function ada(): PstnCallerFacts {
  return { userId: 'u-ada', teamsPhoneLicensed: true, enterpriseVoiceEnabled: true, hasOwnNumber: false, voiceRoutingPstnUsageCount: 0 };
}

/** A Shared Calling user on a Calling Plan service number funded by prepaid credits. */
export function outboundCall(change: (input: OutboundCallInput) => void = () => {}): OutboundCallInput {
  const input: OutboundCallInput = {
    caller: ada(),
    sharedCallingPolicy: { identity: 'Seattle', resourceAccountId: 'ra-main' },
    resourceAccount: {
      number: { telephoneNumber: '+14255550100', numberType: 'CallingPlan', callingPlanUsage: 'Service' },
      payAsYouGoLicensed: true,
      communicationsCreditsLicensed: true,
    },
    credits: { postpaidOverage: false, balance: 10 },
    channels: { cap: null, inUse: 0 },
    destination: { telephoneNumber: '+442071234567', country: 'GB', ratePerMinute: 0.05 },
    farEnd: { answers: true, ringMs: 8_000, talkMs: 150_000 },
  };
  change(input);
  return input;
}

/** A Calling Plan Shared Calling user dialling 911 with a free number in a pool of two. */
/** A client on the trusted network at site HQ whose elements LIS maps as *lis* says. */
export function placedClient(lis: Partial<Record<LisElement, string>>): ClientNetworkFacts {
  return {
    place: 'office',
    kind: 'office',
    trusted: true,
    siteId: 'HQ',
    lis: { accessPoint: lis.accessPoint ?? null, port: lis.port ?? null, switch: lis.switch ?? null, subnet: lis.subnet ?? null },
    enhancedEmergencyServices: { userPolicy: true, sitePolicy: false },
  };
}

export function emergencyCall(change: (input: EmergencyCallInput) => void = () => {}): EmergencyCallInput {
  const input: EmergencyCallInput = {
    caller: ada(),
    sharedCallingPolicyHasResourceAccount: true,
    dialledString: '911',
    userPolicy: {
      identity: 'US-Emergency',
      emergencyNumbers: [{ dialString: '911', dialMasks: ['112'], pstnUsage: null }],
    },
    sitePolicy: null,
    tenantMixesSharedCallingWithDirectRouting: false,
    testCalls: { dialStrings: ['933'], treatAsEmergency: false },
    location: { dynamicLocationId: null, staticLocationId: 'loc-hq' },
    callbackPool: { size: 2, numberHeldByCaller: null, nextFreeNumber: '+14255550201', reuseCandidate: '+14255550201', reuseCandidateHolderId: null },
    resourceAccountNumber: { telephoneNumber: '+14255550100', numberType: 'CallingPlan' },
    durationMs: 240_000,
  };
  change(input);
  return input;
}

export function callbackCall(change: Partial<CallbackCallInput> = {}): CallbackCallInput {
  return {
    dialledNumber: '+14255550201',
    emergencyCallerId: 'u-ada',
    isResourceAccountNumber: false,
    reservationHolderId: 'u-ada',
    callbackWithoutReservation: 'auto-attendant',
    answered: true,
    ...change,
  };
}

export const menu: InboundMenu = {
  promptMs: 6_000,
  directorySearch: 'None',
  options: [
    { key: '0', action: 'TransferCallToOperator', target: null, announcementMs: 0 },
    { key: '1', action: 'TransferCallToTarget', target: { type: 'User', id: 'u-sales' }, announcementMs: 0 },
    { key: '2', action: 'TransferCallToTarget', target: { type: 'SharedVoicemail', id: 'g-support' }, announcementMs: 0 },
    { key: '3', action: 'Announcement', target: null, announcementMs: 12_000 },
    { key: '9', action: 'DisconnectCall', target: null, announcementMs: 0 },
  ],
};

/** A business-hours call to an attendant with a menu and an operator. */
export function inboundCall(inputs: CallerInput[], change: (input: InboundCallInput) => void = () => {}): InboundCallInput {
  const input: InboundCallInput = {
    number: { inService: true, tollFree: false },
    tollFreeFunded: true,
    resourceAccountId: 'ra-main',
    channels: { cap: null, inUse: 0 },
    attendant: {
      id: 'aa-main',
      flowInEffect: 'businessHours',
      callFlow: { name: 'Default', greetingMs: 4_000, action: { kind: 'menu', menu: structuredClone(menu) } },
      operator: { type: 'User', id: 'u-reception' },
      maxMenuAttempts: 3,
      inputTimeoutMs: 5_000,
    },
    callerInputs: inputs,
    transfer: { userAnswers: true, ringMs: 8_000, talkMs: 180_000, usersWithVoicemail: ['u-sales'], voicemailMs: 30_000 },
  };
  change(input);
  return input;
}

export const press = (key: string): CallerInput => ({ kind: 'key', key, afterMs: 1_500 });

export function withMenu(change: (m: InboundMenu) => void) {
  return (input: InboundCallInput) => {
    const action = input.attendant?.callFlow.action;
    if (action?.kind === 'menu') change(action.menu);
  };
}

const noInput: CallerInput = { kind: 'noInput' };

/** A call the Seattle attendant sent to a sales queue of agents, one of whom is free and answers after 4 s. */
export function queueCall(change: (input: QueueCallInput) => void = () => {}): QueueCallInput {
  const input: QueueCallInput = {
    arrival: 'queue',
    queue: {
      id: 'cq-sales',
      name: 'Sales',
      alertMs: 30_000,
      timeoutMs: 1_200_000,
      maxCallers: 50,
      overflow: { kind: 'busy', target: null },
      timeout: { kind: 'voicemail', target: { type: 'User', id: 'u-sales' } },
      noAgents: null,
    },
    resourceAccountId: 'ra-seattle',
    tollFree: false,
    waitingAhead: 0,
    agentsOptedIn: 4,
    freeAgent: { agentId: 'u-ana', answers: true, answerMs: 4_000 },
    patienceMs: 180_000,
    talkMs: 240_000,
  };
  change(input);
  return input;
}

/** Inputs of each kind that, together, end in every outcome the kind has (and every final state). */
export const SAMPLES: { [K in CallKind]: CallInputs[K][] } = {
  outbound: [
    outboundCall(),
    outboundCall((c) => { c.farEnd.answers = false; }),
    outboundCall((c) => { c.channels = { cap: 3, inUse: 0 }; c.credits.postpaidOverage = true; }),
    outboundCall((c) => { c.caller.teamsPhoneLicensed = false; }),
    outboundCall((c) => { c.caller.hasOwnNumber = true; }),
    outboundCall((c) => { c.sharedCallingPolicy.resourceAccountId = null; }),
    outboundCall((c) => { c.resourceAccount.number = null; }),
    outboundCall((c) => { c.resourceAccount.payAsYouGoLicensed = false; }),
    outboundCall((c) => { c.credits.balance = -0.5; }),
    outboundCall((c) => { c.channels = { cap: 1, inUse: 1 }; }),
  ],
  inbound: [
    inboundCall([], (c) => { c.attendant = null; }),
    inboundCall([press('3'), press('*'), press('1')]),
    inboundCall([press('1')], (c) => { c.transfer.userAnswers = false; }),
    inboundCall([press('1')], (c) => { c.transfer.userAnswers = false; c.transfer.usersWithVoicemail = []; }),
    inboundCall([press('1')], (c) => { c.number.inService = false; }),
    inboundCall([press('1')], (c) => { c.number.tollFree = true; c.tollFreeFunded = false; }),
    inboundCall([press('1')], (c) => { c.number.tollFree = true; }),
    inboundCall([press('1')], (c) => { c.channels = { cap: 2, inUse: 2 }; }),
    inboundCall([press('0')]),
    inboundCall([press('2')]),
    inboundCall([press('9')]),
    inboundCall([noInput, press('7')]),
    inboundCall([], (c) => { if (c.attendant) c.attendant.operator = null; }),
    inboundCall([], (c) => { if (c.attendant) c.attendant.callFlow.action = { kind: 'disconnect' }; }),
    inboundCall([], (c) => { if (c.attendant) c.attendant.callFlow.action = { kind: 'redirect', target: { type: 'ExternalPstn', id: '+14255550999' } }; }),
    inboundCall([{ kind: 'dialByName', afterMs: 4_000, directory: { matchesAfterDialScope: 6, target: null } }], withMenu((m) => { m.directorySearch = 'ByName'; })),
    inboundCall([{ kind: 'dialByName', afterMs: 4_000, directory: { matchesAfterDialScope: 0, target: null } }], withMenu((m) => { m.directorySearch = 'ByName'; })),
    inboundCall([{ kind: 'dialByExtension', afterMs: 3_000, directory: { found: false, inScope: false, target: null } }], withMenu((m) => { m.directorySearch = 'ByExtension'; })),
    inboundCall([press('4')], withMenu((m) => { m.options.push({ key: '4', action: 'TransferCallToTarget', target: { type: 'ApplicationEndpoint', id: 'cq-sales@contoso.com' }, announcementMs: 0 }); })),
    inboundCall([], (c) => { if (c.attendant) c.attendant.callFlow.action = { kind: 'redirect', target: { type: 'ApplicationEndpoint', id: 'aa-support@contoso.com' } }; }),
  ],
  emergency: [
    emergencyCall(),
    emergencyCall((c) => { c.dialledString = '999'; }),
    emergencyCall((c) => { c.callbackPool.numberHeldByCaller = '+14255550202'; }),
    emergencyCall((c) => { c.callbackPool = { size: 0, numberHeldByCaller: null, nextFreeNumber: null, reuseCandidate: null, reuseCandidateHolderId: null }; }),
    emergencyCall((c) => { c.callbackPool.nextFreeNumber = null; }),
    emergencyCall((c) => { c.callbackPool = { size: 2, numberHeldByCaller: null, nextFreeNumber: null, reuseCandidate: null, reuseCandidateHolderId: null }; }),
    emergencyCall((c) => { c.caller.enterpriseVoiceEnabled = false; }),
    emergencyCall((c) => { c.sharedCallingPolicyHasResourceAccount = false; }),
    emergencyCall((c) => { c.caller.voiceRoutingPstnUsageCount = 1; }),
    emergencyCall((c) => { c.userPolicy?.emergencyNumbers.forEach((n) => { n.pstnUsage = 'US-Emergency'; }); }),
    emergencyCall((c) => {
      c.callbackPool = { size: 0, numberHeldByCaller: null, nextFreeNumber: null, reuseCandidate: null, reuseCandidateHolderId: null };
      c.resourceAccountNumber = null;
      c.location.staticLocationId = null;
    }),
    emergencyCall((c) => { c.location.staticLocationId = null; }),
    emergencyCall((c) => {
      c.dialledString = '933';
      c.userPolicy?.emergencyNumbers.push({ dialString: '933', dialMasks: [], pstnUsage: null });
    }),
    // A client placed on a network (NET020-NET027): each LIS element, and each way to fall back.
    emergencyCall((c) => { c.location.network = placedClient({ accessPoint: 'loc-3f', port: 'loc-desk', subnet: 'loc-hq' }); }),
    emergencyCall((c) => { c.location.network = placedClient({ port: 'loc-desk', switch: 'loc-2f' }); }),
    emergencyCall((c) => { c.location.network = placedClient({ switch: 'loc-2f', subnet: 'loc-hq' }); }),
    emergencyCall((c) => { c.location.network = placedClient({ subnet: 'loc-hq' }); }),
    emergencyCall((c) => { c.location.network = placedClient({}); }),
    emergencyCall((c) => { c.location.network = { ...placedClient({ subnet: 'loc-hq' }), trusted: false, siteId: null }; }),
    emergencyCall((c) => { c.location.network = { ...placedClient({ subnet: 'loc-hq' }), enhancedEmergencyServices: { userPolicy: false, sitePolicy: false } }; }),
    emergencyCall((c) => {
      c.location.network = placedClient({});
      c.location.staticLocationId = null;
    }),
  ],
  callback: [
    callbackCall(),
    callbackCall({ reservationHolderId: 'u-bob' }),
    callbackCall({ reservationHolderId: null }),
    callbackCall({ reservationHolderId: null, callbackWithoutReservation: 'not-in-service' }),
    callbackCall({ isResourceAccountNumber: true, reservationHolderId: null }),
    callbackCall({ answered: false }),
  ],
  queue: [
    queueCall(),
    queueCall((c) => { c.tollFree = true; }),
    // The free agent does not answer: skipped, the caller waits, and the queue times out.
    queueCall((c) => { c.freeAgent = { agentId: 'u-ana', answers: false, answerMs: 0 }; c.patienceMs = null; c.queue.timeoutMs = 60_000; }),
    queueCall((c) => { c.freeAgent = null; c.waitingAhead = 3; }),
    queueCall((c) => { c.freeAgent = null; c.waitingAhead = 50; }),
    queueCall((c) => { c.freeAgent = null; c.agentsOptedIn = 0; c.queue.noAgents = { kind: 'forward', target: { type: 'ApplicationEndpoint', id: 'aa-support@contoso.com' } }; }),
    queueCall((c) => { c.arrival = 'loop'; }),
    queueCall((c) => { c.arrival = 'nowhere'; }),
  ],
};
