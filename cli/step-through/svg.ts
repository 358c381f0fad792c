/**
 * A machine's laid-out diagram as inline SVG: states as boxes (final ones with their outcome ID),
 * transitions as curves with their event, guard and actions on a label. Every element the page
 * highlights carries data attributes to find it by: `data-state` on a state, `data-edge` (the
 * transition's index in the diagram) on a transition's curve and its label.
 */
import { LABEL_FONT, LABEL_LINE, STATE_FONT, type MachineLayout } from './layout.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** An element id made of *parts*: characters an id or a CSS selector would trip on become `_`. */
export function elementId(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9_-]/g, '_')).join('-');
}

const n = (v: number): string => String(Math.round(v * 10) / 10);

export function diagramSvg(layout: MachineLayout): string {
  const m = escapeHtml(layout.machine);
  const arrow = elementId('arrow', layout.machine);
  const out: string[] = [];
  out.push(
    `<svg class="diagram" id="${elementId('diagram', layout.machine)}" data-machine="${m}" xmlns="http://www.w3.org/2000/svg" ` +
      `width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="state diagram of the ${m} machine">`,
    `<defs><marker id="${arrow}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>`,
  );
  for (const t of layout.transitions) {
    out.push(`<path class="edge" data-edge="${t.index}" d="${t.path}" marker-end="url(#${arrow})"><title>${escapeHtml(`${t.from} → ${t.to}: ${t.label.lines.join(' ')}`)}</title></path>`);
  }
  for (const t of layout.transitions) {
    const { x, y, width, height, lines } = t.label;
    const top = y - height / 2;
    out.push(
      `<g class="edge-label" data-edge="${t.index}"><rect x="${n(x - width / 2)}" y="${n(top)}" width="${n(width)}" height="${n(height)}" rx="3"/>` +
        lines.map((line, i) => `<text x="${n(x)}" y="${n(top + 2 + (i + 1) * LABEL_LINE - 3)}" font-size="${LABEL_FONT}">${escapeHtml(line)}</text>`).join('') +
        '</g>',
    );
  }
  for (const s of layout.states) {
    const left = s.x - s.width / 2;
    const top = s.y - s.height / 2;
    const classes = ['state', ...(s.final ? ['final'] : []), ...(s.initial ? ['initial'] : [])].join(' ');
    if (s.initial) {
      out.push(`<circle class="start" cx="${n(s.x)}" cy="${n(top - 14)}" r="4"/><path class="edge start-edge" d="M${n(s.x)},${n(top - 10)} L${n(s.x)},${n(top)}" marker-end="url(#${arrow})"/>`);
    }
    out.push(
      `<g class="${classes}" id="${elementId('state', layout.machine, s.name)}" data-state="${escapeHtml(s.name)}">` +
        `<rect x="${n(left)}" y="${n(top)}" width="${n(s.width)}" height="${n(s.height)}" rx="${s.final ? 2 : 8}"/>` +
        (s.final ? `<rect class="inner" x="${n(left + 3)}" y="${n(top + 3)}" width="${n(s.width - 6)}" height="${n(s.height - 6)}" rx="1"/>` : '') +
        `<text x="${n(s.x)}" y="${n(s.final ? top + 18 : s.y + 4)}" font-size="${STATE_FONT}">${escapeHtml(s.name)}</text>` +
        (s.outcome === undefined ? '' : `<text class="outcome" x="${n(s.x)}" y="${n(top + 34)}" font-size="${STATE_FONT}">${escapeHtml(s.outcome)}</text>`) +
        '</g>',
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
