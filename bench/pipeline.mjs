// @ts-check
/**
 * The corpus pipeline and the search index builder, compiled from src/ for node the way
 * build.mjs compiles them, so the benchmark feeds generated corpora through the same code.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, '.cache', 'bench');

/**
 * @returns {Promise<{ pipeline: typeof import('../src/core/corpus/build-index'), search: typeof import('../src/core/search') }>}
 */
export async function loadPipeline() {
  /** @param {string} entry @param {string} name */
  const compile = async (entry, name) => {
    const outfile = path.join(OUT, `${name}.mjs`);
    await esbuild.build({ entryPoints: [path.join(ROOT, entry)], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'silent' });
    return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
  };
  return {
    pipeline: await compile('src/core/corpus/build-index.ts', 'build-index'),
    search: await compile('src/core/search.ts', 'search'),
  };
}
