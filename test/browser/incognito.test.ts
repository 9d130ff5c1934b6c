/**
 * Backstory in Chromium's incognito windows, once the user allows it there: the registered
 * content script must run in them as the declared one did (decision 009; registered scripts
 * once did not, Chromium issue 1393762). Playwright opens no incognito window beside the
 * persistent context an extension needs; puppeteer-core's browser contexts are incognito ones.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, browserAvailable, CHROMIUM_ARGS } from '../support/browsers.mjs';
import { sleep, waitFor } from '../support/page-probes';
import { serve } from '../support/server.mjs';

/** The text of each range in Backstory's highlights, as the page sees them. */
const markedIn = () =>
  [...CSS.highlights.entries()]
    .filter(([name]) => name.startsWith('backstory-'))
    .flatMap(([, h]) => [...h].map((r) => (r as Range).toString()))
    .sort();

describe.skipIf(!browserAvailable('chromium'))('in chromium', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    server = await serve('test/browser/fixtures');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('marks pages in an incognito window once allowed there, and not before', async () => {
    const { default: puppeteer } = await import('puppeteer-core');
    const dir = path.resolve('dist/chrome');
    const browser = await puppeteer.launch({
      executablePath: BROWSERS.chromium.path,
      headless: true,
      pipe: true,
      enableExtensions: [dir],
      args: CHROMIUM_ARGS,
    });
    try {
      const worker = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'));
      const id = new URL(worker.url()).host;
      const url = `${server.url}/pages/news.html`;

      const before = await (await browser.createBrowserContext()).newPage();
      await before.goto(url);
      await sleep(1000);
      expect(await before.evaluate(markedIn)).toEqual([]);

      const settings = await browser.newPage();
      await settings.goto('chrome://extensions/');
      await settings.evaluate(async (extensionId) => {
        const dp = (globalThis as unknown as { chrome: { developerPrivate: any } }).chrome.developerPrivate;
        await new Promise((done) => dp.updateProfileConfiguration({ inDeveloperMode: true }, done));
        await new Promise((done) => dp.updateExtensionConfiguration({ extensionId, incognitoAccess: true }, done));
      }, id);

      // Allowing it reloads the extension; the page is loaded again until its script runs there.
      const page = await (await browser.createBrowserContext()).newPage();
      const marked = await waitFor(
        async () => {
          await page.goto(url);
          await sleep(500);
          return page.evaluate(markedIn);
        },
        (m) => m.length >= 2,
        15_000,
      );
      expect(marked).toEqual(['Marco Rubio', 'Volodymyr Zelensky']);
    } finally {
      await browser.close();
    }
  });
});
