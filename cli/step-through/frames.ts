/**
 * A call's trace as the step-through page steps through it: one frame per state entered (the
 * event, the guards tried and their values, the caller's input, the effects on shared state, and
 * the transition taken), then a last frame with the outcome and its rule. Each frame names the
 * diagram elements to highlight, found by matching the trace's transition to the machine's
 * generated diagram. All text comes from the trace, so changes to what a trace says flow through.
 */
import { guardRuleId, since, type CallTrace, type TraceStep, type TraceTransition } from '../../engine/run/index.js';
import { inlineParams, type CallKind, type MachineDiagram } from '../../engine/machines/index.js';
import { RULES, isRuleId } from '../../engine/tenant/index.js';
import { plainText } from '../rule-page.js';

export type FrameLine =
  | { kind: 'event' | 'input' | 'note' | 'flow'; text: string }
  | { kind: 'guard'; text: string; value: boolean; rule?: string }
  /** *callout*: the effect's name, then its parameters and (after `→`) what the runtime did, one a line. */
  | { kind: 'effect'; text: string; callout: string[] };

export interface Frame {
  /** `+0:05:01.401`, since the call started. */
  at: string;
  /** The machine the frame is in (a call can go on as another kind). */
  machine: string;
  /** The state entered, or the last state for the outcome frame. */
  state: string | null;
  /** What the timeline lists: `enter onCall`, `outcome EMG003`. */
  title: string;
  /** The transition taken, in words: `choosingCallbackNumber → onCall on always [poolHasFreeNumber]`. */
  transition?: string;
  /** The index of the diagram transition taken, when the diagram has it. */
  edge?: number;
  /** Indexes of diagram transitions whose guard was tried and was false. */
  rejected: number[];
  lines: FrameLine[];
  /** The state is final in the diagram: its outcome and that rule's text. */
  final?: { outcome: string; text: string };
  /** The outcome frame: the call's outcome, reason and rule. */
  outcome?: { id: string; reason: string; rule: string };
}

const guardText = (guard: string, params: unknown): string =>
  `${guard}${params !== null && typeof params === 'object' && Object.keys(params).length > 0 ? ` ${inlineParams(params as Record<string, unknown>)}` : ''}`;

const sameParams = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The diagram transition *taken* into *to*: from its source on its event, the same guard (with the
 * same parameters when the diagram has them as data), or none when the trace's transition had none.
 */
export function matchTransition(diagram: MachineDiagram, to: string, taken: TraceTransition): number | undefined {
  const candidates = diagram.transitions.map((t, i) => ({ t, i })).filter(({ t }) => t.from === taken.from && t.to === to && t.event === taken.event);
  const exact = candidates.find(({ t }) => t.guard === taken.guard && (t.guardParams === undefined || sameParams(t.guardParams, taken.guardParams)));
  return (exact ?? candidates.find(({ t }) => t.guard === taken.guard) ?? candidates[0])?.i;
}

/** Diagram transitions from *state* guarded by *guard* (with *params*), the ones a false guard rejected. */
function rejectedTransitions(diagram: MachineDiagram, state: string, guard: string, params: unknown): number[] {
  return diagram.transitions.flatMap((t, i) =>
    t.from === state && t.guard === guard && (t.guardParams === undefined || sameParams(t.guardParams, params)) ? [i] : [],
  );
}

const entryLines = (prefix: string, record: Record<string, unknown>): string[] =>
  Object.entries(record).map(([k, v]) => `${prefix}${k}: ${v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)}`);

export function traceFrames(trace: CallTrace, diagrams: ReadonlyMap<string, MachineDiagram>): Frame[] {
  const frames: Frame[] = [];
  let lines: FrameLine[] = [];
  let rejected: number[] = [];
  let machine: string = trace.kind;
  let state: string | null = null;
  const at = (step: TraceStep): string => since(trace.startMs, step.atMs);
  for (const step of trace.steps) {
    switch (step.step) {
      case 'event':
        lines.push({ kind: 'event', text: step.event });
        break;
      case 'flow':
        lines.push({ kind: 'flow', text: `call flow: ${step.why} (${step.rule})` });
        break;
      case 'input':
      case 'note':
        lines.push({ kind: step.step, text: step.text });
        break;
      case 'guard': {
        const rule = ruleOf(machine, step.guard, step.params);
        lines.push({ kind: 'guard', text: `${guardText(step.guard, step.params)} = ${step.value}`, value: step.value, ...(rule === undefined ? {} : { rule }) });
        const diagram = diagrams.get(machine);
        if (!step.value && diagram !== undefined) rejected.push(...rejectedTransitions(diagram, step.state, step.guard, step.params));
        break;
      }
      case 'effect':
        lines.push({
          kind: 'effect',
          text: `${step.effect} ${inlineParams(step.params)} → ${inlineParams(step.result)}`,
          callout: [step.effect, ...entryLines('  ', step.params), ...entryLines('  → ', step.result)],
        });
        break;
      case 'enter': {
        machine = step.machine;
        state = step.state;
        const diagram = diagrams.get(machine);
        const t = step.transition;
        const edge = t === undefined || diagram === undefined ? undefined : matchTransition(diagram, step.state, t);
        const final = diagram?.states.find((s) => s.name === step.state && s.final)?.outcome;
        frames.push({
          at: at(step),
          machine,
          state,
          title: `enter ${step.state}`,
          ...(t === undefined
            ? { transition: `${machine} starts in ${step.state}` }
            : { transition: `${t.from} → ${step.state} on ${t.event}${t.guard === undefined ? '' : ` [${guardText(t.guard, t.guardParams)}]`}` }),
          ...(edge === undefined ? {} : { edge }),
          rejected,
          lines,
          ...(final === undefined ? {} : { final: { outcome: final, text: isRuleId(final) ? plainText(RULES[final].text) : '' } }),
        });
        lines = [];
        rejected = [];
        break;
      }
    }
  }
  frames.push({
    at: since(trace.startMs, trace.endMs),
    machine,
    state,
    title: `outcome ${trace.outcome}`,
    rejected,
    lines,
    outcome: { id: trace.outcome, reason: trace.reason, rule: plainText(trace.rule) },
  });
  return frames;
}

/** The rule a guard checks, where the trace's guard map has the machine. */
function ruleOf(machine: string, guard: string, params: unknown): string | undefined {
  try {
    return guardRuleId(machine as CallKind, guard, params);
  } catch {
    // A machine the map does not know yet (one added since): its guards show without a rule.
    return undefined;
  }
}
