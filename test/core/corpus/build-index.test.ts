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
  related: [],
};
const TRUMP = {
  id: 'donald-trump',
  kind: 'person',
  name: 'Donald Trump',
  role: 'US President',
  aliases: ['Donald Trump', 'Trump'],
  namesakes: ['Melania Trump'],
  caseRule: 'proper',
  related: ['marco-rubio'],
};
const META = {
  id: 'sample',
  file: 'sample.txt',
  title: 'Sample Talks in Paris',
  outlet: null,
  published: null,
  language: 'en',
  unknown: { outlet: 'The text names no outlet.', published: 'The text states no date.' },
};
const TEXT = [
  'Sample Talks in Paris',
  'Secretary of State Marco Rubio met European leaders in Paris on Thursday.',
  'President Donald Trump said the talks must make progress within a few days.',
  '“We are moving on,” Rubio said in Paris.',
  'Rubio later briefed President Trump on the outcome of the Paris meeting.',
  '',
].join('\r\n');

type Json = Record<string, unknown>;
interface Parts {
  entities: Json;
  entityList: Json[];
  meta: Json;
  files: CorpusFiles;
}
type Edit = (corpus: Parts) => void;

/** A valid corpus, changed by `edit`: entities and metadata as objects, written out as an author would. */
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
  files.entities.json ||= JSON.stringify(parts.entities, null, 2);
  for (const article of files.articles) article.metaJson ||= JSON.stringify(parts.meta, null, 2);
  return files;
}

