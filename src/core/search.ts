/**
 * Search over the corpus for the popup: what is searched, how, and how results are grouped and
 * marked. Pure: the build calls `createSearchIndex` and ships its output as `search-index.json`
 * beside `index.json`; the popup parses both and calls `createSearcher`, so no index is built
 * while the popup opens.
 *
 * Each kind of result wants its own matching:
 * - entities: the name and every alias, as whole strings, through Fuse (few and short; a prefix
 *   such as "zelen" or "Зеленс", or a typo, should find the person);
 * - quotes: every wording and the speaker's names, word by word, every query word required,
 *   so a few remembered words find the quote in any order;
 * - articles: title, outlet and text, word by word, every query word required.
 * Quotes and articles are found through an inverted word index (`word-index.ts`) rather than
 * Fuse, which read every article's full text on every keystroke (issue 7); only the results
 * shown are read, to mark them.
 */
import Fuse, { type FuseIndex, type FuseOptionKeyObject, type FuseResult, type IFuseOptions, type RangeTuple } from 'fuse.js';
import type { Article, ArticleSpan, CorpusIndex, Entity, Quote } from './types';
import { buildWordIndex, foldedWords, WordIndex, wordMarker, type TermMatch, type WordDoc, type WordIndexFile } from './word-index';

export { words } from './word-index';

export interface EntityDoc {
  name: string;
  aliases: string[];
}

/**
 * One wording of a quote, as the word index holds it (fields in bit order): each outlet's
 * wording is a document of its own, so the index tells which wording matched, and the reader
 * link goes to that one.
 */
export interface QuoteDoc {
  wording: string;
  /** The speaker's name first, then every alias; empty when no covered person said it. */
  speaker: string[];
}

/** Fields of an article in the word index, in bit order. */
export interface ArticleDoc {
  title: string;
  outlet: string;
  text: string;
}

/** What is searched, in the order of the corpus index's lists (quotes: wording by wording). */
export interface SearchDocs {
  entities: EntityDoc[];
  quotes: QuoteDoc[];
  articles: ArticleDoc[];
}

type Group = keyof SearchDocs;
const GROUPS: Group[] = ['entities', 'quotes', 'articles'];

const ENTITY_KEYS: FuseOptionKeyObject<EntityDoc>[] = [
  { name: 'name', weight: 2 },
  { name: 'aliases', weight: 1 },
];

// A name is short: a typo or two still finds it, but not every name sharing a few letters.
const ENTITY_OPTIONS: IFuseOptions<EntityDoc> = {
  keys: ENTITY_KEYS,
  includeMatches: true,
  includeScore: true,
  ignoreLocation: true,
  ignoreDiacritics: true,
  threshold: 0.3,
};

/** How much a word found in each field counts, in the fields' order. */
const QUOTE_WEIGHTS = [3, 1];
const ARTICLE_WEIGHTS = [3, 1, 1];

/** How many results of each group the popup lists. */
export const LIMITS = { entities: 8, quotes: 8, articles: 5 } as const;

/** The speaker of a quote, if a covered entity. */
function speakerOf(quote: Quote, entities: Map<string, Entity>): Entity | undefined {
  return quote.speaker === null ? undefined : entities.get(quote.speaker);
}

export function searchDocs(index: CorpusIndex): SearchDocs {
  const entities = new Map(index.entities.map((e) => [e.id, e]));
  return {
    entities: index.entities.map(entityDoc),
    quotes: index.quotes.flatMap((q) => {
      const speaker = speakerOf(q, entities);
      const names = speaker ? [speaker.name, ...speaker.aliases.filter((a) => a !== speaker.name)] : [];
      return wordingsOf(q).map((w) => ({ wording: w.text, speaker: names }));
    }),
    articles: index.articles.map((a) => ({ title: a.title ?? '', outlet: a.outlet ?? '', text: a.text })),
  };
}

const entityDoc = (e: Entity): EntityDoc => ({ name: e.name, aliases: e.aliases.filter((a) => a !== e.name) });
const quoteFields = (d: QuoteDoc): WordDoc => [d.wording, d.speaker];
/** Each outlet's wording of a quote; the quote itself if it lists none. */
const wordingsOf = (q: Quote): readonly ArticleSpan[] => (q.sources.length > 0 ? q.sources : [q]);
const articleFields = (d: ArticleDoc): WordDoc => [d.title, d.outlet, d.text];

type SerializedIndex = ReturnType<FuseIndex<unknown>['toJSON']>;

/** `search-index.json`. */
export interface SearchIndexFile {
  schema: 2;
  /** How many entities, quotes and articles the index was built from, to catch a file from another build. */
  counts: Record<Group, number>;
  /** Fuse's own serialised index of entity names and aliases. */
  entities: SerializedIndex;
  /** Word indexes: quote wordings by text and speaker, articles by title, outlet and text. */
  quotes: WordIndexFile;
  articles: WordIndexFile;
}

