import { beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../../build.mjs';
import {
  coverage,
  createSearcher,
  createSearchIndex,
  excerpt,
  LIMITS,
  QUOTE_CHARS,
  segments,
  warmUpQuery,
  words,
  type CorpusSearch,
  type Segment,
} from '../../src/core/search';
import type { Article, CorpusIndex, Entity, Quote } from '../../src/core/types';
import { foldedWords, WordIndex } from '../../src/core/word-index';

const plain = (s: Segment[]) => s.map((x) => x.text).join('');
const marked = (s: Segment[]) => s.filter((x) => x.marked).map((x) => x.text);

function entity(id: string, name: string, aliases: string[], kind: Entity['kind'] = 'person'): Entity {
  return {
    id,
    kind,
    name,
    role: `role of ${name}`,
    aliases: [name, ...aliases],
    namesakes: [],
    caseRule: kind === 'person' ? 'proper' : 'any',
    related: [],
    background: [],
    asOf: { status: 'undated', date: null },
    sources: [],
  };
}

function article(id: string, title: string | null, outlet: string | null, text: string): Article {
  return { id, file: `${id}.txt`, title, outlet, published: null, language: 'en', unknown: {}, text };
}

/** A span of `a`'s text: the first place `words` appear. */
function span(a: Article, words: string) {
  const start = a.text.indexOf(words);
  if (start < 0) throw new Error(`"${words}" is not in ${a.id}`);
  return { articleId: a.id, start, end: start + words.length, text: words };
}

/** A quote whose wordings are `spans`, the first the fullest. */
function quote(id: string, speaker: string | null, ...spans: ReturnType<typeof span>[]): Quote {
  return { id, speaker, ...(speaker === null && { speakerNote: 'unnamed official' as const }), ...spans[0]!, sources: spans };
}

const talks = article(
  'talks',
  'Envoys Meet in Paris as Deadline Nears',
  'Example Wire',
  [
    'Envoys Meet in Paris as Deadline Nears',
    '',
    '“We are not going to wait forever for a ceasefire,” Marco Rubio said after the meeting.',
    'Volodymyr Zelensky said the drone strikes overnight were “a mockery of diplomacy”.',
    `${'Officials spoke at length about logistics and schedules. '.repeat(6)}The grain corridor was mentioned once.`,
  ].join('\n'),
);
const briefing = article(
  'briefing',
  null,
  null,
  'A short briefing note without a headline. Rubio said “move on” twice. He said we will not wait for ever for a truce. An aide called it “theatre”.',
);

const fixture: CorpusIndex = {
  schema: 1,
  entities: [
    entity('marco-rubio', 'Marco Rubio', ['Rubio', 'Марко Рубио']),
    entity('volodymyr-zelensky', 'Volodymyr Zelensky', ['Zelensky', 'Zelenskyy', 'Selenskyj', 'Зеленський']),
    entity('giorgia-meloni', 'Giorgia Meloni', ['Meloni']),
    entity('ceasefire', 'Ceasefire', ['truce'], 'topic'),
  ],
  articles: [talks, briefing],
  quotes: [
    quote(
      'talks#q1',
      'marco-rubio',
      span(talks, 'We are not going to wait forever for a ceasefire'),
      span(briefing, 'we will not wait for ever for a truce'),
    ),
    quote('talks#q2', 'volodymyr-zelensky', span(talks, 'a mockery of diplomacy')),
    quote('briefing#q1', 'marco-rubio', span(briefing, 'move on')),
    quote('briefing#q2', null, span(briefing, 'theatre')),
  ],
};

/** As the popup gets it: the index file written as JSON and read back. */
const fromFile = (index: CorpusIndex): CorpusSearch =>
  createSearcher(index, JSON.parse(JSON.stringify(createSearchIndex(index))));

describe('search over a small corpus', () => {
  const searcher = fromFile(fixture);

  it('finds a person by the start of a name, marking what matched', () => {
    const { people } = searcher.search('zelen');
    expect(people[0]?.entity.id).toBe('volodymyr-zelensky');
    expect(marked(people[0]!.name)).toEqual(['Zelen']);
    expect(people[0]!.alias).toBeNull();
  });

  it('finds a person by a non-Latin alias and shows that alias', () => {
    const { people } = searcher.search('Зеленс');
    expect(people.map((h) => h.entity.id)).toEqual(['volodymyr-zelensky']);
    expect(marked(people[0]!.name)).toEqual([]);
    expect(plain(people[0]!.alias!)).toBe('Зеленський');
    expect(marked(people[0]!.alias!)).toEqual(['Зеленс']);
  });

  it('forgives a typo in a name', () => {
    expect(searcher.search('zelemsky').people[0]?.entity.id).toBe('volodymyr-zelensky');
  });

  it('puts topics in their own group', () => {
    const found = searcher.search('truce');
    expect(found.topics.map((h) => h.entity.id)).toEqual(['ceasefire']);
    expect(found.people).toEqual([]);
  });

  it('finds a quote from a few of its words, in any order, with its speaker and span', () => {
    const { quotes } = searcher.search('forever wait ceasefire');
    expect(quotes[0]?.quote.id).toBe('talks#q1');
    expect(quotes[0]!.speaker?.name).toBe('Marco Rubio');
    expect(plain(quotes[0]!.text)).toBe('We are not going to wait forever for a ceasefire');
    expect(marked(quotes[0]!.text)).toEqual(expect.arrayContaining(['wait', 'forever', 'ceasefire']));
    const { articleId, start, end } = quotes[0]!.span;
    expect(fixture.articles.find((a) => a.id === articleId)!.text.slice(start, end)).toBe(quotes[0]!.quote.text);
  });

  it('finds quotes by their speaker, in any script', () => {
    for (const query of ['rubio', 'Рубио']) {
      const ids = searcher.search(query).quotes.map((h) => h.quote.id);
      expect(ids.sort()).toEqual(['briefing#q1', 'talks#q1']);
    }
    const [hit] = searcher.search('rubio').quotes;
    expect(marked(hit!.speakerName)).toEqual(['Rubio']);
  });

  it('links to the wording that matched, when outlets worded a remark differently', () => {
    const [hit] = searcher.search('truce ever').quotes;
    expect(hit?.quote.id).toBe('talks#q1');
    expect(plain(hit!.text)).toBe('we will not wait for ever for a truce');
    expect(hit!.span).toEqual({ articleId: 'briefing', start: briefing.text.indexOf('we will'), end: briefing.text.indexOf('we will') + 37 });
  });

  it('finds a quote nobody covered said, without a speaker', () => {
    const [hit] = searcher.search('theatre').quotes;
    expect(hit?.quote.id).toBe('briefing#q2');
    expect(hit!.speaker).toBeNull();
    expect(hit!.speakerName).toEqual([]);
  });

  it('pays no heed to one-letter words, which say nothing about which quote is meant', () => {
    expect(searcher.search('wait for a ceasefire').quotes[0]?.quote.id).toBe('talks#q1');
  });

  it('needs every word of a multi-word query', () => {
    expect(searcher.search('mockery ceasefire').quotes).toEqual([]);
  });

  it('finds an article by its title, and by its text with an excerpt around the match', () => {
    const byTitle = searcher.search('envoys paris').articles;
    expect(byTitle.map((h) => h.article.id)).toEqual(['talks']);
    expect(marked(byTitle[0]!.title)).toEqual(['Envoys', 'Paris']);

    const byText = searcher.search('grain corridor').articles;
    expect(byText.map((h) => h.article.id)).toEqual(['talks']);
    const text = plain(byText[0]!.excerpt!);
    expect(text).toContain('grain corridor');
    expect(text.startsWith('…')).toBe(true);
    expect(marked(byText[0]!.excerpt!)).toEqual(['grain', 'corridor']);
  });

  it('gives an article without a headline an empty title to fill in', () => {
    const [hit] = searcher.search('briefing note').articles;
    expect(hit?.article.id).toBe('briefing');
    expect(hit!.title).toEqual([]);
  });

  it('returns nothing for an empty or blank query', () => {
    for (const query of ['', '   ']) {
      expect(searcher.search(query)).toEqual({ people: [], topics: [], quotes: [], articles: [] });
    }
  });

  it('finds nothing for words the corpus does not hold', () => {
    expect(searcher.search('xylophone quartz')).toEqual({ people: [], topics: [], quotes: [], articles: [] });
  });
});

describe('search through the word index', () => {
  const searcher = fromFile(fixture);

  it('finds an article by the start of a word still being typed, marking only that start', () => {
    const [hit] = searcher.search('grain corri').articles;
    expect(hit?.article.id).toBe('talks');
    expect(marked(hit!.excerpt!)).toEqual(['grain', 'corri']);
  });

  it('finds articles and quotes whatever the diacritics and letter case of the query', () => {
    expect(searcher.search('ÉNVOYS').articles.map((h) => h.article.id)).toEqual(['talks']);
    expect(searcher.search('théâtre').quotes.map((h) => h.quote.id)).toEqual(['briefing#q2']);
    expect(marked(searcher.search('MÖCKERY').quotes[0]!.text)).toEqual(['mockery']);
  });

  it('finds a quote by its speaker’s Cyrillic alias, and by the start of it', () => {
    for (const query of ['Зеленський', 'Зелен']) {
      expect(searcher.search(query).quotes.map((h) => h.quote.id)).toEqual(['talks#q2']);
    }
  });

  it('forgives a typo in a long word of the text', () => {
    expect(searcher.search('corridr').articles.map((h) => h.article.id)).toEqual(['talks']);
  });

  it('finds no article or quote from one-letter words alone', () => {
    const found = searcher.search('a I');
    expect([found.quotes, found.articles]).toEqual([[], []]);
  });
});

describe('createSearcher', () => {
  it('refuses a search index built from another corpus', () => {
    const file = createSearchIndex({ ...fixture, quotes: fixture.quotes.slice(1) });
    expect(() => createSearcher(fixture, file)).toThrow(/does not match index\.json \(quotes: 3 vs 4\)/);
  });

  it('refuses something that is not a search index, or one of an older format', () => {
    expect(() => createSearcher(fixture, { schema: 1 } as never)).toThrow(/not a Backstory search index/);
  });
});

describe('words', () => {
  it.each([
    ['We’re not here to waste time.', ['We', 're', 'not', 'here', 'to', 'waste', 'time']],
    ['a point, I said', ['point', 'said']],
    ['Зеленський і Рубіо', ['Зеленський', 'Рубіо']],
    ['', []],
  ])('%s', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });
});

