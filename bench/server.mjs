// @ts-check
/**
 * The benchmark's page server on 127.0.0.1. It serves the saved real pages in place (from
 * ../shared/pages, never copied, or the folder given with --pages-dir, with the files the pages
 * link to; test/support/page-folder.mjs), generated pages, and the mutation-storm page.
 *
 * Every page is served with two kinds of header:
 * - a Content-Security-Policy that keeps the page to this server (no request leaves the machine)
 *   and, except on the storm page, turns the page's own scripts off. Extension content scripts
 *   are exempt from a page's CSP, so Backstory runs as usual; with no page script running, every
 *   script task on the main thread belongs to the extension or to the harness, which is what
 *   makes attributing main-thread time exact. The harness evaluates its probes through the
 *   DevTools protocol, which CSP does not govern.
 * - Cross-Origin-Opener-Policy and -Embedder-Policy, which make the page cross-origin isolated:
 *   `performance.now()` then has 5 µs resolution instead of 100 µs, enough to time the floor of
 *   a small page.
 *
 * Pages are reachable under two host names: http://127.0.0.1:PORT, where Backstory runs, and
 * http://localhost:PORT, which the benchmark turns Backstory off for (settings' disabledSites),
 * for the floor and mark.js. Same server, same bytes, same browser.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pageFile } from '../test/support/page-folder.mjs';
import { TYPES } from '../test/support/server.mjs';

/** What a page may load: only this server; no page script except where the storm needs one. */
const csp = (scripts = false) =>
  [
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    scripts ? "script-src 'self'" : "script-src 'none'",
  ].join('; ');

const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

/**
 * The storm page's script: for `seconds`, every 20 ms, appends a paragraph naming covered people
 * and rewrites the text of an earlier one, as a live blog or a feed does. It records how many
 * changes it made in `document.body.dataset.changes`, and `done` when it stops.
 * @param {string[]} names
 * @param {number} seconds
 */
function stormScript(names, seconds) {
  return `(() => {
  const names = ${JSON.stringify(names)};
  const until = performance.now() + ${seconds * 1000};
  let n = 0;
  const box = document.getElementById('feed');
  const tick = () => {
    if (performance.now() > until) { document.body.dataset.done = '1'; return; }
    const p = document.createElement('p');
    p.textContent = 'Update ' + n + ': ' + names[n % names.length] + ' spoke to reporters about the talks, and ' + names[(n * 7 + 3) % names.length] + ' answered.';
    box.append(p);
    const earlier = box.children[Math.floor(n / 2)];
    if (earlier && earlier.firstChild) earlier.firstChild.data = 'Corrected ' + n + ': ' + names[(n * 3 + 1) % names.length] + ' denied the report.';
    n += 1;
    document.body.dataset.changes = String(n);
    setTimeout(tick, 20);
  };
  tick();
})();`;
}

/**
 * @param {{ pagesDir: string | null, synthetic: (bytes: number) => string, stormNames: string[], stormSeconds: number }} options
 * @returns {Promise<{ port: number, on: (p: string) => string, off: (p: string) => string, close: () => Promise<void> }>}
 */
export async function startServer({ pagesDir, synthetic, stormNames, stormSeconds }) {
  /** @type {Map<number, string>} */
  const generated = new Map();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    /** @param {string | Buffer} body @param {string} type @param {boolean} [scripts] */
    const send = (body, type, scripts = false) =>
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', 'content-security-policy': csp(scripts), ...ISOLATION }).end(body);
    try {
      let m;
      if ((m = /^\/page\/([^/]+)\/(.*)$/.exec(url.pathname)) && pagesDir) {
        const file = pageFile(pagesDir, decodeURIComponent(/** @type {string} */ (m[1])), decodeURIComponent(/** @type {string} */ (m[2])));
        if (!file) throw new Error('no such file');
        send(await readFile(file), TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream');
      } else if ((m = /^\/synthetic\/(\d+)\/$/.exec(url.pathname))) {
        const bytes = Number(m[1]);
        if (!generated.has(bytes)) generated.set(bytes, synthetic(bytes));
        send(/** @type {string} */ (generated.get(bytes)), 'text/html; charset=utf-8');
      } else if (url.pathname === '/storm/') {
        send('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Storm</title></head><body><h1>Live updates</h1><div id="feed"></div><script src="/storm.js"></script></body></html>', 'text/html; charset=utf-8', true);
      } else if (url.pathname === '/storm.js') {
        send(stormScript(stormNames, stormSeconds), 'text/javascript', true);
      } else if (url.pathname === '/blank/') {
        send('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body><p>Nothing here.</p></body></html>', 'text/html; charset=utf-8');
      } else {
        res.writeHead(404, { 'content-type': 'text/plain', ...ISOLATION }).end('not found');
      }
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain', ...ISOLATION }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  const { port } = address;
  return {
    port,
    on: (p) => `http://127.0.0.1:${port}${p}`,
    off: (p) => `http://localhost:${port}${p}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
