/**
 * The call machines, one per kind of call, and what other parts may import from them: their
 * inputs (facts resolved at call start), outputs (one docs/rules.md §3 outcome each) and the
 * parameters of the effects they name for the runtime.
 */
export { callbackMachine } from './callback.js';
export { callerNotVoiceEnabled, callerRoutesOwnCalls } from './caller.js';
export type { PstnCallerFacts } from './caller.js';
export type { Change } from './effect.js';
export type {
  CallbackCallInput,
  CallbackCallOutput,
  CallbackDestination,
  CallbackDetails,
  CallbackWithoutReservation,
} from './callback.js';
export { emergencyChanges, emergencyMachine } from './emergency.js';
export type {
  CallbackNumberSource,
  EmergencyCallInput,
  EmergencyCallOutput,
  EmergencyDetails,
  EmergencyLocationChoice,
  ClientNetworkFacts,
  NetworkLocationRule,
  EmergencyNumberFacts,
  EmergencyRoute,
  EmergencyRouting,
  EmergencyRoutingPolicyFacts,
  LocationSource,
  ReservationMode,
  ReserveCallbackNumberParams,
} from './emergency.js';
export { CALL_FLOW_OUTCOME, inboundChanges, inboundMachine } from './inbound.js';
export { callQueueChanges, callQueueMachine } from './call-queue.js';
export type {
  QueueAction,
  QueueAgentParams,
  QueueCallInput,
  QueueCallOutput,
  QueueChannelParams,
  QueueDetails,
  QueueEnding,
  QueueEvent,
} from './call-queue.js';
export type {
  CallerInput,
  InboundChannelParams,
  InboundEnding,
  CallFlowInEffect,
  CallFlowOutcome,
  InboundAttendant,
  InboundCallInput,
  InboundCallOutput,
  InboundDetails,
  InboundFlowAction,
  InboundMenu,
  InboundMenuOption,
} from './inbound.js';
export { NOT_SET_UP_PROMPT, outboundChanges, outboundMachine } from './outbound.js';
export type {
  ChannelParams,
  DebitCreditsParams,
  OutboundCallInput,
  OutboundCallOutput,
  OutboundDetails,
  OutboundFunding,
} from './outbound.js';
export { CALL_OUTCOME_IDS, FAILED_EMERGENCY_OUTCOMES, HAND_OFF_OUTCOMES, NOT_EMERGENCY_OUTCOMES, callOutput } from './outcome.js';
export type {
  CallbackOutcome,
  CallKind,
  CallOutput,
  EmergencyOutcome,
  InboundOutcome,
  OutboundOutcome,
  QueueOutcome,
} from './outcome.js';

import { callbackMachine, type CallbackCallInput, type CallbackCallOutput } from './callback.js';
import {
  emergencyChanges,
  emergencyMachine,
  type EmergencyCallInput,
  type EmergencyCallOutput,
  type ReserveCallbackNumberParams,
} from './emergency.js';
import { inboundChanges, inboundMachine, type InboundCallInput, type InboundCallOutput } from './inbound.js';
import { callQueueChanges, callQueueMachine, type QueueAgentParams, type QueueCallInput, type QueueCallOutput } from './call-queue.js';
import {
  outboundChanges,
  outboundMachine,
  type ChannelParams,
  type DebitCreditsParams,
  type OutboundCallInput,
  type OutboundCallOutput,
} from './outbound.js';

/** Every call machine by the kind of call it simulates. */
export const machines = {
  inbound: inboundMachine,
  outbound: outboundMachine,
  emergency: emergencyMachine,
  callback: callbackMachine,
  queue: callQueueMachine,
} as const;

/**
 * Each machine's context changes by action name: the plain functions its `assign`s wrap, which
 * another executor calls directly (the callback machine changes nothing).
 */
export const machineChanges = {
  inbound: inboundChanges,
  outbound: outboundChanges,
  emergency: emergencyChanges,
  callback: {},
  queue: callQueueChanges,
} as const;

/** The input each kind of call starts with. */
export interface CallInputs {
  inbound: InboundCallInput;
  outbound: OutboundCallInput;
  emergency: EmergencyCallInput;
  callback: CallbackCallInput;
  queue: QueueCallInput;
}

/** The output each kind of call ends with. */
export interface CallOutputs {
  inbound: InboundCallOutput;
  outbound: OutboundCallOutput;
  emergency: EmergencyCallOutput;
  callback: CallbackCallOutput;
  queue: QueueCallOutput;
}

/**
 * The effects the machines name for the runtime, as `transition()` returns them: every returned
 * action whose type is not xstate's own (`xstate.raise`, `xstate.cancel`) is one of these.
 */
export type CallEffect =
  | { type: 'debitCredits'; params: DebitCreditsParams }
  | { type: 'seizeChannel'; params: ChannelParams }
  | { type: 'releaseChannel'; params: ChannelParams }
  | { type: 'reserveCallbackNumber'; params: ReserveCallbackNumberParams }
  | { type: 'billTollFreeMinutes'; params: ChannelParams }
  | { type: 'joinQueue' | 'ringAgent' | 'agentAnswered' | 'agentMissed' | 'leaveQueue' | 'releaseAgent'; params: QueueAgentParams };

export const CALL_EFFECT_TYPES: readonly CallEffect['type'][] = [
  'debitCredits',
  'seizeChannel',
  'releaseChannel',
  'reserveCallbackNumber',
  'billTollFreeMinutes',
  'joinQueue',
  'ringAgent',
  'agentAnswered',
  'agentMissed',
  'leaveQueue',
  'releaseAgent',
];
export { DIAGRAM_MACHINES, DiagramError, diagramMermaid, machineDiagram, machinesMarkdown, type DiagramAction, type DiagramState, type DiagramTransition, type MachineDiagram } from './diagram.js';
// The step-through page (cli/step-through) writes parameters as traces and diagrams do.
export { inlineParams } from './diagram.js';