/** Builds the search indexes for a corpus index; run by build.mjs. */
export function createSearchIndex(index: CorpusIndex): SearchIndexFile {
  const docs = searchDocs(index);
  return {
    schema: 2,
    counts: { entities: index.entities.length, quotes: index.quotes.length, articles: index.articles.length },
    entities: Fuse.createIndex(ENTITY_KEYS, docs.entities).toJSON(),
    quotes: buildWordIndex(docs.quotes.map(quoteFields), 2),
    articles: buildWordIndex(docs.articles.map(articleFields), 3),
  };
}

/** A run of text, marked where the query matched it. */
export interface Segment {
  text: string;
  marked: boolean;
}

export interface EntityHit {
  entity: Entity;
  /** The display name, marked where it matched. */
  name: Segment[];
  /** The alias that matched, when the name itself did not (e.g. "Зеленський"). */
  alias: Segment[] | null;
}

export interface QuoteHit {
  quote: Quote;
  /** The covered person who said it, if any, and their name as it should read. */
  speaker: Entity | null;
  speakerName: Segment[];
  /** The wording that matched (or the fullest), clipped around the match. */
  text: Segment[];
  /** Where that wording is, for the reader link. */
  span: Omit<ArticleSpan, 'text'>;
  article: Article | null;
}

export interface ArticleHit {
  article: Article;
  /** The headline, marked; empty when the article has none. */
  title: Segment[];
  /** A stretch of the text around the match, when the text matched. */
  excerpt: Segment[] | null;
}

export interface SearchResults {
  people: EntityHit[];
  /** Topics, places and organisations. */
  topics: EntityHit[];
  quotes: QuoteHit[];
  articles: ArticleHit[];
}

export interface CorpusSearch {
  search(query: string): SearchResults;
}

/**
 * A query to search once before the first key is typed: each of the search's functions compiles
 * on its first call, which otherwise falls on the reader's first keys (docs/performance.md,
 * Search). The start of the first entity's name finds it, and the quotes and articles that name
 * it, so every step of a search runs.
 */
export const warmUpQuery = (index: CorpusIndex): string => index.entities[0]?.name.slice(0, 3) ?? '';

/** A corpus index and its prebuilt search index, ready to query. Throws if they do not belong together. */
export function createSearcher(index: CorpusIndex, file: SearchIndexFile): CorpusSearch {
  if (file?.schema !== 2) throw new Error('search-index.json is not a Backstory search index (schema 2)');
  const counts = { entities: index.entities.length, quotes: index.quotes.length, articles: index.articles.length };
  for (const group of GROUPS) {
    if (file.counts[group] !== counts[group]) {
      throw new Error(`search-index.json does not match index.json (${group}: ${file.counts[group]} vs ${counts[group]})`);
    }
  }
  const entities = new Fuse(
    index.entities.map(entityDoc),
    ENTITY_OPTIONS,
    Fuse.parseIndex<EntityDoc>(file.entities as Parameters<typeof Fuse.parseIndex>[0]),
  );
  const quotes = new WordIndex(file.quotes);
  const articles = new WordIndex(file.articles);
  // Each document of the quote index is a wording: which one, and of which quote.
  const wordings = index.quotes.flatMap((q) => wordingsOf(q));
  const quoteOf = Int32Array.from(index.quotes.flatMap((q, i) => wordingsOf(q).map(() => i)));
  if (quotes.docCount !== wordings.length || articles.docCount !== counts.articles) {
    throw new Error('search-index.json does not match index.json (quote wordings or articles)');
  }
  const entityById = new Map(index.entities.map((e) => [e.id, e]));
  const articleById = new Map(index.articles.map((a) => [a.id, a]));
  const markWords = wordMarker();

  return {
    search(raw) {
      const query = raw.trim();
      const results: SearchResults = { people: [], topics: [], quotes: [], articles: [] };
      if (!query) return results;

      // Entities are few; search them all and split into groups, each limited.
      for (const r of entities.search(query)) {
        const entity = index.entities[r.refIndex]!;
        const group = entity.kind === 'person' ? results.people : results.topics;
        if (group.length < LIMITS.entities) group.push(entityHit(entity, r));
      }
      const queryWords = foldedWords(query);
      const foundQuotes = quotes.search(queryWords, QUOTE_WEIGHTS, LIMITS.quotes, quoteOf);
      results.quotes = foundQuotes.docs.map((i) =>
        quoteHit(index.quotes[quoteOf[i]!]!, wordings[i]!, foundQuotes.terms, markWords, entityById, articleById),
      );
      const foundArticles = articles.search(queryWords, ARTICLE_WEIGHTS, LIMITS.articles);
      results.articles = foundArticles.docs.map((i) => {
        const article = index.articles[i]!;
        const text = markWords(article.text, foundArticles.terms);
        return {
          article,
          title: article.title ? segments(article.title, markWords(article.title, foundArticles.terms)) : [],
          excerpt: text.length > 0 ? excerpt(article.text, text, EXCERPT_CHARS) : null,
        };
      });
      return results;
    },
  };
}

