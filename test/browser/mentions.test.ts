/**
 * Mention detection in real Chromium and real Firefox: highlights over names split by markup,
 * nothing painted in skipped parts or on common words, content added after load marked and
 * removed content unmarked, a page that names no one left to the sieve alone, and the browser's
 * highlights agreeing with `scan --json` on the same files: the fixtures, and random pages that
 * split names the awkward ways pages do (test/support/random-page.ts), which go through the
 * sieve and a first scan of the blocks it points at.
 *
 * Each fixture under fixtures/mentions/ lists its expected marks in a
 * <script type="application/json" id="expected"> in its head, and names each entity once, so the
 * default density (the first mention of each entity) paints every mention.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanMention } from '../../src/cli/scan';
import type { EntityEntry } from '../../src/core/types';
import {
  browserAvailable,
  launchChromium,
  launchFirefox,
  type BrowserName,
  type LaunchedBrowser,
  type TestPage,
} from '../support/browsers.mjs';
import { scannerStarted, waitFor } from '../support/page-probes';
import { randomPage } from '../support/random-page';
import { serve } from '../support/server.mjs';

const FIXTURES = 'test/browser/fixtures/mentions';
const launchers = { chromium: () => launchChromium('dist/chrome'), firefox: () => launchFirefox('dist/firefox') };

interface Painted {
  text: string;
  start: number;
  end: number;
}

/**
 * The painted highlights as UTF-16 offsets into body.textContent, in document order: the same
 * coordinates `scan --json` reports. Runs in the page.
 */
function paintedOffsets(): Painted[] {
  const body = document.body;
  const at = new Map<Node, number>();
  const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  let length = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    at.set(n, length);
    length += (n as Text).data.length;
  }
  const content = body.textContent ?? '';
  const ranges = [...(CSS.highlights.get('backstory-mention') ?? [])] as Range[];
  return ranges
    .filter((r) => at.has(r.startContainer) && at.has(r.endContainer))
    .map((r) => {
      const start = at.get(r.startContainer)! + r.startOffset;
      const end = at.get(r.endContainer)! + r.endOffset;
      return { text: content.slice(start, end), start, end };
    })
    .sort((a, b) => a.start - b.start);
}

/** Waits until the painted highlights stop changing for a while (scans are sliced and debounced). */
async function settledPaint(page: TestPage, quietMs = 800): Promise<Painted[]> {
  let last = JSON.stringify(await page.evaluate(paintedOffsets));
  let since = Date.now();
  const until = Date.now() + 15_000;
  while (Date.now() - since < quietMs && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    const now = JSON.stringify(await page.evaluate(paintedOffsets));
    if (now !== last) {
      last = now;
      since = Date.now();
    }
  }
  return JSON.parse(last) as Painted[];
}

/** The first mention of each entity, as the default density paints them. */
function firstOfEach(mentions: ScanMention[]): ScanMention[] {
  const seen = new Set<string>();
  return mentions.filter((m) => !seen.has(m.entity) && seen.add(m.entity));
}

const staticFixtures = (await readdir(FIXTURES)).filter((f) => f.endsWith('.html') && f !== 'dynamic.html').sort();
const expected = new Map<string, [string, string][]>();
for (const file of staticFixtures) {
  const html = await readFile(path.join(FIXTURES, file), 'utf8');
  const json = /<script type="application\/json" id="expected">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!json) throw new Error(`${file}: no expected marks`);
  expected.set(file, JSON.parse(json) as [string, string][]);
}

/** Random pages, written to a folder of their own for the browsers to load (RANDOM_PAGES=80 loads more). */
const RANDOM_PAGES = Number(process.env.RANDOM_PAGES ?? 12);
const randomFiles = Array.from({ length: RANDOM_PAGES }, (_, i) => `random-${i + 1}.html`);
let randomDir: string;

/** What `npm run scan -- --json` says about each static fixture and random page, run once for both browsers. */
let scanned: Map<string, ScanMention[]>;
beforeAll(async () => {
  const { entities } = JSON.parse(await readFile('data/entities.json', 'utf8')) as { entities: EntityEntry[] };
  randomDir = await mkdtemp(path.join(os.tmpdir(), 'backstory-random-'));
  await Promise.all(randomFiles.map((file, i) => writeFile(path.join(randomDir, file), randomPage(i + 1, entities))));
  const { stdout } = await promisify(execFile)(
    'node',
    ['build.mjs', '--cli', 'scan', '--json', ...staticFixtures.map((f) => path.join(FIXTURES, f)), ...randomFiles.map((f) => path.join(randomDir, f))],
    { maxBuffer: 16 << 20 },
  );
  scanned = new Map(
    stdout.trim().split('\n').map((line) => {
      const { file, mentions } = JSON.parse(line) as { file: string; mentions: ScanMention[] };
      return [path.basename(file), mentions];
    }),
  );
}, 60_000);
afterAll(() => rm(randomDir, { recursive: true, force: true }));

