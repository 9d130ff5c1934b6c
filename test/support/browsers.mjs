// @ts-check
/**
 * Launches the system's Chromium and Firefox ESR with a built extension loaded, for tests, the
 * demo and benchmarks. Chromium runs through playwright-core, Firefox through puppeteer-core
 * over WebDriver BiDi; neither downloads a browser.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const BROWSERS = {
  chromium: {
    path: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    debianPackage: 'chromium',
  },
  firefox: {
    path: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    debianPackage: 'firefox-esr',
  },
};

/** @typedef {keyof typeof BROWSERS} BrowserName */

/**
 * The oldest Firefox the harness runs on: on ESR 140 the scripts it runs in Firefox's parent
 * process (firefoxParent) find none of its globals. Debian's ESR 140 is what an install from a
 * stale package list gets.
 */
export const FIREFOX_TESTED_FROM = 153;

/** @type {Map<string, string>} */
const versions = new Map();

/** What the executable prints for `--version`, e.g. "Mozilla Firefox 153.7.0esr"; '' if nothing. */
function versionOf(/** @type {string} */ exe) {
  if (!versions.has(exe)) {
    let printed = '';
    try {
      printed = execFileSync(exe, ['--version'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      // Not runnable: the launch says why.
    }
    versions.set(exe, printed);
  }
  return versions.get(exe) ?? '';
}

/**
 * Why this Firefox cannot run the tests, or null. `printed` is its `--version` line; a line
 * without a version (a wrapper, another build) is given the benefit of the doubt.
 * @param {string} printed
 */
export function firefoxTooOld(printed) {
  const major = Number(/(\d+)\.\d/.exec(printed)?.[1]);
  if (!(major < FIREFOX_TESTED_FROM)) return null;
  return `${printed} is older than the tests need (Firefox ESR ${FIREFOX_TESTED_FROM} or newer): refresh the package list first (apt-get update && apt-get install -y firefox-esr) or set FIREFOX_PATH.`;
}

/**
 * Whether a browser can run here. Outside CI a missing browser (or a Firefox too old for the
 * harness) is skipped with a loud message; in CI (CI set in the environment) it is an error,
 * because CI must prove both browsers.
 * @param {BrowserName} name
 */
export function browserAvailable(name) {
  const { path: exe, debianPackage } = BROWSERS[name];
  const message = !existsSync(exe)
    ? `${name} not found at ${exe}: install the Debian package "${debianPackage}" (apt-get install -y ${debianPackage}) or set ${name === 'chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH'}.`
    : name === 'firefox'
      ? firefoxTooOld(versionOf(exe))
      : null;
  if (message === null) return true;
  if (process.env.CI) throw new Error(`${message} CI requires both browsers.`);
  console.warn(`\n${'!'.repeat(78)}\n!!! SKIPPING ${name.toUpperCase()} TESTS: ${message}\n${'!'.repeat(78)}\n`);
  return false;
}

/**
 * A minimal page interface both drivers provide, so a test is written once for both browsers.
 * @typedef {object} TestPage
 * @property {(url: string) => Promise<void>} goto
 * @property {<T>(fn: () => T) => Promise<T>} evaluate
 * @property {(x: number, y: number) => Promise<void>} moveMouse
 * @property {(key: string) => Promise<void>} press
 * @property {(modifiers: string[], code: string) => Promise<void>} chord  presses `code` (e.g.
 *   KeyB) while holding the modifiers (Alt, Shift, Control, Meta)
 * @property {(x: number, y: number) => Promise<void>} click
 * @property {() => Promise<void>} reload
 * @property {(file: string) => Promise<void>} screenshot
 * @property {(width: number, height: number) => Promise<void>} setViewport
 * @property {() => Promise<void>} close  closes the tab
 * @property {string[]} errors  console errors and uncaught exceptions seen on the page so far
 */

/**
 * @typedef {object} LaunchedBrowser
 * @property {BrowserName} name
 * @property {() => Promise<TestPage>} newPage
 * @property {() => Promise<{ role: string, name: string }[]>} dialogs  accessible dialogs on the
 *   last page opened, read from the browser's own accessibility tree
 * @property {(role: string, name: string) => Promise<void>} clickAccessible  clicks, with the
 *   mouse, the centre of the first accessible node of that role and name on the last page
 *   opened: reaches into closed shadow roots the way a user does
 * @property {() => Promise<void>} close
 * @property {any} raw  the driver's own browser or context object
 */

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Chromium with the unpacked extension in `extensionDir`, once it has registered its content
 * script (`registered: false` for a profile where the settings want none: Backstory paused).
 * @param {string} extensionDir
 * @param {{ headless?: boolean, profileDir?: string, registered?: boolean }} [options]
 * @returns {Promise<LaunchedBrowser & { extensionId: string }>}
 */
export async function launchChromium(extensionDir, { headless = true, profileDir = '', registered = true } = {}) {
  const { chromium } = await import('playwright-core');
  // A given profile outlives the browser (to test a restart); a fresh one is removed on close.
  const profile = profileDir || (await mkdtemp(path.join(os.tmpdir(), 'backstory-chromium-')));
  const dir = path.resolve(extensionDir);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: BROWSERS.chromium.path,
    headless,
    viewport: { width: 1200, height: 800 },
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  if (registered) await untilChromiumRegistered(dir, worker);
  /** @type {import('playwright-core').Page | null} */
  let last = null;
  return {
    name: 'chromium',
    extensionId,
    raw: context,
    async newPage() {
      const page = await context.newPage();
      last = page;
      /** @type {string[]} */
      const errors = [];
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
      page.on('pageerror', (e) => void errors.push(e.message));
      return {
        errors,
        goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
        evaluate: (fn) => page.evaluate(fn),
        moveMouse: (x, y) => page.mouse.move(x, y, { steps: 4 }),
        press: (key) => page.keyboard.press(key),
        chord: (modifiers, code) => page.keyboard.press([...modifiers, code].join('+')),
        click: (x, y) => page.mouse.click(x, y),
        reload: async () => void (await page.reload({ waitUntil: 'load' })),
        screenshot: async (file) => void (await page.screenshot({ path: file })),
        setViewport: (width, height) => page.setViewportSize({ width, height }),
        close: () => page.close(),
      };
    },
    async dialogs() {
      const page = last ?? context.pages().at(-1);
      if (!page) return [];
      const cdp = await context.newCDPSession(page);
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      await cdp.detach();
      return nodes
        .filter((n) => !n.ignored && n.role?.value === 'dialog')
        .map((n) => ({ role: 'dialog', name: String(n.name?.value ?? '') }));
    },
    async clickAccessible(role, name) {
      const page = last ?? context.pages().at(-1);
      if (!page) throw new Error('no page');
      const cdp = await context.newCDPSession(page);
      try {
        // The node may come a moment later (a card still loading its data on a busy machine).
        const node = await untilFound(async () => {
          const { nodes } = await cdp.send('Accessibility.getFullAXTree');
          return nodes.find((n) => !n.ignored && n.role?.value === role && n.name?.value === name && n.backendDOMNodeId);
        });
        if (!node?.backendDOMNodeId) throw new Error(`no accessible ${role} named "${name}"`);
        await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendDOMNodeId });
        const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendDOMNodeId });
        const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
        await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
      } finally {
        await cdp.detach();
      }
    },
    async close() {
      await context.close();
      if (!profileDir) await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Evaluates `expression` in Backstory's content-script world of a Chromium page, where the
 * extension APIs and `chrome.dom.openOrClosedShadowRoot` are available. For audits of the card
 * (axe-core) and for test setup through the extension's own storage.
 * @param {import('playwright-core').BrowserContext} context
 * @param {import('playwright-core').Page} page
 * @param {string} extensionId
 * @param {string} expression  evaluated with awaitPromise; its value must be JSON-serialisable
 */
export async function evaluateInContentScript(context, page, extensionId, expression) {
  const cdp = await context.newCDPSession(page);
  try {
    const { frameTree } = await cdp.send('Page.getFrameTree');
    /** @type {number[]} */
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
      // Backstory's world in the top frame (a frame's world has its own frameId).
      if (c.auxData?.type === 'isolated' && c.auxData.frameId === frameTree.frame.id && c.origin === `chrome-extension://${extensionId}`) {
        contexts.push(c.id);
      }
    });
    await cdp.send('Runtime.enable');
    const contextId = contexts.at(-1);
    if (contextId === undefined) throw new Error('no Backstory content-script world on this page');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  } finally {
    await cdp.detach();
  }
}

