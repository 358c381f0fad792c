/**
 * The step-through page (cli/step-through): each state a trace enters is reached by a transition
 * of the machine's generated diagram; the layout of any diagram (the call machines', and one with
 * a cycle and a self-loop) puts no box over another; the page needs nothing from outside itself;
 * `callsim trace --html` writes it and leaves the text as it was. The browser test
 * (test/browser/step-through.test.ts) steps through the page itself.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runReplication, type CallTrace } from '../../engine/run/index.js';
import { loadScenarioFile } from '../../engine/scenario/index.js';
import { DIAGRAM_MACHINES, type MachineDiagram } from '../../engine/machines/index.js';
import { callMachineDiagram } from '../../cli/commands/diagram.js';
import { matchTransition, traceFrames } from '../../cli/step-through/frames.js';
import { layoutDiagram, type Box } from '../../cli/step-through/layout.js';
import { stepThroughHtml, stepThroughPage } from '../../cli/step-through/index.js';
import { everyKindScenario, load } from '../fixtures/run/small-tenant.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'callsim-step-through-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const diagrams = new Map<string, MachineDiagram>(DIAGRAM_MACHINES.map((m) => [m, callMachineDiagram(m)]));

/** The first *limit* calls of replication 0, traced. */
function traced(scenario: { scenario: Parameters<typeof runReplication>[0]; tenant: Parameters<typeof runReplication>[1] }, limit: number): CallTrace[] {
  const out: CallTrace[] = [];
  runReplication(scenario.scenario, scenario.tenant, 7, 0, { trace: { select: (c) => c.callId < limit, onTrace: (t) => out.push(t) } });
  return out;
}

async function library(file: string): Promise<{ scenario: Parameters<typeof runReplication>[0]; tenant: Parameters<typeof runReplication>[1] }> {
  const loaded = await loadScenarioFile(file);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return loaded;
}

const overlap = (a: Box, b: Box): boolean => Math.abs(a.x - b.x) * 2 < a.width + b.width && Math.abs(a.y - b.y) * 2 < a.height + b.height;

describe('step-through frames', () => {
  it('every transition a trace takes is one of its machine diagram, with the same guard', async () => {
    const traces = [
      ...traced(load(everyKindScenario()), 400),
      // EMG001: the emergency machine, then the outbound one, in one trace.
      ...traced(await library('scenarios/no-emergency-policy.yaml'), 60),
      ...traced(await library('scenarios/holidays-and-after-hours.yaml'), 60),
      // The call-queue machine, behind "press 1 for sales".
      ...traced(await library('scenarios/sales-queue.yaml'), 200),
    ];
    const kinds = new Set<string>();
    let taken = 0;
    for (const trace of traces) {
      for (const step of trace.steps) {
        if (step.step !== 'enter' || step.transition === undefined) continue;
        const diagram = diagrams.get(step.machine)!;
        const index = matchTransition(diagram, step.state, step.transition);
        expect(index, `${step.machine} ${step.transition.from} -> ${step.state}`).toBeDefined();
        expect(diagram.transitions[index!]).toMatchObject({ from: step.transition.from, to: step.state, event: step.transition.event });
        expect(diagram.transitions[index!]!.guard).toBe(step.transition.guard);
        kinds.add(step.machine);
        taken++;
      }
      const frames = traceFrames(trace, diagrams);
      expect(frames.at(-1)!.outcome!.id).toBe(trace.outcome);
      expect(frames.filter((f) => f.edge !== undefined)).toHaveLength(trace.steps.filter((s) => s.step === 'enter' && s.transition !== undefined).length);
    }
    expect([...kinds].sort()).toEqual([...DIAGRAM_MACHINES].sort());
    expect(taken).toBeGreaterThan(1000);
  });

  it('an emergency call shows the callback number it reserved on the step that chose it, and the guards it tried first', async () => {
    const trace = traced(await library('scenarios/small-callback-pool.yaml'), 400).find((t) => t.outcome === 'EMG003')!;
    const frame = traceFrames(trace, diagrams).find((f) => f.state === 'onCall')!;
    const edge = diagrams.get('emergency')!.transitions[frame.edge!]!;
    expect([edge.from, edge.to, edge.guard]).toEqual(['choosingCallbackNumber', 'onCall', 'poolHasFreeNumber']);
    expect(frame.lines.find((l) => l.kind === 'effect')?.text).toMatch(/^reserveCallbackNumber \{number: \+1425555\d{4}, .*\} → \{reserved: true, /);
    expect(frame.rejected.map((i) => diagrams.get('emergency')!.transitions[i]!.guard)).toEqual(['callerHoldsCallbackNumber']);
  });
});

describe('the diagram layout', () => {
  const cyclic: MachineDiagram = {
    machine: 'toy',
    initial: 'a',
    states: [
      { name: 'a', final: false },
      { name: 'b', final: false },
      { name: 'c', final: false },
      { name: 'done', final: true, outcome: 'OUT001' },
    ],
    transitions: [
      { from: 'a', to: 'b', event: 'always', actions: [] },
      { from: 'b', to: 'c', event: 'after wait', guard: 'ready', actions: [{ name: 'note', params: { what: 'x' } }] },
      { from: 'c', to: 'a', event: 'retry', actions: [] },
      { from: 'c', to: 'c', event: 'tick', actions: [] },
      { from: 'c', to: 'done', event: 'always', guard: 'finished', actions: [] },
    ],
  };

  for (const diagram of [...diagrams.values(), cyclic]) {
    it(`lays out ${diagram.machine} with no box over another, every state and transition drawn`, () => {
      const layout = layoutDiagram(diagram);
      expect(layout.states.map((s) => s.name)).toEqual(diagram.states.map((s) => s.name));
      expect(layout.transitions.map((t) => t.index)).toEqual(diagram.transitions.map((_, i) => i));
      const boxes: Box[] = [...layout.states, ...layout.transitions.map((t) => t.label)];
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!), `boxes ${i} and ${j}`).toBe(false);
      }
      for (const b of boxes) {
        expect(b.x - b.width / 2).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width / 2).toBeLessThanOrEqual(layout.width);
        expect(b.y + b.height / 2).toBeLessThanOrEqual(layout.height);
      }
      for (const t of layout.transitions) expect(t.path).toMatch(/^M[\d.]+,[\d.]+ [LC]/);
    });
  }

  it('puts a state below every state it is reached from, except along an edge that closes a cycle', () => {
    const layout = layoutDiagram(cyclic);
    const y = new Map(layout.states.map((s) => [s.name, s.y]));
    expect(y.get('a')! < y.get('b')! && y.get('b')! < y.get('c')! && y.get('c')! < y.get('done')!).toBe(true);
  });
});

