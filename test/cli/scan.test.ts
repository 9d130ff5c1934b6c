import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BYTES, main, type ScanEntity } from '../../src/cli/scan';
import cases from '../core/match/matcher-cases.json';

const entities = (cases.entities as Omit<ScanEntity, 'name'>[]).map((e) => ({ ...e, name: e.aliases[0]! }));

let dir: string;
const file = (name: string) => path.join(dir, name);

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), entities });
  return { code, out, err };
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>Trump</title><style>.Rubio {}</style>
<p>Secretary Marco <b>Rubio</b> met Mr.&nbsp;Putin. A trump card.</p>
<textarea>Zelensky</textarea><p>Ze&shy;lensky’s cease-fire</p>`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'backstory-scan-'));
  await writeFile(file('page.html'), PAGE);
  await writeFile(file('empty.html'), '<!doctype html><p>Nothing here.</p>');
  await writeFile(file('latin1.html'), Buffer.from('<meta charset="iso-8859-1"><p>Caf\xe9 Rubio</p>', 'latin1'));
  await writeFile(file('notes.txt'), 'Rubio, in plain text');
  await writeFile(file('image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  await writeFile(file('huge.html'), '<p>Rubio</p>');
  await truncate(file('huge.html'), MAX_BYTES + 1);
  await mkdir(file('folder.html'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scan', () => {
  it('prints one JSON line per file, with offsets into body.textContent', async () => {
    const { code, out, err } = await run(['--json', file('page.html'), file('empty.html')]);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    const [page, empty] = out.map((l) => JSON.parse(l));
    expect(empty).toEqual({ file: file('empty.html'), mentions: [] });
    expect(page.file).toBe(file('page.html'));
    expect(page.mentions.map((m: { text: string; entity: string }) => [m.text, m.entity])).toEqual([
      ['Marco Rubio', 'marco-rubio'],
      ['Mr.\u00a0Putin', 'vladimir-putin'],
      ['Ze\u00adlensky', 'volodymyr-zelensky'],
      ['cease-fire', 'ceasefire'],
    ]);
    const body = new JSDOM(PAGE).window.document.body.textContent!;
    for (const m of page.mentions) expect(body.slice(m.start, m.end)).toBe(m.text);
    expect(page.mentions[0]).toEqual({ entity: 'marco-rubio', name: 'Marco Rubio', text: 'Marco Rubio', start: 10, end: 21 });
  });

  it('prints a readable list by default', async () => {
    const { code, out } = await run([file('page.html'), file('empty.html')]);
    expect(code).toBe(0);
    expect(out[0]).toBe(`${file('page.html')}: 4 mentions`);
    expect(out[1]).toBe('  10-21  Marco Rubio (marco-rubio)  …Secretary [Marco Rubio] met Mr. Putin. A trump card.…');
    expect(out.at(-1)).toBe(`${file('empty.html')}: no mentions`);
  });

  it('reads <noscript> as raw text, as a browser running scripts does', async () => {
    await writeFile(file('noscript.html'), '<p>a</p><noscript><p>Trump</p></noscript><p>Rubio</p>');
    const { out } = await run(['--json', file('noscript.html')]);
    expect(JSON.parse(out[0]!).mentions).toEqual([
      { entity: 'marco-rubio', name: 'Marco Rubio', text: 'Rubio', start: 13, end: 18 },
    ]);
  });

  it('reads a page in the charset it declares', async () => {
    const { out } = await run(['--json', file('latin1.html')]);
    expect(JSON.parse(out[0]!).mentions[0].text).toBe('Rubio');
  });

  it('reports each bad file on stderr, scans the others, and exits with 1', async () => {
    const bad = ['missing.html', 'folder.html', 'notes.txt', 'image.png', 'huge.html'].map(file);
    const { code, out, err } = await run(['--json', ...bad, file('page.html')]);
    expect(code).toBe(1);
    expect(out.map((l) => JSON.parse(l).file)).toEqual([file('page.html')]);
    expect(err).toEqual([
      `scan: ${file('missing.html')}: no such file`,
      `scan: ${file('folder.html')}: is a directory, not an HTML file`,
      `scan: ${file('notes.txt')}: does not look like HTML: it holds no tags`,
      `scan: ${file('image.png')}: is binary data, not an HTML file`,
      `scan: ${file('huge.html')}: is 16.0 MB; scan reads HTML files up to 16.0 MB`,
    ]);
  });

  it('exits with 2 on a usage error', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['--jsn', file('page.html')])).code).toBe(2);
  });

  it('runs as npm run scan, with the entities built from data/', async () => {
    const { stdout } = await promisify(execFile)('node', ['build.mjs', '--cli', 'scan', '--json', file('page.html')]);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!);
    expect(result.mentions.map((m: { entity: string }) => m.entity)).toContain('marco-rubio');
  }, 30_000);
});
