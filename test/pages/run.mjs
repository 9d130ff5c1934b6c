#!/usr/bin/env node
// @ts-check
/**
 * npm run test:pages: the built extension on 130 real pages (../shared/pages/readability), in
 * Chromium and Firefox ESR, each page with and without the extension, compared. Prints a table,
 * writes test-artifacts/pages-report.json, and exits non-zero on any regression.
 * See docs/robustness.md.
 *
 *   node test/pages/run.mjs                      build, then every page in both browsers
 *   node test/pages/run.mjs --browser firefox    one browser
 *   node test/pages/run.mjs --pages bbc-1,cnn    some pages
 *   node test/pages/run.mjs --pages-dir DIR      the pages in DIR instead: folders NAME/source.html
 *                                                or files NAME.html (test/support/page-folder.mjs)
 *   node test/pages/run.mjs --dist DIR           test DIR/chrome and DIR/firefox as they are,
 *                                                without building (also BACKSTORY_DIST=DIR)
 *   node test/pages/run.mjs --jobs 1             one browser after the other (the default, 2,
 *                                                runs Chromium and Firefox side by side: one
 *                                                core each, about 14 minutes on two cores)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { browserAvailable } from '../support/browsers.mjs';
import { listPages } from '../support/page-folder.mjs';
import { SAVED_PAGES } from '../support/saved-pages.mjs';
import { serve } from '../support/server.mjs';
import { launchChromiumForPages, launchFirefoxForPages, startSink } from './launch.mjs';
import { selfCheck } from './self-check.mjs';
import { checkPage, OWN_LAYOUT_RACES, TIMING, visit } from './visit.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const REPORT = path.join(ROOT, 'test-artifacts', 'pages-report.json');

/** @typedef {'chromium' | 'firefox'} BrowserName */
/** @typedef {import('./visit.mjs').PageResult} PageResult */

const { values: args } = parseArgs({
  options: {
    browser: { type: 'string' },
    pages: { type: 'string' },
    'pages-dir': { type: 'string' },
    dist: { type: 'string' },
    jobs: { type: 'string', default: '2' },
  },
});

const PAGES = args['pages-dir'] ? path.resolve(args['pages-dir']) : SAVED_PAGES;
if (args['pages-dir'] && !existsSync(PAGES)) {
  console.error(`--pages-dir: ${PAGES} does not exist; nothing was tested.`);
  process.exit(1);
}
if (!existsSync(PAGES)) {
  console.log(`\nSKIPPING the real-pages run: ${PAGES} does not exist.\nIt reads the saved pages from ../shared/pages beside the repository; nothing was tested.\n`);
  process.exit(0);
}

let dist = args.dist ?? process.env.BACKSTORY_DIST;
if (!dist) {
  const build = spawnSync(process.execPath, ['build.mjs', '--no-zip'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The build failed; nothing was tested. (To test an existing build: --dist DIR.)');
    process.exit(1);
  }
  dist = path.join(ROOT, 'dist');
}
dist = path.resolve(dist);
const EXTENSION_DIRS = { chromium: path.join(dist, 'chrome'), firefox: path.join(dist, 'firefox') };
for (const dir of Object.values(EXTENSION_DIRS)) {
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    console.error(`No built extension in ${dir}: run npm run build, or pass --dist.`);
    process.exit(1);
  }
}

/** Each page's file, relative to PAGES. */
const FILES = new Map(listPages(PAGES).map((p) => [p.name, p.file]));
const allPages = [...FILES.keys()].sort();
if (!allPages.length) {
  console.error(`${PAGES} holds no page (NAME/source.html or NAME.html); nothing was tested.`);
  process.exit(1);
}
/** A page's address on the pages server. @param {string} pagesUrl @param {string} page */
const pageUrl = (pagesUrl, page) => `${pagesUrl}/${String(FILES.get(page)).split('/').map(encodeURIComponent).join('/')}`;
const wanted = args.pages?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = wanted?.filter((p) => !allPages.includes(p)) ?? [];
if (unknown.length) {
  console.error(`No such page: ${unknown.join(', ')}`);
  process.exit(1);
}
const pages = wanted ?? allPages;

/** @type {BrowserName[]} */
const requested = args.browser ? /** @type {BrowserName[]} */ (args.browser.split(',')) : ['chromium', 'firefox'];
for (const b of requested) {
  if (b !== 'chromium' && b !== 'firefox') {
    console.error(`--browser: "${b}" is not chromium or firefox`);
    process.exit(1);
  }
}
const browsers = requested.filter((b) => browserAvailable(b)); // in CI, a missing browser throws