describe('segments', () => {
  it.each([
    ['no ranges', 'abcdef', [], [{ text: 'abcdef', marked: false }]],
    ['one range', 'abcdef', [[1, 2]], [{ text: 'a', marked: false }, { text: 'bc', marked: true }, { text: 'def', marked: false }]],
    ['overlapping and unsorted ranges', 'abcdef', [[3, 4], [0, 1], [1, 3]], [{ text: 'abcde', marked: true }, { text: 'f', marked: false }]],
    ['ranges past the end', 'abc', [[2, 9]], [{ text: 'ab', marked: false }, { text: 'c', marked: true }]],
    ['empty text', '', [[0, 3]], []],
  ] as [string, string, [number, number][], Segment[]][])('%s', (_name, text, ranges, expected) => {
    expect(segments(text, ranges)).toEqual(expected);
  });
});

describe('excerpt', () => {
  const long = `${'one two three four five six seven eight nine ten '.repeat(10)}needle ${'alpha beta gamma delta '.repeat(10)}`;

  it('keeps a short text whole', () => {
    expect(excerpt('short text', [[0, 4]], 40)).toEqual(segments('short text', [[0, 4]]));
  });

  it('clips a long text around the match, at word boundaries, saying where it cut', () => {
    const at = long.indexOf('needle');
    const parts = excerpt(long, [[at, at + 5]], 80);
    const text = plain(parts);
    expect(marked(parts)).toEqual(['needle']);
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(82);
    // Whole words only, between the ellipses.
    for (const word of text.slice(1, -1).trim().split(' ')) expect(long.split(' ')).toContain(word);
  });

  it('shows the stretch with the most matched characters', () => {
    const first = long.indexOf('three');
    const dense = long.indexOf('alpha');
    const ranges: [number, number][] = [
      [first, first + 4],
      [dense, dense + 4],
      [dense + 6, dense + 9],
      [dense + 11, dense + 15],
    ];
    expect(marked(excerpt(long, ranges, 60))).toEqual(['alpha', 'beta', 'gamma']);
  });
});

