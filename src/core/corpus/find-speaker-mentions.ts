/**
 * Finds who an article names that could be speaking: covered people, their namesakes, and
 * covered organisations. Uses the same matcher as the pages, so the build and the extension
 * agree on what counts as a mention.
 */
import type { EntityEntry } from '../types';
import { compileMatcher } from '../match/matcher';
import type { TextSpan } from './text-span';

export interface SpeakerMention extends TextSpan {
  /**
   * `person`: a covered person, or (with a null `entityId`) a namesake of one ("Usha Vance");
   * `organisation`: a covered place or organisation ("the Kremlin"), which speaks as an institution.
   */
  kind: 'person' | 'organisation';
  entityId: string | null;
  /**
   * The name only qualifies a noun ("Trump’s special envoy", "the Trump administration",
   * "Kremlin spokesperson Dmitry Peskov"), so its bearer is not the one doing what the sentence says.
   */
  modifier: boolean;
}

/** Finds the speaker mentions in one text. */
export type SpeakerMentionFinder = (text: string) => SpeakerMention[];

/** Compiles the matchers once, for a finder that then reads every article of a build. */
export function speakerMentionFinder(entities: readonly EntityEntry[]): SpeakerMentionFinder {
  const people = entities.filter((e) => e.kind === 'person');
  const covered = compileMatcher(people);
  // The matcher drops namesakes; here they are wanted, because "Melania Trump said … she said"
  // must stop a pronoun from reaching back to Donald Trump.
  const namesakes = compileMatcher(people.map((person) => ({ ...person, aliases: person.namesakes, namesakes: [] })));
  const places = compileMatcher(entities.filter((e) => e.kind === 'place-or-organisation'));

  return (text) => {
    const mentions: Omit<SpeakerMention, 'modifier'>[] = [
      ...covered.findAll(text).map(({ entityId, start, end }) => ({ kind: 'person' as const, entityId, start, end })),
      ...namesakes.findAll(text).map(({ start, end }) => ({ kind: 'person' as const, entityId: null, start, end })),
      ...places.findAll(text).map(({ entityId, start, end }) => ({ kind: 'organisation' as const, entityId, start, end })),
    ];
    return mentions
      .map((m) => ({ ...m, modifier: isModifier(text, m) }))
      .sort((a, b) => a.start - b.start);
  };
}

function isModifier(text: string, { kind, start, end }: Omit<SpeakerMention, 'modifier'>): boolean {
  const after = text.slice(end, end + 40);
  const before = text.slice(Math.max(0, start - 5), start);
  if (/^[’']s?(?![\p{L}\p{N}])/u.test(after) || /^(?:\s+administration\b|-era\b)/.test(after)) return true;
  // "Kremlin spokesperson Dmitry Peskov": an organisation naming the speaker's employer.
  if (kind === 'organisation') return /^\s+(?:spokes(?:person|man|woman)|press secretary|official|aide)s?\b/.test(after);
  return /\bthe\s+$/i.test(before);
}