/**
 * The errors Chromium records for an extension: manifest errors and runtime errors from its
 * contexts, as chrome://extensions shows them in developer mode. The first call turns developer
 * mode on and reloads the extension, because errors are only recorded in developer mode.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} extensionId
 * @returns {Promise<{ manifest: string[], runtime: string[] }>}
 */
export async function chromiumExtensionErrors(context, extensionId) {
  const page = await context.newPage();
  try {
    await page.goto('chrome://extensions/');
    return await page.evaluate(async (id) => {
      const dp = /** @type {any} */ (globalThis).chrome.developerPrivate;
      /** @type {(fn: (done: (v?: any) => void) => void) => Promise<any>} */
      const call = (fn) => new Promise((resolve) => fn(resolve));
      const config = await call((done) => dp.getProfileConfiguration(done));
      if (!config.inDeveloperMode) {
        await call((done) => dp.updateProfileConfiguration({ inDeveloperMode: true }, done));
        await call((done) => dp.reload(id, { failQuietly: true }, done));
        await new Promise((r) => setTimeout(r, 1000));
      }
      const info = await call((done) => dp.getExtensionInfo(id, done));
      return {
        manifest: info.manifestErrors.map((/** @type {any} */ e) => e.message),
        runtime: info.runtimeErrors.map((/** @type {any} */ e) => `${e.source}: ${e.message}`),
      };
    }, extensionId);
  } finally {
    await page.close();
  }
}

