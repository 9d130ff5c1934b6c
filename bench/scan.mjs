// @ts-check
/**
 * Scan, floor and mark.js on one page, in one Chromium with Backstory loaded:
 *  1. the page at http://127.0.0.1 (Backstory on), recorded with the performance timeline:
 *     Backstory's scan from its content script's first evaluation to the end of its last task,
 *     the sum of its tasks and the longest;
 *  2. the same page at http://localhost (Backstory off there): the floor, a bare TreeWalker
 *     read of every text node, as the first walk after load; then mark.js marking the same
 *     aliases.
 * Both loads are fresh tabs, one right after the other, so a colleague's load on the machine
 * weighs on both sides of each ratio alike.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { floorPass, highlightCount, runMarkJs, whenIdle } from './in-page.mjs';
import { contentScriptCost, startTrace, timedTask } from './trace.mjs';

const require = createRequire(import.meta.url);
const MARK_JS = await readFile(require.resolve('mark.js/dist/mark.min.js'), 'utf8');

/** @typedef {import('playwright-core').BrowserContext} Context */

/**
 * Loads `url` with the timeline recording and returns what the content script cost. Nothing is
 * evaluated in the page while recording (see trace.mjs). Recording stops once the renderer's
 * script time (the DevTools protocol's own counter, read without running script in the page)
 * has not grown for `quietMs`, at least `minMs` after the load event; a scan that had not
 * finished by then (the trace says) is recorded again with a longer quiet period.
 * @param {Context} context @param {string} url @param {string} scriptUrl
 * @param {{ minMs?: number, quietMs?: number, maxMs?: number }} [options]
 */
export async function tracedLoad(context, url, scriptUrl, { minMs = 400, quietMs = 600, maxMs = 180_000 } = {}) {
  for (let attempt = 0, quiet = quietMs; ; attempt++, quiet *= 3) {
    const page = await context.newPage();
    try {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const stop = await startTrace(cdp);
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      const loaded = performance.now();
      let last = -1;
      let lastChange = loaded;
      while (performance.now() - loaded < maxMs) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        const { metrics } = await cdp.send('Performance.getMetrics');
        const script = metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
        const now = performance.now();
        if (script !== last) {
          last = script;
          lastChange = now;
        } else if (now - lastChange >= quiet && now - loaded >= minMs) {
          break;
        }
      }
      const events = await stop();
      const cost = contentScriptCost(events, scriptUrl, Math.min(quiet, 300));
      // Not settled: the scan was still running when recording stopped. No cost at all: the
      // recording holds no evaluation of the content script (seen once in a few hundred loads).
      if ((!cost || !cost.settled) && attempt < 2) continue;
      const highlights = await page.evaluate(highlightCount);
      return cost ? { ...cost, highlights } : null;
    } finally {
      await page.close();
    }
  }
}

/**
 * The floor, then mark.js, on a fresh load where Backstory is off. The floor is timed in the
 * page: it lasts a millisecond or so, too short for other programs to stretch it much, and the
 * task that runs it also holds the harness's own protocol work, about as long again. mark.js
 * runs for seconds: it is timed in the page (wall) and from the timeline (its task's CPU time),
 * like the scan.
 * @param {Context} context @param {string} url @param {string[] | null} aliases  null: no mark.js
 */
export async function baselineLoad(context, url, aliases) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.evaluate(whenIdle, 5000);
    const first = await page.evaluate(floorPass, 0);
    const warm = await page.evaluate(floorPass, 3);
    const floor = { firstMs: first.ms, warmMs: warm.ms, textNodes: first.textNodes, chars: first.chars };
    if (!aliases) return { floor, markjs: null };
    await page.evaluate(MARK_JS);
    await page.evaluate(whenIdle, 2000);
    const markjs = await timedTask(cdp, () => page.evaluate(runMarkJs, aliases));
    return { floor, markjs: { ...markjs.value, cpuMs: markjs.taskCpuMs } };
  } finally {
    await page.close();
  }
}

/**
 * @typedef {object} PageRow
 * @property {string} page
 * @property {number} chars  visible and invisible text under <body>, as the floor reads it
 * @property {number} textNodes
 * @property {number} scanMs  content-script start to the end of its last task
 * @property {number} scanBusyMs  the sum of its tasks, wall time
 * @property {number} scanCpuMs  the sum of its tasks, the thread's CPU time
 * @property {number} longestTaskMs  wall time
 * @property {number} longestTaskCpuMs
 * @property {number} tasksOver50
 * @property {number} tasksOver50Cpu
 * @property {number} highlights
 * @property {number} floorMs  the first bare TreeWalker read after load
 * @property {number} floorWarmMs  the same read, repeated
 * @property {number | null} markjsMs
 * @property {number | null} markjsCpuMs
 * @property {number | null} markjsMarks
 */

/**
 * Scan, floor and (for the pages in `markjsPages`) mark.js on each page.
 * @param {Context} context
 * @param {{ name: string, path: string }[]} pages
 * @param {{ on: (p: string) => string, off: (p: string) => string }} server
 * @param {string} scriptUrl
 * @param {string[]} aliases
 * @param {(page: { name: string }) => boolean} withMarkjs
 * @param {(line: string) => void} log
 * @returns {Promise<PageRow[]>}
 */
export async function scanPages(context, pages, server, scriptUrl, aliases, withMarkjs, log) {
  /** @type {PageRow[]} */
  const rows = [];
  for (const page of pages) {
    const started = performance.now();
    const scan = await tracedLoad(context, server.on(page.path), scriptUrl);
    if (!scan) {
      log(`  ${page.name}: the content script did not run; left out`);
      continue;
    }
    const { floor, markjs } = await baselineLoad(context, server.off(page.path), withMarkjs(page) ? aliases : null);
    const row = {
      page: page.name,
      chars: floor.chars,
      textNodes: floor.textNodes,
      scanMs: scan.wallMs,
      scanBusyMs: scan.busyMs,
      scanCpuMs: scan.cpuMs,
      longestTaskMs: scan.longestTaskMs,
      longestTaskCpuMs: scan.longestTaskCpuMs,
      tasksOver50: scan.tasksOver50,
      tasksOver50Cpu: scan.tasksOver50Cpu,
      highlights: scan.highlights,
      floorMs: floor.firstMs,
      floorWarmMs: floor.warmMs,
      markjsMs: markjs?.ms ?? null,
      markjsCpuMs: markjs?.cpuMs ?? null,
      markjsMarks: markjs?.marks ?? null,
    };
    rows.push(row);
    log(
      `  ${page.name.padEnd(28)} scan ${row.scanMs.toFixed(1).padStart(7)} ms (cpu ${row.scanCpuMs.toFixed(1)}, longest task ${row.longestTaskMs.toFixed(1)}, cpu ${row.longestTaskCpuMs.toFixed(1)})` +
        `  floor ${row.floorMs.toFixed(2)} ms ×${(row.scanMs / row.floorMs).toFixed(0)}, cpu ×${(row.scanCpuMs / row.floorMs).toFixed(0)}` +
        (markjs ? `  mark.js ${markjs.ms.toFixed(0)} ms = ${(markjs.ms / row.scanMs).toFixed(1)}× scan, cpu ${(markjs.cpuMs / row.scanCpuMs).toFixed(1)}×` : '') +
        `  [${((performance.now() - started) / 1000).toFixed(1)} s]`,
    );
  }
  return rows;
}
