/**
 * Effects are named actions whose implementation does nothing: the machine only names them, and
 * xstate's `transition()` returns them (type and resolved params) for the runtime to carry out
 * (debit credits, reserve a callback number, seize a channel). So a machine stays a pure
 * definition, and a recording driver sees each effect in the action list.
 */
export function runtimeEffect<Params extends object | undefined = undefined>(): (
  args: unknown,
  params: Params,
) => void {
  return () => {};
}
