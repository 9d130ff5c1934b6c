/**
 * Backstory's own pages in real Chromium and Firefox ESR, built as they ship (dist/): the
 * popup's search and keyboard use, "On this page", a quote opened in the reader at its exact
 * span, the reader's hoverable mentions and navigation, settings applied live to an open tab,
 * the pause, corrupt settings recovered, dark mode, and axe-core on all three pages.
 *
 * Firefox will not let a WebDriver BiDi client navigate a tab to a moz-extension:// page, so
 * there the tests open extension pages from Firefox's privileged parent process (the launch
 * allows it for the accessibility checks), as a user opening them from the browser's own UI
 * would. Everything after that goes through the page, its keyboard and the extension's API.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser as ExtensionApi } from 'webextension-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTEN_KEY } from '../../src/content/listen-hook';
import type { CorpusIndex, Quote } from '../../src/core/types';
import {
  browserAvailable,
  chromiumExtensionErrors,
  firefoxParent,
  launchChromium,
  launchFirefox,
  nextFirefoxTab,
  openFirefoxExtensionPage,
  type BrowserName,
  type TestPage,
} from '../support/browsers.mjs';
import { cardOpen, paintedTexts, scannerStarted, sleep, waitFor, within } from '../support/page-probes';
import { serve } from '../support/server.mjs';

/** The WebExtension API, as an extension page sees it (Chromium 156 and Firefox both name it `browser`). */
declare const browser: ExtensionApi;
declare const axe: typeof import('axe-core');

const ARTIFACTS = path.resolve('test-artifacts');
const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Chromium = Awaited<ReturnType<typeof launchChromium>>;
type Firefox = Awaited<ReturnType<typeof launchFirefox>>;
type PuppeteerPage = import('puppeteer-core').Page;

/** What both drivers' page objects offer, as these tests use it. */
interface DriverPage {
  evaluate<T>(fn: string | ((arg: never) => T | Promise<T>), arg?: unknown): Promise<T>;
  keyboard: {
    press(key: string): Promise<void>;
    type(text: string): Promise<void>;
    down(key: string): Promise<void>;
    up(key: string): Promise<void>;
  };
  mouse: { move(x: number, y: number, o?: { steps?: number }): Promise<void>; click(x: number, y: number): Promise<void> };
  click(selector: string): Promise<void>;
  goto(url: string, o: { waitUntil: 'load' }): Promise<unknown>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
  screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown>;
  on(event: 'console' | 'pageerror', handler: (x: { type?: () => string; text?: () => string; message?: string }) => void): unknown;
}

/** A tab, driven the same way in both browsers. */
interface Tab extends TestPage {
  /** Evaluates `fn(arg)` in the page. */
  run<A, T>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** Evaluates a script's source in the page (axe-core). */
  inject(source: string): Promise<void>;
  type(text: string): Promise<void>;
  clickOn(selector: string): Promise<void>;
  front(): Promise<void>;
  close(): Promise<void>;
  raw: DriverPage;
}

/** The popup about a tab, as Run.popupAbout opens it. */
interface Popup {
  text(): Promise<string>;
  close(): Promise<void>;
  /** Clicks the first button with this text (a DOM click: the toolbar popup is out of the driver's reach). */
  clickButton(label: string): Promise<void>;
}

/** Source of a click on the first button labelled `label`, run in the popup. */
const clickButtonSource = (label: string) =>
  `[...document.querySelectorAll('button')].find((b) => b.textContent === ${JSON.stringify(label)})?.click()`;

/** The whole run's view of one browser: its tabs, and how to open Backstory's pages in it. */
interface Run {
  name: BrowserName;
  /** A tab of an extension page, e.g. `popup.html`, opened as a user would. */
  open(page: string): Promise<Tab>;
  /** The next tab to appear whose address contains `part`, e.g. one the popup opened. */
  waitForTab(part: string): Promise<Tab>;
  /** A web page in a new tab. */
  web(url: string): Promise<Tab>;
  /** Names of the accessible dialogs in `tab`, from the browser's own accessibility tree. */
  dialogs(tab: Tab): Promise<string[]>;
  /** The addresses of every tab, browser pages included (chrome://, about:). */
  addresses(): Promise<string[]>;
  /** Closes every tab whose address starts with `prefix`, browser pages included. */
  closeAt(prefix: string): Promise<void>;
  /**
   * The popup about `tab`, opened as closely to a user's click as each browser lets a test.
   * Chromium clicks Backstory's toolbar button with `tab` in front (DevTools'
   * `Extensions.triggerAction`). Firefox's WebDriver cannot click it, so `home` opens
   * popup.html in a tab opened from `tab`; the popup asks about that tab the same way.
   */
  popupAbout(tab: Tab, home: Tab): Promise<Popup>;
  /**
   * Starts the content script of `tab`'s top frame listening without sending it anything, as
   * a sender's wake does, with `scripting.executeScript` from `home`.
   */
  wake(tab: Tab, home: Tab): Promise<void>;
  close(): Promise<void>;
}

/** How many content scripts Backstory has registered (src/background/content-script.ts). */
const registered = (home: Tab) => home.run(async () => (await browser.scripting.getRegisteredContentScripts()).length, null);

/** The pages its registration leaves out. */
const leftOut = (home: Tab) =>
  home.run(async () => (await browser.scripting.getRegisteredContentScripts())[0]?.excludeMatches ?? [], null);

/** Whether content.js runs in the top frame of tab `tabId`: it leaves its hook there (listen-hook.ts). */
const contentScriptRuns = (home: Tab, tabId: number) =>
  home.run(
    async ({ tabId, key }) => {
      const [frame] = await browser.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        func: (k: string) => typeof (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(k)] === 'function',
        args: [key],
      });
      return frame?.result as boolean;
    },
    { tabId, key: LISTEN_KEY },
  );

/** Run.wake in either browser: host access lets an extension page run script in the tab. */
async function wakeFromHome(tab: Tab, home: Tab): Promise<void> {
  await tab.front();
  const id = await frontTabId(home);
  await home.run(
    ({ id, key }) =>
      browser.scripting.executeScript({
        target: { tabId: id, frameIds: [0] },
        func: (k: string) => (globalThis as unknown as Record<symbol, () => void>)[Symbol.for(k)]!(),
        args: [key],
      }),
    { id, key: LISTEN_KEY },
  );
}

