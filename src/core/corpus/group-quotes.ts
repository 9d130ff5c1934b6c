/**
 * Turns the quotations found in every article into quotes: one per remark, with each outlet's
 * wording of it as a source.
 *
 * A remark is compared sentence by sentence, because outlets cut a speaker's words differently:
 * one prints three sentences in one quotation, another quotes only the middle one, a third
 * only a fragment of it ("within days"). So:
 *  1. each quotation is cut into its sentences (a fragment is one piece);
 *  2. two pieces of different quotations are linked when they word the same thing
 *     (`sameRemark`) and their speakers agree;
 *  3. linked pieces form groups; a group never holds two different people;
 *  4. within a quotation, a piece that matches nothing elsewhere stays with its neighbour, so a
 *     quotation is only cut where its sentences belong to different remarks, and consecutive
 *     pieces of one group become one source.
 * Each group is one quote, whose main wording is its fullest source in an article's own prose.
 * Its speaker is the person of its pieces; a quotation that the text
 * gives to an institution or to no one ("Trump’s administration emphasizes that “it’s not our
 * war”") joins a person's remark only when it repeats it word for word.
 */
import type { Article, Quote, QuoteSource, SpeakerNote } from '../types';
import type { FoundQuotation } from './extract-quotes';
import { splitSentences } from './split-sentences';
import { containment, contentWords, isContiguous, isSubsequence, wordTokens } from './wording';

/** A fragment this short or shorter matches where its words appear in order: "move on", "within days". */
const MAX_FRAGMENT_TOKENS = 5;
/** Words a fragment's words may have between them: "within days" ~ "within a matter of days". */
const MAX_FRAGMENT_GAP = 3;
/** Two sentences are the same remark when most content words of the shorter are in the longer … */
const MIN_CONTAINMENT = 0.6;
/** … and at least this many of them. */
const MIN_SHARED_WORDS = 2;
/** An institution's or unknown speaker's words join a person's only when repeated this long verbatim. */
const MIN_VERBATIM_TOKENS = 4;

/** Notes that may stand for a person the text does not name; a document or a term never does. */
const MAY_BE_A_PERSON: readonly SpeakerNote[] = ['institution', 'unnamed official', 'unknown'];
/** Which note a group of unattributed pieces keeps: the most specific. */
const NOTE_ORDER: readonly SpeakerNote[] = ['document', 'institution', 'unnamed official', 'other person', 'term', 'unknown'];

interface Piece {
  quotation: number;
  start: number;
  end: number;
  speaker: string | null;
  note: SpeakerNote | null;
  tokens: string[];
  content: Set<string>;
}

export function groupQuotes(
  found: readonly FoundQuotation[],
  articles: readonly Pick<Article, 'id' | 'text'>[],
): Quote[] {
  const textOf = new Map(articles.map((a) => [a.id, a.text]));
  const articleOrder = new Map(articles.map((a, i) => [a.id, i]));
  const text = (q: FoundQuotation) => textOf.get(q.articleId) ?? '';

  const pieces: Piece[] = found.flatMap((q, quotation) =>
    splitSentences(text(q), q).map(({ start, end }) => {
      const tokens = wordTokens(text(q).slice(start, end));
      const { attribution } = q;
      return {
        quotation,
        start,
        end,
        speaker: attribution.speaker,
        note: attribution.speaker === null ? attribution.note : null,
        tokens,
        content: contentWords(tokens),
      };
    }),
  );

  const groups = new Groups(pieces);
  // A link between two pieces of one person is never refused and never changes whose remark a
  // group is, so applying all of them first, as found, gives the groups that one pass over all
  // links, strongest first, gave. Links of an unattributed piece decide whose remark it joins:
  // those still go strongest first, ties in piece order.
  linkSamePerson(pieces, groups);
  for (const { a, b } of unattributedLinks(pieces)) groups.union(a, b);

  const piecesOf: { p: Piece; i: number }[][] = found.map(() => []);
  pieces.forEach((p, i) => piecesOf[p.quotation]!.push({ p, i }));
  // Per quotation, the group of each piece; unmatched pieces join their neighbour's group.
  const sources = new Map<number, { source: QuoteSource; order: [number, number]; reported: boolean }[]>();
  found.forEach((q, quotation) => {
    const own = piecesOf[quotation]!;
    const matched = own.map(({ i }) => groups.size(i) > 1);
    const groupOf = own.map((_, k) => {
      const neighbour = nearestMatched(matched, k);
      return groups.find(neighbour === undefined ? own[0]!.i : own[neighbour]!.i);
    });
    own.forEach(({ p }, k) => {
      const list = sources.get(groupOf[k]!) ?? [];
      const last = list.at(-1);
      const continues = k > 0 && groupOf[k - 1] === groupOf[k] && last?.source.articleId === q.articleId;
      if (continues && last) {
        last.source.end = p.end;
        last.source.text = text(q).slice(last.source.start, p.end);
      } else {
        list.push({
          source: { articleId: q.articleId, start: p.start, end: p.end, text: text(q).slice(p.start, p.end) },
          order: [articleOrder.get(q.articleId) ?? 0, p.start],
          reported: q.block === 'prose' && !q.truncated,
        });
      }
      sources.set(groupOf[k]!, list);
    });
  });

  const membersOf = new Map<number, Piece[]>();
  pieces.forEach((p, i) => addTo(membersOf, groups.find(i), p));
  const quotes = [...sources.entries()].map(([root, list]) => {
    list.sort((x, y) => x.order[0] - y.order[0] || x.order[1] - y.order[1]);
    const members = membersOf.get(root) ?? [];
    const speaker = members.find((p) => p.speaker !== null)?.speaker ?? null;
    // The main wording: the fullest in an article's own reporting, rather than a takeaway's
    // summary or an embedded tweet cut off mid-sentence, unless there is nothing else.
    const main = list.some((s) => s.reported) ? list.filter((s) => s.reported) : list;
    const fullest = main.reduce((best, s) => (s.source.text.length > best.source.text.length ? s : best));
    const quote: Quote = {
      id: '',
      speaker,
      ...(speaker === null && { speakerNote: mostSpecific(members.map((p) => p.note)) }),
      ...fullest.source,
      sources: list.map((s) => s.source),
    };
    return { quote, order: list[0]!.order };
  });
  quotes.sort((x, y) => x.order[0] - y.order[0] || x.order[1] - y.order[1]);

  const counters = new Map<string, number>();
  return quotes.map(({ quote }) => {
    const first = quote.sources[0]!.articleId;
    const n = (counters.get(first) ?? 0) + 1;
    counters.set(first, n);
    return { ...quote, id: `${first}#q${n}` };
  });
}

