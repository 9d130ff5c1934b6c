/**
 * A hostile page, in real Chromium and Firefox ESR: it breaks built-ins the content script
 * might use, restyles and covers the card, tries to steal its shadow root, fires synthetic
 * pointer events, carries HTML and script payloads beside mentions, very long words, RTL text,
 * nested, about:blank and data: frames. Backstory must keep working and stay out of reach.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchChromium, launchFirefox, type BrowserName, type LaunchedBrowser, type TestPage } from '../support/browsers.mjs';
import { sleep, waitFor } from '../support/page-probes';
import { serve } from '../support/server.mjs';

const launchers = { chromium: () => launchChromium('dist/chrome'), firefox: () => launchFirefox('dist/firefox') };

/** Painted texts, read through the registry the page kept before replacing window.CSS. */
const painted = (page: TestPage) =>
  page.evaluate(() => {
    const out: string[] = [];
    (window as unknown as { __highlights: HighlightRegistry }).__highlights.forEach((h) => {
      h.forEach((r) => void out.push((r as Range).toString()));
    });
    return out;
  });

const cardState = (page: TestPage) =>
  page.evaluate(() => {
    const host = document.querySelector('backstory-card');
    return {
      open: host?.matches(':popover-open') ?? false,
      display: host ? getComputedStyle(host).display : null,
      shadowVisibleToPage: host ? host.shadowRoot !== null : null,
      stolen: (window as unknown as { __stolen: string[] }).__stolen.length,
      xss: (window as unknown as { __xss?: number }).__xss ?? null,
    };
  });

/** Centre of the first occurrence of `text` directly inside the element `id`. */
const centre = (page: TestPage, id: string, text: string) =>
  page.evaluate(
    new Function(
      `const el = document.getElementById(${JSON.stringify(id)});
       for (let n = el.firstChild; n; n = n.nextSibling) {
         if (n.nodeType !== 3) continue;
         const i = n.data.indexOf(${JSON.stringify(text)});
         if (i < 0) continue;
         const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + ${text.length});
         const b = r.getBoundingClientRect();
         return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
       }
       throw new Error('not found');`,
    ) as () => { x: number; y: number },
  );

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`in ${name}, a hostile page`, () => {
    let browser: LaunchedBrowser;
    let server: Awaited<ReturnType<typeof serve>>;
    let page: TestPage;

    beforeAll(async () => {
      server = await serve(path.resolve('test/browser/fixtures/hostile'));
      browser = await launchers[name]();
      page = await browser.newPage();
      await page.goto(`${server.url}/hostile.html`);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('still gets its names marked, RTL and beside a 100,000-letter word included', async () => {
      const marks = await waitFor(() => painted(page), (t) => t.length >= 3);
      expect([...marks].sort()).toEqual(['Dmitry Peskov', 'Marco Rubio', 'Sergei Lavrov']);
    });

    it('marks names two frames deep, and leaves about:blank and data: frames alone', async () => {
      const inner = () =>
        page.evaluate(() => {
          const outer = (document.getElementById('outer') as HTMLIFrameElement).contentDocument;
          const inner = (outer?.getElementById('inner') as HTMLIFrameElement | null)?.contentWindow as (Window & typeof globalThis) | null;
          const out: string[] = [];
          inner?.CSS.highlights.forEach((h) => h.forEach((r) => void out.push((r as Range).toString())));
          return out;
        });
      expect(await waitFor(inner, (t) => t.length > 0)).toEqual(['Volodymyr Zelensky']);
      const blank = await page.evaluate(() => {
        const w = (document.getElementById('blank') as HTMLIFrameElement).contentWindow as (Window & typeof globalThis) | null;
        return w?.CSS.highlights.size ?? 0;
      });
      expect(blank).toBe(0);
    });

    it('opens no card for synthetic pointer events', async () => {
      await waitFor(() => painted(page), (t) => t.length >= 3);
      const { x, y } = await centre(page, 'one', 'Marco Rubio');
      await page.evaluate(
        new Function(`window.__synthetic(${x}, ${y})`) as () => void, // events over the name for 1 s
      );
      await sleep(1800);
      expect((await cardState(page)).open).toBe(false);
    });

    it('opens the card for a real pointer, visible despite the page’s styles, out of its reach', async () => {
      const { x, y } = await centre(page, 'one', 'Marco Rubio');
      await page.moveMouse(x - 200, y + 200);
      await page.moveMouse(x, y);
      expect(await waitFor(() => cardState(page), (s) => s.open)).toMatchObject({
        open: true,
        shadowVisibleToPage: false,
        stolen: 0,
        xss: null,
      });
      expect((await cardState(page)).display).not.toBe('none');
      const dialogs = await waitFor(() => browser.dialogs(), (d) => d.some((x) => x.name === 'Marco Rubio'));
      expect(dialogs.map((d) => d.name)).toContain('Marco Rubio');
      await page.screenshot(path.resolve(`test-artifacts/${name}-hostile.png`));
    });

    it('raises no errors of its own', async () => {
      expect(page.errors).toEqual([]);
    });
  });
}