describe('random pages', () => {
  it('mostly name someone, so that the browsers below have something to mark', () => {
    expect(randomFiles.filter((f) => scanned.get(f)!.length > 0).length).toBeGreaterThanOrEqual(RANDOM_PAGES / 2);
  });
});

describe('scan --json on the fixtures', () => {
  it.each(staticFixtures)('%s: finds the expected marks', (file) => {
    const mentions = scanned.get(file)!;
    expect(mentions.map((m) => [m.text, m.entity])).toEqual(expected.get(file));
  });
});

for (const name of ['chromium', 'firefox'] as BrowserName[]) {
  describe.skipIf(!browserAvailable(name))(`in ${name}`, () => {
    let browser: LaunchedBrowser;
    let server: Awaited<ReturnType<typeof serve>>;
    let randomServer: Awaited<ReturnType<typeof serve>>;

    beforeAll(async () => {
      server = await serve(FIXTURES);
      randomServer = await serve(randomDir);
      browser = await launchers[name]();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await randomServer?.close();
    });

    /** Loads `file` from `url` and checks it painted what scan --json finds there, without errors. */
    async function paintsWhatScanFinds(url: string, file: string): Promise<Painted[]> {
      const page = await browser.newPage();
      await page.goto(`${url}/${file}`);
      const painted = await settledPaint(page);
      expect(painted).toEqual(firstOfEach(scanned.get(file)!).map(({ text, start, end }) => ({ text, start, end })));
      expect(page.errors).toEqual([]);
      return painted;
    }

    it.each(staticFixtures)('%s: paints what scan --json finds', async (file) => {
      const painted = await paintsWhatScanFinds(server.url, file);
      expect(painted.map((p) => p.text)).toEqual(expected.get(file)!.map(([text]) => text));
    });

    it.each(randomFiles)('%s: paints what scan --json finds', async (file) => {
      await paintsWhatScanFinds(randomServer.url, file);
    });

    it('marks content added after load, and unmarks content removed', async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}/dynamic.html`);
      // The page's own script adds "Volodymyr <a>Zelen</a>sky" 600 ms after load.
      const texts = () => page.evaluate(paintedOffsets).then((p) => p.map((x) => x.text));
      expect(await waitFor(texts, (t) => t.length === 2)).toEqual(['Marco Rubio', 'Volodymyr Zelensky']);

      // Changes made by the page itself: new text in an existing paragraph, then a removal.
      await page.evaluate(() => {
        document.getElementById('first')!.append(' Later Mr. Putin joined.');
      });
      expect(await waitFor(texts, (t) => t.length === 3)).toEqual(['Marco Rubio', 'Mr. Putin', 'Volodymyr Zelensky']);
      await page.evaluate(() => document.getElementById('late')!.remove());
      expect(await waitFor(texts, (t) => t.length === 2)).toEqual(['Marco Rubio', 'Mr. Putin']);

      // The next mention of an entity takes over when the painted one goes.
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.textContent = 'Rubio again.';
        document.body.append(p);
        document.getElementById('first')!.firstChild!.textContent = 'Someone ';
      });
      expect(await waitFor(texts, (t) => t.includes('Rubio'))).toEqual(['Mr. Putin', 'Rubio']);
      expect(page.errors).toEqual([]);
    });

    it('loads no scanner on a page that names no one, and marks a name the page adds later', async () => {
      const page = await browser.newPage();
      await page.goto(`${server.url}/nameless.html`);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await scannerStarted(page)).toBe(false);

      await page.evaluate(() => {
        const p = document.createElement('p');
        p.innerHTML = 'Volodymyr <a href="#z">Zelen</a>sky arrived.';
        document.getElementById('feed')!.append(p);
      });
      const texts = () => page.evaluate(paintedOffsets).then((p) => p.map((x) => x.text));
      expect(await waitFor(texts, (t) => t.length === 1)).toEqual(['Volodymyr Zelensky']);
      expect(page.errors).toEqual([]);
    });
  });
}