/**
 * Joins the pieces of each person that word the same remark (`linkStrength` > 0), comparing only
 * pairs that share a word that any such pair must share, and skipping pairs already grouped.
 *
 * A piece is compared with the pieces that contain its rarest word, which finds every piece it
 * appears in word for word or as a fragment (all its words are there); and with those containing
 * any of its k − t + 1 rarest content words, where k is its number of content words and t the
 * fewest shared words that make a match, which finds every piece that shares t of them.
 */
function linkSamePerson(pieces: readonly Piece[], groups: Groups): void {
  const byPerson = new Map<string, number[]>();
  pieces.forEach((p, i) => {
    if (p.speaker !== null) addTo(byPerson, p.speaker, i);
  });
  const comparedWith = new Array<number>(pieces.length).fill(-1);
  for (const own of byPerson.values()) {
    const containing = new Map<string, number[]>();
    for (const i of own) {
      for (const token of new Set(pieces[i]!.tokens)) addTo(containing, token, i);
    }
    const postings = (token: string) => containing.get(token)!;
    const rarestFirst = (words: Iterable<string>) => [...words].sort((x, y) => postings(x).length - postings(y).length);
    for (const a of own) {
      const piece = pieces[a]!;
      const [rarest] = rarestFirst(piece.tokens);
      if (rarest === undefined) continue;
      const content = rarestFirst(piece.content);
      const probes = new Set([rarest, ...content.slice(0, Math.max(0, content.length - minShared(content.length) + 1))]);
      for (const token of probes) {
        for (const b of postings(token)) {
          if (b === a || comparedWith[b] === a) continue;
          comparedWith[b] = a;
          if (groups.find(a) === groups.find(b)) continue;
          if (linkStrength(pieces[Math.min(a, b)]!, pieces[Math.max(a, b)]!) > 0) groups.union(a, b);
        }
      }
    }
  }
}

/** The fewest content words a piece with `size` of them must share to match by containment. */
function minShared(size: number): number {
  let shared = MIN_SHARED_WORDS;
  while (shared <= size && shared / size < MIN_CONTAINMENT) shared++;
  return shared;
}

/**
 * The links that involve an unattributed piece, strongest first, ties in the order of their
 * pieces. Such a link needs the shorter piece word for word in the longer, at least
 * `MIN_VERBATIM_TOKENS` long, so the longer holds every run of that many words of the shorter:
 * pieces are indexed by their runs, and each is compared only with the pieces holding its
 * rarest run (unattributed ones, for a person's piece).
 */
