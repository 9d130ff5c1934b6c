/**
 * Backstory arriving in and leaving open tabs, without a reload.
 * - Tabs open before it starts for the first time are marked: the background registers its
 *   content script and runs it in open tabs (decision 009). Firefox uninstalls it, loads a
 *   page, and installs it again. Chromium cannot install an extension into a running browser
 *   from a test, so the registration is removed and the extension reloaded from
 *   chrome://extensions: its background then starts without one, as on install.
 * - Chromium leaves the old content script running when Backstory is disabled or reloaded; it
 *   ends its session once it notices (src/content/orphan.ts). Firefox unloads it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserAvailable, chromiumExtensionErrors, launchChromium, launchFirefox } from '../support/browsers.mjs';
import type { LaunchedBrowser, TestPage } from '../support/browsers.mjs';
import { paintedTexts, restOn, sleep, waitFor } from '../support/page-probes';
import { fixtureServer } from '../support/fixture-server';

const server = fixtureServer();

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

/** Each card host on the page, open or not. A host is in the page only while its card is open. */
const cardHosts = (page: TestPage) =>
  page.evaluate(() => [...document.querySelectorAll('backstory-card')].map((card) => card.matches(':popover-open')));

/** Opens the card fixture, marked, and opens and closes Rubio's card, whose host then leaves the page. */
async function markedCardPage(browser: LaunchedBrowser) {
  const page = await browser.newPage();
  await page.goto(`${server.url}/card.html`);
  await waitFor(() => paintedTexts(page), (t) => t.length >= 2);
  await restOn(page, 'two', 'Rubio');
  expect(await waitFor(() => cardHosts(page), (c) => c[0] === true)).toEqual([true]);
  await page.press('Escape');
  expect(await waitFor(() => cardHosts(page), (c) => c.length === 0)).toEqual([]);
  // Kept in the page's world, to tell the next session's highlight from this one's.
  await page.evaluate(() => void ((window as unknown as { marksBefore: unknown }).marksBefore = CSS.highlights.get('backstory-mention')));
  return { page, load: await page.evaluate(() => performance.timeOrigin) };
}

/**
 * After Backstory was reloaded (or installed again): the tab, not reloaded, is marked by a new
 * session and opens its card; `hosts` are the card hosts left in the page then, open or not.
 */
async function expectNewCard(page: TestPage, load: number, hosts: boolean[], explain?: () => Promise<unknown>) {
  const newMarks = () =>
    page.evaluate(() => {
      const marks = CSS.highlights.get('backstory-mention');
      return !!marks && marks !== (window as unknown as { marksBefore: unknown }).marksBefore && marks.size > 0;
    });
  const marked = await waitFor(newMarks, (m) => m, 20_000);
  expect(marked, marked ? '' : `no new marks; ${JSON.stringify(await explain?.().catch(String))}; page: ${JSON.stringify(page.errors)}`).toBe(true);
  await restOn(page, 'two', 'Rubio');
  expect(await waitFor(() => cardHosts(page), (c) => c.includes(true), 20_000)).toEqual(hosts);
  expect(await page.evaluate(() => performance.timeOrigin)).toBe(load);
}

/** Disables the extension as its switch on chrome://extensions does. */
async function disable(browser: Awaited<ReturnType<typeof launchChromium>>) {
  const extensions = await browser.raw.newPage();
  await extensions.goto('chrome://extensions/');
  await extensions.evaluate(
    (id: string) => new Promise((done) => (globalThis as any).chrome.management.setEnabled(id, false, done)),
    browser.extensionId,
  );
  await extensions.close();
}

/**
 * What Backstory's background sees of the first tab from the test server, for a failure message:
 * its registration, and in each frame whether a content script left its hook (listen-hook.ts)
 * and whether that script still has its extension.
 */
async function whatTheTabRuns(browser: Awaited<ReturnType<typeof launchChromium>>) {
  const worker = browser.raw.serviceWorkers().at(-1);
  if (!worker) return 'no service worker';
  return worker.evaluate(async (url: string) => {
    const chrome = (globalThis as any).chrome;
    const [tab] = await chrome.tabs.query({ url });
    const registered = (await chrome.scripting.getRegisteredContentScripts()).length;
    const frames = await chrome.scripting.executeScript({
      target: { tabId: tab.id, allFrames: true },
      func: () => ({
        hook: typeof (globalThis as any)[Symbol.for('backstory.listen')],
        extension: (globalThis as any).chrome?.runtime?.id ?? null,
      }),
    });
    return { registered, frames: frames.map((f: { result: unknown }) => f.result) };
  }, `${new URL(server.url).protocol}//${new URL(server.url).hostname}/*`);
}

describe.skipIf(!browserAvailable('chromium'))('in chromium', () => {
  it.each([
    ['as the pointer moves over it', (page: TestPage) => restOn(page, 'two', 'Rubio')],
    // Headless Chromium keeps every tab visible, so the page itself says it is shown again: the
    // old script hears the same event it would hear as the reader comes back to the tab.
    ['as the tab is shown again', (page: TestPage) => page.evaluate(() => void document.dispatchEvent(new Event('visibilitychange')))],
  ])('takes its marks and card off an open tab when it is disabled, %s', async (_, notice) => {
    const browser = await launchChromium('dist/chrome');
    try {
      const { page } = await markedCardPage(browser);
      await disable(browser);
      // Still painted: nothing told the old script. Back on the page, it notices.
      await sleep(500);
      expect(await paintedTexts(page)).not.toEqual([]);
      await notice(page);
      expect(await waitFor(() => paintedTexts(page), (t) => t.length === 0)).toEqual([]);
      expect(await cardHosts(page)).toEqual([]);
      await sleep(1000); // a card would be due by now, had the pointer opened one
      expect(await cardHosts(page)).toEqual([]);
      expect(page.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('stays quiet on a page that named no one when disabled, as the page adds a name', async () => {
    const browser = await launchChromium('dist/chrome');
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}/mentions/nameless.html`);
      await sleep(1000);
      await disable(browser);
      await page.evaluate(() => {
        const added = document.createElement('p');
        added.textContent = 'Later, Secretary of State Marco Rubio spoke to reporters.';
        document.getElementById('feed')!.append(added);
      });
      await sleep(1500);
      expect(await paintedTexts(page)).toEqual([]);
      expect(page.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('hands an open tab over to itself when it is reloaded, with one card', async () => {
    const browser = await launchChromium('dist/chrome');
    try {
      const { page, load } = await markedCardPage(browser);
      await chromiumExtensionErrors(browser.raw, browser.extensionId); // turns on developer mode and reloads the extension
      // The old card's host left the page when it closed; the old session ends as the pointer moves.
      await expectNewCard(page, load, [true], () => whatTheTabRuns(browser));
      expect([...(await paintedTexts(page))].sort()).toEqual(['Marco Rubio', 'Volodymyr Zelensky', 'minerals agreement']);
      expect(page.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

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
  it('opens its new card in an open tab after it is installed again', async () => {
    const browser = await launchFirefox('dist/firefox');
    try {
      const { page, load } = await markedCardPage(browser);
      await browser.raw.uninstallExtension(browser.addonId);
      await browser.raw.installExtension(path.resolve('dist/firefox'));
      // Firefox unloaded the old script at once. Its card was closed, so its host had already
      // left the page: nothing of the old session is left behind (docs/settings.md).
      await expectNewCard(page, load, [true]);
    } finally {
      await browser.close();
    }
  });

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
