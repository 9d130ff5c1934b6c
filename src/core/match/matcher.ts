/**
 * Finds mentions of covered entities in plain text.
 *
 * All aliases compile once into a single regular expression, so a text is scanned in one pass
 * however many aliases there are. Alternatives are ordered longest first, which makes the
 * leftmost match also the longest one at its position ("Marco Rubio" beats "Rubio").
 *
 * Proper names match as written or in all caps ("TRUMP WARNS"), never in lower case, so
 * "trump card" is not Donald Trump. Namesakes ("Melania Trump") compete in the same pass and,
 * being longer, win their position; their matches are then dropped.
 */
import type { Entity } from '../types';

export interface Match {
  entityId: string;
  /** UTF-16 offsets into the scanned text. */
  start: number;
  end: number;
}

export interface Matcher {
  findAll(text: string): Match[];
}

/** The part of an entity the matcher needs; also what the content script bundles. */
export type MatcherEntity = Pick<Entity, 'id' | 'aliases' | 'namesakes'>;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Letters, marks and digits of any script; a name must not touch one on either side. */
const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}]';

export function compileMatcher(entities: readonly MatcherEntity[]): Matcher {
  // Each spelling maps to its entity, or to null when it names someone else (a namesake).
  const owner = new Map<string, string | null>();
  const claim = (spelling: string, id: string | null) => {
    for (const form of new Set([spelling, spelling.toUpperCase()])) {
      // A namesake claim wins over an alias claim of the same spelling.
      if (!owner.has(form) || id === null) owner.set(form, id);
    }
  };
  for (const e of entities) {
    for (const alias of e.aliases) claim(alias, e.id);
    for (const namesake of e.namesakes) claim(namesake, null);
  }
  if (owner.size === 0) return { findAll: () => [] };

  const spellings = [...owner.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const pattern = new RegExp(
    `(?<!${WORD_CHAR})(?:${spellings.map(escapeRegExp).join('|')})(?!${WORD_CHAR})`,
    'gu',
  );

  return {
    findAll(text) {
      const found: Match[] = [];
      for (const m of text.matchAll(pattern)) {
        const entityId = owner.get(m[0]);
        if (entityId) found.push({ entityId, start: m.index, end: m.index + m[0].length });
      }
      return found;
    },
  };
}
