/**
 * The aliases build.mjs compiles into the content script (docs/decisions/003 and 006): every
 * entity's kind, and its aliases already spelled out as the matcher's keys and forms, so a page
 * only unpacks them.
 */
import raw from 'backstory:matcher-entities';
import { matcherFor, type CompiledAliases, type Matcher } from '../core/match/matcher';
import type { EntityKind } from '../core/types';

export interface BundledAliases {
  /** The kind of each entity, in the order of `aliases.ids`. */
  kinds: EntityKind[];
  aliases: CompiledAliases;
}

const bundled = raw as BundledAliases;

/** A matcher for the bundled entities of the kinds `enabled` accepts. */
export function bundledMatcher(enabled: (kind: EntityKind) => boolean): Matcher {
  const { kinds, aliases } = bundled;
  const included = new Set(aliases.ids.filter((_, i) => enabled(kinds[i]!)));
  return matcherFor(aliases, (id) => included.has(id));
}