function unattributedLinks(pieces: readonly Piece[]): { a: number; b: number; strength: number }[] {
  const runsOf = pieces.map((p) => {
    const runs = new Set<string>();
    for (let at = 0; at + MIN_VERBATIM_TOKENS <= p.tokens.length; at++) {
      runs.add(p.tokens.slice(at, at + MIN_VERBATIM_TOKENS).join(' '));
    }
    return runs;
  });
  const holding = new Map<string, number[]>();
  const unattributedHolding = new Map<string, number[]>();
  pieces.forEach((p, i) => {
    for (const run of runsOf[i]!) {
      addTo(holding, run, i);
      if (p.speaker === null) addTo(unattributedHolding, run, i);
    }
  });
  const links: { a: number; b: number; strength: number }[] = [];
  pieces.forEach((short, s) => {
    const index = short.speaker === null ? holding : unattributedHolding;
    let rarest: readonly number[] | undefined;
    for (const run of runsOf[s]!) {
      const holders = index.get(run) ?? [];
      if (rarest === undefined || holders.length < rarest.length) rarest = holders;
    }
    for (const l of rarest ?? []) {
      const length = pieces[l]!.tokens.length;
      // Each pair once: from its shorter piece, or from the first of two of one length.
      if (length < short.tokens.length || (length === short.tokens.length && l <= s)) continue;
      const [a, b] = s < l ? [s, l] : [l, s];
      const strength = linkStrength(pieces[a]!, pieces[b]!);
      if (strength > 0) links.push({ a, b, strength });
    }
  });
  return links.sort((x, y) => y.strength - x.strength || x.a - y.a || x.b - y.b);
}

/**
 * How surely two pieces are the same remark, 0 when they are not or may not be grouped: the
 * same person; or a person and an unattributed quotation repeating the person's words verbatim.
 */
function linkStrength(a: Piece, b: Piece): number {
  if (a.quotation === b.quotation) return 0;
  const verbatim = verbatimLength(a, b);
  if (a.speaker !== null && b.speaker !== null) {
    return a.speaker === b.speaker ? Math.max(verbatim, sameRemark(a, b)) : 0;
  }
  const person = a.speaker ?? b.speaker;
  const notes = [a.note, b.note].filter((n): n is SpeakerNote => n !== null);
  const mayJoin = person !== null ? notes.every((n) => MAY_BE_A_PERSON.includes(n)) : notes[0] === notes[1];
  return mayJoin && verbatim >= MIN_VERBATIM_TOKENS ? verbatim : 0;
}

/** The length of the shorter piece when it appears word for word in the longer one, else 0. */
function verbatimLength(a: Piece, b: Piece): number {
  const [short, long] = a.tokens.length <= b.tokens.length ? [a, b] : [b, a];
  return isContiguous(short.tokens, long.tokens) ? short.tokens.length : 0;
}

/** 1 or more when two pieces word the same remark, 0 when not. */
function sameRemark(a: Piece, b: Piece): number {
  const [short, long] = a.tokens.length <= b.tokens.length ? [a, b] : [b, a];
  if (short.tokens.length <= MAX_FRAGMENT_TOKENS && short.content.size > 0) {
    if (isSubsequence(short.tokens, long.tokens, MAX_FRAGMENT_GAP)) return short.tokens.length;
  }
  const { shared, ratio } = containment(a.content, b.content);
  return shared >= MIN_SHARED_WORDS && ratio >= MIN_CONTAINMENT ? shared * ratio : 0;
}

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function nearestMatched(matched: readonly boolean[], k: number): number | undefined {
  for (let i = k; i >= 0; i--) if (matched[i]) return i;
  for (let i = k + 1; i < matched.length; i++) if (matched[i]) return i;
  return undefined;
}

function mostSpecific(notes: readonly (SpeakerNote | null)[]): SpeakerNote {
  return NOTE_ORDER.find((n) => notes.includes(n)) ?? 'unknown';
}

/** Union–find over pieces, refusing to put two different people in one group. */
class Groups {
  private readonly parent: number[];
  private readonly speaker: (string | null)[];
  private readonly sizes: number[];

  constructor(pieces: readonly Piece[]) {
    this.parent = pieces.map((_, i) => i);
    this.speaker = pieces.map((p) => p.speaker);
    this.sizes = pieces.map(() => 1);
  }

  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }

  size(i: number): number {
    return this.sizes[this.find(i)]!;
  }

  union(a: number, b: number): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return;
    const [sa, sb] = [this.speaker[ra], this.speaker[rb]];
    if (sa !== null && sb !== null && sa !== sb) return;
    this.parent[rb] = ra;
    this.sizes[ra]! += this.sizes[rb]!;
    this.speaker[ra] = sa ?? sb ?? null;
  }
}
