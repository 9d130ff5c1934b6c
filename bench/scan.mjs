// @ts-check
/**
 * Scan, floor and mark.js on one page. Each is a content script, recorded with the performance
 * timeline from its first evaluation to the end of its last task, on a fresh load of the page:
 *  1. Backstory, in the Chromium that has it, at http://127.0.0.1;
 *  2. the floor (baselines.mjs), in the Chromium that has the baselines, at http://localhost;
 *  3. mark.js (baselines.mjs), there too, at http://127.0.0.1, on the pages chosen for it;
 *  4. Backstory without its sieve (baselines.mjs), in a Chromium of its own, at http://127.0.0.1;
 *  5. in Backstory's Chromium at http://localhost, where Backstory is off: the same bare walk
 *     timed inside the page, for reference.
 * The loads follow one another, so a colleague's load on the machine weighs on both sides of
 * each ratio alike.
 */
import { floorPass, highlightCount, whenIdle } from './in-page.mjs';
import { median } from './stats.mjs';
import { contentScriptCost, startTrace } from './trace.mjs';

/** @typedef {import('playwright-core').BrowserContext} Context */

/**
 * Loads `url` with the timeline recording and returns what the content script cost. Nothing is
 * evaluated in the page while recording (see trace.mjs). Recording stops once the renderer's
 * script time (the DevTools protocol's own counter, read without running script in the page)
 * has not grown for `quietMs`, at least `minMs` after the load event; a scan that had not
 * finished by then (the trace says) is recorded again with a longer quiet period.
 * After recording, `read` (default: how many ranges Backstory's highlight holds) is evaluated
 * in the page and returned as `highlights`.
 * @param {Context} context @param {string} url @param {string} scriptUrl
 * @param {{ minMs?: number, quietMs?: number, maxMs?: number, read?: () => number }} [options]
 */
export async function tracedLoad(context, url, scriptUrl, { minMs = 400, quietMs = 600, maxMs = 180_000, read = highlightCount } = {}) {
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
      const highlights = await page.evaluate(read);
      return cost ? { ...cost, highlights } : null;
    } finally {
      await page.close();
    }
  }
}

/**
 * The bare walk timed inside the page, on a fresh load where Backstory is off: the first walk
 * after load, and the same walk repeated (warm). For reference beside the floor extension.
 * @param {Context} context @param {string} url
 */
export async function inPageWalk(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.evaluate(whenIdle, 5000);
    const first = await page.evaluate(floorPass, 0);
    const warm = await page.evaluate(floorPass, 3);
    return { firstMs: first.ms, warmMs: warm.ms, textNodes: first.textNodes, chars: first.chars };
  } finally {
    await page.close();
  }
}

/** How many marks mark.js reported (its content script writes the count on the root element). */
function markjsMarks() {
  return Number(document.documentElement.dataset.markjsMarks ?? -1);
}

/**
 * @typedef {object} PageRow
 * @property {string} page
 * @property {number} chars  visible and invisible text under <body>, as the walk reads it
 * @property {number} textNodes
 * @property {number} scanMs  Backstory: content-script start to the end of its last task before
 *   it fell idle (trace.mjs)
 * @property {number} scanBusyMs  the sum of its tasks, wall time
 * @property {number} scanCpuMs  the sum of its tasks, the thread's CPU time
 * @property {number} longestTaskMs  wall time
 * @property {number} longestTaskCpuMs
 * @property {number} tasksOver50
 * @property {number} tasksOver50Cpu
 * @property {number} highlights
 * @property {number} floorMs  the floor extension, measured as the scan is: wall time
 * @property {number} floorCpuMs  and CPU time
 * @property {number} unsievedMs  Backstory without its sieve, measured as the scan is: wall time
 * @property {number} unsievedCpuMs  and CPU time
 * @property {number} walkMs  the bare walk timed in the page, the first after load
 * @property {number} walkWarmMs  the same walk, repeated
 * @property {number | null} markjsMs  mark.js as a content script, measured as the scan is
 * @property {number | null} markjsCpuMs
 * @property {number | null} markjsMarks
 */

/**
 * @typedef {object} Browsers
 * @property {Context} backstory  Chromium with Backstory (off on localhost)
 * @property {string} scriptUrl  Backstory's content script
 * @property {Context} baselines  Chromium with the baselines' extension
 * @property {string} floorScript
 * @property {Context} unsieved  Chromium with Backstory without its sieve
 * @property {string} unsievedScript
 * @property {string} markjsScript
 */

/**
 * Scan, floor and (where `withMarkjs` says) mark.js on each page.
 * @param {Browsers} browsers
 * @param {{ name: string, path: string }[]} pages
 * @param {{ on: (p: string) => string, off: (p: string) => string }} server
 * @param {(page: { name: string }) => boolean} withMarkjs
 * @param {(line: string) => void} log
 * @param {number} [loads]  loads of the page for the scan, the floor and the unsieved (medians are kept)
 * @returns {Promise<PageRow[]>}
 */
