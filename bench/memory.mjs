// @ts-check
/**
 * Memory: the JavaScript heap Backstory adds to a large page. Chromium reports the heap of a
 * page's renderer isolate over the DevTools protocol (Runtime.getHeapUsage: V8's heap, and the
 * embedder's, where DOM objects such as Ranges live), after a forced garbage collection. With
 * the page's own scripts off, the difference between the page with Backstory on (127.0.0.1) and
 * off (localhost, where the content script only reads its settings and stops) is Backstory's.
 * Loads alternate on and off; the median of the differences is reported.
 */
import { median } from './stats.mjs';

/** @typedef {import('playwright-core').BrowserContext} Context */

/**
 * @param {Context} context @param {{ on: (p: string) => string, off: (p: string) => string }} server
 * @param {string} path @param {number} pairs
 */
export async function addedHeap(context, server, path, pairs) {
  /** @param {string} url */
  const heapAfterLoad = async (url) => {
    const page = await context.newPage();
    try {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      // Wait for the scan to finish: script time stops growing.
      let last = -1;
      for (let quiet = 0; quiet < 4; ) {
        await new Promise((r) => setTimeout(r, 200));
        const { metrics } = await cdp.send('Performance.getMetrics');
        const script = metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
        quiet = script === last ? quiet + 1 : 0;
        last = script;
      }
      await cdp.send('HeapProfiler.enable');
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = /** @type {{ usedSize: number, embedderHeapUsedSize?: number }} */ (await cdp.send('Runtime.getHeapUsage'));
      return { js: usage.usedSize, embedder: usage.embedderHeapUsedSize ?? 0 };
    } finally {
      await page.close();
    }
  };
  /** @type {number[]} */
  const js = [];
  /** @type {number[]} */
  const embedder = [];
  for (let i = 0; i < pairs; i++) {
    const off = await heapAfterLoad(server.off(path));
    const on = await heapAfterLoad(server.on(path));
    js.push(on.js - off.js);
    embedder.push(on.embedder - off.embedder);
  }
  return { addedJsHeapBytes: median(js), addedEmbedderHeapBytes: median(embedder), samples: { js, embedder } };
}
