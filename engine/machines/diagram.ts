/**
 * State diagrams of the call machines, generated from their definitions (never drawn by hand):
 * states and transitions are read from `machine.config`, the config given to `createMachine`, in
 * the order it was written. The outcome ID of each final state is read from that state's own
 * `output`, evaluated on the contexts the machine itself built for sample calls run to their end,
 * and checked against the outcomes those calls really ended with. The caller passes the calls'
 * final snapshots (engine/kernel's `finalSnapshots` of engine/machines/examples.ts SAMPLES for the
 * call machines: machines know nothing of the kernel, and the kernel's driver is where xstate's
 * delayed events are read, through its adapter). A final
 * state whose outcome cannot be determined, or is not one ID, makes the generator throw, naming
 * the state. Pure: no I/O.
 */
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { CallKind } from './outcome.js';

export interface DiagramState {
  name: string;
  final: boolean;
  /** The docs/rules.md §3 outcome ID the call ends with in this state (final states only). */
  outcome?: string;
}

export interface DiagramAction {
  name: string;
  /** The action's parameters when the config gives them as data (computed ones are left out). */
  params?: Record<string, unknown>;
}

export interface DiagramTransition {
  from: string;
  to: string;
  /** `always` (taken at once when its guard holds), `after <delay name>`, or an event type. */
  event: string;
  guard?: string;
  guardParams?: Record<string, unknown>;
  actions: DiagramAction[];
}

export interface MachineDiagram {
  machine: string;
  initial: string;
  states: DiagramState[];
  transitions: DiagramTransition[];
}

/** The error the generator throws when a machine's definition cannot be drawn faithfully. */
export class DiagramError extends Error {
  override name = 'DiagramError';
}

export const DIAGRAM_MACHINES = ['inbound', 'outbound', 'emergency', 'callback', 'queue'] as const satisfies readonly CallKind[];

type Config = Record<string, unknown>;

const isRecord = (value: unknown): value is Config => typeof value === 'object' && value !== null && !Array.isArray(value);
const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Keys of a state's config that this generator draws or that carry nothing to draw. */
const KNOWN_STATE_KEYS = new Set(['type', 'output', 'always', 'after', 'on', 'description', 'meta', 'tags']);

function reference(machine: string, state: string, what: 'guard' | 'action', ref: unknown): { name: string; params?: Record<string, unknown> } {
  if (typeof ref === 'string') return { name: ref };
  if (isRecord(ref) && typeof ref.type === 'string') {
    const params = ref.params;
    return isRecord(params) ? { name: ref.type, params } : { name: ref.type };
  }
  throw new DiagramError(`machine ${machine}, state ${state}: a ${what} is not named (an inline function cannot be shown on the diagram)`);
}

function transitionsOf(machine: string, from: string, event: string, group: unknown, stateNames: ReadonlySet<string>): DiagramTransition[] {
  return asList(group).map((raw) => {
    const t: Config = typeof raw === 'string' ? { target: raw } : isRecord(raw) ? raw : {};
    const target = asList(t.target);
    if (target.length > 1 || (target.length === 1 && (typeof target[0] !== 'string' || !stateNames.has(target[0])))) {
      throw new DiagramError(`machine ${machine}, state ${from}: the ${event} transition's target ${JSON.stringify(t.target)} is not a sibling state`);
    }
    const to = target.length === 0 ? from : (target[0] as string);
    const guard = t.guard === undefined ? undefined : reference(machine, from, 'guard', t.guard);
    return {
      from,
      to,
      event,
      ...(guard === undefined ? {} : { guard: guard.name }),
      ...(guard?.params === undefined ? {} : { guardParams: guard.params }),
      actions: asList(t.actions).map((a) => reference(machine, from, 'action', a)),
    };
  });
}

interface Ending {
  state: string;
  context: unknown;
  outcome: unknown;
}

function endings(finals: readonly AnyMachineSnapshot[]): Ending[] {
  return finals.flatMap((snapshot) => {
    if (snapshot.status !== 'done' || typeof snapshot.value !== 'string') return [];
    const output: unknown = snapshot.output;
    return [{ state: snapshot.value, context: snapshot.context, outcome: isRecord(output) ? output.outcome : undefined }];
  });
}

/**
 * The one outcome ID of a final state: its `output` (data, or a function of the context) evaluated
 * on every context the samples ended with; every evaluation, and every sample that ended in the
 * state, must give the same ID.
 */
function outcomeOf(machine: string, state: string, config: Config, ends: readonly Ending[]): string {
  const fail = (why: string): never => {
    throw new DiagramError(`machine ${machine}: cannot determine the outcome ID of final state ${state}: ${why}`);
  };
  const output = config.output;
  if (output === undefined) fail('it has no output');
  const found = new Set<unknown>();
  const evaluate = (context: unknown): unknown => {
    let value: unknown;
    try {
      value = typeof output === 'function' ? (output as (args: unknown) => unknown)({ context, event: { type: 'xstate.diagram' }, self: undefined }) : output;
    } catch (error) {
      return fail(`its output threw: ${error instanceof Error ? error.message : String(error)}`);
    }
    return isRecord(value) ? value.outcome : undefined;
  };
  if (typeof output === 'function') {
    if (ends.length === 0) fail('no sample call ends, so its output has no context to be evaluated on');
    for (const end of ends) found.add(evaluate(end.context));
  } else {
    found.add(evaluate(undefined));
  }
  // The machine's own output, when it hands the final state's up (the call machines all do).
  for (const end of ends) if (end.state === state && end.outcome !== undefined) found.add(end.outcome);
  const ids = [...found];
  if (ids.some((id) => typeof id !== 'string' || id === '')) fail('its output has no outcome');
  if (ids.length !== 1) fail(`its output gives more than one: ${ids.join(', ')}`);
  return ids[0] as string;
}

