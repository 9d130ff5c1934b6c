// @ts-check
/**
 * The scan in Firefox, against the floor, from Firefox's own sampling profiler.
 *
 * Firefox gives no timeline that attributes each main-thread task to a content script (what the
 * Chromium figures are read from), so here the Gecko profiler samples the page's main thread
 * (every 0.1 ms asked; 0.1–0.6 ms apart in practice on 2 cores), with each sample's stack and
 * the thread's CPU time since the sample before. A sample is Backstory's where a script of its
 * extension (`moz-extension://ITS-HOST/…`) is on the stack; *machinery* where only Firefox's
 * own extension code is (`Extension*.sys.mjs`, `Conduits*.sys.mjs`: injecting content scripts,
 * their messages), for any extension, the browser's built-in ones included. The same is done for
 * the floor's content script (baselines.mjs) in a second Firefox, so the ratio compares like
 * with like. Sampled figures are coarse on small pages: a few samples, each worth 0.1–2 ms.
 *
 * The popup (`firefoxPopup`): opened as a tab, as the tests open it; open to interactive from
 * its own `backstory-popup-ready` mark, and each keystroke from the profiler's markers of the
 * key's events (from the start of its keydown to the end of the last event it dispatched).
 *
 * The profiler is driven from Firefox's parent process over WebDriver BiDi (firefoxParent), as
 * the tests read Firefox's consoles; the shipped extension has no hook for it.
 */
import { firefoxParent, launchFirefox, openFirefoxExtensionPage } from '../test/support/browsers.mjs';
import { QUERIES } from './corpus.mjs';
import { median } from './stats.mjs';

/** The interval asked of the sampler, in ms. */
const INTERVAL_MS = 0.1;
/** How long after the page's load event a load is recorded: the content script runs at idle. */
const SETTLE_MS = 1500;

/**
 * @typedef {object} Attribution
 * @property {Record<string, number>} scripts  CPU ms by file of the extension, e.g. content.js
 * @property {number} machineryMs  CPU ms where only Firefox's own extension code was on the stack
 * @property {number} samples  the page process's main-thread samples
 * @property {number} ownSamples  of those, the extension's or the machinery's
 */

/**
 * Where the main thread of process `pid` spent its CPU, from a Gecko profile (the raw format of
 * `Services.profiler.getProfileDataAsync()`). It runs inside Firefox's parent process, sent as
 * source, so it uses nothing from outside itself.
 * @param {any} profile @param {number} pid @param {string} host  the extension's moz-extension host
 * @returns {Attribution}
 */
export function attribute(profile, pid, host) {
  /** @type {Attribution} */
  const out = { scripts: {}, machineryMs: 0, samples: 0, ownSamples: 0 };
  const own = `moz-extension://${host}/`;
  const machinery = /(?:^|[/(])(?:Extension\w*|Conduits\w*)\.sys\.mjs/;
  for (const process of [profile, ...(profile.processes ?? [])]) {
    for (const t of process.threads) {
      if (t.pid !== pid || t.name !== 'GeckoMain') continue;
      const sample = t.samples.schema;
      const stackAt = t.stackTable.schema;
      const location = t.frameTable.schema.location;
      /** What a stack is: a file of the extension, "machinery", or null. @type {Map<number, string | null>} */
      const kinds = new Map();
      /** @param {number | null} stack @returns {string | null} */
      const kind = (stack) => {
        if (stack === null || stack === undefined) return null;
        const known = kinds.get(stack);
        if (known !== undefined) return known;
        const [prefix, frame] = [t.stackTable.data[stack][stackAt.prefix], t.stackTable.data[stack][stackAt.frame]];
        const where = String(t.stringTable[t.frameTable.data[frame][location]] ?? '');
        const at = where.indexOf(own);
        const here = at >= 0 ? /^[^:)\s]+/.exec(where.slice(at + own.length))?.[0] ?? 'script' : machinery.test(where) ? 'machinery' : null;
        const outer = kind(prefix);
        // The outermost script of the extension names the sample; machinery only where none is.
        const result = outer !== null && outer !== 'machinery' ? outer : here ?? outer;
        kinds.set(stack, result);
        return result;
      };
      for (const row of t.samples.data) {
        out.samples++;
        const k = kind(row[sample.stack]);
        if (k === null) continue;
        out.ownSamples++;
        const ms = (row[sample.threadCPUDelta] ?? 0) / 1e6; // nanoseconds on Linux (meta.sampleUnits)
        if (k === 'machinery') out.machineryMs += ms;
        else out.scripts[k] = (out.scripts[k] ?? 0) + ms;
      }
    }
  }
  return out;
}

/**
 * A Firefox with `extensionDir` installed, ready to record loads of pages in one tab.
 * @param {string} extensionDir
 */
