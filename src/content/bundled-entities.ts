/** The alias table build.mjs compiles into the content script (docs/decisions/003). */
import raw from 'backstory:matcher-entities';
import type { MatcherEntity } from '../core/match/matcher';
import type { Entity } from '../core/types';

export type BundledEntity = MatcherEntity & Pick<Entity, 'kind'>;

export const entities = raw as BundledEntity[];
