/**
 * Checks of what ships: run after the build (`npm test` builds first). Sizes are deterministic,
 * so their budgets are asserted here; the code holds no eval and no HTML sinks; the manifests
 * keep the browsers' default, strict extension CSP.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COMPILE_HINT } from '../build.mjs';
import { contentScriptFor } from '../src/core/content-script';
import { DEFAULT_SETTINGS } from '../src/core/settings';

const TARGETS = ['chrome', 'firefox'] as const;
const dist = (target: string, file = '') => path.join('dist', target, file);

/** Gzipped size budgets per bundle, in bytes (see docs/performance.md). */
const BUDGETS: Record<string, number> = {
  // Runs on every page: reading its text and the sieve (docs/decisions/007).
  'content.js': 16_000,
  // Loaded where the sieve finds a candidate: scanning, painting, hover.
  'scan.js': 28_000,
  // The card loads only when first needed.
  'card.js': 25_000,
  'background.js': 15_000,
  // Parsed each time the toolbar popup opens, so its open-to-interactive time (bench) holds.
  'popup.js': 40_000,
  'reader.js': 60_000,
  'options.js': 20_000,
};

describe.each(TARGETS)('dist/%s', (target) => {
  it('exists (run npm run build first)', () => {
    expect(existsSync(dist(target, 'manifest.json'))).toBe(true);
  });

  const bundles = existsSync(dist(target)) ? readdirSync(dist(target)).filter((f) => f.endsWith('.js')) : [];

  it('scan.js carries content.css as text, for the shadow roots it paints in', () => {
    const css = readFileSync(dist(target, 'content.css'), 'utf8');
    const code = readFileSync(dist(target, 'scan.js'), 'utf8');
    expect(css).toContain('::highlight(backstory-mention)');
    for (const line of css.split('\n').filter((l) => l.trim())) expect(code).toContain(line);
  });

  // The polyfill's check for an extension context, which survives minifying: in popup.js, which
  // keeps the polyfill, and in no bundle that runs in web pages (see native-browser.ts).
  const POLYFILL = 'should only be loaded in a browser extension';
  it('the extension pages carry webextension-polyfill', () => {
    expect(readFileSync(dist(target, 'popup.js'), 'utf8')).toContain(POLYFILL);
  });
  it.each(['content.js', 'scan.js', 'card.js'])('%s, run in web pages, carries no webextension-polyfill', (file) => {
    expect(readFileSync(dist(target, file), 'utf8')).not.toContain(POLYFILL);
  });

  // Chromium streams the files the content script imports, and compiles them off the page's
  // main thread; the hint has it compile all their functions there (docs/performance.md). The
  // content script itself is injected whole, so the hint would compile it all on the main thread.
  it.each(['scan.js', 'card.js'])("%s carries the compile hint in Chrome's build alone", (file) => {
    const starts = readFileSync(dist(target, file), 'utf8').startsWith(`${COMPILE_HINT}\n`);
    expect(starts).toBe(target === 'chrome');
  });
  it('content.js asks for no eager compilation', () => {
    expect(readFileSync(dist(target, 'content.js'), 'utf8')).not.toContain(COMPILE_HINT);
  });

  it.each(Object.entries(BUDGETS))('%s stays within %i bytes gzipped', (file, budget) => {
    const size = gzipSync(readFileSync(dist(target, file)), { level: 9 }).length;
    expect(size).toBeLessThanOrEqual(budget);
  });

  it.each(bundles)('%s has no eval, Function constructor or HTML sink', (file) => {
    const code = readFileSync(dist(target, file), 'utf8');
    expect(code).not.toMatch(/\beval\(|new Function\(|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/);
  });

  it('keeps the default extension CSP and loads no remote code', () => {
    const manifest = JSON.parse(readFileSync(dist(target, 'manifest.json'), 'utf8'));
    expect(manifest.content_security_policy).toBeUndefined();
    const scripts = [manifest.background.service_worker, ...(manifest.background.scripts ?? [])].filter(Boolean);
    for (const s of scripts) expect(s).not.toMatch(/^https?:/);
  });

  it('holds the files the background registers as its content script', () => {
    const script = contentScriptFor(DEFAULT_SETTINGS)!;
    for (const file of [...script.js, ...script.css]) expect(existsSync(dist(target, file)), file).toBe(true);
  });
});
