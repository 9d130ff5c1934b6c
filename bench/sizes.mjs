// @ts-check
/**
 * Gzipped size of every bundle Backstory ships, per browser, and of the zips. Deterministic:
 * test/dist.test.ts asserts the budgets in CI; this reports them beside the other figures.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUNDLE = /\.(?:js|css|html|json)$/;

/** @param {string} dist  the dist/ folder @param {string} version */
export async function sizes(dist, version) {
  /** @type {Record<string, Record<string, { bytes: number, gzip: number }>>} */
  const bundles = {};
  for (const target of ['chrome', 'firefox']) {
    const dir = path.join(dist, target);
    bundles[target] = {};
    for (const file of (await readdir(dir)).filter((f) => BUNDLE.test(f)).sort()) {
      const body = await readFile(path.join(dir, file));
      /** @type {any} */ (bundles[target])[file] = { bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
    }
  }
  /** @type {Record<string, { bytes: number, gzip: number } | null>} */
  const zips = {};
  for (const target of ['chrome', 'firefox']) {
    const file = path.join(dist, `backstory-${target}-${version}.zip`);
    if (!existsSync(file)) {
      zips[target] = null;
      continue;
    }
    const body = await readFile(file);
    // A zip is already compressed; gzip is shown too, as the issue asks for gzipped bytes.
    zips[target] = { bytes: body.length, gzip: gzipSync(body, { level: 9 }).length };
  }
  return { bundles, zips };
}
