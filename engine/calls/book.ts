/**
 * The book of calls in progress in one replication: it gives each call its id, keeps what the
 * call's record needs until the call ends (and nothing after), writes the record, and passes each
 * step to the tracer when one is listening. It decides nothing about a call.
 */
import type { AnyStateMachine } from 'xstate';
import type { DriverOptions, Simulation } from '../kernel/index.js';
import type { CallKind, CallOutput } from '../machines/index.js';
import type { RuleId } from '../tenant/index.js';
import type { CallRecord } from './collector.js';

/**
 * What a tracer hears of a call (engine/run/trace.ts's CallTracer is one): the call starts, the
 * facts its machine starts from, each macrostep and each effect carried out, and the end.
 */
export interface CallTracing {
  /** *machine* with its guards wrapped to note their values; it decides exactly as *machine* does. */
  machine<M extends AnyStateMachine>(machine: M): M;
  begin(kind: CallKind, callId: number, startMs: number): void;
  facts(callId: number, input: unknown): void;
  effect(callId: number, effect: { type: string; params?: unknown }, result: Record<string, unknown>): void;
  runtime(callId: number, atMs: number, effect: string, params: Record<string, unknown>, result: Record<string, unknown>): void;
  transition(machine: AnyStateMachine, callId: number, atMs: number, event: { type: string } | undefined, value: unknown): void;
  /**
   * Which call flow of its auto attendant inbound call *callId* runs (holiday, after hours, business
   * hours; rule INB002, INB003, INB004) and why: the flow's holiday, the attendant's time zone and
   * the instant (UTC epoch ms) it was decided at. Given after `begin`, before the first transition.
   */
  flow?(
    callId: number,
    atMs: number,
    flow: { kind: 'holiday' | 'afterHours' | 'businessHours'; rule: RuleId; holidayName?: string; aroundTheClock?: boolean; timeZone: string; epochMs: number },
  ): void;
  finish(callId: number, endMs: number, callerId: string | null, output: { outcome: RuleId; reason: string; details: unknown }): void;
}

/** A call in progress: what its record needs when it ends. */
interface OpenCall {
  kind: CallKind;
  startMs: number;
  callerId: string | null;
  /** A call that began as another kind and goes on as this one (EMG001 goes on as outbound). */
  before: CallOutput<CallKind, RuleId, unknown> | null;
}

export class CallBook {
  private readonly open = new Map<number, OpenCall>();
  private nextId = 0;

  /**
   * *warmupMs*: calls that start before it get no record in the figures (*onRecord*) nor in
   * *onCall*; *tracer*, when set, hears every call.
   */
  constructor(
    private readonly sim: Simulation,
    private readonly replication: number,
    private readonly warmupMs: number,
    private readonly onRecord: (record: CallRecord) => void,
    readonly tracer: CallTracing | undefined,
  ) {}

  /** A call of *kind* by *callerId* starts now; returns its id. */
  begin(kind: CallKind, callerId: string | null): number {
    const id = this.nextId++;
    this.open.set(id, { kind, startMs: this.sim.now, callerId, before: null });
    this.tracer?.begin(kind, id, this.sim.now);
    return id;
  }

  /** When call *callId* started (ms); undefined once it has ended. */
  startOf(callId: number): number | undefined {
    return this.open.get(callId)?.startMs;
  }

  /** Who made call *callId*; undefined once it has ended. */
  callerOf(callId: number): string | null | undefined {
    return this.open.get(callId)?.callerId;
  }

  /**
   * Call *callId* ended its part as *output* and goes on as a call of *kind* (same id, same start):
   * its record will carry both (EMG001, then the outbound rules).
   */
  continueAs(callId: number, kind: CallKind, output: CallOutput<CallKind, RuleId, unknown>): void {
    const call = this.open.get(callId);
    if (call === undefined) return;
    call.kind = kind;
    call.before = output;
  }

  /** Call *callId* ended with *output*: trace it, and record it when it started after the warm-up. */
  finish(callId: number, output: CallOutput<CallKind, RuleId, unknown>): void {
    const call = this.open.get(callId);
    this.open.delete(callId);
    if (call === undefined) return;
    const reason = call.before === null ? output.reason : `${output.reason} (after ${call.before.reason})`;
    const details =
      call.before === null ? output.details : { ...(output.details as object), before: { outcome: call.before.outcome, details: call.before.details } };
    this.tracer?.finish(callId, this.sim.now, call.callerId, { outcome: output.outcome, reason, details });
    if (call.startMs < this.warmupMs) return;
    this.onRecord({
      replication: this.replication,
      call: callId,
      kind: call.kind,
      startMs: call.startMs,
      endMs: this.sim.now,
      callerId: call.callerId,
      outcome: output.outcome,
      reason,
      details,
    });
  }

  /** Driver options that pass each macrostep of *machine* to the tracer (none without one). */
  traced<M extends AnyStateMachine>(machine: M): Pick<DriverOptions<M>, 'machine' | 'onTransition'> {
    const tracer = this.tracer;
    if (tracer === undefined) return { machine };
    return {
      machine: tracer.machine(machine),
      onTransition: (callId, event, snapshot) =>
        tracer.transition(machine, Number(callId), this.sim.now, event as { type: string } | undefined, (snapshot as { value: unknown }).value),
    };
  }
}
