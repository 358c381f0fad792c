/**
 * The effects on the shared number that outbound, inbound and queue calls share: the machine names
 * `seizeChannel` and `releaseChannel`, and the resource account's channels count them; it names
 * `billTollFreeMinutes`, and the ledger debits the minutes the leg lasted.
 */
import type { ChannelParams } from '../machines/index.js';
import type { CallServices } from './services.js';

/** Carry out *effect* of call *callId* on the channels, and tell the tracer how many are in use. */
export function carryChannelEffect(
  services: CallServices,
  callId: number,
  effect: { type: 'seizeChannel' | 'releaseChannel'; params: ChannelParams },
): void {
  const { channels, sim } = services;
  const account = effect.params.resourceAccountId;
  const inUse = effect.type === 'seizeChannel' ? channels.seize(sim.now, account) : channels.release(sim.now, account);
  services.book.tracer?.effect(callId, effect, { channelsInUse: inUse });
}

/**
 * Debit the toll-free minutes of a leg that started at *startedAt* and ends now: the machine
 * decided the call is billed; how long it lasted is the clock's to say.
 */
export function billTollFreeMinutes(services: CallServices, callId: number, startedAt: number | undefined): void {
  const { ledger, sim } = services;
  const durationMs = sim.now - (startedAt ?? sim.now);
  const amount = ledger.tollFreeInboundCharge(durationMs);
  ledger.debit(sim.now, amount, 'tollFreeInbound');
  services.book.tracer?.effect(callId, { type: 'billTollFreeMinutes', params: { durationMs, amount } }, { balanceAfter: ledger.balance });
}
