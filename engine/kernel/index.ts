// The kernel's public API: simulated time, the event queue, the simulation environment, random
// streams and the machine driver. The kernel knows nothing of Teams.
export { SECOND, MINUTE, HOUR, DAY, WEEK } from './time.js';
export type { SimTime } from './time.js';
export { EventQueue, URGENT, NORMAL } from './event-queue.js';
export type { Priority, QueueEntry } from './event-queue.js';
export { Simulation } from './simulation.js';
export type { EventCallback, EventHandle, Scheduler } from './simulation.js';
export { createStreams } from './random.js';
export type { RandomStream, RandomStreams } from './random.js';
export { MachineDriver, finalSnapshots } from './driver.js';
export type { CallId, DriverOptions, Effect } from './driver.js';
// What the run's traces need from xstate beyond its public API (see xstate-adapter.ts).
export { afterEventDelay, isBuiltInGuard, transitionCandidates } from './xstate-adapter.js';
export type { TransitionCandidate } from './xstate-adapter.js';
export { CompiledDriver, RUNTIME_EFFECT, UnsupportedMachineError, compileMachine } from './compiled.js';
export type { CompiledDriverOptions, ContextChange } from './compiled.js';
