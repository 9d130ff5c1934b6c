/**
 * The background does not stay up: Chrome stops an idle service worker, and Firefox suspends an
 * idle event page (after 30 s in both). Whatever the background does must wake it. Here it is
 * stopped on purpose, then a settings change made elsewhere must still reach an open page,
 * which only the background's storage listener can tell (src/background/settings-relay.ts),
 * and a card must still open, which asks the background for its data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { Browser as Puppeteer } from 'puppeteer-core';
import {
  browserAvailable,
  firefoxParent,
  launchChromium,
  launchFirefox,
  openFirefoxExtensionPage,
  type LaunchedBrowser,
  type TestPage,
} from '../support/browsers.mjs';
import { cardOpen, paintedTexts, selectText, waitFor } from '../support/page-probes';
import { serve } from '../support/server.mjs';

/** A browser whose background can be stopped, and a way to change a setting from an extension page. */
interface Sleeper {
  browser: LaunchedBrowser;
  /** Stops the background and resolves once it is stopped. */
  stop(): Promise<void>;
  /** Whether the background runs. */
  running(): Promise<boolean>;
  /** Pauses Backstory from one of its own pages, as the settings page would. */
  pause(): Promise<void>;
}

const pause = () =>
  (globalThis as unknown as { browser: typeof import('webextension-polyfill') }).browser.storage.sync.set({
    settings: { version: 1, paused: true },
  });

const launchers: Record<'chromium' | 'firefox', () => Promise<Sleeper>> = {
  async chromium() {
    const b = await launchChromium('dist/chrome');
    const context = b.raw as BrowserContext;
    // A persistent context has no browser object; a page's DevTools session sees every target.
    const cdp = await context.newCDPSession(context.pages()[0] ?? (await context.newPage()));
    const workers = async () =>
      ((await cdp.send('Target.getTargets')).targetInfos as { type: string; url: string; targetId: string }[]).filter(
        (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${b.extensionId}/`),
      );
    return {
      browser: b,
      async stop() {
        for (const w of await workers()) await cdp.send('Target.closeTarget', { targetId: w.targetId });
        await waitFor(workers, (w) => w.length === 0);
      },
      running: async () => (await workers()).length > 0,
      async pause() {
        const page = await context.newPage();
        await page.goto(`chrome-extension://${b.extensionId}/options.html`);
        await page.evaluate(pause);
        await page.close();
      },
    };
  },
  async firefox() {
    // Firefox's own idle time, lowered from 30 s: it suspends the background itself.
    const b = await launchFirefox('dist/firefox', { prefs: { 'extensions.background.idle.timeout': 1000 } });
    const inParent = firefoxParent(b.raw as Puppeteer);
    const state = () => inParent(`WebExtensionPolicy.getByID(${JSON.stringify(b.addonId)}).extension.backgroundState`) as Promise<string>;
    return {
      browser: b,
      async stop() {
        expect(await waitFor(state, (s) => s === 'stopped', 15_000)).toBe('stopped');
      },
      running: async () => (await state()) === 'running',
      async pause() {
        const page = await openFirefoxExtensionPage(b.raw as Puppeteer, b.addonId, 'options.html');
        await page.evaluate(pause);
        await page.close();
      },
    };
  },
};

for (const name of ['chromium', 'firefox'] as const) {
  describe.skipIf(!browserAvailable(name))(`in ${name}, with the background stopped`, () => {
    let server: Awaited<ReturnType<typeof serve>>;
    let sleeper: Sleeper;
    let page: TestPage;
    beforeAll(async () => {
      server = await serve('test/browser/fixtures');
      sleeper = await launchers[name]();
      page = await sleeper.browser.newPage();
      await page.goto(`${server.url}/card.html`);
      await waitFor(() => paintedTexts(page), (t) => t.length > 0);
    });
    afterAll(async () => {
      await sleeper?.browser.close();
      await server?.close();
    });

    it('opens a card, whose data the background gives', async () => {
      await sleeper.stop();
      expect(await sleeper.running()).toBe(false);
      await selectText(page, 'three', 'Zelensky');
      await page.chord(['Alt', 'Shift'], 'KeyK');
      expect(await waitFor(() => cardOpen(page), (o) => o)).toBe(true);
      const dialogs = await waitFor(() => sleeper.browser.dialogs(), (d) => d.some((x) => x.name === 'Volodymyr Zelensky'));
      expect(dialogs.map((d) => d.name)).toContain('Volodymyr Zelensky');
      await page.press('Escape');
      await waitFor(() => cardOpen(page), (o) => !o);
    });

    it('tells an open page of a settings change made while it slept', async () => {
      await sleeper.stop();
      expect(await sleeper.running()).toBe(false);
      await sleeper.pause();
      expect(await waitFor(() => paintedTexts(page), (t) => t.length === 0)).toEqual([]);
      expect(page.errors).toEqual([]);
    });
  });
}
