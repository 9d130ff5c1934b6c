// @ts-check
/**
 * Summaries and budgets from one run's measurements, written to bench/results.json and as a
 * table between the markers in docs/performance.md (the rest of that file is written by hand).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { max, median, min, quantile, round } from './stats.mjs';

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** @param {Record<string, any>} r */
export function summarise(r) {
  /** @type {import('./scan.mjs').PageRow[]} */
  const pages = r.scan?.pages ?? [];
  /** @type {import('./scan.mjs').PageRow[]} */
  const synthetic = r.scan?.synthetic ?? [];
  const ratio = (/** @type {number} */ a, /** @type {number} */ b) => (b > 0 ? a / b : NaN);
  const scanFloor = pages.map((p) => ratio(p.scanMs, p.floorMs));
  const cpuFloor = pages.map((p) => ratio(p.scanCpuMs, p.floorCpuMs));
  const cpuFloorWorstPage = pages.reduce((w, p) => (w && ratio(w.scanCpuMs, w.floorCpuMs) >= ratio(p.scanCpuMs, p.floorCpuMs) ? w : p), /** @type {any} */ (null));
  const cpuWalk = pages.map((p) => ratio(p.scanCpuMs, p.walkMs));
  // Runs before 2026-11-25 had no unsieved baseline.
  const unsieved = pages.filter((p) => p.unsievedCpuMs !== undefined);
  const unsievedFloor = unsieved.map((p) => ratio(p.unsievedCpuMs, p.floorCpuMs));
  const scanUnsieved = unsieved.map((p) => ratio(p.scanCpuMs, p.unsievedCpuMs));
  const withMarkjs = [...pages, ...synthetic].filter((p) => p.markjsMs !== null);
  const markjsScan = withMarkjs.map((p) => ratio(/** @type {number} */ (p.markjsMs), p.scanMs));
  const markjsScanCpu = withMarkjs.map((p) => ratio(/** @type {number} */ (p.markjsCpuMs), p.scanCpuMs));
  const worstPage = pages.reduce((w, p) => (w && ratio(w.scanMs, w.floorMs) >= ratio(p.scanMs, p.floorMs) ? w : p), /** @type {any} */ (null));
  const all = [...pages, ...named(synthetic)];
  const longest = all.reduce((w, p) => (w && w.longestTaskMs >= p.longestTaskMs ? w : p), /** @type {any} */ (null));
  const longestCpu = all.reduce((w, p) => (w && w.longestTaskCpuMs >= p.longestTaskCpuMs ? w : p), /** @type {any} */ (null));
  const hoverPainted = (r.hover?.results ?? []).map((/** @type {any} */ h) => h.toPaintedMs);
  const hoverRendered = (r.hover?.results ?? []).map((/** @type {any} */ h) => h.toRenderedMs);
  const hoverCpu = (r.hover?.results ?? []).map((/** @type {any} */ h) => h.showTaskCpuMs);
  const keys = (/** @type {any} */ p) => (p?.keystrokes ?? []).map((/** @type {any} */ k) => k.taskMs);
  const keysPainted = (/** @type {any} */ p) => (p?.keystrokes ?? []).map((/** @type {any} */ k) => k.toPaintedMs);
  const keysCpu = (/** @type {any} */ p) => (p?.keystrokes ?? []).map((/** @type {any} */ k) => k.taskCpuMs);
  const contentGzip = r.sizes?.bundles?.chrome?.['content.js']?.gzip;
  const contentGzipFirefox = r.sizes?.bundles?.firefox?.['content.js']?.gzip;
  const scanGzip = r.sizes?.bundles?.chrome?.['scan.js']?.gzip;
  const scanGzipFirefox = r.sizes?.bundles?.firefox?.['scan.js']?.gzip;
  /** @type {import('./firefox.mjs').FirefoxRow[]} */
  const firefox = r.firefox?.pages ?? [];
  const firefoxFloor = firefox.map((p) => ratio(p.scanCpuMs, p.floorCpuMs));
  const firefoxWorst = firefox.reduce((w, p) => (w && ratio(w.scanCpuMs, w.floorCpuMs) >= ratio(p.scanCpuMs, p.floorCpuMs) ? w : p), /** @type {any} */ (null));
  const firefoxKeys = (/** @type {any} */ p) => (p?.keystrokes ?? []).map((/** @type {any} */ k) => k.ms);
  const fxBundled = firefoxKeys(r.firefoxPopup?.bundled);
  const fxSynthetic = firefoxKeys(r.firefoxPopup?.synthetic);
  const builds = r.corpus?.builds ?? [];
  // Linear growth: the CPU time per article of the largest corpus within 1.3× of the lowest.
  const perArticle = builds.map((/** @type {any} */ b) => b.cpuMsPerArticle);
  const growth = builds.length > 1 ? perArticle.at(-1) / min(perArticle) : NaN;

  const summary = {
    scan: {
      pages: pages.length,
      scanOverFloor: { median: median(scanFloor), worst: max(scanFloor), worstPage: worstPage?.page ?? null },
      scanCpuOverFloor: { median: median(cpuFloor), worst: max(cpuFloor), worstPage: cpuFloorWorstPage?.page ?? null },
      markjsOverScan: { pages: withMarkjs.length, median: median(markjsScan), worst: min(markjsScan) },
      markjsCpuOverScanCpu: { median: median(markjsScanCpu), worst: min(markjsScanCpu) },
      scanMs: { median: median(pages.map((p) => p.scanMs)), worst: max(pages.map((p) => p.scanMs)) },
      floorMs: { median: median(pages.map((p) => p.floorMs)), worst: max(pages.map((p) => p.floorMs)) },
      floorCpuMs: { median: median(pages.map((p) => p.floorCpuMs)), worst: max(pages.map((p) => p.floorCpuMs)) },
      unsievedCpuOverFloor: { median: median(unsievedFloor), best: min(unsievedFloor), worst: max(unsievedFloor) },
      scanCpuOverUnsieved: { median: median(scanUnsieved), worst: max(scanUnsieved) },
      walkMs: { median: median(pages.map((p) => p.walkMs)), worst: max(pages.map((p) => p.walkMs)) },
      scanCpuOverWalk: { median: median(cpuWalk), worst: max(cpuWalk) },
    },
    firefox: {
      pages: firefox.length,
      scanCpuOverFloor: { median: median(firefoxFloor), best: min(firefoxFloor), worst: max(firefoxFloor), worstPage: firefoxWorst?.page ?? null },
    },
    mainThread: {
      longestTaskMs: longest?.longestTaskMs ?? NaN,
      longestTaskPage: longest?.page ?? null,
      longestTaskCpuMs: longestCpu?.longestTaskCpuMs ?? NaN,
      longestTaskCpuPage: longestCpu?.page ?? null,
      longestTaskOnLargestGeneratedMs: synthetic.at(-1)?.longestTaskMs ?? NaN,
      longestTaskCpuOnLargestGeneratedMs: synthetic.at(-1)?.longestTaskCpuMs ?? NaN,
      pagesWithTaskOver50: all.filter((p) => p.tasksOver50 > 0).length,
      pagesWithTaskOver50Cpu: all.filter((p) => p.tasksOver50Cpu > 0).length,
      addedCpuMs: { median: median(pages.map((p) => p.scanCpuMs)), worst: max(pages.map((p) => p.scanCpuMs)) },
      addedBusyMs: { median: median(pages.map((p) => p.scanBusyMs)), worst: max(pages.map((p) => p.scanBusyMs)) },
    },
    hover: {
      median: median(hoverPainted),
      p95: quantile(hoverPainted, 0.95),
      renderedMedian: median(hoverRendered),
      renderedP95: quantile(hoverRendered, 0.95),
      showCpuMedian: median(hoverCpu),
      showCpuP95: quantile(hoverCpu, 0.95),
    },
    popup: {
      openMedianMs: median(r.popup?.bundled?.openMs ?? []),
      bundled: {
        median: median(keys(r.popup?.bundled)),
        p95: quantile(keys(r.popup?.bundled), 0.95),
        worst: max(keys(r.popup?.bundled)),
        cpuP95: quantile(keysCpu(r.popup?.bundled), 0.95),
        paintedMedian: median(keysPainted(r.popup?.bundled)),
      },
      synthetic: r.popup?.synthetic
        ? {
            articles: r.popup.synthetic.articles,
            openMedianMs: median(r.popup.synthetic.openMs),
            median: median(keys(r.popup.synthetic)),
            p95: quantile(keys(r.popup.synthetic), 0.95),
            worst: max(keys(r.popup.synthetic)),
            cpuP95: quantile(keysCpu(r.popup.synthetic), 0.95),
            paintedMedian: median(keysPainted(r.popup.synthetic)),
          }
        : null,
    },
    firefoxPopup: {
      openMedianMs: median(r.firefoxPopup?.bundled?.openMs ?? []),
      bundled: { median: median(fxBundled), p95: quantile(fxBundled, 0.95), worst: max(fxBundled) },
      synthetic: r.firefoxPopup?.synthetic
        ? { articles: r.firefoxPopup.synthetic.articles, openMedianMs: median(r.firefoxPopup.synthetic.openMs), median: median(fxSynthetic), p95: quantile(fxSynthetic, 0.95), worst: max(fxSynthetic) }
        : null,
    },
    corpus: { perArticleGrowth: growth },
  };

  const has10k = r.popup?.synthetic?.articles === 10_000;
  /** @type {{ budget: string, measured: string, status: 'pass' | 'miss' | 'not measured' }[]} */
  const budgets = [
    {
      budget: 'scan ≤ 1.5× the floor on every real page (judged on CPU time)',
      measured: pages.length
        ? `CPU time: worst ${round(summary.scan.scanCpuOverFloor.worst)}× (${summary.scan.scanCpuOverFloor.worstPage}), median ${round(summary.scan.scanCpuOverFloor.median)}×; ` +
          `wall time: worst ${round(summary.scan.scanOverFloor.worst)}× (${summary.scan.scanOverFloor.worstPage}), median ${round(summary.scan.scanOverFloor.median)}×. ` +
          `Against the walk alone, timed in the page: median ${round(summary.scan.scanCpuOverWalk.median)}×` +
          (unsieved.length
            ? `. Backstory without its sieve: ${round(summary.scan.unsievedCpuOverFloor.best)}–${round(summary.scan.unsievedCpuOverFloor.worst)}× the floor, median ${round(summary.scan.unsievedCpuOverFloor.median)}×`
            : '') +
          (firefox.length
            ? `. In Firefox (sampled, ${firefox.length} pages): ${round(summary.firefox.scanCpuOverFloor.best)}–${round(summary.firefox.scanCpuOverFloor.worst)}× (${summary.firefox.scanCpuOverFloor.worstPage}), median ${round(summary.firefox.scanCpuOverFloor.median)}×`
            : '')
        : '',
      status: pages.length ? (Math.max(summary.scan.scanCpuOverFloor.worst, firefox.length ? summary.firefox.scanCpuOverFloor.worst : 0) <= 1.5 ? 'pass' : 'miss') : 'not measured',
    },
    {
      budget: '≥ 10× faster than mark.js, on every page (judged on CPU time)',
      measured: withMarkjs.length
        ? `CPU time: worst ${round(summary.scan.markjsCpuOverScanCpu.worst)}×, median ${round(summary.scan.markjsCpuOverScanCpu.median)}×; wall time: worst ${round(summary.scan.markjsOverScan.worst)}×, median ${round(summary.scan.markjsOverScan.median)}× (${withMarkjs.length} pages)`
        : '',
      status: withMarkjs.length ? (summary.scan.markjsCpuOverScanCpu.worst >= 10 ? 'pass' : 'miss') : 'not measured',
    },
    {
      budget: 'no extension task over 50 ms, even on the 10 MB page (judged on CPU time)',
      measured: all.length
        ? `longest ${round(summary.mainThread.longestTaskCpuMs)} ms of CPU (${summary.mainThread.longestTaskCpuPage}), ${Number.isFinite(summary.mainThread.longestTaskCpuOnLargestGeneratedMs) ? `${round(summary.mainThread.longestTaskCpuOnLargestGeneratedMs)} ms on the 10 MB page` : 'the 10 MB page not measured'}; ` +
          `${summary.mainThread.pagesWithTaskOver50Cpu} of ${all.length} pages had a task over 50 ms of CPU. In wall time: longest ${round(summary.mainThread.longestTaskMs)} ms (${summary.mainThread.longestTaskPage}), over 50 ms on ${summary.mainThread.pagesWithTaskOver50} pages`
        : '',
      status: all.length ? (summary.mainThread.longestTaskCpuMs <= 50 ? 'pass' : 'miss') : 'not measured',
    },
    {
      budget: 'hover to card painted ≤ 50 ms (judged on p95)',
      measured: hoverPainted.length ? `median ${round(summary.hover.median)} ms, p95 ${round(summary.hover.p95)} ms; the show task's CPU: median ${round(summary.hover.showCpuMedian)} ms, p95 ${round(summary.hover.showCpuP95)} ms` : '',
      status: hoverPainted.length ? (summary.hover.p95 <= 50 ? 'pass' : 'miss') : 'not measured',
    },
    {
      budget: 'search ≤ 16 ms per keystroke, bundled corpus (judged on p95)',
      measured: keys(r.popup?.bundled).length
        ? `median ${round(summary.popup.bundled.median)} ms, p95 ${round(summary.popup.bundled.p95)} ms, worst ${round(summary.popup.bundled.worst)} ms; CPU p95 ${round(summary.popup.bundled.cpuP95)} ms` +
          (fxBundled.length ? `. Firefox: median ${round(summary.firefoxPopup.bundled.median)} ms, p95 ${round(summary.firefoxPopup.bundled.p95)} ms, worst ${round(summary.firefoxPopup.bundled.worst)} ms` : '')
        : '',
      status: keys(r.popup?.bundled).length ? (Math.max(summary.popup.bundled.p95, fxBundled.length ? summary.firefoxPopup.bundled.p95 : 0) <= 16 ? 'pass' : 'miss') : 'not measured',
    },
    {
      budget: 'search ≤ 50 ms per keystroke, 10,000 articles (judged on p95)',
      measured:
        has10k && summary.popup.synthetic
          ? `median ${round(summary.popup.synthetic.median)} ms, p95 ${round(summary.popup.synthetic.p95)} ms, worst ${round(summary.popup.synthetic.worst)} ms; CPU p95 ${round(summary.popup.synthetic.cpuP95)} ms` +
            (summary.firefoxPopup.synthetic?.articles === 10_000 ? `. Firefox: median ${round(summary.firefoxPopup.synthetic.median)} ms, p95 ${round(summary.firefoxPopup.synthetic.p95)} ms, worst ${round(summary.firefoxPopup.synthetic.worst)} ms` : '')
          : summary.popup.synthetic
            ? `not built at 10,000 in this run; at ${r.popup.synthetic.articles} articles already median ${round(summary.popup.synthetic.median)} ms, p95 ${round(summary.popup.synthetic.p95)} ms`
            : '',
      status: has10k && summary.popup.synthetic ? (Math.max(summary.popup.synthetic.p95, summary.firefoxPopup.synthetic?.articles === 10_000 ? summary.firefoxPopup.synthetic.p95 : 0) <= 50 ? 'pass' : 'miss') : summary.popup.synthetic && summary.popup.synthetic.median > 50 ? 'miss' : 'not measured',
    },
    {
      budget: 'content script ≤ 30 KB gzipped (judged on content.js)',
      // content.js runs on every page; scan.js joins it only where the sieve finds a candidate
      // (decision 007). Judged on content.js, with both shown.
      measured: contentGzip
        ? `content.js on every page: ${contentGzip} B (Chrome), ${contentGzipFirefox} B (Firefox); with scan.js, on pages with a candidate: ${contentGzip + (scanGzip ?? 0)} B (Chrome), ${(contentGzipFirefox ?? 0) + (scanGzipFirefox ?? 0)} B (Firefox)`
        : '',
      status: contentGzip ? (Math.max(contentGzip, contentGzipFirefox ?? 0) <= 30_000 ? 'pass' : 'miss') : 'not measured',
    },
    {
      budget: 'corpus build grows linearly (CPU time per article of the largest corpus within 1.3× of the lowest)',
      measured: builds.length > 1 ? `${builds.map((/** @type {any} */ b) => `${b.articles} articles: ${round(b.cpuMsPerArticle)} ms each`).join(', ')} (×${round(growth)})` : '',
      status: builds.length > 1 ? (growth <= 1.3 ? 'pass' : 'miss') : 'not measured',
    },
  ];
  return { summary, budgets };
}

