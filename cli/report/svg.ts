/**
 * Vega-Lite specs rendered to plain SVG text at report time, in Node, so that the page holds
 * inline SVG and needs no script and no network to show its charts. Vega's SVG renderer needs no
 * canvas; text widths are estimated, which is close enough for axis labels.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** The look every chart shares. */
const CONFIG = {
  font: 'system-ui, sans-serif',
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#e5e5e5' },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom' },
  view: { stroke: '#ccc' },
} as const;

/**
 * *spec* as an SVG element. *prefix* keeps the SVG's own ids (clip paths) apart from those of
 * the page's other charts. Every data mark gets its `description` both as `aria-label` (Vega's)
 * and as a `<title>`, which browsers show on hover: the figures behind a mark, without a script.
 */
export async function renderSvg(spec: TopLevelSpec, prefix: string): Promise<string> {
  // Warnings (an empty layer's extent, say) are about a chart with nothing to draw, which the page says in words.
  const compiled = compile({ ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec, { logger: vega.logger(vega.None) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.None });
  try {
    const svg = await view.toSVG();
    return withTitles(svg)
      .replace(/\sid="([^"]+)"/g, ` id="${prefix}-$1"`)
      .replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`);
  } finally {
    view.finalize();
  }
}

/** Adds a `<title>` child, with the mark's aria-label, to each self-closed data mark. */
function withTitles(svg: string): string {
  return svg.replace(
    /<(path|circle|line|rect)(\s[^>]*?aria-label="([^"]*)"[^>]*?role="graphics-symbol"[^>]*?)\/>/g,
    (_match, tag: string, attributes: string, label: string) => `<${tag}${attributes}><title>${label}</title></${tag}>`,
  );
}
