/**
 * Makes the sieve (sieve.ts) at build time: its anchors, chosen from the matcher's keys, and its
 * trouble class, from what normalisation does to every character. Kept apart from sieve.ts, so
 * that the content script does not carry it, nor the normaliser it runs.
 */
import type { CompiledAliases } from './matcher';
import { normaliseFully } from './normalise';
import { APOSTROPHES, DASHES, DOTS, QUOTES, escape, keyPattern, type SieveSource } from './sieve';

const APOSTROPHE_SET = new RegExp(`^[${APOSTROPHES}]$`);
const QUOTE_SET = new RegExp(`^[${QUOTES}]$`);
const DASH_SET = new RegExp(`^[${DASHES}]$`);
const DOT_SET = new RegExp(`^[${DOTS}]$`);


const LETTERS = /\p{L}/gu;

/**
 * How many letters of an anchor the sieve spells: a word's start is enough to point at it, and
 * short anchors keep the expression small (the page compiles it on every load).
 */
const HEAD = 5;

/**
 * A key the sieve looks for, and whether the matcher takes it only where its first letter is a
 * capital (see sieveKeys); or, with `shadow`, a namesake that may hide the keys inside it.
 */
export interface SieveKey {
  key: string;
  capital: boolean;
  /**
   * The namesake as written ("Trump cards"), where it may hide the keys inside it (`mayHide`):
   * not looked for itself, since it names no one, but a key the sieve finds inside it where it
   * stands whole is no candidate (SieveSource.shadows).
   */
  shadow?: string;
}

/**
 * The keys the sieve must find, of the matcher's compiled aliases, each with whether all its
 * forms are proper names whose first word starts with a capital: the matcher takes such a name
 * as written, capitalised or in capitals, never in lower case ("trump card"), and the sieve can
 * pass it over in lower case too. Keys spelt only from context aliases are left out: the matcher
 * takes them only in a block that also names someone by another alias (inContext), which the
 * sieve finds. So are keys spelt only from namesakes, which name no one; those that may hide
 * the keys inside them come as shadows.
 */
export function sieveKeys(compiled: CompiledAliases): SieveKey[] {
  const { keys, forms } = compiled;
  const out: SieveKey[] = [];
  keys.forEach((key, k) => {
    const list = forms[k]!;
    if (list.every(([, flags]) => (flags & CONTEXTUAL) !== 0)) return;
    if (list.every(([, flags]) => (flags & NAMESAKE) !== 0)) {
      const shadow = mayHide(compiled, k);
      if (shadow) out.push({ key, capital: true, shadow });
      return;
    }
    const capital = list.every(([, flags, shape]) => {
      const first = (shape === 0 ? key : shape).charAt(0);
      return (flags & PROPER) !== 0 && first !== first.toLowerCase() && first.toLowerCase() === key.charAt(0);
    });
    out.push({ key, capital });
  });
  return out;
}

/** The flags of a packed form (matcher.ts). */
const PROPER = 1;
const NAMESAKE = 2;
const CONTEXTUAL = 8;

/** A namesake the sieve can check as the matcher does: words of two or more ASCII letters. */
const PLAIN_NAME = /^[A-Za-z]{2,}(?: [A-Za-z]{2,})*$/;

/**
 * The namesake of key `k` as written, where the sieve may let it hide the keys inside it; else
 * null. The matcher takes the longest key at a place, a namesake included, and the keys that
 * start inside it lose ("Vassili Peskov" hides "Peskov"). The sieve lets it hide one only where
 * that is sure whatever else the text holds:
 * - it is one namesake of one entity, in plain words, so that the sieve can check its case and
 *   boundaries as the matcher does;
 * - every key inside it names that entity alone, so that no setting turns the namesake off and
 *   leaves a key inside it on;
 * - no key that names someone begins with it and goes on ("Trump cards game" would win);
 * - no other namesake ends with its first words where a key inside it starts after them: such a
 *   namesake would win over it, and the key after the overlap would count.
 */
