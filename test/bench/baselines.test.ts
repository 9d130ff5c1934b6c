/**
 * Backstory without its sieve (bench/baselines.mjs), the benchmark's second baseline: it must be
 * the shipped content script with the sieve gone and nothing else, or the table's "no sieve"
 * column measures something else. Built from dist/chrome (`npm test` builds first).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeUnsieved } from '../../bench/baselines.mjs';

const DIST = path.join('dist', 'chrome');
const dir = mkdtempSync(path.join(os.tmpdir(), 'backstory-unsieved-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeUnsieved', () => {
  let shipped = '';
  let unsieved = '';
  beforeAll(async () => {
    await writeUnsieved(dir, DIST);
    shipped = readFileSync(path.join(DIST, 'content.js'), 'utf8');
    unsieved = readFileSync(path.join(dir, 'content.js'), 'utf8');
  }, 60_000);

  it('leaves out the sieve: its keys and its expressions', () => {
    // A key of the bundled corpus and a piece of the sieve's own code, both in what ships.
    for (const part of ['ceasefire', 'foldFrom']) {
      expect(shipped).toContain(part);
      expect(unsieved).not.toContain(part);
    }
    expect(unsieved.length).toBeLessThan(shipped.length / 3);
  });

  it('keeps the rest of the content script: its walk, its observer, its listener, the scanner it loads', () => {
    for (const part of ['createTreeWalker', 'MutationObserver', 'onMessage', 'scan.js', 'shadowRoot']) {
      expect(unsieved).toContain(part);
    }
  });

  it('is otherwise the extension that ships', () => {
    expect(existsSync(path.join(dir, 'manifest.json'))).toBe(true);
    expect(readFileSync(path.join(dir, 'manifest.json'), 'utf8')).toBe(readFileSync(path.join(DIST, 'manifest.json'), 'utf8'));
    expect(readFileSync(path.join(dir, 'scan.js'), 'utf8')).toBe(readFileSync(path.join(DIST, 'scan.js'), 'utf8'));
  });
});