async function recorder(extensionDir) {
  const browser = await launchFirefox(extensionDir);
  const inParent = firefoxParent(browser.raw);
  const host = /** @type {string} */ (await inParent(`WebExtensionPolicy.getByID(${JSON.stringify(browser.addonId)}).mozExtensionHostname`));
  const version = /** @type {string} */ (await inParent('Services.appinfo.version'));
  const tab = await browser.raw.newPage();
  return {
    version,
    /**
     * Loads `url` with the profiler running, and returns what the extension cost its process.
     * @param {string} url
     */
    async load(url) {
      await inParent(`Services.profiler.StartProfiler(1 << 24, ${INTERVAL_MS}, ['js', 'cpu', 'stackwalk'], ['GeckoMain'])`);
      try {
        await tab.goto(url, { waitUntil: 'load', timeout: 60_000 });
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        const marks = await tab.evaluate(() => [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0)).catch(() => 0);
        // The floor leaves the characters it read on the page: proof that it ran.
        const floorRan = await tab.evaluate(() => document.documentElement.dataset.floorChars !== undefined).catch(() => false);
        const json = await inParent(`(async () => {
          const pid = gBrowser.browsers.find((b) => b.currentURI.spec === ${JSON.stringify(url)})?.frameLoader?.remoteTab?.osPid;
          const profile = await Services.profiler.getProfileDataAsync();
          return JSON.stringify(pid === undefined ? null : (${attribute.toString()})(profile, pid, ${JSON.stringify(host)}));
        })()`);
        const found = /** @type {Attribution | null} */ (JSON.parse(json));
        if (!found) throw new Error(`Firefox: no tab shows ${url}`);
        return { ...found, marks, floorRan };
      } finally {
        await inParent('Services.profiler.StopProfiler()');
      }
    },
    close: () => browser.close(),
  };
}

/**
 * The first of up to three results of `attempt` that `ok` accepts, or null.
 * @template T @param {() => Promise<T>} attempt @param {(result: T) => boolean} ok
 */
async function tries(attempt, ok) {
  for (let i = 0; i < 3; i++) {
    const result = await attempt();
    if (ok(result)) return result;
  }
  return null;
}

/**
 * @typedef {object} FirefoxRow
 * @property {string} page
 * @property {number} scanCpuMs  Backstory: its scripts and the machinery, median of the loads
 * @property {number} scriptCpuMs  its scripts alone
 * @property {number} floorCpuMs  the floor: its script and the machinery
 * @property {number} floorScriptCpuMs  its script alone
 * @property {number} samples  samples of Backstory's, median of the loads
 * @property {number} floorSamples  the floor's
 * @property {number} marks  ranges Backstory marked (the last load)
 */

/**
 * Backstory (`backstoryDir`, the Firefox build) and the floor (`floorDir`) on each page,
 * `loads` times each, alternating; medians kept.
 * @param {{ backstoryDir: string, floorDir: string, pages: { name: string, path: string }[], on: (p: string) => string, off: (p: string) => string, loads: number, log: (line: string) => void }} options
 * @returns {Promise<{ firefox: string, pages: FirefoxRow[] }>}
 */
export async function firefoxScan({ backstoryDir, floorDir, pages, on, off, loads, log }) {
  const backstory = await recorder(backstoryDir);
  const floor = await recorder(floorDir);
  try {
    // Warm both (the first load of a tab, the extension's first page) before measuring.
    const warm = pages[0];
    for (let i = 0; warm && i < 2; i++) {
      await backstory.load(on(warm.path));
      await floor.load(off(warm.path));
    }
    /** @type {FirefoxRow[]} */
    const rows = [];
    for (const page of pages) {
      const withBackstory = [];
      const withFloor = [];
      for (let i = 0; i < loads; i++) {
        // A load counts where its content script is seen to have run: the floor's mark on the
        // page, Backstory's own samples (it spends at least a few of them compiling and reading).
        // Three tries; a page neither shows is left out.
        const a = await tries(() => backstory.load(on(page.path)), (r) => Object.keys(r.scripts).length > 0);
        const b = await tries(() => floor.load(off(page.path)), (r) => r.floorRan && Object.keys(r.scripts).length > 0);
        if (a) withBackstory.push(a);
        if (b) withFloor.push(b);
      }
      if (withBackstory.length === 0 || withFloor.length === 0) {
        log(`  ${page.name}: left out: no load showed ${withBackstory.length === 0 ? "Backstory's" : "the floor's"} content script running`);
        continue;
      }
      const scripts = (/** @type {Attribution} */ a) => Object.values(a.scripts).reduce((s, v) => s + v, 0);
      const total = (/** @type {Attribution} */ a) => a.machineryMs + scripts(a);
      const row = {
        page: page.name,
        scanCpuMs: median(withBackstory.map(total)),
        scriptCpuMs: median(withBackstory.map(scripts)),
        floorCpuMs: median(withFloor.map(total)),
        floorScriptCpuMs: median(withFloor.map(scripts)),
        samples: median(withBackstory.map((a) => a.ownSamples)),
        floorSamples: median(withFloor.map((a) => a.ownSamples)),
        marks: withBackstory.at(-1)?.marks ?? 0,
      };
      log(`  ${page.name}: Backstory ${row.scanCpuMs.toFixed(2)} ms (scripts ${row.scriptCpuMs.toFixed(2)}), floor ${row.floorCpuMs.toFixed(2)} ms (script ${row.floorScriptCpuMs.toFixed(2)}): ${(row.scanCpuMs / row.floorCpuMs).toFixed(2)}×`);
      rows.push(row);
    }
    return { firefox: backstory.version, pages: rows };
  } finally {
    await backstory.close();
    await floor.close();
  }
}