function mayHide({ keys, forms }: CompiledAliases, k: number): string | null {
  const list = forms[k]!;
  if (list.length !== 1) return null;
  const [owner, , shape, words, marks] = list[0]!;
  const key = keys[k]!;
  // Its shape has lost a hyphen between words ("Trump-card") or diacritics ("Vassíli") where
  // `words` or `marks` are set: the text then differs from it, which the sieve does not follow.
  const written = shape === 0 ? key : shape;
  if (words !== 0 || marks !== 0 || !PLAIN_NAME.test(written)) return null;
  const names = (i: number) => forms[i]!.some(([, flags]) => (flags & NAMESAKE) === 0);
  // Where a key that names someone may start inside it: at each word.
  const inside: number[] = [];
  for (let at = 0; at < key.length; at = key.indexOf(' ', at) + 1 || key.length) {
    const rest = key.slice(at);
    keys.forEach((other, i) => {
      if (i === k || !names(i)) return;
      if (at === 0 && other.startsWith(key)) inside.push(-1);
      else if (other.startsWith(rest) || rest.startsWith(other)) {
        inside.push(forms[i]!.every(([o]) => o === owner) ? at : -1);
      }
    });
  }
  if (inside.length === 0 || inside.includes(-1)) return null;
  const last = Math.max(...inside);
  // A namesake ends where a word of this one does (the matcher takes a key only up to a word's
  // edge, and in plain words that is a space).
  const overlapped = keys.some((other, i) => {
    if (i === k || !forms[i]!.some(([, flags]) => (flags & NAMESAKE) !== 0)) return false;
    for (let j = key.indexOf(' '); j > 0 && j <= last; j = key.indexOf(' ', j + 1)) {
      if (j < other.length && other.endsWith(key.slice(0, j))) return true;
    }
    return false;
  });
  return overlapped ? null : written;
}

/** A word of general text and how often it occurs in a sample (bundledSieve gives SUBTLEX-US). */
export interface WordCount {
  word: string;
  count: number;
}

/**
 * The sieve for the matcher's keys (compileAliases). A key need not be spelled whole: part of
 * one of its words (an *anchor*, up to `head` letters) lies inside every occurrence. Anchors
 * are chosen to be rare in what people read, so that pages without mentions seldom hold one
 * (each anchor found costs the page a look at the text around it): rare in `english`, word
 * counts of general English, so not "conte" (content), "tings" (meetings) or "betwe" (between).
 * Where English does not tell them apart (a Cyrillic or French anchor, absent from it), the one
 * rarer in `prose` wins: the corpus's articles, with the keys' own occurrences taken out. Prose
 * comes second because it is news about the covered events, where "ukraine" is everywhere; a
 * page like that is a candidate anyway. Then one other keys share is preferred.
 */
export function sieveSource(
  sieveKeys: readonly SieveKey[],
  prose = '',
  english: readonly WordCount[] = [],
  head = HEAD,
): SieveSource {
  const shadows = sieveKeys.flatMap((k) => (k.shadow === undefined ? [] : [k.shadow]));
  const looked = sieveKeys.filter((k) => k.shadow === undefined);
  const keys = looked.map((k) => k.key);
  const candidates = keys.map((key) => anchorsOf(key, head));
  const rarity = rarityOf(candidates.flat(), prose, keys, english, head);
  const shared = new Map<string, number>();
  for (const list of candidates) for (const a of new Set(list)) shared.set(a, (shared.get(a) ?? 0) + 1);
  const anchors: string[] = [];
  const covered = (list: string[]) => list.some((c) => anchors.some((a) => c.includes(a)));
  for (const list of candidates) {
    if (covered(list)) continue;
    const best = list.reduce((a, b) => {
      const [ea, pa] = rarity(a);
      const [eb, pb] = rarity(b);
      if (ea !== eb) return eb < ea ? b : a;
      if (pa !== pb) return pb < pa ? b : a;
      return shared.get(b)! > shared.get(a)! ? b : a;
    });
    anchors.push(best);
  }
  // Letters a dash may stand between inside a key: every letter of a key.
  const letters = new Set(keys.join('').match(LETTERS) ?? []);
  const letterClass = [...letters].sort().map(escape).join('');
  // ASCII anchors apart from the rest, which only text with their letters needs to compile.
  const ascii = anchors.filter((a) => !NON_ASCII.test(a));
  const foreign = anchors.filter((a) => NON_ASCII.test(a));
  const foreignLetters = new Set(foreign.join('').match(NON_ASCII_ALL) ?? []);
  const { map, folds, expansions } = classify(keys);
  return {
    anchors: keyPattern(ascii),
    foreignAnchors: foreign.length > 0 ? keyPattern(foreign) : '',
    foreign: `[${[...foreignLetters].sort().map(escape).join('')}]`,
    soft: `[${letterClass}][${DASHES}][${letterClass}]`,
    trouble: `[${troubleClass(map)}]`,
    drop: `[${dropClass(map)}]`,
    foldFrom: folds.map(([from]) => from).join(''),
    foldTo: folds.map(([, to]) => to).join(''),
    expandFrom: expansions.map(([from]) => from).join(''),
    expandTo: expansions.map(([, to]) => to).join(' '),
    shadows: shadows.join('\n'),
    keys: byAnchor(
      [...reported(ascii), ...reported(foreign)],
      shortest(looked).map(({ key, capital }) => (capital ? key.charAt(0).toUpperCase() + key.slice(1) : key)),
    ),
  };
}

