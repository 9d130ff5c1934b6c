/** The corpus CLI (src/cli/corpus.ts), behind `npm run --silent corpus`. */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/corpus';
import { buildCorpusIndex } from '../../../src/core/corpus/build-index';
import { readCorpusFiles } from './read-corpus-files';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (text) => (out += text), err: (line) => (err += `${line}\n`) });
  return { code, out, err };
}

describe('npm run corpus', () => {
  it('prints the knowledge base the extension ships, and nothing else', async () => {
    const { code, out, err } = await run([]);
    expect([code, err]).toEqual([0, '']);
    expect(JSON.parse(out)).toEqual(buildCorpusIndex(readCorpusFiles()));
    expect(out.split('\n').length).toBeGreaterThan(100);
  });

  it('prints one line with --compact', async () => {
    const { out } = await run(['--compact']);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.trimEnd()).not.toContain('\n');
  });

  it('reports a mistake in another data folder on stderr, with the file and line, and exits with 1', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'backstory-cli-'));
    try {
      cpSync('data', dir, { recursive: true });
      writeFileSync(path.join(dir, 'articles/001_8db88535de2cf5de.txt'), '\n\n');
      const { code, out, err } = await run(['--data', dir]);
      expect([code, out]).toEqual([1, '']);
      expect(err).toMatch(/^Corpus error: \S*articles\/001_8db88535de2cf5de\.txt: line 1: the article text is empty/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explains its usage, and exits with 2 on an unknown argument', async () => {
    expect((await run(['--help'])).out).toMatch(/^usage: npm run --silent corpus/);
    const { code, out, err } = await run(['--pretty']);
    expect([code, out]).toEqual([2, '']);
    expect(err).toMatch(/unknown argument --pretty/);
  });

  it('runs through build.mjs with JSON alone on stdout', async () => {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['build.mjs', '--cli', 'corpus', '--compact']);
    expect(stderr).toBe('');
    expect(JSON.parse(stdout).articles).toHaveLength(5);
  }, 60_000);
});
