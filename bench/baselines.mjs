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
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** mark.js's options: every alias as a whole phrase, whole words only; its defaults otherwise (case- and diacritics-insensitive). */
export const MARKJS_OPTIONS = {
  separateWordSearch: false,
  accuracy: { value: 'exactly', limiters: ['.', ',', ';', ':', '!', '?', '"', "'", '“', '”', '‘', '’', '(', ')', '[', ']', '—', '–'] },
};

const FLOOR = `(() => {
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
