/**
 * An inverted word index: every folded word (lower case, no diacritics) of a set of documents →
 * the documents, and which of their fields, that hold it. The build makes it; the popup answers
 * each keystroke from it without reading any document's text, so a search costs what the query
 * words' posting lists cost, not what the corpus's text costs (issue 7: Fuse scanned every
 * article's full text on every key).
 *
 * A query word matches an indexed word that it equals or begins (the last word is usually still
 * being typed, and "ceasefire" should find "ceasefires"); a word of five letters or more that
 * begins no indexed word may instead be one edit away from the start of one ("zelemsky").
 */

/** Runs of letters, marks, digits and underscores in any script: the words of a text. */
const WORD = /[\p{L}\p{M}\p{N}_]+/gu;

/** Letters that carry a stroke rather than a combining mark, so decomposition leaves them be. */
const STROKED: Record<string, string> = { ł: 'l', đ: 'd', ø: 'o', ħ: 'h', ŧ: 't', ı: 'i', ß: 'ss' };
const STROKED_RE = new RegExp(`[${Object.keys(STROKED).join('')}]`, 'g');
const ASCII = /^[\0-\x7f]*$/;

/**
 * `text` in lower case without diacritics ("Zelenskyy", "ZELENSKYY" → "zelenskyy"; "Žižek" →
 * "zizek"; "Зеленський" → "зеленськии"), the form both the index and the query are compared in.
 */
export function fold(text: string): string {
  // Most words are ASCII, and folding them is only lower-casing: the fast way round.
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(STROKED_RE, (c) => STROKED[c]!);
}

/**
 * The words of `text` that search considers: two characters or more once folded. A one-letter
 * word ("a", "I") says nothing about which document is meant, and every query word is required.
 */
export function words(text: string): string[] {
  return (text.match(WORD) ?? []).filter((w) => fold(w).length > 1);
}

/** The folded words of a text, as the index holds them. */
export function foldedWords(text: string): string[] {
  return (fold(text).match(WORD) ?? []).filter((w) => w.length > 1);
}

/** A word of a text where it stands, for marking it. */
export interface WordAt {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  folded: string;
}

/** The words of `text` with their places. Only for the few documents a result shows. */
export function wordsAt(text: string): WordAt[] {
  const out: WordAt[] = [];
  for (const m of text.matchAll(WORD)) {
    const folded = fold(m[0]);
    if (folded.length > 1) out.push({ start: m.index, end: m.index + m[0].length, folded });
  }
  return out;
}

/** A document: for each field, its text or texts (a quote's several wordings). */
export type WordDoc = readonly (string | readonly string[])[];

/** The serialised index, as `search-index.json` holds it. */
export interface WordIndexFile {
  /** How many documents were indexed. */
  docs: number;
  /** How many fields each document has (at most 8); a posting keeps one bit per field. */
  fields: number;
  /** Every folded word, sorted by UTF-16 code units, so the words a prefix begins are adjacent. */
  terms: string[];
  /**
   * For each term, the documents holding it, each as `doc * 2^fields + fieldMask`, ascending,
   * stored as the difference from the one before (small numbers keep the JSON small).
   */
  postings: number[][];
}

