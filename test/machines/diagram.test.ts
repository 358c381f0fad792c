/**
 * `callsim diagram`'s generator: every state, guard and outcome of every call machine is on its
 * diagram, read from the machine's own definition; a final state without an outcome makes it
 * fail, naming the state; docs/machines.md is what it generates now.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { setup, type AnyStateMachine, type AnyStateNode } from 'xstate';
import {
  CALL_OUTCOME_IDS,
  DIAGRAM_MACHINES,
  DiagramError,
  diagramMermaid,
  machineDiagram,
  machines,
  machinesMarkdown,
  type CallKind,
} from '../../engine/machines/index.js';
import { SAMPLES } from './samples.js';
import { finalSnapshots } from '../../engine/kernel/index.js';

/** A call machine's diagram, its outcomes found from the example inputs that reach every final state. */
/** The diagram of *machine* with its outcomes found from *inputs* run to their end. */
const diagramOf = (machine: AnyStateMachine, inputs: readonly unknown[]) => machineDiagram(machine, finalSnapshots(machine, inputs as never[]));
const callMachineDiagram = (kind: CallKind) => machineDiagram(machines[kind], finalSnapshots(machines[kind], SAMPLES[kind]));
const machinesDocument = () => machinesMarkdown(DIAGRAM_MACHINES.map(callMachineDiagram));

/** Guard names on the processed state nodes (xstate's reading of the config, not the generator's). */
function guardsUsed(machine: AnyStateMachine): Set<string> {
  const names = new Set<string>();
  for (const node of Object.values(machine.root.states) as AnyStateNode[]) {
    const transitions = [...node.transitions.values()].flat().concat(node.always ?? []);
    for (const t of transitions) {
      const guard: unknown = t.guard;
      if (typeof guard === 'string') names.add(guard);
      else if (typeof guard === 'object' && guard !== null && 'type' in guard) names.add(String(guard.type));
    }
  }
  return names;
}

describe.each(DIAGRAM_MACHINES)('the %s diagram', (kind) => {
  const machine: AnyStateMachine = machines[kind];
  const diagram = callMachineDiagram(kind);
  const mermaid = diagramMermaid(diagram);

  it('has every state of the machine, in the order of its definition, and starts where it does', () => {
    expect(diagram.machine).toBe(kind);
    expect(diagram.states.map((s) => s.name)).toEqual(Object.keys(machine.root.states));
    expect(diagram.initial).toBe(machine.root.initial.target[0]?.key);
    for (const s of diagram.states) {
      expect(mermaid).toMatch(new RegExp(`^ {2}(\\[\\*\\] --> ${s.name}|${s.name} -->|.* --> ${s.name} :)`, 'm'));
      expect(s.final).toBe(machine.root.states[s.name]?.type === 'final');
    }
  });

  it('gives every final state exactly one outcome ID of its kind, and every outcome of the kind a final state', () => {
    const ids: readonly string[] = CALL_OUTCOME_IDS[kind];
    for (const s of diagram.states) {
      if (s.final) {
        expect(ids, s.name).toContain(s.outcome);
        expect(mermaid).toContain(`  ${s.name} : ${s.outcome}\n  ${s.name} --> [*]\n`);
      } else {
        expect(s.outcome, s.name).toBeUndefined();
      }
    }
    expect(new Set(diagram.states.flatMap((s) => (s.final ? [s.outcome] : [])))).toEqual(new Set(ids));
  });

  it('puts every named guard the machine uses on a transition, and only guards it implements', () => {
    const used = guardsUsed(machine);
    expect(used.size).toBeGreaterThan(0);
    const onDiagram = new Set(diagram.transitions.flatMap((t) => (t.guard === undefined ? [] : [t.guard])));
    expect(onDiagram).toEqual(used);
    for (const guard of onDiagram) expect(Object.keys(machine.implementations.guards)).toContain(guard);
    for (const t of diagram.transitions) if (t.guard !== undefined) expect(mermaid).toContain(`[${t.guard}`);
  });

  it('names the delay of every after transition, and only the machine\'s delays', () => {
    const delays = diagram.transitions.flatMap((t) => (t.event.startsWith('after ') ? [t.event.slice('after '.length)] : []));
    for (const d of delays) expect(Object.keys(machine.implementations.delays)).toContain(d);
    const afterNodes = (Object.values(machine.root.states) as AnyStateNode[]).flatMap((n) => n.after.map((t) => String(t.delay)));
    expect(new Set(delays)).toEqual(new Set(afterNodes));
    // Besides eventless and delayed transitions, only the events the machine's states take (a queue's offer).
    const events = (Object.values(machine.root.states) as AnyStateNode[]).flatMap((n) => Object.keys(n.config.on ?? {}));
    for (const t of diagram.transitions) expect(['always', ...delays.map((d) => `after ${d}`), ...events]).toContain(t.event);
  });

  it('draws every transition between two states of the machine, actions named', () => {
    const names = new Set(diagram.states.map((s) => s.name));
    for (const t of diagram.transitions) {
      expect(names.has(t.from) && names.has(t.to), `${t.from} --> ${t.to}`).toBe(true);
      for (const a of t.actions) expect(Object.keys(machine.implementations.actions)).toContain(a.name);
    }
    expect(mermaid.split('\n').filter((l) => / --> (?!\[\*\])/.test(l) && !l.includes('[*] -->'))).toHaveLength(diagram.transitions.length);
  });
});

