import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

// The browser tests drive Debian's own Chromium (`apt-get install chromium`, which .ci/run does)
// through playwright-core, never a downloaded browser. Where no Chromium can be found the tests
// are skipped with a loud message naming what to install; they are never silently passed.

const CANDIDATES = [process.env['CALLSIM_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The Chromium executable the browser tests use, or undefined when none is installed. */
export const chromiumPath: string | undefined = CANDIDATES.find(
  (path): path is string => path !== undefined && path !== '' && existsSync(path),
);

if (chromiumPath === undefined) {
  console.warn(
    '\n*** BROWSER TESTS SKIPPED: no Chromium found (tried CALLSIM_CHROMIUM, /usr/bin/chromium). ' +
      'Install it with `apt-get install chromium` (.ci/run does) or set CALLSIM_CHROMIUM. ***\n',
  );
}

/** A page opened from disk, with every console error and every network request it made. */
export interface OpenedPage {
  page: Page;
  /** Console messages of type "error" and uncaught page errors, in order. */
  consoleErrors: string[];
  /** Every request the page made that was not for the file itself (file:// or otherwise). */
  requests: string[];
}

export async function launchChromium(): Promise<Browser> {
  if (chromiumPath === undefined) throw new Error('no Chromium: the test should have been skipped');
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
}

/** Opens an HTML file from disk in a fresh page and records console errors and requests. */
export async function openFromDisk(browser: Browser, file: string): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, consoleErrors, requests };
}