/** `wording`, the best-matching wording of `quote`, as a result. */
function quoteHit(
  quote: Quote,
  wording: ArticleSpan,
  terms: ReadonlyMap<string, TermMatch>,
  markWords: (text: string, terms: ReadonlyMap<string, TermMatch>) => RangeTuple[],
  entityById: Map<string, Entity>,
  articleById: Map<string, Article>,
): QuoteHit {
  const speaker = speakerOf(quote, entityById) ?? null;
  const ranges = markWords(wording.text, terms);
  // When only the speaker matched, the fullest wording, which the quote itself repeats.
  if (ranges.length === 0) wording = quote;
  return {
    quote,
    speaker,
    speakerName: speaker ? segments(speaker.name, markWords(speaker.name, terms)) : [],
    text: excerpt(wording.text, ranges, QUOTE_CHARS),
    span: { articleId: wording.articleId, start: wording.start, end: wording.end },
    article: articleById.get(wording.articleId) ?? null,
  };
}

/** The longest a quote reads in a result before it is clipped around the match. */
export const QUOTE_CHARS = 180;
/** The length of an article excerpt around the match. */
export const EXCERPT_CHARS = 140;

function entityHit(entity: Entity, result: FuseResult<EntityDoc>): EntityHit {
  const name = result.matches?.find((m) => m.key === 'name');
  if (name) return { entity, name: segments(entity.name, name.indices), alias: null };
  const alias = bestMatch(result, 'aliases');
  return {
    entity,
    name: segments(entity.name, []),
    alias: alias?.value ? segments(alias.value, alias.indices) : null,
  };
}

/** Of a result's matches on `key`, the one with the most matched characters (the first on a tie). */
function bestMatch<T>(result: FuseResult<T>, key: string) {
  let best: (NonNullable<FuseResult<T>['matches']>[number]) | undefined;
  for (const m of result.matches ?? []) {
    if (m.key === key && (!best || markedLength(m.indices) > markedLength(best.indices))) best = m;
  }
  return best;
}

const markedLength = (ranges: readonly RangeTuple[]) => ranges.reduce((n, [a, b]) => n + b - a + 1, 0);

/**
 * `text` cut into runs, marked where `ranges` (Fuse's inclusive [start, end] pairs, in any order,
 * possibly overlapping) cover it.
 */
export function segments(text: string, ranges: readonly RangeTuple[]): Segment[] {
  const marked = new Array<boolean>(text.length).fill(false);
  for (const [a, b] of ranges) {
    for (let i = Math.max(0, a); i <= Math.min(text.length - 1, b); i++) marked[i] = true;
  }
  const out: Segment[] = [];
  for (let i = 0; i < text.length; ) {
    let j = i;
    while (j < text.length && marked[j] === marked[i]) j++;
    out.push({ text: text.slice(i, j), marked: marked[i]! });
    i = j;
  }
  return out;
}

/**
 * At most about `max` characters of `text`, chosen to show the most matched characters, cut at
 * word boundaries, with "…" where text was left out.
 */
export function excerpt(text: string, ranges: readonly RangeTuple[], max: number): Segment[] {
  if (text.length <= max) return segments(text, ranges);
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  // The window start (at some range's start) that covers the most marked characters.
  let bestStart = 0;
  let bestCover = -1;
  for (const [a] of sorted) {
    const from = Math.max(0, a - Math.floor(max / 4));
    const cover = sorted.reduce((n, [s, e]) => n + Math.max(0, Math.min(e + 1, from + max) - Math.max(s, from)), 0);
    if (cover > bestCover) {
      bestCover = cover;
      bestStart = from;
    }
  }
  let start = Math.min(bestStart, text.length - max);
  let end = start + max;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space - start < 20) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start && end - space < 20) end = space;
  }
  const shifted = ranges.map(([a, b]): RangeTuple => [a - start, b - start]);
  const body = segments(text.slice(start, end), shifted);
  return [...(start > 0 ? [{ text: '…', marked: false }] : []), ...body, ...(end < text.length ? [{ text: '…', marked: false }] : [])];
}

/** What the popup shows before anything is typed. */
export interface Coverage {
  people: Entity[];
  /** Topics, places and organisations. */
  topics: Entity[];
  quoteCount: number;
  articleCount: number;
}

/** The corpus's people and topics in the order data/entities.json lists them, and its counts. */
export function coverage(index: CorpusIndex): Coverage {
  return {
    people: index.entities.filter((e) => e.kind === 'person'),
    topics: index.entities.filter((e) => e.kind !== 'person'),
    quoteCount: index.quotes.length,
    articleCount: index.articles.length,
  };
}
