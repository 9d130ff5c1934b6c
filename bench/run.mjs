#!/usr/bin/env node
// @ts-check
/**
 * npm run bench: Backstory's performance in real browsers, side by side with the floor and with
 * mark.js, checked against the budgets of issue 7. Writes bench/results.json and the results
 * table in docs/performance.md (which says what each figure means and how it is taken).
 *
 *   npm run bench                          the default run (about 13 minutes on 2 cores)
 *   npm run bench -- --pages all           every saved page instead of a sample of 40
 *   npm run bench -- --pages bbc-1,cnn     these pages
 *   npm run bench -- --pages-dir DIR       the pages in DIR instead of the saved pages: folders
 *                                          NAME/source.html or files NAME.html; the
 *                                          results go to test-artifacts/bench-partial.*
 *   npm run bench -- --no-generated        leave out the generated pages of the scan (4 minutes);
 *                                          the results go to test-artifacts/bench-partial.*
 *   npm run bench -- --full                every page, and the 10,000-article corpus: its build
 *                                          time and the popup's search on it (about 32 minutes)
 *   npm run bench -- --no-build            measure dist/ as it is
 *   npm run bench -- --only scan,hover     just these parts (scan, storm, hover, popup, memory,
 *                                          firefox, corpus); the others say "not measured", and
 *                                          the results go to test-artifacts/bench-partial.*
 *   npm run bench -- --loads 5             loads per saved page for the scan and the baselines
 *                                          (medians kept; 3 by default)
 *   npm run bench -- --firefox-pages 20    saved pages for the scan in Firefox (sampled; 10 by
 *                                          default, 24 with --full)
 *
 * Every figure is measured in this run. Where one could not be, the results say why.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { browserAvailable, launchChromium } from '../test/support/browsers.mjs';
import { firefoxPopup, firefoxScan } from './firefox.mjs';
import { corpusBuilds, nodeSearchTimes } from './corpus.mjs';
import { hoverTimes } from './hover.mjs';
import { addedHeap } from './memory.mjs';
import { keystrokeTimes, popupOpenTimes } from './popup.mjs';
import { PARTS, writeReport } from './report.mjs';
import { writeBaselines, writeFirefoxFloor, writeUnsieved } from './baselines.mjs';
import { scanPages } from './scan.mjs';
import { startServer } from './server.mjs';
import { sizes } from './sizes.mjs';
import { stormCost } from './storm.mjs';
import { syntheticPage } from './synthetic.mjs';
import { SAVED_PAGES } from '../test/support/saved-pages.mjs';
import { listPages } from '../test/support/page-folder.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const TMP = path.join(ROOT, 'bench', 'tmp');
const RESULTS = path.join(ROOT, 'bench', 'results.json');

const { values: args } = parseArgs({
  options: {
    pages: { type: 'string', default: '40' },
    'pages-dir': { type: 'string' },
    'markjs-pages': { type: 'string', default: '6' },
    full: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'no-generated': { type: 'boolean', default: false },
    only: { type: 'string', default: 'scan,storm,hover,popup,memory,firefox,corpus' },
    loads: { type: 'string', default: '3' },
    'firefox-pages': { type: 'string' },
  },
});
const only = new Set(args.only.split(',').map((s) => s.trim()));
const unknownParts = [...only].filter((p) => !PARTS.includes(p));
if (unknownParts.length) throw new Error(`--only: no such part: ${unknownParts.join(', ')} (parts: ${PARTS.join(', ')})`);
/** Whether this run measures `part`. */
const wants = (/** @type {string} */ part) => only.has(part);
/** Where the pages come from: the saved pages, unless --pages-dir names other ones. */
const PAGES = args['pages-dir'] ? path.resolve(args['pages-dir']) : SAVED_PAGES;
if (args['pages-dir'] && !existsSync(PAGES)) throw new Error(`--pages-dir: ${PAGES} does not exist`);
/** What the log calls those pages. */
const PAGES_ARE = args['pages-dir'] ? `pages from ${PAGES}` : 'saved pages';

const started = performance.now();
const log = (/** @type {string} */ line) => console.log(line);
const elapsed = () => `${((performance.now() - started) / 60_000).toFixed(1)} min`;

