/**
 * Reads one `data/articles/<name>.json`: what the article's own text tells about it.
 */
import type { Article } from '../types';
import { CorpusError } from './corpus-error';
import { FieldReader, describeJson, isJsonObject, parseJson } from './json-fields';

export type ArticleMeta = Omit<Article, 'text'>;

const FIELDS = ['id', 'file', 'title', 'outlet', 'published', 'language'] as const;

export function parseArticleMeta(path: string, json: string): ArticleMeta {
  const root = parseJson(path, json);
  if (!isJsonObject(root)) throw new CorpusError(`${path}: must hold an object, not ${describeJson(root)}`);
  const fields: FieldReader = new FieldReader(root, path, '');
  fields.onlyFields(FIELDS);

  const id = fields.id('id');
  const file = fields.text('file');
  const title = fields.knownText('title');
  const outlet = fields.knownText('outlet');
  const published = fields.knownText('published');
  if (published !== null && !/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/.test(published)) {
    fields.fail(`field "published" must be an ISO date such as 2025-04-18, or null; not "${published}"`);
  }
  const language = fields.text('language');
  if (!/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(language)) {
    fields.fail(`field "language" must be a language tag such as "en", not "${language}"`);
  }
  return { id, file, title, outlet, published, language };
}