describe('the diagram generator', () => {
  it('shows guard parameters and delays, and keeps colons out of Mermaid labels', () => {
    const inbound = diagramMermaid(callMachineDiagram('inbound'));
    expect(inbound).toContain('  handlingInput --> announcing : always [inputSelects {action=Announcement}]\n');
    expect(inbound).toContain('  hungUp --> voicemail : always [endsAs {ending=voicemail}]\n');
    const outbound = callMachineDiagram('outbound');
    expect(outbound.transitions.find((t) => t.from === 'ringing')).toEqual({
      from: 'ringing',
      to: 'talking',
      event: 'after ringTime',
      guard: 'farEndAnswers',
      actions: [{ name: 'markAnswered' }],
    });
    expect(callMachineDiagram('inbound').transitions.find((t) => t.guard === 'inputSelects')?.guardParams).toEqual({ action: 'Announcement' });
    for (const kind of DIAGRAM_MACHINES) {
      for (const line of diagramMermaid(callMachineDiagram(kind)).split('\n').slice(1)) {
        // After the first " : " a Mermaid label may hold no ":", ";" or "#".
        expect(line.split(' : ').slice(1).join(' : '), line).not.toMatch(/[:;#]/);
      }
    }
  });

  it('draws the callback machine as its definition has it', () => {
    expect(callMachineDiagram('callback').transitions.slice(0, 4).map((t) => [t.from, t.to, t.event, t.guard])).toEqual([
      ['routing', 'reachedAutoAttendantViaAccountNumber', 'always', 'dialsResourceAccountNumber'],
      ['routing', 'noReservation', 'always', 'numberHasNoReservation'],
      ['routing', 'ringingCaller', 'always', 'reservationHeldByCaller'],
      ['routing', 'misrouted', 'always', undefined],
    ]);
  });

  const toy = (output: unknown) =>
    setup({ guards: { ok: () => true } }).createMachine({
      id: 'toy',
      initial: 'deciding',
      states: {
        deciding: { always: [{ guard: 'ok', target: 'fine' }, { target: 'broken' }] },
        fine: { type: 'final', output: () => ({ outcome: 'CBK001' }) },
        broken: { type: 'final', output: output as never },
      },
    });

  it('fails loudly, naming the state, when a final state\'s output has no outcome', () => {
    expect(() => diagramOf(toy(() => ({ reason: 'no outcome here' })), [{}])).toThrow(DiagramError);
    expect(() => diagramOf(toy(() => ({ reason: 'no outcome here' })), [{}])).toThrow(/final state broken: its output has no outcome/);
    expect(() => diagramOf(toy(undefined), [{}])).toThrow(/final state broken: it has no output/);
    expect(() => diagramOf(toy(() => { throw new Error('boom'); }), [{}])).toThrow(/final state broken: its output threw: boom/);
  });

  it('fails when a final state\'s outcome depends on the call, or no sample gives it a context', () => {
    const either = ({ context }: { context: unknown }) => ({ outcome: context === undefined ? 'CBK001' : 'CBK002' });
    const depends = setup({ types: { input: {} as { a: number }, context: {} as { a: number } } }).createMachine({
      id: 'depends',
      context: ({ input }) => ({ a: input.a }),
      initial: 'done',
      states: { done: { type: 'final', output: ({ context }) => ({ outcome: context.a === 1 ? 'CBK001' : 'CBK002' }) } },
    });
    expect(() => diagramOf(depends, [{ a: 1 }, { a: 2 }])).toThrow(/final state done: its output gives more than one: CBK001, CBK002/);
    expect(() => diagramOf(toy(either), [])).toThrow(/final state fine: no sample call ends/);
    // The outcome a driven call really ended with must be the one the state's output gives.
    const overridden = setup({}).createMachine({
      id: 'overridden',
      initial: 'done',
      states: { done: { type: 'final', output: () => ({ outcome: 'CBK001' }) } },
      output: () => ({ outcome: 'CBK003' }),
    });
    expect(() => diagramOf(overridden, [{}])).toThrow(/final state done: its output gives more than one: CBK001, CBK003/);
    expect(diagramOf(toy(() => ({ outcome: 'CBK002' })), [{}]).states).toEqual([
      { name: 'deciding', final: false },
      { name: 'fine', final: true, outcome: 'CBK001' },
      { name: 'broken', final: true, outcome: 'CBK002' },
    ]);
  });
});

describe('docs/machines.md', () => {
  it('is what `callsim diagram --markdown` generates now (run npm run diagrams)', () => {
    expect(readFileSync(new URL('../../docs/machines.md', import.meta.url), 'utf8')).toBe(machinesDocument());
  });

  it('holds one mermaid block per machine', () => {
    const text = machinesDocument();
    expect(text.match(/```mermaid\nstateDiagram-v2\n/g)).toHaveLength(5);
    for (const kind of DIAGRAM_MACHINES) expect(text).toContain(`## ${kind}\n\n\`\`\`mermaid\n${diagramMermaid(callMachineDiagram(kind))}\`\`\`\n`);
  });
});
