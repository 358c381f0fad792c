/**
 * The HTML report (callsim report, run --html) opened from disk in headless Chromium: the charts
 * drew, with one mark per figure of the results document and each mark's text matching the
 * figure; the page made no request and logged no error. CALLSIM_SCREENSHOTS=1 also saves
 * docs/images/report.png and docs/images/report-pool.png (the README shows them).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportOf } from '../../cli/commands/report.js';
import { formatFigure } from '../../cli/format-figure.js';
import { resultsDocument, type ResultsDocument } from '../../cli/results-document.js';
import { runScenario } from '../../engine/run/index.js';
import { loadScenarioFile } from '../../engine/scenario/index.js';
import { chromiumPath, launchChromium, openFromDisk, type OpenedPage } from './chromium.js';

const SCREENSHOTS = process.env['CALLSIM_SCREENSHOTS'] === '1';
const DAY = 86_400_000;

/** A short library run's results document (as `--json` writes it) and its report on disk. */
async function report(dir: string, scenario: string, replications: number, horizonMs: number): Promise<{ file: string; doc: ResultsDocument }> {
  const loaded = await loadScenarioFile(`scenarios/${scenario}.yaml`);
  if (!loaded.ok) throw new Error(`scenarios/${scenario}.yaml does not load`);
  const doc = JSON.parse(JSON.stringify(resultsDocument(runScenario(loaded, { replications, horizonMs })))) as ResultsDocument;
  const file = join(dir, `${scenario}.html`);
  writeFileSync(file, await reportOf(doc, `scenarios/${scenario}.yaml`));
  return { file, doc };
}

/** The aria-labels of the data marks of the chart *selector*, whose role is *role* (bar, point). */
async function marks(opened: OpenedPage, selector: string, role: string): Promise<string[]> {
  return opened.page.locator(`${selector} svg [role="graphics-symbol"][aria-roledescription="${role}"]`).evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
}

function interval(lower: number | null, upper: number | null): string {
  return lower === null || upper === null ? 'no interval (one replication)' : `95% CI [${formatFigure(lower)}, ${formatFigure(upper)}]`;
}

describe.skipIf(chromiumPath === undefined)('the HTML report in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callsim-report-'));
  let browser: Browser;
  let seattle: { file: string; doc: ResultsDocument };
  let pool: { file: string; doc: ResultsDocument };

  beforeAll(async () => {
    [seattle, pool] = await Promise.all([report(dir, 'seattle', 2, 7 * DAY), report(dir, 'small-callback-pool', 2, 3 * DAY)]);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws one bar per outcome with its mean and 95% interval, the balance with its recharges, and inbound calls by hour', async () => {
    const opened = await openFromDisk(browser, seattle.file);
    const { doc } = seattle;
    for (const kind of ['outbound', 'inbound', 'emergency', 'callback']) {
      const expected = Object.entries(doc.metrics)
        .filter(([name, m]) => name.startsWith(`${kind}.outcome.`) && m.values.some((v) => v !== null && v !== 0))
        .map(([name, m]) => `${name.split('.').pop()}: mean ${formatFigure(m.mean)} calls, ${interval(m.lower, m.upper)}`);
      expect(await marks(opened, `figure[data-kind="${kind}"]`, 'bar'), kind).toEqual(expected);
    }

    // Recharges: one marked point per credit event of replication 0, with the balance after it.
    const events = doc.series.creditEvents;
    expect(events.length).toBeGreaterThan(0);
    const points = await marks(opened, '#chart-credits', 'point');
    expect(points).toHaveLength(events.length);
    for (const [i, e] of events.entries()) expect(points[i]).toContain(`balance after: ${formatFigure(e.balance)}`);

    // Inbound calls by hour: one bar per (flow, hour) with calls; their means add up to inbound.calls.
    const hours = await marks(opened, '#chart-inbound-hours', 'bar');
    const cells = Object.values(doc.series.inboundByHourOfWeek).flatMap((h) => h.filter((n) => n > 0));
    expect(hours).toHaveLength(cells.length);
    const total = hours.reduce((sum, label) => sum + Number(/mean ([\d.]+) calls/.exec(label)?.[1]), 0);
    expect(total).toBeCloseTo(doc.metrics['inbound.calls']?.mean ?? NaN, 6);

    // The charts have size on the page, and the page is quiet and offline.
    const box = await opened.page.locator('#chart-credits svg').boundingBox();
    expect(box?.width).toBeGreaterThan(400);
    expect(box?.height).toBeGreaterThan(100);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
    if (SCREENSHOTS) await opened.page.screenshot({ path: 'docs/images/report.png', fullPage: true });
    await opened.page.close();
  });

  it('marks each displacement and links it to the callbacks it misrouted', async () => {
    const opened = await openFromDisk(browser, pool.file);
    const { series } = pool.doc;
    const linked = series.misroutedCallbacks.filter((c) => c.displacement !== null);
    expect(series.displacements.length).toBeGreaterThan(0);
    expect(linked.length).toBeGreaterThan(0);
    const points = await marks(opened, 'figure[data-chart="pool"]', 'point');
    expect(points.filter((l) => l.startsWith('EMG004'))).toHaveLength(series.displacements.length);
    expect(points.filter((l) => l.startsWith('CBK001'))).toHaveLength(series.misroutedCallbacks.length);
    // A misrouted callback's mark links to the displacement that caused it, whose row lists the callback.
    const callback = linked[0];
    if (callback === undefined || callback.displacement === null) throw new Error('no linked callback');
    const mark = opened.page.locator(`figure[data-chart="pool"] svg a[*|href="#displacement-${callback.displacement}"] [aria-label^="CBK001 misrouted callback, call ${callback.call} "]`);
    await expect(mark.count()).resolves.toBe(1);
    // Marks may overlap on screen, so the click goes to this mark itself rather than to its position.
    await mark.dispatchEvent('click');
    await opened.page.waitForURL(`**#displacement-${callback.displacement}`);
    expect(new URL(opened.page.url()).hash).toBe(`#displacement-${callback.displacement}`);
    await expect(opened.page.locator(`#displacement-${callback.displacement} a[href="#callback-${callback.call}"]`).count()).resolves.toBe(1);
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
    if (SCREENSHOTS) await opened.page.locator('#pools').evaluate((h) => h.scrollIntoView());
    if (SCREENSHOTS) await opened.page.screenshot({ path: 'docs/images/report-pool.png' });
    await opened.page.close();
  });
});
