/**
 * Reads one `data/articles/<name>.json`: what the article's own text tells about it, and, for
 * each field it does not tell, why.
 */
import type { Article, UnknownField } from '../types';
import { CorpusError } from './corpus-error';
import { FieldReader, describeJson, isJsonObject, parseJsonFile } from './json-fields';

export type ArticleMeta = Omit<Article, 'text'>;

/** With the line of each field, for errors found later against the text. */
export interface ParsedArticleMeta {
  meta: ArticleMeta;
  lineOf: (field: keyof ArticleMeta) => number;
}

const FIELDS = ['id', 'file', 'title', 'outlet', 'published', 'language', 'unknown'] as const;
const MAY_BE_UNKNOWN: readonly UnknownField[] = ['title', 'outlet', 'published'];

export function parseArticleMeta(path: string, json: string): ParsedArticleMeta {
  const file = parseJsonFile(path, json);
  const { root } = file;
  if (!isJsonObject(root)) throw new CorpusError(`${path}: must hold an object, not ${describeJson(root)}`);
  const fields: FieldReader = new FieldReader(file, root, [], '');
  fields.onlyFields(FIELDS);

  const id = fields.id('id');
  const textFile = fields.text('file');
  const title = fields.knownText('title');
  const outlet = fields.knownText('outlet');
  const published = fields.knownText('published');
  if (published !== null && !/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/.test(published)) {
    fields.fail(`field "published" must be an ISO date such as 2025-04-18, or null; not "${published}"`, 'published');
  }
  const language = fields.text('language');
  if (!/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(language)) {
    fields.fail(`field "language" must be a language tag such as "en", not "${language}"`, 'language');
  }

  // A null alone could be an oversight; a reason says someone looked and the text does not say.
  const reasons = fields.textMap('unknown');
  const values = { title, outlet, published };
  const unknown: ArticleMeta['unknown'] = {};
  for (const [key, reason] of Object.entries(reasons)) {
    if (!MAY_BE_UNKNOWN.includes(key as UnknownField)) {
      fields.fail(`field "unknown" explains "${key}", which is not one of ${MAY_BE_UNKNOWN.join(', ')}`, ['unknown', key]);
    }
    if (values[key as UnknownField] !== null) {
      fields.fail(`field "unknown" explains "${key}", but "${key}" has a value; remove one of them`, ['unknown', key]);
    }
    unknown[key as UnknownField] = reason;
  }
  for (const field of MAY_BE_UNKNOWN) {
    if (values[field] === null && !(field in unknown)) {
      fields.fail(
        `field "${field}" is null but "unknown" does not say why; add "${field}": "<what the text does or does not say>" to "unknown"`,
        field,
      );
    }
  }

  return {
    meta: { id, file: textFile, title, outlet, published, language, unknown },
    lineOf: (field) => fields.lineOf(field),
  };
}
