#!/usr/bin/env node
// @ts-check
/**
 * Where the content script's time goes on one page: a diagnostic, not part of `npm run bench`.
 *
 *   node bench/profile.mjs PAGE [PAGE…]     PAGE: a saved page's name (bbc-1) or a size in bytes
 *                                           of a generated page (100000)
 *   node bench/profile.mjs --pages-dir DIR PAGE…   a page of another folder (as npm run bench)
 *
 * Builds an unminified copy of the content script (same entry, same bundled alias table, same
 * target; only minification off, so functions keep their names) into bench/tmp/profile-ext,
 * loads each page twice in Chromium (the first warms the browser's code cache), records the
 * second with the performance timeline and V8's sampling profiler together, and prints each of
 * Backstory's tasks with the functions its samples fell in (self time, then inclusive time).
 */
import { cp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { bundledAliases, bundledSieve, matcherEntitiesPlugin, polyfillAsModule, sievePlugin } from '../build.mjs';
import { launchChromium } from '../test/support/browsers.mjs';
import { startServer } from './server.mjs';
import { syntheticPage } from './synthetic.mjs';
import { mainThreadTasks } from './trace.mjs';
import { SAVED_PAGES } from '../test/support/saved-pages.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXT = path.join(ROOT, 'bench/tmp/profile-ext');

const { values: args, positionals: names } = parseArgs({ options: { 'pages-dir': { type: 'string' } }, allowPositionals: true });
const PAGES = args['pages-dir'] ? path.resolve(args['pages-dir']) : SAVED_PAGES;
if (names.length === 0) {
  console.error('usage: node bench/profile.mjs PAGE [PAGE…]  (run npm run build first)');
  process.exit(1);
}

const index = JSON.parse(await readFile(path.join(ROOT, 'dist/chrome/index.json'), 'utf8'));
await rm(EXT, { recursive: true, force: true });
await cp(path.join(ROOT, 'dist/chrome'), EXT, { recursive: true });
const bundled = await bundledAliases(index);
await esbuild.build({
  entryPoints: { content: path.join(ROOT, 'src/content/index.ts'), scan: path.join(ROOT, 'src/content/scan-entry.ts') },
  bundle: true,
  format: 'iife',
  outdir: EXT,
  minify: false,
  target: 'chrome114',
  charset: 'utf8',
  define: { BACKSTORY_TARGET: '"chrome"' },
  logLevel: 'warning',
  loader: { '.css': 'text' },
  plugins: [polyfillAsModule(), matcherEntitiesPlugin(bundled), sievePlugin(await bundledSieve(bundled, index))],
});

const server = await startServer({ pagesDir: PAGES, synthetic: (bytes) => syntheticPage(index.entities, bytes), stormNames: [], stormSeconds: 0 });
const browser = await launchChromium(EXT);
const context = /** @type {import('playwright-core').BrowserContext} */ (browser.raw);
const scriptUrl = `chrome-extension://${browser.extensionId}/content.js`;
try {
  for (const name of names) {
    const url = server.on(/^\d+$/.test(name) ? `/synthetic/${name}/` : `/page/${encodeURIComponent(name)}/`);
    const warm = await context.newPage();
    await warm.goto(url);
    await warm.waitForTimeout(1000);
    await warm.close();

    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    /** @type {any[]} */
    const events = [];
    cdp.on('Tracing.dataCollected', ({ value }) => void events.push(...value));
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler'] },
      transferMode: 'ReportEvents',
    });
    await page.goto(url);
    await page.waitForTimeout(2000);
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    await page.close();

    const found = mainThreadTasks(events, scriptUrl);
    if (!found) {
      console.log(`${name}: the content script did not run`);
      continue;
    }
    const samples = profileSamples(events);
    const own = found.tasks.filter((t) => t.script);
    console.log(`\n${name}: ${own.length} tasks, ${own.reduce((s, t) => s + t.ms, 0).toFixed(1)} ms in all`);
    // All tasks together, then task by task: each function's share of the samples.
    const all = shares(samples.filter((s) => own.some((t) => s.ts >= t.start && s.ts < t.end)));
    console.log(`  all tasks, self: ${all.self(12)}`);
    console.log(`  all tasks, incl: ${all.total(16)}`);
    for (const task of own) {
      const one = shares(samples.filter((s) => s.ts >= task.start && s.ts < task.end));
      console.log(`  +${(task.start - found.scriptStart).toFixed(1).padStart(7)} ms  ${task.ms.toFixed(1).padStart(6)} ms  self: ${one.self(4)}`);
      console.log(`${' '.repeat(29)}incl: ${one.total(8)}`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

/**
 * The `n` functions with the most samples, as "name share%": in which they ran themselves
 * (`self`), or were on the stack (`total`).
 * @param {{ stack: string[] }[]} samples
 */
function shares(samples) {
  /** @type {Map<string, number>} */
  const self = new Map();
  /** @type {Map<string, number>} */
  const total = new Map();
  for (const s of samples) {
    self.set(s.stack[0] ?? '(none)', (self.get(s.stack[0] ?? '(none)') ?? 0) + 1);
    for (const f of new Set(s.stack)) total.set(f, (total.get(f) ?? 0) + 1);
  }
  /** @param {Map<string, number>} m @param {number} n */
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([f, c]) => `${f} ${Math.round((100 * c) / samples.length)}%`).join(', ');
  return { self: (/** @type {number} */ n) => top(self, n), total: (/** @type {number} */ n) => top(total, n) };
}

/**
 * The sampling profiler's samples from a trace's ProfileChunk events: each with its time (ms,
 * trace clock) and its stack, innermost first, as function names.
 * @param {any[]} events
 */
function profileSamples(events) {
  /** @type {Map<number, { name: string, parent?: number }>} */
  const nodes = new Map();
  /** @type {{ ts: number, stack: string[] }[]} */
  const out = [];
  /** @type {Map<string, number>} */
  const clock = new Map();
  for (const e of events.filter((x) => x.name === 'Profile' || x.name === 'ProfileChunk').sort((a, b) => a.ts - b.ts)) {
    const key = `${e.pid}:${e.id}`;
    if (e.name === 'Profile') {
      clock.set(key, e.args.data.startTime);
      continue;
    }
    const data = e.args.data;
    for (const n of data.cpuProfile?.nodes ?? []) {
      const url = String(n.callFrame.url ?? '');
      const where = url.includes('content.js') ? '' : url ? ` (${url.split('/').pop()})` : '';
      nodes.set(n.id, { name: `${n.callFrame.functionName || '(anonymous)'}${where}`, parent: n.parent });
    }
    let t = clock.get(key) ?? e.ts;
    const ids = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    ids.forEach((/** @type {number} */ id, /** @type {number} */ i) => {
      t += deltas[i] ?? 0;
      /** @type {string[]} */
      const stack = [];
      for (let n = nodes.get(id), guard = 0; n && guard < 200; n = n.parent === undefined ? undefined : nodes.get(n.parent), guard++) stack.push(n.name);
      out.push({ ts: t / 1000, stack });
    });
    clock.set(key, t);
  }
  return out;
}