if (!browserAvailable('chromium')) {
  console.error('npm run bench needs Chromium; nothing was measured.');
  process.exit(1);
}

// 1. The build: the bundles, the zips (for their size), the corpus index the aliases come from.
if (!args['no-build']) {
  log('Building (node build.mjs, with the zips, whose size is measured)…');
  const build = spawnSync(process.execPath, ['build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; nothing was measured.');
    process.exit(1);
  }
}
const { version } = JSON.parse(await readFile(path.join(ROOT, 'manifest.json'), 'utf8'));
const bundledIndex = JSON.parse(await readFile(path.join(DIST, 'chrome', 'index.json'), 'utf8'));
const bundledSearchIndex = JSON.parse(await readFile(path.join(DIST, 'chrome', 'search-index.json'), 'utf8'));
const entitiesFile = JSON.parse(await readFile(path.join(ROOT, 'data', 'entities.json'), 'utf8'));
/** The aliases mark.js marks: every alias of every entity the extension ships. */
const aliases = [...new Set(bundledIndex.entities.flatMap((/** @type {{ aliases: string[] }} */ e) => e.aliases))];

/** @type {Record<string, any>} */
const results = {
  generatedAt: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((v) => Number(v.toFixed(2))),
  },
  options: { pages: args.pages, ...(args['pages-dir'] ? { pagesDir: PAGES } : {}), ...(args['no-generated'] ? { noGenerated: true } : {}), markjsPages: Number(args['markjs-pages']), full: args.full, loads: Number(args.loads), only: [...only] },
  notes: /** @type {string[]} */ ([
    'Firefox: the sizes; the scan against the floor on a sample of saved pages, from its sampling profiler (coarse on small pages); the popup, open to interactive and per keystroke (from the profiler\'s markers, wall time). The hover, the storm, memory and the longest task are Chromium\'s only: each needs the start and end of the content script\'s tasks, which Chromium\'s timeline gives and sampling does not, or a hook inside the shipped code, which is not wanted.',
  ]),
};

// 2. Sizes.
log('Sizes…');
results.sizes = await sizes(DIST, version);

// 3. The pages: a sample spread over the sizes, unless told otherwise.
/** @type {{ name: string, path: string, bytes: number }[]} */
let pages = [];
if (existsSync(PAGES)) {
  const all = listPages(PAGES).map((p) => ({ name: p.name, path: `/page/${encodeURIComponent(p.name)}/`, bytes: p.bytes }));
  if (!all.length) throw new Error(`${PAGES} holds no page (NAME/source.html or NAME.html)`);
  if (args.full || args.pages === 'all') pages = all;
  else if (/^\d+$/.test(args.pages)) pages = spread(all, Number(args.pages));
  else {
    const wanted = args.pages.split(',').map((s) => s.trim());
    pages = all.filter((p) => wanted.includes(p.name));
    const unknown = wanted.filter((w) => !pages.some((p) => p.name === w));
    if (unknown.length) throw new Error(`No such page: ${unknown.join(', ')}`);
  }
  results.pagesAvailable = all.length;
} else {
  const message = `SKIPPING the real pages: ${PAGES} does not exist. The benchmark reads the saved pages from ../shared/pages beside the repository; only generated pages are measured.`;
  log(`\n${'!'.repeat(78)}\n${message}\n${'!'.repeat(78)}\n`);
  results.notes.push(message);
  results.pagesAvailable = 0;
}
// mark.js takes seconds per page (it walks the page once per alias): a smaller sample, spread
// over the sizes of the pages measured.
const markjsSample = new Set(spread(pages, Math.min(pages.length, Number(args['markjs-pages']))).map((p) => p.name));

const SYNTHETIC_SIZES = args['no-generated'] ? [] : [10_000, 100_000, 1_000_000, 10_000_000];
const STORM_SECONDS = 10;
const people = bundledIndex.entities.filter((/** @type {{ kind: string }} */ e) => e.kind === 'person').map((/** @type {{ name: string }} */ e) => e.name);
const server = await startServer({
  pagesDir: existsSync(PAGES) ? PAGES : null,
  synthetic: (bytes) => syntheticPage(bundledIndex.entities, bytes),
  stormNames: people,
  stormSeconds: STORM_SECONDS,
});