/**
 * The anchors an expression of `anchors` (keyPattern) reports: where one begins another, the
 * shorter is enough and the longer never reported.
 */
const reported = (anchors: readonly string[]) => anchors.filter((a) => !anchors.some((b) => b !== a && a.startsWith(b)));

/**
 * The keys grouped by the anchors they hold, as `SieveSource.keys` lists them: the page looks up
 * one anchor's group where it first occurs, instead of going through every key in cold code.
 * A key that holds two anchors is in both groups.
 */
function byAnchor(anchors: readonly string[], keys: readonly string[]): string {
  return anchors
    .map((anchor) => [anchor, ...keys.filter((key) => key.toLowerCase().includes(anchor))].join('\n'))
    .join('\n\n');
}

/**
 * The keys no other key begins: the sieve checks where a key starts, not where it ends, so
 * "путин" stands for "путина" and "ceasefire" for "ceasefires". A key stands for others only
 * in capitals if all of them are.
 */
function shortest(keys: readonly SieveKey[]): SieveKey[] {
  const kept: SieveKey[] = [];
  // Sorted, a key's prefix comes before it, and every key between them begins with it too.
  for (const k of [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const last = kept.at(-1);
    if (last && k.key.startsWith(last.key)) kept[kept.length - 1] = { key: last.key, capital: last.capital && k.capital };
    else kept.push(k);
  }
  return kept;
}

const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_ALL = /[^\x00-\x7f]/g;

/**
 * The parts of `key` that may stand for it: each stretch of `head` letters within its words of
 * at least MIN_ANCHOR letters, or a whole shorter word where the key has no longer one. (Anchors
 * across the space between two words, "d reg" in "four contested regions", are rarer still,
 * but spelling the space as the keys do made the expression several times slower to run.)
 */
function anchorsOf(key: string, head: number): string[] {
  const words = key.match(WORD) ?? [];
  if (words.length === 0) return [key.slice(0, head)];
  const long = words.filter((w) => w.length >= MIN_ANCHOR);
  const out: string[] = [];
  for (const w of long.length > 0 ? long : words) {
    if (w.length <= head) out.push(w);
    else for (let i = 0; i + head <= w.length; i++) out.push(w.slice(i, i + head));
  }
  return out;
}

/**
 * How often each of `anchors` occurs in general English (in every word that holds it, per
 * million words) and in `prose` (times).
 */
function rarityOf(
  anchors: readonly string[],
  prose: string,
  keys: readonly string[],
  english: readonly WordCount[],
  head: number,
): (anchor: string) => [english: number, prose: number] {
  const inEnglish = new Map<string, number>(anchors.map((a) => [a, 0]));
  let total = 0;
  for (const { word: raw, count } of english) {
    total += count;
    const word = raw.toLowerCase();
    for (let i = 0; i < word.length; i++) {
      for (let j = i + 1; j <= Math.min(word.length, i + head); j++) {
        const part = word.slice(i, j);
        const n = inEnglish.get(part);
        if (n !== undefined) inEnglish.set(part, n + count);
      }
    }
  }
  let sample = prose.toLowerCase();
  for (const key of [...keys].sort((a, b) => b.length - a.length)) sample = sample.replaceAll(key, ' ');
  const inProse = new Map<string, number>();
  const proseCount = (a: string) => {
    let n = inProse.get(a);
    if (n === undefined) {
      n = 0;
      for (let i = sample.indexOf(a); i >= 0; i = sample.indexOf(a, i + 1)) n++;
      inProse.set(a, n);
    }
    return n;
  };
  // Rounded, so that two anchors whose English counts differ by a few words do not count as
  // told apart by them.
  return (a) => [Math.round(total > 0 ? (inEnglish.get(a)! / total) * 1e6 : 0), proseCount(a)];
}

/** The shortest word that may stand for a key that has a longer one. */
const MIN_ANCHOR = 4;
const WORD = /[\p{L}\p{N}]+/gu;

/** A code point the sieve must match on its own. */
const TROUBLE = 1;
/** A code point normalisation drops wherever it is, and the sieve drops too. */
const DROP = 2;
/** A code point normalisation spells as several letters ("ß" as "ss"), and the sieve too. */
const EXPAND = 3;

/**
 * For each code point from 0x80, whether the sieve must match it on its own (TROUBLE), drops it
 * as normalisation does (DROP: it normalises to nothing, such as a combining mark or a soft
 * hyphen), or may pass over it (0): it is spelled by the key patterns (itself in either case,
 * white space, a quote, a dash, dots), becomes one character of a key and is folded into it
 * before the sieve looks (`folds`: "é" and "É" are "e"), or normalises to characters that can
 * be no part of any key.
 */
export function classify(keys: readonly string[]): {
  map: Uint8Array;
  folds: [string, string][];
  expansions: [string, string][];
} {
  const folds: [string, string][] = [];
  const expansions: [string, string][] = [];
  const harmless = harmlessIn(keys, folds);
  const map = new Uint8Array(PLANES.at(-1)![1] + 1);
  for (const [first, last] of PLANES) {
    for (let cp = first; cp <= last; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const fold = normaliseFully(ch).text;
      if (fold === '') map[cp] = DROP;
      else if (harmless(ch)) continue;
      else if (expands(ch, fold)) {
        map[cp] = EXPAND;
        expansions.push([ch, fold]);
      } else map[cp] = TROUBLE;
    }
  }
  return { map, folds, expansions };
}

/**
 * Whether the sieve may spell `ch` as `fold`, what normalisation makes of it, before it looks:
 * a character of one unit, common in prose (SPELT_OUT), that becomes letters and digits of
 * ASCII ("ß" "ss", "œ" "oe", "™" "tm", "ﬁ" "fi"). A capital only where it becomes two: it may
 * be a middle initial, which normalisation drops with its dot ("Vladimir Æ. Putin"), and the
 * space between the words of a key (BETWEEN_WORDS) takes an initial of up to two letters.
 */
function expands(ch: string, fold: string): boolean {
  const cp = ch.charCodeAt(0);
  const capital = ch !== ch.toLowerCase() || /\p{Lu}|\p{Lt}/u.test(ch);
  return (
    ch.length === 1 &&
    SPELT_OUT.some(([a, b]) => cp >= a && cp <= b) &&
    /^[a-z0-9]{2,}$/.test(fold) &&
    (!capital || fold.length === 2)
  );
}

/**
 * Where characters to spell out are common in prose: Latin letters ("ß", "œ", "ĳ"), letterlike
 * symbols ("™", "№") and Latin ligatures. Elsewhere (squared units, enclosed numbers, Roman
 * numerals) they are rare, and stay trouble: the table ships in the content script.
 */
const SPELT_OUT: [number, number][] = [
  [0x80, 0x24f], [0x2100, 0x214f], [0xfb00, 0xfb06],
];

/**
 * Where characters normalisation changes lie: planes 0 and 1, and the tags and variation
 * selectors of plane 14. The other planes hold none, apart from CJK compatibility ideographs,
 * which become ideographs no key has (a test checks this).
 */
const PLANES: [number, number][] = [
  [0x80, 0x1ffff],
  [0xe0000, 0xe0fff],
];

/**
 * Whether the sieve may pass over a character, given `keys` (see `classify`); a character it
 * passes by folding is added to `folds`.
 */
export function harmlessIn(keys: readonly string[], folds: [string, string][] = []): (ch: string) => boolean {
  const used = new Set<string>();
  for (const key of keys) for (const ch of key) used.add(ch);
  return (ch) => {
    const fold = normaliseFully(ch).text;
    // Stands for itself: the key patterns spell it, in either case (their flag "i").
    if (fold === ch || (fold === ch.toLowerCase() && new RegExp(escape(fold), 'i').test(ch))) return true;
    if (fold === ' ' && /^\s$/.test(ch)) return true;
    if (fold === "'" && APOSTROPHE_SET.test(ch)) return true;
    if (fold === '"' && QUOTE_SET.test(ch)) return true;
    if (fold === '-' && DASH_SET.test(ch)) return true;
    if (/^\.+$/.test(fold) && DOT_SET.test(ch)) return true;
    if (ch.length === 1 && fold.length === 1 && used.has(fold)) {
      folds.push([ch, fold]);
      return true;
    }
    if (fold === '') return false; // vanishes, perhaps inside a key
    // What it becomes shares nothing with any key.
    return keys.every((key) => !overlaps(fold, key));
  };
}

/** Whether some of `fold` could be part of an occurrence of `key`. */
function overlaps(fold: string, key: string): boolean {
  if (![...fold].some((c) => key.includes(c))) return false;
  if (key.includes(fold) || fold.includes(key)) return true;
  for (let n = 1; n < fold.length; n++) {
    if (key.startsWith(fold.slice(n)) || key.endsWith(fold.slice(0, n))) return true;
  }
  return false;
}

/**
 * Blocks where pages have much harmless text (Latin, Greek, Cyrillic, Hebrew, Arabic and Indic
 * letters, Thai, punctuation, symbols, CJK, Hangul, full-width forms, emoji): there the trouble
 * class keeps to the exact characters. Elsewhere it may take in harmless ones too, which keeps
 * it short: text that holds them is then matched the exact way, which is slower, never wrong.
 */
const COMMON: [number, number][] = [
  [0x80, 0x24f], [0x370, 0x6ff], [0x900, 0xeff], [0x2000, 0x2bff], [0x3000, 0x9fff], [0xac00, 0xd7af],
  [0xff00, 0xffef], [0x1f000, 0x1faff],
];
const common = (cp: number) => COMMON.some(([a, b]) => cp >= a && cp <= b);

/**
 * The drop class's contents: every combining mark (`\p{M}`: the browser's own list, which grows
 * with Unicode as normalisation's does, since it takes marks off with the same property) and
 * the other DROP code points. Throws if normalisation keeps some mark: the sieve would drop
 * what the matcher reads.
 */
export function dropClass(map: Uint8Array): string {
  const mark = /^\p{M}$/u;
  let others = '';
  for (let cp = 0x80; cp < map.length; cp++) {
    const isMark = cp < 0xd800 || cp > 0xdfff ? mark.test(String.fromCodePoint(cp)) : false;
    if (isMark && map[cp] !== DROP) throw new Error(`sieve: normalisation keeps the mark U+${cp.toString(16)}; the drop class needs to list marks one by one`);
    if (!isMark && map[cp] === DROP) others += escapeClass(cp);
  }
  return `\\p{M}${others}`;
}

/** The trouble class's contents: TROUBLE code points in ranges, stretched where that is free. */
export function troubleClass(map: Uint8Array): string {
  let out = '';
  for (let cp = 0x80; cp < map.length; cp++) {
    if (map[cp] !== TROUBLE) continue;
    let end = cp;
    // Only over characters the sieve passes over: it drops or spells out the others itself.
    for (let next = cp + 1; next < map.length && (map[next] === TROUBLE || (!common(next) && map[next] === 0)); next++) {
      if (map[next] === TROUBLE) end = next;
    }
    out += end === cp ? escapeClass(cp) : `${escapeClass(cp)}-${escapeClass(end)}`;
    cp = end;
  }
  return out;
}

const escapeClass = (cp: number) => `\\u{${cp.toString(16)}}`;

