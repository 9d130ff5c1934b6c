/**
 * What a hover card shows for one entity, derived from the corpus index. Pure, so the same
 * selection serves the card, the popup and tests.
 */
import type { ArticleSpan, AsOf, CorpusIndex, Entity, Known, Quote } from './types';

/** A span of an article, with what the card needs to credit it. */
export interface CardSource {
  articleId: string;
  articleTitle: Known<string>;
  outlet: Known<string>;
  /** The article's publication date; null when it states none (every bundled article). */
  published: Known<string>;
  /** Offsets in the article, for the reader link. */
  start: number;
  end: number;
  /** Exactly the article's words at those offsets. */
  text: string;
}

export interface CardQuote {
  text: string;
  speaker: string;
  articleId: string;
  articleTitle: Known<string>;
  outlet: Known<string>;
  /** Offsets of the quote in its article, for the reader link. */
  start: number;
  end: number;
  /**
   * Every outlet's wording of the same remark, in corpus order, the one above included. More
   * than one when several articles (or one article twice) quote the remark. `cardFor` always
   * sets it; optional so that cards built before it existed still type-check.
   */
  sources?: CardSource[];
}

export interface CardData {
  entity: Pick<Entity, 'id' | 'name' | 'kind' | 'role'>;
  quotes: CardQuote[];
  /** How many quotes the corpus holds for this entity, of which `quotes` is a selection. */
  quoteCount: number;
  // The fields below are always set by `cardFor`; optional so that cards built before they
  // existed still type-check.
  /** 2 to 4 sentences of the corpus about the entity, most relevant first, each with its source. */
  background?: CardSource[];
  /** When the background was true: the newest publication date of its sources, or undated. */
  asOf?: AsOf;
  /** The articles the background draws on, in the order it first uses them. */
  sources?: Pick<CardSource, 'articleId' | 'articleTitle' | 'outlet' | 'published'>[];
  /** Covered people and topics closely tied to this one in the corpus. */
  related?: Pick<Entity, 'id' | 'name'>[];
}

export const MAX_CARD_QUOTES = 3;

/** Quotes shorter than this are fragments ("move on"): shown only when nothing fuller exists. */
export const FULL_QUOTE_CHARS = 40;

/**
 * The card for `entityId`, or null when the corpus does not cover it. Quotes reported by more
 * sources come first, then corpus order; full sentences before fragments, and from as many
 * different articles as possible, so one outlet does not fill the card.
 */
export function cardFor(index: CorpusIndex, entityId: string): CardData | null {
  const entity = index.entities.find((e) => e.id === entityId);
  if (!entity) return null;
  const articles = new Map(index.articles.map((a) => [a.id, a]));
  const credit = (span: ArticleSpan): CardSource => {
    const article = articles.get(span.articleId);
    return {
      articleId: span.articleId,
      articleTitle: article?.title ?? null,
      outlet: article?.outlet ?? null,
      published: article?.published ?? null,
      start: span.start,
      end: span.end,
      text: span.text,
    };
  };

  const own = index.quotes
    .filter((q) => q.speaker === entityId)
    .map((q, order) => ({ q, order }))
    .sort((a, b) => b.q.sources.length - a.q.sources.length || a.order - b.order)
    .map(({ q }) => q);

  const chosen: Quote[] = [];
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
      const { articleTitle, outlet } = credit(q);
      return {
        text: q.text,
        speaker: entity.name,
        articleId: q.articleId,
        articleTitle,
        outlet,
        start: q.start,
        end: q.end,
        sources: q.sources.map(credit),
      };
    }),
    background: entity.background.map(credit),
    asOf: entity.asOf,
    related: entity.related.flatMap((id) => {
      const other = index.entities.find((e) => e.id === id);
      return other ? [{ id: other.id, name: other.name }] : [];
    }),
    sources: entity.sources.map((articleId) => {
      const { articleTitle, outlet, published } = credit({ articleId, start: 0, end: 0, text: '' });
      return { articleId, articleTitle, outlet, published };
    }),
  };
}
