/**
 * Outbound calls: a user dials a PSTN number. Arrival (who calls, where, whether the far end
 * answers, how long they talk), the facts the outbound machine starts from, the machine, and its
 * effects on the resource account's channels and the Communications Credits. An emergency call
 * whose dialled string is no emergency number (EMG001) goes on here, in the same call.
 */
import { outboundChanges, outboundMachine, type CallEffect, type OutboundCallInput } from '../machines/index.js';
import { ratePerMinute, type CreditsLedger, type UserFacts } from '../runtime/index.js';
import type { CountryCode } from '../tenant/index.js';
import { bernoulli, sample, weightedChoice } from '../workload/index.js';
import { pickUniform, scheduleArrivals } from './arrivals.js';
import { pstnCallerFacts } from './caller-facts.js';
import { carryChannelEffect } from './channel-effect.js';
import { callExecutor, type CallExecutor } from './executor.js';
import type { CallServices, OutboundPlan } from './services.js';
import { CALLER_TIMING_MS } from './timing.js';

/** What the workload drew for one outbound call. */
export interface OutboundSample {
  destinationCountry: CountryCode;
  answers: boolean;
  ringMs: number;
  talkMs: number;
}

/** The facts of an outbound call by the user of *facts*, as they stand now. */
export function outboundInput(
  facts: UserFacts,
  ledger: CreditsLedger,
  channels: { cap: number | null; inUse: number },
  drawn: OutboundSample,
): OutboundCallInput {
  const ra = facts.resourceAccount;
  const number = facts.resourceAccountNumber;
  const policy = facts.sharedCallingPolicy;
  return {
    caller: pstnCallerFacts(facts),
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
      country: drawn.destinationCountry,
      ratePerMinute: ratePerMinute(ledger.credits, drawn.destinationCountry),
    },
    farEnd: { answers: drawn.answers, ringMs: drawn.ringMs, talkMs: drawn.talkMs },
  };
}

export class OutboundCalls {
  private readonly driver: CallExecutor<typeof outboundMachine>;

  constructor(private readonly services: CallServices) {
    const { book, ledger, sim } = services;
    this.driver = callExecutor(services, outboundMachine, outboundChanges, {
      onEffect: (callId, action) => {
        // The driver types effects by action name only; the machines' index gives their params.
        const effect = action as unknown as CallEffect;
        const id = Number(callId);
        switch (effect.type) {
          case 'seizeChannel':
          case 'releaseChannel':
            carryChannelEffect(services, id, effect);
            break;
          case 'debitCredits':
            if (effect.params.fundedBy === 'communicationsCredits') ledger.debit(sim.now, effect.params.amount, 'outbound');
            else services.onOverage(sim.now, effect.params.amount);
            book.tracer?.effect(
              id,
              effect,
              effect.params.fundedBy === 'communicationsCredits' ? { balanceAfter: ledger.balance } : { billedAsOverage: effect.params.amount },
            );
            break;
        }
      },
      onDone: (callId, output) => book.finish(Number(callId), output),
    });
  }

  /** Users place calls by the workload's *plan* until the horizon. */
  arrive(plan: OutboundPlan): void {
    const { services } = this;
    // The named streams, looked up once (a stream is created on first use, by name alone).
    const streamCallerOutbound = services.stream('caller/outbound');
    const streamOutboundDestination = services.stream('outbound/destination');
    const streamOutboundAnswer = services.stream('outbound/answer');
    const streamDurationOutbound = services.stream('duration/outbound');
    scheduleArrivals(services, 'outbound', plan.arrivals, () => {
      // Every draw is made for every call, used or not, so one change does not shift the others.
      const caller = pickUniform(services.population, streamCallerOutbound);
      const country = plan.destinations.length === 0 ? 'US' : weightedChoice(plan.destinations, streamOutboundDestination);
      const answers = bernoulli(plan.answerProbability, streamOutboundAnswer);
      const talkMs = Math.round(sample(plan.duration, streamDurationOutbound));
      if (caller === undefined) return;
      const facts = services.view.user(caller.objectId);
      if (facts === undefined) return;
      const id = services.book.begin('outbound', caller.objectId);
      this.start(id, facts, {
        destinationCountry: country,
        answers,
        ringMs: answers ? CALLER_TIMING_MS.ringAnswered : CALLER_TIMING_MS.ringUnanswered,
        talkMs,
      });
    });
  }

  /**
   * One call made on purpose (`callsim call`): user *callerId* dials now with what *drawn* says.
   * Returns the call's id, or undefined when the tenant has no such user.
   */
  place(callerId: string, drawn: OutboundSample): number | undefined {
    const facts = this.services.view.user(callerId);
    if (facts === undefined) return undefined;
    const id = this.services.book.begin('outbound', callerId);
    this.start(id, facts, drawn);
    return id;
  }

  /** Start the outbound machine of call *callId* (begun in the book) for the user of *facts*. */
  start(callId: number, facts: UserFacts, drawn: OutboundSample): void {
    const { services } = this;
    const accountId = facts.resourceAccount?.objectId;
    const input = outboundInput(
      facts,
      services.ledger,
      { cap: services.settings.channelCap, inUse: accountId === undefined ? 0 : services.channels.inUse(accountId) },
      drawn,
    );
    services.book.tracer?.facts(callId, input);
    this.driver.start(callId, input);
  }
}
