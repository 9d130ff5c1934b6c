#!/usr/bin/env node
// @ts-check
/**
 * How low a content script that looks for Backstory's names could go: a diagnostic for the scan
 * budget (docs/performance.md, "How low a content script can go"), not part of `npm run bench`.
 *
 *   node bench/bounds.mjs [--loads N] [--pages a,b,c] [VARIANT…]   (run npm run build first)
 *
 * Each variant is a content script of an extension of its own, on http://127.0.0.1 (a query picks which), beside the
 * benchmark's floor on http://localhost in the same Chromium, loads alternating; each is timed
 * as the scan is (`tracedLoad`: CPU of its tasks from its first evaluation), medians printed.
 * None of them is correct; each is a part of what a correct one must do, or less:
 * - keep:       read every text node and keep its text;
 * - anchors:    the same, joined, and one native expression of the sieve's anchors over it;
 * - sieve:      the same, with Backstory's sieve (src/core/match/sieve.ts) in place of that one
 *               expression: every key checked where an anchor occurs;
 * - script:     the sieve's data (its expressions' sources and keys) evaluated, nothing run:
 *               what its size costs, and the only variant that reads nothing;
 * - inner:      the anchors' expression over `document.body.innerText` (rendered text of the
 *               light DOM only: no open shadow tree, nothing hidden, nothing skipped by
 *               content-visibility), read natively in one call;
 * - inner-sieve: Backstory's sieve over the same;
 * - inner-hosts: `inner`, and a walk of the elements that asks each one able to host a shadow
 *               root for it, as the sieve's walk does;
 * - elements:   that walk of the elements alone, asking nothing;
 * - scanner:    dist/chrome/scan.js evaluated, as content.js loads it on a page with a
 *               candidate, and not started: what a page that names someone pays first.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { bundledAliases, bundledSieve, sievePlugin } from '../build.mjs';
import { launchChromium } from '../test/support/browsers.mjs';
import { FLOOR } from './baselines.mjs';
import { startServer } from './server.mjs';
import { median } from './stats.mjs';
import { tracedLoad } from './scan.mjs';
import { SAVED_PAGES as PAGES } from '../test/support/saved-pages.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXT = path.join(ROOT, 'bench/tmp/bounds-ext');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { loads: { type: 'string', default: '7' }, pages: { type: 'string', default: 'ol,rtl-1,parsely-metadata,cnn,mozilla-1,wikipedia,qq,lwn-1,clean-links,seattletimes-1' } },
});

/** Elements that can host a shadow root besides custom elements (src/content/shadow-hosts.ts). */
const HOSTS = "new Set(['article','aside','blockquote','body','div','footer','h1','h2','h3','h4','h5','h6','header','main','nav','p','section','span'])";
const readAll = 'const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); const parts = []; for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.data);';
const elementWalk = 'const elements = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);';

/** Each variant's body, run once `document.body` exists, setting `found`; `ANCHORS` and the sieve are in scope. */
const VARIANTS = {
  keep: `${readAll} found = parts.length < 0;`,
  anchors: `${readAll} found = ANCHORS.test(parts.join('\\n'));`,
  sieve: `${readAll} sieve(parts.join('\\n'), compileSieve(source), () => { found = true; return true; });`,
  script: 'found = source.anchors.length < 0;',
  inner: 'found = ANCHORS.test(document.body.innerText);',
  'inner-sieve': 'sieve(document.body.innerText, compileSieve(source), () => { found = true; return true; });',
  'inner-hosts': `found = ANCHORS.test(document.body.innerText); const hosts = ${HOSTS}; ${elementWalk} let roots = 0; for (let e = elements.currentNode; e; e = elements.nextNode()) { const tag = e.localName; if ((tag.includes('-') || hosts.has(tag)) && e.shadowRoot) roots++; } found = found || roots > 0;`,
  elements: `${elementWalk} let count = 0; for (let e = elements.currentNode; e; e = elements.nextNode()) count++; found = count < 0;`,
  scanner: '',
};
const SIEVED = new Set(['sieve', 'script', 'inner-sieve']);
const chosen = positionals.length > 0 ? positionals : Object.keys(VARIANTS);
for (const name of chosen) if (!(name in VARIANTS)) throw new Error(`no variant ${name}: ${Object.keys(VARIANTS).join(', ')}`);

