/**
 * Finds mentions of covered entities in plain text.
 *
 * Every spelling of every alias (with its generated variants: inflected Cyrillic names, topic
 * plurals and British/American spellings) compiles once, at build time for the content
 * script, into sorted keys over normalised text (see normalise.ts) that form a trie
 * (key-trie.ts), so a text is read once however many aliases there are. Each occurrence the
 * trie reports is then checked in constant time per character:
 *
 * - word boundaries by Unicode letter and digit classes, not ASCII `\b`;
 * - letter case: a `proper` alias matches as written, capitalised or in capitals ("TRUMP
 *   WARNS"), never in lower case ("trump card"); an `any` alias (a topic) in any case;
 * - diacritics: an alias written without them matches with or without; an alias that spells
 *   them matches them or their omission, never different ones;
 * - the longest match wins where two overlap ("Marco Rubio" over "Rubio"); namesakes compete
 *   in the same pass ("Melania Trump") and, having won, are dropped, as is a name followed by
 *   "Jr." when none of the entity's aliases says "Jr.";
 * - a courtesy title right before a name joins the mention ("Mr. Putin").
 *
 * Offsets are UTF-16 offsets into the original text.
 */
import type { Entity } from '../types';
import { casedLike } from './case-fit';
import { keyTrie } from './key-trie';
import { cyrillicForms } from './cyrillic-forms';
import { honorificStart } from './honorifics';
import { detailOf, isWordChar, isWordUnit, normalise, type Detail } from './normalise';
import { topicVariants } from './topic-variants';

export interface Match {
  entityId: string;
  /** UTF-16 offsets into the scanned text. */
  start: number;
  end: number;
  /** Found by a context alias: it names the entity only beside another mention (see Entity). */
  contextual?: true;
}

/** A part of a longer text to search: only matches that start in [from, to) are returned. */
export interface TextWindow {
  from: number;
  to: number;
}

export interface Matcher {
  /** Mentions in `text`, in order, never overlapping. With `window`, only those starting in it. */
  findAll(text: string, window?: TextWindow): Match[];
  /**
   * Does part of the compilation still to do, until `timeUp()` says to stop; true once all is
   * done. Optional: `findAll` finishes whatever is left itself.
   */
  prepare?(timeUp: () => boolean): boolean;
}

/**
 * The part of an entity the matcher needs; also what the content script bundles. Without a
 * `caseRule`, an entity's aliases are proper names.
 */
export type MatcherEntity = Pick<Entity, 'id' | 'aliases' | 'namesakes'> & Partial<Pick<Entity, 'caseRule' | 'contextAliases'>>;

/** One spelling the trie knows, and how to confirm an occurrence of it. */
interface Form {
  /** The entity it names, or null for a namesake of that entity. */
  entityId: string | null;
  proper: boolean;
  /** The normalised spelling with its original case. */
  shape: string;
  /** [start, end) of each word in the normalised spelling. */
  words: [number, number][];
  /** The diacritics of each character, or null when the spelling has none. */
  marks: string[] | null;
  /** Whether a following "Jr." still names this entity. */
  junior: boolean;
  /** Spelt from a context alias. */
  contextual: boolean;
}

interface Candidate {
  start: number;
  end: number;
  form: Form;
}

const NON_ASCII = /[^\x00-\x7f]/;
/**
 * Text a window reads beyond its edges, so that boundaries, titles and overlaps come out as in
 * a whole-text search: more than the longest alias can span, soft hyphens and spaces included.
 */
const CONTEXT = 512;
const JUNIOR = /^,?[\s\u00a0]+(?:Jr|Jnr|Junior|JR|JUNIOR)(?![\p{L}\p{N}])/u;

/**
 * Every spelling of some entities' aliases, compiled: the trie's keys, and for each key
 * the forms that confirm an occurrence of it, best first (namesakes, then proper names, then
 * topics). Plain JSON, so build.mjs compiles the bundled aliases once and the content script
 * only unpacks them (docs/decisions/006).
 */
export interface CompiledAliases {
  /** The entities the forms refer to, by position. */
  ids: string[];
  /** Normalised spellings, distinct, non-empty and sorted (see key-trie.ts). */
  keys: string[];
  /** `forms[k]` confirm an occurrence of `keys[k]`. */
  forms: PackedForm[][];
}

/**
 * A form, packed: [entity, flags, shape, words, marks]. `entity` indexes `ids`: the entity named,
 * or for a namesake the entity it is mistaken for. Flags: 1 proper, 2 namesake, 4 junior, 8 from
 * a context alias. `shape`
 * is 0 when it equals the key; `words` (flat [start, end] pairs) is 0 when the key's words are
 * split by single spaces; `marks` is 0 when the spelling has no diacritics.
 */
export type PackedForm = [number, number, string | 0, number[] | 0, string[] | 0];

const PROPER = 1;
const NAMESAKE = 2;
const JUNIOR_OK = 4;
const CONTEXTUAL = 8;

