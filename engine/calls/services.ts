/**
 * What every kind of call is given by the replication that wires it: the kernel, the shared
 * runtime, the tenant as it stands, the book of calls, and the settings and workload plan of its
 * kind in the engine's own terms (the scenario file is translated once, in engine/run).
 */
import type { RandomStream, Simulation } from '../kernel/index.js';
import type { CallerInput, CallbackWithoutReservation } from '../machines/index.js';
import type { AttendantSchedule, CallbackPools, Channels, CreditsLedger, Directory, TenantView } from '../runtime/index.js';
import type { AutoAttendant, CountryCode, Tenant, User } from '../tenant/index.js';
import type { ArrivalProcess, Distribution, WeightedValue } from '../workload/index.js';
import type { CallBook } from './book.js';
import type { ClientPlace } from './client-places.js';

/** The executors calls may run on (`callsim run --engine`). */
export type Engine = 'compiled' | 'xstate';

/** Facts derived from the tenant that calls look up often; kept current as the tenant changes. */
export interface DerivedTenant {
  /** The schedule and directory of auto attendant *id*, or undefined when there is none. */
  attendant(id: string): { autoAttendant: AutoAttendant; schedule: AttendantSchedule; directory: Directory } | undefined;
  /** Calling Plan or Operator Connect Shared Calling beside Direct Routing (EMG006, SITE001). */
  readonly mixesSharedCallingWithDirectRouting: boolean;
  /** The resource accounts whose numbers are shared (named by a Shared Calling policy), in policy order. */
  readonly sharedResourceAccountIds: readonly string[];
}

/** The settings of docs/rules.md that calls follow, from the scenario's `settings`. */
export interface CallSettings {
  /** OUT007, INB020: at most this many calls at once per resource account; null for no cap. */
  channelCap: number | null;
  /** INB014: no or invalid inputs before the attendant gives up; how long it waits for one. */
  attendant: { maxMenuAttempts: number; inputTimeout: number };
  /** CBK002: where a callback to a number with no active reservation goes. */
  callbackWithoutReservation: CallbackWithoutReservation;
  /** EMG013: which recognised dial strings are test calls, and whether to treat them as emergencies. */
  testCalls: { dialStrings: string[]; treatAsEmergency: boolean };
}

export interface CallServices {
  sim: Simulation;
  /** The named random stream *name* of this replication. */
  stream(name: string): RandomStream;
  /** Nothing is scheduled at or after the horizon (ms). */
  horizon: number;
  /** The scenario's start (epoch ms): simulated time 0. */
  startEpochMs: number;
  /** The run's own tenant: timeline changes change it in place. */
  tenant: Tenant;
  /** The users of the tenant when the run starts: callers are drawn from them. */
  population: readonly User[];
  view: TenantView;
  derived: DerivedTenant;
  ledger: CreditsLedger;
  pools: CallbackPools;
  channels: Channels;
  book: CallBook;
  settings: CallSettings;
  /** Which executor runs the machines (the compiled one unless the run asks for XState's). */
  engine: Engine;
  /** Post-paid overage was billed (it leaves the credit balance alone). */
  onOverage(now: number, amount: number): void;
}

/** What an inbound caller means to do at the menu, drawn from the workload's behaviour weights. */
export type Intent = { kind: 'key'; key: string } | { kind: 'dialByName' } | { kind: 'dialByExtension' } | { kind: 'noInput' } | { kind: 'invalidInput' };

export interface OutboundPlan {
  arrivals: ArrivalProcess;
  /** Talk time after the far end answers, ms. */
  duration: Distribution;
  /** Where users call, by weight (the rate table's countries). */
  destinations: WeightedValue<CountryCode>[];
  answerProbability: number;
}

export interface InboundPlan {
  arrivals: ArrivalProcess;
  /** The conversation after a transfer is answered, ms. */
  duration: Distribution;
  intents: WeightedValue<Intent>[];
  /** Whom callers ask for (all users unless the scenario names some). */
  targets: readonly User[];
  userAnswerProbability: number;
  /** What callers and agents do in call queues; absent when the workload says nothing of queues. */
  queue?: QueuePlan;
}

/** Callers and agents in call queues (docs/rules.md CQ020-CQ024). */
export interface QueuePlan {
  /** How long a caller waits before hanging up; null: as long as the queue keeps them. */
  patience: Distribution | null;
  /** Whether an agent who is offered a call (and is not on another) answers it. */
  agentAnswerProbability: number;
  /** How long an agent's phone rings before they answer, ms. */
  answerDelay: Distribution;
  /** The conversation once an agent answers, ms. */
  talk: Distribution;
}

export interface EmergencyPlan {
  arrivals: ArrivalProcess;
  dialStrings: WeightedValue<string>[];
  duration: Distribution;
  callback: { probability: number; delay: Distribution; answerProbability: number };
  /** Bursts at a location (WKL rules); each drawn from its own streams, `incident/<i>/...`. */
  incidents?: IncidentPlan[];
  /** A share of emergency calls whose caller dials again after a delay; drawn from `redial/...`. */
  redial?: { probability: number; delay: Distribution };
  /** Where callers' clients are (`workload.clients`); absent: the users' fixed clientLocation. */
  clients?: ClientPlace[];
}

export interface IncidentPlan {
  /** The location id whose users call (by their emergency location, EMG002). */
  location: string;
  calls: number;
  withinMs: number;
  /** One incident at this time, or incidents at this rate (per hour). */
  at?: number;
  ratePerHour?: number;
}

export type { CallerInput };
