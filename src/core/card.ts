/**
 * What a hover card shows for one entity, derived from the corpus index. Pure, so the same
 * selection serves the card, the popup and tests.
 */
import type { CorpusIndex, Entity, Known, Quote } from './types';

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

/** Quotes shorter than this are fragments ("move on"): shown only when nothing fuller exists. */
export const FULL_QUOTE_CHARS = 40;

/**
 * The card for `entityId`, or null when the corpus does not cover it. Quotes are chosen in
 * corpus order, full sentences before fragments, and from as many different articles as
 * possible, so one outlet does not fill the card.
 */
export function cardFor(index: CorpusIndex, entityId: string): CardData | null {
  const entity = index.entities.find((e) => e.id === entityId);
  if (!entity) return null;
  const articles = new Map(index.articles.map((a) => [a.id, a]));
  const own = index.quotes.filter((q) => q.speakerId === entityId);

  const chosen: typeof own = [];
  const usedArticles = new Set<string>();
  const passes = [
    (q: Quote) => q.text.length >= FULL_QUOTE_CHARS && !usedArticles.has(q.articleId),
    (q: Quote) => q.text.length >= FULL_QUOTE_CHARS,
    (q: Quote) => !usedArticles.has(q.articleId),
    () => true,
  ];
  for (const accept of passes) {
    for (const q of own) {
      if (chosen.length >= MAX_CARD_QUOTES) break;
      if (chosen.includes(q) || !accept(q)) continue;
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
