import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCorpus, deriveManifest, GECKO_ID, MIN_VERSIONS } from '../build.mjs';
import { contentScriptFor } from '../src/core/content-script';
import { DEFAULT_SETTINGS } from '../src/core/settings';

const source = JSON.parse(readFileSync('manifest.json', 'utf8'));

describe('deriveManifest', () => {
  it('gives Chrome a service worker and its minimum version', () => {
    const m = deriveManifest(source, 'chrome');
    expect(m.background).toEqual({ service_worker: 'background.js' });
    expect(m.minimum_chrome_version).toBe(MIN_VERSIONS.chrome);
    expect(m.browser_specific_settings).toBeUndefined();
  });

  it('gives Firefox background scripts, an id, a minimum version and no data collection', () => {
    const m = deriveManifest(source, 'firefox');
    expect(m.background).toEqual({ scripts: ['background.js'] });
    expect(m.minimum_chrome_version).toBeUndefined();
    expect(m.browser_specific_settings.gecko).toEqual({
      id: GECKO_ID,
      strict_min_version: MIN_VERSIONS.firefox,
      data_collection_permissions: { required: ['none'] },
    });
  });

  it('keeps everything else from the one source', () => {
    for (const target of ['chrome', 'firefox'] as const) {
      const m = deriveManifest(source, target);
      expect(m.manifest_version).toBe(3);
      expect(m.host_permissions).toEqual(source.host_permissions);
      expect(source.permissions).toEqual(expect.arrayContaining(m.permissions));
    }
  });

  it('lets Chrome import the lazily loaded card at a per-session URL, and Firefox inject it', () => {
    const chrome = deriveManifest(source, 'chrome');
    expect(chrome.web_accessible_resources).toEqual([
      { resources: ['card.js', 'scan.js'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true },
    ]);
    const firefox = deriveManifest(source, 'firefox');
    expect(firefox.web_accessible_resources).toBeUndefined();
    expect(firefox.permissions).toContain('scripting');
  });

  it('does not change the source', () => {
    const copy = structuredClone(source);
    deriveManifest(source, 'firefox');
    expect(source).toEqual(copy);
  });

  it('refuses a source without a background worker', () => {
    expect(() => deriveManifest({ ...source, background: {} }, 'chrome')).toThrow(/service_worker/);
  });
});

describe('manifest.json', () => {
  it('asks only for the permissions docs/permissions.md justifies, and reaches only web pages', () => {
    const justified = readFileSync('docs/permissions.md', 'utf8');
    for (const permission of source.permissions) expect(justified).toContain(`\`${permission}\``);
    expect(justified).toContain('`host_permissions`');
    expect(source.permissions).toEqual(['storage', 'contextMenus', 'scripting']);
    expect(source.host_permissions).toEqual(['http://*/*', 'https://*/*']);
  });

  it('declares no content script: the background registers it, on the pages host access covers', () => {
    expect(source.content_scripts).toBeUndefined();
    expect(contentScriptFor(DEFAULT_SETTINGS)?.matches).toEqual(source.host_permissions);
  });
});

describe('buildCorpus', () => {
  /** A copy of data/ with one change, built and cleaned up. */
  async function buildChanged(change: (dir: string) => void) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backstory-data-'));
    try {
      cpSync('data', dir, { recursive: true });
      change(dir);
      return await buildCorpus(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('builds the bundled corpus', async () => {
    const index = await buildCorpus();
    expect(index.articles).toHaveLength(5);
    expect(index.entities.map((e) => e.id)).toContain('marco-rubio');
  });

  it('names the file when an article has no text beside its metadata', async () => {
    await expect(
      buildChanged((dir) => rmSync(path.join(dir, 'articles/001_8db88535de2cf5de.txt'))),
    ).rejects.toThrow('no text file');
  });

  it('refuses a 50 MB article, naming the file, before reading it', async () => {
    await expect(
      // A sparse file: 50 MB by size, no time spent writing it.
      buildChanged((dir) => truncateSync(path.join(dir, 'articles/001_8db88535de2cf5de.txt'), 50_000_000)),
    ).rejects.toThrow(/001_8db88535de2cf5de\.txt: is 50\.0 MB; an article may be at most 2 MB/);
  });

  it('names the file when entities.json is malformed', async () => {
    await expect(buildChanged((dir) => writeFileSync(path.join(dir, 'entities.json'), '{bad'))).rejects.toThrow(
      /entities\.json: is not valid JSON/,
    );
  });
});