const launchers = { chromium: launchChromiumForPages, firefox: launchFirefoxForPages };

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** @param {string} s @param {number} n */
const pad = (s, n) => (s.length >= n ? `${s.slice(0, n - 1)}… ` : s.padEnd(n + 1));

/** @param {BrowserName} browser @param {string} page @param {PageResult} r @param {number} ms */
function printRow(browser, page, r, ms) {
  const entities = r.marks && 'entities' in r.marks && Array.isArray(r.marks.entities)
    ? r.marks.entities.map((/** @type {any} */ e) => `${e.entityId}×${e.count}`).join(' ')
    : '';
  const painted = r.marks && 'painted' in r.marks && Array.isArray(r.marks.painted) ? r.marks.painted.length : 0;
  const why =
    r.problems[0] ??
    (r.failedFirst ? `passed when judged again; the first time: ${r.failedFirst[0]}` : undefined) ??
    (r.result === 'inconclusive' ? r.notes.find((n) => n.includes('inconclusive')) ?? '' : '');
  console.log(
    `${pad(browser, 9)}${pad(page, 36)}${pad(r.result.toUpperCase(), 13)}${pad(String(painted), 6)}${pad(entities || '-', 44)}${pad(seconds(ms), 7)}${why.slice(0, 160)}`,
  );
}

/**
 * Every page in one browser: a browser without the extension, a self-check with the canary,
 * then a browser with Backstory; each page judged by checkPage (visit.mjs).
 * @param {BrowserName} name
 * @param {string} pagesUrl
 * @param {string} fixturesUrl
 */
async function runBrowser(name, pagesUrl, fixturesUrl) {
  const started = Date.now();
  const launch = launchers[name];
  const sinkWith = await startSink();
  const sinkWithout = await startSink();
  let without = await launch({ extensionDir: null, sinkPort: sinkWithout.port });
  const detections = await selfCheck(name, launch, without, sinkWithout, fixturesUrl);
  const blind = detections.filter((d) => !d.caught);
  for (const d of detections) console.log(`${pad(name, 9)}self-check: ${d.caught ? 'catches' : 'DOES NOT CATCH'} ${d.detector}${d.caught ? '' : ` (${d.detail || 'nothing reported'})`}`);
  /** @type {Record<string, PageResult>} */
  const results = {};
  let withExt = await launch({ extensionDir: EXTENSION_DIRS[name], sinkPort: sinkWith.port });
  const version = withExt.version;
  const startupErrors = await withExt.takeExtensionErrors();
  if (blind.length === 0 && pages[0]) {
    // A browser's first page load differs from later ones (Firefox retries more requests, for
    // one): both browsers load one page, unjudged, before the first that counts.
    const warmUp = pageUrl(pagesUrl, pages[0]);
    /** @type {import('./visit.mjs').Visit | undefined} */
    let earlier = await visit(withExt, sinkWith, warmUp);
    await visit(without, sinkWithout, warmUp, { minSettleMs: earlier.settledMs });
    /** @param {string} page @returns {Promise<PageResult>} */
    const judgeOnce = async (page) => {
      try {
        const ownLayoutRace = OWN_LAYOUT_RACES[name].includes(page);
        const { result, last } = await checkPage({ name, withExt, without, sinkWith, sinkWithout }, pageUrl(pagesUrl, page), earlier, { ownLayoutRace });
        earlier = last;
        return result;
      } catch (error) {
        // The run itself broke on this page (a crashed tab or browser): say so, start afresh.
        const message = error instanceof Error ? error.message.split('\n')[0] ?? String(error) : String(error);
        await Promise.allSettled([withExt.close(), without.close()]);
        without = await launch({ extensionDir: null, sinkPort: sinkWithout.port });
        withExt = await launch({ extensionDir: EXTENSION_DIRS[name], sinkPort: sinkWith.port });
        return { result: 'fail', problems: [`the run could not finish this page: ${message}`], notes: [], checks: {}, marks: {}, counts: {}, timing: {} };
      }
    };
    for (const page of pages) {
      const t0 = Date.now();
      let result = await judgeOnce(page);
      // A page that fails is judged once more, as a failed browser test is run once more: a
      // change the extension makes fails both times. One that passes only then is listed.
      if (result.result === 'fail') {
        const first = result;
        result = await judgeOnce(page);
        if (result.result !== 'fail') result.failedFirst = first.problems;
      }
      results[page] = result;
      printRow(name, page, result, Date.now() - t0);
    }
  }
  // Errors filed after the last page closed still count.
  const lateErrors = await withExt.takeExtensionErrors();
  await Promise.allSettled([withExt.close(), without.close(), sinkWith.close(), sinkWithout.close()]);
  return { version, detections, startupErrors, lateErrors, results, durationMs: Date.now() - started };
}

