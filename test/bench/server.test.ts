/**
 * The benchmark's page server (bench/server.mjs) on a folder of pages: each page at an address of
 * its own, the files it links to with their types, and nothing outside the folder.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../bench/server.mjs';

let root: string;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'backstory-server-'));
  const pages = path.join(root, 'pages');
  await mkdir(path.join(pages, 'saved', 'img'), { recursive: true });
  await writeFile(path.join(pages, 'saved', 'source.html'), '<p>A saved page.</p>');
  await writeFile(path.join(pages, 'saved', 'img', 'a.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await mkdir(path.join(pages, 'News_files'));
  await writeFile(path.join(pages, 'Talks – News.html'), '<p>Saved by a browser.</p>');
  await writeFile(path.join(pages, 'News_files', 'style.css'), 'p { color: red }');
  await writeFile(path.join(root, 'secret.html'), 'outside the folder');
  server = await startServer({ pagesDir: pages, synthetic: () => '', stormNames: [], stormSeconds: 0 });
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

const get = (p: string) => fetch(server.on(p));

describe('the page server, on a folder of pages', () => {
  it('serves each page at /page/NAME/, with its content-security policy', async () => {
    const saved = await get('/page/saved/');
    expect(saved.headers.get('content-type')).toMatch(/^text\/html/);
    expect(saved.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(await saved.text()).toContain('A saved page');
    const named = await get(`/page/${encodeURIComponent('Talks – News')}/`);
    expect(await named.text()).toContain('Saved by a browser');
  });

  it('serves the files a page links to by a relative address, with their types', async () => {
    expect((await get('/page/saved/img/a.svg')).headers.get('content-type')).toBe('image/svg+xml');
    expect((await get(`/page/${encodeURIComponent('Talks – News')}/News_files/style.css`)).headers.get('content-type')).toBe('text/css');
  });

  it('serves nothing outside the folder, and nothing that is not there', async () => {
    expect((await get('/page/saved/..%2f..%2fsecret.html')).status).toBe(404);
    expect((await get('/page/..%2fsecret/')).status).toBe(404);
    expect((await get('/page/missing/')).status).toBe(404);
  });
});
