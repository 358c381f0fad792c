import { assign, setup } from 'xstate';

/**
 * A toy call for the driver's tests: it rings for `ringMs` (a delay from input), is answered or
 * missed, talks until hung up or until `maxTalkMs`, and outputs an outcome. Guards, actions and
 * delays are named, as the real call machines' are.
 */
export const toyCall = setup({
  types: {
    context: {} as { ringMs: number; maxTalkMs: number; answered: boolean },
    input: {} as { ringMs: number; maxTalkMs: number },
    events: {} as { type: 'ANSWER' } | { type: 'HANG_UP' } | { type: 'REJECT' },
    output: {} as { outcome: string; answered: boolean },
  },
  guards: {
    isAnswered: ({ context }) => context.answered,
  },
  actions: {
    startBilling: (_, _params: { rate: number }) => {},
    stopBilling: () => {},
    notifyMissed: () => {},
  },
  delays: {
    ringTimeout: ({ context }) => context.ringMs,
    maxTalk: ({ context }) => context.maxTalkMs,
  },
}).createMachine({
  id: 'toyCall',
  context: ({ input }) => ({ ...input, answered: false }),
  initial: 'ringing',
  states: {
    ringing: {
      after: { ringTimeout: 'missed' },
      on: {
        ANSWER: { target: 'talking', actions: assign({ answered: true }) },
        REJECT: 'ended',
      },
    },
    talking: {
      entry: { type: 'startBilling', params: { rate: 2 } },
      exit: 'stopBilling',
      after: { maxTalk: 'ended' },
      on: { HANG_UP: 'ended' },
    },
    missed: { entry: 'notifyMissed', type: 'final' },
    ended: { type: 'final' },
  },
  output: ({ context }) => ({ outcome: context.answered ? 'TOY-ANSWERED' : 'TOY-NOT-ANSWERED', answered: context.answered }),
});
