import { describe, expect, it } from 'vitest';
import { CorpusError, buildCorpusIndex, type CorpusFiles } from '../../../src/core/corpus/build-index';

const RUBIO = {
  id: 'marco-rubio',
  kind: 'person',
  name: 'Marco Rubio',
  role: 'US Secretary of State',
  aliases: ['Marco Rubio', 'Rubio'],
  namesakes: [],
  caseRule: 'proper',
};
const TRUMP = {
  id: 'donald-trump',
  kind: 'person',
  name: 'Donald Trump',
  role: 'US President',
  aliases: ['Donald Trump', 'Trump'],
  namesakes: ['Melania Trump'],
  caseRule: 'proper',
};
const META = {
  id: 'sample',
  file: 'sample.txt',
  title: 'Sample',
  outlet: null,
  published: null,
  language: 'en',
};
const TEXT = 'Sample\n“We are moving on,” Rubio said in Paris.\r\n';

type Json = Record<string, unknown>;
type Edit = (corpus: { entities: Json; entityList: Json[]; meta: Json; files: CorpusFiles }) => void;

/** A valid corpus, changed by `edit`: entities and metadata as objects, serialised afterwards. */
function corpus(edit: Edit = () => {}): CorpusFiles {
  const entityList: Json[] = [structuredClone(RUBIO), structuredClone(TRUMP)];
  const entities: Json = { schema: 1, entities: entityList };
  const meta: Json = structuredClone(META);
  const files: CorpusFiles = {
    entities: { path: 'data/entities.json', json: '' },
    articles: [
      { metaPath: 'data/articles/sample.json', metaJson: '', textPath: 'data/articles/sample.txt', text: TEXT },
    ],
  };
  const parts = { entities, entityList, meta, files };
  edit(parts);
  files.entities.json ||= JSON.stringify(parts.entities);
  for (const article of files.articles) article.metaJson ||= JSON.stringify(parts.meta);
  return files;
}

