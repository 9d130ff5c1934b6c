/** Reads the repository's own corpus from data/, the way build.mjs does, for tests on real data. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CorpusFiles } from '../../../src/core/corpus/build-index';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function readCorpusFiles(): CorpusFiles {
  const read = (path: string) => readFileSync(ROOT + path, 'utf8');
  const metaFiles = readdirSync(`${ROOT}data/articles`)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return {
    entities: { path: 'data/entities.json', json: read('data/entities.json') },
    articles: metaFiles.map((name) => {
      const metaPath = `data/articles/${name}`;
      const textPath = metaPath.replace(/\.json$/, '.txt');
      return { metaPath, metaJson: read(metaPath), textPath, text: read(textPath) };
    }),
  };
}