/**
 * The diagram of *machine* (flat machines only: states with `always`, `after` and `on`
 * transitions), with its final states' outcome IDs found from *finals*, the last snapshots of
 * sample calls run to their end (the kernel's `finalSnapshots`, which runs them on the same
 * executor as a simulation).
 */
export function machineDiagram(machine: AnyStateMachine, finals: readonly AnyMachineSnapshot[]): MachineDiagram {
  const config = machine.config as Config;
  const name = typeof config.id === 'string' ? config.id : machine.id;
  const states = isRecord(config.states) ? config.states : {};
  const stateNames = new Set(Object.keys(states));
  if (typeof config.initial !== 'string' || !stateNames.has(config.initial)) {
    throw new DiagramError(`machine ${name}: its initial state ${JSON.stringify(config.initial)} is not one of its states`);
  }
  const ends = endings(finals);
  const diagram: MachineDiagram = { machine: name, initial: config.initial, states: [], transitions: [] };
  for (const [stateName, rawState] of Object.entries(states)) {
    const state = isRecord(rawState) ? rawState : {};
    for (const key of Object.keys(state)) {
      if (!KNOWN_STATE_KEYS.has(key)) throw new DiagramError(`machine ${name}, state ${stateName}: the diagram cannot show its "${key}"`);
    }
    const final = state.type === 'final';
    diagram.states.push(final ? { name: stateName, final, outcome: outcomeOf(name, stateName, state, ends) } : { name: stateName, final });
    for (const key of Object.keys(state)) {
      if (key === 'always') diagram.transitions.push(...transitionsOf(name, stateName, 'always', state.always, stateNames));
      if ((key === 'after' || key === 'on') && isRecord(state[key])) {
        for (const [trigger, group] of Object.entries(state[key])) {
          const event = key === 'after' ? `after ${trigger}` : trigger;
          diagram.transitions.push(...transitionsOf(name, stateName, event, group, stateNames));
        }
      }
    }
  }
  return diagram;
}

/** Parameters inline, as traces show them: `{action: Announcement}`; Mermaid gets *separator* `=`. */
export function inlineParams(params: Record<string, unknown>, separator = ': '): string {
  const value = (v: unknown): string => (typeof v === 'string' ? v : isRecord(v) ? inlineParams(v, separator) : JSON.stringify(v));
  return `{${Object.entries(params)
    .map(([k, v]) => `${k}${separator}${value(v)}`)
    .join(', ')}}`;
}

/**
 * A transition's Mermaid label: `event [guard {param=value}] / action {param=value}, action`.
 * Mermaid ends a label at `:` or `;` (and reads `#` as an entity), so parameters are written
 * `name=value` and none of the three reaches it.
 */
export function transitionLabel(t: DiagramTransition): string {
  const withParams = (name: string, params: Record<string, unknown> | undefined) =>
    `${name}${params === undefined ? '' : ` ${inlineParams(params, '=')}`}`;
  const guard = t.guard === undefined ? '' : ` [${withParams(t.guard, t.guardParams)}]`;
  const actions = t.actions.map((a) => withParams(a.name, a.params)).join(', ');
  return `${t.event}${guard}${actions === '' ? '' : ` / ${actions}`}`.replace(/[:;#]/g, ' ');
}

/** Mermaid `stateDiagram-v2` text of *diagram*. */
export function diagramMermaid(diagram: MachineDiagram): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${diagram.initial}`];
  for (const t of diagram.transitions) lines.push(`  ${t.from} --> ${t.to} : ${transitionLabel(t)}`);
  for (const s of diagram.states) {
    if (!s.final) continue;
    lines.push(`  ${s.name} : ${s.outcome ?? ''}`, `  ${s.name} --> [*]`);
  }
  return `${lines.join('\n')}\n`;
}

/** docs/machines.md: how to read the diagrams, then one Mermaid block per diagram. */
export function machinesMarkdown(diagrams: readonly MachineDiagram[]): string {
  const intro = `# The call machines

<!-- Generated by \`callsim diagram --markdown\` (npm run diagrams): do not edit by hand. -->

One state diagram per call machine (engine/machines), generated from the machine's XState
definition by \`callsim diagram\`; a test fails when this file no longer matches the machines.
Regenerate it with \`npm run diagrams\` (which builds and runs
\`node dist/cli/main.js diagram --markdown > docs/machines.md\`).

How to read them:

- \`[*] -->\` marks the state a call starts in; \`--> [*]\` marks a final state, labelled with the
  docs/rules.md §3 outcome ID the call ends with there.
- A transition's label is \`event [guard] / actions\`. The event is \`always\` (taken as soon as
  the state is entered, when its guard holds) or \`after <delay>\` (taken when the named delay has
  passed, e.g. \`after ringTime\`). The guard is a named guard of the machine, with its parameters
  where it has some (\`inputSelects {action=Announcement}\`: Mermaid labels cannot hold a colon); the
  actions are named actions, with their parameters where the definition gives them as data.
- A state's transitions are tried in the order they are written, top to bottom in
  \`callsim diagram MACHINE --format json\`: the first whose guard holds (or that has none) is
  taken. \`callsim trace\` shows the same guards and states for one call.
`;
  const sections = diagrams.map((d) => `\n## ${d.machine}\n\n\`\`\`mermaid\n${diagramMermaid(d)}\`\`\`\n`);
  return `${intro}${sections.join('')}`;
}
