/**
 * The step-through page in a real browser (headless Chromium, opened from disk): an emergency
 * call stepped with the arrow keys and the buttons reaches the step that chose the callback
 * number, highlighted on the diagram with the number reserved beside it, and ends with its
 * outcome; no console errors, no network requests. `CALLSIM_SCREENSHOTS=1` also saves the
 * callback-number step as docs/images/step-through.png (the README shows it).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallTrace } from '../../engine/run/index.js';
import { runCli } from '../cli/run-cli.js';
import { chromiumPath, launchChromium, openFromDisk, type OpenedPage } from './chromium.js';

const SCENARIO = 'scenarios/small-callback-pool.yaml';

describe.skipIf(chromiumPath === undefined)('the step-through page in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callsim-step-through-browser-'));
  const file = join(dir, 'call.html');
  let browser: Browser;
  let opened: OpenedPage;
  let reserved: string;

  beforeAll(async () => {
    const args = ['trace', SCENARIO, '--outcome', 'EMG003', '--no-progress'];
    const written = await runCli(...args, '--html', file);
    expect(written.code).toBe(0);
    const trace = (JSON.parse((await runCli(...args, '--json')).stdout) as { traces: CallTrace[] }).traces[0]!;
    const reserve = trace.steps.find((s) => s.step === 'effect' && s.effect === 'reserveCallbackNumber');
    reserved = String(reserve?.step === 'effect' ? reserve.params['number'] : undefined);
    expect(reserved).toMatch(/^\+1\d{10}$/);
    browser = await launchChromium();
    opened = await openFromDisk(browser, file);
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('steps with the keys to the callback-number step, highlighted with the number reserved', async () => {
    const { page } = opened;
    const diagram = page.locator('#diagram-emergency');
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^Step 1 of \d+$/);
    expect(await diagram.locator('.state.current').getAttribute('data-state')).toBe('choosingPolicy');
    for (let i = 0; i < 30 && (await diagram.locator('.state.current').getAttribute('data-state')) !== 'onCall'; i++) await page.keyboard.press('ArrowRight');
    expect(await diagram.locator('.state.current').getAttribute('data-state')).toBe('onCall');
    // The transition taken is drawn as taken: its curve and its label, which names the guard that held.
    expect(await diagram.locator('path.edge.taken').count()).toBe(1);
    expect(await diagram.locator('.edge-label.taken').textContent()).toContain('[poolHasFreeNumber]');
    expect(await diagram.locator('.edge-label.rejected').textContent()).toContain('[callerHoldsCallbackNumber]');
    // The number reserved, beside the state on the diagram and in the step's details.
    expect(await diagram.locator('.callout').textContent()).toContain(`number: ${reserved}`);
    const detail = await page.locator('#detail').textContent();
    expect(detail).toContain('poolHasFreeNumber = true');
    expect(detail).toContain(`reserveCallbackNumber {number: ${reserved}`);
    expect(await page.locator('#timeline li.current').textContent()).toContain('enter onCall');
    if (process.env['CALLSIM_SCREENSHOTS'] === '1') {
      mkdirSync('docs/images', { recursive: true });
      await page.screenshot({ path: 'docs/images/step-through.png' });
    }
  });

  it('steps with the buttons, and ends with the outcome and its rule', async () => {
    const { page } = opened;
    const status = async (): Promise<number> => Number(/^Step (\d+)/.exec((await page.locator('#status').textContent()) ?? '')?.[1]);
    const at = await status();
    await page.click('#next');
    expect(await status()).toBe(at + 1);
    await page.click('#prev');
    await page.click('#prev');
    expect(await status()).toBe(at - 1);
    await page.keyboard.press('End');
    expect(await page.locator('#next').isDisabled()).toBe(true);
    const detail = await page.locator('#detail').textContent();
    expect(detail).toContain('Outcome EMG003');
    expect(detail).toContain('Rule EMG003: ');
    expect(await page.locator('#diagram-emergency .state.current').getAttribute('data-state')).toBe('freeCallbackNumber');
    await page.keyboard.press('Home');
    expect(await status()).toBe(1);
    expect(await page.locator('#prev').isDisabled()).toBe(true);
  });

  it('made no console errors and no network requests', () => {
    expect(opened.consoleErrors).toEqual([]);
    expect(opened.requests).toEqual([]);
  });
});
