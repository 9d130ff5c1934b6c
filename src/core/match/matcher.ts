/**
 * Finds mentions of covered entities in plain text.
 *
 * Every spelling of every alias (with its generated variants: inflected Cyrillic names, topic
 * plurals and British/American spellings) compiles once into one Aho–Corasick automaton over
 * normalised text (see normalise.ts), so a text is read once however many aliases there are.
 * Each occurrence the automaton reports is then checked in constant time per character:
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
import { buildAutomaton } from './automaton';
import { cyrillicForms } from './cyrillic-forms';
import { honorificStart } from './honorifics';
import { detailOf, isWordChar, normalise, type Detail } from './normalise';
import { topicVariants } from './topic-variants';

export interface Match {
  entityId: string;
  /** UTF-16 offsets into the scanned text. */
  start: number;
  end: number;
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
export type MatcherEntity = Pick<Entity, 'id' | 'aliases' | 'namesakes'> & Partial<Pick<Entity, 'caseRule'>>;

/** One spelling the automaton knows, and how to confirm an occurrence of it. */
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
 * Compiles the aliases of `entities` into a matcher. The work is done on first use, or step by
 * step ahead of it through `prepare`, so a page that compiles on load need not spend it all in
 * one task.
 */
export function compileMatcher(entities: readonly MatcherEntity[]): Matcher {
  const forms = new Map<string, Form[]>();
  const seen = new Set<string>();
  const add = (spelling: string, entityId: string | null, proper: boolean, junior: boolean) => {
    const { key, shape, words, marks } = PLAIN_WORDS.test(spelling) ? plainForm(spelling) : anyForm(spelling, proper);
    // A topic matches in any case, so spellings that differ only in case are one form.
    const id = `${key}\n${entityId}\n${proper ? shape : ''}`;
    if (key === '' || seen.has(id)) return;
    seen.add(id);
    const form: Form = { entityId, proper, shape, words: proper ? words : [], marks, junior };
    const list = forms.get(key);
    if (list) list.push(form);
    else forms.set(key, [form]);
  };
  const addEntity = (entity: MatcherEntity) => {
    const proper = (entity.caseRule ?? 'proper') === 'proper';
    const junior = entity.aliases.some((a) => /\bJ(?:r|nr|unior)\b/i.test(a));
    for (const alias of entity.aliases) {
      const spellings = proper ? [alias, ...cyrillicForms(alias)] : topicVariants(alias);
      for (const s of spellings) add(s, entity.id, proper, junior);
    }
    for (const namesake of entity.namesakes) {
      for (const s of [namesake, ...cyrillicForms(namesake)]) add(s, null, true, true);
    }
  };

  let next = 0;
  let search: ((text: string) => Match[]) | null = null;
  const prepare = (timeUp: () => boolean): boolean => {
    while (!search && next < entities.length && !timeUp()) addEntity(entities[next++]!);
    if (!search && next === entities.length && !timeUp()) search = searcher(forms);
    return search !== null;
  };

  return {
    prepare,
    findAll(text, window) {
      if (!search) prepare(() => false);
      if (!window) return search!(text);
      const from = Math.max(0, window.from - CONTEXT);
      const to = Math.min(text.length, window.to + CONTEXT);
      return search!(text.slice(from, to))
        .map((m) => ({ ...m, start: m.start + from, end: m.end + from }))
        .filter((m) => m.start >= window.from && m.start < window.to);
    },
  };
}

/** The search over text, once every form is known. */
function searcher(forms: Map<string, Form[]>): (text: string) => Match[] {
  if (forms.size === 0) return () => [];
  // Namesakes first, then proper names, then topics: the first form that fits wins a key.
  for (const list of forms.values()) if (list.length > 1) list.sort((a, b) => rank(a) - rank(b));
  const keys = [...forms.keys()];
  const formsOf = keys.map((k) => forms.get(k)!);
  const automaton = buildAutomaton(keys);

  return (text) => {
    const norm = normalise(text);
    const t = norm.text;
    const found: Candidate[] = [];
    automaton.scan(t, (pattern, end) => {
      const start = end - keys[pattern]!.length;
      const startsWord = start === 0 || norm.soft[start] === 1 || !isWordChar(t[start - 1]);
      const endsWord = end === t.length || norm.soft[end] === 1 || !isWordChar(t[end]);
      if (!startsWord || !endsWord) return;
      let detail: Detail | undefined;
      for (const form of formsOf[pattern]!) {
        if (form.proper || form.marks) {
          detail ??= detailOf(text, norm, start, end);
          if (!fits(form, detail)) continue;
        }
        found.push({ start, end, form });
        return;
      }
    });

    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const matches: Match[] = [];
    let reached = 0;
    for (const c of found) {
      if (c.start < reached) continue;
      reached = c.end;
      const { entityId, proper, junior } = c.form;
      if (entityId === null) continue;
      const end = norm.to[c.end - 1]!;
      if (proper && !junior && isJunior(text, end)) continue;
      const start = norm.from[c.start]!;
      matches.push({ entityId, start: proper ? honorificStart(text, start) : start, end });
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
 * nothing but the case, so `plainForm` spells them out directly; the content script compiles
 * the aliases on every page, and this keeps that short.
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

const upper = (s: string) => s.toUpperCase();
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function fits(form: Form, text: Detail): boolean {
  if (form.proper) {
    for (const [s, e] of form.words) {
      const t = text.shape.slice(s, e);
      const w = form.shape.slice(s, e);
      const ok =
        t === w ||
        t === upper(w) ||
        t === capitalised(w) ||
        // An acronym may be printed as a word: "NATO", "Nato".
        (w === upper(w) && t === capitalised(w.toLowerCase()));
      if (!ok) return false;
    }
  }
  if (form.marks) {
    for (let k = 0; k < form.marks.length; k++) {
      const m = text.marks[k]!;
      if (m !== '' && m !== form.marks[k]) return false;
    }
  }
  return true;
}