/** The id of the tab in front, as an extension page (`home`) sees it. */
const frontTabId = async (home: Tab) => {
  const id = await home.run(async () => (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id, null);
  if (id === undefined) throw new Error('no tab in front');
  return id;
};

function wrap(raw: DriverPage, firefox: boolean): Tab {
  const errors: string[] = [];
  raw.on('console', (m) => void (m.type?.() === 'error' && errors.push(m.text?.() ?? '')));
  raw.on('pageerror', (e) => void errors.push(e.message ?? String(e)));
  const evaluate = <T,>(fn: (arg: never) => T | Promise<T>, arg?: unknown) => raw.evaluate<T>(fn, arg);
  return {
    raw,
    errors,
    // Web pages only: Firefox refuses a WebDriver navigation to an extension page.
    goto: async (url) => void (await raw.goto(url, { waitUntil: 'load' })),
    evaluate: (fn) => evaluate(fn),
    run: (fn, arg) => evaluate(fn as unknown as (arg: never) => never, arg),
    inject: async (source) => void (await raw.evaluate(source)),
    moveMouse: (x, y) => raw.mouse.move(x, y, { steps: 4 }),
    press: (key) => raw.keyboard.press(key),
    type: (text) => raw.keyboard.type(text),
    async chord(modifiers, code) {
      for (const m of modifiers) await raw.keyboard.down(m);
      await raw.keyboard.press(code);
      for (const m of [...modifiers].reverse()) await raw.keyboard.up(m);
    },
    click: (x, y) => raw.mouse.click(x, y),
    clickOn: (selector) => raw.click(selector),
    async reload() {
      // Puppeteer's reload hangs on Firefox extension tabs; the page can reload itself.
      const before = await raw.evaluate<number>(() => performance.timeOrigin);
      await raw.evaluate(() => void setTimeout(() => location.reload(), 0));
      await waitFor(
        () => raw.evaluate<number>(() => (document.readyState === 'complete' ? performance.timeOrigin : 0)).catch(() => 0),
        (t) => t > 0 && t !== before,
      );
    },
    screenshot: async (file) => void (await raw.screenshot({ path: file })),
    setViewport: async () => {
      throw new Error(`setViewport is not used here (${firefox ? 'firefox' : 'chromium'})`);
    },
    front: () => raw.bringToFront(),
    close: () => raw.close(),
  };
}

async function chromiumRun(): Promise<Run> {
  const b: Chromium = await launchChromium('dist/chrome');
  // Developer mode first (it reloads the extension), so every error below is recorded.
  await chromiumExtensionErrors(b.raw, b.extensionId);
  const context: import('playwright-core').BrowserContext = b.raw;
  const known = new Set(context.pages());
  const adopt = (raw: (typeof known extends Set<infer P> ? P : never)) => {
    known.add(raw);
    return wrap(raw as unknown as DriverPage, false);
  };
  const run: Run = {
    name: 'chromium',
    async open(page) {
      const raw = await context.newPage();
      await raw.goto(`chrome-extension://${b.extensionId}/${page}`);
      return adopt(raw);
    },
    async waitForTab(part) {
      let found: ReturnType<typeof context.pages>[number] | undefined;
      await waitFor(
        async () => (found = context.pages().find((p) => !known.has(p) && p.url().includes(part))),
        (p) => p !== undefined,
      );
      if (!found) throw new Error(`no new tab at …${part}`);
      await found.waitForLoadState('load');
      return adopt(found);
    },
    async web(url) {
      const raw = await context.newPage();
      await raw.goto(url);
      return adopt(raw);
    },
    async dialogs(tab) {
      const cdp = await context.newCDPSession(tab.raw as unknown as Parameters<typeof context.newCDPSession>[0]);
      try {
        const { nodes } = await cdp.send('Accessibility.getFullAXTree');
        return nodes.filter((n) => !n.ignored && n.role?.value === 'dialog').map((n) => String(n.name?.value ?? ''));
      } finally {
        await cdp.detach();
      }
    },
    addresses: async () => context.pages().map((p) => p.url()),
    async closeAt(prefix) {
      await Promise.all(context.pages().filter((p) => p.url().startsWith(prefix)).map((p) => p.close()));
    },
    async popupAbout(tab) {
      await tab.front();
      // The protocol's typings lag behind Chromium: tab targets, the Extensions domain. Playwright
      // does not adopt the toolbar popup as a page, so its text is read over the protocol.
      type Info = { targetId: string; type: string; url: string; embedderData?: { tabActive?: boolean } };
      const cdp = (await context.browser()!.newBrowserCDPSession()) as unknown as {
        send(method: string, params?: object): Promise<any>;
        on(event: string, handler: (e: { sessionId: string; message: string }) => void): void;
        off(event: string, handler: (e: { sessionId: string; message: string }) => void): void;
      };
      const targets = async (): Promise<Info[]> => (await cdp.send('Target.getTargets', { filter: [{}] })).targetInfos;
      const popups = async () => (await targets()).filter((t) => t.type === 'page' && t.url.endsWith('/popup.html'));
      const before = new Set((await popups()).map((t) => t.targetId));
      const url = (tab.raw as unknown as { url(): string }).url();
      const front = (await targets()).find((t) => t.type === 'tab' && t.url === url && t.embedderData?.tabActive);
      if (!front) throw new Error(`no tab target in front at ${url}`);
      await cdp.send('Extensions.triggerAction', { id: b.extensionId, targetId: front.targetId });
      const popup = await waitFor(async () => (await popups()).find((t) => !before.has(t.targetId)), (t) => t !== undefined);
      if (!popup) throw new Error('the toolbar popup did not open');
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: popup.targetId, flatten: false });
      let last = 0;
      const evaluate = (expression: string) =>
        new Promise<unknown>((resolve) => {
          const id = ++last;
          const heard = (e: { sessionId: string; message: string }) => {
            const reply = JSON.parse(e.message) as { id?: number; result?: { result?: { value?: unknown } } };
            if (e.sessionId !== sessionId || reply.id !== id) return;
            cdp.off('Target.receivedMessageFromTarget', heard);
            resolve(reply.result?.result?.value);
          };
          cdp.on('Target.receivedMessageFromTarget', heard);
          void cdp.send('Target.sendMessageToTarget', {
            sessionId,
            message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, returnByValue: true } }),
          });
        });
      return {
        text: async () => String(await evaluate('document.body.textContent')),
        clickButton: async (label) => void (await evaluate(clickButtonSource(label))),
        // The toolbar popup closes itself once another tab comes to the front.
        close: () => cdp.send('Target.closeTarget', { targetId: popup.targetId }).then(() => undefined, () => undefined),
      };
    },
    wake: wakeFromHome,
    async close() {
      const errors = await chromiumExtensionErrors(context, b.extensionId);
      await b.close();
      expect(errors, 'errors Chromium recorded for the extension').toEqual({ manifest: [], runtime: [] });
    },
  };
  return run;
}

