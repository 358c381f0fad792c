import type {
  AnyActorScope,
  AnyStateMachine,
  EventFromLogic,
  ExecutableActionObject,
  ExecutableActionsFrom,
  InputFrom,
  OutputFrom,
  SnapshotFrom,
  SpecialExecutableAction,
} from 'xstate';
import { Simulation, type EventHandle, type Scheduler } from './simulation.js';
import {
  CANCEL_ACTION,
  RAISE_ACTION,
  cancelledRaiseId,
  inertScope,
  isAfterEvent,
  isBuiltInAction,
  needsLiveActors,
  raiseParams,
  type RaiseParams,
} from './xstate-adapter.js';

/** Identifies one call (one machine instance) among those the driver advances. */
export type CallId = string | number;

/**
 * A named action of the machine (e.g. `{ type: 'debitCredits', params }`), which the driver does
 * not run: it hands it to the caller, who carries it out on shared state.
 */
export type Effect<TMachine extends AnyStateMachine> = Exclude<ExecutableActionsFrom<TMachine>, SpecialExecutableAction>;

export interface DriverOptions<TMachine extends AnyStateMachine> {
  /** The machine every call runs; its action implementations are never called by the driver. */
  machine: TMachine;
  /** The kernel that owns time; delayed transitions become its events. */
  scheduler: Scheduler;
  /** Carries out one named action of call *callId*; called in the order the machine lists them. */
  onEffect(callId: CallId, effect: Effect<TMachine>): void;
  /** Receives the machine's output when call *callId* reaches a final state. */
  onDone(callId: CallId, output: OutputFrom<TMachine>): void;
  /**
   * Observes each macrostep after its effects, before `onDone`: *event* is undefined for the
   * initial transition. For traces; leave it out when nobody records them.
   */
  onTransition?(callId: CallId, event: EventFromLogic<TMachine> | undefined, snapshot: SnapshotFrom<TMachine>): void;
}

interface Call<TMachine extends AnyStateMachine> {
  snapshot: SnapshotFrom<TMachine>;
  /** Pending delayed events by their raise id (a number for a delayed raise without an id). */
  timers: Map<string | number, EventHandle>;
}

/** The part of a machine snapshot the driver reads to tell whether a call has ended. */
interface Outcome {
  status: 'active' | 'done' | 'error' | 'stopped';
  value: unknown;
  output?: unknown;
  error?: unknown;
}

/**
 * Advances many instances of one XState machine with xstate's pure `initialTransition` and
 * `transition`, without live actors.
 *
 * Delayed transitions become scheduler events at now + delay (rounded to the millisecond), keyed
 * by (call, raise id), and are cancelled when the machine leaves their state; every other action
 * goes to `onEffect`. An event sent while the driver is busy (from inside `onEffect`, say) waits
 * until the current macrostep's effects are done, as in an actor's mailbox. When a call finishes,
 * its output goes to `onDone` and the driver forgets it.
 */
export class MachineDriver<TMachine extends AnyStateMachine> {
  private readonly calls = new Map<CallId, Call<TMachine>>();
  private readonly mailbox: Array<[CallId, EventFromLogic<TMachine>]> = [];
  private busy = false;
  private timerSeq = 0;
  /** One inert actor scope for every transition of every call (see `step`). */
  private scope: AnyActorScope | undefined;
  private readonly collected: ExecutableActionObject[] = [];
  private readonly collect = (action: ExecutableActionObject): void => {
    this.collected.push(action);
  };

  constructor(private readonly options: DriverOptions<TMachine>) {}

  /** The number of calls started and not yet finished. */
  get activeCalls(): number {
    return this.calls.size;
  }

  /** Whether call *callId* is started and not finished. */
  has(callId: CallId): boolean {
    return this.calls.has(callId);
  }

  /** The current snapshot of call *callId*, or undefined if it is not active. */
  snapshot(callId: CallId): SnapshotFrom<TMachine> | undefined {
    return this.calls.get(callId)?.snapshot;
  }

  /**
   * Start call *callId* with *input* and carry out its initial actions. Raise Error if a call
   * with that id is active.
   */
  start(callId: CallId, input: InputFrom<TMachine>): void {
    if (this.calls.has(callId)) throw new Error(`call ${String(callId)} is already active.`);
    const { machine } = this.options;
    const wasBusy = this.busy;
    this.busy = true;
    try {
      const [snapshot, actions] = this.step(input, (scope) => machine.getInitialSnapshot(scope, input) as SnapshotFrom<TMachine>);
      const call: Call<TMachine> = { snapshot, timers: new Map() };
      this.calls.set(callId, call);
      this.settle(callId, call, undefined, actions);
    } finally {
      this.busy = wasBusy;
    }
    if (!wasBusy) this.drain();
  }

  /**
   * Send *event* to call *callId*. Raise Error if the call is not active; check `has` first when
   * the call may have ended. An event that arrives while the driver is busy is delivered after
   * the current macrostep, and dropped if that macrostep ended the call.
   */
  send(callId: CallId, event: EventFromLogic<TMachine>): void {
    if (!this.calls.has(callId)) throw new Error(`call ${String(callId)} is not active; cannot send ${event.type}.`);
    this.mailbox.push([callId, event]);
    if (!this.busy) this.drain();
  }

