/**
 * The built extension in real Chromium and real Firefox ESR: mentions are painted over the right
 * words, hovering one opens a card for the right entity, reachable in the accessibility tree,
 * and the page gains one element at most.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CorpusIndex } from '../../src/core/types';
import {
  browserAvailable,
  chromiumExtensionErrors,
  launchChromium,
  launchFirefox,
  type BrowserName,
  type LaunchedBrowser,
  type TestPage,
} from '../support/browsers.mjs';
import { serve } from '../support/server.mjs';
import { centreOf, paintedTexts, waitFor } from '../support/page-probes';

const ARTIFACTS = path.resolve('test-artifacts');
type ChromiumBrowser = Awaited<ReturnType<typeof launchChromium>>;
const launchers = { chromium: () => launchChromium('dist/chrome'), firefox: () => launchFirefox('dist/firefox') };

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`in ${name}`, () => {
    let browser: LaunchedBrowser;
    let server: Awaited<ReturnType<typeof serve>>;
    let page: TestPage;
    let elementsBefore: number;

    beforeAll(async () => {
      await mkdir(ARTIFACTS, { recursive: true });
      server = await serve('test/browser/fixtures');
      browser = await launchers[name]();
      if (name === 'chromium') {
        // Turns on developer mode first, so errors from everything below are recorded.
        const errors = await chromiumExtensionErrors(browser.raw, (browser as ChromiumBrowser).extensionId);
        expect(errors.manifest).toEqual([]);
      }
      page = await browser.newPage();
      await page.goto(`${server.url}/news.html`);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('paints covered names, and only them', async () => {
      const painted = await waitFor(() => paintedTexts(page), (t) => t.length >= 2);
      // Density "first" (the default): one mark per person, on the first mention.
      expect(painted).toEqual(['Marco Rubio', 'Volodymyr Zelensky']);
      await page.screenshot(path.join(ARTIFACTS, `${name}-page.png`));
    });

    it('leaves the page text and markup alone', async () => {
      const state = await page.evaluate(() => ({
        body: document.body.innerHTML.length,
        elements: document.getElementsByTagName('*').length,
        text: document.body.textContent,
      }));
      expect(state.text).toContain('Volodymyr Zelensky called the meeting constructive.');
      elementsBefore = state.elements;
    });

    it('opens a card for the hovered mention, in the accessibility tree', async () => {
      const { x, y } = await centreOf(page, 'lede', 'Marco Rubio');
      await page.moveMouse(x - 30, y);
      await page.moveMouse(x, y);
      const dialogs = await waitFor(
        () => browser.dialogs(),
        (d) => d.some((x) => x.name.includes('Marco Rubio')),
      );
      expect(dialogs.map((d) => d.name)).toContain('Marco Rubio');
      await page.screenshot(path.join(ARTIFACTS, `${name}-card.png`));
    });

    it('adds one element to the page at most', async () => {
      const after = await page.evaluate(() => ({
        elements: document.getElementsByTagName('*').length,
        host: document.documentElement.lastElementChild?.tagName.toLowerCase(),
        open: document.querySelector('backstory-card')?.matches(':popover-open'),
        shadowVisible: document.querySelector('backstory-card')?.shadowRoot === null,
      }));
      expect(after.elements - elementsBefore).toBe(1);
      expect(after.host).toBe('backstory-card');
      expect(after.open).toBe(true);
      expect(after.shadowVisible).toBe(true); // closed: the page cannot read the card
    });

    it('closes the card on Escape, and takes its element out of the page', async () => {
      await page.press('Escape');
      const host = await waitFor(
        () => page.evaluate(() => document.querySelector('backstory-card')?.matches(':popover-open') ?? 'gone'),
        (h) => h === 'gone',
      );
      expect(host).toBe('gone');
      expect(await page.evaluate(() => document.getElementsByTagName('*').length)).toBe(elementsBefore);
    });

    it('logs no errors meanwhile', async () => {
      expect(page.errors).toEqual([]);
      if (name === 'chromium') {
        const errors = await chromiumExtensionErrors(browser.raw, (browser as ChromiumBrowser).extensionId);
        expect(errors).toEqual({ manifest: [], runtime: [] });
      }
    });
  });
}

describe.skipIf(!browserAvailable('chromium'))('in chromium, extension pages', () => {
  let browser: ChromiumBrowser;
  beforeAll(async () => {
    browser = await launchChromium('dist/chrome');
    await chromiumExtensionErrors(browser.raw, browser.extensionId); // developer mode on
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the reader opens an article at the exact span of a quote', async () => {
    const index = JSON.parse(await readFile('dist/chrome/index.json', 'utf8')) as CorpusIndex;
    const quote = index.quotes[0]!;
    const page = await browser.raw.newPage();
    await page.goto(
      `chrome-extension://${browser.extensionId}/reader.html?article=${quote.articleId}&start=${quote.start}&end=${quote.end}`,
    );
    await expect.poll(() => page.locator('mark').textContent()).toBe(quote.text);
    await page.screenshot({ path: path.join(ARTIFACTS, 'chromium-reader.png') });
  });

  it('the popup lists the people covered', async () => {
    const page = await browser.raw.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await expect.poll(() => page.locator('li strong').allTextContents()).toContain('Marco Rubio');
  });

  it('Chromium records no errors for the extension', async () => {
    const errors = await chromiumExtensionErrors(browser.raw, browser.extensionId);
    expect(errors).toEqual({ manifest: [], runtime: [] });
  });
});
