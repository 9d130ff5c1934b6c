/**
 * Prints the corpus knowledge base that the build ships as index.json, for corpus authors and
 * reviewers:
 *
 *   npm run --silent corpus                     data/ as indented JSON
 *   npm run --silent corpus -- --compact        the same on one line, as index.json holds it
 *   npm run --silent corpus -- --data DIR       another data folder laid out like data/
 *
 * The knowledge base comes from build.mjs's own `buildCorpus()`, so what this prints is what
 * the extension loads. docs/corpus.md describes its fields. Only the JSON goes to stdout. A
 * mistake in the data goes to stderr as the build reports it (file, line, what to change) and
 * exits with 1; a usage error exits with 2.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CorpusIndex } from '../core/types';

export interface Io {
  out: (text: string) => void;
  err: (line: string) => void;
}

const defaultIo: Io = {
  out: (text) => {
    // `npm run --silent corpus | head` closes the pipe early: the reader has what it wanted.
    process.stdout.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
    process.stdout.write(text);
  },
  err: (line) => void process.stderr.write(`${line}\n`),
};

const USAGE = `usage: npm run --silent corpus [-- --compact] [-- --data DIR]

Prints the corpus knowledge base (articles, entities with backgrounds, quotes) as JSON.
  --compact    one line, as the extension's index.json holds it
  --data DIR   build from DIR instead of data/ (DIR/entities.json, DIR/articles/)
`;

export async function main(args: string[], io: Io = defaultIo): Promise<number> {
  let compact = false;
  let dataDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--compact') compact = true;
    else if (arg === '--data' && args[i + 1] !== undefined) dataDir = path.resolve(args[++i]!);
    else if (arg === '--help' || arg === '-h') {
      io.out(USAGE);
      return 0;
    } else {
      io.err(`corpus: ${arg === '--data' ? '--data needs a folder' : `unknown argument ${arg}`}\n${USAGE}`);
      return 2;
    }
  }

  let index: CorpusIndex;
  try {
    index = await (await loadBuild()).buildCorpus(dataDir);
  } catch (error: unknown) {
    if (error instanceof Error && error.name === 'CorpusError') {
      io.err(`Corpus error: ${error.message}`);
      return 1;
    }
    throw error;
  }
  io.out(`${JSON.stringify(index, null, compact ? undefined : 2)}\n`);
  return 0;
}

/**
 * build.mjs, as a module of its own. `npm run corpus` runs this tool from inside build.mjs,
 * whose top-level await is still pending, so importing that same module instance would wait for
 * itself; the query string makes a separate instance, which sees it is not the entry point.
 */
async function loadBuild(): Promise<typeof import('../../build.mjs')> {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'build.mjs'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('corpus: cannot find build.mjs above this tool');
    dir = up;
  }
  return (await import(`${pathToFileURL(path.join(dir, 'build.mjs')).href}?corpus`)) as typeof import('../../build.mjs');
}
