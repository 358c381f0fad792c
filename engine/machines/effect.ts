/**
 * How the machines' actions are written, so that every executor runs the very same code:
 *
 * - a **change** is a plain function `(context, params) => changes` that returns the context
 *   fields it sets; `setup()` wraps it in xstate's `assign`, and another executor calls the
 *   plain function itself;
 * - an **effect** is a named action whose implementation does nothing: the machine only names it,
 *   and xstate's `transition()` returns it (type and resolved params) for the runtime to carry out
 *   (debit credits, reserve a callback number, seize a channel). So a machine stays a pure
 *   definition, and a recording driver sees each effect in the action list.
 */

/**
 * A plain change of a machine's context: the fields it sets, from the context and the action's
 * params. In `setup({ actions })` it is wrapped as `assign(({ context }, params) => change(context,
 * params))`, so xstate's own `assign` calls it.
 */
export type Change<Context, Params = undefined> = (context: Context, params: Params) => Partial<Context>;

/** The brand of a runtime effect's implementation (the kernel's compiled executor reads the same symbol). */
export const RUNTIME_EFFECT: unique symbol = Symbol.for('callsim.runtimeEffect');

export function runtimeEffect<Params extends object | undefined = undefined>(): (
  args: unknown,
  params: Params,
) => void {
  // Branded so that another executor knows it is an effect to hand over, not code to run.
  return Object.assign(() => {}, { [RUNTIME_EFFECT]: true });
}


/**
 * The hang-up of a call to the shared number that inbound and queue calls share: a toll-free call
 * bills its minutes, then every call releases its channel, and the call goes on to `hungUp`.
 */
export function hangUpOnSharedNumber<Params>(channelParams: Params) {
  return {
    always: [
      {
        guard: 'calledTollFreeNumber' as const,
        target: 'hungUp' as const,
        actions: [
          { type: 'billTollFreeMinutes' as const, params: channelParams },
          { type: 'releaseChannel' as const, params: channelParams },
        ],
      },
      { target: 'hungUp' as const, actions: { type: 'releaseChannel' as const, params: channelParams } },
    ],
  };
}