/**
 * @param {Record<string, any>} results @param {string} jsonPath @param {string} docPath
 */
export async function writeReport(results, jsonPath, docPath) {
  // Summarised from the figures as stored, and the table written from the file, as
  // `node bench/report.mjs` does: a ratio of unrounded figures can differ in its last digit.
  const stored = rounded(results);
  await writeFile(jsonPath, `${JSON.stringify(rounded({ ...stored, ...summarise(stored) }), null, 2)}\n`);
  await rewriteReport(jsonPath, docPath);
}

/** Every number rounded as results.json stores it. @param {Record<string, any>} r @returns {Record<string, any>} */
const rounded = (r) => JSON.parse(JSON.stringify(r, (_, v) => (typeof v === 'number' ? round(v) : v)));

/**
 * Writes the doc's tables again from a results.json, summaries and budgets made anew (after an
 * edit to this file), without measuring anything.
 * @param {string} jsonPath @param {string} docPath
 */
export async function rewriteReport(jsonPath, docPath) {
  const results = JSON.parse(await readFile(jsonPath, 'utf8'));
  await writeTable({ ...results, ...summarise(results) }, docPath, jsonPath);
}

/**
 * Writes the tables for results that already hold their summary and budgets (results.json)
 * into the doc, between the markers.
 * @param {Record<string, any>} out @param {string} docPath @param {string} jsonPath  where the results are
 */
