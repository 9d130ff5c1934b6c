import { describe, expect, it } from 'vitest';
import { cardFor, MAX_CARD_QUOTES } from '../../src/core/card';
import type { CorpusIndex, Quote } from '../../src/core/types';

const FULL = ' is a full sentence, long enough to count as more than a fragment.';
const quote = (n: number, articleId: string, speakerId = 'marco-rubio', text = `quote ${n}${FULL}`): Quote => ({
  id: `${articleId}#q${n}`,
  speakerId,
  articleId,
  start: n * 10,
  end: n * 10 + 5,
  text,
});

const index: CorpusIndex = {
  schema: 1,
  entities: [
    { id: 'marco-rubio', kind: 'person', name: 'Marco Rubio', role: 'US Secretary of State', aliases: ['Rubio'], namesakes: [], caseRule: 'proper' },
    { id: 'sergei-lavrov', kind: 'person', name: 'Sergei Lavrov', role: 'Russian Foreign Minister', aliases: ['Lavrov'], namesakes: [], caseRule: 'proper' },
  ],
  articles: [
    { id: 'a', file: 'a.txt', title: 'A', outlet: 'Atlas News', published: null, language: 'en', text: '' },
    { id: 'b', file: 'b.txt', title: null, outlet: null, published: null, language: 'en', text: '' },
  ],
  quotes: [quote(1, 'a'), quote(2, 'a'), quote(3, 'a'), quote(4, 'b'), quote(5, 'a', 'sergei-lavrov')],
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

  it('gives only the entity’s own quotes', () => {
    expect(cardFor(index, 'sergei-lavrov')!.quotes.map((q) => q.text)).toEqual([`quote 5${FULL}`]);
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
