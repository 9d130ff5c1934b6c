/**
 * Pages Backstory must stay out of, in real Chromium and Firefox ESR: the browser's own pages,
 * about:blank, view-source: and the browser's PDF viewer. "Stays out" means: no Backstory
 * highlight registered, no card host, no Backstory script world where the browser can show it
 * (Chromium), no error from the extension.
 *
 * A control page proves the probes can see Backstory when it runs: an http page with the same
 * words is marked, in the same browser, within the very wait each other page then gets. The
 * highlight registration is the probe that matters most: a session registers it as it starts,
 * text or no text.
 *
 * What each browser does with a PDF, observed headless (Chromium 156, Firefox ESR 153):
 * - Chromium shows it in its PDF viewer, an internal extension page. The tab's top document
 *   keeps the PDF's http address (content type application/pdf) and holds, in a closed shadow
 *   root, a frame with the viewer (chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/
 *   index.html), which frames the plugin that draws the pages. Backstory's content script does
 *   run in that top document, since its address matches http://*, but stops at once: the
 *   document's type is application/pdf, not text (src/content/document-kind.ts), so no session
 *   starts and no highlight is registered. It does not run in the viewer or in the plugin's
 *   frame, where the PDF is drawn.
 * - Firefox shows it in pdf.js. The document keeps the PDF's address, but its principal is
 *   resource://pdf.js and no content script runs there, although pdf.js puts the PDF's words into
 *   the page as a text layer: "Zelensky met Putin" sits in the DOM, unmarked.
 */
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIGHLIGHT_NAME } from '../../src/content/highlights';
import {
  browserAvailable,
  chromiumExtensionErrors,
  firefoxParent,
  launchChromium,
  launchFirefox,
  watchFirefoxExtensionErrors,
  type BrowserName,
} from '../support/browsers.mjs';
import { sleep, waitFor } from '../support/page-probes';

const WORDS = 'Zelensky met Putin';
/**
 * How long a page gets, after it is ready, for Backstory to show up. The control page must be
 * marked within the same time, or the test fails: the wait is long enough by proof.
 */
const SETTLE_MS = 2_000;
/** Chrome's built-in PDF viewer extension (a fixed id, the same in every Chromium). */
const CHROME_PDF_VIEWER = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html';

/** What a frame shows of Backstory, read in the page's own world. */
interface FrameState {
  url: string;
  top: boolean;
  contentType: string;
  /** Whether WORDS are in the document's text, i.e. whether a running Backstory would mark them. */
  hasWords: boolean;
  /** Backstory's registered highlights (any name starting with `backstory-`) and their ranges. */
  highlights: [name: string, ranges: number][];
  /** `backstory-card` elements (the card's host, see src/content/card-host.ts). */
  hosts: number;
}

/** Runs in each frame. A function of no closure, since the drivers ship its source. */
function readFrame(words: string): FrameState {
  const registry = (globalThis as { CSS?: { highlights?: HighlightRegistry } }).CSS?.highlights;
  return {
    url: location.href,
    top: window === window.top,
    contentType: document.contentType,
    hasWords: (document.documentElement?.textContent ?? '').includes(words),
    highlights: [...(registry?.entries() ?? [])]
      .filter(([name]) => name.startsWith('backstory-'))
      .map(([name, h]) => [name, h.size] as [string, number]),
    hosts: document.querySelectorAll('backstory-card').length,
  };
}

/** Runs in the page: appends `words` in a paragraph of their own. */
function appendWords(words: string): void {
  document.body.append(Object.assign(document.createElement('p'), { textContent: words }));
}

/** Where Backstory's content script has a world of its own (Chromium only). */
interface World {
  url: string;
  top: boolean;
  contentType: string;
}

interface Tab {
  frames(): Promise<FrameState[]>;
  /** Chromium: Backstory's isolated worlds in every frame of the tab; Firefox: null (no probe). */
  worlds(): Promise<World[] | null>;
  /** Appends WORDS to the body, so that a content script, had it run, would have text to mark. */
  addWords(): Promise<void>;
  /** Console errors and uncaught exceptions in the tab. */
  errors: string[];
}

interface Harness {
  /** Opens `url` in a new tab and resolves once it has loaded. */
  open(url: string): Promise<Tab>;
  /** Errors the browser files against Backstory itself (any context, any tab). */
  extensionErrors(): Promise<string[]>;
  /** Firefox: the principal the document at `url` was given; Chromium: null. */
  principalOf(url: string): Promise<string | null>;
  close(): Promise<void>;
}

