/**
 * Turns the corpus files into the index the extension loads. Pure: the caller (build.mjs, tests)
 * reads the files and passes their contents, so this runs the same in node and in a test.
 */
import type { Article, CorpusIndex } from '../types';
import { CorpusError } from './corpus-error';
import { extractQuotes } from './extract-quotes';
import { parseArticleMeta } from './parse-article-meta';
import { parseEntities } from './parse-entities';

export { CorpusError } from './corpus-error';

/** The corpus files' contents; paths are only used to name a file in an error. */
export interface CorpusFiles {
  entities: { path: string; json: string };
  articles: { metaPath: string; metaJson: string; textPath: string; text: string }[];
}

export function buildCorpusIndex(input: CorpusFiles): CorpusIndex {
  const entities = parseEntities(input.entities.path, input.entities.json);
  if (input.articles.length === 0) {
    throw new CorpusError(
      'The corpus has no articles: add a text file and its metadata <name>.json to data/articles/',
    );
  }

  const articles: Article[] = [];
  const metaPathOf = new Map<string, string>();
  for (const { metaPath, metaJson, textPath, text } of input.articles) {
    const meta = parseArticleMeta(metaPath, metaJson);
    const textFile = baseName(textPath);
    if (meta.file !== textFile) {
      throw new CorpusError(
        `${metaPath}: field "file" says "${meta.file}", but this metadata belongs to ${textPath}; ` +
          `write "${textFile}"`,
      );
    }
    const earlier = metaPathOf.get(meta.id);
    if (earlier !== undefined) {
      throw new CorpusError(`${metaPath}: the article id "${meta.id}" is already used by ${earlier}`);
    }
    metaPathOf.set(meta.id, metaPath);
    if (text.trim() === '') throw new CorpusError(`${textPath}: the article text is empty`);
    // The raw text is kept as collected: every quote offset points into it.
    articles.push({ ...meta, text });
  }

  return {
    schema: 1,
    entities,
    articles,
    quotes: articles.flatMap((article) => extractQuotes(article, entities)),
  };
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