async function firefoxRun(): Promise<Run> {
  const b: Firefox = await launchFirefox('dist/firefox');
  const driver = b.raw;
  const inParent = firefoxParent(driver);
  // Every tab the run has seen; a loaded machine can take well over ten seconds to open one.
  const known = new Set<PuppeteerPage>(await driver.pages());
  const tab = (page: PuppeteerPage) => wrap(page as unknown as DriverPage, true);
  const run: Run = {
    name: 'firefox',
    open: async (page) => tab(await openFirefoxExtensionPage(driver, b.addonId, page, known)),
    waitForTab: async (part) => tab(await nextFirefoxTab(driver, known, (href) => href.includes(part))),
    async web(url) {
      const raw = await driver.newPage();
      known.add(raw);
      await raw.goto(url, { waitUntil: 'load' });
      return wrap(raw as unknown as DriverPage, true);
    },
    dialogs: async () => (await b.dialogs()).map((d) => d.name),
    addresses: async () =>
      JSON.parse((await inParent('JSON.stringify(gBrowser.tabs.map((t) => t.linkedBrowser.currentURI.spec))')) as string),
    async closeAt(prefix) {
      await inParent(
        `gBrowser.tabs.filter((t) => t.linkedBrowser.currentURI.spec.startsWith(${JSON.stringify(prefix)})).forEach((t) => gBrowser.removeTab(t))`,
      );
    },
    async popupAbout(tab, home) {
      await tab.front();
      const id = await frontTabId(home);
      await home.run(({ id }) => browser.tabs.create({ url: browser.runtime.getURL('popup.html'), openerTabId: id }), { id });
      const popup = await run.waitForTab('popup.html');
      return {
        text: () => popup.evaluate(() => document.body.textContent ?? ''),
        clickButton: async (label) => void (await popup.raw.evaluate(clickButtonSource(label))),
        close: () => popup.close(),
      };
    },
    wake: wakeFromHome,
    close: () => b.close(),
  };
  return run;
}

const launchers = { chromium: chromiumRun, firefox: firefoxRun };

/** Painted texts in a stable order: a highlight lists its ranges in the order they were added. */
const sorted = (texts: string[]) => [...texts].sort();

// ---- Probes that run in the pages -------------------------------------------------------

interface OptionSeen {
  id: string;
  group: string;
  text: string;
  /** A quote result's words, without its quotation marks or the ellipses of a clipped one. */
  quote: string | null;
  title: string;
  marked: string[];
  active: boolean;
}

/** The popup's listbox as a screen reader would walk it. */
const popupOptions = (tab: Tab) =>
  tab.evaluate((): OptionSeen[] => {
    const active = document.getElementById('search')?.getAttribute('aria-activedescendant');
    return [...document.querySelectorAll<HTMLElement>('[role="option"]')].map((o) => {
      const group = o.closest('[role="group"]')!;
      return {
        id: o.id,
        group: document.getElementById(group.getAttribute('aria-labelledby')!)?.textContent ?? '',
        text: o.textContent ?? '',
        title: o.querySelector('.title')?.textContent ?? '',
        quote: o.querySelector('.quote')?.textContent?.replace(/^“…?|…?”$/g, '') ?? null,
        marked: [...o.querySelectorAll('mark')].map((m) => m.textContent ?? ''),
        active: o.id === active && o.getAttribute('aria-selected') === 'true',
      };
    });
  });

const searchState = (tab: Tab) =>
  tab.evaluate(() => {
    const input = document.getElementById('search') as HTMLInputElement | null;
    return { value: input?.value ?? null, focused: document.activeElement === input };
  });

/** The entity view's card (an open shadow root in the popup): its name and whether it has focus. */
const entityView = (tab: Tab) =>
  tab.evaluate(() => {
    const root = document.querySelector('.shadow-frame')?.shadowRoot;
    const dialog = root?.querySelector<HTMLElement>('[role="dialog"]');
    return dialog ? { name: dialog.querySelector('h2')?.textContent ?? '', focused: root!.activeElement === dialog } : null;
  });

/** Types into the popup's box (cleared first with Esc) and waits for the list to answer. */
async function search(tab: Tab, query: string) {
  if ((await searchState(tab)).value) await tab.press('Escape');
  await tab.type(query);
  await waitFor(() => searchState(tab), (s) => s.value === query);
  await waitFor(() => tab.evaluate(() => document.getElementById('results')?.getAttribute('aria-label')), (l) => l === 'Search results');
  return popupOptions(tab);
}

/** Presses ArrowDown until the option with `id` is active. */
async function arrowTo(tab: Tab, id: string) {
  for (let i = 0; i < 40; i++) {
    if ((await popupOptions(tab)).find((o) => o.id === id)?.active) return;
    await tab.press('ArrowDown');
  }
  throw new Error(`never reached option ${id}`);
}

const readerMark = (tab: Tab) =>
  tab.evaluate(() => ({
    text: document.getElementById('quote')?.textContent ?? null,
    marks: document.querySelectorAll('article mark').length,
    focused: document.activeElement?.id === 'quote',
    search: location.search,
  }));

