/**
 * Tabs open before Backstory starts for the first time are marked without a reload: the
 * background registers its content script and runs it in open tabs (decision 009). Firefox
 * uninstalls it, loads a page, and installs it again. Chromium cannot install an extension
 * into a running browser from a test, so the registration is removed and the extension
 * reloaded from chrome://extensions: its background then starts without one, as on install.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, chromiumExtensionErrors, launchChromium, launchFirefox } from '../support/browsers.mjs';
import { paintedTexts, sleep, waitFor } from '../support/page-probes';
import { serve } from '../support/server.mjs';

let server: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  server = await serve('test/browser/fixtures');
});
afterAll(async () => {
  await server?.close();
});

/** Opens the news fixture, sees it unmarked (no content script), and returns it with its load time. */
async function unmarkedNews(browser: Awaited<ReturnType<typeof launchFirefox | typeof launchChromium>>) {
  const page = await browser.newPage();
  await page.goto(`${server.url}/pages/news.html`);
  await sleep(1000);
  expect(await paintedTexts(page)).toEqual([]);
  return { page, load: await page.evaluate(() => performance.timeOrigin) };
}

/** Sees `page` marked by a content script run into it, with no reload since `load`. */
async function expectMarkedWithoutReload(page: Awaited<ReturnType<typeof unmarkedNews>>['page'], load: number) {
  const marked = await waitFor(() => paintedTexts(page), (t) => t.length >= 2, 20_000);
  expect([...marked].sort()).toEqual(['Marco Rubio', 'Volodymyr Zelensky']);
  expect(await page.evaluate(() => performance.timeOrigin)).toBe(load);
}

describe.skipIf(!browserAvailable('chromium'))('in chromium', () => {
  it('marks a tab that was open before its first start, without a reload', async () => {
    const browser = await launchChromium('dist/chrome');
    try {
      const context = browser.raw;
      const worker = context.serviceWorkers()[0]!;
      await worker.evaluate(() => (globalThis as unknown as { chrome: { scripting: { unregisterContentScripts(): Promise<void> } } }).chrome.scripting.unregisterContentScripts());
      const { page, load } = await unmarkedNews(browser);
      await chromiumExtensionErrors(context, browser.extensionId); // turns on developer mode and reloads the extension
      await expectMarkedWithoutReload(page, load);
    } finally {
      await browser.close();
    }
  });
});

describe.skipIf(!browserAvailable('firefox'))('in firefox', () => {
  it('marks a tab that was open before it was installed, without a reload', async () => {
    const browser = await launchFirefox('dist/firefox');
    try {
      await browser.raw.uninstallExtension(browser.addonId);
      const { page, load } = await unmarkedNews(browser);
      await browser.raw.installExtension(path.resolve('dist/firefox'));
      await expectMarkedWithoutReload(page, load);
    } finally {
      await browser.close();
    }
  });
});
