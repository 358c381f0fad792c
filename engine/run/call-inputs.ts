/**
 * Machine inputs from the tenant and the shared runtime at the moment a call starts: the facts
 * each call machine decides on. Sampling stays with the caller of these functions, so every
 * random draw is made from its named stream in one place (replication.ts).
 */
import type {
  CallbackWithoutReservation,
  CallerInput,
  EmergencyCallInput,
  EmergencyRoutingPolicyFacts,
  InboundAttendant,
  InboundFlowAction,
  InboundMenu,
  OutboundCallInput,
} from '../machines/index.js';
import { ratePerMinute, type CallbackPools, type CallFlowKind, type CreditsLedger, type UserFacts } from '../runtime/index.js';
import {
  type AutoAttendant,
  type CallFlow,
  type CountryCode,
  type EmergencyCallRoutingPolicy,
  findEmergencyCallRoutingPolicy,
  type Tenant,
} from '../tenant/index.js';

/**
 * How long recorded prompts play [choice]: the scenario gives no audio, so a greeting is taken to
 * last 5 s, a menu prompt 8 s and an announcement 6 s. They only shift when calls end.
 */
export const PROMPT_MS = { greeting: 5_000, menu: 8_000, announcement: 6_000 } as const;

export interface OutboundSample {
  destinationCountry: CountryCode;
  answers: boolean;
  ringMs: number;
  talkMs: number;
}

export function outboundInput(
  facts: UserFacts,
  ledger: CreditsLedger,
  channels: { cap: number | null; inUse: number },
  sample: OutboundSample,
): OutboundCallInput {
  const ra = facts.resourceAccount;
  const number = facts.resourceAccountNumber;
  const policy = facts.sharedCallingPolicy;
  return {
    caller: {
      userId: facts.user.objectId,
      teamsPhoneLicensed: facts.hasTeamsPhoneLicence,
      enterpriseVoiceEnabled: facts.enterpriseVoiceEnabled,
      hasOwnNumber: facts.ownNumber !== undefined,
      voiceRoutingPstnUsageCount: facts.voiceRoutingUsageCount,
    },
    sharedCallingPolicy: {
      identity: policy?.identity ?? 'Global',
      resourceAccountId: ra === undefined ? null : ra.objectId,
    },
    resourceAccount: {
      number:
        number === undefined
          ? null
          : {
              telephoneNumber: number.telephoneNumber,
              numberType: number.numberType,
              callingPlanUsage: number.callingPlanUsage,
            },
      payAsYouGoLicensed: ra?.licences.includes('PayAsYouGoCallingPlan') ?? false,
      communicationsCreditsLicensed: ra?.licences.includes('CommunicationsCredits') ?? false,
    },
    credits: { postpaidOverage: ledger.credits.postpaidOverage, balance: ledger.balance },
    channels,
    destination: {
      // The far end's own number does not matter to any rule; its country sets the rate.
      telephoneNumber: '+10000000000',
      country: sample.destinationCountry,
      ratePerMinute: ratePerMinute(ledger.credits, sample.destinationCountry),
    },
    farEnd: { answers: sample.answers, ringMs: sample.ringMs, talkMs: sample.talkMs },
  };
}

function emergencyPolicyFacts(policy: EmergencyCallRoutingPolicy | undefined): EmergencyRoutingPolicyFacts | null {
  if (policy === undefined) return null;
  return {
    identity: policy.identity,
    emergencyNumbers: policy.emergencyNumbers.map((n) => ({
      dialString: n.emergencyDialString,
      dialMasks: [...n.emergencyDialMask],
      pstnUsage: n.onlinePstnUsage,
    })),
  };
}

export function emergencyInput(
  tenant: Tenant,
  facts: UserFacts,
  pools: CallbackPools,
  now: number,
  dialledString: string,
  durationMs: number,
  tenantMixesSharedCallingWithDirectRouting: boolean,
): EmergencyCallInput {
  const user = facts.user;
  const siteId = user.clientLocation.networkSiteId;
  const site = siteId === null ? undefined : tenant.networkSites.find((s) => s.id === siteId);
  const sitePolicyName = site?.emergencyCallRoutingPolicy ?? null;
  const sitePolicy = sitePolicyName === null ? undefined : findEmergencyCallRoutingPolicy(tenant, sitePolicyName);
  const pool = facts.sharedCallingPolicy === undefined ? undefined : pools.pool(facts.sharedCallingPolicy.identity);
  const inspection = pool?.inspect(now, user.objectId);
  return {
    userId: user.objectId,
    dialledString,
    userPolicy: emergencyPolicyFacts(facts.emergencyCallRoutingPolicy),
    sitePolicy: emergencyPolicyFacts(sitePolicy),
    tenantMixesSharedCallingWithDirectRouting,
    location: {
      dynamicLocationId: user.clientLocation.dynamicLocationId,
      staticLocationId: facts.resourceAccountNumber?.locationId ?? null,
    },
    callbackPool: {
      size: inspection?.size ?? 0,
      numberHeldByCaller: inspection?.heldByCaller ?? null,
      nextFreeNumber: inspection?.nextFree ?? null,
      reuseCandidate: inspection?.reuseCandidate ?? null,
    },
    resourceAccountNumber: facts.resourceAccountNumber?.telephoneNumber ?? null,
    durationMs,
  };
}

function menuOf(flow: CallFlow): InboundMenu | null {
  if (flow.action.kind !== 'menu') return null;
  const menu = flow.action.menu;
  return {
    promptMs: PROMPT_MS.menu,
    directorySearch: menu.directorySearch,
    options: menu.options.map((o) => ({
      key: o.key,
      action: o.action,
      target: o.target,
      announcementMs: o.action === 'Announcement' ? PROMPT_MS.announcement : 0,
    })),
  };
}

function flowAction(flow: CallFlow): InboundFlowAction {
  switch (flow.action.kind) {
    case 'disconnect':
      return { kind: 'disconnect' };
    case 'redirect':
      return { kind: 'redirect', target: flow.action.target };
    case 'menu':
      return { kind: 'menu', menu: menuOf(flow) as InboundMenu };
  }
}

export function inboundAttendant(
  aa: AutoAttendant,
  flowInEffect: CallFlowKind,
  flow: CallFlow,
  settings: { maxMenuAttempts: number; inputTimeout: number },
): InboundAttendant {
  return {
    id: aa.id,
    flowInEffect,
    callFlow: {
      name: flow.name,
      greetingMs: flow.greeting === '' ? 0 : PROMPT_MS.greeting,
      action: flowAction(flow),
    },
    operator: aa.operator,
    maxMenuAttempts: settings.maxMenuAttempts,
    inputTimeoutMs: settings.inputTimeout,
  };
}

/** The menu keys of a call flow, for choosing a key the menu does not map (invalid input). */
export function mappedKeys(flow: CallFlow): Set<string> {
  return new Set(flow.action.kind === 'menu' ? flow.action.menu.options.map((o) => o.key) : []);
}

export type { CallerInput, CallbackWithoutReservation };