async function writeTable(out, docPath, jsonPath) {
  const doc = await readFile(docPath, 'utf8').catch(() => `# Performance\n\n${START}\n${END}\n`);
  const at = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (at < 0 || end < at) throw new Error(`${docPath}: the markers ${START} and ${END} are missing`);
  const link = path.relative(path.dirname(docPath), jsonPath).split(path.sep).join('/');
  await writeFile(docPath, `${doc.slice(0, at + START.length)}\n${table(out, link)}\n${doc.slice(end)}`);
}

/**
 * Generated pages as the report names them: stored by their size in bytes, shown as
 * "generated 100.0 KB".
 * @template {{ page: string }} T @param {T[]} rows @returns {T[]}
 */
const named = (rows) => rows.map((p) => ({ ...p, page: `generated ${(Number(p.page) / 1000).toFixed(1)} KB` }));

/** The parts of a run, each of which `--only` can choose (bench/run.mjs). */
export const PARTS = ['scan', 'storm', 'hover', 'popup', 'memory', 'firefox', 'corpus'];

/** The command that made a run, with the options that shape its table. @param {Record<string, any> | undefined} o */
function command(o) {
  const flags = [
    o?.pagesDir ? `--pages-dir ${o.pagesDir}` : '',
    o?.noGenerated ? '--no-generated' : '',
    o?.full ? '--full' : o?.pages !== '40' ? `--pages ${o?.pages}` : '',
    o?.only && o.only.length < PARTS.length ? `--only ${o.only.join(',')}` : '',
  ];
  const given = flags.filter(Boolean);
  return `npm run bench${given.length ? ` -- ${given.join(' ')}` : ''}`;
}

