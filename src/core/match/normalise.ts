/**
 * Normalises text for matching, keeping a map from every normalised character back to the
 * original text, so a match found in the normalised text becomes a span of the page's own text.
 *
 * One pass, constant work per character:
 * - compatibility decomposition (NFKD: "ﬁ" → "fi", full-width letters → ASCII), then case
 *   folding to lower case; diacritics are taken off (the matcher checks them separately, where
 *   an alias spells them, see `detailOf`);
 * - typographic apostrophes → `'`, typographic quotes → `"`, every dash → `-`;
 * - soft hyphens and zero-width characters vanish; any run of white space (non-breaking and
 *   narrow spaces included) becomes one space;
 * - a hyphen between two letters vanishes, leaving a *soft boundary*: "cease-fire" reads as
 *   "ceasefire", yet "Trump-era" still has a word boundary after "Trump";
 * - a middle initial after a capitalised word and before another ("Vladimir V. Putin",
 *   "George H. W. Bush") vanishes, so "Vladimir Putin" matches across it.
 */

export interface Normalised {
  /** The normalised text. */
  text: string;
  /** For each character of `text`, where its source starts in the original (UTF-16 offset). */
  from: Int32Array;
  /** For each character of `text`, where its source ends in the original. */
  to: Int32Array;
  /** 1 where a hyphen between letters was dropped just before this character. */
  soft: Uint8Array;
}

/** What checking a candidate match needs beyond `Normalised`, for a stretch of its text. */
export interface Detail {
  /** The normalised text with the original letter case. */
  shape: string;
  /** For each normalised character, the combining marks its source carried ("" for none). */
  marks: string[];
}

/** What a character becomes. */
type Kind = number;
/** Emits its `fold`. */
const PLAIN = 0;
/** Disappears without trace (soft hyphen, zero-width space or joiner). */
const VANISH = 1;
/** A combining mark on its own: belongs to the character before. */
const MARK = 2;
const SPACE_KIND = 3;
const DASH = 4;

interface CharInfo {
  kind: Kind;
  /** Lower-case, diacritic-free output. */
  fold: string;
  /** The same with the original case; always as long as `fold`. */
  shape: string;
  marks: string;
  /** An upper-case letter (for the middle-initial rule). */
  upper: boolean;
  /** A letter or digit: a word character. */
  word: boolean;
  /** A letter: a hyphen between two vanishes. */
  letter: boolean;
  /** The code unit of a one-unit `fold`. */
  unit: number;
}