const browser = await launchChromium(path.join(DIST, 'chrome'));
const context = /** @type {import('playwright-core').BrowserContext} */ (browser.raw);
results.machine.chromium = context.browser()?.version() ?? (await context.pages()[0]?.evaluate(() => navigator.userAgent)) ?? 'unknown';
const scriptUrl = `chrome-extension://${browser.extensionId}/content.js`;
// The floor and mark.js, as content scripts of their own, in a second Chromium (baselines.mjs).
const baselineScripts = await writeBaselines(path.join(TMP, 'baselines'), aliases);
const baselineBrowser = await launchChromium(path.join(TMP, 'baselines'));
const baselineContext = /** @type {import('playwright-core').BrowserContext} */ (baselineBrowser.raw);
// Backstory without its sieve, in a third (baselines.mjs).
const unsievedScript = await writeUnsieved(path.join(TMP, 'unsieved'), path.join(DIST, 'chrome'));
const unsievedBrowser = await launchChromium(path.join(TMP, 'unsieved'));
const unsievedContext = /** @type {import('playwright-core').BrowserContext} */ (unsievedBrowser.raw);
/** @type {import('./scan.mjs').Browsers} */
const browsers = {
  backstory: context,
  scriptUrl,
  baselines: baselineContext,
  floorScript: baselineScripts.floorScript(baselineBrowser.extensionId),
  markjsScript: baselineScripts.markjsScript(baselineBrowser.extensionId),
  unsieved: unsievedContext,
  unsievedScript: unsievedScript.contentScript(unsievedBrowser.extensionId),
};
try {
  // Backstory off on http://localhost (the floor and mark.js run there), on at 127.0.0.1.
  const worker = context.serviceWorkers()[0];
  if (!worker) throw new Error('no service worker');
  await worker.evaluate(() => /** @type {any} */ (globalThis).chrome.storage.sync.set({ settings: { version: 1, disabledSites: ['localhost'] } }));
  // Warm the browser (its code cache for content.js, the first tab's costs) before measuring.
  for (let i = 0; i < 3; i++) {
    for (const [ctx, url] of /** @type {const} */ ([
      [context, server.on('/synthetic/10000/')],
      [baselineContext, server.off('/synthetic/10000/')],
      [unsievedContext, server.on('/synthetic/10000/')],
    ])) {
      const warm = await ctx.newPage();
      await warm.goto(url);
      await warm.waitForTimeout(500);
      await warm.close();
    }
  }

  if (wants('scan')) {
    log(`\nScan, floor and mark.js on ${pages.length} of ${results.pagesAvailable} ${PAGES_ARE} (mark.js on ${markjsSample.size}) [${elapsed()}]`);
    const pageRows = await scanPages(browsers, pages, server, (p) => markjsSample.has(p.name), log, Number(args.loads));
    const missing = pages.filter((p) => !pageRows.some((r) => r.page === p.name)).map((p) => p.name);
    if (missing.length) results.notes.push(`Left out, because no recording of their load showed the content script running (three tries): ${missing.join(', ')}.`);

    if (SYNTHETIC_SIZES.length) log(`\nScan, floor and mark.js on generated pages of 10 KB to 10 MB of text [${elapsed()}]`);
    else results.notes.push('The generated pages were left out of the scan (--no-generated).');
    /** @type {import('./scan.mjs').PageRow[]} */
    const syntheticRows = [];
    /** @type {{ bytes: number, ms: number } | null} */
    let lastMarkjs = null;
    for (const bytes of SYNTHETIC_SIZES) {
      // mark.js's time grows with the text; it is run where the last size predicts under 40 s.
      const predicted = lastMarkjs ? (lastMarkjs.ms * bytes) / lastMarkjs.bytes : 0;
      const runMarkjs = predicted < 40_000;
      const [row] = await scanPages(browsers, [{ name: `generated ${bytes / 1000} KB`, path: `/synthetic/${bytes}/` }], server, () => runMarkjs, log);
      if (!row) continue;
      if (!runMarkjs) {
        const note = `mark.js was not run on the generated ${bytes / 1000} KB page: at ${/** @type {any} */ (lastMarkjs).bytes / 1000} KB it took ${(/** @type {any} */ (lastMarkjs).ms / 1000).toFixed(1)} s, so this size would take about ${(predicted / 1000).toFixed(0)} s.`;
        log(`  ${note}`);
        results.notes.push(note);
      } else if (row.markjsMs !== null) {
        lastMarkjs = { bytes, ms: row.markjsMs };
      }
      syntheticRows.push({ ...row, page: `${bytes}` });
    }
    results.scan = { pages: pageRows, synthetic: syntheticRows };
  }

  if (wants('storm')) {
    log(`\nMutation storm: ${STORM_SECONDS} s of appended and rewritten text [${elapsed()}]`);
    results.storm = await stormCost(context, server.on('/storm/'), scriptUrl, STORM_SECONDS);
    log(`  Backstory ${results.storm.extensionCpuMs.toFixed(0)} ms of CPU over ${(results.storm.profiledMs / 1000).toFixed(1)} s (${(100 * results.storm.extensionShareOfOneCore).toFixed(1)}% of a core); the page's own script ${results.storm.pageScriptCpuMs.toFixed(0)} ms; ${results.storm.changes} changes`);
  }

  if (wants('hover')) {
    log(`\nHover: intent delay's end to card painted [${elapsed()}]`);
    results.hover = await hoverTimes(context, browser.extensionId, server.on('/synthetic/100000/'), 20);
    log(`  ${results.hover.results.length} hovers measured, ${results.hover.cardsWithData} cards showed their data`);
  }

  if (wants('popup')) {
    log(`\nPopup on the bundled corpus [${elapsed()}]`);
    results.popup = {
      bundled: {
        articles: bundledIndex.articles.length,
        openMs: await popupOpenTimes(context, browser.extensionId, 8),
        keystrokes: await keystrokeTimes(context, browser.extensionId),
        nodeSearchMs: await nodeSearchTimes(bundledIndex, bundledSearchIndex),
      },
    };
  }

  if (wants('memory')) {
    log(`\nMemory on the generated 1 MB page [${elapsed()}]`);
    results.memory = { page: 'generated 1 MB', ...(await addedHeap(context, server, '/synthetic/1000000/', 3)) };
  }
} finally {
  await browser.close();
  await baselineBrowser.close();
  await unsievedBrowser.close();
}

