#!/usr/bin/env node
// @ts-check
/**
 * The height one saved page settles at, visit after visit, with and without Backstory, in one
 * browser: the evidence for listing a page in OWN_LAYOUT_RACES (visit.mjs). Each visit is the
 * real-pages run's own, and both modes wait the same time before their snapshot.
 *
 *   node test/pages/heights.mjs quanta-1                 Firefox, 10 visits in each mode
 *   node test/pages/heights.mjs quanta-1 --browser chromium --visits 20
 *
 * Uses the build in dist/ as it is (npm run build first).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SAVED_PAGES as PAGES } from '../support/saved-pages.mjs';
import { serve } from '../support/server.mjs';
import { launchChromiumForPages, launchFirefoxForPages, startSink } from './launch.mjs';
import { TIMING, visit } from './visit.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { browser: { type: 'string', default: 'firefox' }, visits: { type: 'string', default: '10' } },
});
const [page] = positionals;
const browserName = /** @type {'chromium' | 'firefox'} */ (args.browser);
if (!page || !existsSync(path.join(PAGES, page, 'source.html')) || !['chromium', 'firefox'].includes(browserName)) {
  console.error(`Usage: node test/pages/heights.mjs PAGE [--browser chromium|firefox] [--visits N], PAGE one of ${PAGES}`);
  process.exit(1);
}
const launch = browserName === 'chromium' ? launchChromiumForPages : launchFirefoxForPages;
const extensionDir = path.join(ROOT, 'dist', browserName === 'chromium' ? 'chrome' : 'firefox');

const server = await serve(PAGES);
const url = `${server.url}/${page}/source.html`;
const modes = [];
for (const dir of [null, extensionDir]) {
  const sink = await startSink();
  modes.push({ label: dir ? 'with Backstory' : 'without', sink, browser: await launch({ extensionDir: dir, sinkPort: sink.port }), heights: /** @type {number[]} */ ([]) });
}
try {
  for (let i = 0; i < Number(args.visits); i++) {
    // Alternating, so that both modes meet the machine alike.
    for (const mode of modes) {
      // As late as the run's late pairs look, where a difference must recur to fail a page.
      const v = await visit(mode.browser, mode.sink, url, { minSettleMs: TIMING.settleMaxMs });
      mode.heights.push(v.snap.extent[3] ?? 0);
    }
  }
} finally {
  await Promise.allSettled(modes.flatMap((m) => [m.browser.close(), m.sink.close()]));
  await server.close();
}
for (const { label, heights } of modes) {
  const tally = new Map();
  for (const h of heights) tally.set(h, (tally.get(h) ?? 0) + 1);
  const counts = [...tally].sort(([a], [b]) => a - b).map(([h, n]) => `${h} px ×${n}`);
  console.log(`${label.padEnd(15)} ${counts.join(', ').padEnd(30)} in order: ${heights.join(' ')}`);
}
