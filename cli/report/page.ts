/**
 * `callsim report`: one self-contained HTML page from a results document (outcomes with their
 * rule IDs and 95% intervals, the credit balance, the callback pools with their displacements
 * and the callbacks those misrouted, inbound calls by hour of the week) or from a comparison
 * document (each moved figure with its paired interval). The charts are inline SVG and the page
 * has no script and loads nothing: it opens from disk, offline, as it is.
 */
import { utcOffsetMs } from '../../engine/workload/index.js';
import { OUTCOME_LABELS } from '../commands/run.js';
import { formatFigure } from '../format-figure.js';
import type { ComparisonDocument, ReportInput, ResultsDocument } from '../results-document.js';
import { balanceSpec, differenceSpec, hourOfWeekSpec, hourOfWeekText, outcomesSpec, poolSpec, type WallClock } from './charts.js';
import { renderSvg } from './svg.js';

const KINDS: readonly [kind: string, title: string][] = [
  ['outbound', 'Outbound calls'],
  ['inbound', 'Inbound calls'],
  ['emergency', 'Emergency calls'],
  ['callback', 'Emergency service callbacks'],
];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1000px; color: #222; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; } h3 { font-size: 15px; }
table { border-collapse: collapse; margin: 8px 0 16px; } td, th { padding: 3px 8px; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.meta { color: #555; } figure { margin: 8px 0; overflow-x: auto; } figcaption { color: #555; font-size: 13px; }
tr:target { background: #fff3b0; } code { font-size: 13px; } .sig { color: #d62728; font-weight: bold; }
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function span(ms: number): string {
  const day = 86_400_000;
  if (ms % day === 0) return `${ms / day} day${ms === day ? '' : 's'}`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  return `${Math.round(ms / 60_000)} min`;
}

function ci(lower: number | null, upper: number | null): string {
  return lower === null || upper === null ? '-' : `[${formatFigure(lower)}, ${formatFigure(upper)}]`;
}

/** The report of a results document or a comparison document, as the whole HTML text. */
export async function renderReport(input: ReportInput): Promise<string> {
  return input.kind === 'results' ? renderResults(input.document) : renderComparison(input.document);
}

/** The scenario's local wall clock and how to name it. */
function clockOf(doc: ResultsDocument): { wall: WallClock; zone: string } {
  const { startEpochMs, timeZone, startOffsetMinutes } = doc.series;
  if (timeZone === null) {
    const sign = startOffsetMinutes < 0 ? '-' : '+';
    const abs = Math.abs(startOffsetMinutes);
    return {
      wall: (ms) => startEpochMs + ms + startOffsetMinutes * 60_000,
      zone: `local time (UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')})`,
    };
  }
  return { wall: (ms) => startEpochMs + ms + utcOffsetMs(timeZone, startEpochMs + ms), zone: `local time, ${timeZone}` };
}

async function renderResults(doc: ResultsDocument): Promise<string> {
  const parts: string[] = [];
  const { wall, zone } = clockOf(doc);
  const at = (ms: number): string => new Date(wall(ms)).toISOString().slice(0, 16).replace('T', ' ');
  const s = doc.series;
  parts.push(`<h1>${escapeHtml(doc.scenario.name)}</h1>`);
  if (doc.scenario.description !== '') parts.push(`<p>${escapeHtml(doc.scenario.description)}</p>`);
  parts.push(
    `<p class="meta">${escapeHtml(doc.scenario.file)}: seed ${doc.seed}, ${doc.replications} replication${doc.replications === 1 ? '' : 's'} of ${span(doc.horizonMs)}` +
      `${doc.warmupMs > 0 ? ` after a ${span(doc.warmupMs)} warm-up (shaded grey on the charts)` : ''}. Figures are means over the replications with their 95% Student t intervals; ` +
      `the charts over time show replication ${s.replication}, one sample of the run. Outcome IDs are those of docs/rules.md.</p>`,
  );

  parts.push('<h2 id="outcomes">Outcomes per call kind</h2>');
  for (const [kind, title] of KINDS) {
    const calls = doc.metrics[`${kind}.calls`];
    const prefix = `${kind}.outcome.`;
    const rows = Object.entries(doc.metrics)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, m]) => ({ id: name.slice(prefix.length), m }));
    parts.push(`<h3 id="outcomes-${kind}">${title}: ${formatFigure(calls?.mean ?? null)} calls per replication (95% CI ${ci(calls?.lower ?? null, calls?.upper ?? null)})</h3>`);
    const shown = rows.filter((r) => r.m.values.some((v) => v !== null && v !== 0));
    if (shown.length > 0) {
      const bars = shown.map((r) => ({ id: r.id, label: OUTCOME_LABELS[r.id] ?? '', mean: r.m.mean ?? 0, lower: r.m.lower, upper: r.m.upper }));
      parts.push(`<figure class="chart" id="chart-outcomes-${kind}" data-chart="outcomes" data-kind="${kind}">${await renderSvg(outcomesSpec(title, bars), `outcomes-${kind}`)}</figure>`);
    }
    parts.push('<table><tr><th>outcome</th><th>meaning</th><th>mean</th><th>95% CI</th></tr>');
    for (const r of rows) {
      parts.push(
        `<tr><td><code>${escapeHtml(r.id)}</code></td><td>${escapeHtml(OUTCOME_LABELS[r.id] ?? '')}</td><td class="n">${formatFigure(r.m.mean)}</td><td class="n">${ci(r.m.lower, r.m.upper)}</td></tr>`,
      );
    }
    parts.push('</table>');
  }

  parts.push('<h2 id="credits">Communications Credits</h2>');
  const recharges = s.creditEvents.filter((e) => e.kind === 'recharge').length;
  parts.push(
    `<p>Balance over simulated time in replication ${s.replication}, sampled every ${span(s.stepMs)} (line: the balance at each interval's end; band: lowest and highest within it). ` +
      `Marked: ${recharges} auto-recharge${recharges === 1 ? '' : 's'}, ${s.creditEvents.length - recharges} other credit events${s.omitted.creditEvents > 0 ? ` (${s.omitted.creditEvents} more not kept)` : ''}. ` +
      `Mean over replications: ${formatFigure(doc.metrics['credits.meanBalance']?.mean ?? null)} ${escapeHtml(s.currency)}; recharges ${formatFigure(doc.metrics['credits.recharges']?.mean ?? null)}.</p>`,
  );
  parts.push(
    `<figure class="chart" id="chart-credits" data-chart="credits">${await renderSvg(balanceSpec({ currency: s.currency, points: s.balance, events: s.creditEvents, warmupMs: doc.warmupMs, wall, zone }), 'credits')}</figure>`,
  );

  parts.push('<h2 id="pools">Callback number pools</h2>');
  if (s.pools.length === 0) parts.push('<p>No Shared Calling policy has emergency callback numbers: emergency calls present the resource account\'s number (EMG005).</p>');
  for (const [i, pool] of s.pools.entries()) {
    const displacements = s.displacements.filter((d) => d.policy === pool.policy);
    const numbers = new Set(displacements.map((d) => d.number));
    const callbacks = s.misroutedCallbacks.filter((c) => (c.displacement === null ? numbers.has(c.number) || s.pools.length === 1 : displacements.some((d) => d.id === c.displacement)));
    parts.push(
      `<h3>${escapeHtml(pool.policy)}</h3><p>Reserved numbers in replication ${s.replication}, sampled every ${span(s.stepMs)}. ` +
        `Red triangles: a number taken from its holder (EMG004), each linked by a red line to the callbacks it misrouted (purple circles: CBK001 that rang someone else). Click one for its row below.</p>`,
    );
    parts.push(
      `<figure class="chart" id="chart-pool-${i}" data-chart="pool" data-policy="${escapeHtml(pool.policy)}">${await renderSvg(
        poolSpec({ policy: pool.policy, reserved: pool.reserved, size: pool.size, displacements, callbacks, warmupMs: doc.warmupMs, wall, zone }),
        `pool-${i}`,
      )}</figure>`,
    );
    if (displacements.length > 0) {
      parts.push('<table><tr><th>displacement</th><th>local time</th><th>number</th><th>taken from</th><th>taken by</th><th>callbacks it misrouted</th></tr>');
      for (const d of displacements) {
        const links = d.misroutedCallbacks.map((n) => `<a href="#callback-${n}">call ${n}</a>`).join(', ');
        parts.push(
          `<tr id="displacement-${d.id}"><td>EMG004 #${d.id}</td><td>${at(d.atMs)}</td><td>${escapeHtml(d.number)}</td><td>${escapeHtml(d.lost)}</td><td>${escapeHtml(d.took)}</td><td>${links === '' ? 'none' : links}</td></tr>`,
        );
      }
      parts.push('</table>');
    }
    if (callbacks.length > 0) {
      parts.push('<table><tr><th>misrouted callback</th><th>local time</th><th>number</th><th>for</th><th>rang</th><th>because of</th></tr>');
      for (const c of callbacks) {
        const cause = c.displacement === null ? 'the reservation had ended and another call took the number' : `<a href="#displacement-${c.displacement}">displacement #${c.displacement}</a>`;
        parts.push(
          `<tr id="callback-${c.call}"><td>CBK001 call ${c.call}</td><td>${at(c.atMs)}</td><td>${escapeHtml(c.number)}</td><td>${escapeHtml(c.caller)}</td><td>${escapeHtml(c.rang)}</td><td>${cause}</td></tr>`,
        );
      }
      parts.push('</table>');
    }
  }
  if (s.omitted.displacements + s.omitted.misroutedCallbacks > 0) {
    parts.push(`<p>Not kept (past the first 1000 of each): ${s.omitted.displacements} displacements, ${s.omitted.misroutedCallbacks} misrouted callbacks.</p>`);
  }

  parts.push('<h2 id="inbound-hours">Inbound calls by hour of the week</h2>');
  const busiest = Object.values(s.inboundByHourOfWeek)
    .reduce<number[]>((sum, hours) => hours.map((n, h) => n + (sum[h] ?? 0)), [])
    .reduce((best, n, h, all) => (n > (all[best] ?? 0) ? h : best), 0);
  parts.push(`<p>Counted inbound calls by the local hour they started in and the call flow their auto attendant ran, mean per replication; the busiest hour is ${hourOfWeekText(busiest)}.</p>`);
  parts.push(`<figure class="chart" id="chart-inbound-hours" data-chart="inbound-hours">${await renderSvg(hourOfWeekSpec(s.inboundByHourOfWeek, zone), 'inbound-hours')}</figure>`);

  if (doc.expectations.length > 0) {
    parts.push('<h2 id="expectations">Expectations</h2><table><tr><th></th><th>metric</th><th>observed</th><th></th></tr>');
    for (const e of doc.expectations) {
      parts.push(`<tr><td>${e.passed ? 'pass' : '<b>FAIL</b>'}</td><td><code>${escapeHtml(e.metric)}</code></td><td class="n">${formatFigure(e.observed)}</td><td>${escapeHtml(e.message)}</td></tr>`);
    }
    parts.push('</table>');
  }
  return page(`callsim report: ${doc.scenario.name}`, parts.join('\n'));
}

