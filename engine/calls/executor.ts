/**
 * Which executor advances a kind of call: the compiled one (flat tables calling the machine's own
 * guards, changes and delays) by default, XState's own (`MachineDriver`, the reference) when the
 * run asks for it or when a tracer listens, since traces replay XState's microsteps.
 */
import type { AnyStateMachine, EventFromLogic, InputFrom } from 'xstate';
import { CompiledDriver, MachineDriver, type ContextChange, type DriverOptions } from '../kernel/index.js';
import type { CallServices } from './services.js';

export interface CallExecutor<M extends AnyStateMachine> {
  start(callId: number, input: InputFrom<M>): void;
  /** An event from the runtime (a queue's offer to an agent) to call *callId*, which must be active. */
  send(callId: number, event: EventFromLogic<M>): void;
}

export function callExecutor<M extends AnyStateMachine>(
  services: CallServices,
  machine: M,
  changes: Readonly<Record<string, ContextChange>>,
  handlers: Pick<DriverOptions<M>, 'onEffect' | 'onDone'>,
): CallExecutor<M> {
  const { book, sim } = services;
  if (book.tracer !== undefined || services.engine === 'xstate') {
    return new MachineDriver({ ...book.traced(machine), scheduler: sim, ...handlers });
  }
  return new CompiledDriver({ machine, changes, scheduler: sim, ...handlers });
}
