/**
 * Chooses each entity's background: 2 to 4 sentences of the corpus, verbatim, that say who or
 * what it is and what happened, each pointing at its span in its article.
 *
 * Candidates are the sentences of the articles' own prose (not titles, headings, takeaways,
 * opinion boxes or site chrome) that read on their own: no opening pronoun or connective
 * ("He emphasized…", "However, …", "The agreement…"), not cut inside a quotation, and not a
 * quotation with its attribution, which the card shows as a quote already. A citation marker
 * at the end of a sentence is left out of its span ("… remains elusive 1 2 3." → "… remains
 * elusive"); a sentence with one inside is not a candidate. So is a connective before a
 * capitalised word ("Meanwhile, Ukraine’s Parliament …" → "Ukraine’s Parliament …").
 *
 * First, sentences that name the entity outside quotation marks are picked, most relevant first:
 * more when the entity is what the sentence is about, less when its name only qualifies
 * something else ("the Trump administration"). Each pick prefers an article not yet used and
 * is penalised for overlap with the sentences already picked; a sentence that mostly repeats
 * one already picked is skipped as a near-duplicate. Beyond two, a sentence must still be
 * relevant after those penalties.
 *
 * When that gives fewer than two, sentences that fill in for the entity complete it: ones that
 * name an entity listed in its `related`, or stand right next to a sentence naming it, ranked by
 * how many of their words the corpus uses about the entity elsewhere.
 */
import type { Article, AsOf, BackgroundSentence, EntityEntry, EntityKind } from '../types';
import type { Match } from '../match/matcher';
import type { Block } from './clean-article';
import { splitSentences } from './split-sentences';
import type { TextSpan } from './text-span';
import { containment, contentWords, overlap, wordTokens } from './wording';

export const MIN_BACKGROUND = 2;
export const MAX_BACKGROUND = 4;

/** What the selection needs to know about one article. */
export interface ArticleForBackground {
  article: Pick<Article, 'id' | 'text' | 'published'>;
  blocks: readonly Block[];
  /** Every mention of a covered entity in the article. */
  mentions: readonly Match[];
  /** The article's quotations, as spans of their words. */
  quotations: readonly TextSpan[];
}

export interface Background {
  sentences: BackgroundSentence[];
  asOf: AsOf;
  sources: string[];
}

interface Naming {
  /** It is what the sentence is about: the first entity named outside an opening phrase. */
  subject: boolean;
  /** Every mention only qualifies a noun ("the Trump administration"). */
  modifierOnly: boolean;
}

/** A sentence of an article's own words, with what it names. */
interface Sentence {
  articleId: string;
  /** Position of the article in the corpus and of the sentence in it, for stable ties. */
  order: [number, number];
  span: TextSpan;
  text: string;
  /** It may be shown as background (prose that reads on its own). */
  candidate: boolean;
  /** The sentences before and after it in its paragraph, by `key`. */
  neighbours: string[];
  key: string;
  /** Entities named outside quotation marks. */
  named: Map<string, Naming>;
  /** How many of them are topics, places or organisations. */
  places: number;
  /** Share of the sentence's characters inside quotation marks. */
  quoted: number;
  /** In the article's first paragraph of prose. */
  lead: boolean;
  /** Opens with a soft connective ("Meanwhile, …"). */
  softOpener: boolean;
  content: Set<string>;
}

/** Alternatives for a regular expression, from a list that reads better in source. */
const anyOf = (words: string) => words.trim().split(/\s+/).join('|');

