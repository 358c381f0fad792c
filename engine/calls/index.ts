/**
 * The calls: one module per kind (arrival -> facts -> machine -> effects -> record), the book of
 * calls in progress, and the figures their records add up to. What engine/run may import.
 */
export { CallBook } from './book.js';
export type { CallTracing } from './book.js';
export { CallbackCalls } from './callback.js';
export { ReplicationCollector, metricKey } from './collector.js';
export type { CallRecord, ReplicationFigures } from './collector.js';
export { EmergencyCalls, emergencyInput } from './emergency.js';
export type { EmergencyInputServices } from './emergency.js';
export { ClientPlacement } from './client-places.js';
export type { ClientPlace, ClientPlaceKind } from './client-places.js';
export { InboundCalls, inboundAttendant, mappedKeys } from './inbound.js';
export { callerScript } from './inbound-caller.js';
export { OutboundCalls, outboundInput } from './outbound.js';
export type { OutboundSample } from './outbound.js';
export type { CallServices, CallSettings, DerivedTenant, Engine, EmergencyPlan, InboundPlan, Intent, OutboundPlan, QueuePlan } from './services.js';
export { QueueCalls } from './call-queue.js';
export type { CallRoute } from './call-queue.js';
export type { QueueObserver } from './queue-figures.js';
export { CALLER_TIMING_MS, PROMPT_MS } from './timing.js';
export { CALL_OUTCOME_IDS } from '../machines/index.js';
export type { CallKind } from '../machines/index.js';
export { emergencyMachine, outboundMachine } from '../machines/index.js';
export { EVENT_CAP, HOUR_OF_WEEK_FLOWS, ReplicationSeries } from './series.js';
export type { CreditEvent, CreditEventKind, Displacement, HourOfWeekCounts, MisroutedCallback, PoolSeries, SeriesOfReplication } from './series.js';
