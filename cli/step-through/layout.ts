/**
 * A layered layout of a machine diagram (`callsim diagram --format json`), for the step-through
 * page to draw as SVG. Any machine the diagram describes can be laid out: states in layers by
 * their longest path from the initial state (edges that close a cycle are laid out reversed), each
 * transition's label a box of its own in the layer just past its source (so the labels of one
 * state's choices sit in a row under it, in the order they are tried, and never overlap a state or
 * each other), and long edges bent through placeholder points in the layers they cross. Within a
 * layer, nodes are ordered by the mean position of their neighbours (a few sweeps down and up) and
 * placed as near that mean as the gaps allow. Pure: sizes come from character counts in a
 * monospace font, so the same diagram always gives the same picture.
 */
import { inlineParams, type MachineDiagram } from '../../engine/machines/index.js';

export interface Box {
  /** Centre. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutState extends Box {
  name: string;
  final: boolean;
  initial: boolean;
  outcome?: string;
}

export interface LaidOutTransition {
  /** Index in the diagram's `transitions`. */
  index: number;
  from: string;
  to: string;
  /** The SVG path data, from the source's edge to the target's. */
  path: string;
  label: Box & { lines: string[] };
}

export interface MachineLayout {
  machine: string;
  width: number;
  height: number;
  states: LaidOutState[];
  transitions: LaidOutTransition[];
}

/** Font sizes the SVG uses, and the width of one monospace character (0.6 em). */
export const STATE_FONT = 12;
export const LABEL_FONT = 10.5;
export const LABEL_LINE = 13;
const CHAR = 0.6;
const STATE_HEIGHT = 30;
const FINAL_HEIGHT = 44;
const GAP_X = 14;
const GAP_Y = 16;
const MARGIN = 16;
const SWEEPS = 6;

/** A transition's label, one part a line: event, `[guard {params}]`, then `/ action {params}` each. */
export function labelLines(t: MachineDiagram['transitions'][number]): string[] {
  const lines = [t.event];
  if (t.guard !== undefined) lines.push(`[${t.guard}${t.guardParams === undefined ? '' : ` ${inlineParams(t.guardParams)}`}]`);
  for (const a of t.actions) lines.push(`/ ${a.name}${a.params === undefined ? '' : ` ${inlineParams(a.params)}`}`);
  return lines;
}

interface Node {
  kind: 'state' | 'label' | 'point';
  layer: number;
  width: number;
  height: number;
  x: number;
  /** Neighbours in the layer above and below. */
  up: Node[];
  down: Node[];
  state?: number;
}

const textWidth = (text: string, font: number): number => Math.ceil(text.length * font * CHAR);

