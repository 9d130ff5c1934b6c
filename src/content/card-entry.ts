/**
 * The card's code, built as its own script (card.js) and loaded into the content script's world
 * on the first hover or keyboard request (see load-script.ts): most pages never open a
 * card, so they never pay for Preact, floating-ui and the card's styles.
 */
import { CardHost } from './card-host';
import { CARD_MODULE, type CardModule } from './card-module';

(globalThis as unknown as Record<symbol, CardModule>)[CARD_MODULE] = { CardHost };
