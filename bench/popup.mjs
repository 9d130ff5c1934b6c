// @ts-check
/**
 * The popup, opened as a tab (chrome-extension://ID/popup.html: the same document the toolbar
 * button opens, in a window the harness can drive):
 * - open to interactive: navigation start to the popup's own `backstory-popup-ready` mark,
 *   which it sets once the corpus and search index are parsed and the first view with them is
 *   on screen; the search box has focus from the first render;
 * - per keystroke: each key typed into the search box, from the timeline: the task that handles
 *   the key's `input` event (search and Preact's render both run inside it: Preact renders in a
 *   microtask) from its start to its end (and the thread's CPU time in it), and to the end of
 *   the next committed frame.
 */
import { QUERIES } from './corpus.mjs';
import { startTrace } from './trace.mjs';

/** @typedef {import('playwright-core').BrowserContext} Context */

/** @param {Context} context @param {string} extensionId @param {number} times */
export async function popupOpenTimes(context, extensionId, times) {
  /** @type {number[]} */
  const out = [];
  for (let i = 0; i < times; i++) {
    const page = await context.newPage();
    try {
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      const ready = await page.waitForFunction(
        () => performance.getEntriesByName('backstory-popup-ready')[0]?.startTime ?? null,
        null,
        { polling: 100, timeout: 120_000 },
      );
      out.push(/** @type {number} */ (await ready.jsonValue()));
    } finally {
      await page.close();
    }
  }
  return out;
}

/**
 * @param {Context} context @param {string} extensionId
 * @returns {Promise<{ query: string, key: string, taskMs: number, taskCpuMs: number, toPaintedMs: number }[]>}
 */
export async function keystrokeTimes(context, extensionId) {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    await page.waitForFunction(() => performance.getEntriesByName('backstory-popup-ready').length > 0, null, { polling: 100, timeout: 120_000 });
    await page.waitForTimeout(300);
    const cdp = await context.newCDPSession(page);
    /** @type {{ query: string, key: string, taskMs: number, taskCpuMs: number, toPaintedMs: number }[]} */
    const rows = [];
    for (const query of QUERIES) {
      await page.focus('#search');
      const stop = await startTrace(cdp);
      for (const key of query) {
        await page.keyboard.type(key);
        await page.waitForTimeout(120);
      }
      const events = await stop();
      const found = inputTasks(events);
      found.forEach((t, i) => rows.push({ query, key: query.slice(0, i + 1), ...t }));
      // Esc empties the box (the popup's own shortcut) for the next query.
      await page.keyboard.press('Escape');
      await page.waitForTimeout(300);
    }
    return rows;
  } finally {
    await page.close();
  }
}

/**
 * The tasks that dispatched an `input` event, in order, with their length and the end of the
 * next frame committed after each.
 * @param {import('./trace.mjs').TraceEvent[]} events
 */
function inputTasks(events) {
  const inputs = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input').sort((a, b) => a.ts - b.ts);
  const first = inputs[0];
  if (!first) return [];
  const thread = events.filter((e) => e.pid === first.pid && e.tid === first.tid && e.ph === 'X');
  const tasks = thread.filter((e) => e.name === 'RunTask');
  const commits = thread.filter((e) => e.name === 'Commit').sort((a, b) => a.ts - b.ts);
  return inputs.flatMap((input) => {
    const task = tasks.find((t) => t.ts <= input.ts && input.ts <= t.ts + (t.dur ?? 0));
    if (!task) return [];
    const end = task.ts + (task.dur ?? 0);
    const commit = commits.find((c) => c.ts >= end);
    return [{ taskMs: (task.dur ?? 0) / 1000, taskCpuMs: (/** @type {any} */ (task).tdur ?? task.dur ?? 0) / 1000, toPaintedMs: commit ? (commit.ts + (commit.dur ?? 0) - task.ts) / 1000 : NaN }];
  });
}
