/**
 * Search over the corpus for the popup: what is searched, how, and how results are grouped and
 * marked. Pure: the build calls `createSearchIndex` and ships its output as `search-index.json`
 * beside `index.json`; the popup parses both and calls `createSearcher`, so no index is built
 * while the popup opens.
 *
 * Three Fuse instances, one per kind of result, because each wants its own matching:
 * - entities: the name and every alias, as whole strings (short; a prefix such as "zelen" or
 *   "Зеленс" should find the person);
 * - quotes: every wording and the speaker's names, word by word, every query word required,
 *   so a few remembered words find the quote in any order;
 * - articles: title, outlet and text, word by word, every query word required.
 */
import Fuse, { type FuseIndex, type FuseOptionKeyObject, type FuseResult, type IFuseOptions, type RangeTuple } from 'fuse.js';
import type { Article, ArticleSpan, CorpusIndex, Entity, Quote } from './types';

export interface EntityDoc {
  name: string;
  aliases: string[];
}

export interface QuoteDoc {
  /** Each wording of the remark; the reader link goes to the one that matched. */
  wordings: string[];
  /** The speaker's name first, then every alias; empty when no covered person said it. */
  speaker: string[];
}

export interface ArticleDoc {
  title: string;
  outlet: string;
  text: string;
}

/** What Fuse indexes, in the order of the corpus index's lists. */
export interface SearchDocs {
  entities: EntityDoc[];
  quotes: QuoteDoc[];
  articles: ArticleDoc[];
}

type Group = keyof SearchDocs;
const GROUPS: Group[] = ['entities', 'quotes', 'articles'];

const KEYS: { [G in Group]: FuseOptionKeyObject<SearchDocs[G][number]>[] } = {
  entities: [
    { name: 'name', weight: 2 },
    { name: 'aliases', weight: 1 },
  ],
  quotes: [
    { name: 'wordings', weight: 3 },
    { name: 'speaker', weight: 1 },
  ],
  articles: [
    { name: 'title', weight: 3 },
    { name: 'outlet', weight: 1 },
    { name: 'text', weight: 1 },
  ],
};

const COMMON: IFuseOptions<unknown> = {
  includeMatches: true,
  includeScore: true,
  ignoreLocation: true,
  ignoreDiacritics: true,
};

/**
 * Words for word-by-word search: runs of letters and digits in any script, as Fuse's default,
 * but two characters or more. A one-letter word ("a", "I") says nothing about which quote is
 * meant, and with every word required it would have to match somewhere on its own.
 */
export function words(text: string): string[] {
  return (text.match(/[\p{L}\p{M}\p{N}_]+/gu) ?? []).filter((w) => w.length > 1);
}

const BY_WORD = { useTokenSearch: true, tokenMatch: 'all', tokenize: words, minMatchCharLength: 2 } as const;

const OPTIONS: { [G in Group]: IFuseOptions<SearchDocs[G][number]> } = {
  // A name is short: a typo or two still finds it, but not every name sharing a few letters.
  entities: { ...COMMON, keys: KEYS.entities, threshold: 0.3 },
  // Word by word over long text: each word may be a little off.
  quotes: { ...COMMON, ...BY_WORD, keys: KEYS.quotes, threshold: 0.25 },
  articles: { ...COMMON, ...BY_WORD, keys: KEYS.articles, threshold: 0.2 },
};

/** How many results of each group the popup lists. */
export const LIMITS = { entities: 8, quotes: 8, articles: 5 } as const;

/** The speaker of a quote, if a covered entity. */
function speakerOf(quote: Quote, entities: Map<string, Entity>): Entity | undefined {
  return quote.speaker === null ? undefined : entities.get(quote.speaker);
}

export function searchDocs(index: CorpusIndex): SearchDocs {
  const entities = new Map(index.entities.map((e) => [e.id, e]));
  return {
    entities: index.entities.map((e) => ({ name: e.name, aliases: e.aliases.filter((a) => a !== e.name) })),
    quotes: index.quotes.map((q) => {
      const speaker = speakerOf(q, entities);
      return {
        wordings: q.sources.map((w) => w.text),
        speaker: speaker ? [speaker.name, ...speaker.aliases.filter((a) => a !== speaker.name)] : [],
      };
    }),
    articles: index.articles.map((a) => ({ title: a.title ?? '', outlet: a.outlet ?? '', text: a.text })),
  };
}