/**
 * @typedef {object} KeyEvent  a profiler marker of a key's DOM event, as the popup's process
 *   recorded it: where an event's dispatch started or ended, in ms
 * @property {string} type  keydown, keypress, beforeinput, input or keyup
 * @property {'start' | 'end'} phase
 * @property {number} at
 */

/**
 * Each key's time: from the start of its keydown's dispatch to the end of the last dispatch
 * that ends before the next keydown (the keypress, inside which Firefox inserts the letter,
 * fires input, and runs the microtasks Preact renders in; keyup is left out, as it is a
 * separate task). Keys whose keydown or end is missing are left out.
 * @param {KeyEvent[]} events @returns {number[]}
 */
export function keyTimes(events) {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const downs = sorted.filter((e) => e.type === 'keydown' && e.phase === 'start').map((e) => e.at);
  return downs.flatMap((start, i) => {
    const next = downs[i + 1] ?? Infinity;
    const ends = sorted.filter((e) => e.phase === 'end' && e.type !== 'keyup' && e.at > start && e.at < next).map((e) => e.at);
    return ends.length ? [Math.max(...ends) - start] : [];
  });
}

/**
 * The popup in Firefox, on the corpus `backstoryDir` bundles: `opens` times open to interactive,
 * then the queries typed a key at a time.
 * @param {string} backstoryDir @param {number} opens
 * @returns {Promise<{ openMs: number[], keystrokes: { query: string, key: string, ms: number }[] }>}
 */
export async function firefoxPopup(backstoryDir, opens) {
  const browser = await launchFirefox(backstoryDir);
  const inParent = firefoxParent(browser.raw);
  try {
    const url = `${await inParent(`WebExtensionPolicy.getByID(${JSON.stringify(browser.addonId)}).getURL('popup.html')`)}`;
    /** Opens the popup in a tab and waits until it is searchable. */
    const open = async () => {
      const page = await openFirefoxExtensionPage(browser.raw, browser.addonId, 'popup.html', undefined, 60_000);
      await page.waitForFunction(() => performance.getEntriesByName('backstory-popup-ready').length > 0, { timeout: 60_000 });
      const ready = await page.evaluate(() => performance.getEntriesByName('backstory-popup-ready')[0]?.startTime ?? NaN);
      return { page, ready };
    };
    const openMs = [];
    for (let i = 0; i < opens; i++) {
      const { page, ready } = await open();
      openMs.push(ready);
      await page.close();
    }
    const { page } = await open();
    await new Promise((resolve) => setTimeout(resolve, 300));
    /** @type {{ query: string, key: string, ms: number }[]} */
    const keystrokes = [];
    for (const query of QUERIES) {
      await page.focus('#search');
      await inParent(`Services.profiler.StartProfiler(1 << 22, 1, ['markersallthreads', 'nostacksampling'], ['GeckoMain'])`);
      try {
        for (const key of query) {
          await page.keyboard.type(key);
          await new Promise((resolve) => setTimeout(resolve, 120));
        }
        const json = await inParent(`(async () => {
          const pid = gBrowser.browsers.find((b) => b.currentURI.spec === ${JSON.stringify(url)})?.frameLoader?.remoteTab?.osPid;
          const profile = await Services.profiler.getProfileDataAsync();
          const out = [];
          for (const process of [profile, ...(profile.processes ?? [])]) for (const t of process.threads) {
            if (t.pid !== pid || t.name !== 'GeckoMain') continue;
            const m = t.markers.schema;
            for (const row of t.markers.data) {
              const data = row[m.data];
              if (!data || data.type !== 'DOMEvent' || !/^(?:key\\w+|beforeinput|input)$/.test(data.eventType)) continue;
              // An interval marker comes whole, or as a start (no end time) and an end (no start).
              if (row[m.startTime]) out.push({ type: data.eventType, phase: 'start', at: row[m.startTime] });
              if (row[m.endTime]) out.push({ type: data.eventType, phase: 'end', at: row[m.endTime] });
            }
          }
          return JSON.stringify(out);
        })()`);
        keyTimes(JSON.parse(json)).forEach((ms, i) => keystrokes.push({ query, key: query.slice(0, i + 1), ms }));
      } finally {
        await inParent('Services.profiler.StopProfiler()');
      }
      await page.keyboard.press('Escape');
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return { openMs, keystrokes };
  } finally {
    await browser.close();
  }
}