/** Builds the index over `docs`, each with `fields` fields. Time and memory linear in the text. */
export function buildWordIndex(docs: readonly WordDoc[], fields: number): WordIndexFile {
  if (fields < 1 || fields > 8) throw new Error(`a word index holds 1 to 8 fields, not ${fields}`);
  const shift = 2 ** fields;
  const lists = new Map<string, number[]>();
  const masks = new Map<string, number>();
  docs.forEach((doc, d) => {
    masks.clear();
    for (let f = 0; f < fields; f++) {
      const value = doc[f];
      const texts = typeof value === 'string' ? [value] : (value ?? []);
      for (const text of texts) {
        for (const w of foldedWords(text)) masks.set(w, (masks.get(w) ?? 0) | (1 << f));
      }
    }
    for (const [w, mask] of masks) {
      let list = lists.get(w);
      if (!list) lists.set(w, (list = []));
      list.push(d * shift + mask);
    }
  });
  const terms = [...lists.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const postings = terms.map((t) => {
    const list = lists.get(t)!;
    let previous = 0;
    return list.map((v) => {
      const delta = v - previous;
      previous = v;
      return delta;
    });
  });
  return { docs: docs.length, fields, terms, postings };
}

/** How an indexed word matched a query word: its weight, and how much of it to mark. */
export interface TermMatch {
  /** 1 for the whole word; less for a word the query word only begins, or nearly begins. */
  quality: number;
  /** How many folded characters of the word the query covers; `Infinity` marks it whole. */
  covers: number;
}

const EXACT = 1;
const PREFIX = 0.75;
const NEAR = 0.5;
/** The shortest query word that may be one edit off (a fifth of its letters, as Fuse's 0.2). */
const NEAR_MIN_LENGTH = 5;

/** The documents a query found, best first, and the indexed words it matched, for marking. */
export interface WordHits {
  docs: number[];
  /** Every indexed word some query word matched, by its folded form. */
  terms: Map<string, TermMatch>;
}

/** A parsed word index, ready to query. */
export class WordIndex {
  readonly docCount: number;
  private readonly fields: number;
  private readonly terms: string[];
  private readonly encoded: number[][];
  /** Posting lists decoded on first use; the popup only ever needs a few. */
  private readonly decoded: (Int32Array | undefined)[];

  constructor(file: WordIndexFile) {
    if (!Array.isArray(file?.terms) || !Array.isArray(file.postings) || file.terms.length !== file.postings.length) {
      throw new Error('not a word index');
    }
    this.docCount = file.docs;
    this.fields = file.fields;
    this.terms = file.terms;
    this.encoded = file.postings;
    this.decoded = new Array(file.terms.length);
  }

  /** The indexed words `word` (folded) matches, by index into the term list. */
  lookup(word: string): Map<number, TermMatch> {
    const found = new Map<number, TermMatch>();
    const { terms } = this;
    // The first term not before `word`; every term it begins follows, adjacent.
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    for (let t = lo; t < terms.length && terms[t]!.startsWith(word); t++) {
      found.set(t, terms[t]!.length === word.length ? { quality: EXACT, covers: Infinity } : { quality: PREFIX, covers: word.length });
    }
    if (found.size === 0 && word.length >= NEAR_MIN_LENGTH) {
      // A typo: only now is the whole term list read, and only its words of a fitting length.
      for (let t = 0; t < terms.length; t++) {
        const term = terms[t]!;
        if (term.length < word.length - 1) continue;
        if (nearStart(word, term)) found.set(t, { quality: NEAR, covers: Infinity });
      }
    }
    return found;
  }

  /** The documents holding `t`, each as `doc * 2^fields + fieldMask`, ascending. */
  private postings(t: number): Int32Array {
    let list = this.decoded[t];
    if (!list) {
      const deltas = this.encoded[t]!;
      list = new Int32Array(deltas.length);
      let v = 0;
      for (let i = 0; i < deltas.length; i++) list[i] = v += deltas[i]!;
      this.decoded[t] = list;
    }
    return list;
  }

  /**
   * The documents that hold every one of `queryWords` (folded) in some field, the best `limit`
   * first. A document scores, for each query word, its best field weight times how well the
   * word matched, weighed by how rare the word is among documents. With `groups` (each
   * document's group, e.g. the quote a wording belongs to), the best document of each of the
   * best `limit` groups; ties go to the earlier document.
   */
  search(queryWords: readonly string[], weights: readonly number[], limit: number, groups?: ArrayLike<number>): WordHits {
    const terms = new Map<string, TermMatch>();
    if (queryWords.length === 0 || limit < 1) return { docs: [], terms };
    const shift = 2 ** this.fields;
    const n = this.docCount;
    const perWord: { best: Float32Array; docs: number[] }[] = [];
    // What each field mask is worth at best, once per query.
    const maskWeight = new Float32Array(shift);
    for (let mask = 1; mask < shift; mask++) {
      for (let f = 0; f < this.fields; f++) if (mask & (1 << f)) maskWeight[mask] = Math.max(maskWeight[mask]!, weights[f] ?? 1);
    }
    for (const word of queryWords) {
      const best = new Float32Array(n);
      const docs: number[] = [];
      for (const [t, match] of this.lookup(word)) {
        const term = this.terms[t]!;
        const known = terms.get(term);
        if (!known || match.quality > known.quality || (match.quality === known.quality && match.covers > known.covers)) terms.set(term, match);
        const list = this.postings(t);
        for (let i = 0; i < list.length; i++) {
          const v = list[i]!;
          const doc = (v - (v & (shift - 1))) / shift;
          const score = maskWeight[v & (shift - 1)]! * match.quality;
          if (best[doc] === 0) docs.push(doc);
          if (score > best[doc]!) best[doc] = score;
        }
      }
      if (docs.length === 0) return { docs: [], terms };
      perWord.push({ best, docs });
    }
    // Start from the rarest word: every document must hold it.
    const rarest = perWord.reduce((a, b) => (b.docs.length < a.docs.length ? b : a));
    const idf = perWord.map((w) => Math.log(1 + (n - w.docs.length + 0.5) / (w.docs.length + 0.5)));
    const top = new TopK(limit);
    // The best document of a group so far, by group; only with `groups`.
    const leader = groups ? new Map<number, { doc: number; score: number }>() : null;
    for (const doc of rarest.docs) {
      let score = 0;
      for (let i = 0; i < perWord.length && score >= 0; i++) {
        const s = perWord[i]!.best[doc]!;
        score = s === 0 ? -1 : score + idf[i]! * s;
      }
      if (score < 0) continue;
      if (!leader) {
        top.offer(doc, score);
        continue;
      }
      const group = groups![doc]!;
      const known = leader.get(group);
      if (!known || score > known.score || (score === known.score && doc < known.doc)) leader.set(group, { doc, score });
    }
    if (leader) for (const { doc, score } of leader.values()) top.offer(doc, score);
    return { docs: top.docs(), terms };
  }
}

/** The best `size` documents offered, by score and then the earlier document. */
class TopK {
  private readonly kept: { doc: number; score: number }[] = [];
  constructor(private readonly size: number) {}

  offer(doc: number, score: number): void {
    const { kept } = this;
    const before = (a: { doc: number; score: number }) => score > a.score || (score === a.score && doc < a.doc);
    if (kept.length === this.size && !before(kept[kept.length - 1]!)) return;
    let at = kept.length;
    while (at > 0 && before(kept[at - 1]!)) at--;
    kept.splice(at, 0, { doc, score });
    if (kept.length > this.size) kept.pop();
  }

  docs(): number[] {
    return this.kept.map((k) => k.doc);
  }
}

/** Whether some start of `term` is at most one edit (insert, delete, change) from `word`. */
function nearStart(word: string, term: string): boolean {
  for (let len = word.length - 1; len <= word.length + 1; len++) {
    if (len <= term.length && withinOneEdit(word, term.slice(0, len))) return true;
  }
  return false;
}

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Where the matched words stand in `text`, as inclusive [start, end] ranges: a whole word, or
 * of a word the query only began, as much of its start as the query covered.
 */
export function markWords(text: string, terms: ReadonlyMap<string, TermMatch>, at: readonly WordAt[] = wordsAt(text)): [number, number][] {
  const ranges: [number, number][] = [];
  if (terms.size === 0) return ranges;
  for (const w of at) {
    const match = terms.get(w.folded);
    if (!match) continue;
    ranges.push([w.start, w.start + originalLength(text.slice(w.start, w.end), match.covers) - 1]);
  }
  return ranges;
}

/**
 * `markWords` for the texts results show, remembering the words of the last `capacity` texts:
 * while a query is typed the same few articles show on every key, and reading an article's
 * words costs more than the rest of a search.
 */
export function wordMarker(capacity = 128): typeof markWords {
  const known = new Map<string, WordAt[]>();
  return (text, terms) => {
    if (terms.size === 0) return [];
    let at = known.get(text);
    if (at) {
      known.delete(text);
    } else {
      at = wordsAt(text);
      if (known.size >= capacity) known.delete(known.keys().next().value!);
    }
    known.set(text, at);
    return markWords(text, terms, at);
  };
}

/** How many characters of `word` it takes to cover `folded` characters of its folded form. */
function originalLength(word: string, folded: number): number {
  if (folded === Infinity) return word.length;
  // Folding may lengthen ("ß" → "ss") or shorten (a separate combining mark) a word.
  for (let k = 1; k < word.length; k++) {
    if (fold(word.slice(0, k)).length >= folded) {
      // Keep combining marks with the letter they sit on.
      while (k < word.length && /\p{M}/u.test(word[k]!)) k++;
      return k;
    }
  }
  return word.length;
}
