/**
 * The step-through page of traced calls (docs/traces.md): what `callsim trace --html` writes, for
 * any command that has traces to show. The diagrams are the machines' generated ones
 * (`callsim diagram --format json`), the headings the text trace's.
 */
import { formatTrace, type CallTrace } from '../../engine/run/index.js';
import { DIAGRAM_MACHINES, type CallKind } from '../../engine/machines/index.js';
import { callMachineDiagram } from '../commands/diagram.js';
import { stepThroughHtml } from './page.js';

export { stepThroughHtml, stepThroughCalls, type StepThroughSource, type StepThroughCall } from './page.js';

/** The machines *traces* ran on, in the order first met. */
function machinesOf(traces: readonly CallTrace[]): string[] {
  return [...new Set(traces.flatMap((t) => [t.kind as string, ...t.steps.flatMap((s) => (s.step === 'enter' ? [s.machine] : []))]))];
}

/** The page of *traces*, headed *title* (e.g. `scenarios/seattle.yaml, seed 1, replication 0`). */
export function stepThroughPage(title: string, traces: readonly CallTrace[]): string {
  const diagrams = machinesOf(traces)
    .filter((m): m is CallKind => (DIAGRAM_MACHINES as readonly string[]).includes(m))
    .map((m) => callMachineDiagram(m));
  return stepThroughHtml({ title, traces, diagrams, heading: (trace) => formatTrace(trace).split('\n', 1)[0] ?? '' });
}
