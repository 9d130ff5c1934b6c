// @ts-check
/**
 * Corpus build time for generated corpora of growing size, through the same pipeline build.mjs
 * runs (src/core/corpus/build-index.ts, then src/core/search.ts for the popup's index), and
 * the search per keystroke on the result, in node (the pure part of what the popup does).
 */
import { loadPipeline } from './pipeline.mjs';
import { syntheticCorpus } from './synthetic.mjs';

/**
 * @param {{ schema: number, entities: any[] }} entitiesFile  data/entities.json
 * @param {number[]} sizes
 * @param {(line: string) => void} log
 */
export async function corpusBuilds(entitiesFile, sizes, log) {
  const { pipeline, search } = await loadPipeline();
  // A first, untimed build, so the smallest corpus is not the one that pays for warming up.
  search.createSearchIndex(pipeline.buildCorpusIndex(syntheticCorpus(entitiesFile, 50, 99)));
  /** @type {{ articles: number, quotes: number, textBytes: number, indexMs: number, searchIndexMs: number, totalMs: number, msPerArticle: number, cpuMs: number, cpuMsPerArticle: number }[]} */
  const rows = [];
  /** @type {{ index: any, searchIndex: any } | null} */
  let largest = null;
  for (const n of sizes) {
    const files = syntheticCorpus(entitiesFile, n);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const index = pipeline.buildCorpusIndex(files);
    const t1 = performance.now();
    const searchIndex = search.createSearchIndex(index);
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const row = {
      articles: n,
      quotes: index.quotes.length,
      textBytes: files.articles.reduce((s, a) => s + Buffer.byteLength(a.text), 0),
      indexMs: t1 - t0,
      searchIndexMs: t2 - t1,
      totalMs: t2 - t0,
      msPerArticle: (t2 - t0) / n,
      // The process's CPU time: on a shared machine, wall time moves with everyone's load.
      cpuMs,
      cpuMsPerArticle: cpuMs / n,
    };
    rows.push(row);
    log(`  ${n} articles: ${(row.totalMs / 1000).toFixed(1)} s, CPU ${(cpuMs / 1000).toFixed(1)} s (${row.cpuMsPerArticle.toFixed(1)} ms of CPU per article; corpus ${(row.indexMs / 1000).toFixed(1)} s, search index ${(row.searchIndexMs / 1000).toFixed(2)} s)`);
    largest = { index, searchIndex };
  }
  return { rows, largest };
}

/** Queries typed a letter at a time: a name, a topic, words of a quote. */
export const QUERIES = ['zelensky', 'ceasefire', 'we will not accept'];

/**
 * Time of `search()` for every prefix of each query, as the popup calls it on each keystroke,
 * in node. Each prefix is searched `repeat` times and the median kept.
 * @param {any} index @param {any} searchIndex @param {number} repeat
 */
export async function nodeSearchTimes(index, searchIndex, repeat = 3) {
  const { search } = await loadPipeline();
  const searcher = search.createSearcher(index, searchIndex);
  /** @type {number[]} */
  const times = [];
  for (const q of QUERIES) {
    for (let i = 1; i <= q.length; i++) {
      const prefix = q.slice(0, i);
      /** @type {number[]} */
      const runs = [];
      for (let r = 0; r < repeat; r++) {
        const t = performance.now();
        searcher.search(prefix);
        runs.push(performance.now() - t);
      }
      times.push(/** @type {number} */ (runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)]));
    }
  }
  return times;
}
