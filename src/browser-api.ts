/**
 * The one seam to the WebExtension API. Every module that needs `browser` imports it from here,
 * so tests can replace this module and nothing else.
 */
import browser from 'webextension-polyfill';

export default browser;
export type { Runtime, Tabs } from 'webextension-polyfill';
