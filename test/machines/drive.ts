/**
 * A minimal stand-in for the kernel's driver, for tests only: starts a machine with
 * `initialTransition`, then fires each delayed `xstate.raise` in order of its delay (cancelled
 * ones are dropped), collecting every returned action, until the machine is done.
 */
import {
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventObject,
  type InputFrom,
} from 'xstate';

export interface Drive {
  snapshot: AnyMachineSnapshot;
  /** Every action returned, in order, as `{ type, params }`. */
  actions: { type: string; params: unknown }[];
  /** The delays scheduled, in order. */
  delays: unknown[];
  /** State values entered after each step. */
  path: unknown[];
}

interface RaiseParams {
  event: EventObject;
  id: string;
  delay?: unknown;
}

function isRaise(action: { type: string; params: unknown }): action is { type: string; params: RaiseParams } {
  return action.type === 'xstate.raise';
}

export function drive<M extends AnyStateMachine>(typed: M, input: InputFrom<M>, maxSteps = 200): Drive {
  const machine: AnyStateMachine = typed;
  const [first, firstActions] = initialTransition(machine, input);
  let snapshot: AnyMachineSnapshot = first;
  const actions: { type: string; params: unknown }[] = [];
  const delays: unknown[] = [];
  const path: unknown[] = [snapshot.value];
  let pending: { at: number; seq: number; event: EventObject; id: string }[] = [];
  let now = 0;
  let seq = 0;
  const take = (returned: readonly { type: string; params?: unknown }[]) => {
    for (const a of returned) {
      const action = { type: a.type, params: a.params };
      actions.push(action);
      if (isRaise(action) && action.params.delay !== undefined) {
        delays.push(action.params.delay);
        const delay = action.params.delay;
        pending.push({ at: now + (typeof delay === 'number' ? delay : NaN), seq: seq++, event: action.params.event, id: action.params.id });
      }
      if (a.type === 'xstate.cancel') {
        const sendId = (a.params as { sendId: string }).sendId;
        pending = pending.filter((p) => p.id !== sendId);
      }
    }
  };
  take(firstActions);
  for (let step = 0; snapshot.status === 'active' && step < maxSteps; step++) {
    pending.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = pending.shift();
    if (next === undefined) break;
    now = next.at;
    const [after, returned] = transition(machine, snapshot, next.event);
    snapshot = after;
    path.push(snapshot.value);
    take(returned);
  }
  return { snapshot, actions, delays, path };
}

/** The effects a runtime would carry out: every action that is not xstate's own. */
export function effects(actions: { type: string; params: unknown }[]): { type: string; params: unknown }[] {
  return actions.filter((a) => !a.type.startsWith('xstate.'));
}
