// @ts-check
/**
 * Hover: from the end of the intent delay (the show timer firing) to the card painted.
 *
 * The pointer rests on one marked name after another on a generated page. Before recording, a
 * capture listener in the page's main world marks the performance timeline when the card's
 * host opens as a popover (`beforetoggle`, which the browser fires inside showPopover, so inside
 * Backstory's show task); that costs a few microseconds in that task. From the timeline:
 * - intent end: the start of the task in which the card opened (the show timer's task);
 * - rendered: the end of that task (Preact has rendered the card with its data and floating-ui
 *   has placed it: both run inside it);
 * - painted: the end of the first frame committed after that task.
 * The show task's CPU time (the thread's, which a busy machine does not inflate) is kept too.
 * After each hover the card's content is read through Backstory's own world, to be sure a
 * card with its data was painted rather than the loading state.
 */
import { evaluateInContentScript } from '../test/support/browsers.mjs';
import { startTrace } from './trace.mjs';

/** @typedef {import('playwright-core').BrowserContext} Context */

/**
 * @param {Context} context @param {string} extensionId @param {string} url  a page with many
 *   marked names @param {number} trials
 */
export async function hoverTimes(context, extensionId, url, trials) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => (CSS.highlights.get('backstory-mention')?.size ?? 0) > 0, null, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    /** The centre of each painted mention's first line box, scrolled into view one at a time. */
    const targets = await page.evaluate(() => {
      const h = CSS.highlights.get('backstory-mention');
      return [...(h ?? [])].length;
    });
    await page.evaluate(() => {
      document.addEventListener(
        'beforetoggle',
        (e) => {
          const t = /** @type {any} */ (e);
          if (t.newState === 'open' && /** @type {Element} */ (e.target).localName === 'backstory-card') performance.mark('bench:card-open');
        },
        true,
      );
    });
    const cdp = await context.newCDPSession(page);
    /** @type {{ toRenderedMs: number, toPaintedMs: number, showTaskCpuMs: number }[]} */
    const results = [];
    /** @type {boolean[]} */
    const withData = [];
    const n = Math.min(trials, targets);
    for (let k = 0; k < n; k++) {
      const at = await page.evaluate((index) => {
        const ranges = [...(CSS.highlights.get('backstory-mention') ?? [])].filter((r) => r instanceof Range);
        ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
        const range = /** @type {Range} */ (ranges[index]);
        range.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
        const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }, k);
      // Off any text first, so each hover starts from nothing open.
      await page.mouse.move(2, 2);
      await page.waitForTimeout(600);
      const stop = await startTrace(cdp);
      await page.mouse.move(at.x, at.y, { steps: 5 });
      await page.waitForTimeout(900);
      const events = await stop();
      const timing = cardTiming(events);
      if (timing) results.push(timing);
      const text = await evaluateInContentScript(
        context,
        page,
        extensionId,
        `(() => { const host = document.querySelector('backstory-card'); const root = host && chrome.dom.openOrClosedShadowRoot(host); return root ? root.textContent : ''; })()`,
      );
      withData.push(typeof text === 'string' && text.length > 80);
    }
    return { results, cardsWithData: withData.filter(Boolean).length, hovers: n };
  } finally {
    await page.close();
  }
}

/**
 * The show task and the next committed frame, from a trace holding one `bench:card-open` mark.
 * @param {import('./trace.mjs').TraceEvent[]} events
 */
function cardTiming(events) {
  const mark = events.find((e) => e.name === 'bench:card-open');
  if (!mark) return null;
  const thread = events.filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X');
  const task = thread.find((e) => e.name === 'RunTask' && e.ts <= mark.ts && mark.ts <= e.ts + (e.dur ?? 0));
  if (!task) return null;
  const taskEnd = task.ts + (task.dur ?? 0);
  const commit = thread
    .filter((e) => e.name === 'Commit' && e.ts >= taskEnd)
    .sort((a, b) => a.ts - b.ts)[0];
  if (!commit) return null;
  return {
    toRenderedMs: (taskEnd - task.ts) / 1000,
    toPaintedMs: (commit.ts + (commit.dur ?? 0) - task.ts) / 1000,
    showTaskCpuMs: (/** @type {any} */ (task).tdur ?? task.dur ?? 0) / 1000,
  };
}
