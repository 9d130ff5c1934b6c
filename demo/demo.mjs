// @ts-check
/**
 * `npm run demo`: headless Chromium with the built extension on the demo news page. Hovers a
 * mention and saves screenshots to demo/: the marked page, the open card, and the same card on
 * the page in dark mode.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserAvailable, launchChromium } from '../test/support/browsers.mjs';
import { serve } from '../test/support/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

if (!browserAvailable('chromium')) process.exit(1);
const server = await serve(here);
const browser = await launchChromium(path.join(root, 'dist/chrome'));
try {
  /** @type {import('playwright-core').BrowserContext} */
  const context = browser.raw;
  const page = await context.newPage();
  await page.setViewportSize({ width: 1100, height: 1000 });
  await page.goto(`${server.url}/page.html`);
  await page.waitForFunction(() => (CSS.highlights.get('backstory-mention')?.size ?? 0) > 0);
  const marked = await page.evaluate(() =>
    [...(CSS.highlights.get('backstory-mention') ?? [])].map((r) => /** @type {Range} */ (r).toString()),
  );
  await page.mouse.move(5, 5);
  await page.screenshot({ path: path.join(here, 'page.png') });

  const box = await page.evaluate(() => {
    const p = [...document.querySelectorAll('p')].find((el) => el.textContent?.includes('Marco Rubio'));
    const text = /** @type {Text} */ (p?.firstChild);
    const start = text.data.indexOf('Marco Rubio');
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, start + 'Marco Rubio'.length);
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  /** Rests the pointer on the name, waits for the card and its data, and takes a picture. */
  const hoverAndShoot = async (/** @type {string} */ file) => {
    await page.mouse.move(box.x - 40, box.y, { steps: 5 });
    await page.mouse.move(box.x, box.y, { steps: 5 });
    await page.waitForFunction(() => document.querySelector('backstory-card')?.matches(':popover-open'));
    await page.waitForTimeout(600); // the card's data arrives and its fade-in ends
    await page.screenshot({ path: path.join(here, file) });
    return browser.dialogs();
  };
  const dialogs = await hoverAndShoot('card.png');
  await page.keyboard.press('Escape');
  await page.emulateMedia({ colorScheme: 'dark' });
  await hoverAndShoot('card-dark.png');

  console.log(`Marked ${marked.length} mentions: ${[...new Set(marked)].join(', ')}`);
  console.log(`Card open: ${dialogs.map((d) => d.name).join(', ') || '(none found in the accessibility tree)'}`);
  console.log('Screenshots: demo/page.png, demo/card.png, demo/card-dark.png');
} finally {
  await browser.close();
  await server.close();
}