describe('the page', () => {
  it('needs nothing from outside the file, and no text from a trace can end its script', () => {
    const trace = traced(load(everyKindScenario()), 5)[0]!;
    const hostile = { ...trace, reason: 'a </script><script>alert(1)</script> reason' };
    const html = stepThroughHtml({ title: 'test', traces: [hostile], diagrams: [...diagrams.values()], heading: () => 'heading <b>' });
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\((?!#)/);
    for (const url of html.match(/https?:\/\/[^\s"')]+/g) ?? []) expect(url).toBe('http://www.w3.org/2000/svg');
    expect(html).toContain("default-src 'none'");
  });

  it('draws only the machines its calls ran on', async () => {
    const trace = traced(await library('scenarios/no-emergency-policy.yaml'), 60).find((t) => t.steps.some((s) => s.step === 'enter' && s.machine === 'outbound') && t.kind === 'emergency')!;
    const html = stepThroughPage('test', [trace]);
    expect(html.match(/<svg class="diagram"[^>]*data-machine="(\w+)"/g)?.map((s) => /data-machine="(\w+)"/.exec(s)![1])).toEqual(['emergency', 'outbound']);
  });

  it('shows the steps of a machine it has no diagram for, and says so', async () => {
    const trace = traced(await library('scenarios/no-emergency-policy.yaml'), 60).find((t) => t.steps.some((s) => s.step === 'enter' && s.machine === 'outbound') && t.kind === 'emergency')!;
    const html = stepThroughHtml({ title: 'test', traces: [trace], diagrams: [diagrams.get('emergency')!], heading: () => 'h' });
    expect(html).toContain('No diagram for the outbound machine: its steps are in the timeline.');
    const frames = traceFrames(trace, new Map([['emergency', diagrams.get('emergency')!]]));
    expect(frames.filter((f) => f.machine === 'outbound' && f.state !== null).length).toBeGreaterThan(1);
    expect(frames.filter((f) => f.machine === 'outbound').every((f) => f.edge === undefined)).toBe(true);
  });
});

describe('callsim trace --html', () => {
  it('writes the page and prints the same text as without it', async () => {
    const file = join(dir, 'call.html');
    const args = ['trace', 'scenarios/small-callback-pool.yaml', '--kind', 'emergency', '--no-progress'];
    const plain = await runCli(...args);
    const withPage = await runCli(...args, '--html', file);
    expect([withPage.code, withPage.stderr, withPage.stdout]).toEqual([0, '', plain.stdout]);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('id="diagram-emergency"');
  });

  it('refuses a page it could not write before running anything (exit 2)', async () => {
    const { code, stdout, stderr } = await runCli('trace', 'scenarios/small-callback-pool.yaml', '--html', join(dir, 'no-such-folder', 'call.html'));
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/^callsim trace: cannot write --html .*no-such-folder.*: the folder .* does not exist/);
  });
});