/** The centre of the first mention the page paints. */
const firstMention = (tab: Tab) =>
  tab.evaluate(() => {
    const range = [...(CSS.highlights.get('backstory-mention') ?? [])][0] as Range | undefined;
    const box = range?.getClientRects()[0];
    return range && box ? { text: range.toString(), x: box.left + box.width / 2, y: box.top + box.height / 2 } : null;
  });

const stored = (tab: Tab) =>
  tab.run(async () => ({
    settings: (await browser.storage.sync.get('settings')).settings as Record<string, unknown> | undefined,
    rejected: (await browser.storage.local.get('settingsRejected')).settingsRejected as Record<string, unknown> | undefined,
  }), null);

/** Back to a fresh install's settings, in every context. */
const resetSettings = (tab: Tab) =>
  tab.run(async () => {
    await browser.storage.sync.remove('settings');
    await browser.storage.local.remove(['settings', 'settingsRejected']);
  }, null);

/** The `n` words in a row of `text` that say most (the longest), as someone might remember them. */
function memorable(text: string, n: number): string {
  const words = text.split(' ');
  const weight = (i: number) => words.slice(i, i + n).join('').length;
  let from = 0;
  for (let i = 1; i + n <= words.length; i++) if (weight(i) > weight(from)) from = i;
  return words.slice(from, from + n).join(' ');
}

async function audit(tab: Tab) {
  await tab.inject(await axeSource);
  return tab.run(async () => {
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.html) }));
  }, null);
}

/**
 * A tab opened by the first test that asks for it rather than by a hook: vitest runs a failed
 * test once more (and the run names it), while a failed hook fails its whole group. A failed
 * opening is tried afresh by the next test that asks.
 */
function openedOnFirstUse(open: () => Promise<Tab>): () => Promise<Tab> {
  let tab: Promise<Tab> | undefined;
  return () =>
    (tab ??= open().catch((error: unknown) => {
      tab = undefined;
      throw error;
    }));
}