  /**
   * What xstate's pure `initialTransition` / `transition` do, with one inert actor scope reused
   * instead of a new one per call: xstate builds that scope from a throwaway actor whose start
   * evaluates the machine without input, which our machines cannot do (their guards read the
   * input), so each transition paid for a thrown and caught TypeError. The scope (xstate's own,
   * see `inertScope` in xstate-adapter.ts) is made once, with the first call's input; actions are
   * collected, never executed, as in `transition`.
   * NOTE: hot path.
   */
  private step(
    input: InputFrom<TMachine> | undefined,
    advance: (scope: AnyActorScope) => SnapshotFrom<TMachine>,
  ): [SnapshotFrom<TMachine>, ExecutableActionsFrom<TMachine>[]] {
    this.scope ??= inertScope(this.options.machine, input, this.collect);
    this.collected.length = 0;
    const snapshot = advance(this.scope);
    return [snapshot, this.collected.splice(0) as unknown as ExecutableActionsFrom<TMachine>[]];
  }

  private drain(): void {
    this.busy = true;
    try {
      let next = this.mailbox.shift();
      while (next !== undefined) {
        const [callId, event] = next;
        const call = this.calls.get(callId);
        if (call !== undefined) this.deliver(callId, call, event);
        next = this.mailbox.shift();
      }
    } finally {
      this.busy = false;
      this.mailbox.length = 0;
    }
  }

  private deliver(callId: CallId, call: Call<TMachine>, event: EventFromLogic<TMachine>): void {
    const machine = this.options.machine;
    const [snapshot, actions] = this.step(undefined, (scope) => machine.transition(call.snapshot, event, scope) as SnapshotFrom<TMachine>);
    call.snapshot = snapshot;
    this.settle(callId, call, event, actions);
  }

  private settle(
    callId: CallId,
    call: Call<TMachine>,
    event: EventFromLogic<TMachine> | undefined,
    actions: ExecutableActionsFrom<TMachine>[],
  ): void {
    // ExecutableActionsFrom leaves out xstate.cancel and xstate.stopChild, which do appear.
    for (const action of actions as ExecutableActionObject[]) {
      const type = action.type;
      if (type === RAISE_ACTION) {
        this.raise(callId, call, raiseParams(action));
      } else if (type === CANCEL_ACTION) {
        const id = cancelledRaiseId(action);
        const handle = call.timers.get(id);
        if (handle !== undefined) {
          this.options.scheduler.cancel(handle);
          call.timers.delete(id);
        }
      } else if (isBuiltInAction(type)) {
        if (needsLiveActors(type)) {
          throw new Error(`call ${String(callId)}: the machine used ${type}, which needs live actors; the driver has none.`);
        }
        throw new Error(`call ${String(callId)}: the driver cannot carry out ${type}; use a named action instead.`);
      } else {
        this.options.onEffect(callId, action as unknown as Effect<TMachine>);
      }
    }
    this.options.onTransition?.(callId, event, call.snapshot);
    const snapshot = call.snapshot as unknown as Outcome;
    if (snapshot.status === 'done') {
      this.forget(callId, call);
      this.options.onDone(callId, snapshot.output as OutputFrom<TMachine>);
    } else if (snapshot.status === 'error') {
      this.forget(callId, call);
      throw new Error(`call ${String(callId)} failed in state ${JSON.stringify(snapshot.value)}.`, { cause: snapshot.error });
    }
  }

  private raise(callId: CallId, call: Call<TMachine>, params: RaiseParams): void {
    const { event, id, delay } = params;
    if (delay === undefined) {
      // A plain raise: xstate has already processed it within this macrostep. But a delayed
      // transition whose delay resolved to a non-number was fired at once: refuse that.
      if (id !== undefined && isAfterEvent(id)) {
        throw new Error(`call ${String(callId)}: delayed transition ${id} has no delay; its delay must resolve to a finite number of milliseconds.`);
      }
      return;
    }
    if (!Number.isFinite(delay) || delay < 0) {
      throw new Error(`call ${String(callId)}: delay of ${id ?? event.type} is ${delay}; it must be a finite number of milliseconds >= 0.`);
    }
    const { scheduler } = this.options;
    const key = id ?? this.timerSeq++;
    const previous = call.timers.get(key);
    if (previous !== undefined) scheduler.cancel(previous);
    const handle = scheduler.schedule(scheduler.now + Math.round(delay), () => {
      call.timers.delete(key);
      // The call cannot have ended: ending cancels its timers.
      this.send(callId, event as EventFromLogic<TMachine>);
    });
    call.timers.set(key, handle);
  }

  private forget(callId: CallId, call: Call<TMachine>): void {
    for (const handle of call.timers.values()) this.options.scheduler.cancel(handle);
    call.timers.clear();
    this.calls.delete(callId);
  }
}

/**
 * Run each of *inputs* as a call of *machine* to its end on a simulation of its own (delays as
 * kernel events, as in a run) and return each call's last snapshot, in input order. For tools
 * that read what a machine does with sample inputs (the state diagrams); a call still waiting
 * after *until* ms of simulated time keeps its last snapshot.
 */
export function finalSnapshots<TMachine extends AnyStateMachine>(
  machine: TMachine,
  inputs: readonly InputFrom<TMachine>[],
  until = 365 * 86_400_000,
): SnapshotFrom<TMachine>[] {
  const sim = new Simulation(0);
  const last: SnapshotFrom<TMachine>[] = [];
  const driver = new MachineDriver({
    machine,
    scheduler: sim,
    onEffect: () => {},
    onDone: () => {},
    onTransition: (callId, _event, snapshot) => {
      last[Number(callId)] = snapshot;
    },
  });
  inputs.forEach((input, i) => driver.start(i, input));
  sim.run({ until });
  return last;
}
