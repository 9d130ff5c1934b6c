/**
 * Tests of the corpus in data/ itself: it builds; every span slices to its text; the quotations
 * listed in fixtures/quotations.json (written by reading the articles) go to the speakers a
 * careful reader assigns, and their cross-outlet variants are grouped; every entity is mentioned
 * and has a background that reads on its own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCorpusIndex } from '../../../src/core/corpus/build-index';
import { containment, contentWords, wordTokens } from '../../../src/core/corpus/wording';
import { compileMatcher } from '../../../src/core/match/matcher';
import type { ArticleSpan, Quote } from '../../../src/core/types';
import { readCorpusFiles } from './read-corpus-files';

const index = buildCorpusIndex(readCorpusFiles());
const articleById = new Map(index.articles.map((a) => [a.id, a]));
const entityById = new Map(index.entities.map((e) => [e.id, e]));

interface Listed {
  article: string;
  text: string;
  occurrence?: number;
  speaker: string | null;
  note?: string;
  remarks?: string[];
  why: string;
}
const listed: Listed[] = JSON.parse(readFileSync(new URL('fixtures/quotations.json', import.meta.url), 'utf8')).quotations;

/** Where a listed quotation is in its article. */
function spanOf(item: Listed): { start: number; end: number } {
  const text = articleById.get(item.article)?.text ?? '';
  let start = -1;
  for (let n = 0; n < (item.occurrence ?? 1); n++) start = text.indexOf(item.text, start + 1);
  if (start < 0) throw new Error(`fixtures/quotations.json: “${item.text}” is not in ${item.article}`);
  return { start, end: start + item.text.length };
}

/** The quotes of the index with a source overlapping a listed quotation. */
function quotesAt(item: Listed): Quote[] {
  const { start, end } = spanOf(item);
  return index.quotes.filter((q) =>
    q.sources.some((s) => s.articleId === item.article && s.start < end && start < s.end),
  );
}

const wordCount = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

