/** `callsim report`, `run --html`, `compare --html`: one page, the same from either road, and clear refusals of bad input. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const FIXTURE = 'test/fixtures/run/small-office.yaml';
const dir = mkdtempSync(join(tmpdir(), 'callsim-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = (name: string): string => join(dir, name);

/** What would make the page reach out or run anything. */
const REACHES_OUT = /<script|<link|<iframe|<img|\ssrc=|(?:href|url)\s*[=(]\s*["']?(?:https?:|\/\/)/i;

describe('callsim report', () => {
  it('writes from a run document the same page as run --html, with no script and nothing fetched', async () => {
    const run = await runCli('run', FIXTURE, '--json', path('r.json'), '--html', path('run.html'));
    expect(run.code).toBe(0);
    const report = await runCli('report', path('r.json'), '-o', path('report.html'));
    expect(report).toEqual({ code: 0, stdout: '', stderr: '' });
    const html = readFileSync(path('report.html'), 'utf8');
    expect(readFileSync(path('run.html'), 'utf8')).toBe(html);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(REACHES_OUT);
    expect(html).toContain('<h1>Small office, every kind of call</h1>');
    for (const chart of ['outcomes', 'credits', 'pool', 'inbound-hours']) expect(html, chart).toContain(`data-chart="${chart}"`);
    expect(html).toContain('<code>OUT001</code>');
  });

  it('writes a comparison page with each moved figure and its paired interval', async () => {
    const args = ['scenarios/small-callback-pool.yaml', 'scenarios/large-callback-pool.yaml', '--replications', '2'];
    const compared = await runCli('compare', ...args, '--html', path('compare.html'));
    expect(compared.code).toBe(0);
    const json = await runCli('compare', ...args, '--json');
    writeFileSync(path('compare.json'), json.stdout);
    expect((await runCli('report', path('compare.json'), '-o', path('compare-report.html'))).code).toBe(0);
    const html = readFileSync(path('compare.html'), 'utf8');
    expect(readFileSync(path('compare-report.html'), 'utf8')).toBe(html);
    expect(html).not.toMatch(REACHES_OUT);
    const doc = JSON.parse(json.stdout) as { metrics: { metric: string; a: { mean: number | null }; b: { mean: number | null } }[] };
    const moved = doc.metrics.filter((m) => m.a.mean !== m.b.mean);
    expect(moved.length).toBeGreaterThan(0);
    for (const m of moved) expect(html).toContain(`aria-label="${m.metric}: B - A `);
    expect(html.match(/aria-label="[^"]*: B - A [^"]*" role="graphics-symbol"/g)).toHaveLength(moved.length);
  });

  it.each([
    ['not JSON', '{ nope', /not JSON .*expected the results document of callsim run --json or callsim compare --json/],
    ['another JSON document', '{"name": "x"}', /not a callsim results document \(its "format" is null\); expected "callsim-results"/],
    ['an older results document', '{"format": "callsim-results", "formatVersion": 1}', /callsim-results formatVersion 1, but this callsim reads version 2 \(docs\/results-format\.md\)/],
    ['a document with a field missing', '{"format": "callsim-results", "formatVersion": 2}', /: scenario: /],
  ])('refuses %s with exit 2, saying what it expected, and writes nothing', async (_name, text, message) => {
    const input = path(`bad-${readdirSync(dir).length}.json`);
    writeFileSync(input, text);
    const out = path('never.html');
    const r = await runCli('report', input, '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^callsim report: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a file that is not there, and an output folder that does not exist, with exit 2', async () => {
    expect(await runCli('report', path('missing.json'), '-o', path('x.html'))).toMatchObject({ code: 2, stderr: `callsim report: cannot read ${path('missing.json')}: no such file\n` });
    const r = await runCli('report', path('r.json'), '-o', path('no-such-folder/x.html'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('does not exist');
  });
});
