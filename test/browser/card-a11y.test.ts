/**
 * axe-core over the open card, light and dark, in Chromium. axe cannot enter a closed shadow
 * root, so the test works in Backstory's own content-script world, which can
 * (chrome.dom.openOrClosedShadowRoot): it copies the live card's nodes and styles into an open
 * shadow root on an identical top-layer host and audits that copy.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, evaluateInContentScript, launchChromium } from '../support/browsers.mjs';
import { cardOpen, centreOf, paintedTexts, selectText, waitFor } from '../support/page-probes';
import { serve } from '../support/server.mjs';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe.skipIf(!browserAvailable('chromium'))('in chromium, axe-core on the open card', () => {
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let server: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    server = await serve('test/browser/fixtures');
    browser = await launchChromium('dist/chrome');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`finds no violations (${theme})`, async () => {
      const page = await browser.newPage();
      const raw = browser.raw.pages().at(-1)!;
      await page.goto(`${server.url}/card.html`);
      await waitFor(() => paintedTexts(page), (t) => t.length > 0);
      const run = (expression: string) => evaluateInContentScript(browser.raw, raw, browser.extensionId, expression);
      await run(`chrome.storage.sync.get('settings').then(({ settings }) =>
        chrome.storage.sync.set({ settings: { ...(settings ?? { version: 1 }), theme: '${theme}' } }))`);
      await selectText(page, 'one', 'Marco Rubio');
      await page.chord(['Alt', 'Shift'], 'KeyK');
      await waitFor(() => cardOpen(page), (o) => o);
      await waitFor(() => browser.dialogs(), (d) => d.some((x) => x.name === 'Marco Rubio'));
      await centreOf(page, 'one', 'Marco Rubio'); // the page is still there and laid out
      const violations = await run(`${await axeSource};
        (async () => {
          const root = chrome.dom.openOrClosedShadowRoot(document.querySelector('backstory-card'));
          if (root.querySelector('[role="dialog"]').dataset.status !== 'ready') throw new Error('card not ready');
          const copy = document.createElement('backstory-card-audit');
          copy.setAttribute('popover', 'manual');
          const open = copy.attachShadow({ mode: 'open' });
          for (const node of root.childNodes) open.append(node.cloneNode(true));
          document.documentElement.append(copy);
          copy.showPopover();
          await new Promise((r) => setTimeout(r, 250)); // past the card's fade-in
          const result = await axe.run(
            { include: [{ fromShadowDom: ['backstory-card-audit', '[role="dialog"]'] }] },
            { resultTypes: ['violations'] },
          );
          copy.remove();
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.html) }));
        })()`);
      expect(violations).toEqual([]);
      await page.screenshot(`test-artifacts/chromium-card-${theme}.png`);
    });
  }
});