describe('the bundled corpus', () => {
  it('has the five articles, with only the metadata their text supports, and why the rest is unknown', () => {
    expect(index.articles.map((a) => [a.file, a.title, a.outlet, a.published])).toEqual([
      ['000_f1ec4131f3109b56.txt', 'Trump Warns: U.S. May Walk Away From Ukraine Peace Talks Without Rapid Progress', 'Atlas News', null],
      ['001_8db88535de2cf5de.txt', 'Trump Warns: US May Quit Ukraine Peace Talks If No Progress', null, null],
      ['002_271a6032ed840e40.txt', 'Trump Threatens to Abandon Russia-Ukraine Peace Effort Without Swift Progress', null, null],
      ['003_4c7a2dd264b29dc2.txt', null, null, null],
      ['004_e593a034bf6b893c.txt', 'US Signals Impatience with Ukraine Peace Talks', 'AIgnite', null],
    ]);
    for (const article of index.articles) {
      const unknown = (['title', 'outlet', 'published'] as const).filter((field) => article[field] === null);
      expect(Object.keys(article.unknown).sort()).toEqual([...unknown].sort());
      expect(readFileSync(`data/articles/${article.file}`, 'utf8')).toBe(article.text);
    }
  });

  it('points every span (quotes, their sources, backgrounds) at exactly its text in the raw article', () => {
    const spans: ArticleSpan[] = [
      ...index.quotes.flatMap((q) => [q, ...q.sources]),
      ...index.entities.flatMap((e) => e.background),
    ];
    expect(spans.length).toBeGreaterThan(100);
    for (const span of spans) expect(articleById.get(span.articleId)?.text.slice(span.start, span.end)).toBe(span.text);
  });

  it('gives quotes unique ids, their fullest reported wording as the main one, and a note exactly when no one is named', () => {
    /** A source in an article's own prose: not a takeaway ("- …") nor an embedded tweet. */
    const reported = (s: ArticleSpan) => {
      const text = articleById.get(s.articleId)!.text;
      const lineEnd = text.indexOf('\n', s.end);
      const line = text.slice(text.lastIndexOf('\n', s.start) + 1, lineEnd < 0 ? undefined : lineEnd);
      return !line.startsWith('- ') && !line.includes('pic.twitter.com');
    };
    expect(new Set(index.quotes.map((q) => q.id)).size).toBe(index.quotes.length);
    for (const quote of index.quotes) {
      expect(quote.id).toMatch(new RegExp(`^${quote.sources[0]!.articleId}#q\\d+$`));
      const main = quote.sources.some(reported) ? quote.sources.filter(reported) : quote.sources;
      expect(main).toContainEqual({ articleId: quote.articleId, start: quote.start, end: quote.end, text: quote.text });
      expect(quote.text.length).toBe(Math.max(...main.map((s) => s.text.length)));
      if (quote.speaker === null) expect(quote.speakerNote).toBeDefined();
      else expect([quote.speaker, quote.speakerNote]).toEqual([quote.speaker, undefined]);
    }
  });

  it('attributes quotes only to covered people', () => {
    const people = new Set(index.entities.filter((e) => e.kind === 'person').map((e) => e.id));
    expect(index.quotes.filter((q) => q.speaker !== null && !people.has(q.speaker))).toEqual([]);
  });

  it('finds every quotation a careful reader lists', () => {
    expect(listed.filter((item) => quotesAt(item).length === 0).map((item) => item.text)).toEqual([]);
  });

  it('attributes at least 95% of the listed quotations of four or more words to the reader’s speaker', () => {
    const long = listed.filter((item) => wordCount(item.text) >= 4);
    expect(long.length).toBeGreaterThanOrEqual(30);
    const wrong = long.filter((item) => !quotesAt(item).every((q) => q.speaker === item.speaker));
    const disagreements = wrong.map((item) => `${item.article}: “${item.text}” → ${quotesAt(item).map((q) => q.speaker).join(', ')}`);
    expect(wrong.length / long.length, disagreements.join('\n')).toBeLessThanOrEqual(0.05);
  });

  it('attributes the short fragments too', () => {
    const short = listed.filter((item) => wordCount(item.text) < 4);
    const wrong = short.filter((item) => !quotesAt(item).every((q) => q.speaker === item.speaker));
    expect(wrong.map((item) => item.text)).toEqual([]);
  });

  it('never gives a document’s words to a person, and says what speaks instead', () => {
    const unattributed = listed.filter((item) => item.speaker === null);
    expect(unattributed.map((item) => item.note)).toContain('document');
    for (const item of unattributed) {
      expect(quotesAt(item).map((q) => [q.speaker, q.speakerNote])).toEqual([[null, item.note]]);
    }
  });

  it('groups the variants of each remark, in whatever outlet’s wording, into one quote', () => {
    const remarks = new Map<string, Listed[]>();
    for (const item of listed) for (const remark of item.remarks ?? []) remarks.set(remark, [...(remarks.get(remark) ?? []), item]);
    expect(remarks.size).toBeGreaterThanOrEqual(10);
    for (const [remark, items] of remarks) {
      const candidates = quotesAt(items[0]!);
      const grouping = candidates.find((q) => items.every((item) => quotesAt(item).includes(q)));
      expect(grouping, `${remark}: ${items.map((i) => `${i.article} “${i.text}”`).join(' / ')}`).toBeDefined();
      expect(new Set(grouping!.sources.map((s) => s.articleId)).size).toBe(new Set(items.map((i) => i.article)).size);
    }
  });

  it('keeps remarks that are not the same apart', () => {
    // Trump’s and Rubio’s warnings both say "difficult" and "weeks", yet are not one remark.
    for (const quote of index.quotes) {
      const speakers = new Set(
        listed.filter((item) => quotesAt(item).includes(quote) && item.speaker !== null).map((item) => item.speaker),
      );
      expect([...speakers].length, quote.text).toBeLessThanOrEqual(1);
    }
  });

  /** Each case: an article, a speaker's name in it, a namesake to put in its place, and a quote
   *  that must then lose its speaker. */
  const namesakeSwaps: [string, string, string, string][] = [
    ['atlas-news-walk-away', 'Vice President JD Vance', 'Usha Vance', 'We’re optimistic we can bring'],
    ['trump-threatens-to-abandon-peace-effort', '” Trump said.', '” Donald Trump Jr. said.', 'My whole life has been'],
    ['trump-threatens-to-abandon-peace-effort', '” Trump said.', '” Donald Trump Jr. said.', 'I know when people are playing us'],
  ];

  it.each(namesakeSwaps)('in %s, with “%s” made “%s”, gives no one the quote', (articleId, name, namesake, words) => {
    const files = readCorpusFiles();
    const article = files.articles.find((a) => JSON.parse(a.metaJson).id === articleId)!;
    expect(article.text.split(name)).toHaveLength(2);
    const speakerOf = (quotes: Quote[]) =>
      quotes.filter((q) => q.sources.some((s) => s.articleId === articleId && s.text.includes(words))).map((q) => q.speaker);
    expect(speakerOf(index.quotes)).toHaveLength(1);
    expect(speakerOf(index.quotes)[0]).not.toBeNull();
    article.text = article.text.replace(name, namesake);
    expect(speakerOf(buildCorpusIndex(files).quotes)).toEqual([null]);
  });

  it('mentions every covered entity in at least one article', () => {
    const matcher = compileMatcher(index.entities);
    const mentioned = new Set(index.articles.flatMap((a) => matcher.findAll(a.text).map((m) => m.entityId)));
    expect(index.entities.map((e) => e.id).filter((id) => !mentioned.has(id))).toEqual([]);
  });

  it('covers the people, topics and places the issue lists', () => {
    const ids = index.entities.map((e) => e.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'donald-trump', 'marco-rubio', 'volodymyr-zelensky', 'vladimir-putin', 'dmitry-peskov', 'jd-vance',
        'steve-witkoff', 'giorgia-meloni', 'emmanuel-macron', 'sergei-lavrov', 'scott-bessent', 'yulia-svyrydenko',
        'andrii-sybiha', 'ivanna-klympush-tsintsadze', 'peace-talks', 'us-walk-away-threat', 'ceasefire',
        'minerals-deal', 'security-guarantees', 'nato-membership', 'energy-strikes-moratorium',
        'strikes-on-sumy-and-kharkiv', 'paris-talks', 'london-talks', 'sanctions', 'territorial-demands', 'kremlin',
        'sumy', 'kharkiv',
      ]),
    );
    for (const entity of index.entities) expect(entity.caseRule).toBe(entity.kind === 'topic' ? 'any' : 'proper');
  });

  it('draws every role from the corpus: each of its words is a word of the articles', () => {
    const corpusWords = new Set(index.articles.flatMap((a) => wordTokens(a.text)));
    for (const entity of index.entities) {
      const missing = [...contentWords(wordTokens(entity.role))].filter((w) => !corpusWords.has(w));
      expect(missing, `${entity.id}: "${entity.role}"`).toEqual([]);
    }
  });
});

