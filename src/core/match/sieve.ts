/**
 * The sieve: regular expressions, made at build time from the matcher's keys (sieve-source.ts),
 * that find every place in a page's raw text where a key could occur once normalised. The
 * content script runs them natively over the page's text, joined, and loads the scanner only
 * where they find something (docs/decisions/007).
 *
 * It may point at text the matcher then rejects (a key in lower case, or ending inside a word),
 * never the other way round: wherever the matcher finds a key, the sieve reports a stretch of
 * that key's raw text. So that holds:
 * - an *anchor* (up to five letters of one word of the key) is looked for first; where one
 *   occurs, the keys that hold it are matched in full, from up to REACH characters before it;
 * - keys are spelled with the raw forms normalisation folds into their characters: any white
 *   space, with middle initials, between words ("Vladimir V. Putin"); any apostrophe, quote,
 *   dash or dot leader; letters with a diacritic are folded first ("é" into "e"), and dashes
 *   between letters dropped ("cease-fire" reads "ceasefire"), as normalisation does;
 * - every other character whose normalisation could be part of a key is *trouble*, reported on
 *   its own: soft hyphens and other vanishing characters, combining marks, ligatures, "ß", "™".
 *   The scanner judges the text around it, the exact way.
 * Two bounds: a key whose words lie more than REACH characters apart is missed, and so is one
 * split by text the scanner skips for its attributes ("Pu<span hidden>…</span>tin"): the
 * content script passes over the elements the scanner skips by name (scripts, style sheets),
 * not those it skips for how they are marked up.
 */
import { casedLike } from './case-fit';

/** The sieve's expressions, as sources (sieve-source.ts makes them at build time). */
export interface SieveSource {
  /** Anchors spelled in ASCII: part of a word of every key, for the flag "g". */
  anchors: string;
  /** The other anchors (Cyrillic), for the flag "g"; empty if none. */
  foreignAnchors: string;
  /** A class of the letters of `foreignAnchors`: text without them needs no look for those. */
  foreign: string;
  /**
   * A hyphen between two letters an anchor may hold, with those letters: normalisation drops
   * the hyphen ("cease-fire" reads "ceasefire"), so the sieve drops it too before looking for
   * anchors. (No lookbehind: an expression that starts with one is several times slower.)
   */
  soft: string;
  /** Trouble: characters to match on their own, for the flags "gu". */
  trouble: string;
  /**
   * Characters normalisation drops wherever they are (combining marks, soft hyphens, zero-width
   * spaces), as a class for the flags "gu": the sieve drops them too before it looks.
   */
  drop: string;
  /**
   * Characters folded before the sieve looks, each into the one at the same place in `foldTo`:
   * letters with a diacritic, full-width forms, … ("é" into "e"), which normalisation folds.
   */
  foldFrom: string;
  foldTo: string;
  /**
   * Characters spelt out before the sieve looks, each as the word at the same place in
   * `expandTo` (separated by spaces), as normalisation spells them: "ß" as "ss", "™" as "tm".
   */
  expandFrom: string;
  expandTo: string;
  /**
   * The matcher's keys, grouped by anchor: each group is the anchor on a line of its own, then
   * the keys that hold it, one per line; a blank line ends it. Where an anchor occurs, its keys
   * are looked for in full before the text counts as a candidate, so an anchor inside an
   * everyday word ("white", "meeting") costs the page nothing more. A key written with a
   * capital ("Trump") counts only where its first letter is not in lower case, as the matcher
   * takes it.
   */
  keys: string;
  /**
   * Namesakes as written, one per line ("Trump cards", "Vassili Peskov"), that may hide the keys
   * inside them (sieve-source.ts, `mayHide`): where one stands whole around a key the sieve
   * finds, in plain words, cased as the matcher takes it, with a word's edge after it in the
   * same text node (and before it, where it starts before the key), the matcher takes the
   * namesake, which names no one, and the key is no candidate. "Trump cards" in a page on tarot
   * made it load the scanner for nothing.
   */
  shadows: string;
}

/** Apostrophes normalisation folds to "'" (normalise.ts), as a class's contents. */
export const APOSTROPHES = "'`\\u00b4\\u02bb\\u02bc\\u2018\\u2019\\u201b\\u2032\\uff07";
/** Quotes normalisation folds to '"'. */
/** Dashes: normalisation folds each to "-", and drops one between two letters. */
export const DASHES = '\\-\\u2010-\\u2015\\u2212\\ufe58\\ufe63\\uff0d';
/** Dot leaders and the ellipsis, which normalise to one, two or three dots. */
export const DOTS = '.\\u2024-\\u2026';
export const QUOTES = '"\\u00ab\\u00bb\\u201c-\\u201f\\u2033\\u2039\\u203a\\u301d\\u301e\\uff02';
/**
 * Between two words of a key: white space, and any middle initials normalisation drops. An
 * initial may be two letters here: a capital the sieve spells out first ("Æ" as "AE").
 */