const index = JSON.parse(await readFile(path.join(ROOT, 'dist/chrome/index.json'), 'utf8'));
const source = await bundledSieve(await bundledAliases(index), index);

/** The variant's content script, bundled with the sieve where it uses it (its script size is part of its cost). */
async function script(/** @type {keyof typeof VARIANTS} */ name) {
  if (name === 'scanner') return `${await readFile(path.join(ROOT, 'dist/chrome/scan.js'), 'utf8')}\ndocument.documentElement.dataset.boundFound = 'false';\n`;
  const body = `if (document.body) { let found = false; ${VARIANTS[name]} document.documentElement.dataset.boundFound = String(found); }`;
  if (!SIEVED.has(name)) return `(() => { const ANCHORS = new RegExp(${JSON.stringify(source.anchors)}, 'i'); ${body} })();`;
  const built = await esbuild.build({
    stdin: {
      contents: `import source from 'backstory:sieve'; import { compileSieve, sieve } from './src/core/match/sieve'; ${body}`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'chrome114',
    charset: 'utf8',
    write: false,
    plugins: [sievePlugin(source)],
  });
  return built.outputFiles[0].text;
}

await rm(EXT, { recursive: true, force: true });
await mkdir(EXT, { recursive: true });
const manifest = {
  manifest_version: 3,
  name: 'Backstory scan bounds',
  version: '1.0.0',
  background: { service_worker: 'worker.js' },
  content_scripts: [
    { matches: ['http://localhost/*'], js: ['floor.js'], run_at: 'document_idle' },
    // A pattern's path is matched with the URL's query: one query per variant.
    ...chosen.map((name) => ({ matches: [`http://127.0.0.1/*?bound=${name}`], js: [`${name}.js`], run_at: 'document_idle' })),
  ],
};
await writeFile(path.join(EXT, 'manifest.json'), JSON.stringify(manifest, null, 2));
await writeFile(path.join(EXT, 'worker.js'), '');
await writeFile(path.join(EXT, 'floor.js'), FLOOR);
for (const name of chosen) await writeFile(path.join(EXT, `${name}.js`), await script(/** @type {keyof typeof VARIANTS} */ (name)));

const server = await startServer({ pagesDir: PAGES, synthetic: () => '', stormNames: [], stormSeconds: 0 });
const browser = await launchChromium(EXT, { registered: false });
const context = /** @type {import('playwright-core').BrowserContext} */ (browser.raw);
const scriptUrl = (/** @type {string} */ file) => `chrome-extension://${browser.extensionId}/${file}`;
const read = () => document.documentElement.dataset.boundFound ?? null;
const loads = Number(values.loads);
try {
  console.log(`CPU of each content script, median of ${loads} loads; the ratio is to the floor measured beside it. found: whether it would look further.`);
  for (const page of values.pages.split(',')) {
    const floorUrl = server.off(`/page/${page}/`);
    const row = [page.padEnd(18)];
    /** @type {Record<string, number[]>} */
    const cpu = { floor: [] };
    /** @type {Record<string, unknown>} */
    const found = {};
    for (let i = 0; i < loads; i++) {
      const floor = await tracedLoad(context, floorUrl, scriptUrl('floor.js'), { read: () => 0 });
      if (floor) cpu.floor.push(floor.cpuMs);
      for (const name of chosen) {
        const url = server.on(`/page/${page}/?bound=${name}`);
        const load = await tracedLoad(context, url, scriptUrl(`${name}.js`), { read });
        if (load) (cpu[name] ??= []).push(load.cpuMs);
        if (load) found[name] = load.highlights;
      }
    }
    const floor = median(cpu.floor);
    row.push(`floor ${floor.toFixed(2)} ms`);
    for (const name of chosen) {
      const own = median(cpu[name] ?? [NaN]);
      row.push(`${name} ${own.toFixed(2)} ms ${(own / floor).toFixed(2)}×${found[name] === 'true' ? ' found' : ''}`);
    }
    console.log(row.join(' | '));
  }
} finally {
  await browser.close();
  await server.close();
}