/** Openers that refer back to something the reader has not seen. */
const CONTEXT_OPENERS: readonly RegExp[] = [
  new RegExp(`^(?:${anyOf('He She They It This That These Those His Her Their Its Such Both Neither Either Here There')})\\b`),
  new RegExp(
    `^(?:${anyOf(`However Still But And Or Yet Also Instead Nevertheless Nonetheless Furthermore Moreover
      Likewise Similarly Then Thus Hence Therefore Otherwise Again`)})\\b`,
  ),
  /^(?:In contrast|By contrast|In addition|As a result|For (?:its|his|her|their) part|(?:Despite|After) (?:this|that|these|those))\b/,
  // "The agreement—still in draft form—is …", but not "The urgency of the timeline …".
  new RegExp(
    `^The (?:${anyOf(`message agreement deal warning move remarks? statement comments? decision proposal timing
      shift plan meeting ultimatum position perspective theory measure step idea fund document memo two latter
      former same`)})\\b(?! of\\b)`,
    'i',
  ),
  /^The [\p{L}’']+ (?:remarks|comments|statements?|words|warning|message)\b/u,
];
/** Phrases that point back wherever they stand: "the two nations signed …". */
const CONTEXT_PHRASES =
  /\bthe (?:two (?:nations|countries|sides|leaders|men)|latter|former|same day)\b|\bmade the statement\b/i;
const SOFT_OPENERS = /^(?:Meanwhile|Now|Notably|Privately|Separately|Earlier|Later|Instead)\b/;
/** A connective a sentence can do without, before a capitalised word. */
const LEADING_CONNECTIVE =
  /^(?:Meanwhile|Now|Notably|Separately|Still|However|Nevertheless|In contrast|By contrast|Moreover|Furthermore),\s+(?=\p{Lu})/u;
/** Opening phrases whose names are not what the sentence is about. */
const INTRODUCTORY = new RegExp(
  `^(?:${anyOf(`Despite While Although Though After Before As When Following Amid Speaking With Without In Since
    Unlike Like During If Because Once On`)}|According to)\\b`,
);
const QUOTE_MARK = /^[“"‘]/;
const MIN_WORDS = 6;
const MAX_WORDS = 55;
/** Blocks whose sentences tell what the corpus says about an entity, for filling in. */
const PROFILE_KINDS = new Set<Block['kind']>(['prose', 'takeaway', 'opinion']);

/** Relevance of a sentence that names the entity … */
const NAMED = 3;
/** … as what the sentence is about, … */
const SUBJECT = 1.5;
/** … only as a qualifier ("the Trump administration"), … */
const MODIFIER_ONLY = 1;
/** … and per topic, place or organisation it also names, which makes it more informative. */
const PLACE_BONUS = 0.25;
const MAX_PLACES_BONUS = 0.75;
/** Relevance of a sentence filling in for an entity the corpus names too rarely. */
const FILL_IN = 1;
const FILL_IN_SAME_ARTICLE = 0.5;
const FILL_IN_NEIGHBOUR = 0.5;
const FILL_IN_RELATED_SUBJECT = 1;
/** Weight of the share of a filling sentence's words that the corpus uses about the entity. */
const COHERENCE = 3;
/** The article's opening paragraph, a soft connective, quoted words. */
const LEAD = 0.5;
const SOFT_OPENER = 0.5;
const QUOTED = 2;
/** Keeps a sentence that qualifies at all above zero. */
const MIN_SCORE = 0.01;
/** Preference for an article not yet used, over the similarity penalty. */
const NEW_ARTICLE = 0.75;
/** Weight of the overlap with sentences already picked. */
const SIMILARITY = 2;
/** Picked sentences beyond the minimum must be at least this relevant, after penalties. */
const MIN_EXTRA_SCORE = 2.5;
/**
 * Content words shared with a picked sentence, as a share of the smaller one's, that make a
 * near-duplicate: "The US warns it may abandon Ukraine-Russia peace talks within days if no
 * progress is made…" repeats "The United States has issued a stark warning that it may soon
 * abandon its efforts … if significant progress is not made within days" at 0.47.
 */
const NEAR_DUPLICATE = 0.45;

export function selectBackgrounds(
  entities: readonly EntityEntry[],
  articles: readonly ArticleForBackground[],
): Map<string, Background> {
  const kindOf = new Map(entities.map((e) => [e.id, e.kind]));
  const sentences = articles.flatMap((a, i) => sentencesOf(a, i, kindOf));
  const candidates = sentences.filter((s) => s.candidate);
  // Each entity's sentences, in corpus order, found in one pass rather than one per entity.
  const naming = new Map<string, Sentence[]>(entities.map((e) => [e.id, []]));
  for (const s of sentences) for (const id of s.named.keys()) naming.get(id)?.push(s);
  const publishedOf = new Map(articles.map((a) => [a.article.id, a.article.published]));
  const backgrounds = new Map<string, Background>();
  for (const entity of entities) {
    const picked = select(entity, naming.get(entity.id)!, candidates).map((s) => ({
      articleId: s.articleId,
      start: s.span.start,
      end: s.span.end,
      text: s.text,
    }));
    const sources = [...new Set(picked.map((s) => s.articleId))];
    const dated = asOf(sources.map((id) => publishedOf.get(id) ?? null));
    backgrounds.set(entity.id, { sentences: picked, sources, asOf: dated });
  }
  return backgrounds;
}

/** The newest publication date among the sources; undated when none states one. */
export function asOf(published: readonly (string | null)[]): AsOf {
  const newest = published
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
  return newest === undefined ? { status: 'undated', date: null } : { status: 'dated', date: newest };
}

function sentencesOf(
  { article, blocks, mentions, quotations }: ArticleForBackground,
  articleIndex: number,
  kindOf: ReadonlyMap<string, EntityKind>,
): Sentence[] {
  const { text } = article;
  const inQuotation = (at: number) => quotations.some((q) => q.start <= at && at < q.end);
  const firstProse = blocks.find((b) => b.kind === 'prose');
  const found: Sentence[] = [];
  for (const block of blocks) {
    if (!PROFILE_KINDS.has(block.kind)) continue;
    const spans = splitSentences(text, block);
    const keys = spans.map((s) => `${article.id}@${s.start}`);
    spans.forEach((sentence, i) => {
      const trimmed = withoutTrailingCut(text, sentence, block.cuts);
      const span = withoutConnective(text, trimmed ?? sentence);
      const words = text.slice(span.start, span.end);
      const inside = mentions.filter((m) => m.start >= span.start && m.end <= span.end && !inQuotation(m.start));
      const named = new Map<string, Naming>();
      for (const m of inside) {
        const earlier = named.get(m.entityId);
        named.set(m.entityId, { subject: false, modifierOnly: (earlier?.modifierOnly ?? true) && isModifier(text, m) });
      }
      const subject = subjectOf(words, span.start, inside, text);
      if (subject) named.get(subject)!.subject = true;
      let quotedChars = 0;
      for (let at = span.start; at < span.end; at++) if (inQuotation(at)) quotedChars++;
      found.push({
        articleId: article.id,
        order: [articleIndex, span.start],
        span,
        text: words,
        candidate: block.kind === 'prose' && trimmed !== null && readsAlone(words),
        neighbours: [keys[i - 1], keys[i + 1]].filter((k): k is string => k !== undefined),
        key: keys[i]!,
        named,
        places: [...named.keys()].filter((id) => kindOf.get(id) !== 'person').length,
        quoted: quotedChars / words.length,
        lead: block === firstProse,
        softOpener: SOFT_OPENERS.test(words),
        content: contentWords(wordTokens(words)),
      });
    });
  }
  return found;
}

/**
 * A sentence without its trailing citation markers ("… elusive 1 2 3." → "… elusive"), or
 * null when a marker sits inside it.
 */
function withoutTrailingCut(text: string, sentence: TextSpan, cuts: readonly TextSpan[]): TextSpan | null {
  const inside = cuts.filter((cut) => cut.start < sentence.end && sentence.start < cut.end);
  if (inside.length === 0) return sentence;
  const last = inside.at(-1)!;
  if (inside.length > 1 || !/^[\s.!?]*$/.test(text.slice(last.end, sentence.end))) return null;
  return { start: sentence.start, end: last.start };
}

/**
 * A sentence without the connective that ties it to the one before, when what follows starts
 * a sentence of its own: "Meanwhile, Ukraine’s Parliament is expected …" → "Ukraine’s
 * Parliament is expected …". "However, these statements …" keeps it, and is then not used.
 */
function withoutConnective(text: string, span: TextSpan): TextSpan {
  const connective = LEADING_CONNECTIVE.exec(text.slice(span.start, span.end));
  return connective ? { start: span.start + connective[0].length, end: span.end } : span;
}

/** Whether a sentence makes sense without the one before it, and is not a quotation. */
function readsAlone(sentence: string): boolean {
  const wordCount = sentence.split(/\s+/).length;
  if (wordCount < MIN_WORDS || wordCount > MAX_WORDS || /:$/.test(sentence)) return false;
  if (QUOTE_MARK.test(sentence) || !balancedQuotes(sentence)) return false;
  return !CONTEXT_OPENERS.some((p) => p.test(sentence)) && !CONTEXT_PHRASES.test(sentence);
}

/** A sentence cut inside a quotation (“… quickly. | We want …”) has unmatched marks. */
function balancedQuotes(sentence: string): boolean {
  const opening = sentence.match(/“/g)?.length ?? 0;
  const closing = sentence.match(/”/g)?.length ?? 0;
  const straight = sentence.match(/"/g)?.length ?? 0;
  return (opening + closing + straight) % 2 === 0 && Math.abs(opening - closing) <= straight;
}

/**
 * The entity a sentence is about: the first one it names after any opening phrase ("Despite
 * the rhetoric from Trump, Vance …" is about Vance), unless that name only qualifies a noun in
 * the middle of the sentence. A possessive that opens the sentence still counts: "Putin’s
 * demands … remain major sticking points" is about Putin.
 */
function subjectOf(sentence: string, start: number, mentions: readonly Match[], text: string): string | undefined {
  const comma = sentence.indexOf(',');
  const from = INTRODUCTORY.test(sentence) && comma >= 0 ? start + comma + 1 : start;
  const first = mentions.find((m) => m.start >= from);
  if (!first) return undefined;
  const opens = /^[\s“"]*$/.test(text.slice(from, first.start));
  return opens || !isModifier(text, first) ? first.entityId : undefined;
}

/** A name that only qualifies a noun: "Trump’s special envoy", "the Trump administration". */
function isModifier(text: string, { end }: Match): boolean {
  const after = text.slice(end, end + 16);
  return /^[’']s?(?![\p{L}\p{N}])/u.test(after) || /^(?:\s+administration\b|-era\b)/.test(after);
}

interface Scored {
  s: Sentence;
  score: number;
}

/**
 * @param naming the sentences that name the entity, in corpus order
 * @param candidates all sentences that may be shown as background, in corpus order
 */
function select(entity: EntityEntry, naming: readonly Sentence[], candidates: readonly Sentence[]): Sentence[] {
  const own = new Set(entity.aliases.flatMap((a) => wordTokens(a)));
  const wordsOf = new Map<Sentence, Set<string>>();
  const words = (s: Sentence) => {
    let found = wordsOf.get(s);
    if (!found) {
      found = new Set([...s.content].filter((w) => !own.has(w)));
      wordsOf.set(s, found);
    }
    return found;
  };

  const picked: Scored[] = [];
  pick(
    picked,
    naming.filter((s) => s.candidate).map((s) => ({ s, score: relevance(entity, s) })),
    MAX_BACKGROUND,
    words,
    NEW_ARTICLE,
  );
  if (picked.length < MIN_BACKGROUND) {
    const about = {
      articles: new Set(naming.map((s) => s.articleId)),
      neighbours: new Set(naming.flatMap((s) => s.neighbours)),
      profile: new Set(naming.flatMap((s) => [...words(s)])),
    };
    const fills = candidates
      .filter((s) => !s.named.has(entity.id))
      .map((s) => ({ s, score: fillIn(entity, s, about, words(s)) }))
      .filter((f) => f.score > 0);
    // Filling in, what the sentence says about the entity matters more than where it comes from.
    pick(picked, fills, MIN_BACKGROUND, words, 0);
  }
  return picked.map((p) => p.s);
}

/**
 * Adds the best of `options` to `picked`, one at a time, up to `limit` sentences in all: each
 * time preferring a new article and penalising overlap with what is picked, skipping
 * near-duplicates, and past the minimum only taking what is still relevant.
 */
function pick(
  picked: Scored[],
  options: Scored[],
  limit: number,
  words: (s: Sentence) => Set<string>,
  newArticle: number,
): void {
  let remaining: readonly Scored[] = options;
  while (picked.length < limit && remaining.length > 0) {
    const usedArticles = new Set(picked.map((p) => p.s.articleId));
    const value = (o: Scored) => {
      const similarity = Math.max(0, ...picked.map((p) => overlap(words(p.s), words(o.s))));
      return o.score - SIMILARITY * similarity + (usedArticles.has(o.s.articleId) ? 0 : newArticle);
    };
    // Values change only when a sentence is picked: rank once per pick, then walk down the
    // ranking past near-duplicates, which are dropped for good.
    const ranked = remaining
      .map((o) => ({ o, value: value(o) }))
      .sort((a, b) => b.value - a.value || a.o.s.order[0] - b.o.s.order[0] || a.o.s.order[1] - b.o.s.order[1]);
    const at = ranked.findIndex(({ o }) => !picked.some((p) => containment(p.s.content, o.s.content).ratio >= NEAR_DUPLICATE));
    if (at < 0) return;
    const best = ranked[at]!;
    if (picked.length >= MIN_BACKGROUND && best.value < MIN_EXTRA_SCORE) return;
    picked.push(best.o);
    remaining = ranked.slice(at + 1).map((r) => r.o);
  }
}

/** How relevant a sentence that names the entity is. */
function relevance(entity: EntityEntry, s: Sentence): number {
  const naming = s.named.get(entity.id)!;
  let score = NAMED;
  if (naming.subject) score += SUBJECT;
  if (naming.modifierOnly) score -= MODIFIER_ONLY;
  score += Math.min(MAX_PLACES_BONUS, PLACE_BONUS * (s.places - (entity.kind === 'person' ? 0 : 1)));
  return Math.max(score + common(s), MIN_SCORE);
}

/**
 * How well a sentence that does not name the entity fills in for it; 0 when it names no related
 * entity and stands next to no sentence naming it.
 */
function fillIn(
  entity: EntityEntry,
  s: Sentence,
  about: { articles: ReadonlySet<string>; neighbours: ReadonlySet<string>; profile: ReadonlySet<string> },
  words: ReadonlySet<string>,
): number {
  const related = entity.related.filter((id) => s.named.has(id) && !s.named.get(id)!.modifierOnly);
  const neighbour = about.neighbours.has(s.key);
  if (related.length === 0 && !neighbour) return 0;
  let score = FILL_IN;
  if (about.articles.has(s.articleId)) score += FILL_IN_SAME_ARTICLE;
  if (neighbour) score += FILL_IN_NEIGHBOUR;
  if (related.some((id) => s.named.get(id)!.subject)) score += FILL_IN_RELATED_SUBJECT;
  let shared = 0;
  for (const word of words) if (about.profile.has(word)) shared++;
  score += COHERENCE * (words.size === 0 ? 0 : shared / words.size);
  return Math.max(score + common(s), MIN_SCORE);
}

/** What makes any sentence a better or worse line of background. */
function common(s: Sentence): number {
  return (s.lead ? LEAD : 0) - (s.softOpener ? SOFT_OPENER : 0) - QUOTED * s.quoted;
}