describe('coverage', () => {
  it('lists people and topics apart, in corpus order, with the counts', () => {
    const c = coverage(fixture);
    expect(c.people.map((e) => e.id)).toEqual(['marco-rubio', 'volodymyr-zelensky', 'giorgia-meloni']);
    expect(c.topics.map((e) => e.id)).toEqual(['ceasefire']);
    expect([c.quoteCount, c.articleCount]).toEqual([4, 2]);
  });
});

describe('search over the bundled corpus', () => {
  let index: CorpusIndex;
  let searcher: CorpusSearch;
  beforeAll(async () => {
    index = await buildCorpus();
    searcher = fromFile(index);
  });

  it('keeps search-index.json small: under twice the text it indexes', () => {
    const file = JSON.stringify(createSearchIndex(index));
    const text = index.articles.reduce((n, a) => n + a.text.length, 0) + index.quotes.reduce((n, q) => n + q.sources.reduce((m, s) => m + s.text.length, 0), 0);
    expect(file.length).toBeLessThan(2 * text);
  });

  it('indexes every word of every article and quote, and every start of it', () => {
    const file = createSearchIndex(index);
    const check = (words: WordIndex, docs: string[][]) => {
      docs.forEach((texts, d) => {
        for (const word of new Set(texts.flatMap(foldedWords))) {
          for (const query of [word, word.slice(0, 2)]) {
            expect(words.search([query], [1, 1, 1], words.docCount).docs, `"${query}" should find document ${d}`).toContain(d);
          }
        }
      });
    };
    check(new WordIndex(file.articles), index.articles.map((a) => [a.title ?? '', a.outlet ?? '', a.text]));
    // The quote index holds each wording of each quote as a document of its own.
    check(new WordIndex(file.quotes), index.quotes.flatMap((q) => (q.sources.length > 0 ? q.sources : [q]).map((s) => [s.text])));
  });

  it('finds each article by words of its title and text, marking the word where it shows it', () => {
    // The bundled articles are no more than the popup lists, so each must be among the results.
    expect(index.articles.length).toBeLessThanOrEqual(LIMITS.articles);
    for (const article of index.articles) {
      // Every ninth distinct word: the index itself is checked word by word above.
      const sample = [...new Set(words(`${article.title ?? ''} ${article.text}`).map((w) => w.toLowerCase()))].filter((_, i) => i % 9 === 0);
      for (const word of sample) {
        const hit = searcher.search(word).articles.find((h) => h.article.id === article.id);
        expect(hit, `"${word}" should find ${article.id}`).toBeDefined();
        const shown = [...marked(hit!.title), ...(hit!.excerpt ? marked(hit!.excerpt) : [])].map((m) => m.toLowerCase());
        expect(shown, `"${word}" should be marked in ${article.id}`).toContain(word);
      }
    }
  });

  it('warms up with a query that runs every step of a search: an entity, quotes and articles found', () => {
    const found = searcher.search(warmUpQuery(index));
    expect(found.people.length + found.topics.length).toBeGreaterThan(0);
    expect(found.quotes.length).toBeGreaterThan(0);
    expect(found.articles.length).toBeGreaterThan(0);
  });

  it('lists Volodymyr Zelensky first for "zelen"', () => {
    const found = searcher.search('zelen');
    expect(found.people[0]?.entity.name).toBe('Volodymyr Zelensky');
  });

  it('finds each of Rubio’s longer quotes from a few of its words, with Rubio as the speaker', () => {
    const rubio = index.quotes.filter((q) => q.speaker === 'marco-rubio' && q.text.split(' ').length >= 8);
    expect(rubio.length).toBeGreaterThan(0);
    for (const q of rubio) {
      // Four words in a row, the run that says most (the longest words), as someone might
      // remember them.
      const words = q.text.split(' ');
      let from = 0;
      const weight = (i: number) => words.slice(i, i + 4).join('').length;
      for (let i = 1; i + 4 <= words.length; i++) if (weight(i) > weight(from)) from = i;
      const query = words.slice(from, from + 4).join(' ');
      const [hit] = searcher.search(query).quotes;
      expect(hit?.quote.id, `"${query}" should find ${q.id} first`).toBe(q.id);
      expect(hit!.speaker?.id).toBe('marco-rubio');
      // The wording shown is one of the quote's own, whole or clipped around the match.
      const shown = plain(hit!.text).replace(/^…|…$/g, '');
      expect(q.sources.some((s) => s.text.includes(shown) && (s.text.length > QUOTE_CHARS || s.text === shown))).toBe(true);
    }
  });
});
