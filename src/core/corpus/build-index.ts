/**
 * Turns the corpus files into the knowledge base the extension loads. Pure: the caller
 * (build.mjs, the corpus CLI, tests) reads the files and passes their contents, so this runs the
 * same in node and in a test.
 *
 *   metadata + raw text ─ clean-article ─▶ blocks (prose, headings, takeaways, chrome …)
 *                        ─ extract-quotes ─▶ quotations, each with its speaker or a note
 *   all quotations ─ group-quotes ─▶ quotes, one per remark, each outlet's wording a source
 *   all prose ─ select-background ─▶ 2–4 sentences per entity, with sources and "as of"
 *
 * Any problem in the data stops the build with a CorpusError naming the file and the line; the
 * index is returned whole or not at all.
 */
import { compileMatcher, type Match } from '../match/matcher';
import type { Article, CorpusIndex, Entity, EntityEntry, EntityKind } from '../types';
import { cleanArticle, type Block } from './clean-article';
import { CorpusError } from './corpus-error';
import { quotationExtractor } from './extract-quotes';
import { groupQuotes } from './group-quotes';
import { parseArticleMeta } from './parse-article-meta';
import { parseEntities } from './parse-entities';
import { MIN_BACKGROUND, selectBackgrounds } from './select-background';

export { CorpusError } from './corpus-error';

/** The corpus files' contents; paths are only used to name a file in an error. */
export interface CorpusFiles {
  entities: { path: string; json: string };
  articles: { metaPath: string; metaJson: string; textPath: string; text: string }[];
}

/** Where the build looks for a mention: the article's own words, not its site chrome. */
const READ_KINDS = new Set<Block['kind']>(['title', 'prose', 'heading', 'takeaway', 'opinion']);

export function buildCorpusIndex(input: CorpusFiles): CorpusIndex {
  const parsed = parseEntities(input.entities.path, input.entities.json);
  const entries = parsed.entities;
  if (input.articles.length === 0) {
    throw new CorpusError(
      'The corpus has no articles: add a text file and its metadata <name>.json to data/articles/',
    );
  }

  const articles = readArticles(input.articles);
  const blocksOf = new Map(articles.map((a) => [a.id, cleanArticle(a.text)]));
  const paths = new Map(input.articles.map((files, i) => [articles[i]!.id, files.textPath]));
  for (const article of articles) {
    if (!blocksOf.get(article.id)!.some((b) => b.kind === 'prose')) {
      throw CorpusError.at(
        paths.get(article.id)!,
        1,
        'has no paragraph of prose once site chrome, headings and lists are set aside; paste the article text',
      );
    }
  }

  const inArticleWords = (article: Article, m: Match) =>
    blocksOf.get(article.id)!.some((b) => READ_KINDS.has(b.kind) && b.start <= m.start && m.end <= b.end);
  // Mentioned as the pages will see it: one matcher for all, the longest alias winning.
  const matcher = compileMatcher(entries);
  const mentioned = new Set(
    articles.flatMap((a) => matcher.findAll(a.text).filter((m) => inArticleWords(a, m))).map((m) => m.entityId),
  );
  entries.forEach((entity, i) => {
    if (!mentioned.has(entity.id)) {
      throw CorpusError.at(
        input.entities.path,
        parsed.lineOf(i, 'aliases'),
        `entity "${entity.id}" is never mentioned in the articles (aliases: ${quoteEach(entity.aliases)}); ` +
          'add the spelling the articles use to "aliases", or remove the entity',
      );
    }
  });

  const extract = quotationExtractor(entries);
  const foundIn = new Map(articles.map((a) => [a.id, extract(a, blocksOf.get(a.id)!)]));
  const found = [...foundIn.values()].flat();
  const quotes = groupQuotes(found, articles);

  const mentionsByKind = mentionFinderByKind(entries);
  const backgrounds = selectBackgrounds(
    entries,
    articles.map((article) => ({
      article,
      blocks: blocksOf.get(article.id)!,
      mentions: mentionsByKind(article.text).filter((m) => inArticleWords(article, m)),
      quotations: foundIn.get(article.id)!,
    })),
  );
  const entities: Entity[] = entries.map((entry, i) => {
    const background = backgrounds.get(entry.id)!;
    if (background.sentences.length < MIN_BACKGROUND) {
      throw CorpusError.at(
        input.entities.path,
        parsed.lineOf(i, 'related'),
        `entity "${entry.id}" has ${background.sentences.length} sentence(s) of background in the articles, ` +
          `fewer than ${MIN_BACKGROUND}; list in "related" the ids of entities the articles discuss with it`,
      );
    }
    return { ...entry, background: background.sentences, asOf: background.asOf, sources: background.sources };
  });

  const index: CorpusIndex = { schema: 1, entities, articles, quotes };
  checkSpans(index);
  return index;
}