/**
 * Accessible nodes of one role in every tab, from Firefox's own accessibility service in the
 * privileged parent process (allowed by --remote-allow-system-access, test launches only).
 * WebDriver BiDi's accessibility locator walks the DOM and stops at closed shadow roots; the
 * accessibility service holds the whole tree, as a screen reader sees it.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string[]} roles  Firefox's role names, e.g. dialog, pushbutton
 * @param {string} [scrollTo]  the name of a node to scroll into view first, e.g. to click it
 * @returns {Promise<{ name: string, x: number, y: number, width: number, height: number }[]>}
 */
async function accessibleNodes(browser, roles, scrollTo) {
  const connection = /** @type {any} */ (browser).connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const context = tree.result.contexts[0].context;
  const reply = await connection.send('script.evaluate', {
    expression: `(async () => {
      const svc = Cc['@mozilla.org/accessibilityService;1'].getService(Ci.nsIAccessibilityService);
      const roles = ${JSON.stringify(roles)};
      const matching = [];
      const walk = (a, depth) => {
        if (!a || depth > 80) return;
        if (roles.includes(svc.getStringRole(a.role))) matching.push(a);
        for (let c = a.firstChild; c; c = c.nextSibling) walk(c, depth + 1);
      };
      for (const b of gBrowser.browsers) walk(svc.getAccessibleFor(b), 0);
      const target = matching.find((a) => a.name === ${JSON.stringify(scrollTo ?? null)});
      if (target) {
        target.scrollTo(Ci.nsIAccessibleScrollType.SCROLL_TYPE_ANYWHERE);
        await new Promise((r) => setTimeout(r, 200)); // the scroll reaches the parent process
      }
      return JSON.stringify(matching.map((a) => {
        const x = {}, y = {}, w = {}, h = {};
        a.getBoundsInCSSPixels(x, y, w, h);
        return { name: a.name ?? '', x: x.value, y: y.value, width: w.value, height: h.value };
      }));
    })()`,
    target: { context },
    awaitPromise: true,
  });
  return JSON.parse(reply.result.result.value);
}

/**
 * Firefox ESR with the extension installed as a temporary add-on.
 * @param {string} extensionDir
 * @param {{ prefs?: Record<string, string | number | boolean> }} [options]  Firefox preferences
 * @returns {Promise<LaunchedBrowser & { addonId: string }>}
 */
