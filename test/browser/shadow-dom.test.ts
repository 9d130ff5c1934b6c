/**
 * Stories inside web components, in real Chromium and Firefox ESR: names in open shadow roots
 * (nested ones, and one attached after load) are marked, painted with Backstory's style inside
 * each root beside the page's own sheets, followed as they change, and open the card on hover.
 * A closed root's text stays unmarked: a content script cannot reach it. A page whose web
 * components name no one loads no scanner, yet a name that arrives later inside a shadow root,
 * or with a custom element defined late, is marked.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium, launchFirefox, type BrowserName, type LaunchedBrowser, type TestPage } from '../support/browsers.mjs';
import { cardOpen, paintedTexts, scannerStarted, waitFor } from '../support/page-probes';
import { serve } from '../support/server.mjs';

const launchers = { chromium: () => launchChromium('dist/chrome'), firefox: () => launchFirefox('dist/firefox') };

/** The story's open shadow root, as the page sees it, and what Backstory left in it. */
const storyRoot = (page: TestPage) =>
  page.evaluate(() => {
    const root = document.getElementById('story')!.shadowRoot!;
    const sheets = root.adoptedStyleSheets;
    const quoteRoot = root.querySelector('story-quote')!.shadowRoot!;
    const styled = (list: readonly CSSStyleSheet[]) =>
      list.some((s) => [...s.cssRules].some((r) => r.cssText.includes('::highlight(backstory-mention)')));
    return {
      sheets: sheets.length,
      pageSheetFirst: [...sheets[0]!.cssRules].some((r) => r.cssText.startsWith('blockquote')),
      styled: styled(sheets),
      nestedStyled: styled(quoteRoot.adoptedStyleSheets),
      children: root.childNodes.length,
    };
  });

/** Centre of `text` in the story's lede, inside its shadow root, in viewport pixels. */
const centreInStory = (page: TestPage, text: string) =>
  page.evaluate(
    new Function(
      `const node = document.getElementById('story').shadowRoot.getElementById('lede').firstChild;
       const i = node.data.indexOf(${JSON.stringify(text)});
       const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + ${text.length});
       const b = r.getBoundingClientRect();
       return { x: b.left + b.width / 2, y: b.top + b.height / 2 };`,
    ) as () => { x: number; y: number },
  );

const sorted = (texts: string[]) => [...texts].sort();

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`in ${name}, a page of web components`, () => {
    let browser: LaunchedBrowser;
    let server: Awaited<ReturnType<typeof serve>>;
    let page: TestPage;

    beforeAll(async () => {
      server = await serve(path.resolve('test/browser/fixtures/shadow'));
      browser = await launchers[name]();
      page = await browser.newPage();
      await page.goto(`${server.url}/shadow.html`);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('marks names in open shadow roots, nested and added after load, never in a closed one', async () => {
      const marks = await waitFor(() => paintedTexts(page), (t) => t.length >= 4);
      expect(sorted(marks)).toEqual(['Dmitry Peskov', 'Marco Rubio', 'Putin', 'Zelensky']);
    });

    it('styles the highlight inside each root, after the page’s own sheet, adding no node', async () => {
      expect(await storyRoot(page)).toEqual({ sheets: 2, pageSheetFirst: true, styled: true, nestedStyled: true, children: 3 });
      await page.screenshot(path.resolve(`test-artifacts/${name}-shadow-dom.png`));
    });

    it('follows a change inside a shadow root', async () => {
      await page.evaluate(() => {
        document.getElementById('story')!.shadowRoot!.getElementById('update')!.textContent = 'Update: Lavrov answered.';
      });
      const marks = await waitFor(() => paintedTexts(page), (t) => t.length >= 5);
      expect(sorted(marks)).toEqual(['Dmitry Peskov', 'Lavrov', 'Marco Rubio', 'Putin', 'Zelensky']);
    });

    it('opens the card for a name inside a shadow root under the pointer', async () => {
      const { x, y } = await centreInStory(page, 'Putin');
      await page.moveMouse(x - 200, y + 150);
      await page.moveMouse(x, y);
      expect(await waitFor(() => cardOpen(page), (open) => open)).toBe(true);
      const dialogs = await waitFor(() => browser.dialogs(), (d) => d.some((x) => x.name.includes('Putin')));
      expect(dialogs.map((d) => d.name)).toContain('Vladimir Putin');
    });

    it('raises no errors', () => {
      expect(page.errors).toEqual([]);
    });

    describe('on a page whose web components name no one', () => {
      const quietPage = async () => {
        const quiet = await browser.newPage();
        await quiet.goto(`${server.url}/quiet.html`);
        // Past the sieve and the first look at the undefined element (500 ms after it).
        await new Promise((r) => setTimeout(r, 1500));
        return quiet;
      };

      it('loads no scanner, and marks a name the page adds inside a shadow root later', async () => {
        const quiet = await quietPage();
        expect(await scannerStarted(quiet)).toBe(false);
        await quiet.evaluate(() => {
          document.getElementById('note')!.shadowRoot!.getElementById('body')!.append(' Ask Marco Rubio.');
        });
        expect(await waitFor(() => paintedTexts(quiet), (t) => t.length >= 1)).toEqual(['Marco Rubio']);
        expect(quiet.errors).toEqual([]);
      });

      it('marks a name in the shadow root of a custom element defined late', async () => {
        const quiet = await quietPage();
        expect(await scannerStarted(quiet)).toBe(false);
        await quiet.evaluate(() => {
          customElements.define('late-card', class extends HTMLElement {
            constructor() {
              super();
              this.attachShadow({ mode: 'open' }).innerHTML = '<p>Zelensky wrote back.</p><slot></slot>';
            }
          });
        });
        // Upgrades report nothing: the content script looks again 2 s after its first look.
        expect(await waitFor(() => paintedTexts(quiet), (t) => t.length >= 1)).toEqual(['Zelensky']);
        expect(quiet.errors).toEqual([]);
      });
    });
  });
}