export async function scanPages(browsers, pages, server, withMarkjs, log, loads = 1) {
  /** @type {PageRow[]} */
  const rows = [];
  pages: for (const page of pages) {
    const started = performance.now();
    // `loads` loads of each, alternating; the median of each figure (the longest task: the
    // longest of all), since one load of a small page varies by a third from the next.
    /** @type {NonNullable<Awaited<ReturnType<typeof tracedLoad>>>[]} */
    const scans = [];
    /** @type {NonNullable<Awaited<ReturnType<typeof tracedLoad>>>[]} */
    const floors = [];
    /** @type {NonNullable<Awaited<ReturnType<typeof tracedLoad>>>[]} */
    const unsieveds = [];
    for (let i = 0; i < loads; i++) {
      const scanLoad = await tracedLoad(browsers.backstory, server.on(page.path), browsers.scriptUrl);
      const floorLoad = await tracedLoad(browsers.baselines, server.off(page.path), browsers.floorScript, { read: () => 0 });
      const unsievedLoad = await tracedLoad(browsers.unsieved, server.on(page.path), browsers.unsievedScript, { read: () => 0 });
      if (!scanLoad || !floorLoad || !unsievedLoad) {
        log(`  ${page.name}: ${!scanLoad ? "Backstory's" : !floorLoad ? 'the floor' : 'the unsieved'} content script did not run; left out`);
        continue pages;
      }
      scans.push(scanLoad);
      floors.push(floorLoad);
      unsieveds.push(unsievedLoad);
    }
    const scan = {
      wallMs: median(scans.map((x) => x.wallMs)),
      busyMs: median(scans.map((x) => x.busyMs)),
      cpuMs: median(scans.map((x) => x.cpuMs)),
      longestTaskMs: Math.max(...scans.map((x) => x.longestTaskMs)),
      longestTaskCpuMs: Math.max(...scans.map((x) => x.longestTaskCpuMs)),
      tasksOver50: Math.max(...scans.map((x) => x.tasksOver50)),
      tasksOver50Cpu: Math.max(...scans.map((x) => x.tasksOver50Cpu)),
      highlights: /** @type {number} */ (scans.at(-1)?.highlights),
    };
    const floor = { wallMs: median(floors.map((x) => x.wallMs)), cpuMs: median(floors.map((x) => x.cpuMs)) };
    const unsieved = { wallMs: median(unsieveds.map((x) => x.wallMs)), cpuMs: median(unsieveds.map((x) => x.cpuMs)) };
    const walk = await inPageWalk(browsers.backstory, server.off(page.path));
    // mark.js as often: its fixed cost (compiling an expression per alias) varies by half from one
    // load of a near-empty page to the next, and there it decides the ratio.
    /** @type {NonNullable<Awaited<ReturnType<typeof tracedLoad>>>[]} */
    const markjsLoads = [];
    for (let i = 0; withMarkjs(page) && i < loads; i++) {
      const load = await tracedLoad(browsers.baselines, server.on(page.path), browsers.markjsScript, { read: markjsMarks });
      if (load) markjsLoads.push(load);
    }
    const markjs =
      markjsLoads.length > 0
        ? {
            wallMs: median(markjsLoads.map((x) => x.wallMs)),
            cpuMs: median(markjsLoads.map((x) => x.cpuMs)),
            highlights: /** @type {number} */ (markjsLoads.at(-1)?.highlights),
          }
        : null;
    const row = {
      page: page.name,
      chars: walk.chars,
      textNodes: walk.textNodes,
      scanMs: scan.wallMs,
      scanBusyMs: scan.busyMs,
      scanCpuMs: scan.cpuMs,
      longestTaskMs: scan.longestTaskMs,
      longestTaskCpuMs: scan.longestTaskCpuMs,
      tasksOver50: scan.tasksOver50,
      tasksOver50Cpu: scan.tasksOver50Cpu,
      highlights: scan.highlights,
      floorMs: floor.wallMs,
      floorCpuMs: floor.cpuMs,
      unsievedMs: unsieved.wallMs,
      unsievedCpuMs: unsieved.cpuMs,
      walkMs: walk.firstMs,
      walkWarmMs: walk.warmMs,
      markjsMs: markjs?.wallMs ?? null,
      markjsCpuMs: markjs?.cpuMs ?? null,
      markjsMarks: markjs?.highlights ?? null,
    };
    rows.push(row);
    log(
      `  ${page.name.padEnd(28)} scan ${row.scanMs.toFixed(1).padStart(7)} ms, cpu ${row.scanCpuMs.toFixed(1)} (longest task ${row.longestTaskMs.toFixed(1)}, cpu ${row.longestTaskCpuMs.toFixed(1)})` +
        `  floor ${row.floorMs.toFixed(1)} ms, cpu ${row.floorCpuMs.toFixed(1)}: ×${(row.scanCpuMs / row.floorCpuMs).toFixed(1)} cpu` +
        `  no sieve cpu ${row.unsievedCpuMs.toFixed(1)}: ×${(row.unsievedCpuMs / row.floorCpuMs).toFixed(1)}` +
        (markjs ? `  mark.js ${markjs.wallMs.toFixed(0)} ms, cpu ${markjs.cpuMs.toFixed(0)}: ×${(markjs.cpuMs / row.scanCpuMs).toFixed(1)} cpu` : '') +
        `  [${((performance.now() - started) / 1000).toFixed(1)} s]`,
    );
  }
  return rows;
}
