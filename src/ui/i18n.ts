/**
 * UI strings, from `_locales/<lang>/messages.json` through the i18n API. A missing key shows
 * the key itself, so a gap is visible rather than blank.
 */
import browser from '../browser-api';
import type messages from '../_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