export async function launchFirefox(extensionDir, { prefs = {} } = {}) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: BROWSERS.firefox.path,
    headless: true,
    defaultViewport: { width: 1200, height: 800 },
    // Lets tests read Firefox's own accessibility tree (see dialogs()); never used by Backstory.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: prefs,
  });
  const addonId = await browser.installExtension(path.resolve(extensionDir));
  await untilFirefoxRegistered(extensionDir, browser, addonId);
  return {
    name: 'firefox',
    addonId,
    raw: browser,
    async newPage() {
      const page = await browser.newPage();
      /** @type {string[]} */
      const errors = [];
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
      page.on('pageerror', (e) => void errors.push(e instanceof Error ? e.message : String(e)));
      return {
        errors,
        goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
        evaluate: (fn) => page.evaluate(fn),
        moveMouse: (x, y) => page.mouse.move(x, y, { steps: 4 }),
        press: (key) => page.keyboard.press(/** @type {any} */ (key)),
        async chord(modifiers, code) {
          for (const m of modifiers) await page.keyboard.down(/** @type {any} */ (m));
          await page.keyboard.press(/** @type {any} */ (code));
          for (const m of [...modifiers].reverse()) await page.keyboard.up(/** @type {any} */ (m));
        },
        click: (x, y) => page.mouse.click(x, y),
        reload: async () => void (await page.reload({ waitUntil: 'load' })),
        screenshot: async (file) => void (await page.screenshot({ path: /** @type {`${string}.png`} */ (file) })),
        setViewport: (width, height) => page.setViewport({ width, height }),
        close: () => page.close(),
      };
    },
    async dialogs() {
      const found = await accessibleNodes(browser, ['dialog']);
      return found.map(({ name }) => ({ role: 'dialog', name }));
    },
    async clickAccessible(role, name) {
      // Firefox names button roles its own way; aria-pressed makes a toggle button.
      const roles = role === 'button' ? ['pushbutton', 'toggle button'] : [role];
      const node = await untilFound(async () => (await accessibleNodes(browser, roles, name)).find((n) => n.name === name));
      if (!node) throw new Error(`no accessible ${role} named "${name}"`);
      const page = (await browser.pages()).at(-1);
      if (!page) throw new Error('no page');
      // Accessible bounds are in screen CSS pixels; the page's own offset on screen converts them.
      const origin = await page.evaluate(() => ({ x: /** @type {any} */ (window).mozInnerScreenX, y: /** @type {any} */ (window).mozInnerScreenY }));
      await page.mouse.click(node.x - origin.x + node.width / 2, node.y - origin.y + node.height / 2);
    },
    async close() {
      await browser.close();
    },
  };
}

/**
 * Whether the extension in `dir` registers its content script from its background (Backstory
 * does, src/background/content-script.ts) rather than declaring it in its manifest.
 * @param {string} dir
 */
async function registersItsContentScript(dir) {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  return !manifest.content_scripts && (manifest.permissions ?? []).includes('scripting');
}

/**
 * Waits until the extension in `dir` has registered its content script, if it registers one: a
 * page opened before would get none. `count` reads how many it has registered.
 * @param {string} dir
 * @param {string} browserName
 * @param {() => Promise<number>} count
 */
async function untilRegistered(dir, browserName, count) {
  if (!(await registersItsContentScript(dir))) return;
  const found = await untilFound(async () => ((await count()) > 0 ? true : undefined), 15_000);
  if (!found) throw new Error(`${browserName}: the extension registered no content script within 15 s`);
}

/**
 * untilRegistered in Chromium, asking through one of the extension's contexts (its worker, or
 * one of its pages).
 * @param {string} dir
 * @param {{ evaluate<T>(fn: () => Promise<T>): Promise<T> }} extensionContext
 */
export const untilChromiumRegistered = (dir, extensionContext) =>
  untilRegistered(dir, 'Chromium', () =>
    extensionContext.evaluate(async () => (await /** @type {any} */ (globalThis).chrome.scripting.getRegisteredContentScripts()).length),
  );

/**
 * untilRegistered in Firefox, asking its parent process.
 * @param {string} dir
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} addonId
 */
export const untilFirefoxRegistered = (dir, browser, addonId) =>
  untilRegistered(dir, 'Firefox', () =>
    firefoxParent(browser)(`WebExtensionPolicy.getByID(${JSON.stringify(addonId)})?.contentScripts.length ?? 0`),
  );

/**
 * What `find` finds, asked again every 100 ms for up to `ms` while it finds nothing; undefined
 * if it never does.
 * @template T
 * @param {() => Promise<T | undefined>} find
 * @returns {Promise<T | undefined>}
 */
