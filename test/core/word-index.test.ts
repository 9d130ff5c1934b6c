import { describe, expect, it } from 'vitest';
import { buildWordIndex, fold, foldedWords, markWords, WordIndex, wordMarker, type WordDoc } from '../../src/core/word-index';

/** The index as the popup gets it: written as JSON and read back. */
const open = (docs: WordDoc[], fields: number) => new WordIndex(JSON.parse(JSON.stringify(buildWordIndex(docs, fields))));

/** The documents every query word is found in, in document order. */
const found = (index: WordIndex, query: string) => index.search(foldedWords(query), [1, 1, 1], index.docCount).docs.sort((a, b) => a - b);

/** Marked stretches of `text`. */
const marks = (text: string, ranges: [number, number][]) => ranges.map(([a, b]) => text.slice(a, b + 1));

describe('fold', () => {
  it.each([
    ['Zelenskyy', 'zelenskyy'],
    ['ZELENSKYY', 'zelenskyy'],
    ['Žižek', 'zizek'],
    ['Łódź', 'lodz'],
    ['Straße', 'strasse'],
    ['Zelenšky', 'zelensky'],
    ['Ze\u0301lensky', 'zelensky'],
    ['Зеленський', 'зеленськии'],
    ['Рубио', 'рубио'],
  ])('%s → %s', (text, expected) => {
    expect(fold(text)).toBe(expected);
  });
});

describe('buildWordIndex', () => {
  const docs: WordDoc[] = [
    ['Talks in Paris', 'Wire', 'Paris talks resumed; the envoys met.'],
    ['', '', 'No headline, a short note.'],
    ['Kyiv', 'Wire', ['Зеленський said so.', 'Selenskyj sagte es.']],
  ];
  const file = buildWordIndex(docs, 3);

  it('holds every folded word of every field, sorted, and no one-letter word', () => {
    const expected = new Set(docs.flatMap((d) => d.flat().flatMap(foldedWords)));
    expect(new Set(file.terms)).toEqual(expected);
    expect(file.terms).toEqual([...file.terms].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(file.terms).not.toContain('a');
  });

  it('keeps one posting per document and term, with a bit for each field that holds it', () => {
    const postings = (term: string) => {
      let v = 0;
      return file.postings[file.terms.indexOf(term)]!.map((d) => (v += d)).map((p) => [Math.floor(p / 8), p % 8]);
    };
    // "paris": title (bit 1) and text (bit 4) of document 0.
    expect(postings('paris')).toEqual([[0, 1 | 4]]);
    expect(postings('wire')).toEqual([[0, 2], [2, 2]]);
    expect(postings('зеленськии')).toEqual([[2, 4]]);
  });

  it('refuses more fields than a posting has bits for', () => {
    expect(() => buildWordIndex([], 9)).toThrow(/1 to 8 fields/);
  });
});

describe('WordIndex.search', () => {
  const docs: WordDoc[] = [
    ['Envoys Meet in Paris', 'Example Wire', 'The ceasefire talks resumed. Volodymyr Zelensky spoke.'],
    ['', '', 'A Žižek lecture on the grain corridor, with Łukasz and Straße names.'],
    ['Kyiv', '', 'Зеленський заявив про перемир’я. We will not accept it.'],
    ['Ceasefires', '', 'Two ceasefires failed.'],
  ];
  const index = open(docs, 3);

  it.each([
    ['a whole word', 'corridor', [1]],
    ['a word in any letter case', 'CORRIDOR', [1]],
    ['a word of the title', 'envoys', [0]],
    ['a word of the outlet', 'example', [0]],
    ['the start of the last word, still being typed', 'zelen', [0]],
    ['the start of any word', 'cease', [0, 3]],
    ['a word as the start of a longer one', 'ceasefire', [0, 3]],
    ['a word written without its diacritics', 'zizek lukasz', [1]],
    ['a word written with diacritics the text lacks', 'zelenšky', [0]],
    ['ß spelled out', 'strasse', [1]],
    ['a Cyrillic word, and its start', 'зеленський', [2]],
    ['a Cyrillic start', 'Зелен', [2]],
    ['a Cyrillic word without its breve', 'зеленськии', [2]],
    ['every word, in any order', 'accept we will', [2]],
    ['a typo in a long word', 'corrudor', [1]],
    ['a typo in a word still being typed', 'zelemsk', [0]],
  ])('finds %s', (_what, query, expected) => {
    expect(found(index, query)).toEqual(expected);
  });

  it.each([
    ['a word the text does not hold', 'xylophone'],
    ['a word none of whose documents holds the other', 'corridor ceasefire'],
    ['the middle of a word', 'fire'],
    ['a typo in a word under five letters', 'gran'],
    ['only one-letter words', 'a I'],
    ['nothing', ''],
  ])('finds nothing for %s', (_what, query) => {
    expect(found(index, query)).toEqual([]);
  });

  it('ranks a title above text, and a whole word above a word it only begins', () => {
    expect(index.search(['ceasefire'], [3, 1, 1], 10).docs).toEqual([3, 0]);
    expect(index.search(['ceasefire'], [1, 1, 1], 10).docs).toEqual([0, 3]);
  });

  it('returns at most `limit` documents, best first', () => {
    expect(index.search(['the'], [1, 1, 1], 1).docs).toEqual([0]);
  });

  it('finds every word of every document, and every start of it', () => {
    for (const [d, doc] of docs.entries()) {
      for (const word of doc.flat().flatMap(foldedWords)) {
        expect(found(index, word), word).toContain(d);
        expect(found(index, word.slice(0, 2)), word.slice(0, 2)).toContain(d);
      }
    }
  });
});

describe('markWords', () => {
  const index = open([['', '', 'Žižek met Zelensky in Straße. We were there.']], 3);
  const text = 'Žižek met Zelensky in Straße. We were there.';
  const mark = (query: string) => marks(text, markWords(text, index.search(foldedWords(query), [1, 1, 1], 1).terms));

  it.each([
    ['whole words', 'zizek zelensky', ['Žižek', 'Zelensky']],
    ['the start a query covers, in the text’s own letters', 'ziz zel', ['Žiž', 'Zel']],
    ['every word a start begins', 'we', ['We', 'we']],
    ['a start spelled out where the text has ß', 'stras', ['Straß']],
    ['a word one edit away, whole', 'zelemsky', ['Zelensky']],
  ])('marks %s', (_what, query, expected) => {
    expect(mark(query)).toEqual(expected);
  });

  it('keeps a combining mark with the letter it sits on', () => {
    const decomposed = 'Ze\u0301lensky';
    const terms = open([['', '', decomposed]], 3).search(['ze'], [1, 1, 1], 1).terms;
    expect(marks(decomposed, markWords(decomposed, terms))).toEqual(['Ze\u0301']);
  });
});

describe('wordMarker', () => {
  it('marks as markWords does, for a text it has seen before and for one pushed out of its memory', () => {
    const texts = ['Zelensky spoke.', 'Zelenskyy spoke too.', 'Nobody else did.'];
    const index = open(texts.map((t) => ['', '', t]), 3);
    const mark = wordMarker(2);
    for (const query of ['zel', 'spoke', 'zelenskyy', 'zel']) {
      const { terms } = index.search(foldedWords(query), [1, 1, 1], 3);
      for (const text of [...texts, ...texts]) expect(mark(text, terms), `${query} in ${text}`).toEqual(markWords(text, terms));
    }
  });
});