// 4. The scan in Firefox, sampled (firefox.mjs), on a sample of the saved pages.
// Asked once: a missing or too old Firefox is reported once, and every Firefox figure says so.
const firefoxHere = wants('firefox') && browserAvailable('firefox');
if (wants('firefox') && !firefoxHere) results.notes.push('Firefox was not measured: no Firefox ESR 153 or newer here (see the message above).');
if (firefoxHere && pages.length) {
  const sample = spread(pages, Number(args['firefox-pages'] ?? (args.full ? 24 : 10)));
  log(`\nScan and floor in Firefox, sampled, on ${sample.length} ${PAGES_ARE} [${elapsed()}]`);
  const floorDir = path.join(TMP, 'firefox-floor');
  await writeFirefoxFloor(floorDir);
  results.firefox = await firefoxScan({
    backstoryDir: path.join(DIST, 'firefox'),
    floorDir,
    pages: sample,
    on: server.on,
    off: server.off,
    loads: Number(args.loads),
    log,
  });
  const missing = sample.filter((p) => !results.firefox.pages.some((/** @type {{ page: string }} */ r) => r.page === p.name)).map((p) => p.name);
  if (missing.length) results.notes.push(`Left out in Firefox, because no load showed the content script running (three tries): ${missing.join(', ')}.`);
}
if (firefoxHere && wants('popup')) {
  log(`\nPopup in Firefox on the bundled corpus [${elapsed()}]`);
  results.firefoxPopup = { bundled: { articles: bundledIndex.articles.length, ...(await firefoxPopup(path.join(DIST, 'firefox'), 8)) } };
}

