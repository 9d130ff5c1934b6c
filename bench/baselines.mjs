// @ts-check
/**
 * The baselines as extensions of their own, so they are measured exactly as Backstory is: each
 * a content script injected at document_idle into its own isolated world, timed from the
 * timeline from its first evaluation to the end of its last task (trace.mjs).
 *
 * - **floor** (on http://localhost): reads every text node under <body> once with a bare
 *   TreeWalker and does nothing else: the least any extension that reads the page must spend.
 * - **mark.js** (on http://127.0.0.1): mark.js 8.11.1 marking every alias Backstory looks for,
 *   the way its documentation shows: what a developer would reach for.
 *
 * They share one extension in a browser of their own (Backstory is not loaded there); the host
 * a page is served from picks which one runs.
 *
 * A third, **Backstory without its sieve** (`writeUnsieved`), is Backstory's own content script
 * built from the same source with the sieve made a no-op, in a browser of its own: the same
 * walk, slices and observer (and, as in Backstory, no listener until a sender wakes it),
 * matching nothing. Between it and the floor lies what
 * reading a page the way Backstory must costs; between it and Backstory, what the sieve costs.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { bundledAliases, bundledSieve, bundleOptions } from '../build.mjs';

const require = createRequire(import.meta.url);

/** mark.js's options: every alias as a whole phrase, whole words only; its defaults otherwise (case- and diacritics-insensitive). */
export const MARKJS_OPTIONS = {
  separateWordSearch: false,
  accuracy: { value: 'exactly', limiters: ['.', ',', ';', ':', '!', '?', '"', "'", '“', '”', '‘', '’', '(', ')', '[', ']', '—', '–'] },
};

export const FLOOR = `(() => {
  if (!document.body) return;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let chars = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) chars += n.data.length;
  document.documentElement.dataset.floorChars = String(chars);
})();
`;

/**
 * Writes the baselines' extension into `dir` and returns the URLs of their first scripts, as
 * the timeline names them once the extension's id is known.
 * @param {string} dir
 * @param {string[]} aliases
 */
export async function writeBaselines(dir, aliases) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'Backstory benchmark baselines',
    version: '1.0.0',
    description: 'The floor and mark.js, as content scripts, for npm run bench.',
    // The launcher finds an extension by its service worker; this one does nothing.
    background: { service_worker: 'worker.js' },
    content_scripts: [
      { matches: ['http://localhost/*'], js: ['floor.js'], run_at: 'document_idle' },
      { matches: ['http://127.0.0.1/*'], js: ['mark.min.js', 'markjs-run.js'], run_at: 'document_idle' },
    ],
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await writeFile(path.join(dir, 'worker.js'), '');
  await writeFile(path.join(dir, 'floor.js'), FLOOR);
  await writeFile(path.join(dir, 'mark.min.js'), await readFile(require.resolve('mark.js/dist/mark.min.js'), 'utf8'));
  await writeFile(
    path.join(dir, 'markjs-run.js'),
    `new Mark(document.body).mark(${JSON.stringify(aliases)}, { ...${JSON.stringify(MARKJS_OPTIONS)}, done: (n) => { document.documentElement.dataset.markjsMarks = String(n); } });\n`,
  );
  return {
    floorScript: (/** @type {string} */ id) => `chrome-extension://${id}/floor.js`,
    markjsScript: (/** @type {string} */ id) => `chrome-extension://${id}/mark.min.js`,
  };
}

/**
 * The floor alone, as a Firefox extension (firefox.mjs): the same script, on http://localhost.
 * @param {string} dir
 */
export async function writeFirefoxFloor(dir) {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'Backstory benchmark floor',
    version: '1.0.0',
    description: 'The floor, as a content script, for npm run bench in Firefox.',
    browser_specific_settings: { gecko: { id: 'floor@backstory-bench' } },
    background: { scripts: ['worker.js'] },
    content_scripts: [{ matches: ['http://localhost/*'], js: ['floor.js'], run_at: 'document_idle' }],
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await writeFile(path.join(dir, 'worker.js'), '');
  await writeFile(path.join(dir, 'floor.js'), FLOOR);
}

/** The module `writeUnsieved` puts in the sieve's place: it compiles nothing and finds nothing. */
const NO_SIEVE = 'export function compileSieve() { return {}; }\nexport function sieve() {}\n';

/**
 * Writes Backstory without its sieve into `dir`: a copy of `distDir` (dist/chrome) whose
 * content.js is built as build.mjs builds it, with src/core/match/sieve.ts replaced by a module
 * that finds nothing. Returns its content script's URL, as the timeline names it.
 * @param {string} dir @param {string} distDir
 */
export async function writeUnsieved(dir, distDir) {
  await rm(dir, { recursive: true, force: true });
  await cp(distDir, dir, { recursive: true });
  const index = JSON.parse(await readFile(path.join(distDir, 'index.json'), 'utf8'));
  const bundled = await bundledAliases(index);
  const [content] = bundleOptions('chrome', bundled, await bundledSieve(bundled, index));
  /** @type {esbuild.Plugin} */
  const noSieve = {
    name: 'no-sieve',
    setup(build) {
      // The sieve's code, and the expressions and keys build.mjs makes for it.
      build.onResolve({ filter: /\/core\/match\/sieve$/ }, () => ({ path: 'code', namespace: 'no-sieve' }));
      build.onResolve({ filter: /^backstory:sieve$/ }, () => ({ path: 'source', namespace: 'no-sieve' }));
      build.onLoad({ filter: /.*/, namespace: 'no-sieve' }, ({ path: part }) => ({ contents: part === 'code' ? NO_SIEVE : 'export default {};', loader: 'js' }));
    },
  };
  await esbuild.build({ ...content, outdir: dir, plugins: [noSieve, ...(content?.plugins ?? [])] });
  return { contentScript: (/** @type {string} */ id) => `chrome-extension://${id}/content.js` };
}
