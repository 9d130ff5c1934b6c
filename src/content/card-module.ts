/**
 * How card.js hands its exports to the content script that loaded it: under a registered symbol
 * on the isolated world's global, which the page cannot see. Kept apart from card-entry.ts so
 * that naming it does not pull the card's code into content.js.
 */
import type { CardHost } from './card-host';

export const CARD_MODULE = Symbol.for('backstory.card-module');
export type CardModule = { CardHost: typeof CardHost };
