/**
 * The extension API for the bundles that run in web pages (scan.js and card.js), in place of
 * src/browser-api.ts: the browser's own object, without webextension-polyfill. build.mjs swaps
 * it in for those bundles only; extension pages and the background keep the polyfill.
 *
 * In both targets the polyfill would only hand back this object: Firefox has `browser`, and so
 * does recent Chrome, whose `chrome` answers the calls these bundles make (messages, storage,
 * `getURL`, `i18n`) with promises from version 114, the manifest's minimum. Its 10 KB of
 * script would still be compiled on every page that loads the scanner (docs/performance.md).
 */
import type Browser from 'webextension-polyfill';

const api = globalThis as { browser?: Browser.Browser; chrome?: Browser.Browser };

export default (api.browser ?? api.chrome)!;
export type { Runtime, Tabs } from 'webextension-polyfill';
