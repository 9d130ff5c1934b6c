// @ts-check
/**
 * Dynamic pages: a page whose own script appends a paragraph naming covered people and
 * rewrites an earlier one every 20 ms for 10 s (server.mjs, /storm/). Here the page's script
 * runs, so time is attributed by V8's sampling profiler instead: a sample counts for Backstory
 * when a function of content.js or scan.js is on its stack (its MutationObserver callback included, which
 * runs inside the page's own tasks), for the page when a function of storm.js is. The timeline
 * is recorded alongside for the longest task Backstory ran on its own.
 */
import { startTrace } from './trace.mjs';

/** @typedef {import('playwright-core').BrowserContext} Context */

/**
 * @param {Context} context @param {string} url @param {string} scriptUrl @param {number} seconds
 */
export async function stormCost(context, url, scriptUrl, seconds) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    const stop = await startTrace(cdp);
    await cdp.send('Profiler.start');
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => document.body.dataset.done === '1', null, { polling: 500, timeout: (seconds + 30) * 1000 });
    // The last changes' re-scan: the scanner waits for a pause in mutations, then scans.
    await page.waitForTimeout(1500);
    const { profile } = await cdp.send('Profiler.stop');
    const events = await stop();
    const changes = Number(await page.evaluate(() => document.body.dataset.changes));
    const highlights = await page.evaluate(() => CSS.highlights.get('backstory-mention')?.size ?? -1);
    const paragraphs = await page.evaluate(() => document.querySelectorAll('#feed p').length);

    /** @type {Map<number, any>} */
    const nodes = new Map(profile.nodes.map((/** @type {any} */ n) => [n.id, n]));
    /** @type {Map<number, number>} */
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    /** @type {Map<number, 'ext' | 'page' | 'other'>} */
    const owner = new Map();
    const ownerOf = (/** @type {number} */ id) => {
      let o = owner.get(id);
      if (o) return o;
      o = 'other';
      for (let x = /** @type {number | undefined} */ (id); x !== undefined; x = parent.get(x)) {
        const u = String(nodes.get(x)?.callFrame.url ?? '');
        // content.js, or scan.js that it loads (at a per-session address: any extension URL,
        // as Backstory is the only extension in this browser).
        if (u === scriptUrl || u.startsWith('chrome-extension://')) {
          o = 'ext';
          break;
        }
        if (u.endsWith('/storm.js')) o = 'page';
      }
      owner.set(id, o);
      return o;
    };
    const totals = { ext: 0, page: 0, other: 0 };
    const deltas = profile.timeDeltas ?? [];
    (profile.samples ?? []).forEach((/** @type {number} */ id, /** @type {number} */ i) => {
      const name = nodes.get(id)?.callFrame.functionName;
      if (name === '(idle)' || name === '(program)' || name === '(root)') return;
      totals[ownerOf(id)] += (deltas[i + 1] ?? 0) / 1000;
    });
    const spanMs = (profile.endTime - profile.startTime) / 1000;

    // Backstory's own tasks (its debounced re-scans): tasks running its code or its
    // scheduler.yield continuations, and no page code.
    const main = events.filter((e) => e.ph === 'X' && e.args?.data?.url === scriptUrl)[0];
    let longestTaskMs = 0;
    let longestTaskCpuMs = 0;
    if (main) {
      const thread = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X').sort((a, b) => a.ts - b.ts);
      for (const t of thread.filter((e) => e.name === 'RunTask')) {
        const end = t.ts + (t.dur ?? 0);
        const inner = thread.filter((e) => e.ts >= t.ts && e.ts < end && e !== t);
        const ext = inner.some((e) => e.name === 'RunYieldContinuation' || String(e.args?.data?.url ?? '').startsWith('chrome-extension://'));
        const pageCode = inner.some((e) => String(e.args?.data?.url ?? '').endsWith('/storm.js'));
        if (!ext || pageCode) continue;
        longestTaskMs = Math.max(longestTaskMs, (t.dur ?? 0) / 1000);
        longestTaskCpuMs = Math.max(longestTaskCpuMs, (/** @type {any} */ (t).tdur ?? t.dur ?? 0) / 1000);
      }
    }
    return {
      seconds,
      changes,
      paragraphs,
      highlights,
      profiledMs: spanMs,
      extensionCpuMs: totals.ext,
      pageScriptCpuMs: totals.page,
      otherCpuMs: totals.other,
      extensionShareOfOneCore: totals.ext / spanMs,
      longestExtensionTaskMs: longestTaskMs,
      longestExtensionTaskCpuMs: longestTaskCpuMs,
    };
  } finally {
    await page.close();
  }
}
