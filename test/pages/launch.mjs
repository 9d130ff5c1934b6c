// @ts-check
/**
 * Browsers for the real-pages run, with or without an extension, that record what a page and
 * the extension do: requests, uncaught errors, console errors, and errors the browser files
 * under the extension itself. Every connection that does not go to 127.0.0.1 goes to a
 * blocking proxy (the "sink"), which refuses it and writes it down, so nothing leaves this
 * machine, whichever part of the browser makes the request.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  BROWSERS,
  firefoxParent,
  openFirefoxExtensionPage,
  untilChromiumRegistered,
  untilFirefoxRegistered,
} from '../support/browsers.mjs';

/** Schemes that reach the network; extension, data and blob URLs do not. */
export const isNetwork = (/** @type {string} */ url) => /^(https?|wss?|ftp):/i.test(url);

/** @typedef {{ at: number, line: string, host: string }} SinkEntry */

/**
 * The blocking proxy: answers every proxied request with 403 and every CONNECT by closing,
 * after noting it.
 */
export async function startSink() {
  /** @type {SinkEntry[]} */
  const entries = [];
  const server = createServer((req, res) => {
    let host = '';
    try {
      host = new URL(req.url ?? '').host;
    } catch {
      host = String(req.headers.host ?? '');
    }
    entries.push({ at: Date.now(), line: `${req.method} ${req.url}`, host });
    res.writeHead(403, { connection: 'close' }).end();
  });
  server.on('connect', (req, socket) => {
    entries.push({ at: Date.now(), line: `CONNECT ${req.url}`, host: String(req.url) });
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('sink has no port');
  return {
    port: address.port,
    entries,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/**
 * What one tab saw.
 * @typedef {object} Recorded
 * @property {string[]} requests  "METHOD url" of every request of the page and its frames
 * @property {string[]} pageErrors  uncaught exceptions
 * @property {string[]} consoleErrors  "text @ source" of console errors
 * @property {string[]} fromExtension  errors and console errors whose source is an extension
 */

/**
 * The one tab a browser opens pages in, one after another.
 * @typedef {object} Tab
 * @property {() => Recorded} record  starts a fresh record for the next page and returns it
 * @property {(url: string, timeoutMs: number) => Promise<string | null>} goto  null, or why the
 *   page did not finish loading
 * @property {<T, A>(fn: (arg: A) => T, arg?: A) => Promise<T>} evaluate  in the page's main world
 * @property {(x: number, y: number) => Promise<void>} moveMouse
 * @property {() => Promise<void>} leave  stops recording, parks the pointer in a corner and
 *   loads about:blank, so nothing of this page reaches the next one's record
 */

/**
 * @typedef {object} PageMention
 * @property {string} entityId
 * @property {number} count
 * @property {string} text
 */

/**
 * @typedef {object} PagesBrowser
 * @property {'chromium' | 'firefox'} name
 * @property {string} version
 * @property {boolean} withExtension
 * @property {Tab} tab
 * @property {(origin: string) => Promise<void>} clearSiteData  cookies and storage of `origin`:
 *   every page is served from the same origin, and what one page stores must not steer the next
 * @property {() => Promise<string[]>} takeExtensionErrors  errors the browser filed under the
 *   extension since the last call (its background, pages and content scripts)
 * @property {() => Promise<string[]>} takeExtensionRequests  network requests the extension's
 *   own contexts (background, pages) started since the last call
 * @property {() => Promise<PageMention[] | null>} mentions  what the extension's content script
 *   in the one open page reports finding (the `content:mentions` message), asked from an
 *   extension page
 * @property {() => Promise<void>} close
 */

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-domain-reliability',
];

/**
 * Runs in every page and frame, in both runs, before the page's own scripts: Math.random
 * becomes a fixed sequence, so a page that picks its ads or experiments at random picks the
 * same with and without the extension. (The extension's content script has its own world
 * and its own Math.random.)
 */
export function seedMathRandom() {
  let state = 0x2545f491;
  Math.random = function random() {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/**
 * Loads `url` in `page` (either driver's), and resolves to null, or to why the driver reported
 * the navigation as failed. Firefox rejects some navigations the page itself starts towards
 * blocked addresses, yet the page finishes loading: that is waited for, up to `timeoutMs`.
 * @param {{ goto(url: string, options: object): Promise<unknown>, evaluate(fn: () => string): Promise<string> }} page
 * @param {string} url
 * @param {number} timeoutMs
 * @returns {Promise<string | null>}
 */
async function gotoPage(page, url, timeoutMs) {
  try {
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    return null;
  } catch (error) {
    for (const until = Date.now() + timeoutMs; Date.now() < until; ) {
      if ((await page.evaluate(() => document.readyState).catch(() => '')) === 'complete') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return error instanceof Error ? error.message.split('\n')[0] ?? 'goto failed' : String(error);
  }
}

/** The key of the hook a nameless page's content script leaves: src/content/listen-hook.ts's. */
const LISTEN_KEY = 'backstory.listen';

/**
 * Mentions as the top frame's content script answers `content:mentions`, asked of every tab
 * (only the page under test has a content script). Without a frame id, every frame's script
 * would answer and the first answer would win: often an empty frame's, in Firefox.
 * A content script that found no one is not listening: it is woken as the popup wakes it
 * (src/content/listen-hook.ts), with `scripting.executeScript`, which Backstory's host access
 * allows in both browsers.
 */
const askMentions = async (/** @type {string} */ key) => {
  const api = /** @type {any} */ (globalThis).browser ?? /** @type {any} */ (globalThis).chrome;
  const own = (await api.tabs.getCurrent())?.id;
  const tabs = (await api.tabs.query({})).filter((/** @type {any} */ t) => t.id !== own);
  const ask = (/** @type {number} */ id) => api.tabs.sendMessage(id, { type: 'content:mentions', params: {} }, { frameId: 0 });
  const replies = await Promise.all(
    tabs.map((/** @type {any} */ t) =>
      ask(t.id).catch(async () => {
        if (!api.scripting) return null; // an extension without the permission: nothing to wake with
        const woken = await api.scripting
          .executeScript({
            target: { tabId: t.id, frameIds: [0] },
            func: (/** @type {string} */ key) => {
              const listen = /** @type {any} */ (globalThis)[Symbol.for(key)];
              if (typeof listen === 'function') listen();
              return typeof listen === 'function';
            },
            args: [key],
          })
          .catch(() => []);
        return woken[0]?.result === true ? ask(t.id).catch(() => null) : null;
      }),
    ),
  );
  return replies.filter((r) => r && r.ok).map((r) => r.result);
};

/** @returns {Recorded} */
const emptyRecord = () => ({ requests: [], pageErrors: [], consoleErrors: [], fromExtension: [] });

/**
 * @param {unknown[][]} answers  one answer per tab whose content script replied
 * @returns {PageMention[] | null}
 */
function oneAnswer(answers) {
  if (answers.length !== 1) return null;
  return /** @type {PageMention[]} */ (answers[0]);
}

/**
 * Chromium through playwright-core.
 * @param {{ extensionDir: string | null, sinkPort: number }} options
 * @returns {Promise<PagesBrowser>}
 */
export async function launchChromiumForPages({ extensionDir, sinkPort }) {
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(path.join(os.tmpdir(), 'backstory-pages-chromium-'));
  const dir = extensionDir ? path.resolve(extensionDir) : null;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: BROWSERS.chromium.path,
    headless: true,
    viewport: { width: 1200, height: 800 },
    args: [
      ...CHROMIUM_ARGS,
      `--proxy-server=http://127.0.0.1:${sinkPort}`,
      ...(dir ? [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`] : []),
    ],
  });
  const version = (await promisify(execFile)(BROWSERS.chromium.path, ['--version'])).stdout.trim();
  await context.addInitScript(seedMathRandom);

  /** @type {string[]} */
  let extensionRequests = [];
  /** @type {{ extensionId: string, devPage: import('playwright-core').Page, probe: import('playwright-core').Page } | null} */
  let ext = null;
  if (dir) {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionId = new URL(worker.url()).host;
    // Chromium files an extension's errors (from its worker, pages and content scripts) only
    // in developer mode; turning it on reloads the extension, so it happens before any page.
    const devPage = context.pages()[0] ?? (await context.newPage());
    await devPage.goto('chrome://extensions/');
    await devPage.evaluate(async (id) => {
      const dp = /** @type {any} */ (globalThis).chrome.developerPrivate;
      await new Promise((done) => dp.updateProfileConfiguration({ inDeveloperMode: true }, done));
      await new Promise((done) => dp.reload(id, { failQuietly: true }, done));
    }, extensionId);
    await new Promise((r) => setTimeout(r, 1000));
    const probe = await context.newPage();
    await probe.goto(`chrome-extension://${extensionId}/options.html`);
    await untilChromiumRegistered(dir, probe);
    ext = { extensionId, devPage, probe };
  }
  /** Where this extension's own scripts and pages live (other extensions' URLs, and the
   * chrome-extension://invalid/ pages refer to, are not its own). */
  const own = ext ? `chrome-extension://${ext.extensionId}/` : null;
  const isOwn = (/** @type {string} */ url) => !!own && url.startsWith(own);

  const page = await context.newPage();
  let current = emptyRecord();
  let recording = false;
  context.on('request', (request) => {
    const line = `${request.method()} ${request.url()}`;
    const worker = request.serviceWorker();
    if (worker) {
      if (isOwn(worker.url()) && isNetwork(request.url())) extensionRequests.push(line);
      return;
    }
    let frame;
    try {
      frame = request.frame();
    } catch {
      return;
    }
    if (frame.page() === page) {
      if (recording) current.requests.push(line);
    } else if (isOwn(frame.url()) && isNetwork(request.url())) {
      extensionRequests.push(line);
    }
  });
  if (own) {
    // Who started each request: a request whose initiator's stack runs through one of the
    // extension's scripts (a content script's fetch, an element it inserted) is the extension's.
    const session = await context.newCDPSession(page);
    session.on('Network.requestWillBeSent', ({ request, initiator }) => {
      /** @type {string[]} */
      const urls = [initiator.url ?? ''];
      for (let stack = initiator.stack; stack; stack = stack.parent) urls.push(...stack.callFrames.map((f) => f.url));
      const script = urls.find(isOwn);
      if (script && recording && isNetwork(request.url)) current.fromExtension.push(`request: ${request.method} ${request.url} (started by ${script})`);
    });
    await session.send('Network.enable');
  }
  page.on('console', (m) => {
    if (!recording) return;
    const source = m.location().url ?? '';
    if (isOwn(source) && (m.type() === 'error' || m.type() === 'warning')) current.fromExtension.push(`console.${m.type()}: ${m.text()} @ ${source}`);
    if (m.type() === 'error') current.consoleErrors.push(`${m.text()} @ ${source}`);
  });
  page.on('pageerror', (e) => {
    if (!recording) return;
    current.pageErrors.push(e.message);
    if (own && (e.stack ?? '').includes(own)) current.fromExtension.push(`uncaught: ${e.message}`);
  });
  const storage = await context.newCDPSession(page);

  return {
    name: 'chromium',
    version,
    withExtension: !!dir,
    async clearSiteData(origin) {
      await storage.send('Storage.clearDataForOrigin', { origin, storageTypes: 'cookies,local_storage,indexeddb,cache_storage,service_workers,shared_storage' });
    },
    tab: {
      record() {
        current = emptyRecord();
        recording = true;
        return current;
      },
      goto: (url, timeoutMs) => gotoPage(/** @type {any} */ (page), url, timeoutMs),
      evaluate: (fn, arg) => page.evaluate(/** @type {any} */ (fn), arg),
      moveMouse: (x, y) => page.mouse.move(x, y, { steps: 4 }),
      async leave() {
        recording = false;
        await page.mouse.move(0, 0);
        await page.goto('about:blank').catch(() => undefined);
      },
    },
    async takeExtensionErrors() {
      if (!ext) return [];
      return ext.devPage.evaluate(async (id) => {
        const dp = /** @type {any} */ (globalThis).chrome.developerPrivate;
        /** @type {any} */
        const info = await new Promise((done) => dp.getExtensionInfo(id, done));
        const found = [
          ...info.manifestErrors.map((/** @type {any} */ e) => `manifest: ${e.message}`),
          ...info.runtimeErrors.map((/** @type {any} */ e) => `${e.source}: ${e.message}`),
        ];
        if (found.length) await new Promise((done) => dp.deleteExtensionErrors({ extensionId: id }, done));
        return found;
      }, ext.extensionId);
    },
    async takeExtensionRequests() {
      const taken = extensionRequests;
      extensionRequests = [];
      return taken;
    },
    async mentions() {
      if (!ext) return null;
      return oneAnswer(await ext.probe.evaluate(askMentions, LISTEN_KEY));
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Firefox ESR through puppeteer-core over WebDriver BiDi.
 * @param {{ extensionDir: string | null, sinkPort: number }} options
 * @returns {Promise<PagesBrowser>}
 */
export async function launchFirefoxForPages({ extensionDir, sinkPort }) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: BROWSERS.firefox.path,
    headless: true,
    defaultViewport: { width: 1200, height: 800 },
    // Lets the run read the console service and open an extension page from the parent
    // process (test launches only; Backstory never relies on it).
    args: ['--remote-allow-system-access'],
    // Without this, Firefox fetches Remote Settings from Mozilla whatever the pref says.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': sinkPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': sinkPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': false,
    },
  });
  const version = await browser.version();
  const inParent = firefoxParent(browser);

  /** @type {import('puppeteer-core').Page | null} */
  let probe = null;
  /** @type {string | null} where this add-on's scripts and pages live */
  let own = null;
  if (extensionDir) {
    const addonId = await browser.installExtension(path.resolve(extensionDir));
    // Errors Firefox files for the extension's own scripts (background, pages, content
    // scripts) go to the console service; a listener keeps those whose source is this add-on.
    // Every HTTP request in the browser passes the parent process, where its triggering
    // principal says whether the add-on (its background or pages) started it.
    own = await inParent(`(() => {
      const policy = WebExtensionPolicy.getByID(${JSON.stringify(addonId)});
      const host = policy.mozExtensionHostname;
      const kept = { errors: [], requests: [] };
      globalThis.__backstoryPagesRun = kept;
      Services.console.registerListener((m) => {
        if (!(m instanceof Ci.nsIScriptError)) return;
        const text = m.sourceName + ': ' + m.errorMessage;
        if (!text.includes(host)) return;
        kept.errors.push((m.flags & Ci.nsIScriptError.warningFlag ? 'warning ' : 'error ') + text);
      });
      Services.obs.addObserver({
        observe(subject) {
          const channel = subject.QueryInterface(Ci.nsIHttpChannel);
          const info = channel.loadInfo;
          const principals = [info.triggeringPrincipal, info.loadingPrincipal].filter(Boolean);
          if (principals.some((p) => p.addonId === policy.id || (p.origin || '').includes(host))) {
            kept.requests.push(channel.requestMethod + ' ' + channel.URI.spec);
          }
        },
      }, 'http-on-modify-request');
      return 'moz-extension://' + host + '/';
    })()`);
    await untilFirefoxRegistered(extensionDir, browser, addonId);
    // An extension page to ask the content script from.
    probe = await openFirefoxExtensionPage(browser, addonId, 'options.html');
  }

  const page = await browser.newPage();
  let current = emptyRecord();
  let recording = false;
  page.on('request', (r) => void (recording && current.requests.push(`${r.method()} ${r.url()}`)));
  page.on('console', (m) => {
    if (!recording) return;
    const source = m.location()?.url ?? '';
    if (own && source.startsWith(own) && (m.type() === 'error' || m.type() === 'warn')) current.fromExtension.push(`console.${m.type()}: ${m.text()} @ ${source}`);
    if (m.type() === 'error') current.consoleErrors.push(`${m.text()} @ ${source}`);
  });
  page.on('pageerror', (e) => {
    if (!recording) return;
    const error = /** @type {unknown} */ (e);
    const message = error instanceof Error ? error.message : String(error);
    current.pageErrors.push(message);
    if (own && error instanceof Error && (error.stack ?? '').includes(own)) current.fromExtension.push(`uncaught: ${message}`);
  });
  page.on('dialog', (d) => void d.dismiss().catch(() => undefined));
  await page.evaluateOnNewDocument(seedMathRandom);

  return {
    name: 'firefox',
    version,
    withExtension: !!extensionDir,
    async clearSiteData(origin) {
      await inParent(`new Promise((resolve) => {
        const principal = Services.scriptSecurityManager.createContentPrincipalFromOrigin(${JSON.stringify(origin)});
        Services.clearData.deleteDataFromPrincipal(principal, false,
          Ci.nsIClearDataService.CLEAR_COOKIES | Ci.nsIClearDataService.CLEAR_DOM_STORAGES, () => resolve(true));
      })`);
    },
    tab: {
      record() {
        current = emptyRecord();
        recording = true;
        return current;
      },
      goto: (url, timeoutMs) => gotoPage(/** @type {any} */ (page), url, timeoutMs),
      evaluate: (fn, arg) => /** @type {Promise<any>} */ (page.evaluate(/** @type {any} */ (fn), arg)),
      moveMouse: (x, y) => page.mouse.move(x, y, { steps: 4 }),
      async leave() {
        recording = false;
        await page.mouse.move(0, 0);
        await page.goto('about:blank').catch(() => undefined);
      },
    },
    async takeExtensionErrors() {
      if (!extensionDir) return [];
      return JSON.parse(await inParent(`JSON.stringify(globalThis.__backstoryPagesRun.errors.splice(0))`));
    },
    async takeExtensionRequests() {
      if (!extensionDir) return [];
      return JSON.parse(await inParent(`JSON.stringify(globalThis.__backstoryPagesRun.requests.splice(0))`));
    },
    async mentions() {
      if (!probe) return null;
      return oneAnswer(await probe.evaluate(askMentions, LISTEN_KEY));
    },
    close: () => browser.close(),
  };
}