/** Spells out every alias of `entities` and its variants as forms: the costly part of compiling. */
export function compileAliases(entities: readonly MatcherEntity[]): CompiledAliases {
  const forms = new Map<string, { owner: number; form: Form }[]>();
  const seen = new Set<string>();
  const add = (owner: number, spelling: string, named: boolean, proper: boolean, junior: boolean, contextual = false) => {
    const { key, shape, words, marks } = PLAIN_WORDS.test(spelling) ? plainForm(spelling) : anyForm(spelling, proper);
    const entityId = named ? entities[owner]!.id : null;
    // A topic matches in any case, so spellings that differ only in case are one form.
    const id = `${key}\n${entityId}\n${proper ? shape : ''}`;
    if (key === '' || seen.has(id)) return;
    seen.add(id);
    const form: Form = { entityId, proper, shape, words: proper ? words : [], marks, junior, contextual };
    const list = forms.get(key);
    if (list) list.push({ owner, form });
    else forms.set(key, [{ owner, form }]);
  };
  entities.forEach((entity, owner) => {
    const proper = (entity.caseRule ?? 'proper') === 'proper';
    const junior = entity.aliases.some((a) => /\bJ(?:r|nr|unior)\b/i.test(a));
    const contextual = new Set(entity.contextAliases ?? []);
    // Context aliases last, so that a spelling some other alias shares stays unconditional.
    const aliases = [...entity.aliases.filter((a) => !contextual.has(a)), ...entity.aliases.filter((a) => contextual.has(a))];
    for (const alias of aliases) {
      const spellings = proper ? [alias, ...cyrillicForms(alias)] : topicVariants(alias);
      for (const s of spellings) add(owner, s, true, proper, junior, contextual.has(alias));
    }
    for (const namesake of entity.namesakes) {
      for (const s of [namesake, ...cyrillicForms(namesake)]) add(owner, s, false, true, true);
    }
  });

  const keys = [...forms.keys()].sort();
  return {
    ids: entities.map((e) => e.id),
    keys,
    forms: keys.map((key) =>
      forms
        .get(key)!
        .sort((a, b) => rank(a.form) - rank(b.form))
        .map(({ owner, form }) => pack(key, owner, form)),
    ),
  };
}

function pack(key: string, owner: number, form: Form): PackedForm {
  const flags =
    (form.proper ? PROPER : 0) | (form.entityId === null ? NAMESAKE : 0) | (form.junior ? JUNIOR_OK : 0) | (form.contextual ? CONTEXTUAL : 0);
  const flat = form.words.flat();
  return [
    owner,
    flags,
    form.shape === key ? 0 : form.shape,
    !form.proper || sameWords(flat, spaceWords(key)) ? 0 : flat,
    form.marks ?? 0,
  ];
}

/** [start, end) pairs of the words of `key` split at single spaces, flat. */
function spaceWords(key: string): number[] {
  const words: number[] = [];
  for (let start = 0; start <= key.length; ) {
    const space = key.indexOf(' ', start);
    const end = space < 0 ? key.length : space;
    words.push(start, end);
    start = end + 1;
  }
  return words;
}

const sameWords = (a: number[], b: number[]) => a.length === b.length && a.every((n, i) => n === b[i]);

function unpack(key: string, [owner, flags, shape, words, marks]: PackedForm, ids: readonly string[]): Form {
  const proper = (flags & PROPER) !== 0;
  const flat = words === 0 ? spaceWords(key) : words;
  const pairs: [number, number][] = [];
  if (proper) for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
  return {
    entityId: flags & NAMESAKE ? null : ids[owner]!,
    proper,
    shape: shape === 0 ? key : shape,
    words: pairs,
    marks: marks === 0 ? null : marks,
    junior: (flags & JUNIOR_OK) !== 0,
    contextual: (flags & CONTEXTUAL) !== 0,
  };
}

/**
 * A matcher over compiled aliases, for the entities `include` accepts (all by default): a form
 * whose entity is left out is dropped, namesakes with their entity. Setting up costs next to
 * nothing: the keys are already a trie, and a key's forms are unpacked when it first occurs.
 */
export function matcherFor(compiled: CompiledAliases, include: (entityId: string) => boolean = () => true): Matcher {
  let search: ((text: string) => Match[]) | null = null;
  const prepare = (timeUp: () => boolean): boolean => {
    if (!search && !timeUp()) search = searcher(compiled, include);
    return search !== null;
  };
  return {
    prepare,
    findAll(text, window) {
      if (!search) search = searcher(compiled, include);
      if (!window) return search(text);
      const from = Math.max(0, window.from - CONTEXT);
      const to = Math.min(text.length, window.to + CONTEXT);
      return search(text.slice(from, to))
        .map((m) => ({ ...m, start: m.start + from, end: m.end + from }))
        .filter((m) => m.start >= window.from && m.start < window.to);
    },
  };
}

/**
 * The matches of one block of text that count: a match by a context alias only where the block
 * also holds a match by an ordinary alias ("sanctions" beside "Putin" or "Sanctions on Russia").
 */
export function inContext(matches: Match[]): Match[] {
  if (!matches.some((m) => m.contextual)) return matches;
  return matches.some((m) => !m.contextual) ? matches : [];
}