/** @param {Record<string, any>} r @param {string} link  the results' address from the doc */
function table(r, link) {
  const { summary: s, budgets } = r;
  const ms = (/** @type {number} */ v) => (Number.isFinite(v) ? `${round(v)} ms` : '–');
  const x = (/** @type {number} */ v) => (Number.isFinite(v) ? `${round(v)}×` : '–');
  const kb = (/** @type {number} */ v) => `${(v / 1000).toFixed(1)} KB`;
  const lines = [];
  lines.push(
    `Run of ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC: ${r.machine.cpus} cores, Node ${r.machine.node}, Chromium ${r.machine.chromium}${r.firefox ? `, Firefox ${r.firefox.firefox}` : ''}; ` +
      `load average ${r.machine.loadAverageAtStart.join(' / ')} at the start and ${r.machine.loadAverageAtEnd.join(' / ')} at the end; ${Math.round(r.durationS / 60)} min in all. ` +
      `Generated by \`${command(r.options)}\`; the full figures are in [${link.replace(/^(\.\.\/)+/, '')}](${link}).`,
  );
  lines.push('');
  lines.push('### Budgets');
  lines.push('');
  lines.push('| Budget | Measured | |');
  lines.push('| --- | --- | --- |');
  for (const b of budgets) lines.push(`| ${b.budget} | ${b.measured || '–'} | **${b.status}** |`);
  lines.push('');
  lines.push('### Scan, floor and mark.js, per page (Chromium)');
  lines.push('');
  lines.push(
    `${s.scan.pages} ${r.options?.pagesDir ? `pages from ${r.options.pagesDir}` : 'saved pages'} of ${r.pagesAvailable}${r.scan?.synthetic?.length ? ', then the generated pages' : ''}. Each of Backstory, the floor and mark.js is a content script, timed from its first evaluation to the end of its last task before it falls idle on its own load of the page ` +
      `(saved pages: the median of ${r.options?.loads ?? 1} loads each for Backstory, the floor and mark.js, and the longest task of all of them; generated pages: one load): ` +
      '**wall** time and **CPU**, the thread time of its tasks. **Longest task**: Backstory\'s, wall / CPU. **Floor**: a content script that reads every text node once with a bare TreeWalker. ' +
      '**Walk in page**: the same walk timed inside the page, without a content script\'s start-up. **No sieve**: Backstory\'s content script with its sieve made a no-op (the same walk, slices and observer), CPU. ' +
      '**mark.js**: marking the same aliases. Ratios are of CPU time.',
  );
  lines.push('');
  lines.push('| Page | Text | Scan | CPU | Longest task | Floor | Floor CPU | CPU / floor | Walk in page | No sieve | No sieve / floor | mark.js | mark.js CPU | mark.js / scan |');
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const p of [...(r.scan?.pages ?? []), ...named(r.scan?.synthetic ?? [])]) {
    lines.push(
      `| ${p.page} | ${kb(p.chars)} | ${ms(p.scanMs)} | ${ms(p.scanCpuMs)} | ${ms(p.longestTaskMs)} / ${ms(p.longestTaskCpuMs)} | ${ms(p.floorMs)} | ${ms(p.floorCpuMs)} | ${x(p.scanCpuMs / p.floorCpuMs)} | ${ms(p.walkMs)} | ` +
        `${ms(p.unsievedCpuMs ?? NaN)} | ${x((p.unsievedCpuMs ?? NaN) / p.floorCpuMs)} | ` +
        `${p.markjsMs === null ? '–' : ms(p.markjsMs)} | ${p.markjsMs === null ? '–' : ms(/** @type {number} */ (p.markjsCpuMs))} | ${p.markjsMs === null ? '–' : x(/** @type {number} */ (p.markjsCpuMs) / p.scanCpuMs)} |`,
    );
  }
  lines.push(`| **median** | | ${ms(s.scan.scanMs.median)} | ${ms(s.mainThread.addedCpuMs.median)} | | ${ms(s.scan.floorMs.median)} | ${ms(s.scan.floorCpuMs.median)} | ${x(s.scan.scanCpuOverFloor.median)} | ${ms(s.scan.walkMs.median)} | | ${x(s.scan.unsievedCpuOverFloor.median)} | | | ${x(s.scan.markjsCpuOverScanCpu.median)} |`);
  lines.push(`| **worst** | | ${ms(s.scan.scanMs.worst)} | ${ms(s.mainThread.addedCpuMs.worst)} | ${ms(s.mainThread.longestTaskMs)} / ${ms(s.mainThread.longestTaskCpuMs)} | | | ${x(s.scan.scanCpuOverFloor.worst)} | | | ${x(s.scan.unsievedCpuOverFloor.worst)} | | | ${x(s.scan.markjsCpuOverScanCpu.worst)} |`);
  lines.push('');
  lines.push('Median and worst: of the saved pages for the scan, floor and no-sieve columns; of every page mark.js ran on for the mark.js columns; of every page for the longest task.');
  lines.push('');
  if (r.firefox?.pages?.length) {
    lines.push(`### Scan and floor in Firefox ${r.firefox.firefox}, sampled`);
    lines.push('');
    lines.push(
      `${r.firefox.pages.length} of the saved pages above, spread over their sizes; the median of ${r.options?.loads ?? 1} loads each. From Firefox's sampling profiler on the page's main thread (How each figure is taken): ` +
        "**CPU**, the thread's CPU time in samples with the extension's scripts on the stack (**scripts**) or only Firefox's own extension code (injecting content scripts, their messages), for Backstory and, in a Firefox of its own, the floor. " +
        '**Samples**: how many of them; where there are few, the figure is coarse. **Marks**: ranges Backstory marked.',
    );
    lines.push('');
    lines.push('| Page | CPU | Scripts | Samples | Marks | Floor CPU | Floor script | Floor samples | CPU / floor |');
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const p of r.firefox.pages) {
      lines.push(`| ${p.page} | ${ms(p.scanCpuMs)} | ${ms(p.scriptCpuMs)} | ${p.samples} | ${p.marks} | ${ms(p.floorCpuMs)} | ${ms(p.floorScriptCpuMs)} | ${p.floorSamples} | ${x(p.scanCpuMs / p.floorCpuMs)} |`);
    }
    lines.push(`| **median** | | | | | | | | ${x(s.firefox.scanCpuOverFloor.median)} |`);
    lines.push(`| **worst** | | | | | | | | ${x(s.firefox.scanCpuOverFloor.worst)} |`);
    lines.push('');
  }
  lines.push('### The rest');
  lines.push('');
  lines.push('| Figure | Value |');
  lines.push('| --- | --- |');
  if (r.storm) {
    lines.push(
      `| Mutation storm, ${r.storm.seconds} s (${r.storm.changes} changes) | Backstory ${ms(r.storm.extensionCpuMs)} of CPU (${round(100 * r.storm.extensionShareOfOneCore)}% of a core); the page's own script ${ms(r.storm.pageScriptCpuMs)}; longest task of its own ${ms(r.storm.longestExtensionTaskMs)} (CPU ${ms(r.storm.longestExtensionTaskCpuMs)}); ${r.storm.highlights} marks at the end |`,
    );
  }
  if (r.hover) lines.push(`| Hover: intent end to card painted (${r.hover.results.length} hovers) | median ${ms(s.hover.median)}, p95 ${ms(s.hover.p95)} (card rendered, end of the show task: median ${ms(s.hover.renderedMedian)}, p95 ${ms(s.hover.renderedP95)}; its CPU: median ${ms(s.hover.showCpuMedian)}, p95 ${ms(s.hover.showCpuP95)}); ${r.hover.cardsWithData} of ${r.hover.hovers} cards showed their data |`);
  if (r.popup?.bundled) {
    lines.push(`| Popup open to interactive, bundled corpus (${r.popup.bundled.articles} articles) | median ${ms(s.popup.openMedianMs)} |`);
    lines.push(`| Search per keystroke, bundled corpus | median ${ms(s.popup.bundled.median)}, p95 ${ms(s.popup.bundled.p95)}, worst ${ms(s.popup.bundled.worst)}; to the frame painted: median ${ms(s.popup.bundled.paintedMedian)}; \`search()\` alone in node: median ${ms(median(r.popup.bundled.nodeSearchMs))} |`);
  }
  if (r.popup?.synthetic) {
    const p = r.popup.synthetic;
    lines.push(`| Popup open to interactive, ${p.articles} generated articles (index ${kb(p.indexBytes)}, search index ${kb(p.searchIndexBytes)}) | median ${ms(s.popup.synthetic.openMedianMs)} |`);
    lines.push(`| Search per keystroke, ${p.articles} generated articles | median ${ms(s.popup.synthetic.median)}, p95 ${ms(s.popup.synthetic.p95)}, worst ${ms(s.popup.synthetic.worst)}; to the frame painted: median ${ms(s.popup.synthetic.paintedMedian)}; \`search()\` alone in node: median ${ms(median(p.nodeSearchMs))} |`);
  }
  if (r.firefoxPopup?.bundled) {
    const f = s.firefoxPopup;
    lines.push(`| Firefox ${r.firefox?.firefox ?? ''}: popup open to interactive, bundled corpus | median ${ms(f.openMedianMs)} |`);
    lines.push(`| Firefox: search per keystroke, bundled corpus (keydown to the end of its last event, from the profiler's markers) | median ${ms(f.bundled.median)}, p95 ${ms(f.bundled.p95)}, worst ${ms(f.bundled.worst)} |`);
    if (f.synthetic) {
      lines.push(`| Firefox: popup open to interactive, ${f.synthetic.articles} generated articles | median ${ms(f.synthetic.openMedianMs)} |`);
      lines.push(`| Firefox: search per keystroke, ${f.synthetic.articles} generated articles | median ${ms(f.synthetic.median)}, p95 ${ms(f.synthetic.p95)}, worst ${ms(f.synthetic.worst)} |`);
    }
  }
  for (const b of r.corpus?.builds ?? []) {
    lines.push(`| Corpus build, ${b.articles} generated articles (${kb(b.textBytes)} of text, ${b.quotes} quotes) | ${round(b.totalMs / 1000)} s (corpus ${round(b.indexMs / 1000)} s, search index ${round(b.searchIndexMs / 1000)} s); CPU ${round(b.cpuMs / 1000)} s, **${round(b.cpuMsPerArticle)} ms per article** |`);
  }
  if (r.memory) lines.push(`| Memory added on the ${r.memory.page} page | JS heap ${kb(r.memory.addedJsHeapBytes)}, DOM (embedder) heap ${kb(r.memory.addedEmbedderHeapBytes)} |`);
  lines.push('');
  lines.push('### Sizes (gzip -9)');
  lines.push('');
  lines.push('| File | Chrome | Firefox |');
  lines.push('| --- | ---: | ---: |');
  const files = [...new Set([...Object.keys(r.sizes.bundles.chrome), ...Object.keys(r.sizes.bundles.firefox)])].filter((f) => /\.(?:js|css)$/.test(f));
  for (const f of files) {
    const c = r.sizes.bundles.chrome[f];
    const fx = r.sizes.bundles.firefox[f];
    lines.push(`| ${f} | ${c ? `${c.gzip} B` : '–'} | ${fx ? `${fx.gzip} B` : '–'} |`);
  }
  for (const f of ['index.json', 'search-index.json']) {
    lines.push(`| ${f} | ${r.sizes.bundles.chrome[f]?.gzip ?? '–'} B | ${r.sizes.bundles.firefox[f]?.gzip ?? '–'} B |`);
  }
  const z = r.sizes.zips;
  lines.push(`| the zip (its own size; gzipped) | ${z.chrome ? `${z.chrome.bytes} B; ${z.chrome.gzip} B` : '–'} | ${z.firefox ? `${z.firefox.bytes} B; ${z.firefox.gzip} B` : '–'} |`);
  if (r.notes?.length) {
    lines.push('');
    lines.push('### Notes from this run');
    lines.push('');
    for (const n of r.notes) lines.push(`- ${n}`);
  }
  return lines.join('\n');
}

// `node bench/report.mjs`: writes the tables again from bench/results.json (rewriteReport).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  await rewriteReport(path.join(root, 'bench', 'results.json'), path.join(root, 'docs', 'performance.md'));
}