async function renderComparison(doc: ComparisonDocument): Promise<string> {
  const parts: string[] = [];
  const moved = doc.metrics.filter((c) => c.a.mean !== c.b.mean);
  parts.push(`<h1>What changes: ${escapeHtml(doc.b.name)}</h1>`);
  parts.push(
    `<p class="meta">A: ${escapeHtml(doc.a.name)} (${escapeHtml(doc.a.file)})<br>B: ${escapeHtml(doc.b.name)} (${escapeHtml(doc.b.file)})<br>` +
      `seed ${doc.seed}, ${doc.replications} paired replications (common random numbers); the difference B - A with its paired 95% CI. ` +
      `<span class="sig">*</span> marks an interval that leaves out 0. ${doc.metrics.length - moved.length} figures are the same in both and are not shown.</p>`,
  );
  if (moved.length === 0) {
    parts.push('<p>No figure moved.</p>');
    return page(`callsim compare: ${doc.a.name} / ${doc.b.name}`, parts.join('\n'));
  }
  const figures = moved.map((c) => ({ metric: c.metric, mean: c.difference.mean ?? 0, lower: c.difference.lower, upper: c.difference.upper }));
  parts.push(`<figure class="chart" id="chart-differences" data-chart="differences">${await renderSvg(differenceSpec(figures), 'differences')}</figure>`);
  parts.push('<table><tr><th></th><th>metric</th><th>A</th><th>B</th><th>B - A</th><th>paired 95% CI</th></tr>');
  for (const c of moved) {
    const d = c.difference;
    const significant = d.lower !== null && d.upper !== null && (d.lower > 0 || d.upper < 0);
    parts.push(
      `<tr><td class="sig">${significant ? '*' : ''}</td><td><code>${escapeHtml(c.metric)}</code></td><td class="n">${formatFigure(c.a.mean)}</td><td class="n">${formatFigure(c.b.mean)}</td><td class="n">${formatFigure(d.mean)}</td><td class="n">${ci(d.lower, d.upper)}</td></tr>`,
    );
  }
  parts.push('</table>');
  return page(`callsim compare: ${doc.a.name} / ${doc.b.name}`, parts.join('\n'));
}
