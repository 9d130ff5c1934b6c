/**
 * Loads card.js into the content script's world of a web page, the way each browser allows
 * without exposing anything to the page:
 * - Chrome: `import()` of a web-accessible resource with a per-session URL
 *   (`use_dynamic_url`), so pages cannot probe for Backstory at a fixed address;
 * - Firefox: the background injects it with `scripting.executeScript` into this frame.
 *   Firefox counts content-script match patterns as host access, so this needs no further host
 *   permission, and nothing is web-accessible at all. (web-ext lint rejects `import()` of a
 *   computed URL, and Firefox resolves a literal one against the page, not the extension.)
 * The build sets BACKSTORY_TARGET, so each bundle holds only its own branch.
 */
import browser from '../browser-api';
import { send } from '../messages';
import { CARD_MODULE, type CardModule } from './card-module';

declare const BACKSTORY_TARGET: 'chrome' | 'firefox';

export async function loadCardModule(): Promise<CardModule> {
  const global = globalThis as unknown as Record<symbol, CardModule | undefined>;
  if (!global[CARD_MODULE]) {
    if (BACKSTORY_TARGET === 'firefox') await send('card:load', {});
    else await import(browser.runtime.getURL('card.js'));
  }
  const loaded = global[CARD_MODULE];
  if (!loaded) throw new Error('The card could not be loaded');
  return loaded;
}