const t0 = Date.now();
const pagesServer = await serve(PAGES);
const fixturesServer = await serve(path.join(HERE, 'fixtures'));
console.log(`Real pages: ${pages.length} from ${PAGES}\nExtension: ${dist} (built ${statSync(path.join(EXTENSION_DIRS.chromium, 'manifest.json')).mtime.toISOString()})\nBrowsers: ${browsers.join(', ') || 'none'}\n`);
console.log(`${pad('browser', 9)}${pad('page', 36)}${pad('result', 13)}${pad('marks', 6)}${pad('entities (mentions)', 44)}${pad('time', 7)}first problem`);

/** @type {Partial<Record<BrowserName, Awaited<ReturnType<typeof runBrowser>>>>} */
const runs = {};
try {
  if (Number(args.jobs) > 1) {
    await Promise.all(browsers.map(async (b) => void (runs[b] = await runBrowser(b, pagesServer.url, fixturesServer.url))));
  } else {
    for (const b of browsers) runs[b] = await runBrowser(b, pagesServer.url, fixturesServer.url);
  }
} finally {
  await Promise.allSettled([pagesServer.close(), fixturesServer.close()]);
}

let failed = false;
console.log('\nSummary');
for (const b of browsers) {
  const run = runs[b];
  if (!run) continue;
  const rows = Object.entries(run.results);
  const count = (/** @type {string} */ r) => rows.filter(([, x]) => x.result === r).length;
  const blind = run.detections.filter((d) => !d.caught);
  const again = rows.filter(([, x]) => x.failedFirst).length;
  console.log(
    `  ${b} (${run.version}): ${count('pass')} passed, ${count('fail')} failed, ${count('inconclusive')} inconclusive of ${rows.length} pages in ${seconds(run.durationMs)}` +
      (again ? `; ${again} of them only when judged again (below)` : ''),
  );
  if (blind.length) {
    failed = true;
    console.log(`    the self-check failed, so no page was judged: the run cannot see ${blind.map((d) => d.detector).join('; ')}`);
  }
  for (const [label, list] of /** @type {const} */ ([['at startup', run.startupErrors], ['after the last page', run.lateErrors]])) {
    if (list.length) {
      failed = true;
      console.log(`    extension errors ${label}: ${list.join(' | ')}`);
    }
  }
  for (const [page, r] of rows) {
    if (r.failedFirst) {
      console.log(`    PASSED ONLY WHEN JUDGED AGAIN: ${page}; the first time:`);
      for (const line of r.failedFirst) console.log(`      ${line.slice(0, 400)}`);
    }
    if (r.result === 'pass') continue;
    if (r.result === 'fail') failed = true;
    console.log(`    ${r.result.toUpperCase()} ${page}`);
    for (const line of r.result === 'fail' ? r.problems : r.notes.filter((n) => n.includes('inconclusive'))) console.log(`      ${line.slice(0, 400)}`);
  }
}

await mkdir(path.dirname(REPORT), { recursive: true });
const report = {
  generatedAt: new Date().toISOString(),
  durationMs: Date.now() - t0,
  extension: dist,
  pages: PAGES,
  timing: TIMING,
  browsers: Object.fromEntries(
    Object.entries(runs).map(([b, run]) => [b, { version: run.version, durationMs: run.durationMs, selfCheck: run.detections, startupErrors: run.startupErrors, lateErrors: run.lateErrors }]),
  ),
  results: pages.map((page) => ({
    page,
    bytes: statSync(path.join(PAGES, String(FILES.get(page)))).size,
    ...Object.fromEntries(Object.entries(runs).map(([b, run]) => [b, run.results[page] ?? null])),
  })),
};
await writeFile(REPORT, `${JSON.stringify(report, null, 1)}\n`);
console.log(`\nReport: ${path.relative(process.cwd(), REPORT)}; ${seconds(Date.now() - t0)} in all.`);
if (failed) console.log('REGRESSIONS FOUND (see above).');
process.exit(failed ? 1 : 0);
