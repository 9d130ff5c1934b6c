/**
 * A look-up in a frame from another site, as the context menu's entry asks for one: the
 * background sends to the frame it was opened in and, where the frame's content script found
 * no one and so listens to nothing, wakes it there and sends again (sendToTab in
 * src/messages.ts, whose steps test/messages.test.ts checks). Both the content script and the
 * wake need the host access of the content script's registration (decision 009); activeTab
 * alone never reached a frame from another site. Each browser is launched for this test alone.
 */
import { describe, expect, it } from 'vitest';
import { LISTEN_KEY } from '../../src/content/listen-hook';
import {
  browserAvailable,
  launchChromium,
  launchFirefox,
  openFirefoxExtensionPage,
  type BrowserName,
  type LaunchedBrowser,
} from '../support/browsers.mjs';
import { sleep, waitFor } from '../support/page-probes';
import { fixtureServer } from '../support/fixture-server';

const server = fixtureServer();

/** The extension's API, as the browser gives it (`browser`, or `chrome`), untyped here. */
type Api = any;

/**
 * Evaluates a script's source where the extension's API is: Chromium's service worker, a
 * Firefox extension page.
 */
async function inExtension(browser: LaunchedBrowser & { addonId?: string }): Promise<(source: string) => Promise<unknown>> {
  const target =
    browser.name === 'chromium'
      ? browser.raw.serviceWorkers()[0]
      : await openFirefoxExtensionPage(browser.raw, browser.addonId!, 'options.html');
  return (source) => target.evaluate(source);
}

const launchers = { chromium: () => launchChromium('dist/chrome'), firefox: () => launchFirefox('dist/firefox') };

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`in ${name}`, () => {
    it('answers a look-up in a frame from another site that named no one, as the menu entry asks', async () => {
      const browser = await launchers[name]();
      try {
        const outer = await browser.newPage();
        await outer.goto(`${server.url}/mentions/nameless.html`);
        // localhost is another site than 127.0.0.1.
        const frameUrl = `${server.url.replace('127.0.0.1', 'localhost')}/mentions/nameless.html`;
        await outer.evaluate(
          new Function(`const frame = document.createElement('iframe'); frame.src = ${JSON.stringify(frameUrl)}; document.body.append(frame);`) as () => void,
        );
        await sleep(1500);
        const evaluate = await inExtension(browser);
        /** Runs `fn(api, arg)` in the extension. */
        const run = <A, T>(fn: (api: Api, arg: A) => T | Promise<T>, arg: A) =>
          evaluate(`(${fn})(globalThis.browser ?? globalThis.chrome, ${JSON.stringify(arg)})`) as Promise<T>;
        // The page's tab: the only one on 127.0.0.1 (a match pattern names no port).
        const { tabId, frameId } = await run(async (api) => {
          const [tab] = await api.tabs.query({ url: 'http://127.0.0.1/*' });
          const frames = await api.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, func: () => location.host });
          return { tabId: tab.id as number, frameId: frames.find((f: { result: string }) => f.result.startsWith('localhost')).frameId as number };
        }, null);
        expect(frameId).not.toBe(0);
        /** Runs `func(...args)` in the frame's isolated world, from the extension as the background would; its result. */
        const inFrame = <T>(func: (...args: string[]) => T, args: string[] = []) =>
          evaluate(
            `(globalThis.browser ?? globalThis.chrome).scripting.executeScript({ target: { tabId: ${tabId}, frameIds: [${frameId}] }, func: ${func}, args: ${JSON.stringify(args)} }).then((frames) => frames[0]?.result)`,
          ) as Promise<T>;

        // A name in code, which the sieve passes over: the frame's content script still listens to nothing.
        await inFrame(() => {
          const coded = document.createElement('code');
          coded.textContent = 'Marco Rubio';
          document.getElementById('first')!.append(' ', coded);
          getSelection()!.selectAllChildren(coded);
        });
        const send = () =>
          run(
            (api, { tabId, frameId }) =>
              api.tabs
                .sendMessage(tabId, { type: 'content:open-card', params: { selectionText: 'Marco Rubio' } }, { frameId })
                .then((r: unknown) => r, (e: Error) => e.message),
            { tabId, frameId },
          );
        expect(await send()).toMatch(/Receiving end does not exist/);

        const woken = await inFrame(
          (key) => {
            const listen = (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(key!)];
            if (typeof listen === 'function') listen();
            return typeof listen === 'function';
          },
          [LISTEN_KEY],
        );
        expect(woken).toBe(true);
        expect(await send()).toEqual({ ok: true, result: true });

        const cardInFrame = () => inFrame(() => document.querySelector('backstory-card')?.matches(':popover-open') ?? false);
        expect(await waitFor(cardInFrame, (open) => open)).toBe(true);
        expect(outer.errors).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  });
}
