/**
 * The channel effects outbound and inbound calls share: the machine names `seizeChannel` and
 * `releaseChannel`, and the resource account's channels count them.
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