/** The 1-based line of the `nth` occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string, nth = 1): number {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" is not in the text`);
  }
  return text.slice(0, at).split('\n').length;
}

describe('buildCorpusIndex', () => {
  it('keeps entities and raw article text, attributes quotes and gives every entity a background', () => {
    const index = buildCorpusIndex(corpus());
    expect(index.schema).toBe(1);
    expect(index.entities.map((e) => e.id)).toEqual(['marco-rubio', 'donald-trump']);
    expect(index.articles).toEqual([{ ...META, text: TEXT }]);
    const words = { articleId: 'sample', start: TEXT.indexOf('We are'), end: TEXT.indexOf(',” Rubio'), text: 'We are moving on' };
    expect(index.quotes).toEqual([{ id: 'sample#q1', speaker: 'marco-rubio', ...words, sources: [words] }]);
    for (const entity of index.entities) {
      expect(entity.background.length).toBeGreaterThanOrEqual(2);
      for (const s of entity.background) expect(TEXT.slice(s.start, s.end)).toBe(s.text);
      expect(entity.sources).toEqual(['sample']);
      expect(entity.asOf).toEqual({ status: 'undated', date: null });
    }
  });

  it('dates a background by its newest source when the metadata states one', () => {
    const index = buildCorpusIndex(
      corpus(({ meta }) => {
        meta.published = '2025-04-18';
        meta.unknown = { outlet: 'The text names no outlet.' };
      }),
    );
    expect(index.entities[0]!.asOf).toEqual({ status: 'dated', date: '2025-04-18' });
  });

  /** Each case: what is wrong, how to break the valid corpus, and the message expected. */
  const errors: [string, Edit, (files: CorpusFiles) => string][] = [
    [
      'entities.json is not JSON',
      ({ files }) => (files.entities.json = '{\n  "schema": 1,\n}'),
      () => 'data/entities.json: is not valid JSON at line 3, column 1 (',
    ],
    [
      'metadata is not JSON',
      ({ files }) => (files.articles[0]!.metaJson = '{ id: sample }'),
      () => 'data/articles/sample.json: is not valid JSON at line 1, column 3 (',
    ],
    [
      'entities.json holds an array',
      ({ files }) => (files.entities.json = '[]'),
      () => 'data/entities.json: must hold an object, not an array',
    ],
    [
      'wrong schema',
      ({ entities }) => (entities.schema = 2),
      () => 'data/entities.json: line 2: field "schema" must be 1, not the number 2',
    ],
    [
      'entities is not a list',
      ({ entities }) => (entities.entities = {}),
      () => 'data/entities.json: line 3: field "entities" must be an array, not an object',
    ],
    ['no entities', ({ entities }) => (entities.entities = []), () => 'data/entities.json: line 3: lists no entities'],
    [
      'entity is not an object',
      ({ entityList }) => entityList.push('Rubio' as never),
      (f) => `data/entities.json: line ${lineOf(f.entities.json, '"Rubio"', 2)}: entity #3 must be an object, not the string "Rubio"`,
    ],
    [
      'entity without role',
      ({ entityList }) => delete entityList[0]!.role,
      (f) =>
        `data/entities.json: line ${lineOf(f.entities.json, '"id": "marco-rubio"') - 1}: ` +
        'entity #1 ("marco-rubio") is missing the field "role"',
    ],
    [
      'aliases is a string',
      ({ entityList }) => (entityList[0]!.aliases = 'Rubio'),
      (f) =>
        `line ${lineOf(f.entities.json, '"aliases"')}: entity #1 ("marco-rubio") field "aliases" must be an array of strings, not the string "Rubio"`,
    ],
    [
      'name is a number',
      ({ entityList }) => (entityList[1]!.name = 45),
      (f) => `line ${lineOf(f.entities.json, '"name": 45')}: entity #2 ("donald-trump") field "name" must be a string, not the number 45`,
    ],
    [
      'unknown kind',
      ({ entityList }) => (entityList[0]!.kind = 'politician'),
      (f) => `line ${lineOf(f.entities.json, '"politician"')}: entity #1 ("marco-rubio") field "kind" must be one of person, topic, place-or-organisation, not "politician"`,
    ],
    [
      'id not kebab-case',
      ({ entityList }) => (entityList[0]!.id = 'Marco_Rubio'),
      () => 'field "id" must be kebab-case (lower-case words joined by "-"), not "Marco_Rubio"',
    ],
    [
      'multi-line role',
      ({ entityList }) => (entityList[0]!.role = 'US Secretary\nof State'),
      () => 'field "role" must be one line',
    ],
    [
      'alias with spaces around',
      ({ entityList }) => (entityList[0]!.aliases = ['Marco Rubio', ' Rubio']),
      (f) => `line ${lineOf(f.entities.json, '" Rubio"')}: entity #1 ("marco-rubio") field "aliases" has spaces around "Rubio"`,
    ],
    [
      'unknown entity field',
      ({ entityList }) => (entityList[0]!.alias = []),
      (f) => `line ${lineOf(f.entities.json, '"alias"')}: entity #1 ("marco-rubio") has unknown field "alias"`,
    ],
    [
      'a field written twice',
      ({ files }) =>
        (files.entities.json = JSON.stringify({ schema: 1, entities: [RUBIO, TRUMP] }, null, 2).replace(
          '"role": "US President",',
          '"role": "US President",\n      "role": "President",',
        )),
      (f) =>
        `data/entities.json: line ${lineOf(f.entities.json, '"role": "President"')}: the field "role" is written twice in one object ` +
        `(first on line ${lineOf(f.entities.json, '"role": "US President"')}); keep one`,
    ],
    [
      'name missing from aliases',
      ({ entityList }) => (entityList[0]!.aliases = ['Rubio']),
      () => 'lists its name "Marco Rubio" in "name" but not in "aliases"',
    ],
    [
      'alias listed twice',
      ({ entityList }) => (entityList[0]!.aliases = ['Marco Rubio', 'Rubio', 'Rubio']),
      (f) => `line ${lineOf(f.entities.json, '"Rubio"', 2)}: entity #1 ("marco-rubio") lists the alias "Rubio" twice`,
    ],
    [
      'namesake without an alias in it',
      ({ entityList }) => (entityList[1]!.namesakes = ['Melania Knauss']),
      () => 'has the namesake "Melania Knauss", which contains none of its aliases',
    ],
    [
      'context alias that is not an alias',
      ({ entityList }) => (entityList[0]!.contextAliases = ['Marco']),
      () => 'entity #1 ("marco-rubio") lists "Marco" in "contextAliases" but not in "aliases"',
    ],
    [
      'context alias listed twice',
      ({ entityList }) => (entityList[0]!.contextAliases = ['Rubio', 'Rubio']),
      () => 'lists "Rubio" in "contextAliases" twice',
    ],
    [
      'duplicate entity id',
      ({ entityList }) => (entityList[1]!.id = 'marco-rubio'),
      (f) =>
        `line ${lineOf(f.entities.json, '"id": "marco-rubio"', 2)}: entity #2 ("marco-rubio") has the id "marco-rubio" of ` +
        `entity #1 (line ${lineOf(f.entities.json, '"id": "marco-rubio"')}); ids must be unique`,
    ],
    [
      'alias claimed by two entities',
      ({ entityList }) => (entityList[1]!.aliases = ['Donald Trump', 'Trump', 'Rubio']),
      (f) =>
        `data/entities.json: line ${lineOf(f.entities.json, '"Rubio"', 2)}: entity #2 ("donald-trump") lists the alias "Rubio", ` +
        `which "marco-rubio" also claims (line ${lineOf(f.entities.json, '"Rubio"')}); an alias must name one entity only`,
    ],
    [
      'aliases that differ only in case, hyphens or apostrophes',
      ({ entityList }) => (entityList[1]!.aliases = ['Donald Trump', 'Trump', 'marco-rubio']),
      () => 'lists the alias "marco-rubio", which "marco-rubio" also claims as "Marco Rubio"',
    ],
    [
      'namesake that is another entity’s alias',
      ({ entityList }) =>
        entityList.push({ ...RUBIO, id: 'melania-trump', name: 'Melania Trump', aliases: ['Melania Trump'] }),
      () => 'has the namesake "Melania Trump", which is an alias of "melania-trump"',
    ],
    [
      'a related id that is no entity',
      ({ entityList }) => (entityList[1]!.related = ['marco-rubia']),
      (f) =>
        `data/entities.json: line ${lineOf(f.entities.json, '"marco-rubia"')}: entity #2 ("donald-trump") field "related" ` +
        'names "marco-rubia", which is no entity id in this file; did you mean "marco-rubio"?',
    ],
    ['an entity related to itself', ({ entityList }) => (entityList[0]!.related = ['marco-rubio']), () => 'lists itself in "related"'],
    [
      'an entity never mentioned',
      ({ entityList }) =>
        entityList.push({ ...RUBIO, id: 'sergei-lavrov', name: 'Sergei Lavrov', role: 'Russian Foreign Minister', aliases: ['Sergei Lavrov', 'Lavrov'] }),
      (f) =>
        `data/entities.json: line ${lineOf(f.entities.json, '"aliases"', 3)}: entity "sergei-lavrov" is never mentioned in the articles ` +
        '(aliases: "Sergei Lavrov", "Lavrov"); add the spelling the articles use to "aliases", or remove the entity',
    ],
    [
      'an entity mentioned only in site chrome',
      ({ entityList, files }) => {
        entityList.push({ ...RUBIO, id: 'atlas-news', kind: 'place-or-organisation', name: 'Atlas News', aliases: ['Atlas News'] });
        files.articles[0]!.text = `- Atlas News\n${TEXT}`;
      },
      () => 'entity "atlas-news" is never mentioned in the articles',
    ],
    [
      'an entity the articles name too rarely for a background',
      ({ entityList, files }) => {
        entityList.push({ ...RUBIO, id: 'sergei-lavrov', name: 'Sergei Lavrov', role: 'Russian Foreign Minister', aliases: ['Sergei Lavrov'] });
        files.articles[0]!.text = `${TEXT}Sergei Lavrov stayed in Moscow for the whole week.\n`;
      },
      (f) =>
        `data/entities.json: line ${lineOf(f.entities.json, '"related"', 3)}: entity "sergei-lavrov" has 1 sentence(s) of background ` +
        'in the articles, fewer than 2; list in "related" the ids of entities the articles discuss with it',
    ],
    [
      'metadata is an array',
      ({ files }) => (files.articles[0]!.metaJson = '[]'),
      () => 'data/articles/sample.json: must hold an object, not an array',
    ],
    [
      'metadata without title',
      ({ meta }) => delete meta.title,
      () => 'data/articles/sample.json: line 1: is missing the field "title"',
    ],
    [
      'title is a number',
      ({ meta }) => (meta.title = 3),
      (f) => `data/articles/sample.json: line ${lineOf(f.articles[0]!.metaJson, '"title"')}: field "title" must be a string or null, not the number 3`,
    ],
    [
      'empty outlet',
      ({ meta }) => (meta.outlet = ''),
      () => 'field "outlet" is empty; write null if the text does not say',
    ],
    [
      'published not a date',
      ({ meta }) => (meta.published = 'Friday'),
      () => 'field "published" must be an ISO date such as 2025-04-18, or null; not "Friday"',
    ],
    [
      'language not a tag',
      ({ meta }) => (meta.language = 'English'),
      () => 'field "language" must be a language tag such as "en", not "English"',
    ],
    [
      'misspelt metadata field',
      ({ meta }) => (meta.pubished = null),
      (f) => `data/articles/sample.json: line ${lineOf(f.articles[0]!.metaJson, '"pubished"')}: has unknown field "pubished"`,
    ],
    [
      'a null field without a reason',
      ({ meta }) => (meta.unknown = { outlet: 'The text names no outlet.' }),
      (f) =>
        `data/articles/sample.json: line ${lineOf(f.articles[0]!.metaJson, '"published"')}: field "published" is null but "unknown" ` +
        'does not say why; add "published": "<what the text does or does not say>" to "unknown"',
    ],
    [
      'a reason for a field that has a value',
      ({ meta }) => (meta.unknown = { ...META.unknown, title: 'No headline.' }),
      (f) =>
        `line ${lineOf(f.articles[0]!.metaJson, '"title": "No headline."')}: field "unknown" explains "title", but "title" has a value; remove one of them`,
    ],
    [
      'a reason for a field that cannot be unknown',
      ({ meta }) => (meta.unknown = { ...META.unknown, language: 'Unclear.' }),
      () => 'field "unknown" explains "language", which is not one of title, outlet, published',
    ],
    [
      'a title that is not a line of the text',
      ({ meta }) => (meta.title = 'Talks in Paris'),
      (f) =>
        `data/articles/sample.json: line ${lineOf(f.articles[0]!.metaJson, '"title"')}: field "title" is not a line of ` +
        'data/articles/sample.txt; copy the headline line exactly, or write null',
    ],
    [
      'an outlet the text does not name',
      ({ meta }) => {
        meta.outlet = 'Reuters';
        meta.unknown = { published: 'The text states no date.' };
      },
      () => 'field "outlet" ("Reuters") does not occur in data/articles/sample.txt; write the outlet only as the text names it, or null',
    ],
    [
      'file does not match the text file',
      ({ meta }) => (meta.file = 'other.txt'),
      (f) =>
        `data/articles/sample.json: line ${lineOf(f.articles[0]!.metaJson, '"file"')}: field "file" says "other.txt", ` +
        'but this metadata belongs to data/articles/sample.txt; write "sample.txt"',
    ],
    [
      'duplicate article id',
      ({ files }) => files.articles.push({ ...files.articles[0]!, metaPath: 'data/articles/copy.json' }),
      () => 'data/articles/copy.json: line 2: the article id "sample" is already used by data/articles/sample.json',
    ],
    [
      'empty article text',
      ({ files }) => (files.articles[0]!.text = ' \n'),
      () => 'data/articles/sample.txt: line 1: the article text is empty; paste the article, or remove it and its metadata',
    ],
    [
      'an article that is only site chrome',
      ({ meta, files }) => {
        meta.title = null;
        meta.unknown = { ...META.unknown, title: 'No headline.' };
        files.articles[0]!.text = 'Advertisement · Scroll to continue\nReply\n';
      },
      () => 'data/articles/sample.txt: line 1: has no paragraph of prose once site chrome, headings and lists are set aside',
    ],
    ['no articles', ({ files }) => (files.articles = []), () => 'The corpus has no articles'],
  ];

  it.each(errors)('rejects a corpus where %s, naming the file and the line', (_, edit, message) => {
    const files = corpus(edit);
    expect(() => buildCorpusIndex(files)).toThrow(CorpusError);
    expect(() => buildCorpusIndex(files)).toThrow(message(files));
  });

  it('names the parse problem of malformed JSON', () => {
    const files = corpus(({ files: f }) => (f.entities.json = '{"schema": 1,}'));
    expect(() => buildCorpusIndex(files)).toThrow(/^data\/entities\.json: is not valid JSON at line 1, column 14 \(.+\)$/);
  });
});