async function chromiumHarness(): Promise<Harness> {
  const b = await launchChromium('dist/chrome');
  const context: import('playwright-core').BrowserContext = b.raw;
  // Developer mode first (it reloads the extension), so that every error below is recorded.
  await chromiumExtensionErrors(context, b.extensionId);
  const own = `chrome-extension://${b.extensionId}`;

  /** Backstory's worlds reported by one CDP session (a page, or a frame in another process). */
  async function worldsIn(target: import('playwright-core').Page | import('playwright-core').Frame): Promise<World[]> {
    const cdp = await context.newCDPSession(target);
    try {
      const ids: number[] = [];
      cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
        if (c.auxData?.type === 'isolated' && c.origin === own) ids.push(c.id);
      });
      await cdp.send('Runtime.enable'); // reports the contexts that exist, before it returns
      const found: World[] = [];
      for (const contextId of ids) {
        const { result } = await cdp.send('Runtime.evaluate', {
          contextId,
          returnByValue: true,
          expression: '({ url: location.href, top: window === window.top, contentType: document.contentType })',
        });
        found.push(result.value as World);
      }
      return found;
    } finally {
      await cdp.detach();
    }
  }

  return {
    async open(url) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
      page.on('pageerror', (e) => void errors.push(e.message));
      await page.goto(url, { waitUntil: 'load' });
      return {
        errors,
        frames: () => Promise.all(page.frames().map((f) => f.evaluate(readFrame, WORDS))),
        async worlds() {
          const found = await worldsIn(page);
          // Frames in other processes (the PDF viewer's) have sessions of their own; a frame
          // in the page's process refuses one, and the page's session already covered it.
          for (const frame of page.frames().slice(1)) found.push(...(await worldsIn(frame).catch(() => [])));
          return found;
        },
        addWords: () => page.evaluate(appendWords, WORDS),
      };
    },
    async extensionErrors() {
      const { manifest, runtime } = await chromiumExtensionErrors(context, b.extensionId);
      return [...manifest, ...runtime];
    },
    principalOf: async () => null,
    close: () => b.close(),
  };
}

async function firefoxHarness(): Promise<Harness> {
  const b = await launchFirefox('dist/firefox');
  const driver: import('puppeteer-core').Browser = b.raw;
  const connection = (driver as unknown as { connection: { send(method: string, params: object): Promise<any> } }).connection;
  const inParent = firefoxParent(driver);
  const extensionErrors = await watchFirefoxExtensionErrors(driver, b.addonId);

  return {
    async open(url) {
      const page = await driver.newPage();
      const errors: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
      page.on('pageerror', (e) => void errors.push(e instanceof Error ? e.message : String(e)));
      // page.goto never sees the load of a page Firefox loads in its parent process
      // (about:support: the tab changes process under the driver) and times out. So: navigate
      // over BiDi without waiting (_id is the driver's own, internal, context id), then ask.
      const context = (page.mainFrame() as unknown as { _id: string })._id;
      await connection.send('browsingContext.navigate', { context, url, wait: 'none' });
      const state = () => page.evaluate(() => [location.href, document.readyState]).catch(() => ['', '']);
      const [href, readyState] = await waitFor(state, ([h, r]) => h === url && r === 'complete');
      if (href !== url || readyState !== 'complete') throw new Error(`${url} did not load (${href}, ${readyState})`);
      return {
        errors,
        frames: () => Promise.all(page.frames().map((f) => f.evaluate(readFrame, WORDS))),
        worlds: async () => null,
        addWords: () => page.evaluate(appendWords, WORDS),
      };
    },
    extensionErrors,
    principalOf: async (url) =>
      (await inParent(`gBrowser.browsers.find((b) => b.currentURI.spec === ${JSON.stringify(url)})?.contentPrincipal.origin ?? null`)) as string | null,
    close: () => b.close(),
  };
}