type SerializedIndex = ReturnType<FuseIndex<unknown>['toJSON']>;

/** `search-index.json`: Fuse's own serialised indexes, one per group. */
export interface SearchIndexFile {
  schema: 1;
  /** How many documents each index was built from, to catch a file from another build. */
  counts: Record<Group, number>;
  indexes: Record<Group, SerializedIndex>;
}

/** Builds the search indexes for a corpus index; run by build.mjs. */
export function createSearchIndex(index: CorpusIndex): SearchIndexFile {
  const docs = searchDocs(index);
  const build = <G extends Group>(group: G): SerializedIndex =>
    Fuse.createIndex(KEYS[group] as FuseOptionKeyObject<unknown>[], docs[group] as readonly unknown[]).toJSON();
  return {
    schema: 1,
    counts: { entities: docs.entities.length, quotes: docs.quotes.length, articles: docs.articles.length },
    indexes: { entities: build('entities'), quotes: build('quotes'), articles: build('articles') },
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

/** A corpus index and its prebuilt search index, ready to query. Throws if they do not belong together. */
export function createSearcher(index: CorpusIndex, file: SearchIndexFile): CorpusSearch {
  const docs = searchDocs(index);
  if (file?.schema !== 1) throw new Error('search-index.json is not a Backstory search index (schema 1)');
  for (const group of GROUPS) {
    if (file.counts[group] !== docs[group].length) {
      throw new Error(`search-index.json does not match index.json (${group}: ${file.counts[group]} vs ${docs[group].length})`);
    }
  }
  const fuse = <G extends Group>(group: G) =>
    new Fuse<SearchDocs[G][number]>(
      docs[group],
      OPTIONS[group],
      Fuse.parseIndex<SearchDocs[G][number]>(file.indexes[group] as Parameters<typeof Fuse.parseIndex>[0]),
    );
  const engines = { entities: fuse('entities'), quotes: fuse('quotes'), articles: fuse('articles') };
  const entityById = new Map(index.entities.map((e) => [e.id, e]));
  const articleById = new Map(index.articles.map((a) => [a.id, a]));

  return {
    search(raw) {
      const query = raw.trim();
      const results: SearchResults = { people: [], topics: [], quotes: [], articles: [] };
      if (!query) return results;

      // Entities are few; search them all and split into groups, each limited.
      for (const r of engines.entities.search(query)) {
        const entity = index.entities[r.refIndex]!;
        const group = entity.kind === 'person' ? results.people : results.topics;
        if (group.length < LIMITS.entities) group.push(entityHit(entity, r));
      }
      results.quotes = engines.quotes.search(query, { limit: LIMITS.quotes }).map((r) => {
        const quote = index.quotes[r.refIndex]!;
        const speaker = speakerOf(quote, entityById) ?? null;
        const matched = bestMatch(r, 'wordings');
        // The wording that matched best; else the fullest, which the quote itself repeats.
        const wording = quote.sources[matched?.refIndex ?? -1] ?? quote;
        const speakerMatch = r.matches?.find((m) => m.key === 'speaker' && m.refIndex === 0);
        return {
          quote,
          speaker,
          speakerName: speaker ? segments(speaker.name, speakerMatch?.indices ?? []) : [],
          text: excerpt(wording.text, matched?.indices ?? [], QUOTE_CHARS),
          span: { articleId: wording.articleId, start: wording.start, end: wording.end },
          article: articleById.get(wording.articleId) ?? null,
        };
      });
      results.articles = engines.articles.search(query, { limit: LIMITS.articles }).map((r) => {
        const article = index.articles[r.refIndex]!;
        const title = r.matches?.find((m) => m.key === 'title');
        const text = r.matches?.find((m) => m.key === 'text');
        return {
          article,
          title: article.title ? segments(article.title, title?.indices ?? []) : [],
          excerpt: text ? excerpt(article.text, text.indices, EXCERPT_CHARS) : null,
        };
      });
      return results;
    },
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