export function layoutDiagram(diagram: MachineDiagram): MachineLayout {
  const names = diagram.states.map((s) => s.name);
  const indexOf = new Map(names.map((n, i) => [n, i]));
  const edges = diagram.transitions.map((t, index) => ({ index, from: indexOf.get(t.from) ?? 0, to: indexOf.get(t.to) ?? 0 }));

  // Edges that close a cycle (to a state on the depth-first path), found from the initial state in
  // the order transitions are written; the rest form a DAG that gives the layers.
  const back = new Set<number>();
  const seen = new Array<number>(names.length).fill(0); // 0 new, 1 on the path, 2 done
  const out = names.map((_, i) => edges.filter((e) => e.from === i && e.to !== i));
  const visit = (start: number): void => {
    const stack: { node: number; next: number }[] = [{ node: start, next: 0 }];
    seen[start] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const edge = out[top.node]![top.next++];
      if (edge === undefined) {
        seen[top.node] = 2;
        stack.pop();
      } else if (seen[edge.to] === 1) back.add(edge.index);
      else if (seen[edge.to] === 0) {
        seen[edge.to] = 1;
        stack.push({ node: edge.to, next: 0 });
      }
    }
  };
  const initial = indexOf.get(diagram.initial) ?? 0;
  visit(initial);
  names.forEach((_, i) => seen[i] === 0 && visit(i));

  // Longest path from the sources, over the DAG (back edges reversed).
  const dag = edges.filter((e) => e.from !== e.to).map((e) => (back.has(e.index) ? { from: e.to, to: e.from } : e));
  const rank = new Array<number>(names.length).fill(0);
  const indegree = new Array<number>(names.length).fill(0);
  for (const e of dag) indegree[e.to]!++;
  const ready = names.map((_, i) => i).filter((i) => indegree[i] === 0);
  while (ready.length > 0) {
    const n = ready.shift()!;
    for (const e of dag) {
      if (e.from !== n) continue;
      rank[e.to] = Math.max(rank[e.to]!, rank[n]! + 1);
      if (--indegree[e.to]! === 0) ready.push(e.to);
    }
  }

  const layers: Node[][] = [];
  const place = (node: Node): Node => {
    (layers[node.layer] ??= []).push(node);
    return node;
  };
  const link = (a: Node, b: Node): void => {
    a.down.push(b);
    b.up.push(a);
  };
  const stateNodes = diagram.states.map((s, i) =>
    place({
      kind: 'state',
      layer: 2 * rank[i]!,
      width: Math.max(textWidth(s.name, STATE_FONT), textWidth(s.outcome ?? '', STATE_FONT)) + 20,
      height: s.final ? FINAL_HEIGHT : STATE_HEIGHT,
      x: 0,
      up: [],
      down: [],
      state: i,
    }),
  );
  // Each edge's chain of nodes, top to bottom: source, label, points..., target (reversed for back edges).
  const chains = edges.map((e) => {
    const t = diagram.transitions[e.index]!;
    const lines = labelLines(t);
    const label: Node = {
      kind: 'label',
      layer: 0,
      width: Math.max(...lines.map((l) => textWidth(l, LABEL_FONT))) + 8,
      height: lines.length * LABEL_LINE + 4,
      x: 0,
      up: [],
      down: [],
    };
    const top = back.has(e.index) ? e.to : e.from;
    const bottom = back.has(e.index) ? e.from : e.to;
    const chain: Node[] = [stateNodes[top]!];
    if (top === bottom) {
      label.layer = stateNodes[top]!.layer + 1;
      chain.push(place(label));
    } else {
      // The label sits next to the transition's source: under it, or above it for a back edge.
      const labelLayer = back.has(e.index) ? stateNodes[bottom]!.layer - 1 : stateNodes[top]!.layer + 1;
      for (let layer = stateNodes[top]!.layer + 1; layer < stateNodes[bottom]!.layer; layer++) {
        chain.push(place(layer === labelLayer ? Object.assign(label, { layer }) : { kind: 'point', layer, width: 0, height: 0, x: 0, up: [], down: [] }));
      }
      chain.push(stateNodes[bottom]!);
    }
    for (let i = 1; i < chain.length; i++) if (chain[i] !== chain[i - 1]) link(chain[i - 1]!, chain[i]!);
    return { edge: e, chain, label, lines };
  });

  // Order within layers: mean position of the neighbours, sweeping down and up (stable on ties).
  const position = new Map<Node, number>();
  const renumber = (layer: Node[]): void => layer.forEach((n, i) => position.set(n, i));
  layers.forEach((l) => l && renumber(l));
  const mean = (ns: Node[], fallback: number): number => (ns.length === 0 ? fallback : ns.reduce((s, n) => s + position.get(n)!, 0) / ns.length);
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? layers.keys() : [...layers.keys()].reverse();
    for (const i of order) {
      const layer = layers[i];
      if (layer === undefined) continue;
      const keyed = layer.map((n) => ({ n, key: mean(down ? n.up : n.down, position.get(n)!) }));
      keyed.sort((a, b) => a.key - b.key);
      layers[i] = keyed.map((k) => k.n);
      renumber(layers[i]!);
    }
  }

  // x: packed first, then each node as near the mean of its neighbours as the gaps allow (the
  // mean of a left-to-right and a right-to-left placement keeps every gap).
  const gap = (a: Node, b: Node): number => (a.width + b.width) / 2 + (a.kind === 'point' || b.kind === 'point' ? GAP_X / 2 : GAP_X);
  for (const layer of layers) {
    if (layer === undefined) continue;
    layer.forEach((n, i) => (n.x = i === 0 ? n.width / 2 : layer[i - 1]!.x + gap(layer[i - 1]!, n)));
  }
  for (let sweep = 0; sweep < 4 * SWEEPS; sweep++) {
    const down = sweep % 2 === 0;
    const order = down ? [...layers.keys()] : [...layers.keys()].reverse();
    for (const i of order) {
      const layer = layers[i];
      if (layer === undefined) continue;
      const want = layer.map((n) => {
        const ns = [...(down ? n.up : n.down), ...(sweep > 2 * SWEEPS ? (down ? n.down : n.up) : [])];
        return ns.length === 0 ? n.x : ns.reduce((s, m) => s + m.x, 0) / ns.length;
      });
      const left = want.slice();
      for (let k = 1; k < layer.length; k++) left[k] = Math.max(want[k]!, left[k - 1]! + gap(layer[k - 1]!, layer[k]!));
      const right = want.slice();
      for (let k = layer.length - 2; k >= 0; k--) right[k] = Math.min(want[k]!, right[k + 1]! - gap(layer[k]!, layer[k + 1]!));
      layer.forEach((n, k) => (n.x = (left[k]! + right[k]!) / 2));
    }
  }
  const all = layers.flatMap((l) => l ?? []);
  const minX = Math.min(...all.map((n) => n.x - n.width / 2));
  const maxX = Math.max(...all.map((n) => n.x + n.width / 2));
  for (const n of all) n.x += MARGIN - minX;

  // y: each layer as tall as its tallest node; the initial state's marker needs room above layer 0.
  const layerY: number[] = [];
  let y = MARGIN + 18;
  for (let i = 0; i < layers.length; i++) {
    const height = Math.max(0, ...(layers[i] ?? []).map((n) => n.height));
    layerY[i] = y + height / 2;
    y += height + GAP_Y;
  }
  const yOf = (n: Node): number => layerY[n.layer]!;

  const states: LaidOutState[] = diagram.states.map((s, i) => {
    const n = stateNodes[i]!;
    return { name: s.name, final: s.final, initial: i === initial, ...(s.outcome === undefined ? {} : { outcome: s.outcome }), x: n.x, y: yOf(n), width: n.width, height: n.height };
  });
  const transitions: LaidOutTransition[] = chains.map(({ edge, chain, label, lines }) => {
    // Points along the chain, from the top node's bottom to the bottom node's top.
    const points: { x: number; y: number }[] = [];
    chain.forEach((n, i) => {
      const cy = yOf(n);
      if (i > 0) points.push({ x: n.x, y: cy - n.height / 2 });
      if (i < chain.length - 1) points.push({ x: n.x, y: cy + n.height / 2 });
    });
    if (edge.from === edge.to) {
      // A self-loop: down through its label and back up into the state's side.
      const s = chain[0]!;
      points.push({ x: s.x + s.width / 2, y: yOf(s) });
    }
    if (back.has(edge.index) && edge.from !== edge.to) points.reverse();
    return {
      index: edge.index,
      from: names[edge.from]!,
      to: names[edge.to]!,
      path: curve(points),
      label: { x: label.x, y: yOf(label), width: label.width, height: label.height, lines },
    };
  });
  return { machine: diagram.machine, width: Math.ceil(maxX - minX + 2 * MARGIN), height: Math.ceil(y - GAP_Y + MARGIN), states, transitions };
}

const r = (v: number): string => String(Math.round(v * 10) / 10);

/** A smooth path through *points*: vertical tangents at each, so edges leave and enter boxes straight. */
function curve(points: readonly { x: number; y: number }[]): string {
  const first = points[0];
  if (first === undefined) return '';
  let d = `M${r(first.x)},${r(first.y)}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const dy = (b.y - a.y) / 2;
    d += dy === 0 || a.x === b.x ? ` L${r(b.x)},${r(b.y)}` : ` C${r(a.x)},${r(a.y + dy)} ${r(b.x)},${r(b.y - dy)} ${r(b.x)},${r(b.y)}`;
  }
  return d;
}