/** A one-page PDF whose only text is `text`, in Helvetica (no font embedded). */
function tinyPdf(text: string): Buffer {
  const content = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** The control page at /, the PDF at /doc.pdf (served as application/pdf, shown inline). */
async function serveKinds() {
  const html = `<!doctype html><html lang="en"><title>Control</title><p>${WORDS} in Istanbul.</p>`;
  const pdf = tinyPdf(WORDS);
  const server = createServer((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else if (req.url === '/doc.pdf') res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf);
    else if (req.url === '/favicon.ico') res.writeHead(204).end(); // asked for by Chromium; a 404 logs an error
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const harnesses = { chromium: chromiumHarness, firefox: firefoxHarness };
/** The browser's own pages: a page of its UI, and about:blank, which every browser makes itself. */
const ownPages: Record<BrowserName, string[]> = {
  chromium: ['chrome://version/', 'about:blank'],
  firefox: ['about:support', 'about:blank'],
};

/**
 * Asserts that Backstory is nowhere in the tab: no highlight of its own, no card host, in any
 * frame, and (Chromium) no script world. Returns the frames, for assertions of the page's own.
 */
async function expectNothingInjected(tab: Tab): Promise<FrameState[]> {
  const frames = await tab.frames();
  expect(frames.flatMap((f) => f.highlights)).toEqual([]);
  expect(frames.filter((f) => f.hosts > 0).map((f) => f.url)).toEqual([]);
  expect((await tab.worlds()) ?? []).toEqual([]);
  return frames;
}

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`in ${name}, pages Backstory stays out of`, () => {
    let browser: Harness;
    let server: Awaited<ReturnType<typeof serveKinds>>;
    const tabs: Tab[] = [];
    const open = async (url: string) => {
      const tab = await browser.open(url);
      tabs.push(tab);
      return tab;
    };

    beforeAll(async () => {
      server = await serveKinds();
      browser = await harnesses[name]();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it(`control: an http page with "${WORDS}" is marked within ${SETTLE_MS} ms`, async () => {
      const tab = await open(`${server.url}/`);
      const frames = await waitFor(() => tab.frames(), (f) => f[0]!.highlights.some(([, n]) => n >= 2), SETTLE_MS);
      expect(frames[0]!.highlights).toEqual([[HIGHLIGHT_NAME, 2]]);
      expect(frames[0]!.hosts).toBe(0); // the host comes with the first card, not before
      if (name === 'chromium') expect(await tab.worlds()).toEqual([{ url: `${server.url}/`, top: true, contentType: 'text/html' }]);
    });

    for (const url of ownPages[name]) {
      it(`${url}: nothing injected`, async () => {
        const tab = await open(url);
        await tab.addWords();
        await sleep(SETTLE_MS);
        const [top] = await expectNothingInjected(tab);
        expect(top).toMatchObject({ url, hasWords: true });
      });
    }

    it('view-source: of the control page: its words shown as source, nothing injected', async () => {
      const url = `view-source:${server.url}/`;
      const tab = await open(url);
      await sleep(SETTLE_MS);
      const [top] = await expectNothingInjected(tab);
      // Chromium reports the page's own address to the page; Firefox keeps view-source: in it.
      expect(top).toMatchObject({ url: name === 'chromium' ? `${server.url}/` : url, hasWords: true });
    });

    it('a PDF: shown in the browser’s viewer, its words unmarked', async () => {
      const url = `${server.url}/doc.pdf`;
      const tab = await open(url);
      if (name === 'chromium') {
        // The viewer's frames come and navigate after the load: ask until they have settled.
        const settled = (f: FrameState[]) => f.map((x) => x.url).join(' ') === [url, CHROME_PDF_VIEWER, url].join(' ');
        await waitFor(() => tab.frames().catch(() => []), settled);
        await sleep(SETTLE_MS);
        const frames = await tab.frames();
        expect(frames.map((f) => f.url)).toEqual([url, CHROME_PDF_VIEWER, url]);
        const [embedder, viewer, plugin] = frames;
        expect(embedder).toMatchObject({ top: true, contentType: 'application/pdf', hasWords: false, hosts: 0 });
        // Observed in Chromium 156: the content script runs in the embedder page (its address
        // is the PDF's) and stops there, the document not being text: no session, no highlight.
        // If this changes, update the page-kinds section of docs/robustness.md.
        expect(embedder!.highlights).toEqual([]);
        expect(await tab.worlds()).toEqual([{ url, top: true, contentType: 'application/pdf' }]);
        for (const frame of [viewer!, plugin!]) expect(frame).toMatchObject({ top: false, highlights: [], hosts: 0 });
      } else {
        // pdf.js renders the text layer after the load; the words must be there to be unmarked.
        await waitFor(() => tab.frames().catch(() => []), (f) => f[0]?.hasWords === true);
        await sleep(SETTLE_MS);
        const [top] = await expectNothingInjected(tab);
        expect(top).toMatchObject({ url, top: true, contentType: 'application/pdf', hasWords: true });
        expect(await browser.principalOf(url)).toBe('resource://pdf.js');
      }
    });

    it('no errors from the extension, nor in any of these tabs', async () => {
      expect(await browser.extensionErrors()).toEqual([]);
      expect(tabs.flatMap((t) => t.errors)).toEqual([]);
    });
  });
}