// 5. The corpus build, in node, after the browser work so neither disturbs the other.
// 3,000 is the largest that fits the default run's time; --full adds 10,000 (docs/performance.md:
// the cost per article is flat from 1,000 on).
if (wants('corpus')) {
  const corpusSizes = args.full ? [100, 1_000, 3_000, 10_000] : [100, 1_000, 3_000];
  log(`\nCorpus build for ${corpusSizes.join(', ')} generated articles [${elapsed()}]`);
  const corpus = await corpusBuilds(entitiesFile, corpusSizes, log);
  results.corpus = { builds: corpus.rows };
  if (!args.full) {
    const note = 'The 10,000-article corpus was not built in this run, to keep it short: building it and measuring the popup on it take about 2 minutes more on 2 quiet cores. `npm run bench -- --full` does both.';
    log(`  ${note}`);
    results.notes.push(note);
  }

  // 6. The popup's search on the largest generated corpus, in the real popup.
  const largest = corpus.largest;
  const largestSize = corpusSizes.at(-1) ?? 0;
  if (largest && wants('popup')) {
    log(`\nPopup on the generated ${largestSize}-article corpus [${elapsed()}]`);
    const dir = path.join(TMP, `extension-${largestSize}`);
    await rm(dir, { recursive: true, force: true });
    await mkdir(TMP, { recursive: true });
    await cp(path.join(DIST, 'chrome'), dir, { recursive: true });
    await writeFile(path.join(dir, 'index.json'), JSON.stringify(largest.index));
    await writeFile(path.join(dir, 'search-index.json'), JSON.stringify(largest.searchIndex));
    const big = await launchChromium(dir);
    try {
      results.popup.synthetic = {
        articles: largestSize,
        indexBytes: (await readFile(path.join(dir, 'index.json'))).length,
        searchIndexBytes: (await readFile(path.join(dir, 'search-index.json'))).length,
        openMs: await popupOpenTimes(/** @type {any} */ (big.raw), big.extensionId, 3),
        keystrokes: await keystrokeTimes(/** @type {any} */ (big.raw), big.extensionId),
        nodeSearchMs: await nodeSearchTimes(largest.index, largest.searchIndex),
      };
    } finally {
      await big.close();
      await rm(dir, { recursive: true, force: true });
    }
    if (firefoxHere && results.firefoxPopup) {
      log(`\nPopup in Firefox on the generated ${largestSize}-article corpus [${elapsed()}]`);
      const firefoxDir = path.join(TMP, `extension-${largestSize}-firefox`);
      await rm(firefoxDir, { recursive: true, force: true });
      await cp(path.join(DIST, 'firefox'), firefoxDir, { recursive: true });
      await writeFile(path.join(firefoxDir, 'index.json'), JSON.stringify(largest.index));
      await writeFile(path.join(firefoxDir, 'search-index.json'), JSON.stringify(largest.searchIndex));
      try {
        results.firefoxPopup.synthetic = { articles: largestSize, ...(await firefoxPopup(firefoxDir, 3)) };
      } finally {
        await rm(firefoxDir, { recursive: true, force: true });
      }
    }
  }
}
await server.close();

results.machine.loadAverageAtEnd = os.loadavg().map((v) => Number(v.toFixed(2)));
results.durationS = Math.round((performance.now() - started) / 1000);
// A run of some parts only, of other pages or without the generated ones leaves the committed
// results as they are.
const partial = PARTS.some((part) => !wants(part)) || Boolean(args['pages-dir']) || args['no-generated'];
const [resultsPath, docPath] = partial
  ? [path.join(ROOT, 'test-artifacts', 'bench-partial.json'), path.join(ROOT, 'test-artifacts', 'bench-partial.md')]
  : [RESULTS, path.join(ROOT, 'docs', 'performance.md')];
await mkdir(path.dirname(resultsPath), { recursive: true });
await writeReport(results, resultsPath, docPath);
log(`\nWrote ${path.relative(ROOT, resultsPath)} and the table in ${path.relative(ROOT, docPath)} in ${elapsed()}.`);

/**
 * `count` items spread evenly over `list` (sorted by size), always the first and the last.
 * @template T @param {T[]} list @param {number} count @returns {T[]}
 */
function spread(list, count) {
  if (count >= list.length) return list;
  if (count <= 1) return list.slice(-1);
  const picked = new Set();
  for (let i = 0; i < count; i++) picked.add(Math.round((i * (list.length - 1)) / (count - 1)));
  return [...picked].map((i) => /** @type {T} */ (list[i]));
}
