/**
 * A folder of real pages (test/support/page-folder.mjs): the saved pages' shape, pages saved by a
 * browser, and nothing outside the folder.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPages, pageFile } from './page-folder.mjs';

let root: string;
let dir: string;

/** A folder of both shapes, a page's own files, and what is not a page. */
async function pageFolder(into: string): Promise<string> {
  const pages = path.join(into, 'pages');
  await mkdir(path.join(pages, 'saved', 'img'), { recursive: true });
  await writeFile(path.join(pages, 'saved', 'source.html'), '<p>A saved page, its own folder.</p>');
  await writeFile(path.join(pages, 'saved', 'img', 'a.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(path.join(pages, 'browser.html'), '<p>A page saved by a browser, and longer than the other.</p>');
  await mkdir(path.join(pages, 'browser_files'));
  await writeFile(path.join(pages, 'browser_files', 'style.css'), 'p { color: red }');
  await writeFile(path.join(pages, 'Saved by a browser – News.html'), '<p>A name with spaces.</p>');
  await writeFile(path.join(pages, 'notes.txt'), 'not a page');
  await mkdir(path.join(pages, 'empty'));
  await writeFile(path.join(into, 'secret.html'), 'outside the folder');
  return pages;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'backstory-pages-'));
  dir = await pageFolder(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('listPages', () => {
  it('finds both shapes, smallest first, and nothing else', () => {
    expect(listPages(dir).map((p) => [p.name, p.file])).toEqual([
      ['Saved by a browser – News', 'Saved by a browser – News.html'],
      ['saved', 'saved/source.html'],
      ['browser', 'browser.html'],
    ]);
  });

  it('refuses a folder where a page would be named twice', async () => {
    const twice = path.join(root, 'twice');
    await mkdir(path.join(twice, 'a'), { recursive: true });
    await writeFile(path.join(twice, 'a', 'source.html'), '<p>one</p>');
    await writeFile(path.join(twice, 'a.html'), '<p>two</p>');
    expect(() => listPages(twice)).toThrow(/two pages named a/);
  });
});

describe('pageFile', () => {
  it('gives each page and the files it links to', () => {
    expect(pageFile(dir, 'saved', '')).toBe(path.join(dir, 'saved', 'source.html'));
    expect(pageFile(dir, 'saved', 'img/a.svg')).toBe(path.join(dir, 'saved', 'img', 'a.svg'));
    expect(pageFile(dir, 'browser', '')).toBe(path.join(dir, 'browser.html'));
    expect(pageFile(dir, 'browser', 'browser_files/style.css')).toBe(path.join(dir, 'browser_files', 'style.css'));
  });

  it('gives nothing outside the folder, and nothing that is not there', () => {
    expect(pageFile(dir, 'saved', '../../secret.html')).toBeNull();
    expect(pageFile(dir, 'browser', '../secret.html')).toBeNull();
    expect(pageFile(dir, '..', '')).toBeNull();
    expect(pageFile(dir, '../secret', '')).toBeNull();
    expect(pageFile(dir, 'empty', '')).toBeNull();
    expect(pageFile(dir, 'missing', '')).toBeNull();
    expect(pageFile(dir, 'saved', 'img')).toBeNull();
  });
});