/** Compiles the aliases of `entities` into a matcher, in one go (node, tests and tools). */
export function compileMatcher(entities: readonly MatcherEntity[]): Matcher {
  return matcherFor(compileAliases(entities));
}

/**
 * The search over text. Forms are unpacked the first time their key occurs, so a page pays
 * only for the names it contains.
 */
function searcher({ ids, keys, forms }: CompiledAliases, include: (entityId: string) => boolean): (text: string) => Match[] {
  const trie = keyTrie(keys);
  const included = ids.map(include);
  const unpacked: (Form[] | undefined)[] = [];
  const formsOf = (k: number): Form[] =>
    (unpacked[k] ??= forms[k]!.filter((f) => included[f[0]]).map((f) => unpack(keys[k]!, f, ids)));

  return (text) => {
    const norm = normalise(text);
    const t = norm.text;
    const found: Candidate[] = [];
    const confirm = (key: number, end: number) => {
      const start = end - keys[key]!.length;
      if (!(end === t.length || norm.soft[end] === 1 || !isWordChar(t[end]))) return;
      let detail: Detail | undefined;
      for (const form of formsOf(key)) {
        if (form.proper || form.marks) {
          detail ??= detailOf(text, norm, start, end);
          if (!fits(form, detail)) continue;
        }
        found.push({ start, end, form });
        return;
      }
    };
    // A key may start where some key opens with this character and a word starts.
    let afterWord = false;
    for (let i = 0; i < t.length; i++) {
      const unit = t.charCodeAt(i);
      if (trie.opens(unit) && (!afterWord || norm.soft[i] === 1)) trie.follow(t, i, confirm);
      afterWord = isWordUnit(unit);
    }

    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const matches: Match[] = [];
    let reached = 0;
    for (const c of found) {
      if (c.start < reached) continue;
      reached = c.end;
      const { entityId, proper, junior, contextual } = c.form;
      if (entityId === null) continue;
      const end = norm.to[c.end - 1]!;
      if (proper && !junior && isJunior(text, end)) continue;
      const start = norm.from[c.start]!;
      const match: Match = { entityId, start: proper ? honorificStart(text, start) : start, end };
      if (contextual) match.contextual = true;
      matches.push(match);
    }
    return matches;
  };
}

function isJunior(text: string, end: number): boolean {
  const after = text.slice(end, end + 12);
  return after.includes('J') && JUNIOR.test(after);
}

type Spelled = Pick<Form, 'shape' | 'words' | 'marks'> & { key: string };

/**
 * Words of two or more plain letters (Latin, or Cyrillic without diacritics: no й, ё, ї) with
 * single spaces between: what most aliases and their variants are. Normalising them changes
 * nothing but the case, so `plainForm` spells them out directly, which keeps compiling short.
 */
const PLAIN_WORDS = /^[A-Za-zА-ИК-Яа-ик-яІіЄєҐґ]{2,}(?: [A-Za-zА-ИК-Яа-ик-яІіЄєҐґ]{2,})*$/;

/** A spelling that PLAIN_WORDS accepts, as a form. Exported for the test that it equals `anyForm`. */
export function plainForm(spelling: string): Spelled {
  const words: [number, number][] = [];
  for (let start = 0; start < spelling.length; ) {
    const space = spelling.indexOf(' ', start);
    const end = space < 0 ? spelling.length : space;
    words.push([start, end]);
    start = end + 1;
  }
  return { key: spelling.toLowerCase(), shape: spelling, words, marks: null };
}

/** Any spelling as a form, through full normalisation. */
export function anyForm(spelling: string, proper: boolean): Spelled {
  const norm = normalise(spelling);
  const [s, e] = trimmed(norm.text);
  const key = norm.text.slice(s, e);
  // Only names are checked for case, and only non-ASCII spellings can carry diacritics.
  const detail = proper || NON_ASCII.test(spelling) ? detailOf(spelling, norm, s, e) : null;
  return {
    key,
    shape: detail?.shape ?? key,
    words: wordSpans(key, norm.soft.subarray(s, e)),
    marks: detail?.marks.some((m) => m !== '') ? detail.marks : null,
  };
}

const rank = (f: Form) => (f.entityId === null ? 0 : f.proper ? 1 : 2);

function trimmed(s: string): [number, number] {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === ' ') a++;
  while (b > a && s[b - 1] === ' ') b--;
  return [a, b];
}

function wordSpans(key: string, soft: Uint8Array): [number, number][] {
  const spans: [number, number][] = [];
  let start = -1;
  for (let k = 0; k <= key.length; k++) {
    const word = k < key.length && isWordChar(key[k]);
    if (start >= 0 && (!word || soft[k] === 1)) {
      spans.push([start, k]);
      start = -1;
    }
    if (word && start < 0) start = k;
  }
  return spans;
}

function fits(form: Form, text: Detail): boolean {
  if (form.proper) {
    for (const [s, e] of form.words) if (!casedLike(text.shape.slice(s, e), form.shape.slice(s, e))) return false;
  }
  if (form.marks) {
    for (let k = 0; k < form.marks.length; k++) {
      const m = text.marks[k]!;
      if (m !== '' && m !== form.marks[k]) return false;
    }
  }
  return true;
}