/**
 * Mentions for choosing backgrounds: each kind matched on its own, so that "a missile strike in
 * Sumy" names the city as well as the topic whose alias contains it. Each kind's matcher is
 * compiled once for the whole build.
 */
function mentionFinderByKind(entities: readonly EntityEntry[]): (text: string) => Match[] {
  const kinds: EntityKind[] = ['person', 'topic', 'place-or-organisation'];
  const matchers = kinds.map((kind) => compileMatcher(entities.filter((e) => e.kind === kind)));
  return (text) => matchers.flatMap((m) => m.findAll(text)).sort((a, b) => a.start - b.start || b.end - a.end);
}

function readArticles(files: CorpusFiles['articles']): Article[] {
  const articles: Article[] = [];
  const metaPathOf = new Map<string, string>();
  for (const { metaPath, metaJson, textPath, text } of files) {
    const { meta, lineOf } = parseArticleMeta(metaPath, metaJson);
    const textFile = baseName(textPath);
    if (meta.file !== textFile) {
      throw CorpusError.at(
        metaPath,
        lineOf('file'),
        `field "file" says "${meta.file}", but this metadata belongs to ${textPath}; write "${textFile}"`,
      );
    }
    const earlier = metaPathOf.get(meta.id);
    if (earlier !== undefined) {
      throw CorpusError.at(metaPath, lineOf('id'), `the article id "${meta.id}" is already used by ${earlier}`);
    }
    metaPathOf.set(meta.id, metaPath);
    if (text.trim() === '') {
      throw CorpusError.at(textPath, 1, 'the article text is empty; paste the article, or remove it and its metadata');
    }
    const lines = text.split('\n').map((line) => line.trim());
    if (meta.title !== null && !lines.includes(meta.title)) {
      throw CorpusError.at(
        metaPath,
        lineOf('title'),
        `field "title" is not a line of ${textPath}; copy the headline line exactly, or write null`,
      );
    }
    if (meta.outlet !== null && !text.includes(meta.outlet)) {
      throw CorpusError.at(
        metaPath,
        lineOf('outlet'),
        `field "outlet" ("${meta.outlet}") does not occur in ${textPath}; ` +
          'write the outlet only as the text names it, or null',
      );
    }
    // The raw text is kept as collected: every offset in the index points into it.
    articles.push({ ...meta, text });
  }
  return articles;
}

/**
 * Every span the index ships must slice to exactly its text. A failure here is a bug in the
 * pipeline, not in the data, so it is a plain Error.
 */
function checkSpans(index: CorpusIndex): void {
  const textOf = new Map(index.articles.map((a) => [a.id, a.text]));
  const spans = [
    ...index.entities.flatMap((e) => e.background.map((s) => ({ owner: e.id, ...s }))),
    ...index.quotes.flatMap((q) => [q, ...q.sources].map((s) => ({ owner: q.id, ...s }))),
  ];
  for (const { owner, articleId, start, end, text } of spans) {
    if (textOf.get(articleId)?.slice(start, end) !== text) {
      throw new Error(`${owner}: span ${articleId} [${start}, ${end}) does not slice to its text "${text}"`);
    }
  }
}

const quoteEach = (words: readonly string[]) => words.map((w) => `"${w}"`).join(', ');

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
