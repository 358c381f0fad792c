/**
 * Callbacks: the emergency service calls a callback number back. The facts the callback machine
 * starts from (whether the number is the resource account's own, who holds it now), the machine,
 * and its record; where the call goes and whether the person who called is reached is the
 * machine's to decide.
 */
import { callbackMachine, type CallbackCallInput } from '../machines/index.js';
import type { E164 } from '../tenant/index.js';
import { callExecutor, type CallExecutor } from './executor.js';
import type { CallServices } from './services.js';

export class CallbackCalls {
  private readonly driver: CallExecutor<typeof callbackMachine>;

  constructor(private readonly services: CallServices) {
    const { book, sim } = services;
    this.driver = callExecutor(services, callbackMachine, {}, {
      onEffect: () => {},
      onDone: (callId, output) => book.finish(Number(callId), output),
    });
  }

  /**
   * The emergency service dials *number* back for the emergency call of *emergencyCallerId*;
   * *isResourceAccountNumber* when that call presented the resource account's number (EMG005);
   * *answered* whether the person rung answers (drawn with the emergency call). Returns the call's id.
   */
  start(number: E164, emergencyCallerId: string, isResourceAccountNumber: boolean, answered: boolean): number {
    const { services } = this;
    const id = services.book.begin('callback', emergencyCallerId);
    const input: CallbackCallInput = {
      dialledNumber: number,
      emergencyCallerId,
      isResourceAccountNumber,
      reservationHolderId: services.pools.poolOf(number)?.holderAt(services.sim.now, number) ?? null,
      callbackWithoutReservation: services.settings.callbackWithoutReservation,
      answered,
    };
    services.book.tracer?.facts(id, input);
    this.driver.start(id, input);
    return id;
  }
}