const VANISHING = /[\u00ad\u200b-\u200d\u2060\ufeff\u180e]/;
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d-]/;
const APOSTROPHES = /[\u2018\u2019\u201b\u2032\u02bb\u02bc`\u00b4\uff07]/;
const QUOTES = /[\u201c-\u201f\u00ab\u00bb\u2039\u203a\u2033\u301d\u301e\uff02]/;
/** Letters that carry their diacritic in the glyph, so NFKD leaves them whole. */
const STROKED: Record<string, string> = {
  ß: 'ss', ẞ: 'SS', ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ħ: 'h', Ħ: 'H', ı: 'i',
  æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ŀ: 'l', Ŀ: 'L', ς: 'σ',
};

const MARKS = /\p{M}/gu;
const WORD = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const SPACE = /\s/u;

const cache = new Map<number, CharInfo>();

function describe(cp: number): CharInfo {
  const ch = String.fromCodePoint(cp);
  const plain = (fold: string, shape = fold): CharInfo => ({ kind: PLAIN, fold, shape, marks: '', upper: false, word: false, letter: false, unit: fold.charCodeAt(0) });
  // ASCII without Unicode-property regular expressions, which are slow to compile: the content
  // script pays for that on every page, and most pages need no other characters.
  if (cp < 0x80) {
    if (cp === 0x20 || (cp >= 0x09 && cp <= 0x0d)) return { ...plain(' '), kind: SPACE_KIND };
    if (cp === 0x2d) return { ...plain('-'), kind: DASH };
    if (cp === 0x60) return plain("'");
    const upper = cp >= 0x41 && cp <= 0x5a;
    const letter = upper || (cp >= 0x61 && cp <= 0x7a);
    const digit = cp >= 0x30 && cp <= 0x39;
    return { ...plain(ch.toLowerCase(), ch), upper, letter, word: letter || digit };
  }
  if (VANISHING.test(ch)) return { ...plain(''), kind: VANISH };
  if (SPACE.test(ch)) return { ...plain(' '), kind: SPACE_KIND };
  if (DASHES.test(ch)) return { ...plain('-'), kind: DASH };
  if (APOSTROPHES.test(ch)) return plain("'");
  if (QUOTES.test(ch)) return plain('"');
  const decomposed = ch.normalize('NFKD');
  const marks = (decomposed.match(MARKS) ?? []).join('');
  const bare = decomposed.replace(MARKS, '');
  if (bare === '') return { ...plain(''), kind: MARK, marks };
  const shape = [...bare].map((c) => STROKED[c] ?? c).join('');
  // Lower-casing letter by letter keeps `fold` as long as `shape` ("İ" is already "I" here).
  const fold = [...shape].map((c) => {
    const lower = c.toLowerCase();
    return lower.length === c.length ? lower : c;
  }).join('');
  return { kind: PLAIN, fold, shape, marks, upper: UPPER.test(ch), word: WORD.test(bare), letter: LETTER.test(bare), unit: fold.charCodeAt(0) };
}

function info(cp: number): CharInfo {
  let found = cache.get(cp);
  if (!found) {
    found = describe(cp);
    cache.set(cp, found);
  }
  return found;
}

/** Whether a character of normalised text is a letter or digit. */
export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && isWordUnit(ch.charCodeAt(0));
}

/** Whether a UTF-16 unit of normalised text is a letter or digit. */
export function isWordUnit(unit: number): boolean {
  return (unit < 0x80 ? ASCII[unit]! : info(unit)).word;
}

/**
 * Text the shortcut in `normalise` handles: printable ASCII, white space, typographic quotes and
 * dashes (see `SIMPLE_FOLD`), unless it holds a middle initial. Most of a page in English is
 * such text. The shortcut does its work in the browser's native string functions, which matters
 * because a content script's code is cold on every page: a loop over each character in script
 * runs mostly unoptimised.
 */
const SIMPLE = /^[\t\n\v\f\r\x20-\x5f\x61-\x7e\u00a0\u2010-\u2015\u2018\u2019\u201c\u201d\u2212]*$/;
const MIDDLE_INITIAL = /(?:^|[^A-Za-z0-9])[A-Z][A-Za-z0-9]+\s+[A-Z]\.?\s+[A-Z]/;
/**
 * What the shortcut folds character for character besides letter case: white space to a space,
 * dashes to "-", typographic quotes to straight ones. Then, after folding, what it does not copy
 * as it is: runs of white space (one space) and a dash between letters (dropped, with a soft
 * boundary on the letter after it).
 */
const FOLD_SPACE = /[\t\n\v\f\r\u00a0]/g;
const FOLD_DASH = /[\u2010-\u2015\u2212]/g;
const FOLD_APOSTROPHE = /[\u2018\u2019]/g;
const FOLD_QUOTE = /[\u201c\u201d]/g;
const EDITS = /( {2,}|(?<=[a-z])-(?=[a-z]))/;

/** The normalised text with its offset map. */
export function normalise(original: string): Normalised {
  return SIMPLE.test(original) && !MIDDLE_INITIAL.test(original) ? normaliseSimply(original) : normaliseFully(original);
}

/** `normalise` for text SIMPLE accepts: fold character for character, then apply the edits. */
function normaliseSimply(original: string): Normalised {
  const n = original.length;
  const folded = original
    .toLowerCase()
    .replace(FOLD_SPACE, ' ')
    .replace(FOLD_DASH, '-')
    .replace(FOLD_APOSTROPHE, "'")
    .replace(FOLD_QUOTE, '"');
  // Kept stretches at even indexes, the edits between them at odd ones.
  const parts = folded.split(EDITS);
  const from = new Int32Array(n);
  const to = new Int32Array(n);
  const soft = new Uint8Array(n);
  const counting = identity(n + 1);
  let len = 0;
  let at = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    if (p % 2 === 0) {
      // Copied characters map one to one: natively copied stretches of 0, 1, 2, …
      from.set(counting.subarray(at, at + part.length), len);
      to.set(counting.subarray(at + 1, at + part.length + 1), len);
      len += part.length;
    } else if (part === '-') {
      soft[len] = 1;
      parts[p] = '';
    } else {
      from[len] = at;
      to[len] = at + part.length;
      len++;
      parts[p] = ' ';
    }
    at += part.length;
  }
  return { text: parts.join(''), from: from.subarray(0, len), to: to.subarray(0, len), soft: soft.subarray(0, len) };
}

let counted = new Int32Array(0);
/** 0, 1, 2, … up to at least `n - 1`; grown as needed and kept. */
function identity(n: number): Int32Array {
  if (counted.length < n) {
    counted = new Int32Array(Math.max(n, counted.length * 2));
    for (let i = 0; i < counted.length; i++) counted[i] = i;
  }
  return counted;
}

/** `normalise` character by character, for any text. Exported for the test that both agree. */
export function normaliseFully(original: string): Normalised {
  const n = original.length;
  let cap = n + 16;
  let units = new Uint16Array(cap);
  let from = new Int32Array(cap);
  let to = new Int32Array(cap);
  let soft = new Uint8Array(cap);
  let len = 0;

  const grow = () => {
    cap *= 2;
    const u = new Uint16Array(cap); u.set(units); units = u;
    const f = new Int32Array(cap); f.set(from); from = f;
    const t = new Int32Array(cap); t.set(to); to = t;
    const s = new Uint8Array(cap); s.set(soft); soft = s;
  };
  const emit = (c: CharInfo, start: number, end: number) => {
    const { fold } = c;
    if (fold.length === 1) {
      if (len === cap) grow();
      units[len] = c.unit;
      from[len] = start;
      to[len] = end;
      len++;
      return;
    }
    for (let k = 0; k < fold.length; k++) {
      if (len === cap) grow();
      units[len] = fold.charCodeAt(k);
      from[len] = start;
      to[len] = end;
      len++;
    }
  };

  /** Kinds of the last emitted character, for spaces, hyphens and initials. */
  let lastWord = false;
  let lastLetter = false;
  let lastSpace = false;
  /** The word just ended by a space was capitalised and at least two letters long. */
  let capitalisedBefore = false;
  let wordUpper = false;
  let wordLength = 0;
  let pendingSoft = false;

  for (let i = 0; i < n; ) {
    const unit = original.charCodeAt(i);
    const isPair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < n;
    const cp = isPair ? original.codePointAt(i)! : unit;
    const width = cp > 0xffff ? 2 : 1;
    const c = cp < 0x80 ? ASCII[cp]! : info(cp);

    switch (c.kind) {
      case VANISH:
        break;
      case MARK:
        // A combining mark written apart from its letter still belongs to it.
        if (len > 0 && to[len - 1] === i) to[len - 1] = i + width;
        break;
      case SPACE_KIND:
        if (!lastSpace) {
          capitalisedBefore = lastWord && wordUpper && wordLength >= 2;
          emit(c, i, i + width);
        } else {
          to[len - 1] = i + width;
        }
        lastSpace = true;
        lastWord = lastLetter = false;
        pendingSoft = false;
        break;
      case DASH:
        if (lastLetter && isLetterAt(original, i + width)) {
          pendingSoft = true;
          break;
        }
        emit(c, i, i + width);
        lastSpace = lastWord = lastLetter = capitalisedBefore = false;
        break;
      case PLAIN: {
        if (c.upper && lastSpace && capitalisedBefore) {
          const skip = middleInitialEnd(original, i + width);
          if (skip > 0) {
            i = skip;
            continue;
          }
        }
        if (c.word) {
          if (!lastWord || pendingSoft) {
            wordUpper = c.upper;
            wordLength = 0;
          }
          wordLength++;
        }
        const at = len;
        emit(c, i, i + width);
        if (pendingSoft && len > at) soft[at] = 1;
        pendingSoft = false;
        lastWord = c.word;
        lastLetter = c.letter;
        lastSpace = false;
        if (!c.word) capitalisedBefore = false;
        break;
      }
    }
    i += width;
  }

  let text = '';
  for (let k = 0; k < len; k += 8192) {
    text += String.fromCharCode(...units.subarray(k, Math.min(len, k + 8192)));
  }
  return { text, from: from.subarray(0, len), to: to.subarray(0, len), soft: soft.subarray(0, len) };
}

/**
 * The original case and the diacritics of the normalised characters [start, end) of `norm`,
 * the normalisation of `original`.
 */
export function detailOf(original: string, norm: Normalised, start = 0, end = norm.text.length): Detail {
  let shape = '';
  const marks: string[] = [];
  for (let k = start; k < end; k++) {
    const source = norm.from[k]!;
    const cp = original.codePointAt(source)!;
    const c = cp < 0x80 ? ASCII[cp]! : info(cp);
    // The k-th character may be the second of an expansion ("ß" → "ss").
    let nth = 0;
    while (k - nth > 0 && norm.from[k - nth - 1] === source) nth++;
    shape += c.shape[nth] ?? norm.text[k];
    let m = nth === 0 ? c.marks : '';
    if (nth === 0) {
      // Combining marks written apart, after the letter.
      for (let i = source + (cp > 0xffff ? 2 : 1); i < norm.to[k]!; ) {
        const next = original.codePointAt(i)!;
        m += (next < 0x80 ? ASCII[next]! : info(next)).marks;
        i += next > 0xffff ? 2 : 1;
      }
    }
    marks.push(m);
  }
  return { shape, marks };
}
/**
 * If a single-letter initial ends at `after` ("V." or "V" then white space) and a capitalised
 * word follows, where that word starts; else 0.
 */
function middleInitialEnd(s: string, after: number): number {
  let j = after;
  if (s[j] === '.') j++;
  const spaceStart = j;
  while (j < s.length && SPACE.test(s[j]!)) j++;
  if (j === spaceStart || j >= s.length) return 0;
  const next = s.codePointAt(j)!;
  const c = next < 0x80 ? ASCII[next]! : info(next);
  return c.upper && c.word ? j : 0;
}

function isLetterAt(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const cp = s.codePointAt(i)!;
  return (cp < 0x80 ? ASCII[cp]! : info(cp)).letter;
}

const ASCII: CharInfo[] = Array.from({ length: 0x80 }, (_, cp) => describe(cp));
