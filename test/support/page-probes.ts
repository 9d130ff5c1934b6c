/**
 * Small probes the real-browser tests run against pages, shared by every test file.
 */
import type { LaunchedBrowser, TestPage } from './browsers.mjs';

/** Text of each painted mention, as the page's main world sees the highlight registry. */
export const paintedTexts = (page: TestPage) =>
  page.evaluate(() =>
    [...CSS.highlights.entries()]
      .filter(([name]) => name.startsWith('backstory-'))
      .flatMap(([, h]) => [...h].map((r) => (r as Range).toString())),
  );

/** Whether Backstory's scanner has started: it registers its highlight then; the sieve alone never does. */
export const scannerStarted = (page: TestPage) => page.evaluate(() => CSS.highlights.has('backstory-mention'));

/** Whether Backstory's card is open on the page. */
export const cardOpen = (page: TestPage) =>
  page.evaluate(() => document.querySelector('backstory-card')?.matches(':popover-open') ?? false);

/**
 * Page-side source of a function `range()` giving the Range of the first occurrence of `text`
 * in the element with `id`. Built as source because the probe runs inside the page.
 */
const rangeSource = (id: string, text: string) =>
  `const range = () => {
     const el = document.getElementById(${JSON.stringify(id)});
     const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
     for (let n = walker.nextNode(); n; n = walker.nextNode()) {
       const i = n.data.indexOf(${JSON.stringify(text)});
       if (i < 0) continue;
       const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + ${text.length});
       return r;
     }
     throw new Error('text not found');
   };`;

/** Centre of the first occurrence of `text` in the element with `id`, in viewport pixels. */
export function centreOf(page: TestPage, id: string, text: string) {
  return page.evaluate(
    new Function(
      `${rangeSource(id, text)}
       const b = range().getBoundingClientRect();
       return { x: b.left + b.width / 2, y: b.top + b.height / 2, left: b.left, right: b.right };`,
    ) as () => { x: number; y: number; left: number; right: number },
  );
}

/**
 * Moves the pointer from text that names nobody (#plain's "nobody", in card.html) onto the first
 * `text` in `id`, and leaves it resting there.
 */
export async function restOn(page: TestPage, id: string, text: string): Promise<void> {
  const start = await centreOf(page, 'plain', 'nobody');
  const { x, y } = await centreOf(page, id, text);
  await page.moveMouse(start.x, start.y);
  await page.moveMouse(x, y);
}

/** Selects the first occurrence of `text` in the element with `id`. */
export function selectText(page: TestPage, id: string, text: string) {
  return page.evaluate(
    new Function(
      `${rangeSource(id, text)}
       const s = getSelection(); s.removeAllRanges(); s.addRange(range());`,
    ) as () => void,
  );
}

/** Polls `probe` until `ok` holds or `ms` pass; returns the last value either way. */
export async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  let value = await probe();
  while (!ok(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    value = await probe();
  }
  return value;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `step`'s value, or an error naming `label` once `ms` pass: a browser call that stalls says
 * which one it was, where the test's own timeout would only say that time ran out.
 */
export async function within<T>(label: string, step: Promise<T>, ms = 20_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([step, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * On the card fixture (card.html, already loaded and marked), opens Marco Rubio's card from the
 * keyboard and presses its "Pause Backstory" button, with the mouse, as a reader would.
 */
export async function pauseFromCard(page: TestPage, browser: LaunchedBrowser): Promise<void> {
  await selectText(page, 'one', 'Marco Rubio');
  await page.chord(['Alt', 'Shift'], 'KeyK');
  await waitFor(() => cardOpen(page), (o) => o);
  // Firefox updates its accessibility tree a moment after the DOM.
  await waitFor(() => browser.dialogs(), (d) => d.some((x) => x.name === 'Marco Rubio'));
  await browser.clickAccessible('button', 'Pause Backstory');
}
