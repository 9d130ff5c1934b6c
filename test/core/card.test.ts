import { describe, expect, it } from 'vitest';
import { cardFor, MAX_CARD_QUOTES } from '../../src/core/card';
import type { CorpusIndex, Entity, Quote, QuoteSource } from '../../src/core/types';

const FULL = ' is a full sentence, long enough to count as more than a fragment.';
const source = (n: number, articleId: string, text = `quote ${n}${FULL}`): QuoteSource => ({
  articleId,
  start: n * 10,
  end: n * 10 + 5,
  text,
});
const quote = (n: number, articleId: string, speaker: string | null = 'marco-rubio', text?: string, more: QuoteSource[] = []): Quote => {
  const main = source(n, articleId, text);
  return { id: `${articleId}#q${n}`, speaker, ...main, sources: [main, ...more] };
};
const entity = (id: string, name: string, role: string): Entity => ({
  id,
  kind: 'person',
  name,
  role,
  aliases: [name],
  namesakes: [],
  caseRule: 'proper',
  related: [],
  background: [
    { articleId: 'b', start: 0, end: 4, text: 'Bbbb' },
    { articleId: 'a', start: 2, end: 6, text: 'Aaaa' },
  ],
  asOf: { status: 'undated', date: null },
  sources: ['b', 'a'],
});

const index: CorpusIndex = {
  schema: 1,
  entities: [
    entity('marco-rubio', 'Marco Rubio', 'US Secretary of State'),
    entity('sergei-lavrov', 'Sergei Lavrov', 'Russian Foreign Minister'),
  ],
  articles: [
    { id: 'a', file: 'a.txt', title: 'A', outlet: 'Atlas News', published: null, language: 'en', unknown: { published: 'None.' }, text: '' },
    { id: 'b', file: 'b.txt', title: null, outlet: null, published: null, language: 'en', unknown: { title: 'None.', outlet: 'None.', published: 'None.' }, text: '' },
  ],
  quotes: [quote(1, 'a'), quote(2, 'a'), quote(3, 'a'), quote(4, 'b'), quote(5, 'a', 'sergei-lavrov'), quote(6, 'b', null)],
};

describe('cardFor', () => {
  it('returns null for an entity the corpus does not cover', () => {
    expect(cardFor(index, 'nobody')).toBeNull();
  });

  it('names the entity and its role', () => {
    expect(cardFor(index, 'marco-rubio')?.entity).toEqual({
      id: 'marco-rubio',
      name: 'Marco Rubio',
      kind: 'person',
      role: 'US Secretary of State',
    });
  });

  it('spreads quotes across articles before repeating one', () => {
    const card = cardFor(index, 'marco-rubio')!;
    expect(card.quotes.map((q) => q.text)).toEqual([`quote 1${FULL}`, `quote 4${FULL}`, `quote 2${FULL}`]);
    expect(card.quotes).toHaveLength(MAX_CARD_QUOTES);
    expect(card.quoteCount).toBe(4);
  });

  it('carries each quote’s source, with unknown metadata as null', () => {
    const [first, second] = cardFor(index, 'marco-rubio')!.quotes;
    expect(first).toMatchObject({ articleId: 'a', outlet: 'Atlas News', articleTitle: 'A', start: 10, end: 15, speaker: 'Marco Rubio' });
    expect(second).toMatchObject({ articleId: 'b', outlet: null, articleTitle: null });
  });

  it('gives only the entity’s own quotes, never one without a speaker', () => {
    expect(cardFor(index, 'sergei-lavrov')!.quotes.map((q) => q.text)).toEqual([`quote 5${FULL}`]);
  });

  it('lists every outlet’s wording of a quote, and puts quotes that several sources report first', () => {
    const variant = source(7, 'b', 'the same remark, in the words of another outlet');
    const withVariants: CorpusIndex = { ...index, quotes: [quote(1, 'a'), quote(2, 'a', 'marco-rubio', undefined, [variant])] };
    const [first, second] = cardFor(withVariants, 'marco-rubio')!.quotes;
    expect(first!.text).toBe(`quote 2${FULL}`);
    expect(first!.sources).toEqual([
      { articleId: 'a', articleTitle: 'A', outlet: 'Atlas News', published: null, start: 20, end: 25, text: `quote 2${FULL}` },
      { articleId: 'b', articleTitle: null, outlet: null, published: null, start: 70, end: 75, text: variant.text },
    ]);
    expect(second!.sources).toHaveLength(1);
  });

  it('carries the background with each sentence’s source, its date status and its sources', () => {
    const card = cardFor(index, 'marco-rubio')!;
    expect(card.background).toEqual([
      { articleId: 'b', articleTitle: null, outlet: null, published: null, start: 0, end: 4, text: 'Bbbb' },
      { articleId: 'a', articleTitle: 'A', outlet: 'Atlas News', published: null, start: 2, end: 6, text: 'Aaaa' },
    ]);
    expect(card.asOf).toEqual({ status: 'undated', date: null });
    expect(card.sources).toEqual([
      { articleId: 'b', articleTitle: null, outlet: null, published: null },
      { articleId: 'a', articleTitle: 'A', outlet: 'Atlas News', published: null },
    ]);
  });

  it('prefers full quotes to fragments, and shows fragments when that is all there is', () => {
    const withFragments: CorpusIndex = {
      ...index,
      quotes: [
        quote(1, 'a', 'marco-rubio', 'move on'),
        quote(2, 'b', 'marco-rubio', 'within days'),
        quote(3, 'a'),
        quote(4, 'a', 'sergei-lavrov', 'difficult'),
      ],
    };
    expect(cardFor(withFragments, 'marco-rubio')!.quotes.map((q) => q.text)).toEqual([
      `quote 3${FULL}`,
      'within days',
      'move on',
    ]);
    expect(cardFor(withFragments, 'sergei-lavrov')!.quotes.map((q) => q.text)).toEqual(['difficult']);
  });
});

describe('cardFor related entities', () => {
  it('names the related entities the corpus ties to this one, skipping unknown ids', () => {
    const withRelated: CorpusIndex = {
      ...index,
      entities: [
        { ...index.entities[0]!, related: ['sergei-lavrov', 'no-such-entity'] },
        index.entities[1]!,
      ],
    };
    expect(cardFor(withRelated, 'marco-rubio')!.related).toEqual([{ id: 'sergei-lavrov', name: 'Sergei Lavrov' }]);
    expect(cardFor(withRelated, 'sergei-lavrov')!.related).toEqual([]);
  });
});