const BETWEEN_WORDS = '\\s+(?:\\S\\S?\\.?\\s+)*';

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

/** The keys as one alternation shaped like their trie, so the engine tries a prefix once. */
export function keyPattern(keys: readonly string[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const key of keys) {
    let node = root;
    for (const ch of key) {
      let child = node.next.get(ch);
      if (!child) node.next.set(ch, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const alternatives = [...node.next].map(([ch, child]) => {
            return charPattern(ch) + emit(child);
    });
    if (alternatives.length === 0) return '';
    const group = alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
    // A key that ends here is enough: the sieve needs only one match per place.
    return node.end ? '' : group;
  };
  return emit(root);
}

/** How a key's character appears in raw text (the expressions ignore case). */
function charPattern(ch: string): string {
  if (ch === ' ') return BETWEEN_WORDS;
  if (ch === "'") return `[${APOSTROPHES}]`;
  if (ch === '"') return `[${QUOTES}]`;
  if (ch === '-') return `[${DASHES}]`;
  if (ch === '.') return `[${DOTS}]`;
  return escape(ch);
}

export function escape(ch: string): string {
  if (/[\\^$.*+?()[\]{}|/]/.test(ch)) return `\\${ch}`;
  const unit = ch.charCodeAt(0);
  // \uXXXX: the anchors' expressions have no "u" flag (keys are all in the BMP).
  return unit < 0x20 || unit > 0x7e ? `\\u${unit.toString(16).padStart(4, '0')}` : ch;
}

/** The sieve's expressions, compiled (each compiles on first use: most pages need few). */
export interface Sieve {
  anchors: RegExp;
  /** The other anchors: made on first use, as only text with their letters needs them. */
  foreignAnchors(): RegExp | null;
  foreign: RegExp;
  soft: RegExp;
  dash: RegExp;
  /** Trouble: made on first use, as English text seldom needs it. */
  trouble(): RegExp;
  /** What normalisation drops: made on first use, like `trouble`. */
  drop(): RegExp;
  /** Folds what `foldFrom` lists into what `foldTo` does. */
  fold(text: string): string;
  /** What `expandFrom` lists, spelt out, and where: made on first use, like `trouble`. */
  expand(text: string): Edited;
  /**
   * The keys that hold an anchor, as one expression, by anchor: made when it first occurs.
   * Where a key written with a capital matched, its group 1 is set.
   */
  keysFor(anchor: string): RegExp;
  /** The namesakes that may hide keys, as one expression, and how each is written: made on first use. */
  shadows(): Shadows | null;
}

interface Shadows {
  re: RegExp;
  /** Each namesake as written, by its spelling in lower case. */
  written: Map<string, string>;
  /** The longest namesake's length. */
  reach: number;
}

export function compileSieve(source: SieveSource): Sieve {
  let trouble: RegExp | null = null;
  let drop: RegExp | null = null;
  let foldable: RegExp | null = null;
  let expandable: RegExp | null = null;
  let spelt: string[] | null = null;
  const { expandFrom } = source;
  let foreignAnchors: RegExp | null = null;
  const full = new Map<string, RegExp>();
  const { foldFrom, foldTo } = source;
  let shadows: Shadows | null | undefined;
  return {
    anchors: new RegExp(source.anchors, 'gi'),
    foreignAnchors: () => (source.foreignAnchors ? (foreignAnchors ??= new RegExp(source.foreignAnchors, 'gi')) : null),
    foreign: new RegExp(source.foreign, 'i'),
    soft: new RegExp(source.soft, 'gi'),
    dash: new RegExp(`[${DASHES}]`),
    trouble: () => (trouble ??= new RegExp(source.trouble, 'gu')),
    drop: () => (drop ??= new RegExp(source.drop, 'gu')),
    expand: (text) => {
      if (!expandFrom) return { text, at: [], width: [] };
      expandable ??= new RegExp(`[${expandFrom.replace(/[\\\]^-]/g, '\\$&')}]`, 'g');
      spelt ??= source.expandTo.split(' ');
      return edit(text, expandable, { into: (c) => spelt![expandFrom.indexOf(c)]! });
    },
    fold: (text) =>
      text.replace((foldable ??= new RegExp(`[${foldFrom.replace(/[\\\]^-]/g, '\\$&')}]`, 'g')), (c) => foldTo[foldFrom.indexOf(c)]!),
    shadows() {
      if (shadows === undefined) {
        const lines = source.shadows ? source.shadows.split('\n') : [];
        const written = new Map(lines.map((line) => [line.toLowerCase(), line]));
        const spelt = [...written.keys()].sort((a, b) => b.length - a.length);
        shadows = lines.length === 0 ? null : { re: new RegExp(spelt.join('|'), 'gi'), written, reach: spelt[0]!.length };
      }
      return shadows;
    },
    keysFor(anchor) {
      let re = full.get(anchor);
      if (!re) {
        const any: string[] = [];
        const capital: string[] = [];
        for (const key of keysHolding(source.keys, anchor)) {
          const lower = key.toLowerCase();
          (lower === key ? any : capital).push(lower);
        }
        const groups = [any.length > 0 ? `(?:${spellKeys(any)})` : '', capital.length > 0 ? `(${spellKeys(capital)})` : ''];
        re = new RegExp(groups.filter(Boolean).join('|') || '(?!)', 'gi');
        full.set(anchor, re);
      }
      return re;
    },
  };
}

/**
 * The keys of `grouped` (SieveSource.keys) that hold `anchor`: its group. Any other text the
 * anchors' expression could match (none, as it is made of the anchors) gets every key that
 * holds it, anchors' own lines included, which can only point at more text, never less.
 */
function keysHolding(grouped: string, anchor: string): string[] {
  const head = `${anchor}\n`;
  const at = grouped.startsWith(head) ? -2 : grouped.indexOf(`\n\n${head}`);
  if (at === -1) return grouped.split('\n').filter((line) => line.toLowerCase().includes(anchor));
  const start = at + 2;
  const end = grouped.indexOf('\n\n', start);
  return grouped.slice(start + anchor.length + 1, end < 0 ? undefined : end).split('\n');
}

const SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

/**
 * The same as `keyPattern`, for a few keys, in the browser's native string functions: the
 * content script's code runs cold on every page, and a trie built in script costs more than the
 * expression saves.
 */
export function spellKeys(keys: readonly string[]): string {
  return [...keys]
    .sort((a, b) => b.length - a.length) // the longest key at a place is the one reported
    .join('\n')
    .replace(SPECIAL, '\\$&')
    // Dashes first: the classes put in after them hold "-" as a range.
    .replaceAll('-', `[${DASHES}]`)
    .replaceAll('\\.', `[${DOTS}]`)
    .replaceAll("'", `[${APOSTROPHES}]`)
    .replaceAll('"', `[${QUOTES}]`)
    .replaceAll(' ', BETWEEN_WORDS)
    .replaceAll('\n', '|');
}

/**
 * Characters of English text that nothing before the anchors' search touches: never trouble,
 * never dropped, folded or spelt out. Those classes are long and cost a page to compile, and a
 * pass of each over a whole text costs more than the anchors' search; so they run only over
 * stretches of other characters (`spellOut`).
 */
export const PLAIN_CHARS = '\\x00-\\x7f\\u00a0\\u00a9\\u00ae\\u00b0\\u00b7\\u2013\\u2014\\u2018\\u2019\\u201c\\u201d\\u2022\\u2026\\u20ac\\u00a3';
/** A run of characters outside PLAIN_CHARS. */
const UNPLAIN = new RegExp(`[^${PLAIN_CHARS}]+`, 'g');
/**
 * Runs of other characters closer than this are passed over as one stretch, with the plain text
 * between (which the passes leave as it is): a French paragraph is one stretch, not one per "é".
 */
const GAP = 64;

/**
 * Calls `found(start, end)` for each stretch of `text` the sieve points at: a key, or a trouble
 * character; `found` returns true to stop there. `joins` are the offsets where text nodes were
 * joined into `text`. While `anchorsOnly()` says so, every anchor is pointed at without checking
 * the keys around it: cheaper, where only where mentions may lie is wanted, not whether there
 * are any.
 */
export function sieve(
  text: string,
  re: Sieve,
  found: (start: number, end: number) => boolean | void,
  joins: readonly number[] = [],
  { anchorsOnly = () => false }: { anchorsOnly?: () => boolean } = {},
): void {
  // What normalisation drops, dropped: first the characters it drops anywhere, then dashes
  // between letters (after the first, as "Pu\u200b-tin" reads "putin").
  const spelt = spellOut(text, re, found);
  if (!spelt) return;
  const { dropped, expanded, text: folded } = spelt;
  const dashes = re.dash.test(folded) ? edit(folded, re.soft, { lead: 1, trail: 1 }) : null;
  const search = dashes?.text ?? folded;
  /** The offset in `text` of the character at `i` in `search`. */
  const original = (i: number) => before(dropped, before(expanded, before(dashes, i)));
  // A key counts where it could start a word: after a character that is no letter or digit, a
  // dropped character, or a place where two text nodes were joined (a block may start there).
  // Its end is not checked: the expression reports one key per place, and a longer one that
  // ends inside a word may hide a shorter one that does not.
  const starts = (i: number) =>
    i === 0 ||
    !WORD_CHAR.test(search[i - 1]!) ||
    !!dashes?.at.includes(i) ||
    !!dropped?.at.includes(before(expanded, before(dashes, i))) ||
    sorted(joins, original(i));
  // Whether a namesake hides the key at [ks, ke): one that stands whole around it, as the
  // matcher takes it (SieveSource.shadows), checked in the text's own characters.
  const hidden = (ks: number, ke: number): boolean => {
    const shadows = re.shadows();
    if (!shadows) return false;
    const from = Math.max(0, ks - shadows.reach);
    const window = search.slice(from, ke + shadows.reach);
    const names = shadows.re;
    names.lastIndex = 0;
    for (let m = names.exec(window); m && from + m.index <= ks; m = names.exec(window)) {
      const ns = from + m.index;
      const ne = ns + m[0].length;
      if (ne > ks && (ns < ks || ne > ke)) {
        const start = original(ns);
        const end = original(ne - 1) + 1;
        const raw = text.slice(start, end);
        const written = shadows.written.get(raw.toLowerCase());
        // A word's edge after it, in the same text node; before it too, where it starts before
        // the key (where they start together, the key's start is the namesake's).
        const together = ns === ks;
        const edges = EDGE.test(text[end] ?? '') && (together || EDGE.test(text[start - 1] ?? ''));
        if (written && edges && !joinedIn(joins, together ? start + 1 : start, end) && casedAs(raw, written)) return true;
      }
      names.lastIndex = m.index + 1;
    }
    return false;
  };
  // Where an anchor occurs, the keys that hold it, in full, starting at most REACH before it.
  const check = (s: number, e: number): boolean => {
    // Where the page is known to be a candidate, an anchor is enough to point at the text: a
    // mention that holds it lies around it.
    if (anchorsOnly()) return !!found(original(s), original(e - 1) + 1);
    const keys = re.keysFor(search.slice(s, e).toLowerCase());
    // Within a window around the anchor: a global search left to itself would run on to the
    // next place a key occurs, as far as the end of the text, for every anchor it meets.
    const from = Math.max(0, s - REACH);
    const window = search.slice(from, e + AFTER);
    keys.lastIndex = 0;
    for (let m = keys.exec(window); m && from + m.index <= s; m = keys.exec(window)) {
      const at = from + m.index;
      const end = at + m[0].length;
      if (starts(at) && !(m[1] !== undefined && lowerAt(text, original(at))) && !hidden(at, end) && found(original(at), original(end - 1) + 1)) {
        return true;
      }
      keys.lastIndex = m.index + 1;
    }
    return false;
  };
  if (each(re.anchors, search, check)) return;
  const foreign = re.foreign.test(search) ? re.foreignAnchors() : null;
  if (foreign) each(foreign, search, check);
}

/**
 * `text` as the anchors' search reads it: its characters that normalisation drops, dropped; those
 * it spells out, spelt out; those it folds, folded (with where the first two changed it). Trouble
 * is reported to `found` on the way; null where `found` stopped there. Each pass runs over the
 * stretches of characters outside PLAIN_CHARS only: every class it uses is of single characters
 * that PLAIN_CHARS leaves out, so a stretch is edited as it would be within the whole text.
 */
function spellOut(
  text: string,
  re: Sieve,
  found: (start: number, end: number) => boolean | void,
): { text: string; dropped: Changes | null; expanded: Changes | null } | null {
  UNPLAIN.lastIndex = 0;
  let m = UNPLAIN.exec(text);
  if (!m) return { text, dropped: null, expanded: null };
  const pieces: string[] = [];
  const dropped: Changes = { at: [], width: [] };
  const expanded: Changes = { at: [], width: [] };
  let kept = 0;
  // How far the start of the next stretch has moved: in the text with characters dropped, and
  // from there to the text with characters spelt out.
  let droppedBy = 0;
  let expandedBy = 0;
  while (m) {
    const start = m.index;
    let end = start + m[0].length;
    for (m = UNPLAIN.exec(text); m && m.index - end < GAP; m = UNPLAIN.exec(text)) end = m.index + m[0].length;
    const stretch = text.slice(start, end);
    if (each(re.trouble(), stretch, (s, e) => found(start + s, start + e))) return null;
    const d = edit(stretch, re.drop(), {});
    const x = re.expand(d.text);
    pieces.push(text.slice(kept, start), re.fold(x.text));
    append(dropped, d, start + droppedBy);
    append(expanded, x, start + droppedBy + expandedBy);
    droppedBy += d.text.length - stretch.length;
    expandedBy += x.text.length - d.text.length;
    kept = end;
  }
  pieces.push(text.slice(kept));
  return { text: pieces.join(''), dropped, expanded };
}

/** Adds the changes of an edited stretch to `into`, the stretch starting at `offset` there. */
function append(into: Changes, stretch: Changes, offset: number): void {
  for (let k = 0; k < stretch.at.length; k++) {
    into.at.push(offset + stretch.at[k]!);
    into.width.push(stretch.width[k]!);
  }
}

/**
 * A character a namesake may stand beside, for the matcher to take it whole: white space or
 * ASCII punctuation, neither of which normalisation joins to a word.
 */
const EDGE = /[\s!-/:-@[-`{-~]/;

/** Whether `raw` is cased as the matcher takes namesake `written`, word by word. */
function casedAs(raw: string, written: string): boolean {
  const t = raw.split(' ');
  const w = written.split(' ');
  return t.length === w.length && w.every((word, i) => casedLike(t[i]!, word));
}

/** Whether sorted `joins` holds an offset from `start` to `end`: a text node starts there. */
function joinedIn(joins: readonly number[], start: number, end: number): boolean {
  return (joins[firstFrom(joins, start)] ?? Infinity) <= end;
}

/** Whether the character at `i` is a letter in lower case, once its diacritics are taken off. */
function lowerAt(text: string, i: number): boolean {
  const first = String.fromCodePoint(text.codePointAt(i)!).normalize('NFKD').charAt(0);
  return first !== first.toUpperCase();
}

/**
 * Where an edit changed a text, as offsets in the new text, and how many units of the old text
 * each place stands for beyond its own (negative where a character became several).
 */
export interface Changes {
  at: number[];
  width: number[];
}

/** Text after `edit`, and where it changed. */
export interface Edited extends Changes {
  text: string;
}

/**
 * `text` with part of each match of `re` (global) taken out, all of it but its first `lead` and
 * last `trail` units, or, where `into` spells it out, replaced by that (one character each).
 * The search goes on from the end of each part, so what `trail` kept may start the next match.
 */
function edit(
  text: string,
  re: RegExp,
  { lead = 0, trail = 0, into }: { lead?: number; trail?: number; into?: (ch: string) => string },
): Edited {
  const pieces: string[] = [];
  const at: number[] = [];
  const width: number[] = [];
  let kept = 0;
  let shift = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + lead;
    const end = m.index + m[0].length - trail;
    const out = into ? into(text.slice(start, end)) : '';
    pieces.push(text.slice(kept, start), out);
    if (out === '') {
      at.push(start + shift);
      width.push(end - start);
    }
    // Each character of a spelling after its first stands for no text of its own.
    for (let k = 1; k < out.length; k++) {
      at.push(start + shift + k);
      width.push(-1);
    }
    shift += out.length - (end - start);
    kept = re.lastIndex = end;
  }
  if (at.length === 0) return { text, at, width };
  pieces.push(text.slice(kept));
  return { text: pieces.join(''), at, width };
}

/** The offset, before `edited` was made, of the character now at `i`. */
function before(edited: Changes | null, i: number): number {
  if (!edited) return i;
  let n = i;
  for (let k = 0; k < edited.at.length && edited.at[k]! <= i; k++) n += edited.width[k]!;
  return n;
}

/**
 * How far before its anchor a key may start: its own length and the white space and middle
 * initials between its words. A key spread wider (hundreds of spaces between two words) is
 * missed.
 */
const REACH = 256;
/** How far past its anchor a key may end: the rest of its words, as widely spread. */
const AFTER = 4 * REACH;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether sorted `list` holds `n`. */
function sorted(list: readonly number[], n: number): boolean {
  return list[firstFrom(list, n)] === n;
}

/** Where in sorted `list` its first number from `n` on is (its length if none). */
function firstFrom(list: readonly number[], n: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Every match of `re` (global). Without the "u" flag, those that start inside an earlier one too
 * (with it, the sieve matches single characters, and a step into a surrogate pair steps back).
 */
function each(re: RegExp, text: string, found: (start: number, end: number) => boolean | void): boolean {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (found(m.index, m.index + m[0].length)) return true;
    if (!re.unicode) re.lastIndex = m.index + 1;
  }
  return false;
}
