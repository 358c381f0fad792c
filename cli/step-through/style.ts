/** The step-through page's stylesheet, inlined: system fonts only, nothing fetched. */
export const STEP_THROUGH_STYLE = `
:root { --ink: #1f2328; --muted: #656d76; --line: #8c959f; --current: #0969da; --taken: #1a7f37; --rejected: #cf222e; --visited: #ddf4ff; --paper: #fff; }
* { box-sizing: border-box; }
html, body { height: 100%; }
body { display: flex; flex-direction: column; margin: 0; font: 14px/1.45 system-ui, sans-serif; color: var(--ink); background: #f6f8fa; }
header { padding: 10px 16px; background: var(--paper); border-bottom: 1px solid #d0d7de; }
h1 { font-size: 18px; margin: 0 0 4px; }
h1 .source { font-weight: normal; color: var(--muted); font-size: 14px; margin-left: 8px; }
h2 { font-size: 14px; margin: 12px 0 4px; }
#heading { margin: 4px 0 0; font-family: ui-monospace, monospace; font-size: 12.5px; }
select { max-width: 70vw; }
main { flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(340px, 420px) 1fr; gap: 12px; padding: 12px 16px; align-items: stretch; }
main > * { min-height: 0; }
.side { max-height: 100%; overflow: auto; background: var(--paper); border: 1px solid #d0d7de; border-radius: 6px; padding: 10px; }
.controls { display: flex; align-items: center; gap: 8px; }
.controls button { font: inherit; padding: 4px 10px; border: 1px solid #d0d7de; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
.controls button:disabled { opacity: 0.4; cursor: default; }
#status { flex: 1; text-align: center; color: var(--muted); }
.hint { color: var(--muted); font-size: 12px; margin: 4px 0 8px; }
#detail { border-left: 4px solid var(--current); padding: 4px 8px; margin-bottom: 8px; font-size: 13px; }
#detail h3 { margin: 0 0 2px; font-size: 14px; }
#detail .transition { font-family: ui-monospace, monospace; font-size: 12px; color: var(--muted); margin: 0 0 6px; }
#detail ul { list-style: none; padding: 0; margin: 0; }
#detail li { font-family: ui-monospace, monospace; font-size: 12px; padding: 1px 0; overflow-wrap: anywhere; }
#detail li.guard.true { color: var(--taken); font-weight: 600; }
#detail li.guard.false { color: var(--muted); }
#detail li.effect { background: #fff8c5; padding: 2px 4px; }
#detail li .rule { color: var(--current); margin-left: 6px; }
#detail .final, #detail .outcome { margin-top: 6px; padding: 4px 6px; background: #dafbe1; border-radius: 4px; }
#detail .outcome .id { font-weight: 700; }
#facts { font-family: ui-monospace, monospace; font-size: 11.5px; margin: 4px 0; }
#facts dt { color: var(--muted); } #facts dd { margin: 0 0 2px 12px; overflow-wrap: anywhere; }
#timeline { font-family: ui-monospace, monospace; font-size: 12px; padding-left: 0; list-style: none; margin: 0; }
#timeline li { padding: 1px 4px; cursor: pointer; border-radius: 3px; }
#timeline li .at { color: var(--muted); display: inline-block; min-width: 7.5em; }
#timeline li.machine-start { border-top: 1px dashed var(--line); margin-top: 3px; }
#timeline li.current { background: var(--current); color: #fff; }
#timeline li.current .at { color: #fff; }
.diagrams { min-width: 0; max-height: 100%; overflow: auto; }
.machine { background: var(--paper); border: 1px solid #d0d7de; border-radius: 6px; margin-bottom: 12px; padding: 4px 8px; }
.machine[hidden] { display: none; }
.machine .scroll { overflow-x: auto; }
svg.diagram { display: block; font-family: ui-monospace, 'DejaVu Sans Mono', monospace; }
svg.diagram text { text-anchor: middle; fill: var(--ink); }
svg.diagram .edge { fill: none; stroke: var(--line); stroke-width: 1.2; }
svg.diagram .arrowhead { fill: var(--line); }
svg.diagram .start { fill: var(--ink); }
svg.diagram .edge-label rect { fill: #fff; fill-opacity: 0.92; stroke: #d8dee4; stroke-width: 0.6; }
svg.diagram .edge-label text { fill: #424a53; }
svg.diagram .state rect { fill: #fff; stroke: var(--ink); stroke-width: 1.2; }
svg.diagram .state.final rect.inner { fill: none; }
svg.diagram .state .outcome { font-weight: 700; fill: #6639ba; }
svg.diagram .state.visited rect { fill: var(--visited); }
svg.diagram .state.current rect { fill: var(--current); stroke: var(--current); stroke-width: 2.5; }
svg.diagram .state.current rect.inner { stroke: #fff; }
svg.diagram .state.current text { fill: #fff; }
svg.diagram .edge.passed { stroke: #54aeff; stroke-width: 1.8; }
svg.diagram .edge.taken { stroke: var(--taken); stroke-width: 3.5; }
svg.diagram .edge-label.taken rect { stroke: var(--taken); stroke-width: 2; fill: #dafbe1; fill-opacity: 1; }
svg.diagram .edge.rejected { stroke: var(--rejected); stroke-dasharray: 5 4; stroke-width: 1.6; }
svg.diagram .edge-label.rejected rect { stroke: var(--rejected); stroke-dasharray: 3 2; }
svg.diagram .callout rect { fill: #fff8c5; stroke: #bf8700; stroke-width: 1.2; }
svg.diagram .callout text { text-anchor: start; font-size: 11px; }
.legend { color: var(--muted); font-size: 12px; }
.legend .key { display: inline-block; padding: 0 6px; margin-right: 6px; border-radius: 3px; }
.legend .key.current { background: var(--current); color: #fff; }
.legend .key.taken { border: 2px solid var(--taken); }
.legend .key.rejected { border: 2px dashed var(--rejected); }
.legend .key.visited { background: var(--visited); }
.missing { color: var(--rejected); }
`;