describe('buildCorpusIndex', () => {
  it('keeps entities and raw article text, and attributes quotes', () => {
    const index = buildCorpusIndex(corpus());
    expect(index.schema).toBe(1);
    expect(index.entities.map((e) => e.id)).toEqual(['marco-rubio', 'donald-trump']);
    expect(index.articles).toEqual([{ ...META, text: TEXT }]);
    expect(index.quotes).toEqual([
      {
        id: 'sample#q1',
        speakerId: 'marco-rubio',
        articleId: 'sample',
        start: 8,
        end: 24,
        text: 'We are moving on',
      },
    ]);
  });

  /** Each case: what is wrong, how to break the valid corpus, and the message expected. */
  const errors: [string, Edit, string][] = [
    [
      'entities.json is not JSON',
      ({ files }) => (files.entities.json = '{ "schema": 1, '),
      'data/entities.json: is not valid JSON (',
    ],
    [
      'metadata is not JSON',
      ({ files }) => (files.articles[0]!.metaJson = '{ id: sample }'),
      'data/articles/sample.json: is not valid JSON (',
    ],
    [
      'entities.json holds an array',
      ({ files }) => (files.entities.json = '[]'),
      'data/entities.json: must hold an object, not an array',
    ],
    [
      'wrong schema',
      ({ entities }) => (entities.schema = 2),
      'data/entities.json: field "schema" must be 1, not the number 2',
    ],
    [
      'entities is not a list',
      ({ entities }) => (entities.entities = {}),
      'data/entities.json: field "entities" must be an array, not an object',
    ],
    ['no entities', ({ entities }) => (entities.entities = []), 'data/entities.json: lists no entities'],
    [
      'entity is not an object',
      ({ entityList }) => entityList.push('Rubio' as never),
      'data/entities.json: entity #3 must be an object, not the string "Rubio"',
    ],
    [
      'entity without role',
      ({ entityList }) => delete entityList[0]!.role,
      'data/entities.json: entity #1 ("marco-rubio") is missing the field "role"',
    ],
    [
      'aliases is a string',
      ({ entityList }) => (entityList[0]!.aliases = 'Rubio'),
      'entity #1 ("marco-rubio") field "aliases" must be an array of strings, not the string "Rubio"',
    ],
    [
      'name is a number',
      ({ entityList }) => (entityList[1]!.name = 45),
      'entity #2 ("donald-trump") field "name" must be a string, not the number 45',
    ],
    [
      'unknown kind',
      ({ entityList }) => (entityList[0]!.kind = 'politician'),
      'field "kind" must be one of person, topic, place-or-organisation, not "politician"',
    ],
    [
      'id not kebab-case',
      ({ entityList }) => (entityList[0]!.id = 'Marco_Rubio'),
      'field "id" must be kebab-case (lower-case words joined by "-"), not "Marco_Rubio"',
    ],
    [
      'multi-line role',
      ({ entityList }) => (entityList[0]!.role = 'US Secretary\nof State'),
      'field "role" must be one line',
    ],
    [
      'alias with spaces around',
      ({ entityList }) => (entityList[0]!.aliases = ['Marco Rubio', ' Rubio']),
      'field "aliases" has spaces around "Rubio"',
    ],
    [
      'unknown entity field',
      ({ entityList }) => (entityList[0]!.alias = []),
      'entity #1 ("marco-rubio") has unknown field "alias"',
    ],
    [
      'name missing from aliases',
      ({ entityList }) => (entityList[0]!.aliases = ['Rubio']),
      'lists its name "Marco Rubio" in "name" but not in "aliases"',
    ],
    [
      'alias listed twice',
      ({ entityList }) => (entityList[0]!.aliases = ['Marco Rubio', 'Rubio', 'Rubio']),
      'entity #1 ("marco-rubio") lists the alias "Rubio" twice',
    ],
    [
      'namesake without an alias in it',
      ({ entityList }) => (entityList[1]!.namesakes = ['Melania Knauss']),
      'has the namesake "Melania Knauss", which contains none of its aliases',
    ],
    [
      'duplicate entity id',
      ({ entityList }) => (entityList[1]!.id = 'marco-rubio'),
      'data/entities.json: two entities have the id "marco-rubio"',
    ],
    [
      'alias claimed by two entities',
      ({ entityList }) => (entityList[1]!.aliases = ['Donald Trump', 'Trump', 'Rubio']),
      'data/entities.json: the alias "Rubio" is claimed by both "marco-rubio" and "donald-trump"',
    ],
    [
      'namesake that is another entity’s alias',
      ({ entityList }) =>
        entityList.push({ ...RUBIO, id: 'melania-trump', name: 'Melania Trump', aliases: ['Melania Trump'] }),
      '"Melania Trump" is an alias of "melania-trump" but a namesake of "donald-trump"',
    ],
    [
      'metadata is an array',
      ({ files }) => (files.articles[0]!.metaJson = '[]'),
      'data/articles/sample.json: must hold an object, not an array',
    ],
    [
      'metadata without title',
      ({ meta }) => delete meta.title,
      'data/articles/sample.json: is missing the field "title"',
    ],
    [
      'title is a number',
      ({ meta }) => (meta.title = 3),
      'data/articles/sample.json: field "title" must be a string or null, not the number 3',
    ],
    [
      'empty outlet',
      ({ meta }) => (meta.outlet = ''),
      'field "outlet" is empty; write null if the text does not say',
    ],
    [
      'published not a date',
      ({ meta }) => (meta.published = 'Friday'),
      'field "published" must be an ISO date such as 2025-04-18, or null; not "Friday"',
    ],
    [
      'language not a tag',
      ({ meta }) => (meta.language = 'English'),
      'field "language" must be a language tag such as "en", not "English"',
    ],
    [
      'misspelt metadata field',
      ({ meta }) => (meta.pubished = null),
      'data/articles/sample.json: has unknown field "pubished"',
    ],
    [
      'file does not match the text file',
      ({ meta }) => (meta.file = 'other.txt'),
      'data/articles/sample.json: field "file" says "other.txt", but this metadata belongs to data/articles/sample.txt; write "sample.txt"',
    ],
    [
      'duplicate article id',
      ({ files }) => files.articles.push({ ...files.articles[0]!, metaPath: 'data/articles/copy.json' }),
      'data/articles/copy.json: the article id "sample" is already used by data/articles/sample.json',
    ],
    [
      'empty article text',
      ({ files }) => (files.articles[0]!.text = ' \n'),
      'data/articles/sample.txt: the article text is empty',
    ],
    ['no articles', ({ files }) => (files.articles = []), 'The corpus has no articles'],
  ];

  it.each(errors)('rejects a corpus where %s', (_, edit, message) => {
    const files = corpus(edit);
    expect(() => buildCorpusIndex(files)).toThrow(CorpusError);
    expect(() => buildCorpusIndex(files)).toThrow(message);
  });

  it('names the parse problem of malformed JSON', () => {
    const files = corpus(({ files: f }) => (f.entities.json = '{"schema": 1,}'));
    expect(() => buildCorpusIndex(files)).toThrow(/^data\/entities\.json: is not valid JSON \(.+\)$/);
  });
});
