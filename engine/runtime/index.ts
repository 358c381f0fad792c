/**
 * What other parts of the engine may import from the runtime: the services simulated calls
 * share. Everything else in this folder is internal and may change.
 */
export type { RandomStream } from './random-stream.js';

export { CreditsLedger, billedMinutes, chargeForCall, ratePerMinute } from './credits-ledger.js';
export type { CreditsObserver, DebitReason } from './credits-ledger.js';

export { CallbackPool, DEFAULT_CALLBACK_POOL_SETTINGS } from './callback-pool.js';
export { CallbackPools } from './callback-pools.js';
export type {
  CallbackPoolObserver,
  CallbackPoolSettings,
  CallbackReuse,
  CallbackSelection,
  PoolInspection,
  Reservation,
  ReservationEndReason,
  ReservationMode,
  ReservationResult,
} from './callback-pool.js';

export { Directory, MAX_DIAL_BY_NAME_MATCHES, inDialScope } from './directory.js';
export type { ExtensionSearchResult, NameSearchResult } from './directory.js';

export { AttendantSchedule, activeCallFlow, businessHoursShare, callFlowTimes, localMs } from './attendant-schedule.js';
export type { ActiveCallFlow, CallFlowKind, CallFlowTimes } from './attendant-schedule.js';

export { TenantView } from './tenant-view.js';
export type { NumberFacts, UserFacts } from './tenant-view.js';
export { DerivedTenantFacts, sharedResourceAccountIds } from './tenant-derived.js';
export type { AttendantEntry } from './tenant-derived.js';

export { Channels } from './channels.js';
export type { ChannelsObserver } from './channels.js';

export { QueueAgents, queueRoster } from './queue-agents.js';
export type { AgentPick, OfferCall, QueueRoster, RoutingMethod } from './queue-agents.js';
