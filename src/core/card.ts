/**
 * What a hover card shows for one entity, derived from the corpus index. Pure, so the same
 * selection serves the card, the popup and tests.
 */
import type { CorpusIndex, Entity, Known } from './types';

export interface CardQuote {
  text: string;
  speaker: string;
  articleId: string;
  articleTitle: Known<string>;
  outlet: Known<string>;
  /** Offsets of the quote in its article, for the reader link. */
  start: number;
  end: number;
}

export interface CardData {
  entity: Pick<Entity, 'id' | 'name' | 'kind' | 'role'>;
  quotes: CardQuote[];
  /** How many quotes the corpus holds for this entity, of which `quotes` is a selection. */
  quoteCount: number;
}

export const MAX_CARD_QUOTES = 3;

/**
 * The card for `entityId`, or null when the corpus does not cover it. Quotes are chosen from
 * as many different articles as possible, in corpus order, so one outlet does not fill the card.
 */
export function cardFor(index: CorpusIndex, entityId: string): CardData | null {
  const entity = index.entities.find((e) => e.id === entityId);
  if (!entity) return null;
  const articles = new Map(index.articles.map((a) => [a.id, a]));
  const own = index.quotes.filter((q) => q.speakerId === entityId);

  const chosen: typeof own = [];
  const usedArticles = new Set<string>();
  for (const pass of [true, false]) {
    for (const q of own) {
      if (chosen.length >= MAX_CARD_QUOTES) break;
      if (chosen.includes(q) || (pass && usedArticles.has(q.articleId))) continue;
      chosen.push(q);
      usedArticles.add(q.articleId);
    }
  }

  return {
    entity: { id: entity.id, name: entity.name, kind: entity.kind, role: entity.role },
    quoteCount: own.length,
    quotes: chosen.map((q) => {
      const article = articles.get(q.articleId);
      return {
        text: q.text,
        speaker: entity.name,
        articleId: q.articleId,
        articleTitle: article?.title ?? null,
        outlet: article?.outlet ?? null,
        start: q.start,
        end: q.end,
      };
    }),
  };
}
