// @ts-check
/**
 * Before it trusts a clean result, the real-pages run proves it can see each kind of harm: it
 * loads a deliberately misbehaving extension (test/pages/canary/) on two fixture pages, in the
 * same browser, through the same visit and judge code, and checks that every detector fires.
 * If one stays silent, the run stops: a detector that cannot fail would make "0 regressions"
 * meaningless.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSink } from './launch.mjs';
import { checkPage } from './visit.mjs';

const CANARY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'canary');

/**
 * The canary as an unpacked extension for one browser, in a temporary folder.
 * @param {'chromium' | 'firefox'} name
 */
async function buildCanary(name) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `backstory-pages-canary-${name}-`));
  await cp(CANARY, dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'Backstory pages-run canary',
    version: '1.0',
    background: name === 'chromium' ? { service_worker: 'background.js' } : { scripts: ['background.js'] },
    ...(name === 'firefox' ? { browser_specific_settings: { gecko: { id: 'pages-run-canary@backstory' } } } : {}),
    content_scripts: [{ matches: ['http://127.0.0.1/*'], js: ['content.js'], css: ['content.css'], run_at: 'document_idle' }],
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  // The run asks the content script what it found from an extension page called options.html.
  await writeFile(path.join(dir, 'options.html'), '<!doctype html><meta charset="utf-8"><title>canary</title>');
  return dir;
}

/**
 * @typedef {{ detector: string, caught: boolean, detail: string }} Detection
 */

/**
 * @param {'chromium' | 'firefox'} name
 * @param {(o: { extensionDir: string | null, sinkPort: number }) => Promise<import('./launch.mjs').PagesBrowser>} launch
 * @param {import('./launch.mjs').PagesBrowser} without  the run's browser without an extension
 * @param {import('./visit.mjs').Sink} withoutSink
 * @param {string} fixturesUrl
 * @returns {Promise<Detection[]>}
 */
export async function selfCheck(name, launch, without, withoutSink, fixturesUrl) {
  const dir = await buildCanary(name);
  const sink = await startSink();
  const canary = await launch({ extensionDir: dir, sinkPort: sink.port });
  try {
    const run = { name, withExt: canary, without, sinkWith: sink, sinkWithout: withoutSink };
    // The same code as for every real page; the canary never registers a highlight, so
    // there is no need to wait long to see that.
    const judged = async (/** @type {string} */ page) => (await checkPage(run, `${fixturesUrl}/${page}`, undefined, { startTimeoutMs: 300 })).result;
    const dom = await judged('canary-dom.html');
    const layout = await judged('canary-layout.html');
    const detail = (/** @type {keyof typeof dom.checks} */ key, /** @type {typeof dom} */ r = dom) => r.checks[key]?.detail ?? '';
    /** @type {[string, boolean, string][]} */
    const expectations = [
      ['an extension that never starts', dom.checks.started?.status === 'differs', detail('started')],
      ['a DOM change', dom.checks.dom?.status === 'differs', detail('dom')],
      ['a layout change with the DOM untouched', layout.checks.dom?.status === 'same' && layout.checks.layout?.status === 'differs', detail('layout', layout)],
      ['a console error from a content script', /console error from a content script/.test(detail('extensionErrors')), detail('extensionErrors')],
      ['an uncaught error in a content script', /uncaught error in a content script/.test(detail('extensionErrors')), detail('extensionErrors')],
      ['an uncaught error in the background', /uncaught error in the background/.test(detail('extensionErrors')), detail('extensionErrors')],
      ['a request from a content script', /canary\.invalid\/from-content-script/.test(detail('pageRequests')), detail('pageRequests')],
      ['a request from the background', /canary-background\.invalid/.test(detail('extensionRequests')), detail('extensionRequests')],
    ];
    if (name === 'chromium') {
      // Chromium also names the script that started a request.
      const started = /request: GET http:\/\/canary\.invalid\/from-content-script \(started by chrome-extension:/;
      expectations.push(['a content script as the starter of a request', started.test(detail('extensionErrors')), detail('extensionErrors')]);
    }
    return expectations.map(([detector, caught, d]) => ({ detector, caught, detail: d }));
  } finally {
    await canary.close();
    await sink.close();
    await rm(dir, { recursive: true, force: true });
  }
}
