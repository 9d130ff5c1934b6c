/**
 * Finds the people named in an article, as candidates for who is speaking. Uses the same
 * matcher as the pages, so the build and the extension agree on what counts as a mention.
 */
import type { Entity } from '../types';
import { compileMatcher } from '../match/matcher';
import type { TextSpan } from './text-span';

export interface PersonMention extends TextSpan {
  /** The covered person, or null for a namesake: someone else of the same name ("Usha Vance"). */
  entityId: string | null;
  /**
   * The name only qualifies a noun ("Trump’s special envoy", "the Trump administration"), so
   * its bearer is not the one doing what the sentence says.
   */
  modifier: boolean;
}

export function findPersonMentions(text: string, people: readonly Entity[]): PersonMention[] {
  const covered = compileMatcher(people).findAll(text);
  // The matcher drops namesakes; here they are wanted, because "Melania Trump said … she said"
  // must stop a pronoun from reaching back to Donald Trump.
  const namesakes = compileMatcher(
    people.map((person) => ({ id: person.id, aliases: person.namesakes, namesakes: [] })),
  ).findAll(text);

  return [
    ...covered.map(({ entityId, start, end }) => ({ entityId, start, end })),
    ...namesakes.map(({ start, end }) => ({ entityId: null, start, end })),
  ]
    .map((span) => ({ ...span, modifier: isModifier(text, span) }))
    .sort((a, b) => a.start - b.start);
}

function isModifier(text: string, { start, end }: TextSpan): boolean {
  const after = text.slice(end, end + 16);
  const before = text.slice(Math.max(0, start - 5), start);
  return (
    /^[’']s?(?![\p{L}\p{N}])/u.test(after) ||
    /^(?:\s+administration\b|-era\b)/.test(after) ||
    /\bthe\s+$/i.test(before)
  );
}