describe('the backgrounds', () => {
  const CONTEXT_OPENER = /^(?:He|She|They|It|This|That|These|Those|His|Her|Their|Its|However|But|And|Still|Yet|Also)\b/;

  it('give every entity 2 to 4 sentences, with their sources and the date status', () => {
    for (const entity of index.entities) {
      expect(entity.background.length, entity.id).toBeGreaterThanOrEqual(2);
      expect(entity.background.length, entity.id).toBeLessThanOrEqual(4);
      expect(entity.sources).toEqual([...new Set(entity.background.map((s) => s.articleId))]);
      // No article states a publication date, so no background can be dated.
      expect(entity.asOf).toEqual({ status: 'undated', date: null });
    }
  });

  it('pick sentences that read on their own: no opening pronoun or connective, no quotation cut in two', () => {
    for (const { id, background } of index.entities) {
      for (const { text } of background) {
        expect(text, id).not.toMatch(CONTEXT_OPENER);
        expect(text, id).not.toMatch(/^[“"]/);
        expect((text.match(/[“”"]/g)?.length ?? 0) % 2, `${id}: ${text}`).toBe(0);
      }
    }
  });

  it('pick no near-duplicates and take no sentence from site chrome, headings or takeaways', () => {
    for (const { id, background } of index.entities) {
      background.forEach((a, i) => {
        expect(a.text, id).not.toMatch(/^- |pic\.twitter\.com|Advertisement|Reply$|\s\d \d \d/u);
        for (const b of background.slice(i + 1)) {
          const shared = containment(contentWords(wordTokens(a.text)), contentWords(wordTokens(b.text)));
          expect(shared.ratio, `${id}:\n${a.text}\n${b.text}`).toBeLessThan(0.45);
        }
      });
    }
  });

  it('name the entity in their first sentence, and mostly name it throughout', () => {
    const matcher = compileMatcher(index.entities.map((e) => ({ ...e, namesakes: [] })));
    let named = 0;
    let total = 0;
    for (const entity of index.entities) {
      const names = (text: string) =>
        compileMatcher([entity]).findAll(text).length > 0 || matcher.findAll(text).some((m) => m.entityId === entity.id);
      expect(names(entity.background[0]!.text), `${entity.id}: ${entity.background[0]!.text}`).toBe(true);
      for (const s of entity.background) {
        total++;
        if (names(s.text)) named++;
      }
    }
    expect(named / total).toBeGreaterThan(0.8);
  });

  it('draw on more than one article wherever at least three name the entity', () => {
    const matcher = compileMatcher(index.entities);
    for (const entity of index.entities) {
      const naming = index.articles.filter((a) => matcher.findAll(a.text).some((m) => m.entityId === entity.id));
      if (naming.length >= 3) expect(entity.sources.length, entity.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('answer the issue’s example: Rubio is the US Secretary of State', () => {
    expect(entityById.get('marco-rubio')?.role).toBe('US Secretary of State');
  });
});