async function untilFound(find, ms = 10_000) {
  const until = Date.now() + ms;
  for (;;) {
    const found = await find();
    if (found !== undefined || Date.now() > until) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts keeping the errors Firefox files against the extension, in any context: uncaught
 * errors in its scripts (content scripts included) reach the console service with its
 * moz-extension:// host as their source, and Firefox's own extension code names the add-on id.
 * (A content script's console.error reaches the tab's console instead.) Needs the
 * --remote-allow-system-access launch flag launchFirefox sets. Resolves to a function that
 * reads what was kept so far.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} addonId
 * @returns {Promise<() => Promise<string[]>>}
 */
export async function watchFirefoxExtensionErrors(browser, addonId) {
  const inParent = firefoxParent(browser);
  const key = `__backstoryErrors_${Math.random().toString(36).slice(2)}`;
  await inParent(`(() => {
    const policy = WebExtensionPolicy.getByID(${JSON.stringify(addonId)});
    const marks = [policy.mozExtensionHostname, policy.id];
    const kept = (globalThis.${key} = []);
    Services.console.registerListener((m) => {
      if (!(m instanceof Ci.nsIScriptError) || m.flags & Ci.nsIScriptError.infoFlag) return;
      const text = m.sourceName + ': ' + m.errorMessage;
      if (marks.some((mark) => text.includes(mark))) kept.push(text);
    });
  })()`);
  return async () => JSON.parse(/** @type {string} */ (await inParent(`JSON.stringify(globalThis.${key})`)));
}

/**
 * Runs script in Firefox's privileged parent process over WebDriver BiDi, for tests that need
 * to see what a page cannot (the console service, tabs, principals). The launch must allow it
 * (--remote-allow-system-access, as launchFirefox and the real-pages run do); Backstory never
 * does this. The returned function resolves to the expression's value, awaited if a promise.
 * @param {import('puppeteer-core').Browser} browser
 * @returns {(expression: string) => Promise<any>}
 */
export function firefoxParent(browser) {
  const connection = /** @type {{ connection: { send(method: string, params: object): Promise<any> } }} */ (/** @type {unknown} */ (browser)).connection;
  return async (expression) => {
    const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const reply = await connection.send('script.evaluate', {
      expression,
      target: { context: tree.result.contexts[0].context },
      awaitPromise: true,
    });
    if (reply.result.type === 'exception') throw new Error(`in the parent process: ${JSON.stringify(reply.result.exceptionDetails).slice(0, 300)}`);
    return reply.result.result.value;
  };
}

/**
 * The first tab not in `known` whose address passes `match`, once loaded; asked again every
 * 100 ms for up to `ms`. Puppeteer reports Firefox's extension tabs as about:blank, so each
 * tab is asked its address. The tab found is added to `known`.
 *
 * Now and then the driver never hears of a new tab, though Firefox shows it, selected. After
 * half the wait, such a tab is opened once more, and the unheard one closed, with a warning,
 * rather than the test failing (reopenUnheardTab).
 * @param {import('puppeteer-core').Browser} browser
 * @param {Set<import('puppeteer-core').Page>} known
 * @param {(href: string) => boolean} match
 * @returns {Promise<import('puppeteer-core').Page>}
 */
export async function nextFirefoxTab(browser, known, match, ms = 30_000) {
  const look = async () => {
    for (const page of await browser.pages()) {
      if (known.has(page)) continue;
      const href = await hrefOf(page);
      if (match(href)) return page;
    }
    return undefined;
  };
  let found = await untilFound(look, ms / 2);
  if (!found) {
    await reopenUnheardTab(browser, match);
    found = await untilFound(look, ms / 2);
  }
  if (!found) throw new Error(`Firefox: the tab did not appear within ${ms / 1000} s\n${await whatFirefoxShows(browser, known)}`);
  known.add(found);
  return found;
}

/** A Firefox page's address once loaded, or '' (loading, or not answering). @param {import('puppeteer-core').Page} page */
const hrefOf = (page) => page.evaluate(() => (document.readyState === 'complete' ? location.href : '')).catch(() => '');

/**
 * What `page` answers to `ask`, or `otherwise` if it throws or has not answered within 5 s (a
 * tab the driver half knows may never answer).
 * @template T
 * @param {import('puppeteer-core').Page} page
 * @param {() => T} ask
 * @param {(reason: string) => T} otherwise
 * @returns {Promise<T>}
 */
const answerOf = (page, ask, otherwise) =>
  Promise.race([
    /** @type {Promise<T>} */ (page.evaluate(ask)).catch((/** @type {Error} */ e) => otherwise(`throws ${e.message.slice(0, 200)}`)),
    new Promise((r) => setTimeout(() => r(otherwise('no answer in 5 s')), 5000)),
  ]);

/**
 * The parent-process script that opens `url` in a new tab in front, as the toolbar button
 * would; `opener` is an expression for the tab it is opened from, or null.
 * @param {string} url
 */
const openTabScript = (url, opener = 'null') => `gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(url)}, {
  triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
  ownerTab: ${opener},
  openerBrowser: ${opener}?.linkedBrowser ?? null,
})`;

/**
 * Where Firefox's selected tab passes `match` and the driver knows fewer pages at its address
 * than Firefox has tabs, opens that address again in a new selected tab, from the same opener,
 * closes the old one, and says so.
 * @param {import('puppeteer-core').Browser} browser
 * @param {(href: string) => boolean} match
 */
async function reopenUnheardTab(browser, match) {
  const inParent = firefoxParent(browser);
  const url = /** @type {string} */ (await inParent('gBrowser.selectedTab.linkedBrowser.currentURI.spec').catch(() => ''));
  if (!match(url)) return;
  // Firefox's tabs at that address against the driver's, loaded or not: a tab the driver knows
  // that is merely slow is left to load, and an older tab at the same address counts on both.
  const tabs = Number(await inParent(`gBrowser.tabs.filter((t) => t.linkedBrowser.currentURI.spec === ${JSON.stringify(url)}).length`));
  const addresses = await Promise.all((await browser.pages()).map((page) => answerOf(page, () => location.href, () => '')));
  if (addresses.filter((href) => href === url).length >= tabs) return;
  console.warn(`Firefox: the driver never heard of the tab at ${url}; opening it again.`);
  await inParent(`(() => {
    const unheard = gBrowser.selectedTab;
    ${openTabScript(url, '(unheard.openerTab ?? null)')};
    gBrowser.removeTab(unheard);
  })()`);
}

/**
 * What Firefox has open, for a failure message: each tab as its parent process sees it, and
 * each page Puppeteer knows with what it answers (or the error it throws instead).
 * @param {import('puppeteer-core').Browser} browser
 * @param {Set<import('puppeteer-core').Page>} known
 */
async function whatFirefoxShows(browser, known) {
  const tabs = await firefoxParent(browser)(
    `JSON.stringify(gBrowser.tabs.map((t) => [t.linkedBrowser.currentURI.spec, t.linkedBrowser.webProgress?.isLoadingDocument, t.selected]))`,
  ).catch((/** @type {Error} */ e) => `(not read: ${e.message})`);
  const pages = [];
  for (const page of await browser.pages()) {
    const answer = await answerOf(page, () => `${document.readyState} ${location.href}`, (reason) => reason);
    pages.push(`${known.has(page) ? 'known' : 'new'}: ${page.url()} answers ${answer}`);
  }
  return `tabs [address, loading, selected]: ${tabs}\npages:\n  ${pages.join('\n  ')}`;
}

/**
 * Opens one of the extension's pages (e.g. `popup.html`) in a new Firefox tab in front, and
 * resolves to it once loaded. WebDriver may not navigate to an extension page, so the tab is
 * opened from the parent process (firefoxParent), as the toolbar button would.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} addonId
 * @param {string} page
 * @param {Set<import('puppeteer-core').Page>} [known]  tabs that are not it (default: those open now)
 */
export async function openFirefoxExtensionPage(browser, addonId, page, known, ms = 30_000) {
  const inParent = firefoxParent(browser);
  const url = /** @type {string} */ (await inParent(`WebExtensionPolicy.getByID(${JSON.stringify(addonId)}).getURL(${JSON.stringify(page)})`));
  const skip = known ?? new Set(await browser.pages());
  await inParent(openTabScript(url));
  return nextFirefoxTab(browser, skip, (href) => href === url, ms);
}
