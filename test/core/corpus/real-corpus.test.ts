/**
 * Tests of the corpus in data/ itself: it builds, every quote points at its span, the known
 * quotes go to the right people and every covered entity appears in the articles.
 */
import { describe, expect, it } from 'vitest';
import { buildCorpusIndex } from '../../../src/core/corpus/build-index';
import { compileMatcher } from '../../../src/core/match/matcher';
import { readCorpusFiles } from './read-corpus-files';

const index = buildCorpusIndex(readCorpusFiles());
const articleById = new Map(index.articles.map((a) => [a.id, a]));
const quotesOf = (speakerId: string) => index.quotes.filter((q) => q.speakerId === speakerId);

describe('the bundled corpus', () => {
  it('has the five articles, with only the metadata their text supports', () => {
    expect(index.articles.map((a) => [a.file, a.title, a.outlet, a.published])).toEqual([
      ['000_f1ec4131f3109b56.txt', 'Trump Warns: U.S. May Walk Away From Ukraine Peace Talks Without Rapid Progress', 'Atlas News', null],
      ['001_8db88535de2cf5de.txt', 'Trump Warns: US May Quit Ukraine Peace Talks If No Progress', null, null],
      ['002_271a6032ed840e40.txt', 'Trump Threatens to Abandon Russia-Ukraine Peace Effort Without Swift Progress', null, null],
      ['003_4c7a2dd264b29dc2.txt', null, null, null],
      ['004_e593a034bf6b893c.txt', 'US Signals Impatience with Ukraine Peace Talks', 'AIgnite', null],
    ]);
    for (const article of index.articles) {
      if (article.title !== null) expect(article.text.split('\n').slice(0, 4)).toContain(article.title);
      if (article.outlet !== null) expect(article.text).toContain(article.outlet);
    }
  });

  it('points every quote at exactly its words in the raw text', () => {
    expect(index.quotes.length).toBeGreaterThan(30);
    for (const quote of index.quotes) {
      const article = articleById.get(quote.articleId);
      expect(article?.text.slice(quote.start, quote.end)).toBe(quote.text);
      expect(quote.id).toMatch(new RegExp(`^${quote.articleId}#q\\d+$`));
    }
    expect(new Set(index.quotes.map((q) => q.id)).size).toBe(index.quotes.length);
  });

  /** Each case: an article, words of one quote, who said them. */
  const known: [string, string, string][] = [
    ['atlas-news-walk-away', 'If this isn’t going to happen, then we’re moving on.', 'marco-rubio'],
    ['atlas-news-walk-away', 'quite difficult', 'dmitry-peskov'],
    ['atlas-news-walk-away', 'open to dialogue', 'dmitry-peskov'],
    ['atlas-news-walk-away', 'We’re optimistic we can bring this very brutal war to a close', 'jd-vance'],
    ['atlas-news-walk-away', 'If one of the parties makes it very difficult, we’ll just take a pass', 'donald-trump'],
    ['atlas-news-walk-away', 'We’re not here to waste time.', 'donald-trump'],
    ['atlas-news-walk-away', 'substantially what we’d agreed on previously', 'scott-bessent'],
    ['atlas-news-walk-away', 'There is a lot to do', 'yulia-svyrydenko'],
    ['atlas-news-walk-away', 'but the pace and results so far', 'yulia-svyrydenko'],
    ['us-may-quit-peace-talks', 'Ballistic missiles, cruise missiles, drones — a mockery of our people and cities', 'volodymyr-zelensky'],
    ['us-may-quit-peace-talks', 'expired', 'dmitry-peskov'],
    ['us-may-quit-peace-talks', 'optimistic', 'jd-vance'],
    ['trump-threatens-to-abandon-peace-effort', 'very brutal war', 'jd-vance'],
    ['trump-threatens-to-abandon-peace-effort', 'My whole life has been one big negotiation', 'donald-trump'],
    ['administration-threatens-to-walk-away', 'Russia is striving toward resolving this conflict', 'dmitry-peskov'],
    ['administration-threatens-to-walk-away', 'terrible and senseless', 'donald-trump'],
    ['aignite-us-signals-impatience', 'it is not our war', 'marco-rubio'],
  ];

  it.each(known)('in %s attributes “%s” to %s', (articleId, words, speakerId) => {
    const found = index.quotes.filter((q) => q.articleId === articleId && q.text.includes(words));
    expect(found.map((q) => q.speakerId)).toEqual([speakerId]);
  });

  it('gives both halves of a quote split around “he said” to the same speaker', () => {
    const article = articleById.get('trump-threatens-to-abandon-peace-effort')!;
    const quotes = index.quotes.filter((q) => q.articleId === article.id);
    const first = quotes.findIndex((q) => q.text.startsWith('We’re not going to continue this endeavour'));
    expect(first).toBeGreaterThanOrEqual(0);
    const [before, after] = [quotes[first]!, quotes[first + 1]!];
    expect(article.text.slice(before.end, after.start)).toBe(',” he said. “');
    expect(after.text).toMatch(/^We need to determine very quickly/);
    expect([before.speakerId, after.speakerId]).toEqual(['marco-rubio', 'marco-rubio']);
  });

  /** Quotes the text gives to no covered person: an institution, a memo, the outlet itself. */
  const unattributed: [string, string][] = [
    ['atlas-news-walk-away', 'The American people desire to invest'],
    ['trump-threatens-to-abandon-peace-effort', 'constructive and positive'],
    ['trump-threatens-to-abandon-peace-effort', 'term sheet'],
    ['administration-threatens-to-walk-away', 'America First'],
    ['administration-threatens-to-walk-away', 'The Ukraine war is a terrible thing'],
    ['aignite-us-signals-impatience', 'move on'],
  ];

  it.each(unattributed)('in %s leaves “%s” unattributed', (articleId, words) => {
    expect(index.quotes.filter((q) => q.articleId === articleId && q.text.includes(words))).toEqual([]);
  });

  it('attributes quotes only to covered people', () => {
    const people = new Set(index.entities.filter((e) => e.kind === 'person').map((e) => e.id));
    expect(index.quotes.filter((q) => !people.has(q.speakerId))).toEqual([]);
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
    expect(index.quotes.filter((q) => q.articleId === articleId && q.text.includes(words))).toHaveLength(1);
    article.text = article.text.replace(name, namesake);
    const quotes = buildCorpusIndex(files).quotes.filter((q) => q.articleId === articleId);
    expect(quotes.filter((q) => q.text.includes(words))).toEqual([]);
  });

  it('mentions every covered entity in at least one article', () => {
    const matcher = compileMatcher(index.entities);
    const mentioned = new Set(index.articles.flatMap((a) => matcher.findAll(a.text).map((m) => m.entityId)));
    expect(index.entities.map((e) => e.id).filter((id) => !mentioned.has(id))).toEqual([]);
  });

  it.each(['donald-trump', 'marco-rubio', 'volodymyr-zelensky', 'dmitry-peskov', 'jd-vance'])(
    'has at least one quote of %s',
    (speakerId) => {
      expect(quotesOf(speakerId).length).toBeGreaterThan(0);
    },
  );
});
