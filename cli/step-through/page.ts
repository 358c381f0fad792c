/**
 * The step-through page (`callsim trace ... --html FILE`): one self-contained HTML file that opens
 * from disk with no network (no external script, style or font). The generated diagram of each
 * machine the call ran on, drawn as inline SVG, beside the call's timeline; Next/Previous and the
 * arrow keys step through the frames (cli/step-through/frames.ts), highlighting the state entered
 * and the transition taken, with that step's guard values and effects, and at the end the outcome
 * and its rule. Several traced calls give one page with a choice of call.
 */
import type { CallTrace } from '../../engine/run/index.js';
import type { MachineDiagram } from '../../engine/machines/index.js';
import { traceFrames, type Frame } from './frames.js';
import { layoutDiagram } from './layout.js';
import { diagramSvg, elementId, escapeHtml } from './svg.js';
import { STEP_THROUGH_SCRIPT } from './script.js';
import { STEP_THROUGH_STYLE } from './style.js';

export interface StepThroughCall {
  /** The trace's heading line, as `callsim trace` prints it. */
  heading: string;
  facts: { name: string; value: string }[];
  /** The machines the call ran on, in order (an EMG001 call: emergency, then outbound). */
  machines: string[];
  frames: Frame[];
}

export interface StepThroughSource {
  /** What the page is of, e.g. `scenarios/seattle.yaml, seed 1, replication 0`. */
  title: string;
  traces: readonly CallTrace[];
  /** The diagrams of the machines the traces name; a machine without one shows no diagram. */
  diagrams: readonly MachineDiagram[];
  /** The heading line of a trace (`formatTrace`'s first line), so the page says what the text says. */
  heading(trace: CallTrace): string;
}

/** JSON that can sit inside a `<script>` element: no `</script>`, no `<!--`. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

export function stepThroughCalls(source: StepThroughSource): StepThroughCall[] {
  const byMachine = new Map(source.diagrams.map((d) => [d.machine, d]));
  return source.traces.map((trace) => {
    const frames = traceFrames(trace, byMachine);
    return { heading: source.heading(trace), facts: trace.facts, machines: [...new Set([trace.kind as string, ...frames.map((f) => f.machine)])], frames };
  });
}

/** The whole page, as a string to write. */
export function stepThroughHtml(source: StepThroughSource): string {
  const calls = stepThroughCalls(source);
  const used = new Set(calls.flatMap((c) => c.machines));
  const diagrams = source.diagrams.filter((d) => used.has(d.machine));
  const sections = diagrams.map(
    (d) =>
      `<section class="machine" id="${elementId('machine', d.machine)}" data-machine="${escapeHtml(d.machine)}">` +
      `<h2>${escapeHtml(d.machine)} machine</h2><div class="scroll">${diagramSvg(layoutDiagram(d))}</div></section>`,
  );
  const missing = [...used].filter((m) => !diagrams.some((d) => d.machine === m));
  const choice =
    calls.length > 1
      ? `<label>Call <select id="call">${calls.map((c, i) => `<option value="${i}">${escapeHtml(c.heading)}</option>`).join('')}</select></label>`
      : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>callsim step-through: ${escapeHtml(source.title)}</title>
<style>${STEP_THROUGH_STYLE}</style>
</head>
<body>
<header>
<h1>callsim step-through <span class="source">${escapeHtml(source.title)}</span></h1>
${choice}
<p id="heading"></p>
</header>
<main>
<div class="side">
<nav class="controls" aria-label="step through the call">
<button type="button" id="prev" title="Previous step (← key)">◀ Previous</button>
<span id="status" aria-live="polite"></span>
<button type="button" id="next" title="Next step (→ key)">Next ▶</button>
</nav>
<p class="hint">Arrow keys ← → step; Home and End jump to the start and the outcome.</p>
<section id="detail" aria-live="polite"></section>
<details id="facts-box"><summary>Facts at call start</summary><dl id="facts"></dl></details>
<h2>Timeline</h2>
<ol id="timeline"></ol>
</div>
<div class="diagrams">
${sections.join('\n')}
${missing.length === 0 ? '' : `<p class="missing">No diagram for the ${escapeHtml(missing.join(', '))} machine: its steps are in the timeline.</p>`}
<p class="legend"><span class="key current">current state</span> <span class="key taken">transition taken</span> <span class="key rejected">guard tried, false</span> <span class="key visited">visited</span></p>
</div>
</main>
<script type="application/json" id="callsim-data">${scriptJson({ calls })}</script>
<script>${STEP_THROUGH_SCRIPT}</script>
</body>
</html>
`;
}