// ---- The tests --------------------------------------------------------------------------

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`in ${name}`, () => {
    let run: Run;
    let server: Awaited<ReturnType<typeof serve>>;
    let index: CorpusIndex;
    /** An extension page kept open to use the extension's API from (storage, tabs). */
    let home: Tab;
    let news: Tab;
    const opened: Tab[] = [];
    const shot = (tab: Tab, what: string) => tab.screenshot(path.join(ARTIFACTS, `${name}-${what}.png`));
    const open = async (page: string) => {
      const tab = await run.open(page);
      opened.push(tab);
      return tab;
    };
    /** Closes a tab a test opened, once it has logged no error, so later tests meet the tabs they used to. */
    const closeTab = async (tab: Tab) => {
      expect(tab.errors).toEqual([]);
      await tab.close();
      opened.splice(opened.indexOf(tab), 1);
    };
    const newsUrl = () => `${server.url}/pages/news.html`;
    const freshNews = async () => {
      await news.goto(newsUrl());
      return sorted(await waitFor(() => paintedTexts(news), (t) => t.length >= 2));
    };

    beforeAll(async () => {
      await mkdir(ARTIFACTS, { recursive: true });
      server = await serve('test/browser/fixtures');
      index = JSON.parse(await readFile(`dist/${name === 'chromium' ? 'chrome' : 'firefox'}/index.json`, 'utf8'));
      run = await launchers[name]();
      home = await open('popup.html');
      news = await run.web(newsUrl());
      opened.push(news);
      await waitFor(() => paintedTexts(news), (t) => t.length >= 2);
    });
    afterAll(async () => {
      await run?.close();
      await server?.close();
    });

    describe('the popup', () => {
      const popupTab = openedOnFirstUse(() => open('popup.html'));

      it('opens with the search box focused and, before a query, the people covered and the counts', async () => {
        const popup = await popupTab();
        const options = await waitFor(() => popupOptions(popup), (o) => o.length > 0);
        expect(await searchState(popup)).toEqual({ value: '', focused: true });
        const people = index.entities.filter((e) => e.kind === 'person');
        expect(options.filter((o) => o.group === 'People').map((o) => o.title)).toEqual(people.map((e) => e.name));
        const summary = await popup.evaluate(() => document.querySelector('.summary')?.textContent);
        expect(summary).toContain(`${index.quotes.length} quotes`);
        expect(summary).toContain(`${index.articles.length} articles`);
        const ready = await popup.evaluate(() => performance.getEntriesByName('backstory-popup-ready')[0]?.startTime ?? null);
        console.log(`${name}: popup searchable ${ready === null ? '?' : Math.round(ready)} ms after navigation start`);
        await shot(popup, 'popup-overview');
      });

      it('lists Volodymyr Zelensky first for "zelen", with the matched letters marked', async () => {
        const popup = await popupTab();
        const [first] = await search(popup, 'zelen');
        expect(first).toMatchObject({ group: 'People', title: 'Volodymyr Zelensky', active: true });
        expect(first!.marked).toEqual(['Zelen']);
        await shot(popup, 'popup-zelen');
      });

      it('finds a person by a non-Latin alias', async () => {
        const popup = await popupTab();
        const [first] = await search(popup, 'Зеленськ');
        expect(first).toMatchObject({ group: 'People', title: 'Volodymyr Zelensky' });
        expect(first!.marked).toEqual(['Зеленськ']);
        expect(first!.text).toContain('Зеленський');
      });

      it('works from the keyboard: arrows move, Enter opens the entity view, Esc goes back, then clears', async () => {
        const popup = await popupTab();
        const options = await search(popup, 'rubio');
        expect(options[0]).toMatchObject({ title: 'Marco Rubio', active: true });
        await popup.press('ArrowDown');
        expect((await popupOptions(popup)).findIndex((o) => o.active)).toBe(1);
        await popup.press('ArrowUp');
        expect((await popupOptions(popup)).findIndex((o) => o.active)).toBe(0);
        await popup.press('Enter');
        const view = await waitFor(() => entityView(popup), (v) => v !== null);
        expect(view).toEqual({ name: 'Marco Rubio', focused: true });
        // Firefox updates its accessibility tree a moment after the DOM.
        expect(await waitFor(() => run.dialogs(popup), (d) => d.includes('Marco Rubio'))).toContain('Marco Rubio');
        await shot(popup, 'popup-entity');
        await popup.press('Escape');
        expect(await waitFor(() => searchState(popup), (s) => s.focused)).toEqual({ value: 'rubio', focused: true });
        await popup.press('Escape');
        expect(await searchState(popup)).toEqual({ value: '', focused: true });
        expect(popup.errors).toEqual([]);
      });

      it('lists a Rubio quote, with its speaker, for a few of its words; choosing it opens the reader at exactly that quote', async () => {
        const popup = await popupTab();
        const quote = index.quotes.find((q) => q.speaker === 'marco-rubio' && q.text.split(' ').length >= 8) as Quote;
        // Typed as on a keyboard, with a straight apostrophe.
        const words = memorable(quote.text, 4).replace(/’/g, "'");
        const options = await search(popup, words);
        const hit = options.find((o) => o.group === 'Quotes' && quote.sources.some((s) => o.quote && s.text.includes(o.quote)));
        expect(hit, `a quote result for "${words}"`).toBeDefined();
        expect(hit!.text).toContain('— Marco Rubio');
        expect(options.filter((o) => o.group === 'Quotes')[0]!.id).toBe(hit!.id);
        await shot(popup, 'popup-quote');
        await arrowTo(popup, hit!.id);
        await popup.press('Enter');

        const reader = await run.waitForTab('reader.html');
        opened.push(reader);
        // The mark takes focus once the article is laid out.
        const seen = await waitFor(() => readerMark(reader), (m) => m.focused);
        // The address names one of the quote's wordings, and exactly that wording is marked.
        const params = new URLSearchParams(seen.search);
        const source = quote.sources.find(
          (s) => s.articleId === params.get('article') && String(s.start) === params.get('start') && String(s.end) === params.get('end'),
        );
        expect(source, `the reader's address ${seen.search}`).toBeDefined();
        expect(seen).toMatchObject({ text: source!.text, marks: 1, focused: true });
        await shot(reader, 'reader-quote');

        await reader.reload();
        expect(await waitFor(() => readerMark(reader), (m) => m.focused)).toEqual(seen);
        expect(reader.errors).toEqual([]);
      });

      it('lists what is on the page it was opened from, and reveals a mention there with its card', async () => {
        await freshNews();
        // Without the "tabs" permission the API hides addresses; the active tab is the one in front.
        await news.front();
        const tabId = await home.run(async () => (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id, null);
        expect(tabId).toBeTypeOf('number');
        await home.run(
          ({ id }) => browser.tabs.create({ url: browser.runtime.getURL('popup.html'), openerTabId: id }),
          { id: tabId! },
        );
        const onPage = await run.waitForTab('popup.html');
        opened.push(onPage);
        const options = await waitFor(
          () => popupOptions(onPage),
          (o) => o.some((x) => x.group === 'On this page'),
        );
        const listed = options.filter((o) => o.group === 'On this page');
        expect(listed.map((o) => o.text)).toEqual(['Marco Rubio 2 mentions', 'Volodymyr Zelensky 1 mention']);
        await shot(onPage, 'popup-on-this-page');

        await arrowTo(onPage, listed[1]!.id);
        await onPage.press('Enter');
        expect(await waitFor(() => cardOpen(news), (o) => o)).toBe(true);
        const dialogs = await waitFor(() => run.dialogs(news), (d) => d.includes('Volodymyr Zelensky'));
        expect(dialogs).toContain('Volodymyr Zelensky');
        const inView = await news.evaluate(() => {
          const box = document.getElementById('later')!.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= innerHeight;
        });
        expect(inView).toBe(true);
        await news.press('Escape');
        expect(onPage.errors).toEqual([]);
      });
      it('wakes the content script of a page that names no one, which listens to nothing until asked', async () => {
        const nameless = await run.web(`${server.url}/mentions/nameless.html`);
        opened.push(nameless);
        await nameless.front();
        const tabId = await frontTabId(home);
        const ask = () =>
          home.run(
            ({ id }) =>
              browser.tabs.sendMessage(id, { type: 'content:mentions', params: {} }, { frameId: 0 }).then(
                (reply) => reply as unknown,
                (error: Error) => error.message,
              ),
            { id: tabId },
          );
        // Its content script has run (at document_idle) and found no one, so it left the extension
        // API alone: a message to the page finds no listener.
        await sleep(1000);
        expect(await ask()).toMatch(/Receiving end does not exist/);
        expect(await scannerStarted(nameless)).toBe(false);

        // The popup's question wakes it, and the scanner it loads answers: no one here.
        const popup = await run.popupAbout(nameless, home);
        const said = await waitFor(() => popup.text(), (t) => t.includes('on this page'));
        expect(said).toContain('Nothing the corpus covers is mentioned on this page.');
        expect(await scannerStarted(nameless)).toBe(true);
        expect(await ask()).toEqual({ ok: true, result: [] });
        expect(nameless.errors).toEqual([]);
      });

      it('opens the card for a look-up that is the first message a nameless page hears', async () => {
        const nameless = await run.web(`${server.url}/mentions/nameless.html`);
        opened.push(nameless);
        await sleep(1000);
        await run.wake(nameless, home);
        await nameless.front();
        const tabId = await frontTabId(home);
        expect(await scannerStarted(nameless)).toBe(false);
        // A name the scanner does not read (in code): the look-up loads the scanner, and is
        // answered once the scanner has started, not before, when there is no session yet.
        await nameless.run(() => {
          document.getElementById('first')!.insertAdjacentHTML('beforeend', ' <code id="coded">Marco Rubio</code>');
          getSelection()!.selectAllChildren(document.getElementById('coded')!);
        }, null);
        const shown = await home.run(
          ({ id }) => browser.tabs.sendMessage(id, { type: 'content:open-card', params: { selectionText: 'Marco Rubio' } }, { frameId: 0 }),
          { id: tabId },
        );
        expect(shown).toEqual({ ok: true, result: true });
        expect(await waitFor(() => cardOpen(nameless), (o) => o)).toBe(true);
        await nameless.press('Escape');
        expect(nameless.errors).toEqual([]);
      });
    });

    describe('the reader', () => {
      it('shows an article as text, its mentions marked and hoverable with the card', async () => {
        const article = index.articles[0]!;
        const reader = await open(`reader.html?article=${encodeURIComponent(article.id)}`);
        await waitFor(() => paintedTexts(reader), (t) => t.length > 0);
        const tags = await reader.evaluate(() => [...new Set([...document.querySelectorAll('article *')].map((e) => e.tagName))].sort());
        expect(tags.every((t) => ['H1', 'H2', 'LI', 'MARK', 'P', 'UL'].includes(t))).toBe(true);

        const mention = (await firstMention(reader))!;
        await reader.moveMouse(mention.x - 30, mention.y + 1);
        await reader.moveMouse(mention.x, mention.y);
        expect(await waitFor(() => cardOpen(reader), (o) => o)).toBe(true);
        const entity = index.entities.find((e) => e.aliases.includes(mention.text))!;
        expect(await waitFor(() => run.dialogs(reader), (d) => d.includes(entity.name))).toContain(entity.name);
        await shot(reader, 'reader-card');
        await reader.press('Escape');
        expect(reader.errors).toEqual([]);
      });

      it('opens a card from the keyboard, and answers the popup’s “On this page” like a web page', async () => {
        const reader = await open(`reader.html?article=${encodeURIComponent(index.articles[1]!.id)}`);
        await waitFor(() => paintedTexts(reader), (t) => t.length > 0);
        await reader.front();
        await reader.chord(['Alt', 'Shift'], 'KeyK');
        expect(await waitFor(() => cardOpen(reader), (o) => o)).toBe(true);
        expect(await reader.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('backstory-card');
        await reader.press('Escape');
        await waitFor(() => cardOpen(reader), (o) => !o);

        const tabId = await home.run(async () => (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id, null);
        await home.run(({ id }) => browser.tabs.create({ url: browser.runtime.getURL('popup.html'), openerTabId: id }), { id: tabId! });
        const popup = await run.waitForTab('popup.html');
        opened.push(popup);
        const listed = (await waitFor(() => popupOptions(popup), (o) => o.some((x) => x.group === 'On this page'))).filter(
          (o) => o.group === 'On this page',
        );
        expect(listed.length).toBeGreaterThan(0);
        await arrowTo(popup, listed.at(-1)!.id);
        await popup.press('Enter');
        expect(await waitFor(() => cardOpen(reader), (o) => o)).toBe(true);
        expect(await waitFor(() => run.dialogs(reader), (d) => d.includes(listed.at(-1)!.title))).toContain(listed.at(-1)!.title);
        await reader.press('Escape');
        expect([...reader.errors, ...popup.errors]).toEqual([]);
      });

      it('lists every article with its outlet, and moves between them from the keyboard', async () => {
        const reader = await open('reader.html');
        const nav = await waitFor(
          () => reader.evaluate(() => [...document.querySelectorAll('nav li')].map((li) => li.textContent)),
          (n) => n.length > 0,
        );
        const title = (a: CorpusIndex['articles'][number]) => a.title ?? 'Untitled article';
        expect(nav).toEqual(index.articles.map((a) => `${title(a)}${a.outlet ?? 'outlet not stated'}`));
        await reader.press('Tab');
        await reader.press('Tab');
        expect(await reader.evaluate(() => document.activeElement?.textContent)).toBe(title(index.articles[1]!));
        await reader.press('Enter');
        const heading = await waitFor(
          () =>
            reader
              .evaluate(() => (location.search.includes('article=') ? document.querySelector('h1')?.textContent : null))
              .catch(() => null), // while the next article loads
          (h) => !!h,
        );
        expect(heading).toBe(title(index.articles[1]!));
      });
    });

    describe('the settings page', () => {
      const settingsPage = openedOnFirstUse(async () => {
        await resetSettings(home);
        const tab = await open('options.html');
        await waitFor(() => tab.evaluate(() => !!document.querySelector('input[name="density"]:checked')), (x) => x);
        return tab;
      });
      afterAll(() => resetSettings(home));

      it('clears the marks in an open tab when density becomes "none", without a reload', async () => {
        const options = await settingsPage();
        await freshNews();
        const load = await news.evaluate(() => performance.timeOrigin);
        await options.clickOn('input[name="density"][value="none"]');
        expect(await waitFor(() => paintedTexts(news), (t) => t.length === 0)).toEqual([]);
        expect((await stored(home)).settings).toMatchObject({ density: 'none' });
        await options.clickOn('input[name="density"][value="first"]');
        expect(sorted(await waitFor(() => paintedTexts(news), (t) => t.length === 2))).toEqual(['Marco Rubio', 'Volodymyr Zelensky']);
        expect(await news.evaluate(() => performance.timeOrigin)).toBe(load);
      });

      it('is usable from the keyboard: arrow keys change the density, typed delays are checked', async () => {
        const options = await settingsPage();
        await options.evaluate(() => document.querySelector<HTMLInputElement>('input[name="density"][value="first"]')!.focus());
        await options.press('ArrowDown');
        expect(sorted(await waitFor(() => paintedTexts(news), (t) => t.length === 3))).toEqual(['Marco Rubio', 'Rubio', 'Volodymyr Zelensky']);
        expect((await stored(home)).settings).toMatchObject({ density: 'all' });

        await options.evaluate(() => document.getElementById('show-delay')!.focus());
        await options.chord(['Control'], 'KeyA');
        await options.type('5000');
        await options.press('Tab');
        expect(await options.evaluate(() => document.getElementById('show-delay')!.getAttribute('aria-invalid'))).toBe('true');
        expect((await stored(home)).settings).toMatchObject({ showDelayMs: 400 });
        await options.evaluate(() => document.getElementById('show-delay')!.focus());
        await options.chord(['Control'], 'KeyA');
        await options.type('650');
        await options.press('Tab');
        expect(await waitFor(() => stored(home), (s) => s.settings?.showDelayMs === 650)).toMatchObject({ settings: { showDelayMs: 650 } });
        await shot(options, 'options');
      });

      it('pauses Backstory in every open tab, and resumes it', async () => {
        const options = await settingsPage();
        await freshNews();
        // A page that names no one has no scanner (decision 007); settings changes leave it so.
        const nameless = await run.web(`${server.url}/mentions/nameless.html`);
        opened.push(nameless);
        await options.front();
        await options.clickOn('#pause');
        expect(await waitFor(() => paintedTexts(news), (t) => t.length === 0)).toEqual([]);
        const popup = await open('popup.html');
        const said = await waitFor(() => popup.evaluate(() => document.body.textContent ?? ''), (t) => t.includes('paused'));
        expect(said).toContain('Backstory is paused: it marks nothing and opens no card.');
        await options.front();
        await options.clickOn('#pause');
        expect((await waitFor(() => paintedTexts(news), (t) => t.length > 0)).length).toBeGreaterThan(0);
        // Had either change loaded a scanner there, the resumed one would have its highlight now.
        await new Promise((r) => setTimeout(r, 500));
        expect(await scannerStarted(nameless)).toBe(false);
      });

      it('runs nothing on a page loaded while paused, and reaches it on resume without a reload', async () => {
        const options = await settingsPage();
        await options.front();
        await options.clickOn('#pause');
        expect(await waitFor(() => registered(home), (n) => n === 0)).toBe(0);
        const later = await run.web(newsUrl());
        opened.push(later);
        const tabId = await frontTabId(home);
        await sleep(500);
        expect(await contentScriptRuns(home, tabId)).toBe(false);
        expect(await paintedTexts(later)).toEqual([]);
        const load = await later.evaluate(() => performance.timeOrigin);
        await options.front();
        await options.clickOn('#pause');
        // Marked as the tab that was open all along is, with the same settings.
        const marked = sorted(await waitFor(() => paintedTexts(later), (t) => t.length >= 2));
        expect(marked).toEqual(sorted(await waitFor(() => paintedTexts(news), (t) => t.length === marked.length)));
        expect(await contentScriptRuns(home, tabId)).toBe(true);
        expect(await later.evaluate(() => performance.timeOrigin)).toBe(load);
        expect(await registered(home)).toBe(1);
        await closeTab(later);
      });

      it('lists a site turned off, runs nothing on its pages, and turns it back on', async () => {
        const options = await settingsPage();
        await freshNews();
        await home.run(async () => {
          const { settings } = await browser.storage.sync.get('settings');
          await browser.storage.sync.set({ settings: { ...(settings as object), disabledSites: ['127.0.0.1'] } });
        }, null);
        expect(await waitFor(() => paintedTexts(news), (t) => t.length === 0)).toEqual([]);
        const listed = await waitFor(
          () => options.evaluate(() => [...document.querySelectorAll('.sites li span')].map((s) => s.textContent)),
          (l) => l.length > 0,
        );
        expect(listed).toEqual(['127.0.0.1']);
        // A page of the site opened now gets no content script at all.
        expect(await waitFor(() => leftOut(home), (l) => l.length > 0)).toEqual(['*://127.0.0.1/*']);
        const later = await run.web(newsUrl());
        opened.push(later);
        const tabId = await frontTabId(home);
        await sleep(500);
        expect(await contentScriptRuns(home, tabId)).toBe(false);
        // The popup says why "On this page" is empty there, rather than that it cannot read it.
        const popup = await run.popupAbout(later, home);
        const said = await waitFor(() => popup.text(), (t) => t.includes('is off on'));
        expect(said).toContain('Backstory is off on 127.0.0.1: it runs nothing on its pages.');
        await options.front();
        await options.clickOn('.sites button');
        const marked = sorted(await waitFor(() => paintedTexts(news), (t) => t.length >= 2));
        expect(sorted(await waitFor(() => paintedTexts(later), (t) => t.length >= 2))).toEqual(marked);
        expect((await stored(home)).settings).toMatchObject({ disabledSites: [] });
        await popup.close();
        await closeTab(later);
      });

      it('turns a site back on from the popup, which then lists what the page names', async () => {
        await home.run(async () => {
          const { settings } = await browser.storage.sync.get('settings');
          await browser.storage.sync.set({ settings: { ...(settings as object), disabledSites: ['127.0.0.1'] } });
        }, null);
        expect(await waitFor(() => leftOut(home), (l) => l.length > 0)).toEqual(['*://127.0.0.1/*']);
        const later = await run.web(newsUrl());
        opened.push(later);
        const popup = await run.popupAbout(later, home);
        expect(await waitFor(() => popup.text(), (t) => t.includes('is off on'))).toContain('Backstory is off on 127.0.0.1');
        await popup.clickButton('Turn back on');
        expect(sorted(await waitFor(() => paintedTexts(later), (t) => t.length >= 2)).length).toBeGreaterThanOrEqual(2);
        const listed = await waitFor(() => popup.text(), (t) => t.includes('On this page'));
        expect(listed).toContain('Marco Rubio');
        expect(listed).not.toContain('is off on');
        expect((await stored(home)).settings).toMatchObject({ disabledSites: [] });
        await popup.close();
        await closeTab(later);
      });

      it('recovers from corrupt stored settings: defaults, a notice, and the data kept aside', async () => {
        const options = await settingsPage();
        await home.run(() => browser.storage.sync.set({ settings: { version: 1, density: 'loud', theme: 42 } }), null);
        const page = await open('options.html');
        const notice = await waitFor(
          () => page.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? null),
          (n) => n !== null,
        );
        expect(notice).toContain('Your settings were reset');
        expect(await page.evaluate(() => document.querySelector<HTMLInputElement>('input[name="density"]:checked')?.value)).toBe('first');
        const { settings, rejected } = await stored(home);
        expect(settings).toMatchObject({ version: 1, density: 'first', theme: 'auto' });
        expect(rejected).toMatchObject({ value: { version: 1, density: 'loud', theme: 42 } });
        expect(rejected!.problem).toMatch(/"density" was the text "loud"; "theme" was number 42/);
        await shot(page, 'options-recovered');
        // Open tabs carry on with the defaults.
        expect(await freshNews()).toEqual(['Marco Rubio', 'Volodymyr Zelensky']);

        await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Dismiss')!.focus());
        await page.press('Enter');
        expect(await waitFor(() => page.evaluate(() => document.querySelector('[role="alert"]')), (n) => n === null)).toBeNull();
        expect((await stored(home)).rejected).toBeUndefined();
        expect([...page.errors, ...options.errors]).toEqual([]);
      });

      it('shows the keyboard shortcut, and opens the browser’s own page to change it', async () => {
        const options = await settingsPage();
        await options.front();
        const shown = await waitFor(() => options.evaluate(() => document.querySelector('kbd')?.textContent ?? null), (k) => k !== null);
        expect(shown).toBe('Alt+Shift+K');
        // The background's copy, which pages read with their settings (src/shortcut-store.ts).
        expect(await home.run(() => browser.storage.local.get('shortcut'), null)).toEqual({ shortcut: 'Alt+Shift+K' });
        await options.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Change the shortcut…')!.focus());
        await options.press('Enter');
        const page = name === 'chromium' ? 'chrome://extensions/shortcuts' : 'about:addons';
        expect(await waitFor(() => run.addresses(), (a) => a.some((x) => x.startsWith(page)))).toContainEqual(expect.stringMatching(`^${page}`));
        // Closed, so that the tests after this one meet the tabs they used to.
        await run.closeAt(page);
        expect(await waitFor(() => run.addresses(), (a) => !a.some((x) => x.startsWith(page)))).not.toContainEqual(expect.stringMatching(`^${page}`));
      });

      // Only Firefox lets an extension change its own key (commands.update), as its add-ons
      // manager does; it also tells the background of the change (commands.onChanged).
      if (name === 'firefox') it('follows a changed key on an open page, without a reload', async () => {
        // Each browser call is named: this test once ran out of time in CI at a step unknown.
        const shortcut = () => home.run(() => browser.storage.local.get('shortcut'), null);
        await within('the key changed', home.run(() => browser.commands.update({ name: 'open-card', shortcut: 'Alt+Shift+J' }), null));
        try {
          await within('the new key stored', waitFor(shortcut, (s) => s.shortcut === 'Alt+Shift+J'));
          await within('the page brought to the front', news.front());
          // The new key works once the background's word of the change reaches the page.
          const pressJ = async () => {
            await within('the new key pressed', news.chord(['Alt', 'Shift'], 'KeyJ'));
            return waitFor(() => cardOpen(news), (o) => o, 500);
          };
          expect(await waitFor(pressJ, (o) => o)).toBe(true);
          await within('Escape pressed', news.press('Escape'));
          await within('the card closed', waitFor(() => cardOpen(news), (o) => !o));
          await within('the old key pressed', news.chord(['Alt', 'Shift'], 'KeyK'));
          await sleep(500);
          expect(await cardOpen(news)).toBe(false);
        } finally {
          // Back to the manifest's key. Firefox's `reset` says nothing to onChanged; `update` does.
          await within(
            'the key reset',
            home.run(async () => {
              await browser.commands.update({ name: 'open-card', shortcut: 'Alt+Shift+K' });
              await browser.commands.reset('open-card');
            }, null),
          );
        }
        expect(await within('the old key stored', waitFor(shortcut, (s) => s.shortcut === 'Alt+Shift+K'))).toEqual({ shortcut: 'Alt+Shift+K' });
        expect(news.errors).toEqual([]);
      });

      it('applies the dark theme to Backstory’s pages, and to the popup’s card', async () => {
        const options = await settingsPage();
        await options.clickOn('input[name="theme"][value="dark"]');
        const background = () => options.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
        expect(await waitFor(background, (c) => c === 'rgb(26, 25, 23)')).toBe('rgb(26, 25, 23)');
        const popup = await open('popup.html');
        await search(popup, 'peskov');
        await popup.press('Enter');
        await waitFor(() => entityView(popup), (v) => v !== null);
        const theme = await popup.evaluate(() => ({
          page: getComputedStyle(document.documentElement).backgroundColor,
          card: document.querySelector('.shadow-frame')!.shadowRoot!.querySelector<HTMLElement>('[data-theme]')!.dataset.theme,
        }));
        expect(theme).toEqual({ page: 'rgb(26, 25, 23)', card: 'dark' });
        await sleep(250); // past the card's fade-in
        await shot(popup, 'popup-entity-dark');
      });
    });

    describe('axe-core', () => {
      afterAll(() => resetSettings(home));
      for (const theme of ['light', 'dark'] as const) {
        it(`finds no violations on the popup, the reader and the settings page (${theme})`, async () => {
          await home.run((t) => browser.storage.sync.set({ settings: { version: 1, theme: t } }), theme);
          const quote = index.quotes[0]!;
          const pages: [string, (tab: Tab) => Promise<unknown>][] = [
            ['popup.html', async (tab) => waitFor(() => popupOptions(tab), (o) => o.length > 0)],
            ['popup.html', async (tab) => search(tab, 'rubio')],
            [
              'popup.html',
              async (tab) => {
                await search(tab, 'rubio');
                await tab.press('Enter');
                await waitFor(() => entityView(tab), (v) => v !== null);
              },
            ],
            [
              `reader.html?article=${quote.articleId}&start=${quote.start}&end=${quote.end}`,
              async (tab) => waitFor(() => paintedTexts(tab), (t) => t.length > 0),
            ],
            ['options.html', async (tab) => waitFor(() => tab.evaluate(() => !!document.querySelector('input:checked')), (x) => x)],
          ];
          for (const [page, ready] of pages) {
            const tab = await open(page);
            await ready(tab);
            await sleep(200); // past the card's fade-in
            const scheme = await tab.evaluate(() => document.documentElement.dataset.theme);
            expect(scheme).toBe(theme);
            const violations = await audit(tab);
            if (violations.length) await shot(tab, `axe-${theme}-${page.split(/[.?]/)[0]}`);
            expect(violations, `${page} (${theme})`).toEqual([]);
            await closeTab(tab);
          }
        });
      }
    });

    it('logs no errors on any page', async () => {
      expect(opened.flatMap((t) => t.errors)).toEqual([]);
    });
  });
}
