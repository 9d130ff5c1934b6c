// @ts-check
/**
 * A folder of real pages, as the benchmark and the real-pages run read it: the saved pages in
 * ../shared/pages, or any folder given with `--pages-dir`, so that pages neither has seen can be
 * measured and checked. A folder may hold either shape, or both:
 *   NAME/source.html   (the saved pages' shape; the folder's other files are the page's own)
 *   NAME.html          (a page saved by a browser; the files beside it are the page's own)
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** @typedef {{ name: string, file: string, bytes: number }} Page  file: relative to the folder, with / */

/**
 * The pages in `dir`, smallest first.
 * @param {string} dir
 * @returns {Page[]}
 */
export function listPages(dir) {
  /** @type {Page[]} */
  const pages = [];
  for (const entry of readdirSync(dir)) {
    const folder = statSync(path.join(dir, entry)).isDirectory();
    const file = folder ? path.join(dir, entry, 'source.html') : /\.html?$/i.test(entry) ? path.join(dir, entry) : null;
    if (!file || !existsSync(file)) continue;
    const name = folder ? entry : entry.replace(/\.html?$/i, '');
    pages.push({ name, file: path.relative(dir, file).split(path.sep).join('/'), bytes: statSync(file).size });
  }
  const names = pages.map((p) => p.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length) throw new Error(`${dir} holds two pages named ${twice[0]} (a folder and a file); rename one`);
  return pages.sort((a, b) => a.bytes - b.bytes || a.name.localeCompare(b.name));
}

/**
 * The file behind page NAME's address (REST empty) or an address relative to it (REST), for a
 * server that gives each page an address of its own; null where there is none. Never a file
 * outside `dir`.
 * @param {string} dir
 * @param {string} name
 * @param {string} rest
 */
export function pageFile(dir, name, rest) {
  if (!name || name.includes('/') || name.includes(path.sep) || name === '.' || name === '..') return null;
  const folder = path.join(dir, name);
  const asFolder = existsSync(path.join(folder, 'source.html'));
  if (!rest) {
    if (asFolder) return path.join(folder, 'source.html');
    const file = ['.html', '.htm'].map((ext) => path.join(dir, name + ext)).find((f) => existsSync(f));
    return file ?? null;
  }
  const base = asFolder ? folder : dir;
  const file = path.resolve(base, rest);
  return file.startsWith(base + path.sep) && existsSync(file) && statSync(file).isFile() ? file : null;
}
